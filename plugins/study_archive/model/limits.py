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

from .frontmatter import FrontMatter
from .problem import Problems

__all__ = ["MAX_FILE_BYTES", "inside", "check_size", "check_markdown", "check_front_matter_text"]

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Ten MiB: a long book is a tenth of that."""
MAX_BRACKETS = 2_000
"""Square brackets in one block of Markdown; real prose has a handful."""
MAX_DEPTH = 30
"""Nesting of lists and block quotes."""

_HTML = re.compile(r"<\s*[A-Za-z!/?]")


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
        for offset, text in enumerate(block.split("\n")):
            depth = _depth(text)
            if depth > MAX_DEPTH:
                problems.add(path, line + offset, 1, f"lists or quotes nested {depth} deep",
                             f"nest at most {MAX_DEPTH} levels")
                return False
        line += block.count("\n") + 2
    return True


def check_front_matter_text(path: str, front: FrontMatter, problems: Problems) -> None:
    """Front matter is plain text: markup in it is shown as typed, never run; say so."""
    for where, value in _strings(front.data, ()):
        if _HTML.search(value):
            position = front.position(where)
            problems.add(path, position.line, position.column, "HTML in a front-matter field",
                         "front matter is plain text and is shown as typed; use the Markdown body for markup")


def _depth(line: str) -> int:
    expanded = line.expandtabs(4)
    indent = (len(expanded) - len(expanded.lstrip(" "))) // 2
    quotes = len(re.match(r"[>\s]*", expanded).group(0).replace(" ", ""))
    return max(indent, quotes)


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
