"""The search index: every numbered paragraph and every document of the archive, sharded into small script files.

A reader's browser loads only the shards its query's terms fall in (terms are grouped by their first letters), the
titles of the documents it shows and the paragraphs it quotes, so what a search downloads stays about the same size
however large the archive grows. Each file is a script that hands its data to `ArchiveSearch.add`, because a
script loads from file:// where `fetch` does not. The layout of the files is described in docs/search.md.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import operator
import os
import shutil
import tempfile
import zlib
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Protocol

from ..model.archive import Archive
from ..model.document import Document, Kind, page_url
from ..model.site import Site
from ..renderer.reading import readable
from .bm25 import score
from .words import Terms, words

__all__ = ["RESULTS_PAGE", "RESULTS_TEMPLATE", "results_meta", "SEARCH_LABEL", "Record", "Entry", "Scores", "Shards",
           "Kept", "records_of", "index_files", "write_index", "FOLDER", "script", "shard_name", "shard_of",
           "listed_shards", "shards_listed", "prefix_shards", "PARAGRAPHS_PER_CHUNK", "Lists", "PairFiles",
           "pair_file", "pair_files", "pair_script"]

RESULTS_PAGE = "search.md"
"""The results page, whichever builder makes the site: the header's search field on every page leads here."""
RESULTS_TEMPLATE = "archive/search.html"


def results_meta() -> dict:
    """The results page's title, template and layout, a new dict each time (page front matter is changed in place)."""
    return {"title": "Search", "template": RESULTS_TEMPLATE, "hide": ["navigation", "toc"]}


SEARCH_LABEL = '{% import "partials/language.html" as lang with context %}{{ lang.t("search") }}'
"""A template of the theme's word for "Search" in the site's language, which the field is labelled with."""

FOLDER = "search/data"
PARAGRAPHS_PER_CHUNK = 2
"""Paragraphs per file of quoted text: a snippet downloads about 2 KB of text."""
ENTRIES_PER_CHUNK = 4
"""Documents per file of titles and summaries (about 250 bytes each): the field shows five results at each
keystroke, each of which downloads its document's file, so a file of 16 made titles most of what typing a phrase
downloaded (134 KB of 378 KB at 2,000 texts)."""
POSTINGS_PER_TERM = 300
"""The best paragraphs kept for each term, by score: what bounds a shard whatever the archive's size."""
SHARD_BYTES = 16_000
"""The most bytes of a shard's file (unless it is one term, whose list is capped, and its name is unusually long).
Typing a query of three words loads about ten shards, a term's own and the one a half-typed word's expansions
come from at each keystroke; at 16 KB each that stays within the 300 KB a search may download before its first
result, with lunr.js, the manifest, titles and paragraphs. A full list of `POSTINGS_PER_TERM` records is 3 to 4 KB,
so a shard holds at least four of the commonest terms."""


@dataclass
class Entry:
    """One document as search shows it: its title, address, kind and facets."""

    title: str
    url: str
    kind: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    summary: str = ""
    topics: list[str] = field(default_factory=list)
    curricula: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    """The texts of its records after the head: a text's numbered paragraphs, or the sections of a curriculum or
    a debate (its sessions, its pieces)."""
    sections: list[tuple[str, str]] = field(default_factory=list)
    """For a curriculum or a debate, each section's anchor and label, in the order of `paragraphs`."""


@dataclass(frozen=True, slots=True)  # A build makes one per paragraph of the archive.
class Record:
    """One searchable unit: a document's head (title, names, summary) as paragraph 0, or one numbered paragraph."""

    entry: int
    paragraph: int
    text: str


def _entry(archive: Archive, document: Document, curricula: dict[str, list[str]], directory_urls: bool) -> Entry:
    meta = document.meta
    url = page_url(document.uri, directory_urls)
    if document.kind is Kind.TEXT:
        authors = [person.title for person in archive.authors_of(document)]
        return Entry(document.title, url, meta.kind, authors, meta.year, meta.summary, list(meta.topics),
                     curricula.get(document.id, []), [readable(text) for text in document.outline.texts()])
    summary = getattr(meta, "summary", None) or getattr(meta, "short", None) or getattr(meta, "question", None) or ""
    sections = _sections(archive, document)
    return Entry(document.title, url, document.kind.value, summary=summary,
                 paragraphs=[text for _, _, text in sections], sections=[(a, label) for a, label, _ in sections])


