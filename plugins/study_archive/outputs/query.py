"""Queries over a built search index: the ranking the browser uses, in Python, for the command line and the tests.

`theme/assets/search.js` implements the same steps; the ranking tests hold this one to the expected results and
the browser tests hold the script to the same.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .search import FOLDER, pair_file, prefix_shards, shard_name, shard_of, shards_listed
from .words import fold, term_of, words

__all__ = ["Query", "Hit", "Result", "Index", "snippet", "PHRASE_IN_PART"]

PREFIX_WEIGHT = 0.6
PREFIX_TERMS = 20
PREFIX_SHARDS = 2
"""The most shards a word being typed loads for the terms it begins, beyond those that hold the query's terms."""
PARAGRAPHS_SHOWN = 3
PHRASE_CANDIDATES = 200
PHRASE_IN_PART = ("Every word of the quoted phrase is common, so it was looked for only in the paragraphs where its "
                  "words weigh most: it may occur elsewhere. A rarer word beside it finds more.")
"""What a reader is told when `Index.phrase_in_part`; theme/assets/search.js says the same."""
_PHRASE = re.compile(r'"([^"]*)"?')
_SCRIPT = re.compile(r'^ArchiveSearch\.add\("([^"]+)",(.*)\);\s*$', re.S)


@dataclass(frozen=True)
class Query:
    """What a reader typed: its terms, its quoted phrases, and whether its last word is still being typed."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    prefix: str | None = None

    @classmethod
    def parse(cls, text: str, typing: bool = False) -> Query:
        phrases = tuple(tuple(words(phrase)) for phrase in _PHRASE.findall(text) if words(phrase))
        found = [term for word in words(text) if (term := term_of(word))]
        last = words(text)[-1:] if typing and text and not text[-1].isspace() and text[-1] != '"' else []
        return cls(tuple(dict.fromkeys(found)), phrases, last[0] if last and len(last[0]) >= 2 else None)


@dataclass
class Hit:
    """A paragraph (or, as paragraph 0, a document's title and summary) that matched, with its score."""

    paragraph: int
    score: float
    text: str = ""
    anchor: str = ""
    """Where the hit opens its page: `p12` for a text's paragraph, a session's or a piece's own anchor."""
    label: str = ""
    """How the hit is named: `¶12`, `Session 2`, a piece's title, or `summary` for a document's head."""


@dataclass
class Result:
    """One document that matched: its entry, its score and its best paragraphs."""

    entry: int
    score: float
    title: str = ""
    url: str = ""
    kind: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    hits: list[Hit] = field(default_factory=list)


class Index:
    """A built site's search index, read file by file as a query needs it."""

    def __init__(self, site_dir: Path) -> None:
        self.folder = Path(site_dir) / FOLDER
        self._read: dict[str, object] = {}
        """Each file read, by name, as the browser keeps each script it loaded: a query and the check of its phrases
        read the same shards, and results read their entries' files again for each paragraph."""
        self.manifest = self.load("manifest")
        self.shards: dict[str, int] = shards_listed(self.manifest)
        """Each shard's key (where its run of terms begins) and the largest number of records of its terms."""
        self.keys = sorted(self.shards)
        self.names: dict[str, str] = self.manifest.get("names", {})
        """The file names of keys too long to be named by their hex."""

    def load(self, name: str):
        if name not in self._read:
            match = _SCRIPT.match((self.folder / f"{name}.js").read_text(encoding="utf-8"))
            if match is None or match.group(1) != name:
                raise ValueError(f"{self.folder / name}.js is not a search index file")
            self._read[name] = json.loads(match.group(2))
        return self._read[name]

    def shard_of(self, term: str) -> dict[str, list[int]]:
        key = shard_of(self.keys, term)
        return self.load_shard(key) if key is not None else {}

    def load_shard(self, key: str) -> dict[str, list[int]]:
        return self.load(self.names.get(key) or shard_name(key))

    def rarity(self, count: int) -> float:
        """BM25's idf of a term found in `count` records: a term's list holds each record's own score, and this
        weighs it by how rare the term is in the whole archive."""
        records = self.manifest["records"]
        return math.log(1 + (records - count + 0.5) / (count + 0.5))

    def expansions(self, prefix: str) -> dict[str, list[int]]:
        """The `PREFIX_TERMS` most frequent terms starting with what is being typed, the most frequent first.

        A short prefix can span many shards: they are loaded those with the most frequent term first, until no
        shard left can hold a term more frequent than the last of those found, or `PREFIX_SHARDS` are loaded.
        """
        found: dict[str, list[int]] = {}
        best: list[str] = []
        for loaded, key in enumerate(prefix_shards(self.keys, self.shards, prefix)):
            if loaded == PREFIX_SHARDS or len(best) == PREFIX_TERMS and found[best[-1]][0] > self.shards[key]:
                break
            found.update({t: p for t, p in self.load_shard(key).items() if t.startswith(prefix)})
            best = sorted(found, key=lambda t: (-found[t][0], t))[:PREFIX_TERMS]
        return {term: found[term] for term in best}

    def entry(self, number: int) -> list:
        return self.load(f"e{number // self.manifest['entriesPerChunk']}")[number % self.manifest["entriesPerChunk"]]

    def paragraph(self, entry: int, number: int) -> str:
        if number == 0:
            values = self.entry(entry)
            return f"{values[0]}. {values[5]}"
        size = self.manifest["paragraphsPerChunk"]
        return self.load(f"t{entry}-{(number - 1) // size}")[(number - 1) % size]

    def search(self, text: str, typing: bool = False, limit: int = 10) -> list[Result]:
        """The documents that match, best first, each with its best paragraphs."""
        query = Query.parse(text, typing)
        slots: list[dict[tuple[int, int], float]] = []
        lists: dict[str, list[int]] = {}
        for term in query.terms:
            slot: dict[tuple[int, int], float] = {}
            lists[term] = self.shard_of(term).get(term, [0])
            choices = [(lists[term], 1.0)]
            if query.prefix and term == term_of(query.prefix):
                choices += [(postings, PREFIX_WEIGHT) for t, postings in self.expansions(query.prefix).items() if t != term]
            for postings, weight in choices:
                idf = self.rarity(postings[0]) * weight
                for i in range(1, len(postings), 3):
                    key = (postings[i], postings[i + 1])
                    slot[key] = max(slot.get(key, 0.0), postings[i + 2] * idf)
            slots.append(slot)
        paired = self._paired(query, lists, slots)
        return self._rank(query, slots, paired, limit)

    def pairs(self, query: Query, lists: dict[str, list[int]]) -> list[tuple[list[str], list[int]]]:
        """For each quoted phrase whose every term's list leaves records out, its terms and the list of the pair of
        them side by side that occurs in the fewest records (`[0]` for a pair no record has): the records a phrase of
        common words can be in. A phrase of one term, or an index without pairs, has none."""
        files = self.manifest.get("pairFiles", 0)
        found = []
        for phrase in query.phrases:
            terms = [term for word in phrase if (term := term_of(word))]
            if not files or len(terms) < 2 or not all(_partial(lists.get(term, [0])) for term in terms):
                continue
            listed = [self.load(f"p{pair_file(first, second, files)}").get(f"{first} {second}", [0])
                      for first, second in zip(terms, terms[1:])]
            found.append((terms, min(listed, key=lambda postings: postings[0])))
        return found

    def _paired(self, query: Query, lists: dict[str, list[int]],
                slots: list[dict[tuple[int, int], float]]) -> list[dict[tuple[int, int], float]]:
        """The phrases' pairs' records (`pairs`), each as a slot of candidates. A record a pair lists that the list of
        one of the phrase's terms left out is given, for that term, the pair's score: a record holds each term of a
        pair at least as often as the pair, so the term's own score there is at least that."""
        paired = []
        for terms, postings in self.pairs(query, lists):
            found = {(postings[i], postings[i + 1]): postings[i + 2] for i in range(1, len(postings), 3)}
            for term, slot in zip(query.terms, slots):
                if term in terms:
                    idf = self.rarity(lists[term][0])
                    for key, score in found.items():
                        slot.setdefault(key, score * idf)
            paired.append(found)
        return paired

    def _rank(self, query: Query, slots: list[dict[tuple[int, int], float]], paired: list[dict[tuple[int, int], float]],
              limit: int) -> list[Result]:
        records: dict[tuple[int, int], float] = {}
        for slot in slots:
            for key, score in slot.items():
                records[key] = records.get(key, 0.0) + score
        if query.phrases:
            needed = {term_of(word) for phrase in query.phrases for word in phrase} - {None}
            # The fewest candidates: a pair's records, or the rarest term's (a list keeps a term's best records).
            choices = [*paired, *(slot for term, slot in zip(query.terms, slots) if term in needed)]
            rarest = min(choices, key=len, default={})
            candidates = sorted(((s, k) for k, s in records.items() if k in rarest),
                                key=lambda pair: -pair[0])[:PHRASE_CANDIDATES]
            records = {key: score for score, key in candidates if self._has_phrases(key, query.phrases)}
        entries: dict[int, list[float]] = {}
        for (entry, _), _ in records.items():
            entries.setdefault(entry, [0.0] * len(slots))
        for number, slot in enumerate(slots):
            for key, score in slot.items():
                if key in records:
                    best = entries[key[0]]
                    best[number] = max(best[number], score)
        scored = sorted(((sum(best) * (sum(1 for s in best if s) / len(best)) ** 2, entry)
                         for entry, best in entries.items()), key=lambda pair: (-pair[0], pair[1]))
        results = []
        for score, entry in scored[:limit]:
            values = self.entry(entry)
            hits = sorted((Hit(p, s) for (e, p), s in records.items() if e == entry), key=lambda h: (-h.score, h.paragraph))
            shown = hits[:PARAGRAPHS_SHOWN]
            sections = values[6] if len(values) > 6 else []
            for hit in shown:
                hit.text = self.paragraph(entry, hit.paragraph)
                if sections and hit.paragraph:
                    hit.anchor, hit.label = sections[hit.paragraph - 1]
                elif hit.paragraph:
                    hit.anchor, hit.label = f"p{hit.paragraph}", f"¶{hit.paragraph}"
                else:
                    hit.label = "summary"
            results.append(Result(entry, score, values[0], values[1], values[2], values[3], values[4], shown))
        return results

    def phrase_in_part(self, text: str) -> bool:
        """Whether the query's quoted phrases were looked for in part of the archive only: every word of them is so
        common that its list holds only its best `POSTINGS_PER_TERM` records, and no pair of them side by side
        (`pairs`) lists every record it occurs in (search.md, Limits). Readers are told so."""
        query = Query.parse(text)
        needed = {term_of(word) for phrase in query.phrases for word in phrase} - {None}
        lists = {term: self.shard_of(term).get(term, [0]) for term in needed}
        return (bool(lists) and all(map(_partial, lists.values()))
                and all(_partial(postings) for _, postings in self.pairs(query, lists)))

    def _has_phrases(self, key: tuple[int, int], phrases: tuple[tuple[str, ...], ...]) -> bool:
        said = words(self.paragraph(*key))
        return all(any(said[i:i + len(phrase)] == list(phrase) for i in range(len(said) - len(phrase) + 1))
                   for phrase in phrases)


def _partial(postings: list[int]) -> bool:
    """Whether a term's list (its number of records, then three numbers a record) leaves records out."""
    return postings[0] > (len(postings) - 1) // 3


def snippet(text: str, query: Query, size: int = 30) -> list[tuple[str, bool]]:
    """About `size` words of a paragraph around its first match, as (piece, matched) pairs in order."""
    pieces = re.split(r"([^\W_]+)", text)
    wanted = set(query.terms)
    matched = [i for i, piece in enumerate(pieces) if i % 2 and _matches(piece, wanted, query.prefix)]
    first = matched[0] if matched else 1
    start, end = max(0, first - size), min(len(pieces), first + size)
    shown = [(piece, i in matched) for i, piece in enumerate(pieces[start:end], start)]
    if start > 0:
        shown.insert(0, ("…", False))
    if end < len(pieces):
        shown.append(("…", False))
    return shown


def _matches(word: str, wanted: set[str], prefix: str | None) -> bool:
    folded = fold(word)
    return term_of(folded) in wanted or bool(prefix and folded.startswith(prefix))
