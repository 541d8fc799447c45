"""Text spans: finding a phrase in a rendered element and wrapping it, across inline markup.

A phrase a reader sees (`the model Bolshevik`) may run through emphasis or a link in the
tree. These helpers read an element's text as one whitespace-normalized string, find a
phrase in it, and wrap the matching pieces of each text node in new elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["Span", "find_phrase", "wrap_span", "normalize"]

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class _Piece:
    node: etree.Element
    attribute: str  # "text" or "tail"
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A phrase's place in an element: the text-node pieces it covers."""

    pieces: tuple[_Piece, ...]


def _text_nodes(element: etree.Element, skip: Callable[[etree.Element], bool]) -> Iterator[tuple[etree.Element, str]]:
    if element.text:
        yield element, "text"
    for child in element:
        if not skip(child):
            yield from _text_nodes(child, skip)
        if child.tail:
            yield child, "tail"


_RUN = re.compile(r"\s+|\S+")


def find_phrase(element: etree.Element, phrase: str, *, skip: Callable[[etree.Element], bool] = lambda e: False,
                ignore_case: bool = False, whole_words: bool = False) -> list[Span]:
    """Every occurrence of `phrase` in the element's text, in order."""
    nodes = list(_text_nodes(element, skip))
    reads = [_Read(getattr(node, attribute)) for node, attribute in nodes]
    starts: list[int] = []  # Where each text node's part begins in the text read.
    length, after_space = 0, False
    for read in reads:
        if after_space and read.text.startswith(" "):  # A run of whitespace reads as one space, across nodes too.
            read.drop_first_space()
        starts.append(length)
        length += len(read.text)
        if read.text:
            after_space = read.text.endswith(" ")

    def place(at: int) -> tuple[int, int]:
        """The text node and the offset in it of the character at `at` in the text read."""
        index = bisect_right(starts, at) - 1  # Of text nodes that read as nothing, the one after them.
        return index, reads[index].original(at - starts[index])

    haystack = "".join(read.text for read in reads)
    needle = normalize(phrase)
    if not needle:
        return []
    pattern = re.escape(needle)
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    spans = []
    # Case is ignored by the expression, letter for letter: folding the text itself (`ß` to `ss`) would move every
    # place after a letter that folds to two.
    for match in re.finditer(pattern, haystack, re.IGNORECASE if ignore_case else 0):
        first, last = place(match.start()), place(match.end() - 1)
        pieces = []
        for index in range(first[0], last[0] + 1):
            node, attribute = nodes[index]
            start = first[1] if index == first[0] else 0
            end = last[1] + 1 if index == last[0] else len(getattr(node, attribute))
            if start < end:
                pieces.append(_Piece(node, attribute, start, end))
        spans.append(Span(tuple(pieces)))
    return spans


class _Read:
    """A text node as the phrase is looked for in it: each run of whitespace read as one space."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = _SPACE.sub(" ", source)
        self._dropped = False

    def drop_first_space(self) -> None:
        """Leave out the space of the node's first run of whitespace (what was read before ends with a space)."""
        self.text = self.text[1:]
        self._dropped = True

    def original(self, offset: int) -> int:
        """Where the character at `offset` of the text read is in the node's own text (a space: the first character
        of its run). Most nodes read as they are (single spaces and line breaks): then the two are the same."""
        if len(self.text) == len(self.source) and not self._dropped:
            return offset
        position = 0
        for run in _RUN.finditer(self.source):
            if not run.group(0)[0].isspace():
                if offset < position + len(run.group(0)):
                    return run.start() + offset - position
                position += len(run.group(0))
            elif not (self._dropped and run.start() == 0):
                if offset == position:
                    return run.start()
                position += 1
        raise IndexError(offset)


def wrap_span(root: etree.Element, span: Span, make: Callable[[int], etree.Element]) -> list[etree.Element]:
    """Wrap each piece of a span in a new element from `make(piece_index)`; return them in order."""
    parents = {child: parent for parent in root.iter() for child in parent}
    wrappers = []
    for index, piece in enumerate(span.pieces):
        text = getattr(piece.node, piece.attribute)
        wrapper = make(index)
        wrapper.text = text[piece.start:piece.end]
        wrapper.tail = text[piece.end:]
        setattr(piece.node, piece.attribute, text[:piece.start])
        if piece.attribute == "text":
            piece.node.insert(0, wrapper)
        else:
            parent = parents[piece.node]
            parent.insert(list(parent).index(piece.node) + 1, wrapper)
            parents[wrapper] = parent
        wrappers.append(wrapper)
    return wrappers