def _sections(archive: Archive, document: Document) -> list[tuple[str, str, str]]:
    """The parts of a curriculum or a debate that a hit can land on, as `(anchor, label, text)`: each session with
    its questions, each piece of a debate with its position and claims (the page's own anchors)."""
    meta = document.meta
    if document.kind is Kind.CURRICULUM:
        return [(f"session-{number}", f"Session {number}", "\n".join([session.title, *session.questions]))
                for number, session in enumerate(meta.sessions, 1)]
    if document.kind is Kind.DEBATE:
        return [(f"piece-{piece.text or piece.id}", _title_of(archive, piece), "\n".join([piece.position, *piece.claims]))
                for piece in meta.pieces]
    return []


def _title_of(archive: Archive, piece) -> str:
    """The title of a debate's piece: its own, or the library text's it names."""
    text = archive.by_id.get(piece.text) if piece.text else None
    return text.title if text is not None else piece.title or piece.id or ""


def _head(archive: Archive, document: Document) -> str:
    """The words of a document that are not its paragraphs: title, names and their aliases, summary, topics."""
    meta = document.meta
    parts = [document.title, getattr(meta, "summary", None) or "", getattr(meta, "short", None) or ""]
    parts += list(getattr(meta, "aliases", None) or []) if document.kind is not Kind.TEXT else []
    if document.kind is Kind.TEXT:
        for person in archive.authors_of(document):
            parts += [person.title, *(getattr(person.meta, "aliases", None) or [])]
        parts += [topic.replace("-", " ") for topic in meta.topics]
    if document.kind is Kind.DEBATE:
        parts.append(meta.question)
    if document.kind is not Kind.TEXT:
        parts += [readable(text) for text in document.outline.texts()]
    return "\n".join(part for part in parts if part)


def _curricula(archive: Archive) -> dict[str, list[str]]:
    """The titles of the curricula that assign each text, by the text's id."""
    found: dict[str, list[str]] = defaultdict(list)
    for curriculum in archive.of_kind(Kind.CURRICULUM):
        for session in getattr(curriculum.meta, "sessions", None) or []:
            for reading in [*session.readings, *session.further_reading]:
                if reading.text and curriculum.title not in found[reading.text]:
                    found[reading.text].append(curriculum.title)
    return found


SEARCHED = (Kind.TEXT, Kind.PERSON, Kind.TERM, Kind.CURRICULUM, Kind.DEBATE)


def records_of(archive: Archive, directory_urls: bool = True) -> tuple[list[Entry], list[Record]]:
    """The entries and records of every valid text, person, term, curriculum and debate, in the catalog's order."""
    entries: list[Entry] = []
    records: list[Record] = []
    for entry, own in _documents(archive, directory_urls):
        entries.append(entry)
        records += own
    return entries, records


def _documents(archive: Archive, directory_urls: bool,
               made: dict[str, tuple[tuple, Entry, list[Record]]] | None = None) -> Iterator[tuple[Entry, list[Record]]]:
    """Each searched document's entry and records, one document at a time, numbered in the catalog's order.

    With `made` (the live preview's), a document's entry and records are taken from there while everything they are
    made of is the same: the same parsed document at the same number, the same people as its authors, the same
    curricula, the same texts as a debate's pieces. The parsed-document cache hands back the same objects while
    their sources' bytes are unchanged, so they are compared by identity."""
    curricula = _curricula(archive)
    number = 0
    for document in archive.documents:
        if document.kind not in SEARCHED or not document.valid:
            continue
        if made is None:
            yield _made(archive, document, number, curricula, directory_urls)
        else:
            inputs = _inputs(archive, document, number, curricula, directory_urls)
            known = made.get(document.path)
            if known is None or not _same(known[0], inputs):
                known = made[document.path] = (inputs, *_made(archive, document, number, curricula, directory_urls))
            yield known[1], known[2]
        number += 1


def _made(archive: Archive, document: Document, number: int, curricula: dict[str, list[str]],
          directory_urls: bool) -> tuple[Entry, list[Record]]:
    entry = _entry(archive, document, curricula, directory_urls)
    return entry, [Record(number, 0, _head(archive, document)),
                   *(Record(number, at, text) for at, text in enumerate(entry.paragraphs, 1))]


def _inputs(archive: Archive, document: Document, number: int, curricula: dict[str, list[str]],
            directory_urls: bool) -> tuple:
    """What a document's entry and records are made of: documents, compared by identity, and plain values."""
    others = archive.authors_of(document) if document.kind is Kind.TEXT else []
    if document.kind is Kind.DEBATE:
        others = [archive.by_id.get(piece.text) if piece.text else None for piece in document.meta.pieces]
    return (document, *others), (number, directory_urls, tuple(curricula.get(document.id, ())))


