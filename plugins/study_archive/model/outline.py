"""Outlines: the paragraphs and headings of a document, as readers cite and link them.

The model holds what an outline is; the renderer, which owns the one reading of Markdown, makes them (a `Reader`),
so that the numbers the catalog checks are the numbers the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from .reference import Reference

__all__ = ["Paragraph", "Heading", "Outline", "Reader"]


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph: its number, its words and how it starts."""

    number: int
    kind: str
    words: int
    opening: str
    text: str = ""
    """Its readable words, with references replaced by their link text."""
    references: tuple[str, ...] = ()
    """The ids its cross-references point at, in order."""

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass(frozen=True)
class Heading:
    """A heading and the anchor the table of contents gives it."""

    level: int
    title: str
    anchor: str
    before: int
    """How many paragraphs come before it, so that a section is a paragraph range."""


@dataclass(frozen=True)
class Outline:
    """The paragraphs and headings of one text."""

    paragraphs: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]
    references: tuple[Reference, ...] = ()
    """Every cross-reference of the body outside code, as the page renders them, with their places in the file."""

    @property
    def words(self) -> int:
        return sum(paragraph.words for paragraph in self.paragraphs)

    def section_words(self, heading: Heading) -> int:
        """The words from a heading to the next heading of the same or a higher level."""
        after = self.headings[self.headings.index(heading) + 1:]
        end = next((h.before for h in after if h.level <= heading.level), len(self.paragraphs))
        return sum(paragraph.words for paragraph in self.paragraphs[heading.before:end])

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Every id a link may point at in the text: its paragraphs and its headings."""
        return frozenset({p.anchor for p in self.paragraphs} | {h.anchor for h in self.headings})


class Reader(Protocol):
    """What reads a Markdown body into its outline; the renderer's `Segmenter` is the one the archive uses."""

    def outline(self, source: str) -> Outline: ...
