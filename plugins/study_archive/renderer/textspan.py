"""Text spans: finding a phrase in a rendered element and wrapping it, across inline markup.

A phrase a reader sees (`the model Bolshevik`) may run through emphasis or a link in the
tree. These helpers read an element's text as one whitespace-normalized string, find a
phrase in it, and wrap the matching pieces of each text node in new elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat

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
    chunks: list[str] = []
    places: list[tuple[int, int]] = []
    nodes = list(_text_nodes(element, skip))
    after_space = False
    for index, (node, attribute) in enumerate(nodes):
        for run in _RUN.finditer(getattr(node, attribute)):
            if not run.group(0)[0].isspace():
                chunks.append(run.group(0))
                places.extend(zip(repeat(index), range(run.start(), run.end())))
                after_space = False
            elif not after_space:  # A run of whitespace reads as one space, across nodes too.
                chunks.append(" ")
                places.append((index, run.start()))
                after_space = True
    haystack = "".join(chunks)
    needle = normalize(phrase)
    if ignore_case:
        haystack, needle = haystack.casefold(), needle.casefold()
    if not needle:
        return []
    pattern = re.escape(needle)
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    spans = []
    for match in re.finditer(pattern, haystack):
        first, last = places[match.start()], places[match.end() - 1]
        pieces = []
        for index in range(first[0], last[0] + 1):
            node, attribute = nodes[index]
            start = first[1] if index == first[0] else 0
            end = last[1] + 1 if index == last[0] else len(getattr(node, attribute))
            if start < end:
                pieces.append(_Piece(node, attribute, start, end))
        spans.append(Span(tuple(pieces)))
    return spans


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
