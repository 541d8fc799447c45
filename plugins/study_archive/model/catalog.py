"""The catalog: every document of an archive, loaded once, indexed by id, and checked."""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .annotation import Annotation, collect_annotations
from .document import REFERABLE, Document, Kind, Layout
from .frontmatter import parse_front_matter, read_source
from .glossary import Glossary
from .limits import check_front_matter_text, check_markdown, check_size, inside
from ..renderer.reading import Segmenter
from .problem import Problems, did_you_mean
from .reference import KINDS, Reference, scan_references
from .validation import validate

__all__ = ["Archive", "Miss", "Target"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


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


class Archive:
    """All documents of one archive and the problems found in them."""

    def __init__(self, root: Path, layout: Layout, documents: Iterable[Document], problems: Problems) -> None:
        self.root = root
        self.layout = layout
        self.documents = sorted(documents, key=lambda document: document.path)
        self.problems = problems
        self.annotations: dict[str, list[Annotation]] = {}
        """The annotations of each text by its id, in reading order."""
        self.by_id: dict[str, Document] = {}
        for document in self.documents:
            if document.kind in REFERABLE:
                self.by_id.setdefault(document.id, document)

    @classmethod
    def load(cls, root: Path | str, layout: Layout = Layout(), segmenter: Segmenter | None = None) -> Archive:
        """Read, parse and validate every Markdown file under the content and readings folders."""
        from .integrity import check

        root = Path(root)
        segmenter = segmenter or Segmenter()
        problems = Problems()
        documents = [
            load_document(root, path, layout, segmenter, problems)
            for path in _markdown_files(root, (layout.content_dir, layout.readings_dir), problems)
        ]
        archive = cls(root, layout, documents, problems)
        archive.annotations = collect_annotations(archive)
        check(archive)
        return archive

    @cached_property
    def external_pieces(self) -> dict[str, Document]:
        """The ids of debate pieces that are not library texts, each with its debate."""
        return {piece.id: debate for debate in self.of_kind(Kind.DEBATE)
                for piece in getattr(debate.meta, "pieces", None) or [] if piece.id}

    @cached_property
    def glossary(self) -> Glossary:
        """Where each glossary term appears in the texts."""
        return Glossary(self)

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
                found = [(reference.id, None) for reference in scan_references(document.body)]
            for id, number in found:
                entries = links.setdefault(id, [])
                if (document, number) not in entries and document.id != id:
                    entries.append((document, number))
        return links

    def of_kind(self, kind: Kind | str) -> list[Document]:
        kind = Kind(kind)
        return [document for document in self.documents if document.kind is kind]

    def works_of(self, person: Document) -> list[Document]:
        """The texts a person wrote, oldest first."""
        texts = [text for text in self.of_kind(Kind.TEXT) if text.meta and person.id in text.meta.authors]
        return sorted(texts, key=lambda text: (text.meta.year or 0, text.title))

    def authors_of(self, text: Document) -> list[Document]:
        """The people who wrote a text, in the order its front matter gives."""
        ids = text.meta.authors if text.meta else []
        people = (self.by_id.get(id) for id in ids)
        return [person for person in people if person is not None and person.kind is Kind.PERSON]

    def resolve(self, reference: Reference) -> Target | Miss:
        """The target of a reference, or why there is none."""
        if reference.kind is not None and reference.kind not in KINDS:
            hint = did_you_mean(reference.kind, KINDS) or f"use one of {', '.join(KINDS)}"
            return Miss(f"unknown kind '{reference.kind}' in reference '{reference.written}'", hint)
        document = self.by_id.get(reference.id)
        if document is None:
            return Miss(f"unknown reference '{reference.written}'", did_you_mean(reference.id, self.by_id))
        if reference.kind is not None and document.kind.value != reference.kind:
            return Miss(f"'{reference.id}' is a {document.kind.value}, not a {reference.kind}",
                        f"write {document.kind.value}:{reference.id}")
        if reference.fragment is None:
            return Target(document)
        if reference.fragment not in document.outline.anchors:
            return _unknown_fragment(document, reference)
        return Target(document, reference.fragment)

    def summary(self) -> str:
        """One line counting the documents of each kind, for the end of a build."""
        counts = Counter(document.kind for document in self.documents)
        parts = [f"{counts[kind]} {kind.plural if counts[kind] != 1 else kind.value}" for kind in Kind if kind is not Kind.NOTES]
        notes = sum(len(annotations) for annotations in self.annotations.values())
        parts.append(f"{notes} annotation{'s' if notes != 1 else ''} in {counts[Kind.NOTES]} {Kind.NOTES.plural if counts[Kind.NOTES] != 1 else 'notes file'}")
        errors = len(self.problems)
        return f"{', '.join(parts)}; {errors} problem{'s' if errors != 1 else ''}"


def load_document(root: Path, path: str, layout: Layout, segmenter: Segmenter, problems: Problems) -> Document:
    """Parse one source file into a document, recording its problems."""
    file = root / path
    raw = file.read_bytes() if check_size(path, file.stat().st_size, problems) else b""
    source = read_source(path, raw, problems)
    front = parse_front_matter(source, problems)
    if not check_markdown(path, front.body, front.body_line, problems):
        front.body = ""
    check_front_matter_text(path, front, problems)
    kind = layout.kind_of(path)
    id = Path(path).stem
    meta = validate(kind.model, front, path, problems, kind.value) if front.valid else None
    document = Document(kind, id, path, layout.uri_of(path, kind, id), front, meta)
    document.outline = segmenter.outline(front.body)
    return document


def _markdown_files(root: Path, folders: Iterable[str], problems: Problems) -> list[str]:
    """Every Markdown source under the folders; one that leads outside the root is reported, never read."""
    files = []
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if not relative.endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in relative.split("/")):
                continue  # Not Markdown, or hidden as MkDocs has it.
            if not inside(root, path):
                problems.add(relative, 1, 1, "this file is a link to a place outside the repository",
                             "commit the file itself instead of a symlink to it")
            elif path.is_file():
                files.append(relative)
    return sorted(files)


def _unknown_fragment(document: Document, reference: Reference) -> Miss:
    fragment = reference.fragment or ""
    count = len(document.outline.paragraphs)
    if fragment[:1] == "p" and fragment[1:].isdigit():
        return Miss(f"'{document.id}' has no paragraph {fragment[1:]}",
                    f"it has {count} paragraph{'s' if count != 1 else ''}, numbered 1 to {count}")
    headings = [heading.anchor for heading in document.outline.headings]
    hint = did_you_mean(fragment, headings) or (
        f"its headings are: {', '.join(headings)}" if headings else "it has no headings; link a paragraph as #pN"
    )
    return Miss(f"'{document.id}' has no heading or paragraph '#{fragment}'", hint)
