"""A curriculum: the sessions of a reading group, each with readings and questions."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PositiveInt, StringConstraints, model_validator

from .base import Date, FrontMatterModel, Line, Paragraphs, Slug, Url

__all__ = ["CurriculumMeta", "Session", "Assignment"]

Section = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_-]+$"),
    Field(description="The id of a heading in the text, as in its links, e.g. `outvoted-but-not-wrong`."),
]


class Assignment(FrontMatterModel):
    """One reading of a session: a text in the library (`text`) or an external work (`title`, `author`)."""

    text: Slug | None = Field(None, description="The id of a library text, e.g. `trotsky-new-course`.")
    paragraphs: Paragraphs | None = Field(None, description="A paragraph range of that text, e.g. `4-12`.")
    section: Section | None = Field(
        None, description="A heading of that text, instead of `paragraphs`: the paragraphs up to the next heading."
    )
    title: Line | None = Field(None, description="The title of an external work.")
    author: Line | None = Field(None, description="The author of an external work.")
    url: Url | None = Field(None, description="Where an external work can be read.")
    pages: PositiveInt | None = Field(None, description="How many pages an external work has, e.g. `12`.")

    @model_validator(mode="after")
    def _library_or_external(self) -> Assignment:
        if self.text is None and (self.title is None or self.author is None):
            raise ValueError("a reading needs either 'text' (a library id) or both 'title' and 'author'")
        if self.text is not None and (self.title or self.author or self.pages):
            raise ValueError("a library reading takes its title and author from the text; remove them")
        if self.text is None and (self.paragraphs or self.section):
            raise ValueError("'paragraphs' and 'section' only apply to a library text; use 'pages' for external works")
        if self.paragraphs and self.section:
            raise ValueError("give either 'paragraphs' or 'section', not both")
        return self


class Session(FrontMatterModel):
    """One meeting of the group."""

    title: Line = Field(description="What the session is about.")
    date: Date | None = Field(None, description="When it meets, e.g. `2027-01-12`.")
    place: Line | None = Field(None, description="Where it meets.")
    readings: list[Assignment] = Field(min_length=1, description="What to read before the session.")
    questions: list[Line] = Field(min_length=1, description="Questions for the discussion.")
    facilitator_notes: Line | None = Field(None, description="Notes for whoever leads the session.")
    further_reading: list[Assignment] = Field([], description="Optional readings for those who want more.")


class CurriculumMeta(FrontMatterModel):
    """Front matter of a page in `content/curricula/`; the body is the introduction.

    Example:
        ```yaml
        title: Organization, democracy and debate
        summary: Five sessions on how socialist groups argue and split.
        sessions:
          - title: The New Course
            readings: [{text: trotsky-new-course, paragraphs: 1-6}]
            questions: [What does Trotsky mean by bureaucratism?]
        ```
    """

    title: Line = Field(description="The name of the course.")
    summary: Line = Field(description="One or two sentences on what the group will study.")
    sessions: list[Session] = Field(min_length=1, description="The meetings, in order.")
