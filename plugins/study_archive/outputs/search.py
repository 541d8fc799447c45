"""The search index: every numbered paragraph and every document of the archive, sharded into small script files.

A reader's browser loads only the shards its query's terms fall in (terms are grouped by their first letters), the
titles of the documents it shows and the paragraphs it quotes, so what a search downloads stays about the same size
however large the archive grows. Each file is a script that hands its data to `ArchiveSearch.add`, because a
script loads from file:// where `fetch` does not. The layout of the files is described in docs/search.md.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model.archive import Archive
from ..model.document import Document, Kind, page_url
from ..model.site import Site
from .words import terms

__all__ = ["Record", "Entry", "records_of", "index_files", "write_index", "FOLDER", "script", "PARAGRAPHS_PER_CHUNK"]

FOLDER = "search"
PARAGRAPHS_PER_CHUNK = 2
"""Paragraphs per file of quoted text: a snippet downloads about 2 KB of text."""
ENTRIES_PER_CHUNK = 16
POSTINGS_PER_TERM = 300
"""The best paragraphs kept for each term, by score: what bounds a shard whatever the archive's size."""
SHARD_BYTES = 24_000
HEAD_BOOST = 2.0
K1, B = 1.2, 0.75


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


@dataclass(frozen=True)
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
                     curricula.get(document.id, []), [p.text for p in document.outline.paragraphs])
    summary = getattr(meta, "summary", None) or getattr(meta, "short", None) or getattr(meta, "question", None) or ""
    return Entry(document.title, url, document.kind.value, summary=summary)


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
        for piece in meta.pieces:
            parts += [piece.position, *piece.claims]
    if document.kind is Kind.CURRICULUM:
        for session in meta.sessions:
            parts += [session.title, *session.questions]
    if document.kind is not Kind.TEXT:
        parts += [paragraph.text for paragraph in document.outline.paragraphs]
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
    curricula = _curricula(archive)
    entries: list[Entry] = []
    records: list[Record] = []
    for document in archive.documents:
        if document.kind not in SEARCHED or not document.valid:
            continue
        number = len(entries)
        entries.append(_entry(archive, document, curricula, directory_urls))
        records.append(Record(number, 0, _head(archive, document)))
        if document.kind is Kind.TEXT:
            records += [Record(number, p.number, p.text) for p in document.outline.paragraphs]
    return entries, records


def _postings(records: list[Record], known: dict[str, Counter] | None = None) -> dict[str, list[tuple[int, int, int]]]:
    """For each term, its best records by BM25 score (times ten, rounded), best first."""
    counted = _counted(records, known)
    lengths = [sum(counts.values()) for counts in counted]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / average) for length in lengths]
    boosts = [HEAD_BOOST if record.paragraph == 0 else 1.0 for record in records]
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, counts in enumerate(counted):
        for term, count in counts.items():
            found[term].append((number, count))
    total = len(records)
    postings: dict[str, list[tuple[int, int, int]]] = {}
    for term, hits in found.items():
        idf = 10 * (K1 + 1) * math.log(1 + (total - len(hits) + 0.5) / (len(hits) + 0.5))
        scored = [(idf * boosts[number] * count / (count + norms[number]), number) for number, count in hits]
        best = heapq.nlargest(POSTINGS_PER_TERM, scored) if len(scored) > POSTINGS_PER_TERM else sorted(scored, reverse=True)
        postings[term] = [(records[number].entry, records[number].paragraph, max(1, round(score)))
                          for score, number in best]
    return postings


def _counted(records: list[Record], known: dict[str, Counter] | None) -> list[Counter]:
    """The terms of each record, counted; `known` holds the counts of an earlier build's words, and is left
    holding this build's."""
    if known is None:
        return [Counter(terms(record.text)) for record in records]
    fresh = {record.text: known.get(record.text) or Counter(terms(record.text)) for record in records}
    known.clear()
    known.update(fresh)
    return [fresh[record.text] for record in records]


def script(name: str, data: object) -> str:
    """A file that hands `data` to the page's search when loaded as a script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return f"ArchiveSearch.add({json.dumps(name)},{text});\n"


def _shards(postings: dict[str, list[tuple[int, int, int]]]) -> dict[str, dict[str, list[int]]]:
    """Terms grouped by their first two letters, or three where two would make too large a file."""
    flat = {term: [number for posting in hits for number in posting] for term, hits in postings.items()}
    by_two: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, numbers in flat.items():
        by_two[term[:2]][term] = numbers
    shards: dict[str, dict[str, list[int]]] = {}
    for key, shard in by_two.items():
        if len(json.dumps(shard)) <= SHARD_BYTES:
            shards[key] = shard
            continue
        for term, numbers in shard.items():
            shards.setdefault(term[:3], {})[term] = numbers
    return shards


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
                known: dict[str, Counter] | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the search index as `(uri, content)`, under `search/`; `known`: see `_counted`."""
    entries, records = records_of(archive, directory_urls)
    shards = _shards(_postings(records, known))
    keys = sorted(shards)
    yield f"{FOLDER}/manifest.js", script("manifest", {
        "shards": {key: number for number, key in enumerate(keys)}, "entries": len(entries),
        "entriesPerChunk": ENTRIES_PER_CHUNK, "paragraphsPerChunk": PARAGRAPHS_PER_CHUNK, "language": site.language,
    })
    for number, key in enumerate(keys):
        yield f"{FOLDER}/s{number}.js", script(f"s{number}", shards[key])
    for start in range(0, len(entries), ENTRIES_PER_CHUNK):
        chunk = [[e.title, e.url, e.kind, e.authors, e.year, e.summary] for e in entries[start:start + ENTRIES_PER_CHUNK]]
        name = f"e{start // ENTRIES_PER_CHUNK}"
        yield f"{FOLDER}/{name}.js", script(name, chunk)
    for number, entry in enumerate(entries):
        for start in range(0, len(entry.paragraphs), PARAGRAPHS_PER_CHUNK):
            name = f"t{number}-{start // PARAGRAPHS_PER_CHUNK}"
            yield f"{FOLDER}/{name}.js", script(name, entry.paragraphs[start:start + PARAGRAPHS_PER_CHUNK])
    yield f"{FOLDER}/facets.js", script("facets", _facets(entries))


def write_index(archive: Archive, site: Site, site_dir: Path, directory_urls: bool = True,
                known: dict[str, Counter] | None = None) -> int:
    """Write the index into a built site, replacing any earlier one; returns the bytes written."""
    folder = site_dir / FOLDER
    if folder.is_dir():
        for old in folder.glob("*.js"):
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for uri, content in index_files(archive, site, directory_urls, known):
        data = content.encode("utf-8")
        (site_dir / uri).write_bytes(data)
        written += len(data)
    return written
