"""A build's postings, counted in arrays: each record's score for each of its terms, and for each pair of common
terms side by side in it, with every term's and every pair's best records.

`search.Scores` keeps the same scores record by record, in Python, for the live preview, where an edit rescores
only what it changed. A build scores every record once: here its words become numbers, and counting, scoring,
sorting and cutting each list to its best records are done on arrays by numpy, in C, with the same results to the
byte (`tests/unit/test_search_index.py` compares the two). What is left in Python is splitting each record into
words and formatting the lists that are written.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

import numpy as np

from .bm25 import B, HEAD_BOOST, K1, REFERENCE_LENGTH
from .words import Terms, words

__all__ = ["Counted"]


def _scores(counts: np.ndarray, lengths: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """`bm25.score` over arrays, in the same float operations in the same order, so that every score is the same."""
    norm = K1 * ((1 - B) + (B * lengths) / REFERENCE_LENGTH)
    boost = np.where(heads, 10 * (K1 + 1) * HEAD_BOOST, 10 * (K1 + 1) * 1.0)
    counts = counts.astype(np.float64)
    return np.maximum(1, np.rint(boost * counts / (counts + norm))).astype(np.int64)


BATCH = 1 << 20
"""Terms gathered before they are counted: about 12,000 paragraphs."""


class _Ids(dict):
    """Each folded word's term as a number (-1 for a stop word), each word stemmed once, each term numbered once."""

    def __init__(self) -> None:
        super().__init__()
        self.terms = Terms()
        self.numbers: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        term = self.terms[word]
        number = self[word] = -1 if term is None else self.numbers.setdefault(term, len(self.numbers))
        return number


