"""Outlines: the paragraphs and headings of a document, as readers cite and link them.

The model holds what an outline is; the renderer, which owns the one reading of Markdown, makes them (a `Reader`),
so that the numbers the catalog checks are the numbers the page shows.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from .reference import Reference

__all__ = ["Paragraph", "Heading", "Outline", "Reader"]


@dataclass(frozen=True, slots=True)  # An archive has one per paragraph of every text.
class Paragraph:
    """One numbered paragraph: its number, its words and how it starts; its readable words are its outline's
    (`Outline.texts`)."""

    number: int
    kind: str
    words: int
    opening: str
    references: tuple[str, ...] = ()
    """The ids its cross-references point at, in order."""

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass(frozen=True, slots=True)
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
    packed: bytes = b""
    """The readable words of every paragraph, end to end and compressed (see `pack` and `texts`)."""
    ends: bytes = b""
    """Where each paragraph's words end in the unpacked text, in characters: an `array` of 32-bit counts, as bytes
    (so that an outline stays hashable)."""

    @classmethod
    def pack(cls, paragraphs: Sequence[Paragraph], texts: Sequence[str], headings: Sequence[Heading] = (),
             references: Sequence[Reference] = ()) -> Outline:
        """An outline of `paragraphs`, whose readable words are `texts`, one for each.

        The words are read twice in a build, by the glossary and the search index, while the archive is held from
        the first page to the last: compressed together, they take two fifths of the memory of a string for each
        paragraph (6.5 MiB for 16 at 500 generated texts)."""
        if len(paragraphs) != len(texts):
            raise ValueError(f"{len(paragraphs)} paragraphs and {len(texts)} texts: give one text to each paragraph")
        ends = array("I", accumulate(len(text) for text in texts))
        joined = "".join(texts)
        packed = zlib.compress(joined.encode("utf-8", errors="surrogatepass"), 1) if joined else b""
        return cls(tuple(paragraphs), tuple(headings), tuple(references), packed, ends.tobytes())

    def texts(self) -> list[str]:
        """The readable words of each paragraph, in order, with references replaced by their link text."""
        joined = zlib.decompress(self.packed).decode("utf-8", errors="surrogatepass") if self.packed else ""
        ends = array("I", self.ends)
        return [joined[start:end] for start, end in zip([0, *ends], ends)]

    @property
    def words(self) -> int:
        return sum(paragraph.words for paragraph in self.paragraphs)

    def section_words(self, heading: Heading) -> int:
        """The words from a heading to the next heading of the same or a higher level."""
        after = self.headings[self.headings.index(heading) + 1:]
        end = next((h.before for h in after if h.level <= heading.level), len(self.paragraphs))
        return sum(paragraph.words for paragraph in self.paragraphs[heading.before:end])

    def has_anchor(self, anchor: str) -> bool:
        """Whether a link may point at `anchor` in the text: one of its paragraphs (`p1`, `p2`...) or headings.

        Answered from the paragraph count, not from a set of every anchor kept for each document of the archive."""
        number = anchor[1:]
        if anchor[:1] == "p" and number.isascii() and number.isdigit() and number[0] != "0":
            if int(number) <= len(self.paragraphs):
                return True
        return any(heading.anchor == anchor for heading in self.headings)


class Reader(Protocol):
    """What reads a Markdown body into its outline; the renderer's `Segmenter` is the one the archive uses."""

    def outline(self, source: str) -> Outline: ...
