"""Limits: what a source file may be before the build refuses it with a clear message.

Python-Markdown takes minutes on ten thousand `[` and overflows the stack on lists nested
hundreds deep; a file may be huge, or a symlink to something outside the repository. Each
of these is caught before rendering and reported; the page is built empty instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import characters
from .frontmatter import FrontMatter
from .problem import Problems
from .reference import outside_fences

__all__ = ["MAX_FILE_BYTES", "inside", "check_size", "check_markdown", "check_front_matter_text"]

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Ten MiB: a long book is a tenth of that."""
MAX_BRACKETS = 2_000
"""Square brackets in one block of Markdown; real prose has a handful."""
MAX_DEPTH = 30
"""Nesting of lists and block quotes."""

MAX_FOOTNOTES = 5_000
"""Footnote markers and notes in one file; a long book has a few hundred."""

_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_ID_LIKE = re.compile(r"(?:[a-z]+:)?[a-z0-9-]+(?:#[A-Za-z0-9_-]+)?")
_FOOTNOTE = re.compile(r"\[\^")
_MARKERS = re.compile(r"^\s*(?:(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))\s*)+")
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")


def inside(root: Path, path: Path) -> bool:
    """Whether a path, followed through any symlinks, stays inside the root."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def check_size(path: str, size: int, problems: Problems) -> bool:
    if size <= MAX_FILE_BYTES:
        return True
    problems.add(path, 1, 1, f"the file is {size / 2**20:.1f} MiB, over the limit of {MAX_FILE_BYTES // 2**20} MiB",
                 "split it into chapters, one file each, joined by 'part_of'")
    return False


def check_markdown(path: str, body: str, first_line: int, problems: Problems) -> bool:
    """Refuse Markdown that would hang or crash the renderer; True when it is fine."""
    line = first_line
    for block in body.split("\n\n"):
        brackets = block.count("[")
        if brackets > MAX_BRACKETS:
            problems.add(path, line, 1, f"a block with {brackets:,} square brackets",
                         f"more than {MAX_BRACKETS:,} in one paragraph cannot be real links or references; escape them as \\[")
            return False
        line += block.count("\n") + 2
    for offset, text in outside_fences(body):  # Fenced code is code, however deeply it is indented.
        depth = _depth(text)
        if depth > MAX_DEPTH:
            problems.add(path, first_line + offset, 1, f"lists or quotes nested {depth} deep",
                         f"nest at most {MAX_DEPTH} levels")
            return False
    footnotes = len(_FOOTNOTE.findall(body))
    if footnotes > MAX_FOOTNOTES:
        problems.add(path, first_line, 1, f"{footnotes:,} footnote markers and notes",
                     f"a text may have at most {MAX_FOOTNOTES:,}; split it into chapters joined by 'part_of'")
        return False
    return True


def check_front_matter_text(path: str, front: FrontMatter, problems: Problems) -> None:
    """Front matter is plain text: markup in it is shown as typed, never run; say so. Characters that hide (controls,
    bidirectional overrides, and invisible marks in an id) are reported by name and removed."""
    for where, value in list(_strings(front.data, ())):
        position = front.position(where)
        if _HTML.search(value):
            problems.add(path, position.line, position.column, "HTML in a front-matter field",
                         "front matter is plain text and is shown as typed; use the Markdown body for markup")
        hidden = characters.UNSAFE if not _ID_LIKE.fullmatch(characters.remove(value)) else characters.HIDDEN
        found = characters.describe(value, hidden)
        if found:
            field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in where).lstrip(".")
            problems.add(path, position.line, position.column, f"'{field}' contains {found} of its value",
                         "retype the value: this character is invisible or reorders the text a reader sees")
            _replace(front.data, where, characters.remove(value, hidden))


def _replace(data: Any, where: tuple, value: str) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


def _depth(line: str) -> int:
    """How deep a line nests as the parser sees it: a level per four spaces of indentation, and one per list marker
    or `>` that opens the line (`- - - x` and `> > x` nest as deep as their indented forms)."""
    if not line or not (line[0].isspace() or line[0].isdigit() or line[0] in ">-*+"):
        return 0  # Neither indented nor opened by a marker, as most lines of prose are: `_MARKERS` cannot match.
    expanded = line.expandtabs(4)
    indent = (len(expanded) - len(expanded.lstrip(" "))) // 4
    opening = _MARKERS.match(expanded)
    return indent + (len(_MARKER.findall(opening.group(0))) if opening else 0)


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
