"""Integrity: the checks that span documents, run once after every file is loaded.

Ids and URLs are unique, every reference resolves, no text is empty, and no chain of
`part_of` or `responds_to` runs in a circle; versions of a work line up (see `version`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from .curriculum import check_ranges
from .debate import check_debates
from .schedule import check_groups
from .document import Document, Kind
from .manifest import check_manifest
from .version import check_versions
from .frontmatter import Path
from .reference import Reference, parse_reference
from .catalog import Catalog, Miss


__all__ = ["check", "front_references"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTML = re.compile(r"<\s*[A-Za-z!/?]")


def check(archive: Catalog) -> None:
    """Record every cross-document problem of the archive in `archive.problems`."""
    _check_ids(archive)
    _check_urls(archive)
    _check_empty_texts(archive)
    _check_body_references(archive)
    _check_front_references(archive)
    check_ranges(archive)
    _check_cycles(archive, "part_of", "are part of")
    _check_cycles(archive, "responds_to", "respond to")
    check_versions(archive)
    _check_reply_dates(archive)
    check_manifest(archive)
    check_debates(archive)
    check_groups(archive)


def _check_ids(archive: Catalog) -> None:
    first: dict[str, Document] = {}
    for document in archive.documents:
        if document.kind in (Kind.PAGE, Kind.NOTES):
            continue
        if not _SLUG.match(document.id):
            suggestion = re.sub(r"[^a-z0-9]+", "-", document.id.lower()).strip("-")
            archive.problems.add(document.path, 1, 1, f"the file name '{document.id}' is not a valid id",
                                 f"ids are lowercase letters, digits and hyphens: rename it to '{suggestion}.md'")
        if document.id in first:
            other = first[document.id]
            archive.problems.add(document.path, 1, 1, f"the id '{document.id}' is already used by {other.path}",
                                 "ids are file names and must be unique across the archive: rename one file")
        else:
            first[document.id] = document
    for text in archive.of_kind(Kind.TEXT):
        for index, alias in enumerate(getattr(text.meta, "aliases", None) or []):
            if alias in first:
                where = text.front.position(("aliases", index))
                archive.problems.add(text.path, where.line, where.column,
                                     f"the alias '{alias}' is the id of {first[alias].path}",
                                     "an alias keeps a former address alive; it cannot be a current one")
            else:
                first[alias] = text
    for debate in archive.of_kind(Kind.DEBATE):
        for index, piece in enumerate(getattr(debate.meta, "pieces", [])):
            if piece.id and piece.id in first:
                where = debate.front.position(("pieces", index, "id"))
                archive.problems.add(debate.path, where.line, where.column,
                                     f"the piece id '{piece.id}' is already used by {first[piece.id].path}",
                                     "give the external piece an id of its own")


def _check_urls(archive: Catalog) -> None:
    """Two sources may not become one page, even if they differ only in case or Unicode form."""
    by_url: dict[str, list[Document]] = defaultdict(list)
    for document in archive.documents:
        if document.kind is not Kind.NOTES:
            by_url[unicodedata.normalize("NFC", document.url.casefold())].append(document)
    for documents in by_url.values():
        # Texts that share an id share a URI too; the id check has reported those.
        for document in [d for d in documents[1:] if d.uri != documents[0].uri]:
            archive.problems.add(document.path, 1, 1,
                                 f"this page would have the same URL '/{document.url}' as {documents[0].path}",
                                 "rename or move one of them")


def _check_empty_texts(archive: Catalog) -> None:
    for text in archive.of_kind(Kind.TEXT):
        if not text.outline.paragraphs and text.front.valid:
            archive.problems.add(text.path, text.front.body_line, 1, "the text is empty",
                                 "add the text, or an excerpt with commentary, below the front matter")


def _check_body_references(archive: Catalog) -> None:
    for document in archive.documents:
        lines_before = document.front.body_line - 1  # The outline counts lines from the body's first.
        for reference in document.outline.references:
            line = reference.line + lines_before
            _resolve(archive, document, reference, line, reference.column)
            if reference.label and _HTML.search(reference.label):
                archive.problems.add(document.path, line, reference.column, "HTML in a reference's link text",
                                     "a link text is plain text and is shown as typed; remove the markup")


def _check_front_references(archive: Catalog) -> None:
    for document in archive.documents:
        for path, reference, kinds in front_references(document):
            where = document.front.position(path)
            _resolve(archive, document, reference, where.line, where.column, kinds)


def _resolve(archive: Catalog, document: Document, reference: Reference, line: int, column: int,
             kinds: tuple[Kind, ...] = ()):
    """What `reference` names; a problem at `line` and `column` of the document's file if nothing fits."""
    result = archive.resolve(reference, kinds)
    if isinstance(result, Miss):
        debate = archive.external_pieces.get(reference.id)
        if debate is not None and kinds == (Kind.TEXT,):
            return None  # A reply to an external piece of a debate.
        if debate is not None:
            archive.problems.add(document.path, line, column,
                                 f"'{reference.id}' is an external piece of the debate '{debate.id}', which has no page of its own",
                                 f"link the debate instead: [[debate:{debate.id}]]")
            return None
        archive.problems.add(document.path, line, column, result.message, result.hint)
        return None
    if kinds and result.document.kind not in kinds:
        expected = " or ".join(kind.value for kind in kinds)
        archive.problems.add(document.path, line, column,
                             f"'{reference.id}' is a {result.document.kind.value}, but a {expected} belongs here",
                             f"use the id of a {expected}")
        return None
    return result


