"""A text: one reading in the library, or one chapter of a longer work."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import FrontMatterModel, Line, Paragraphs, Reference, Slug, Url, Year, Date

__all__ = ["TextMeta", "Source", "Holds"]

TextKind = Literal[
    "article", "book", "chapter", "essay", "excerpt", "letter", "pamphlet",
    "post", "resolution", "speech", "statement",
]
Holds = Literal["full", "excerpt", "guide"]
"""Whose words a page holds: the work's own, whole or in passages, or a reading guide in other people's words."""
Rights = Literal["public-domain", "copyright-excerpt", "cc-by", "cc-by-sa", "cc-by-nc-sa", "permission"]


class Source(FrontMatterModel):
    """Where the archive's transcription or excerpt was taken from."""

    title: Line = Field(description="The name of the source, e.g. `Marxists Internet Archive`.")
    url: Url | None = Field(None, description="Its address, e.g. `https://example.org/new-course/`.")


class TextMeta(FrontMatterModel):
    """Front matter of a text in `readings/`: a work, and what the page holds of it.

    The title, authors, year and kind always describe the work. `holds` says whose words the page
    is: the work's own (`full`, the default, or `excerpt`), or a reading guide about it (`guide`),
    written by `guide_by` or, when that is left out, by the archive's editors.

    Example:
        ```yaml
        title: The New Course
        authors: [trotsky]
        year: 1923
        summary: Trotsky's open letters on bureaucracy and party democracy.
        rights: public-domain
        holds: guide
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
    holds: Holds = Field(
        "full", description="Whose words the page holds: `full` (the whole work), `excerpt` (passages of it), or "
        "`guide` (a reading guide that quotes it, in the words of `guide_by`).")
    guide_by: list[Line] = Field(
        [], description="Who wrote the reading guide, e.g. `[Ana Ruiz]`; leave out for the archive's editors. "
        "Only with `holds: guide`.")
    version_of: Reference | None = Field(
        None, description="Another version of the same work that this one translates or parallels, e.g. "
        "`new-course-ru`; give this version's `language` and `translator`.")
    paragraph_map: dict[Paragraphs, Paragraphs] = Field(
        {}, description="Which paragraphs of this version stand beside which of `version_of`, when their counts "
        "differ, e.g. `{1: 1, 2-3: 2, 4: 3}`; every paragraph of both, in order.")
    part_of: Reference | None = Field(None, description="The text this one is a chapter of, e.g. `new-course-book`.")
    responds_to: list[Reference] = Field(
        [], description="Texts this one replies to, optionally at a paragraph, e.g. `[parkinson-current-era#p4]`."
    )

    @model_validator(mode="after")
    def _words_held(self) -> TextMeta:
        if self.guide_by and self.holds != "guide":
            raise ValueError("'guide_by' names who wrote a reading guide: add 'holds: guide', or remove 'guide_by'")
        if self.version_of and self.holds == "guide":
            raise ValueError("a reading guide is not a version of the work: remove 'version_of', or hold the text "
                             "itself ('holds: full' or 'excerpt')")
        if self.paragraph_map and not self.version_of:
            raise ValueError("'paragraph_map' lines this text up with its 'version_of': add 'version_of', or remove it")
        return self