def _same(known: tuple, inputs: tuple) -> bool:
    documents, values = known
    return (len(documents) == len(inputs[0]) and all(map(operator.is_, documents, inputs[0]))
            and values == inputs[1])


class Scores:
    """Every term's records with their scores, kept up to date record by record, for the live preview.

    A record's score for a term depends on that record alone: how often the term occurs in it, against its length
    measured on a fixed reference (BM25 with `REFERENCE_LENGTH` in place of the archive's average length). What
    depends on the whole archive, how rare the term is, the reader's browser computes at query time from the number
    of records the term occurs in (stored first in the term's list) and the number of records (in the manifest).
    So an edit rescores only the records it changed: `mkdocs serve` keeps one `Scores` between builds. A build
    scores every record once, in arrays (`postings.Counted`), to the same lists.

    A term's postings are one array of machine integers, each `key << 8 | score`. With another `scorer`, the
    "terms" are what it scores: the pairs of common terms side by side (`_paired`).
    """

    def __init__(self, scorer: Callable[[str, int], dict[str, int]] | None = None) -> None:
        self.scorer = scorer or _scored
        self.documents: dict[int, list[Record]] = {}
        """The last build's records, each document's list by its entry number, as they were handed over."""
        self.by_term: defaultdict[str, array] = defaultdict(_postings)
        """Each term's postings, `key << 8 | score`: a record occurs once in a term's array, in no set order."""

    def update(self, documents: Iterable[list[Record]]) -> set[str]:
        """Take this build's records, a list for each document; return the terms whose lists changed.

        A document's records are compared with the last build's only when its list is not the very one handed over
        last time (the live preview keeps each document's records while it is unchanged)."""
        current = {own[0].entry: own for own in documents if own}
        left: list[Record] = []  # Records that changed or left.
        came: list[Record] = []  # Records that are new or changed.
        for entry in self.documents.keys() - current.keys():
            left += self.documents[entry]
        for entry, own in current.items():
            old = self.documents.get(entry)
            if old is own:
                continue
            before = {record.paragraph: record for record in old or ()}
            for record in own:
                earlier = before.pop(record.paragraph, None)
                if earlier is None or earlier.text != record.text:
                    came.append(record)
                    if earlier is not None:
                        left.append(earlier)
            left += before.values()
        gone: defaultdict[str, set[int]] = defaultdict(set)  # The records that changed or left, by term.
        for record in left:
            for term in self.scorer(record.text, record.paragraph):
                gone[term].add(record.entry << 20 | record.paragraph)
        for term, keys in gone.items():  # One pass over each term's array, however many of its records left.
            hits = array(POSTING, [posting for posting in self.by_term[term] if posting >> 8 not in keys])
            if hits:
                self.by_term[term] = hits
            else:
                del self.by_term[term]
        touched = set(gone)
        first = not self.documents
        by_term = self.by_term
        for record in came:
            scored = self.scorer(record.text, record.paragraph)
            base = (record.entry << 20 | record.paragraph) << 8
            for term, score in scored.items():
                by_term[term].append(base | score)
            if not first:
                touched.update(scored)
        self.documents = current
        return set(self.by_term) if first else touched

    def count(self, term: str) -> int:
        """How many records the term occurs in."""
        hits = self.by_term.get(term)
        return 0 if hits is None else len(hits)

    def listing(self, term: str) -> str:
        """The term's number of records, then its best records as `document, paragraph, score`, best first (the
        highest score, then the lowest record): a JSON list of numbers."""
        hits = self.by_term[term]
        if len(hits) == 1:  # Most terms of a Zipfian vocabulary: nothing to sort.
            best = hits
        else:
            # Two sorts in C where a key function of Python cost a call for each posting: by record, then by score,
            # highest first (a stable sort keeps the records of one score in order, reversed too).
            best = sorted(hits)
            best.sort(key=_SCORE, reverse=True)
            del best[POSTINGS_PER_TERM:]
        listing = ",".join(f"{posting >> 28},{posting >> 8 & 0xFFFFF},{posting & 0xFF}" for posting in best)
        return f"[{len(hits)},{listing}]" if listing else f"[{len(hits)}]"

    def common(self) -> frozenset[str]:
        """The terms whose lists leave records out: those that pairs are made of."""
        return frozenset(term for term, hits in self.by_term.items() if len(hits) > POSTINGS_PER_TERM)


POSTING = "Q"
"""An unsigned 64-bit integer: an entry number of up to 36 bits, a paragraph of 20 and a score of 8."""


def _postings() -> array:
    return array(POSTING)


