"""A debate: a question, and the pieces that answered it and each other."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Date, FrontMatterModel, Line, Reference, Slug, Url

__all__ = ["DebateMeta", "Piece"]


class Piece(FrontMatterModel):
    """One contribution to a debate: a library text (`text`) or an external work (`id`, `title`, `author`)."""

    text: Slug | None = Field(None, description="The id of a library text, e.g. `parkinson-current-era`.")
    id: Slug | None = Field(None, description="An id for an external piece, unique in the archive.")
    title: Line | None = Field(None, description="The title of an external piece.")
    author: Line | None = Field(None, description="The author of an external piece.")
    date: Date | None = Field(None, description="When an external piece appeared, e.g. `2019-04-02`.")
    url: Url | None = Field(None, description="Where an external piece can be read.")
    responds_to: list[Reference] = Field([], description="Pieces an external piece replies to; texts say it themselves.")
    position: Line = Field(description="The piece's answer to the question, in one sentence.")
    claims: list[Line] = Field(min_length=1, description="Its key claims, one line each.")

    @model_validator(mode="after")
    def _library_or_external(self) -> Piece:
        if self.text is None and (self.id is None or self.title is None or self.author is None):
            raise ValueError("a piece needs either 'text' (a library id) or 'id', 'title' and 'author'")
        if self.text is not None and (self.id or self.title or self.author or self.date or self.responds_to):
            raise ValueError(
                "a library piece takes its title, author, date and replies from the text's own front matter; remove them"
            )
        return self


class DebateMeta(FrontMatterModel):
    """Front matter of a page in `content/debates/`; the body is a neutral framing.

    Example:
        ```yaml
        title: Is neoliberalism a useful category?
        question: Does "neoliberalism" name a real period of capitalism?
        pieces:
          - text: parkinson-current-era
            position: Yes, it names the era since the 1970s.
            claims: [The postwar settlement ended in the 1970s.]
        ```
    """

    title: Line = Field(description="The debate's name.")
    question: Line = Field(description="The question the pieces answer.")
    summary: Line | None = Field(None, description="One sentence for the debates index.")
    pieces: list[Piece] = Field(min_length=2, description="The contributions, in any order.")