def front_references(document: Document) -> Iterator[tuple[Path, Reference, tuple[Kind, ...]]]:
    """The references in a document's front matter: where each stands, and what kinds it may name."""
    meta = document.meta
    if meta is None:
        return
    if document.kind is Kind.TEXT:
        for index, author in enumerate(meta.authors):
            yield ("authors", index), parse_reference(author), (Kind.PERSON,)
        if meta.part_of:
            yield ("part_of",), parse_reference(meta.part_of), (Kind.TEXT,)
        if meta.version_of:
            yield ("version_of",), parse_reference(meta.version_of), (Kind.TEXT,)
        for index, target in enumerate(meta.responds_to):
            yield ("responds_to", index), parse_reference(target), (Kind.TEXT,)
    elif document.kind is Kind.TERM:
        for index, term in enumerate(meta.related):
            yield ("related", index), parse_reference(term), (Kind.TERM,)
    elif document.kind is Kind.CURRICULUM:
        for number, session in enumerate(meta.sessions):
            for field in ("readings", "further_reading"):
                for index, reading in enumerate(getattr(session, field)):
                    if reading.text:
                        yield ("sessions", number, field, index, "text"), parse_reference(reading.text), (Kind.TEXT,)
    elif document.kind is Kind.GROUP:
        yield ("curriculum",), parse_reference(meta.curriculum), (Kind.CURRICULUM,)
    elif document.kind is Kind.DEBATE:
        for index, piece in enumerate(meta.pieces):
            if piece.text:
                yield ("pieces", index, "text"), parse_reference(piece.text), (Kind.TEXT,)
            for reply, target in enumerate(piece.responds_to):
                yield ("pieces", index, "responds_to", reply), parse_reference(target), (Kind.TEXT,)


def _check_cycles(archive: Catalog, field: str, verb: str) -> None:
    """Report each cycle once, at the edge leaving its alphabetically first member."""
    edges: dict[str, list[tuple[str, Document, int]]] = defaultdict(list)
    for text in archive.of_kind(Kind.TEXT):
        targets = getattr(text.meta, field, None) if text.meta else None
        for index, target in enumerate([targets] if isinstance(targets, str) else targets or []):
            edges[text.id].append((parse_reference(target).id, text, index))
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        for cycle in _cycles_from(start, edges):
            members = frozenset(cycle)
            if members in reported or min(cycle) != start:
                continue
            reported.add(members)
            document = archive.by_id[start]
            path = (field,) if field == "part_of" else (field, next(i for t, _, i in edges[start] if t == cycle[1 % len(cycle)]))
            where = document.front.position(path)
            chain = " -> ".join([*cycle, cycle[0]])
            archive.problems.add(document.path, where.line, where.column, f"a circle of texts that {verb} each other: {chain}",
                                 f"remove '{field}' from one of them")


def _cycles_from(start: str, edges: dict[str, list[tuple[str, Document, int]]]) -> Iterator[list[str]]:
    stack = [(start, [start])]
    while stack:
        node, trail = stack.pop()
        for target, _, _ in edges.get(node, []):
            if target == start:
                yield trail
            elif target not in trail and target > start:
                stack.append((target, [*trail, target]))


def _check_reply_dates(archive: Catalog) -> None:
    """A text cannot answer one published after it."""
    for text in archive.of_kind(Kind.TEXT):
        if text.meta is None or text.meta.year is None:
            continue
        for index, target in enumerate(text.meta.responds_to):
            answered = archive.by_id.get(parse_reference(target).id)
            if answered is None or answered.kind is not Kind.TEXT or answered.meta is None:
                continue
            if _when(text) < _when(answered):
                where = text.front.position(("responds_to", index))
                archive.problems.add(text.path, where.line, where.column,
                                     f"this text ({_when(text)}) is dated before '{answered.id}' ({_when(answered)}), which it responds to",
                                     "check the year or published date of both texts")


def _when(text: Document) -> str:
    """The most exact date known of a text, as text that sorts by time."""
    return text.meta.published.isoformat() if text.meta.published else str(text.meta.year or "")
