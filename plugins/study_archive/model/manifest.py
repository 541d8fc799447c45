"""The paragraph manifest: a checked-in record of how each text's paragraphs are numbered.

Readers cite "¶12" and link to `#p12`. A change that shifts numbers, such as a paragraph
added in the middle, must be deliberate: the build compares each text with the manifest
and fails on any difference until the manifest is updated with `archive manifest`.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from pathlib import Path

from .document import Kind
from .catalog import Catalog
from .problem import counted


__all__ = ["MANIFEST", "manifest_of", "record_text", "write_manifest", "check_manifest"]

MANIFEST = "paragraphs.json"
_WORDS = 4
_SIMILAR = 0.75
"""How alike two openings must be, once normalized, to be one paragraph with a typo fixed."""
_UPDATE = "if the change is intended, run `archive manifest` and commit paragraphs.json"


def manifest_of(archive: Catalog) -> dict[str, list[str]]:
    """For each valid text, the first words of each paragraph, in order."""
    return {
        text.id: [" ".join(paragraph.opening.split()[:_WORDS]) for paragraph in text.outline.paragraphs]
        for text in archive.of_kind(Kind.TEXT) if text.meta is not None
    }


def write_manifest(archive: Catalog) -> Path:
    path = archive.root / MANIFEST
    path.write_text(json.dumps(manifest_of(archive), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def record_text(archive: Catalog, id: str) -> Path:
    """Record one text's paragraphs, as `archive manifest` would, leaving every other entry as it was recorded (so
    that a change elsewhere is still caught); with no manifest yet, write the whole of it."""
    path = archive.root / MANIFEST
    if not path.is_file():
        return write_manifest(archive)
    recorded: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))  # Not JSON: the caller says so.
    recorded[id] = manifest_of(archive)[id]
    path.write_text(json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def check_manifest(archive: Catalog) -> None:
    """Report every text whose paragraphs no longer match the manifest; no manifest, no check."""
    path = archive.root / MANIFEST
    if not path.is_file():
        return
    try:
        recorded: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        archive.problems.add(MANIFEST, 1, 1, f"the paragraph manifest is not valid JSON ({error})", _UPDATE)
        return
    current = manifest_of(archive)
    for id, openings in sorted(recorded.items()):
        text = archive.by_id.get(id)
        if id not in current:
            if text is None:
                archive.problems.add(MANIFEST, 1, 1, f"the text '{id}' is gone, and every link to it with it",
                                     f"keep its address alive with 'aliases: [{id}]' on the text that replaces it; {_UPDATE}")
            continue
        now = current[id]
        change = _first_change(openings, now)
        if change:
            archive.problems.add(text.path, text.front.body_line, 1, f"the paragraph numbers of '{id}' changed: {change}", _UPDATE)


def _first_change(before: list[str], after: list[str]) -> str:
    for number, (old, new) in enumerate(zip(before, after), start=1):
        if not _same_paragraph(old, new):
            return f"paragraph {number} began '{old}' and now begins '{new}'"
    if len(before) != len(after):
        return f"it had {counted(len(before), 'paragraph')} and now has {len(after)}"
    return ""


def _same_paragraph(old: str, new: str) -> bool:
    """Whether two openings are one paragraph, typo fixes allowed: case, accents, quotes and punctuation do not
    count, and a few changed letters in the words that remain (`teh` to `the`) do not either."""
    before, after = _key(old), _key(new)
    return before == after or difflib.SequenceMatcher(None, before, after).ratio() >= _SIMILAR


def _key(opening: str) -> str:
    decomposed = unicodedata.normalize("NFKD", opening.casefold())
    return " ".join("".join(char if char.isalnum() else " " for char in decomposed
                            if not unicodedata.combining(char)).split())
