"""The ways into the library besides search: by author, by year, by topic and by kind of text.

Each index is built from the catalog alone, so that every page, feed and check that lists texts orders them the
same way:

- people sort by family name: the part of their `sort_name` before its comma (`Draper, Hal`), else the last word
  of their name (`V. I. Lenin` sorts under Lenin); groups and publications sort by their whole name;
- a text is dated by its `published` day or its `year`; a text with only a `date_note` ("early 1970s", "after
  his expulsion in 1922") is placed at the first year the note names and marked as approximate; a text with no
  date at all comes last, in every order.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from .catalog import Catalog
from .debate import Contribution, Conversation, Debate
from .document import Document, Kind
from .work import When

__all__ = ["Dating", "dating", "family_name", "person_key", "text_key", "Author", "authors_index",
           "YearGroup", "chronology", "Topic", "topics_index", "topic_title", "KindGroup", "kinds_index", "newest_texts",
           "latest_replies"]

_T = TypeVar("_T")


def _once_per_archive(index: Callable[[Catalog], _T]) -> Callable[[Catalog], _T]:
    """Make an index once for each loaded archive: every index page, and the home page, asks for it again."""
    made: weakref.WeakKeyDictionary[Catalog, _T] = weakref.WeakKeyDictionary()

    @wraps(index)
    def once(archive: Catalog) -> _T:
        if archive not in made:
            made[archive] = index(archive)
        return made[archive]

    return once


_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(s?)(?![0-9])")


@dataclass(frozen=True)
class Dating:
    """When a text or a debate piece was written, as far as the archive knows."""

    year: int | None
    """Its best year: the year given, or the first one its date note names; None when nothing is known."""
    label: str
    """How a reader sees it: `1923-12-08`, `1923`, `early 1970s` or `undated`."""
    approximate: bool = False
    """Whether `year` is a guess placed from a date note rather than a date the sources give."""

    @property
    def key(self) -> tuple[bool, int]:
        """Oldest first, the undated last."""
        return self.year is None, self.year or 0


UNDATED = Dating(None, "undated")


def dating(document: Document) -> Dating:
    """The dating of a library text, from its `published`, `year` and `date_note`."""
    meta = document.meta
    if meta is None:
        return UNDATED
    note = getattr(meta, "date_note", None)
    if meta.published:
        return Dating(meta.published.year, meta.published.isoformat())
    if meta.year:
        return Dating(meta.year, f"{meta.year} ({note})" if note else str(meta.year), approximate=bool(note))
    if note:
        found = _YEAR.search(note)
        return Dating(int(found.group(1)) if found else None, note, approximate=True)
    return UNDATED


def dating_of_when(when: When | None) -> Dating:
    """The dating of a debate's external piece, which is known to the day or not at all."""
    return Dating(when.year, str(when)) if when else UNDATED


def family_name(person: Document) -> str:
    """The name a person is sorted under: see the module's docstring."""
    meta = person.meta
    sort_name = getattr(meta, "sort_name", None)
    if sort_name:
        return sort_name.split(",")[0].strip()
    if getattr(meta, "kind", "person") != "person":
        return person.title
    return person.title.split()[-1]


def person_key(person: Document) -> tuple[str, str]:
    """Sorts people by family name, then by the whole name."""
    return family_name(person).casefold(), person.title.casefold()


def text_key(text: Document) -> tuple:
    """Sorts texts oldest first, the undated last, then by title."""
    return dating(text).key, text.title.casefold()


@dataclass(frozen=True)
class Author:
    """A person and the texts of the library they wrote, oldest first; `person` is None for unknown authors."""

    person: Document | None
    texts: tuple[Document, ...]


@_once_per_archive
def authors_index(archive: Catalog) -> list[Author]:
    """Everyone who wrote a text of the library, by family name, then the texts of no known author."""
    texts = sorted((text for text in archive.of_kind(Kind.TEXT) if text.meta is not None), key=text_key)
    written: dict[str, list[Document]] = defaultdict(list)
    for text in texts:
        for author in dict.fromkeys(text.meta.authors):
            written[author].append(text)
    people = sorted(archive.of_kind(Kind.PERSON), key=person_key)
    authors = [Author(person, tuple(written[person.id])) for person in people if written.get(person.id)]
    unknown = [text for text in texts if not archive.authors_of(text)]
    if unknown:
        authors.append(Author(None, tuple(sorted(unknown, key=text_key))))
    return authors


@dataclass(frozen=True)
class Entry:
    """One line of the chronology: a library text, or a debate's piece that is not in the library."""

    title: str
    dating: Dating
    text: Document | None = None
    """The library text, or None for an external piece."""
    debate: Document | None = None
    """The debate that names an external piece."""
    anchor: str = ""
    """Where on the debate's page the piece stands."""
    authors: tuple[str, ...] = ()
    """Its authors' names, for an external piece (a text's authors are people of the archive)."""


@dataclass(frozen=True)
class YearGroup:
    """The texts and pieces of one year, or of no known year (`year` None)."""

    year: int | None
    entries: tuple[Entry, ...]

    @property
    def anchor(self) -> str:
        return f"year-{self.year}" if self.year is not None else "undated"


