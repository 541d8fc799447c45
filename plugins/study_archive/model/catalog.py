"""The catalog: every document of an archive, indexed by id, and the resolution of references between them."""

from __future__ import annotations

import re
from functools import cached_property
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import characters
from .document import REFERABLE, Document, Kind, Layout
from .problem import Problems, did_you_mean, paragraphs_hint
from .reference import KINDS, Reference

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

__all__ = ["Catalog", "Miss", "Target"]


@dataclass(frozen=True)
class Miss:
    """Why a reference resolves to nothing, and what to do about it."""

    message: str
    hint: str = ""


@dataclass(frozen=True)
class Target:
    """Where a resolved reference points: a document and, maybe, an anchor in it."""

    document: Document
    anchor: str | None = None


class Catalog:
    """All documents of one archive, the problems found in them, and what points where."""

    def __init__(self, root: Path, layout: Layout, documents: Iterable[Document], problems: Problems) -> None:
        self.root = root
        self.layout = layout
        self.documents = sorted(documents, key=lambda document: document.path)
        self.problems = problems
        self.by_id: dict[str, Document] = {}
        for document in self.documents:
            if document.kind in REFERABLE:
                self.by_id.setdefault(document.id, document)

    @cached_property
    def external_pieces(self) -> dict[str, Document]:
        """The ids of debate pieces that are not library texts, each with its debate."""
        return {piece.id: debate for debate in self.of_kind(Kind.DEBATE)
                for piece in getattr(debate.meta, "pieces", None) or [] if piece.id}

    @cached_property
    def backlinks(self) -> dict[str, list[tuple[Document, int | None]]]:
        """For each id, the documents that reference it, with the paragraph for texts."""
        links: dict[str, list[tuple[Document, int | None]]] = {}
        for document in self.documents:
            if document.kind is Kind.NOTES:
                continue
            if document.kind is Kind.TEXT:
                found = [(id, paragraph.number) for paragraph in document.outline.paragraphs for id in paragraph.references]
            else:
                found = [(reference.id, None) for reference in document.outline.references]
            for id, number in found:
                entries = links.setdefault(id, [])
                if (document, number) not in entries and document.id != id:
                    entries.append((document, number))
        return links

    def of_kind(self, kind: Kind | str) -> list[Document]:
        """The documents of one kind, in the catalog's order: a new list, for the caller to keep or change."""
        return list(self._by_kind.get(Kind(kind), ()))

    @cached_property
    def _by_kind(self) -> dict[Kind, list[Document]]:
        by_kind: dict[Kind, list[Document]] = {}
        for document in self.documents:
            by_kind.setdefault(document.kind, []).append(document)
        return by_kind

    def works_of(self, person: Document) -> list[Document]:
        """The texts a person wrote, oldest first."""
        texts = [text for text in self.of_kind(Kind.TEXT) if text.meta and person.id in text.meta.authors]
        return sorted(texts, key=lambda text: (text.meta.year or 0, text.title))

    def authors_of(self, text: Document) -> list[Document]:
        """The people who wrote a text, in the order its front matter gives."""
        ids = text.meta.authors if text.meta else []
        people = (self.by_id.get(id) for id in ids)
        return [person for person in people if person is not None and person.kind is Kind.PERSON]

    def resolve(self, reference: Reference, kinds: tuple[Kind, ...] = ()) -> Target | Miss:
        """The target of a reference, or why there is none; `kinds` are those the place of the reference expects."""
        if reference.kind is not None and reference.kind not in KINDS:
            hint = did_you_mean(reference.kind, KINDS) or f"use one of {', '.join(KINDS)}"
            return Miss(f"unknown kind '{reference.kind}' in reference '{reference.written}'", hint)
        document = self.by_id.get(reference.id)
        if document is None:
            odd = _odd_character(reference)
            if odd:
                return Miss(f"the reference '{reference.written}' contains {odd}",
                            "retype it: ids are lowercase ASCII letters, digits and hyphens, and this character only "
                            "looks like one or cannot be seen")
            return Miss(f"unknown reference '{reference.written}'", self._unknown_hint(reference, kinds))
        if reference.kind is not None and document.kind.value != reference.kind:
            return Miss(f"'{reference.id}' is a {document.kind.value}, not a {reference.kind}",
                        f"write {document.kind.value}:{reference.id}")
        if reference.fragment is None:
            return Target(document)
        if not document.outline.has_anchor(reference.fragment):
            return _unknown_fragment(document, reference)
        return Target(document, reference.fragment)

    def _unknown_hint(self, reference: Reference, kinds: tuple[Kind, ...]) -> str:
        """A likely typo of an id of the expected kind, else how to add the missing document."""
        expected = Kind(reference.kind) if reference.kind else kinds[0] if len(kinds) == 1 else None
        same_kind = [id for id, document in self.by_id.items() if expected is None or document.kind is expected]
        hint = did_you_mean(reference.id, same_kind) or did_you_mean(reference.id, self.by_id)
        if hint:
            return hint
        if not reference.id:
            return "write an id between the brackets, e.g. [[trotsky-new-course]]"
        if not _SLUG.match(reference.id):
            return "an id is a file name without '.md': lowercase letters, digits and hyphens"
        if expected is None:
            return (f"no document has this id: check its spelling, or add the document "
                    f"(`archive new text {reference.id}`, or person, term, curriculum, debate)")
        folder = self.layout.folder_of(expected)
        path = f"{folder}/{reference.id}.md" if expected is Kind.TEXT else f"{self.layout.content_dir}/{folder}/{reference.id}.md"
        return f"add {path} (`archive new {expected.value} {reference.id}`)"


def _odd_character(reference: Reference) -> str:
    """The first hidden or look-alike character of a reference, named and placed; '' when there is none."""
    written = reference.written
    for index, char in enumerate(written):
        if characters.HIDDEN.match(char) or characters.is_confusable(char):
            where = f"column {reference.column + 2 + index}" if reference.column else f"character {index + 1}"
            return f"{characters.name_of(char)} at {where}"
    return ""


def _unknown_fragment(document: Document, reference: Reference) -> Miss:
    fragment = reference.fragment or ""
    count = len(document.outline.paragraphs)
    if fragment[:1] == "p" and fragment[1:].isdigit():
        number = int(fragment[1:])
        if str(number) != fragment[1:]:
            if 1 <= number <= count:
                return Miss(f"'#{fragment}' is written with leading zeros", f"paragraph anchors have none: write #p{number}")
            return Miss(f"'{document.id}' has no paragraph {number} (written '#{fragment}')", paragraphs_hint(count))
        return Miss(f"'{document.id}' has no paragraph {number}", paragraphs_hint(count))
    headings = [heading.anchor for heading in document.outline.headings]
    hint = did_you_mean(fragment, headings) or (
        f"its headings are: {', '.join(headings)}" if headings else "it has no headings; link a paragraph as #pN"
    )
    return Miss(f"'{document.id}' has no heading or paragraph '#{fragment}'", hint)
