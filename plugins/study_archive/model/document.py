"""Documents: the kinds the archive knows, and one parsed source file of each."""

from __future__ import annotations

import posixpath
import zlib
from dataclasses import dataclass, field
from enum import Enum

from pydantic import BaseModel

from . import kinds as model
from .frontmatter import FrontMatter
from .outline import Outline

__all__ = ["Kind", "Document", "Layout", "page_url"]


class Kind(str, Enum):
    """The kinds of document, each with its folder and its front-matter model."""

    TEXT = "text"
    PERSON = "person"
    TERM = "term"
    CURRICULUM = "curriculum"
    DEBATE = "debate"
    GROUP = "group"
    NOTES = "notes"
    PAGE = "page"

    @property
    def model(self) -> type[BaseModel]:
        return _MODELS[self]

    @property
    def plural(self) -> str:
        return {"person": "people", "curriculum": "curricula", "notes": "notes files"}.get(self.value, self.value + "s")


_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.TEXT: model.TextMeta,
    Kind.PERSON: model.PersonMeta,
    Kind.TERM: model.TermMeta,
    Kind.CURRICULUM: model.CurriculumMeta,
    Kind.DEBATE: model.DebateMeta,
    Kind.GROUP: model.GroupMeta,
    Kind.NOTES: model.NotesMeta,
    Kind.PAGE: model.PageMeta,
}

REFERABLE = (Kind.TEXT, Kind.PERSON, Kind.TERM, Kind.CURRICULUM, Kind.DEBATE)
"""Kinds that have an id other documents can point at."""


@dataclass(frozen=True)
class Layout:
    """Where the archive's sources live, relative to its root."""

    content_dir: str = "content"
    readings_dir: str = "readings"
    notes_folder: str = "notes"
    """Inside the readings folder: `notes/<layer>/<text-id>.md` holds one layer of annotations."""
    folders: tuple[tuple[str, Kind], ...] = (
        ("people", Kind.PERSON), ("glossary", Kind.TERM), ("curricula", Kind.CURRICULUM), ("debates", Kind.DEBATE),
        ("groups", Kind.GROUP),
    )

    def kind_of(self, path: str) -> Kind:
        """The kind of the document at a root-relative path; section index pages are plain pages."""
        if path.startswith(f"{self.readings_dir}/{self.notes_folder}/"):
            return Kind.NOTES
        if path.startswith(self.readings_dir + "/"):
            return Kind.TEXT
        inner = path.removeprefix(self.content_dir + "/")
        folder, _, name = inner.partition("/")
        if name and "/" not in name and name not in ("index.md", "README.md"):
            return dict(self.folders).get(folder, Kind.PAGE)
        return Kind.PAGE

    def folder_of(self, kind: Kind) -> str:
        """The folder a kind's documents live in, as the site builder sees it."""
        if kind is Kind.TEXT:
            return self.readings_dir
        return next(folder for folder, folder_kind in self.folders if folder_kind is kind)

    def uri_of(self, path: str, kind: Kind, id: str) -> str:
        """The document's path as the site builder sees it, relative to the content folder."""
        if kind is Kind.TEXT:
            return f"{self.readings_dir}/{id}.md"
        return path.removeprefix(self.content_dir + "/")


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The URL a builder gives a Markdown source (`people/draper.md` -> `people/draper/`)."""
    parent, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return f"{parent}/" if parent else ""
    return posixpath.join(parent, f"{stem}/" if directory_urls else f"{stem}.html")


@dataclass
class Document:
    """One source file: where it is, what it is, its validated front matter and its body."""

    kind: Kind
    id: str
    path: str
    uri: str
    front: FrontMatter
    meta: BaseModel | None
    outline: Outline = field(default_factory=lambda: Outline((), ()))
    _body_aside: bytes | None = field(default=None, repr=False, compare=False)
    """The body, compressed, once `set_body_aside` has let the string go."""

    @property
    def title(self) -> str:
        """The title to show: from valid front matter, else whatever string was given, else the id."""
        title = getattr(self.meta, "title", None) or self.front.data.get("title")
        return title if isinstance(title, str) and title.strip() else self.id.replace("-", " ").capitalize()

    @property
    def body(self) -> str:
        if self._body_aside is not None:
            return zlib.decompress(self._body_aside).decode("utf-8", errors="surrogatepass")
        return self.front.body

    def set_body_aside(self) -> None:
        """Keep the body compressed from now on, for a build that has rendered the document's page.

        Once its page is rendered, a build reads a body again only for a few pages (a side-by-side comparison, the
        line of a broken link), while every body of the archive would otherwise stay whole to the end: about a
        quarter of the loaded archive. Compressed at level 1, a body takes about a third of its UTF-8 bytes and
        comes back exactly as it was, whatever the file says by then. `body` reads the same before and after.
        """
        if self._body_aside is None and self.front.body:
            self._body_aside = zlib.compress(self.front.body.encode("utf-8", errors="surrogatepass"), 1)
            self.front.body = ""

    @property
    def url(self) -> str:
        return page_url(self.uri)

    @property
    def valid(self) -> bool:
        return self.meta is not None
