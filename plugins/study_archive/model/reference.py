"""Cross-references: the one syntax that links any document to any other.

    [[trotsky-new-course]]              the text, its title as the link text
    [[trotsky-new-course#p12]]          its twelfth paragraph
    [[trotsky-new-course#the-party]]    a heading in it
    [[term:democratic-centralism]]      a kind prefix, checked: term, person, text, curriculum, debate
    [[person:draper|Hal Draper]]        any of these with a link text of one's own

The same syntax, without brackets, is used for references in front matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Reference", "REFERENCE_PATTERN", "outside_fences", "parse_reference", "scan_references", "KINDS"]

KINDS = ("text", "person", "term", "curriculum", "debate")

REFERENCE_PATTERN = r"\[\[([^\[\]\n]+?)\]\]"
_REFERENCE = re.compile(REFERENCE_PATTERN)
_PARTS = re.compile(r"^\s*(?:(?P<kind>[a-z]+):)?(?P<id>[^#|]*?)\s*(?:#(?P<fragment>[^|]*?))?\s*(?:\|(?P<label>.*))?$", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")  # As CommonMark: four spaces make an indented code line.
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True, slots=True)  # An archive has one per reference of every document.
class Reference:
    """A reference as written, and where: `line` and `column` are 1-based in the source file."""

    id: str
    kind: str | None = None
    fragment: str | None = None
    label: str | None = None
    line: int = 0
    column: int = 0

    @property
    def written(self) -> str:
        kind = f"{self.kind}:" if self.kind else ""
        fragment = f"#{self.fragment}" if self.fragment else ""
        return f"{kind}{self.id}{fragment}"


def parse_reference(text: str, line: int = 0, column: int = 0) -> Reference:
    """Parse the inside of `[[...]]`, or a front-matter reference such as `person:draper`."""
    match = _PARTS.match(text)
    assert match is not None  # The pattern accepts any string.
    label = match["label"].strip() if match["label"] is not None else None
    return Reference(match["id"], match["kind"], match["fragment"] or None, label or None, line, column)


def outside_fences(body: str) -> Iterator[tuple[int, str]]:
    """Each line of a Markdown body that is not in a fenced code block, with its 0-based offset."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            yield offset, line


def scan_references(body: str, first_line: int = 1) -> Iterator[Reference]:
    """Every `[[...]]` in a Markdown body outside code, with its line and column in the file."""
    for offset, line in outside_fences(body):
        visible = _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), line)
        for match in _REFERENCE.finditer(visible):
            yield parse_reference(match.group(1), first_line + offset, match.start() + 1)