_SCORE = (0xFF).__and__
"""A posting's score, its lowest 8 bits."""


_TERMS = Terms()
"""The terms of every word met so far, kept between builds of the live preview: each distinct word is stemmed once."""


def _terms_of(text: str) -> list[str]:
    return [term for term in map(_TERMS.__getitem__, words(text)) if term is not None]


def _scored(text: str, paragraph: int) -> dict[str, int]:
    """A record's score for each of its terms."""
    terms = _terms_of(text)
    counts = Counter(terms)
    # A record's terms take a handful of distinct counts (most occur once): each count is scored once.
    by_count = {count: score(count, len(terms), paragraph) for count in set(counts.values())}
    return dict(zip(counts, map(by_count.__getitem__, counts.values())))


def _paired(text: str, paragraph: int, common: frozenset[str]) -> dict[str, int]:
    """A record's score for each pair of common terms side by side in it (stop words left out), as `first second`,
    weighed against its length in terms as a term's score is."""
    terms = _terms_of(text)
    counts = Counter(f"{first} {second}" for first, second in zip(terms, terms[1:])
                     if first in common and second in common)
    return {pair: score(count, len(terms), paragraph) for pair, count in counts.items()}


def script(name: str, data: object) -> str:
    """A file that hands `data` to the page's search when loaded as a script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return f"ArchiveSearch.add({json.dumps(name)},{text});\n"


def shard_name(key: str) -> str:
    """A shard's file name from its key, in letters any file system and address take: `s` and the key's UTF-8 in
    hex, or for a key too long for a file name (a word of dozens of letters), its start and a digest of it."""
    data = key.encode("utf-8")
    if len(data) <= LONGEST_KEY:
        return "s" + data.hex()
    return f"s{data[:16].hex()}-{hashlib.blake2b(data, digest_size=8).hexdigest()}"


LONGEST_KEY = 60
"""The most bytes of a key named by its hex alone: 121 letters, within every file system's 255."""


def shard_of(keys: list[str], term: str) -> str | None:
    """The key of the shard that would hold `term`, from the keys in order: the last key not after the term, if
    it is of the term's two-letter group (a term of a group the index has not is in no shard)."""
    at = bisect_right(keys, term) - 1
    return keys[at] if at >= 0 and keys[at][:2] == term[:2] else None


def listed_shards(tops: dict[str, int]) -> dict[str, object]:
    """The manifest's list of shards, from each key with the largest number of records of its terms, in order of
    keys: `keys`, each key after the first written as how many letters it shares with the key before (one
    character, code point 48 and up) and the rest of it, joined by commas (a key holds letters and digits);
    `tops`, the numbers in the same order. Every search loads the manifest first: at 5,000 texts this writes 42 KB
    where a JSON object of keys and numbers took 63 KB."""
    keys, before = [], ""
    for key in tops:
        shared = 0
        while shared < min(len(key), len(before), MOST_SHARED) and key[shared] == before[shared]:
            shared += 1
        keys.append(chr(48 + shared) + key[shared:])
        before = key
    return {"keys": ",".join(keys), "tops": list(tops.values())}


MOST_SHARED = 42
"""The most letters a key is written as sharing with the one before: `0` to `Z`, one byte of UTF-8."""


def shards_listed(manifest: dict) -> dict[str, int]:
    """Each shard's key and the largest number of records of its terms, in order, from the manifest."""
    keys, before = [], ""
    for item in manifest["keys"].split(",") if manifest["keys"] else []:
        before = before[:ord(item[0]) - 48] + item[1:]
        keys.append(before)
    return dict(zip(keys, manifest["tops"]))


def prefix_shards(keys: list[str], tops: dict[str, int], prefix: str) -> list[str]:
    """The keys of the shards that can hold terms beginning with `prefix` (the one its first such term would be
    in, then those whose key begins with it), the one with the most frequent term first, by the largest number of
    records of a term in each (`tops`): a reader's browser loads them in that order and stops once it has the
    most frequent expansions it shows (`query.PREFIX_TERMS`)."""
    first = shard_of(keys, prefix)
    start = bisect_right(keys, prefix)
    spanned = [first] if first is not None else []
    for key in keys[start:]:
        if not key.startswith(prefix):
            break
        spanned.append(key)
    return sorted(spanned, key=lambda key: (-tops[key], key))


class Lists(Protocol):
    """Each term's (or pair's) number of records and its list: a build's `postings.Counted`, the preview's `Scores`."""

    def count(self, term: str) -> int: ...

    def listing(self, term: str) -> str: ...


