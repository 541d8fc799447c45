"""Annotations: stand-off notes on a phrase of a text, kept in files of their own.

A notes file `readings/notes/<layer>/<text-id>.md` holds one layer of notes on one text,
so that several groups can annotate a text without touching it. Each note starts with a
heading that says where it points, like the W3C TextQuoteSelector:

    ## p12 "the model Bolshevik"
    ## p12 "the party" (2)          the second occurrence of the phrase in paragraph 12

and its body, in Markdown, runs to the next such heading.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from .document import Document, Kind
from . import characters
from .catalog import Catalog
from .problem import Problems, paragraphs_hint


__all__ = ["Annotation", "collect_annotations", "HEADING_FORM"]

_HEADING = re.compile(r'^##\s+p(?P<paragraph>[1-9]\d*)\s+"(?P<phrase>[^"]+)"(?:\s+\((?P<occurrence>[1-9]\d*)\))?\s*$')
_LAYER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADING_FORM = '## p12 "an exact phrase of paragraph 12", or ## p12 "a phrase" (2) for its second occurrence'


@dataclass(frozen=True)
class Annotation:
    """One note on one phrase of one paragraph."""

    text: str
    layer: str
    author: str
    date: datetime.date
    paragraph: int
    phrase: str
    occurrence: int | None
    body: str
    path: str
    line: int
    number: int = 0
    """Its place among all notes of the text, counted in reading order from 1."""

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    @property
    def layer_title(self) -> str:
        return self.layer.replace("-", " ").capitalize()


def collect_annotations(archive: Catalog) -> dict[str, list[Annotation]]:
    """Every annotation of the archive by text id, numbered in reading order; problems are recorded."""
    by_text: dict[str, list[Annotation]] = defaultdict(list)
    for notes in archive.of_kind(Kind.NOTES):
        for annotation in _parse(notes, archive):
            by_text[annotation.text].append(annotation)
    numbered = {}
    for text, annotations in by_text.items():
        ordered = sorted(annotations, key=lambda a: (a.paragraph, a.layer, a.path, a.line))
        numbered[text] = [_with_number(annotation, index) for index, annotation in enumerate(ordered, start=1)]
    return numbered


def _with_number(annotation: Annotation, number: int) -> Annotation:
    return Annotation(**{**annotation.__dict__, "number": number})


def _parse(notes: Document, archive: Catalog) -> list[Annotation]:
    if notes.meta is None:
        return []
    problems = archive.problems
    parts = notes.path.split("/")
    text_id = notes.meta.text or notes.id
    layer = notes.meta.layer or (parts[-2] if len(parts) >= 4 else "notes")
    if not _LAYER.fullmatch(layer):
        problems.add(notes.path, 1, 1, f"the folder name '{layer}' is not a valid layer id",
                     "name the layer's folder with lowercase letters, digits and hyphens, e.g. readings/notes/context/, "
                     "or set 'layer:' in the front matter")
        return []
    text = archive.by_id.get(text_id)
    if text is None or text.kind is not Kind.TEXT:
        where = notes.front.position(("text",)) if notes.meta.text else None
        problems.add(notes.path, where.line if where else 1, where.column if where else 1,
                     f"these notes annotate '{text_id}', which is not a text in the library",
                     "name the file after the text's id, or set 'text:' in the front matter")
        return []
    annotations, heading, body = [], None, []
    lines = notes.body.split("\n")
    for offset, line in enumerate([*lines, "## end"]):
        number = notes.front.body_line + offset
        if line.startswith("## ") or offset == len(lines):
            if heading is not None:
                annotations += _annotation(notes, text, layer, heading, body, problems)
            heading, body = (number, line), []
            if offset < len(lines) and not _HEADING.match(line):
                problems.add(notes.path, number, 1, f"'{line}' is not an annotation heading",
                             f"write it as {HEADING_FORM}")
                heading = None
        elif heading is None and line.strip():
            problems.add(notes.path, number, 1, "this text comes before the first annotation heading",
                         f"start each note with a heading: {HEADING_FORM}")
            heading = (0, "")  # Report only the first stray line.
        else:
            body.append(line)
    return annotations


def _annotation(notes: Document, text: Document, layer: str, heading: tuple[int, str], body: list[str],
                problems: Problems) -> list[Annotation]:
    line, title = heading
    match = _HEADING.match(title)
    if match is None:
        return []
    paragraph = int(match["paragraph"])
    count = len(text.outline.paragraphs)
    if paragraph > count:
        problems.add(notes.path, line, 4, f"'{text.id}' has no paragraph {paragraph}", paragraphs_hint(count))
        return []
    hidden = characters.describe(title, characters.HIDDEN, unit="column")
    if hidden:
        problems.add(notes.path, line, next(characters.find(title))[0] + 1,
                     f"the phrase contains {hidden}",
                     "retype the phrase as the page shows it: this character cannot be seen and would never match")
        return []
    content = "\n".join(body).strip("\n")
    if not content.strip():
        problems.add(notes.path, line, 1, f"the note on \"{match['phrase']}\" is empty", "write the note below its heading")
        return []
    occurrence = int(match["occurrence"]) if match["occurrence"] else None
    return [Annotation(text.id, layer, notes.meta.author, notes.meta.date, paragraph, match["phrase"],
                       occurrence, content, notes.path, line)]
