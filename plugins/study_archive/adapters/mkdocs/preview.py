"""The live preview's memory: what `mkdocs serve` built before, kept for the rebuild after the next edit.

MkDocs builds the whole site again after each save. Under `mkdocs serve` the plugin keeps, for this process, the
parsed documents, what the glossary found in each paragraph, and each page as it was built; a page comes back only
when everything it shows is unchanged. Every key is made of content (hashes of the sources, of the front matter
and outlines of every document, of the settings), never of times, so no entry can be stale. `mkdocs build` uses
none of it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import BytecodeCache, Bucket

from ...model.archive import Archive
from ...model.document import Document, Kind
from ...model.glossary import MentionsFound
from ...model.sources import ParsedDocuments
from ...outputs import search

__all__ = ["PARSED", "MENTIONS", "FILES", "SEARCH", "TEMPLATES", "PAGES", "BuiltPage", "Pages", "Signatures", "settings_of"]

PARSED = ParsedDocuments()
"""Documents parsed by earlier builds of this process."""
MENTIONS = MentionsFound()
"""What the glossary found in each paragraph in earlier builds of this process."""
FILES: dict[str, dict] = {}
"""The files built beside the pages (reading packets), as their makers keep them, from earlier builds."""
class CompiledTemplates(BytecodeCache):
    """The templates as Jinja compiled them, kept in memory: MkDocs makes a new environment for each build, which
    would compile every template of Material and of the archive again. Jinja keys each by its name and checks it
    against a hash of its source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = CompiledTemplates()
"""Templates compiled by earlier builds of this process."""
SEARCH = search.Kept()
"""The search index of the last build: its scores by record, its shards and its files, rescored and written again
only where records changed."""


@dataclass
class BuiltPage:
    """One page as a build left it: its key, front matter, body, TOC and anchors, final output and problems."""

    key: str
    meta: dict[str, Any]
    content: str
    toc: Any
    anchors: set[str]
    output: str = ""
    problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """The links of its output that lead nowhere, as the link check after its build reported them."""


class Pages:
    """The pages built so far, one version per address."""

    def __init__(self) -> None:
        self._pages: dict[str, BuiltPage] = {}
        self.hits = 0

    def get(self, uri: str, key: str) -> BuiltPage | None:
        page = self._pages.get(uri)
        if page is not None and page.key == key:
            self.hits += 1
            return page
        return None

    def put(self, uri: str, page: BuiltPage) -> None:
        self._pages[uri] = page

    def note_link(self, uri: str, problem: str) -> None:
        """Record a broken link the check found in the page just built at `uri`, to report it whenever it is kept."""
        if uri in self._pages:
            self._pages[uri].links.append(problem)


PAGES = Pages()
"""Pages built by earlier builds of this process."""


def _digest(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class Signatures:
    """What each page shows from the archive, as a hash: a page's key is its own source and its signature.

    `structure` covers what every page may show of other documents: each one's front matter, its outline (headings,
    anchors, paragraph count, references), the annotations, the set of files and the site's settings. A term page
    adds its mentions, a curriculum page the words of the texts it names; debate pages, plain pages and generated
    pages (the section indexes, the search page) show anything, so they add every source.
    """

    def __init__(self, archive: Archive, settings: str) -> None:
        self.archive = archive
        self.structure = _digest(settings, sorted(archive.files.markdown), sorted(archive.files.assets),
                                 [_shape(document) for document in archive.documents],
                                 sorted((id, repr(notes)) for id, notes in archive.annotations.items()))
        self.everything = _digest(self.structure, [document.body for document in archive.documents])

    def key(self, uri: str, source: str, document: Document | None, generated: bool) -> str:
        """The key of the page at `uri` made from Markdown `source`, showing `document` (None: no document)."""
        return _digest(uri, source, self.structure, self._shown(document, generated))

    def _shown(self, document: Document | None, generated: bool) -> str:
        if document is None or generated or document.kind in (Kind.DEBATE, Kind.GROUP, Kind.PAGE, Kind.NOTES):
            return self.everything
        if document.kind is Kind.TERM:
            return repr([(text.path, numbers) for text, numbers in self.archive.glossary.texts_mentioning(document)])
        if document.kind is Kind.CURRICULUM:
            return repr(self._named_texts(document))
        return ""

    def _named_texts(self, curriculum: Document) -> list[tuple[str, int]]:
        """The words of every text the curriculum's front matter names, by id or by a former id (a superset)."""
        named = repr(curriculum.front.data)
        return [(text.path, text.outline.words, [heading.before for heading in text.outline.headings])
                for text in self.archive.of_kind(Kind.TEXT)
                if text.id in named or any(alias in named for alias in getattr(text.meta, "aliases", None) or [])]


def _shape(document: Document) -> tuple:
    """What other pages may show of a document: everything but the words of its paragraphs (of a text's, their
    openings, which a reference to a paragraph shows)."""
    outline = document.outline
    return (document.path, document.uri, repr(document.front.data), document.front.valid, document.meta is not None,
            outline.headings, len(outline.paragraphs), outline.references,
            [(paragraph.kind, paragraph.opening, paragraph.references) for paragraph in outline.paragraphs]
            if document.kind is Kind.TEXT else [paragraph.references for paragraph in outline.paragraphs])


def settings_of(root: Path, config: Any, site: Any) -> str:
    """Every setting a page depends on: the configuration file, the site's overrides, the Markdown extensions."""
    return _digest(str(root), Path(config.config_file_path).read_bytes(), config.site_url, site,
                   theme_files(root, list(config.theme.dirs)))


def theme_files(root: Path, folders: list[str]) -> list[tuple[str, str]]:
    """The site's own templates and files (its overrides) by name and content: their change rebuilds every page."""
    found = []
    for folder in folders:
        path = Path(folder)
        if path.is_dir() and path.resolve().is_relative_to(root):
            for file in sorted(path.rglob("*")):
                if file.is_file():
                    found.append((file.as_posix(), hashlib.sha256(file.read_bytes()).hexdigest()))
    return found