class Counted:
    """Every record's terms, counted in arrays as records are added; `finish` sorts each term's list and each pair's.

    A term's record is named by its number in the build (records come in order of entry and paragraph). A list is
    the term's number of records, then its best records as `entry, paragraph, score`: the highest score first, then
    the earlier record. A pair is two terms next to each other in a record once stop words are left out, both so
    common that their own lists leave records out; it has a list of its own, so that a quoted phrase of common words
    is looked for in every paragraph that has them side by side (docs/search.md).
    """

    def __init__(self) -> None:
        self._ids = _Ids()
        self._words: list[int] = []  # The batch's words as term numbers, stop words as -1.
        self._sizes: list[int] = []  # The number of words of each record of the batch.
        self.entries = array("i")
        self.paragraphs = array("i")
        self._terms: list[np.ndarray] = []  # Each batch's terms, stop words left out, record after record.
        self._lengths: list[np.ndarray] = []  # Each batch's number of terms of each record.
        self._postings: list[np.ndarray] = []  # Each batch's postings as sort keys (`_key`).
        self.names: list[str] = []
        self.numbers: dict[str, int] = {}

    def add(self, records: Iterable) -> None:
        """Take records (`search.Record`), in order."""
        for record in records:
            said = words(record.text)
            self._words += map(self._ids.__getitem__, said)
            self._sizes.append(len(said))
            self.entries.append(record.entry)
            self.paragraphs.append(record.paragraph)
        if len(self._words) >= BATCH:
            self._count()

    def _count(self) -> None:
        """Count the batch's terms in each of its records, and score them."""
        if not self._sizes:
            return
        first = len(self.entries) - len(self._sizes)
        said = np.array(self._words, dtype=np.int64)
        records = np.repeat(np.arange(first, len(self.entries), dtype=np.int64), self._sizes)
        kept = said >= 0
        said, records = said[kept], records[kept]
        lengths = np.bincount(records - first, minlength=len(self._sizes))
        self._terms.append(said.astype(np.int32))
        self._lengths.append(lengths.astype(np.int32))
        pairs, counts = np.unique(records << 32 | said, return_counts=True)
        records, said = pairs >> 32, pairs & 0xFFFFFFFF
        scores = _scores(counts, lengths[records - first], self._heads(records))
        self._postings.append(_key(said, scores, records))
        self._words, self._sizes = [], []

    def _heads(self, records: np.ndarray) -> np.ndarray:
        return np.frombuffer(self.paragraphs, dtype=np.int32)[records] == 0

    def finish(self, best: int) -> None:
        """Sort every term's postings and keep its `best` records; then list the pairs of terms that both have more."""
        self._count()
        self.names, self.numbers, self._ids = list(self._ids.numbers), self._ids.numbers, _Ids()
        postings = np.concatenate(self._postings) if self._postings else np.zeros(0, np.int64)
        self._postings = []
        self.counts, self.ends, self._flat = self._listed(postings, len(self.names), best)
        del postings
        self._pairs(self.counts > best, best)
        # Every number a list holds (entries, paragraphs, scores) written once: a lookup where `str` took twice as long.
        largest = max(int(self._flat.max(initial=0)), int(self._pair_flat.max(initial=0)))
        self._written = list(map(str, range(largest + 1)))

    def _listed(self, postings: np.ndarray, size: int, best: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sort postings of `size` terms (or pairs) and keep each one's `best`: the number of records of each, where
        its kept postings end, and the kept postings as the numbers they are written as, entry, paragraph, score."""
        postings.sort()
        starts = np.searchsorted(postings, np.arange(size + 1, dtype=np.int64) << 40)
        counts = np.diff(starts)
        kept = np.minimum(counts, best)
        ends = np.cumsum(kept)
        positions = np.arange(int(ends[-1]) if size else 0, dtype=np.int64) + np.repeat(starts[:-1] - (ends - kept), kept)
        postings = postings[positions]
        records = postings & 0xFFFFFFFF
        flat = np.empty((len(postings), 3), dtype=np.int32)
        flat[:, 0] = np.frombuffer(self.entries, dtype=np.int32)[records]
        flat[:, 1] = np.frombuffer(self.paragraphs, dtype=np.int32)[records]
        flat[:, 2] = 255 - (postings >> 32 & 0xFF)
        return counts, ends, flat.ravel()

    def _pairs(self, common: np.ndarray, best: int) -> None:
        """Count each pair of common terms side by side in a record, and keep each pair's best records."""
        number = np.full(len(common), -1, dtype=np.int64)
        number[common] = np.arange(int(common.sum()))
        self.common = [name for name, is_common in zip(self.names, common.tolist()) if is_common]
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int32)
        found, first = [], 0
        for said, own in zip(self._terms, self._lengths):
            records = np.repeat(np.arange(first, first + len(own), dtype=np.int64), own)
            first += len(own)
            numbered = number[said]
            beside = (numbered[:-1] >= 0) & (numbered[1:] >= 0) & (records[:-1] == records[1:])
            pairs = numbered[:-1][beside] * len(self.common) + numbered[1:][beside]
            both, counts = np.unique(pairs << 32 | records[:-1][beside], return_counts=True)
            records = both & 0xFFFFFFFF
            found.append((both >> 32, _scores(counts, lengths[records], self._heads(records)), records))
        self._terms, self._lengths = [], []
        pairs = np.concatenate([pairs for pairs, _, _ in found]) if found else np.zeros(0, np.int64)
        self.pair_numbers, numbered = np.unique(pairs, return_inverse=True)
        postings = _key(numbered.reshape(-1), np.concatenate([s for _, s, _ in found]) if found else pairs,
                        np.concatenate([r for _, _, r in found]) if found else pairs)
        self.pair_counts, self.pair_ends, self._pair_flat = self._listed(postings, len(self.pair_numbers), best)

    def count(self, term: str) -> int:
        number = self.numbers.get(term)
        return 0 if number is None else int(self.counts[number])

    def listing(self, term: str) -> str:
        """The term's number of records, then its best records: a JSON list of numbers, as `Scores.listing`."""
        number = self.numbers[term]
        return _listing(int(self.counts[number]), self._flat, self.ends, number, self._written)

    def terms(self) -> list[str]:
        return [name for name, count in zip(self.names, self.counts.tolist()) if count]

    def listed_pairs(self) -> int:
        """How many records the pairs' lists hold together."""
        return int(self.pair_ends[-1]) if len(self.pair_ends) else 0

    def pairs_by_file(self, files: int, mix: int, checks: list[int]) -> Iterator[list[str]]:
        """Each of `files` files' pairs, in order of files, each pair as its part of the file, `"first second":list`,
        in order of pairs. A pair's file is `(checks[first] * mix + checks[second]) % 2**32 % files`, as
        `search.pair_file` gives it from the terms' CRC-32 checksums (`checks`, by common term)."""
        size = len(self.common)
        first, second = np.divmod(self.pair_numbers, size) if size else (self.pair_numbers, self.pair_numbers)
        checked = np.array(checks, dtype=np.uint64)
        number = (checked[first] * np.uint64(mix) + checked[second]) & np.uint64(0xFFFFFFFF)
        number = (number % np.uint64(max(files, 1))).astype(np.int64)
        ranks = np.empty(size, dtype=np.int64)  # Each common term's place in the order of strings.
        ranks[sorted(range(size), key=self.common.__getitem__)] = np.arange(size)
        order = np.lexsort((ranks[second], ranks[first], number)).tolist()
        ends = np.searchsorted(number[order], np.arange(1, files + 1)).tolist()
        start, names = 0, self.common
        for end in ends:
            parts = []
            for at in order[start:end]:
                pair = int(self.pair_numbers[at])
                listing = _listing(int(self.pair_counts[at]), self._pair_flat, self.pair_ends, at, self._written)
                parts.append(f'"{names[pair // size]} {names[pair % size]}":{listing}')
            yield parts
            start = end

def _key(terms: np.ndarray, scores: np.ndarray, records: np.ndarray) -> np.ndarray:
    """Postings as numbers that sort by term, then by score from the highest, then by record."""
    if len(records) and (int(records.max()) >= 1 << 32 or int(terms.max()) >= 1 << 23):
        raise OverflowError("more records or terms than a build's postings can number")
    return terms.astype(np.int64) << 40 | (255 - scores) << 32 | records


def _listing(count: int, flat: np.ndarray, ends: np.ndarray, at: int, written: list[str]) -> str:
    start = 3 * int(ends[at - 1]) if at else 0
    listed = ",".join(map(written.__getitem__, flat[start:3 * int(ends[at])].tolist()))
    return f"[{count},{listed}]" if listed else f"[{count}]"
