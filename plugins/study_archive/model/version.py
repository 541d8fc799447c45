"""Versions of a work: the original and its translations, and which of their paragraphs stand side by side.

A text says it is a version of another with `version_of`; the texts so joined, directly or through
others, are the versions of one work. Two versions line up paragraph by paragraph when they have
as many paragraphs, or when one of them maps its paragraphs onto the other's with `paragraph_map`.
Each pair that lines up gets a side-by-side page at `readings/<id>/compare/<other>/`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from itertools import permutations

from .catalog import Catalog
from .document import Document, Kind, page_url
from .reference import parse_reference

__all__ = ["Row", "Pair", "Versions", "check_versions"]


@dataclass(frozen=True)
class Row:
    """Paragraphs of one version beside paragraphs of the other: `(2,)` beside `(2, 3)`."""

    left: tuple[int, ...]
    right: tuple[int, ...]


@dataclass(frozen=True)
class Pair:
    """Two versions of a work that line up, `left` read beside `right`."""

    left: Document
    right: Document
    rows: tuple[Row, ...]

    @property
    def uri(self) -> str:
        """The source name of the side-by-side page, a generated page at `readings/<left>/compare/<right>/`."""
        return posixpath.join(posixpath.dirname(self.left.uri), self.left.id, "compare", f"{self.right.id}.md")

    @property
    def url(self) -> str:
        return page_url(self.uri)


class Versions:
    """The versions of each work in an archive, and the pairs of them that line up."""

    def __init__(self, archive: Catalog) -> None:
        texts = {text.id: text for text in archive.of_kind(Kind.TEXT) if text.meta is not None}
        self.groups: dict[str, tuple[Document, ...]] = {}
        """The versions of the work each text belongs to, itself included, by text id; only texts with versions."""
        self.problems: list[tuple[Document, int, int, str, str]] = []
        self.pairs: dict[tuple[str, str], Pair] = {}
        links = {id: parse_reference(text.meta.version_of).id for id, text in texts.items()
                 if text.meta.version_of and parse_reference(text.meta.version_of).id in texts
                 and parse_reference(text.meta.version_of).id != id
                 and texts[parse_reference(text.meta.version_of).id].meta.holds != "guide"}
        for group in _groups(links):
            versions = tuple(sorted((texts[id] for id in group), key=lambda text: (text.meta.language, text.id)))
            for text in versions:
                self.groups[text.id] = versions
            for left, right in permutations(versions, 2):
                rows = self._rows(left, right, links)
                if rows is not None:
                    self.pairs[left.id, right.id] = Pair(left, right, rows)
        self.by_url = {pair.url: pair for pair in self.pairs.values()}

    def others(self, text: Document) -> list[Document]:
        """The other versions of the work a text is a version of, by language."""
        return [other for other in self.groups.get(text.id, ()) if other.id != text.id]

    def pair(self, left: Document, right: Document) -> Pair | None:
        """The side-by-side view of two versions, if they line up."""
        return self.pairs.get((left.id, right.id))

    def pair_at(self, url: str) -> Pair | None:
        """The side-by-side view published at a site URL."""
        return self.by_url.get(url)

    def _rows(self, left: Document, right: Document, links: dict[str, str]) -> tuple[Row, ...] | None:
        """How two versions line up: by a map one of them gives of the other, else one to one, else not at all."""
        if links.get(left.id) == right.id and left.meta.paragraph_map:
            return self._mapped(left, right, flip=False)
        if links.get(right.id) == left.id and right.meta.paragraph_map:
            return self._mapped(right, left, flip=True)
        count, other = len(left.outline.paragraphs), len(right.outline.paragraphs)
        if count == other:
            return tuple(Row((number,), (number,)) for number in range(1, count + 1))
        if links.get(left.id) == right.id:  # Said to be a version of it, yet nothing lines them up.
            where = left.front.position(("version_of",))
            self.problems.append((
                left, where.line, where.column,
                f"this text has {count} paragraph{'s' if count != 1 else ''} and its version '{right.id}' has {other}, "
                "so they cannot stand side by side",
                "split or join paragraphs until both have as many, or add a 'paragraph_map' "
                "(e.g. `{1: 1, 2-3: 2}`) saying which of this text's paragraphs stand beside which of the other's",
            ))
        return None

    def _mapped(self, text: Document, other: Document, flip: bool) -> tuple[Row, ...] | None:
        """The rows of `text`'s `paragraph_map` onto `other`, checked to cover both texts' paragraphs in order."""
        rows = [Row(_numbers(mine), _numbers(theirs)) for mine, theirs in text.meta.paragraph_map.items()]
        counts = len(text.outline.paragraphs), len(other.outline.paragraphs)
        for side, (name, count) in enumerate(((text.id, counts[0]), (other.id, counts[1]))):
            numbers = [number for row in rows for number in (row.left if side == 0 else row.right)]
            if numbers != list(range(1, count + 1)):
                where = text.front.position(("paragraph_map",))
                problem = (
                    text, where.line, where.column,
                    f"the paragraph_map does not cover the {count} paragraphs of '{name}' once each, in order "
                    f"(it gives {_listed(numbers)})",
                    f"list every paragraph of both texts, from 1 to the last, each once: this text has {counts[0]}, "
                    f"'{other.id}' has {counts[1]}",
                )
                if problem not in self.problems:  # Both directions of a pair read the same map.
                    self.problems.append(problem)
                return None
        if flip:
            rows = [Row(row.right, row.left) for row in rows]
        return tuple(rows)


def check_versions(archive: Catalog) -> None:
    """Record the versions that say they line up but cannot, and versions of themselves or of a reading guide."""
    for text in archive.of_kind(Kind.TEXT):
        if text.meta is None or not text.meta.version_of:
            continue
        target = archive.by_id.get(parse_reference(text.meta.version_of).id)
        where = text.front.position(("version_of",))
        if target is text:
            archive.problems.add(text.path, where.line, where.column, "a text cannot be a version of itself",
                                 "name the other version's id in 'version_of'")
        elif target is not None and target.kind is Kind.TEXT and target.meta and target.meta.holds == "guide":
            archive.problems.add(text.path, where.line, where.column,
                                 f"'{target.id}' is a reading guide, not a version of the work",
                                 "name a text that holds the work itself ('holds: full' or 'excerpt')")
    for document, line, column, message, hint in Versions(archive).problems:
        archive.problems.add(document.path, line, column, message, hint)


def _groups(links: dict[str, str]) -> list[list[str]]:
    """The ids joined by `version_of` links, directly or through others, each group in a stable order."""
    parent: dict[str, str] = {}

    def root(id: str) -> str:
        while parent.setdefault(id, id) != id:
            id = parent[id]
        return id

    for source, target in links.items():
        parent[root(source)] = root(target)
    groups: dict[str, list[str]] = {}
    for id in sorted(parent):
        groups.setdefault(root(id), []).append(id)
    return list(groups.values())


def _numbers(paragraphs: str) -> tuple[int, ...]:
    first, _, last = paragraphs.partition("-")
    return tuple(range(int(first), int(last or first) + 1))


def _listed(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if numbers else "none"