PAIR_ITEMS = 600
"""The most pairs and records they list, counted together, in a file of pairs on average (about 7 KB): a quoted
phrase of common words loads one file for each pair of its words side by side."""
PAIR_MIX = 2654435761
"""Knuth's multiplier, which spreads a pair's first term's checksum before the second's is added (`pair_file`)."""


def pair_files(pairs: int, listed: int) -> int:
    """How many files hold the lists of `pairs` pairs, which list `listed` records together: a power of two, so
    that the number changes (and every pair moves) only when the pairs double or halve, not on most edits of the
    live preview."""
    needed = -(-(pairs + listed) // PAIR_ITEMS)
    return 1 << (needed - 1).bit_length() if needed else 0


def _check(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def pair_file(first: str, second: str, files: int) -> int:
    """The number of the file that holds the pair `first second`, of `files`: from the terms' CRC-32 checksums, as
    `theme/assets/search.js` works it out. The manifest gives only the number of files, however many pairs."""
    return (_check(first) * PAIR_MIX + _check(second)) % (1 << 32) % files


def pair_script(number: int, parts: Iterable[str]) -> str:
    """The script of one file of pairs, as `script` would write it: its pairs in order, each with its list."""
    return f'ArchiveSearch.add("p{number}",{{{",".join(parts)}}});\n'


class PairFiles:
    """The files of pairs as the live preview keeps them, each written again only when one of its pairs changed.

    A pair is two common terms side by side in a record (`_paired`), listed as a term is. Pairs are spread over
    files by a hash of their terms (`pair_file`), as many files as `pair_files` says for the records they list, so
    that the manifest names none of them: a phrase loads the file of each of its pairs and nothing else.
    """

    def __init__(self) -> None:
        self.parts: dict[str, str] = {}
        self.listed: dict[str, int] = {}
        self.files: list[str] = []
        self.members: list[set[str]] = []

    def update(self, lists: Lists, touched: set[str]) -> None:
        """Take the lists of the pairs `touched`; make again the files they are in, or every file when their number
        changed."""
        for pair in touched:
            count = lists.count(pair)
            if count:
                self.parts[pair] = f'"{pair}":{lists.listing(pair)}'
                self.listed[pair] = min(count, POSTINGS_PER_TERM)
            else:
                self.parts.pop(pair, None)
                self.listed.pop(pair, None)
        files = pair_files(len(self.listed), sum(self.listed.values()))
        if files != len(self.files):  # Every pair may move: all files are made again.
            self.members = [set() for _ in range(files)]
            for pair in self.parts:
                self.members[pair_file(*pair.split(" "), files)].add(pair)
            remade = set(range(files))
            self.files = [""] * files
        else:
            remade = set()
            for pair in touched:
                number = pair_file(*pair.split(" "), files)
                remade.add(number)
                (self.members[number].add if pair in self.parts else self.members[number].discard)(pair)
        for number in remade:
            self.files[number] = pair_script(number, map(self.parts.__getitem__, sorted(self.members[number])))


class Shards:
    """The shard files, each term's part of them written again only when its list changed.

    Terms are grouped by their first two letters, and a group is one shard unless its file would pass
    `SHARD_BYTES`: then its terms, in order, are cut into runs that each fit (a run holds at least one term, whose
    list is capped at `POSTINGS_PER_TERM` records). A run's key is the group for the first run, and for each next
    one the shortest prefix of its first term that comes after the last term of the run before: the shard of a
    term is the one with the last key not after it, and a word being typed spans the shard its prefix falls in
    and those whose key begins with it. An edit cuts again only the groups whose terms it touched, and writes again
    only the shards whose terms or lists changed.
    """

    def __init__(self) -> None:
        self.parts: dict[str, str] = {}
        """Each term with its list, as it stands in a shard's JSON object."""
        self.sizes: dict[str, int] = {}
        """The bytes of each term's part in UTF-8, with the comma that follows it."""
        self.counts: dict[str, int] = {}
        """How many records each term occurs in: the first number of its list."""
        self.groups: dict[str, set[str]] = defaultdict(set)
        self.files: dict[str, dict[str, tuple[int, str]]] = {}
        """For each two-letter group, its shards by key: the largest count of their terms, and the file."""
        self.runs: dict[str, dict[str, list[str]]] = {}
        """For each group, the terms of each of its shards, for a later update to keep the shards it did not touch."""

    def update(self, lists: Lists, touched: set[str]) -> None:
        """Take the lists of the terms `touched` and cut again the groups they are in (the live preview's)."""
        for group, terms in _by_group(touched).items():
            self._take(lists, group, terms)
            self._cut(group, touched)

    def written(self, lists: Lists, terms: Iterable[str]) -> Iterator[tuple[str, int, str]]:
        """A build's shards, each as its key, the largest count of its terms and its file, in order of keys: made a
        group at a time and let go once handed over, so that the shards' text is never held whole (72 MB at 5,000
        texts)."""
        for group, members in sorted(_by_group(terms).items()):
            self._take(lists, group, members)
            self._cut(group, set(members))
            for key, (top, content) in self.files.pop(group).items():
                yield key, top, content
            for term in members:
                self._forget(term)
            del self.groups[group], self.runs[group]

    def _take(self, lists: Lists, group: str, terms: list[str]) -> None:
        members = self.groups[group]
        for term in terms:
            count = lists.count(term)
            if count:
                # A term is letters and digits (words.py): nothing in it that JSON escapes.
                part = self.parts[term] = f'"{term}":{lists.listing(term)}'
                self.sizes[term] = len(part) + 1 + (0 if term.isascii() else len(term.encode("utf-8")) - len(term))
                self.counts[term] = count
                members.add(term)
            else:
                self._forget(term)
                members.discard(term)

    def _forget(self, term: str) -> None:
        self.parts.pop(term, None)
        self.sizes.pop(term, None)
        self.counts.pop(term, None)

    def _cut(self, group: str, touched: set[str]) -> None:
        """Cut the group's terms into shards again, writing again only the shards whose terms or lists changed, and
        remember which terms each shard holds, for the next update to compare."""
        members = sorted(self.groups[group])
        if not members:
            del self.groups[group]
            self.files.pop(group, None)
            self.runs.pop(group, None)
            return
        before, listed = self.files.get(group, {}), self.runs.get(group, {})
        files, runs = {}, {}
        for key, terms in self._runs(group, members):
            if listed.get(key) == terms and touched.isdisjoint(terms):
                files[key] = before[key]  # The same terms with the same lists: the file as it was.
            else:
                files[key] = (max(map(self.counts.__getitem__, terms)), self._file(key, terms))
            runs[key] = terms
        self.files[group] = files
        self.runs[group] = runs

    def _runs(self, group: str, members: list[str]) -> Iterator[tuple[str, list[str]]]:
        """The group's terms cut into runs whose files fit, in order, each with its key: each run takes as many terms
        as fit, found by bisecting the running total of their sizes."""
        ends = list(accumulate(map(self.sizes.__getitem__, members)))
        key, start = group, 0
        while start < len(members):
            room = SHARD_BYTES - _SHARD_OVERHEAD - 2 * len(key.encode("utf-8"))
            end = max(bisect_right(ends, (ends[start - 1] if start else 0) + room, start), start + 1)
            yield key, members[start:end]
            if end < len(members):
                key = _after(members[end - 1], members[end])
            start = end

    def _file(self, key: str, members: list[str]) -> str:
        """The script of one shard, as `script` would write it: its terms in order, each with its list."""
        body = ",".join(self.parts[term] for term in members)
        return f"ArchiveSearch.add({json.dumps(shard_name(key))},{{{body}}});\n"

    def by_key(self) -> dict[str, tuple[int, str]]:
        """Every shard by key, in order of keys: the largest count of its terms, and its file."""
        return {key: shard for group in sorted(self.files) for key, shard in self.files[group].items()}


def _by_group(terms: Iterable[str]) -> dict[str, list[str]]:
    """Terms by their two-letter group."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for term in terms:
        groups[term[:2]].append(term)
    return groups


def _after(last: str, first: str) -> str:
    """The shortest prefix of `first` that comes after `last` (which comes before it)."""
    length = 1
    while first[:length] <= last:
        length += 1
    return first[:length]


_SHARD_OVERHEAD = len('ArchiveSearch.add("s",{});\n')
"""The bytes of a shard's file around its terms, less its name's hex (two bytes for each byte of its key)."""


def _facets(entries: list[Entry]) -> dict[str, object]:
    """Each entry's facet values as numbers into shared lists of values, for counting in the browser."""
    names = ("kind", "author", "decade", "topic", "curriculum")
    values: dict[str, dict[str, int]] = {name: {} for name in names}

    def codes(name: str, items: list[str]) -> list[int]:
        return [values[name].setdefault(item, len(values[name])) for item in items]

    rows = []
    for entry in entries:
        decade = [f"{entry.year // 10 * 10}s"] if entry.year is not None else []
        rows.append([codes("kind", [entry.kind]), codes("author", entry.authors), codes("decade", decade),
                     codes("topic", entry.topics), codes("curriculum", entry.curricula)])
    return {"names": list(names), "values": [list(values[name]) for name in names], "entries": rows}


def index_files(archive: Archive, site: Site, directory_urls: bool = True,
                kept: Kept | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the search index as `(uri, content)`, under `FOLDER`; `kept` carries the scores and shards
    of an earlier build over to this one."""
    fresh = kept is None
    if fresh:
        # numpy is loaded only where a build writes its index, most often a forked copy of the build (adapters/
        # aside.py): the build's own process starts none of its threads.
        from .postings import Counted

        # No later build compares with this one: each document's records are counted and its paragraphs' files
        # written as it comes, so that the words of the whole archive are never held at once.
        counted = Counted()
        entries: list[Entry] = []
        count = 0
        for entry, records in _documents(archive, directory_urls):
            counted.add(records)
            count += len(records)
            yield from _text_files(len(entries), entry.paragraphs)
            entry.paragraphs = []
            entries.append(entry)
        counted.finish(POSTINGS_PER_TERM)
        tops: dict[str, int] = {}
        for key, top, content in Shards().written(counted, counted.terms()):
            tops[key] = top
            yield f"{FOLDER}/{shard_name(key)}.js", content
        # The pairs once the shards are written, so that the terms' lists and the pairs' are not held at once.
        counted.pair(POSTINGS_PER_TERM)
        files_of_pairs = pair_files(len(counted.pair_numbers), counted.listed_pairs())
        checks = list(map(_check, counted.common))
        for number, parts in enumerate(counted.pairs_by_file(files_of_pairs, PAIR_MIX, checks)):
            yield f"{FOLDER}/p{number}.js", pair_script(number, parts)
        del counted
    else:
        entries, documents = [], []
        for entry, own in _documents(archive, directory_urls, kept.made):
            entries.append(entry)
            documents.append(own)
        count = sum(map(len, documents))
        kept.shards.update(kept.scores, kept.scores.update(documents))
        kept.pair(documents)
        shards = kept.shards.by_key()
        tops = {key: top for key, (top, _) in shards.items()}
        for key, (_, content) in shards.items():
            yield f"{FOLDER}/{shard_name(key)}.js", content
        files_of_pairs = len(kept.pair_files.files)
        for number, content in enumerate(kept.pair_files.files):
            yield f"{FOLDER}/p{number}.js", content
    long = {key: shard_name(key) for key in tops if len(key.encode("utf-8")) > LONGEST_KEY}
    yield f"{FOLDER}/manifest.js", script("manifest", {
        **listed_shards(tops), "entries": len(entries), "records": count,
        "entriesPerChunk": ENTRIES_PER_CHUNK, "paragraphsPerChunk": PARAGRAPHS_PER_CHUNK, "language": site.language,
        "pairFiles": files_of_pairs,
    } | ({"names": long} if long else {}))
    for start in range(0, len(entries), ENTRIES_PER_CHUNK):
        chunk = [[e.title, e.url, e.kind, e.authors, e.year, e.summary] + ([e.sections] if e.sections else [])
                 for e in entries[start:start + ENTRIES_PER_CHUNK]]
        name = f"e{start // ENTRIES_PER_CHUNK}"
        yield f"{FOLDER}/{name}.js", script(name, chunk)
    if not fresh:  # Only `mkdocs serve` keeps the paragraphs' files, to compare with the next build's.
        for number, entry in enumerate(entries):
            yield from kept.texts(number, entry.paragraphs)
    yield f"{FOLDER}/facets.js", script("facets", _facets(entries))


def _text_files(number: int, paragraphs: list[str]) -> list[tuple[str, str]]:
    """The files of a document's paragraphs, `PARAGRAPHS_PER_CHUNK` to a file."""
    files = []
    for start in range(0, len(paragraphs), PARAGRAPHS_PER_CHUNK):
        name = f"t{number}-{start // PARAGRAPHS_PER_CHUNK}"
        files.append((f"{FOLDER}/{name}.js", script(name, paragraphs[start:start + PARAGRAPHS_PER_CHUNK])))
    return files


def write_index(archive: Archive, site: Site, site_dir: Path, directory_urls: bool = True,
                kept: Kept | None = None) -> int:
    """Write the index into a built site, replacing any earlier one; returns the bytes of the index.

    With `kept` (under `mkdocs serve`), the files live in a folder of their own, where only those that changed
    are written again, and the site links to it: MkDocs empties the site folder before each build.
    """
    files = index_files(archive, site, directory_urls, kept)
    if kept is None:
        folder = site_dir / FOLDER
        if folder.is_dir():
            for old in folder.glob("*.js"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        return _write(files, folder)
    return kept.write(files, site_dir)


def _write(files: Iterator[tuple[str, str]], folder: Path) -> int:
    """Write each file into `folder` (the index's own), by name; returns the bytes written.

    An index is thousands of small files: each is opened relative to the folder and written in one call, with none of
    the buffered file object `Path.write_bytes` builds around it (which took a third of the CPU of writing them).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    written = 0
    if os.open not in os.supports_dir_fd:  # Windows: whole paths.
        for uri, content in files:
            written += (folder / uri.rsplit("/", 1)[1]).write_bytes(content.encode("utf-8"))
        return written
    directory = os.open(folder, os.O_RDONLY)
    try:
        for uri, content in files:
            data = content.encode("utf-8")
            handle = os.open(uri.rsplit("/", 1)[1], flags, 0o666, dir_fd=directory)
            try:
                while data:  # A regular file takes the whole write at once; a short one is written on.
                    done = os.write(handle, data)
                    written += done
                    data = data[done:]
            finally:
                os.close(handle)
    finally:
        os.close(directory)
    return written


class Kept:
    """The search index as `mkdocs serve` keeps it between builds: the scores, the shards and the files written."""

    def __init__(self) -> None:
        self.scores = Scores()
        self.shards = Shards()
        self.common: frozenset[str] = frozenset()
        """The terms whose lists leave records out, which the pairs are made of."""
        self.pairs = Scores(partial(_paired, common=self.common))
        self.pair_files = PairFiles()
        self.folder: Path | None = None
        self.digests: dict[str, bytes] = {}
        self.sizes: dict[str, int] = {}
        self.written: dict[str, str] = {}
        """Each file's content as last written: a file handed the same string again is not compared."""
        self.made: dict[str, tuple[tuple, Entry, list[Record]]] = {}
        """Each document's entry and records, by its path, with what they were made of (see `_documents`)."""
        self._texts: dict[int, tuple[list[str], list[tuple[str, str]]]] = {}

    def pair(self, documents: list[list[Record]]) -> None:
        """Bring the pairs up to date with the records, once the terms are: the records an edit changed are paired
        again, and every record when the edit changed which terms are common (a term's count crossed
        `POSTINGS_PER_TERM`)."""
        common, touched = self.scores.common(), set()
        if common != self.common:
            touched = set(self.pairs.by_term)  # Pairs of terms no longer common leave with the old scores.
            self.common, self.pairs = common, Scores(partial(_paired, common=common))
        if common:  # Without common terms there are no pairs, and the records need not be read again.
            touched |= self.pairs.update(documents)
        self.pair_files.update(self.pairs, touched)

    def texts(self, number: int, paragraphs: list[str]) -> list[tuple[str, str]]:
        """The files of document `number`'s paragraphs, made again only when they changed."""
        known = self._texts.get(number)
        if known is None or known[0] != paragraphs:
            known = self._texts[number] = (paragraphs, _text_files(number, paragraphs))
        return known[1]

    def write(self, files: Iterator[tuple[str, str]], site_dir: Path) -> int:
        """Write the files that changed since the last build into the kept folder, remove those that are gone,
        and link the site's index folder to it; returns the bytes of the whole index."""
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="archive-search-"))
            atexit.register(shutil.rmtree, self.folder, True)
        digests: dict[str, bytes] = {}
        written: dict[str, str] = {}
        sizes: dict[str, int] = {}
        for uri, content in files:
            name = uri.rsplit("/", 1)[1]
            written[name] = content
            if self.written.get(name) is content:  # The very string written last time: kept files are.
                digests[name], sizes[name] = self.digests[name], self.sizes[name]
                continue
            data = content.encode("utf-8")
            sizes[name] = len(data)
            digests[name] = digest = hashlib.blake2b(data, digest_size=16).digest()
            if self.digests.get(name) != digest:
                (self.folder / name).write_bytes(data)
        for gone in self.digests.keys() - digests.keys():
            (self.folder / gone).unlink(missing_ok=True)
        self.digests, self.written, self.sizes = digests, written, sizes
        size = sum(sizes.values())
        _link(site_dir / FOLDER, self.folder)
        return size


def _link(link: Path, target: Path) -> None:
    """Make `link` a link to the folder `target`, whatever was there; copy the folder where links are refused."""
    if link.is_symlink() and link.readlink() == target:
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        link.symlink_to(target, target_is_directory=True)
    except OSError:
        shutil.copytree(target, link)
