"""A text: one reading in the library, or one chapter of a longer work."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import FrontMatterModel, Line, Reference, Slug, Url, Year, Date

__all__ = ["TextMeta", "Source"]

TextKind = Literal[
    "article", "book", "chapter", "essay", "excerpt", "letter", "pamphlet",
    "post", "resolution", "speech", "statement",
]
Rights = Literal["public-domain", "copyright-excerpt", "cc-by", "cc-by-sa", "cc-by-nc-sa", "permission"]


class Source(FrontMatterModel):
    """Where the archive's transcription or excerpt was taken from."""

    title: Line = Field(description="The name of the source, e.g. `Marxists Internet Archive`.")
    url: Url | None = Field(None, description="Its address, e.g. `https://example.org/new-course/`.")


class TextMeta(FrontMatterModel):
    """Front matter of a text in `readings/`.

    Example:
        ```yaml
        title: The New Course
        authors: [trotsky]
        year: 1923
        summary: Trotsky's open letters on bureaucracy and party democracy.
        rights: public-domain
        ```
    """

    title: Line = Field(description="The title of the work, e.g. `The New Course`.")
    authors: list[Slug] = Field([], description="Person ids of its authors, e.g. `[trotsky]`; leave out if unknown.")
    year: Year | None = Field(None, description="The year of first publication, e.g. `1923`; leave out if unknown.")
    date_note: Line | None = Field(None, description="What is known of an uncertain date, e.g. `early 1970s`.")
    published: Date | None = Field(None, description="The exact date of first publication, e.g. `1923-12-08`.")
    kind: TextKind = Field("article", description="What sort of work it is, e.g. `pamphlet`.")
    summary: Line = Field(description="One or two sentences, in the archive's words, on what the text argues.")
    language: Slug = Field("en", description="The language of this version, as a code, e.g. `en`.")
    original_language: Slug | None = Field(None, description="The language it was written in, e.g. `ru`.")
    translator: Line | None = Field(None, description="Who translated this version, e.g. `Max Shachtman`.")
    publication: Line | None = Field(None, description="Where it first appeared, e.g. `Pravda`.")
    source: Source | None = Field(None, description="Where this transcription or excerpt comes from.")
    rights: Rights = Field(description="Its copyright status, e.g. `public-domain` or `copyright-excerpt`.")
    rights_note: Line | None = Field(None, description="Anything a re-publisher must know about its rights.")
    full_text_url: Url | None = Field(None, description="Where the full text can be read, for excerpts.")
    topics: list[Slug] = Field([], description="Topics for search facets, e.g. `[party-democracy]`.")
    aliases: list[Slug] = Field(
        [], description="Former ids of this text: their addresses keep working as redirects, e.g. `[new-course]`."
    )
    part_of: Reference | None = Field(None, description="The text this one is a chapter of, e.g. `new-course-book`.")
    responds_to: list[Reference] = Field(
        [], description="Texts this one replies to, optionally at a paragraph, e.g. `[parkinson-current-era#p4]`."
    )
