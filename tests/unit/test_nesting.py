"""How deep a line nests, as the limit on nesting reads it: the shortcut for plain lines changes no answer."""

from __future__ import annotations

import random

import pytest

from study_archive.model import limits


def full_reading(line: str) -> int:
    """`limits._depth` without its shortcut: indentation by fours, then every marker that opens the line."""
    expanded = line.expandtabs(4)
    opening = limits._MARKERS.match(expanded)
    indent = (len(expanded) - len(expanded.lstrip(" "))) // 4
    return indent + (len(limits._MARKER.findall(opening.group(0))) if opening else 0)


@pytest.mark.parametrize("line, depth", [
    ("Plain prose.", 0), ("", 0), ("- item", 1), ("> > quoted", 2), ("        - deep", 3), ("\t\t> x", 3),
    ("1. one", 1), ("\u00a0- after a no-break space", 1), ("٣. an Arabic-Indic three", 1), ("-not a marker", 0),
])
def test_depths(line, depth):
    assert limits._depth(line) == depth == full_reading(line)


def test_the_shortcut_agrees_with_the_full_reading_on_every_start_and_random_lines():
    starts = [chr(code) + tail for code in range(0x3000) for tail in ("", " x", ". x", ") x", "\t- x")]
    rng = random.Random(0)
    alphabet = " \t>-*+1.)a\u00a0\u2003٣"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    assert [limits._depth(line) for line in starts + lines] == [full_reading(line) for line in starts + lines]
