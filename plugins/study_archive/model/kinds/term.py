"""A glossary term: a word the texts use in a sense a new reader needs explained."""

from __future__ import annotations

from pydantic import Field

from .base import FrontMatterModel, Line, Reference

__all__ = ["TermMeta"]


class TermMeta(FrontMatterModel):
    """Front matter of a page in `content/glossary/`; the body is the long definition.

    Example:
        ```yaml
        title: Democratic centralism
        short: Freedom of discussion inside the party, unity of action outside it.
        aliases: [democratic-centralist]
        ```
    """

    title: Line = Field(description="The term as it is written, e.g. `Democratic centralism`.")
    short: Line = Field(description="A one-sentence definition, shown in tooltips.")
    aliases: list[Line] = Field([], description="Other forms of the term found in texts, e.g. `[micro-sects]`.")
    related: list[Reference] = Field([], description="Ids of related terms, e.g. `[faction]`.")
