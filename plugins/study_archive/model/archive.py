"""The archive: the catalog of every document, loaded once, with its annotations and glossary, and checked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from .annotation import Annotation, collect_annotations
from .catalog import Catalog
from .document import Document, Kind, Layout
from .glossary import Glossary, MentionsFound
from .integrity import check
from .outline import Reader
from .problem import Problems
from .sources import Elsewhere, ParsedDocuments, Survey, load_documents, survey
from .version import Versions

__all__ = ["Archive"]


class Archive(Catalog):
    """All documents of one archive, what they say about each other, and the problems found in them."""

    def __init__(self, root: Path, layout: Layout, documents: Iterable[Document], problems: Problems) -> None:
        super().__init__(root, layout, documents, problems)
        self.annotations: dict[str, list[Annotation]] = {}
        """The annotations of each text by its id, in reading order."""
        self.files = Survey([], [], frozenset())
        """Every file under the source folders: what is published, and what is refused."""
        self.mentions_found: MentionsFound | None = None
        """What the glossary found in each paragraph in earlier builds of a live preview, if any."""

    @classmethod
    def load(cls, root: Path | str, layout: Layout, reader: Reader, *,
             parsed: tuple[ParsedDocuments, str] | None = None,
             elsewhere: Elsewhere | None = None) -> Archive:
        """Read, parse and validate every Markdown file under the content and readings folders.

        `parsed` is a cache of documents and the reader's settings, for a preview that rebuilds after each edit;
        `elsewhere` runs a function on another core, to parse half the sources there (see `load_documents`).
        """
        root = Path(root)
        problems = Problems()
        files = survey(root, (layout.content_dir, layout.readings_dir), problems)
        if parsed is None:
            documents = load_documents(root, files.markdown, layout, reader, problems, elsewhere)
        else:
            cache, settings = parsed
            documents = [cache.load(root, path, layout, reader, problems, settings) for path in files.markdown]
        archive = cls(root, layout, documents, problems)
        archive.files = files
        archive.annotations = collect_annotations(archive)
        check(archive)
        return archive

    @cached_property
    def glossary(self) -> Glossary:
        """Where each glossary term appears in the texts."""
        return Glossary(self, self.mentions_found)

    @cached_property
    def versions(self) -> Versions:
        """The versions of each work and the pairs of them that stand side by side."""
        return Versions(self)

    def summary(self) -> str:
        """One line counting the documents of each kind, for the end of a build."""
        counts = Counter(document.kind for document in self.documents)
        parts = [f"{counts[kind]} {kind.plural if counts[kind] != 1 else kind.value}" for kind in Kind if kind is not Kind.NOTES]
        notes = sum(len(annotations) for annotations in self.annotations.values())
        parts.append(f"{notes} annotation{'s' if notes != 1 else ''} in {counts[Kind.NOTES]} {Kind.NOTES.plural if counts[Kind.NOTES] != 1 else 'notes file'}")
        errors = len(self.problems)
        return f"{', '.join(parts)}; {errors} problem{'s' if errors != 1 else ''}"