@_once_per_archive
def chronology(archive: Catalog) -> list[YearGroup]:
    """Every text and every external debate piece by year, oldest first, the undated last."""
    entries = [Entry(text.title, dating(text), text=text) for text in archive.of_kind(Kind.TEXT) if text.meta]
    seen = {text.id for text in archive.of_kind(Kind.TEXT)}
    for debate in archive.of_kind(Kind.DEBATE):
        for piece in getattr(debate.meta, "pieces", None) or []:
            if piece.id and piece.id not in seen:
                seen.add(piece.id)
                when = When(piece.date.year, piece.date) if piece.date else None
                entries.append(Entry(piece.title or piece.id, dating_of_when(when), debate=debate,
                                     anchor=f"#piece-{piece.id}", authors=(piece.author,) if piece.author else ()))
    entries.sort(key=lambda entry: (entry.dating.key, entry.dating.label, entry.title.casefold()))
    groups: dict[int | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.dating.year, []).append(entry)
    return [YearGroup(year, tuple(group)) for year, group in groups.items()]


@dataclass(frozen=True)
class Topic:
    """A topic named in texts' `topics`: its texts, the curricula that assign them and the debates they are in."""

    id: str
    texts: tuple[Document, ...]
    curricula: tuple[Document, ...] = ()
    debates: tuple[Document, ...] = ()
    namesake: Document | None = None
    """The document of the same id, if there is one: a glossary term, a person or a group (topic `iso`)."""

    @property
    def title(self) -> str:
        """The namesake's title (`International Socialist Organization`), else the id's words, capitalized."""
        return self.namesake.title if self.namesake else self.id.replace("-", " ").capitalize()

    @property
    def uri(self) -> str:
        return f"{TOPICS_FOLDER}/{self.id}/index.md"


TOPICS_FOLDER = "indexes/topics"


@_once_per_archive
def topics_index(archive: Catalog) -> list[Topic]:
    """Every topic of the library, by title, each with what belongs to it."""
    texts = sorted((text for text in archive.of_kind(Kind.TEXT) if text.meta), key=text_key)
    tagged: dict[str, list[Document]] = defaultdict(list)
    for text in texts:
        for topic in dict.fromkeys(text.meta.topics):
            tagged[topic].append(text)
    curricula = _naming(archive.of_kind(Kind.CURRICULUM), _assigned)
    debates = _naming(archive.of_kind(Kind.DEBATE),
                      lambda debate: {piece.text for piece in getattr(debate.meta, "pieces", None) or [] if piece.text})
    topics = []
    for id, members in tagged.items():
        topics.append(Topic(
            id, tuple(members),
            curricula=_by_title({document.path: document for text in members for document in curricula[text.id]}.values()),
            debates=_by_title({document.path: document for text in members for document in debates[text.id]}.values()),
            namesake=archive.by_id.get(id),
        ))
    return sorted(topics, key=lambda topic: (topic.title.casefold(), topic.id))


def _naming(documents: Iterable[Document], named: Callable[[Document], set[str]]) -> dict[str, list[Document]]:
    """The documents that name each text id, by the id."""
    found: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        for id in named(document):
            found[id].append(document)
    return found


def topic_title(archive: Catalog, id: str) -> str:
    """How a topic is named wherever it is shown: as on its own page."""
    return Topic(id, (), namesake=archive.by_id.get(id)).title


def _assigned(curriculum: Document) -> set[str]:
    """The ids of the texts a curriculum assigns or suggests, in any session."""
    sessions = getattr(curriculum.meta, "sessions", None) or []
    return {reading.text for session in sessions for reading in [*session.readings, *session.further_reading]
            if reading.text}


def _by_title(documents: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(sorted(documents, key=lambda document: document.title.casefold()))


@dataclass(frozen=True)
class KindGroup:
    """The texts of one kind (`pamphlet`, `letter`, ...), oldest first."""

    kind: str
    texts: tuple[Document, ...] = field(default=())

    @property
    def title(self) -> str:
        plural = {"speech": "speeches"}.get(self.kind, self.kind + "s")
        return plural.capitalize()


@_once_per_archive
def kinds_index(archive: Catalog) -> list[KindGroup]:
    """The library's texts grouped by kind, the kinds in alphabetical order."""
    grouped: dict[str, list[Document]] = defaultdict(list)
    for text in sorted((text for text in archive.of_kind(Kind.TEXT) if text.meta), key=text_key):
        grouped[text.meta.kind].append(text)
    return [KindGroup(kind, tuple(grouped[kind])) for kind in sorted(grouped)]


def newest_texts(archive: Catalog, count: int) -> list[Document]:
    """The `count` most recent texts of the library by their own date: the archive keeps no date of addition."""
    dated = [text for text in archive.of_kind(Kind.TEXT) if text.meta and dating(text).year is not None]
    return sorted(dated, key=text_key, reverse=True)[:count]


def latest_replies(talk: Conversation, count: int) -> list[tuple[Debate, Contribution]]:
    """The `count` most recent dated pieces that answer another piece of their debate, newest first."""
    found: list[tuple[Debate, Contribution]] = []
    for debate in talk.debates:
        replying = {reply.source for reply in debate.replies}
        found += [(debate, piece) for piece in debate.contributions if piece.work.id in replying and piece.work.when]
    found.sort(key=lambda pair: (pair[1].work.when.key, pair[1].work.title.casefold()), reverse=True)
    return found[:count]
