"""A notes file: one layer of stand-off annotations on one text."""

from __future__ import annotations

from pydantic import Field

from .base import Date, FrontMatterModel, Line, Slug

__all__ = ["NotesMeta"]


class NotesMeta(FrontMatterModel):
    """Front matter of `readings/notes/<layer>/<text-id>.md`; the body holds the annotations.

    Example:
        ```yaml
        author: Tuesday reading group
        date: 2026-11-23
        ```
    """

    author: Line = Field(description="Who wrote these notes, e.g. `Tuesday reading group`.")
    date: Date = Field(description="When they were written or last revised, e.g. `2026-11-23`.")
    text: Slug | None = Field(None, description="The annotated text's id; defaults to the file name.")
    layer: Slug | None = Field(None, description="The layer, e.g. `context`; defaults to the folder name.")
