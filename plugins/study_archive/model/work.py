"""Works: what can reply or be replied to, whether a text of the library or an external piece a debate names.

A library text says in its own front matter what it responds to; an external piece says it in
the debate file that describes it. Both become a `Work` with its replies, its date and its
authors' names, so that debates, text pages and feeds treat them alike.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from dataclasses import dataclass

from .document import Document, Kind
from .kinds import Piece
from .reference import parse_reference
from .catalog import Catalog


__all__ = ["When", "Reply", "Work", "collect_works"]

_PARAGRAPH = re.compile(r"^p([1-9][0-9]*)$")


@dataclass(frozen=True)
class When:
    """When a piece appeared: an exact day, or only a year."""

    year: int
    day: datetime.date | None = None

    @property
    def key(self) -> tuple[int, int]:
        """Sorts by time; a bare year comes before the days of that year."""
        return self.year, self.day.toordinal() if self.day else 0

    def before(self, other: When) -> bool:
        """Whether this is surely earlier than `other`, comparing only what both know."""
        if self.day and other.day:
            return self.day < other.day
        return self.year < other.year

    def __str__(self) -> str:
        return self.day.isoformat() if self.day else str(self.year)


@dataclass(frozen=True)
class Reply:
    """One `responds_to` entry: `source` answers `target`, perhaps at a fragment, written at `path:line:column`."""

    source: str
    target: str
    fragment: str | None
    path: str
    line: int
    column: int

    @property
    def paragraph(self) -> int | None:
        """The paragraph of the target it answers, if the fragment names one (`p4`)."""
        match = _PARAGRAPH.match(self.fragment or "")
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Work:
    """A text of the library or an external piece, with what it replies to."""

    id: str
    title: str
    authors: tuple[str, ...]
    when: When | None
    responds_to: tuple[Reply, ...]
    document: Document | None = None
    """The library text; None for an external piece."""
    url: str | None = None
    """Where an external piece can be read."""
    declared_in: Document | None = None
    """The debate whose front matter describes an external piece."""

    @property
    def external(self) -> bool:
        return self.document is None

    @property
    def page(self) -> str:
        """The site URL of its page: the text's own, or that of the debate describing an external piece."""
        return (self.document or self.declared_in).url

    @property
    def anchor(self) -> str:
        """Where on `page` it stands: nothing for a text, `#piece-<id>` for an external piece."""
        return f"#piece-{self.id}" if self.external else ""

    @property
    def sort_key(self) -> tuple:
        """Oldest first, undated last, then by title."""
        return self.when is None, self.when.key if self.when else (0, 0), self.title.casefold()

    def link_from(self, url: str, fragment: str | None = None) -> str:
        """A relative link to the work, at `fragment` of a text, from the page at site URL `url`."""
        anchor = f"#{fragment}" if fragment and not self.external else self.anchor
        if self.page == url:
            return anchor or "./"
        return _relative(url, self.page) + anchor


def _relative(page: str, target: str) -> str:
    """The link from one directory-style site URL (`debates/x/`) to another (`readings/y/`)."""
    relative = posixpath.relpath(target or ".", page.rstrip("/") or ".")
    return relative + "/" if target.endswith("/") or not target else relative


def collect_works(archive: Catalog) -> dict[str, Work]:
    """Every valid text, then every external piece at its first description, by id."""
    works: dict[str, Work] = {}
    for text in archive.of_kind(Kind.TEXT):
        if text.meta is not None and text.id not in works:
            works[text.id] = _text_work(archive, text)
    for debate in archive.of_kind(Kind.DEBATE):
        for index, piece in enumerate(debate.meta.pieces if debate.meta else []):
            if piece.id and piece.id not in works and piece.id not in archive.by_id:
                works[piece.id] = external_work(debate, index, piece)
    return works


def _text_work(archive: Catalog, text: Document) -> Work:
    meta = text.meta
    when = When(meta.published.year, meta.published) if meta.published else When(meta.year) if meta.year else None
    replies = tuple(_reply(text.id, target, text, ("responds_to", number))
                    for number, target in enumerate(meta.responds_to))
    authors = tuple(author.title for author in archive.authors_of(text))
    return Work(text.id, text.title, authors, when, replies, document=text)


def external_work(debate: Document, index: int, piece: Piece) -> Work:
    """The external piece described at `pieces[index]` of a debate."""
    replies = tuple(_reply(piece.id, target, debate, ("pieces", index, "responds_to", number))
                    for number, target in enumerate(piece.responds_to))
    when = When(piece.date.year, piece.date) if piece.date else None
    return Work(piece.id, piece.title, (piece.author,), when, replies, url=piece.url, declared_in=debate)


def _reply(source: str, target: str, document: Document, path: tuple) -> Reply:
    reference = parse_reference(target)
    where = document.front.position(path)
    return Reply(source, reference.id, reference.fragment, document.path, where.line, where.column)
