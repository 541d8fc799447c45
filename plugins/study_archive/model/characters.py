"""Characters that hide: controls, bidirectional overrides and invisible marks, named so that a reader can find them.

A NUL or a vertical tab breaks XML outputs (EPUB, Atom); a right-to-left override makes a title read backwards; a
zero-width joiner makes `trotsky` and `trot\u200dsky` look the same. The archive reports each by its code point and
name ("U+200D ZERO WIDTH JOINER") and where it stands, and removes it before anything is published.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["CONTROLS", "HIDDEN", "OVERRIDES", "UNSAFE", "describe", "find", "is_confusable", "name_of", "remove"]

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and newline (a carriage return is a line ending, read before this)."""
BIDI = "\u202a-\u202e\u2066-\u2069"
"""Bidirectional embeddings, overrides and isolates: they reorder what a reader sees."""
OVERRIDES = re.compile("[\u202d\u202e]")
"""The two that force an order on everything after them (the "Trojan Source" spoof), which no body may hold: the
marks and isolates that right-to-left writing uses stay allowed there."""
INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff"
"""Characters that show nothing: zero-width spaces and joiners, marks, a byte-order mark, variation selectors."""
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
"""What no plain text of the archive may hold: controls and bidirectional overrides."""
HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{INVISIBLE}]")
"""Everything a reader cannot see where it stands."""

_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION (vertical tab)", 0x0C: "FORM FEED",
    0x1B: "ESCAPE", 0x7F: "DELETE",
}


def name_of(char: str) -> str:
    """`U+200D ZERO WIDTH JOINER`: the code point and its Unicode name."""
    code = ord(char)
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "CONTROL CHARACTER")
    return f"U+{code:04X} {name}"


def find(text: str, pattern: re.Pattern[str] = HIDDEN) -> Iterator[tuple[int, str]]:
    """Each hidden character of `text` with its 0-based index."""
    for match in pattern.finditer(text):
        yield match.start(), match.group(0)


def describe(text: str, pattern: re.Pattern[str] = HIDDEN, *, offset: int = 1, unit: str = "character") -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE at character 3' for the first hidden character, and how many more; or ''."""
    found = list(find(text, pattern))
    if not found:
        return ""
    named = ", ".join(f"{name_of(char)} at {unit} {index + offset}" for index, char in found[:3])
    return named + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")


def remove(text: str, pattern: re.Pattern[str] = HIDDEN) -> str:
    return pattern.sub("", text)


def is_confusable(char: str) -> bool:
    """A letter outside ASCII in what should be an ASCII id: a Cyrillic `а` looks like a Latin `a`."""
    return ord(char) > 127 and unicodedata.category(char).startswith("L")
