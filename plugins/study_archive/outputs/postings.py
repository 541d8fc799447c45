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


RECORD_BITS = 28
"""The bits of a posting that number its record: 268 million records, about 1.6 million texts of 4,000 words. A
posting is one 64-bit integer, its term (or pair) in the 27 bits above the score's 8, and must fit them."""
RECORDS = (1 << RECORD_BITS) - 1
MOST_TERMS = 1 << (63 - 8 - RECORD_BITS)

BATCH = 1 << 18
"""Terms gathered before they are counted (about 3,000 paragraphs), and what is worked on at once after."""


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
    """Every record's terms, counted in arrays as records are added; `finish` sorts each term's list, `pair` each
    pair's.

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
        # Grown in place (a large block is moved by the system, not copied), then read by numpy where they lie:
        self._terms = array("i")  # Every record's terms, stop words left out, record after record.
        self._lengths = array("i")  # The number of terms of each record.
        self._postings = array("q")  # The postings, as sort keys (`_key`).
        self.names: list[str] = []
        self.numbers: dict[str, int] = {}

    def add(self, records: Iterable) -> None:
        """Take records (`search.Record`), in order."""
        if len(self.entries) >= RECORDS or len(self._ids.numbers) >= MOST_TERMS:
            raise OverflowError("more records or terms than a build's postings can number (postings.RECORD_BITS)")
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
        self._terms.frombytes(said.astype(np.int32).tobytes())
        self._lengths.frombytes(lengths.astype(np.int32).tobytes())
        # Each term once for each record it is in, with how often it is there.
        found, counts = np.unique(said << RECORD_BITS | records, return_counts=True)
        records, said = found & RECORDS, found >> RECORD_BITS
        scores = _scores(counts, lengths[records - first], self._heads(records))
        self._postings.frombytes(_key(said, scores, records).tobytes())
        self._words, self._sizes = [], []

    def _heads(self, records: np.ndarray) -> np.ndarray:
        return np.frombuffer(self.paragraphs, dtype=np.int32)[records] == 0

    def finish(self, best: int) -> None:
        """Sort every term's postings and keep its `best` records."""
        self._count()
        self.names, self.numbers, self._ids = list(self._ids.numbers), self._ids.numbers, _Ids()
        postings = np.frombuffer(self._postings, dtype=np.int64)
        postings.sort()
        starts = np.searchsorted(postings, np.arange(len(self.names) + 1, dtype=np.int64) << (RECORD_BITS + 8))
        self.counts, self.ends, self._flat = self._listed(postings, starts, best)
        del postings
        self._postings = array("q")
        self._written = _written(self._flat)

    def pair(self, best: int) -> None:
        """List the pairs of terms that both have more than `best` records, once the terms' lists are written: they
        are let go first, so that the two are never held at once."""
        self._flat = self.ends = np.zeros(0, np.int32)
        self._pairs(self.counts > best, best)
        self._written = _written(self._pair_flat)

    def _listed(self, postings: np.ndarray, starts: np.ndarray, best: int,
                bits: int = RECORD_BITS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """From sorted postings and where each list starts in them (and where the last ends), keep each list's `best`:
        the number of records of each, where its kept postings end, and the kept postings as the numbers they are
        written as, entry, paragraph, score."""
        counts = np.diff(starts)
        kept = np.minimum(counts, best)
        ends = np.cumsum(kept)
        total = int(ends[-1]) if len(ends) else 0
        flat = np.empty((total, 3), dtype=np.int32)
        entries, paragraphs = np.frombuffer(self.entries, dtype=np.int32), np.frombuffer(self.paragraphs, dtype=np.int32)
        # A run of lists at a time, about `BATCH` postings, so that what is worked out for them stays small.
        cuts = [0, *np.searchsorted(ends, np.arange(BATCH, total, BATCH)).tolist(), len(kept)]
        for low, high in zip(cuts, cuts[1:]):
            begin, end = (int(ends[low - 1]) if low else 0), (int(ends[high - 1]) if high else 0)
            positions = np.repeat(starts[low:high] - (ends[low:high] - kept[low:high]), kept[low:high])
            positions += np.arange(begin, end, dtype=np.int64)
            chosen = postings[positions]
            records = chosen & ((1 << bits) - 1)
            flat[begin:end, 0] = entries[records]
            flat[begin:end, 1] = paragraphs[records]
            flat[begin:end, 2] = 255 - (chosen >> bits & 0xFF)
        return counts, ends, flat.ravel()

    def _pairs(self, common: np.ndarray, best: int) -> None:
        """Count each pair of common terms side by side in a record, and keep each pair's best records.

        A pair is numbered `first * len(common) + second`, by the common terms' own numbers, and its postings are
        keyed as a term's are, with only as many bits for the record as the build's records need."""
        size = int(common.sum())
        bits = max(1, len(self.entries).bit_length())
        if size and (size * size - 1).bit_length() + 8 + bits > 63:
            raise OverflowError("more common terms and records than a pair's postings can number")
        number = np.full(len(common), -1, dtype=np.int64)
        number[common] = np.arange(size)
        self.common = [name for name, is_common in zip(self.names, common.tolist()) if is_common]
        terms, lengths = np.frombuffer(self._terms, dtype=np.int32), np.frombuffer(self._lengths, dtype=np.int32)
        ends = np.cumsum(lengths, dtype=np.int64)
        grown = array("q")
        # A run of records at a time, about `BATCH` terms.
        cuts = [0, *np.searchsorted(ends, np.arange(BATCH, len(terms), BATCH)).tolist(), len(lengths)]
        for low, high in zip(cuts, cuts[1:]):
            said = number[terms[(int(ends[low - 1]) if low else 0):(int(ends[high - 1]) if high else 0)]]
            records = np.repeat(np.arange(low, high, dtype=np.int64), lengths[low:high])
            beside = (said[:-1] >= 0) & (said[1:] >= 0) & (records[:-1] == records[1:])
            pairs = said[:-1][beside] * size + said[1:][beside]
            found, counts = np.unique(pairs << bits | records[:-1][beside], return_counts=True)
            records = found & ((1 << bits) - 1)
            scores = _scores(counts, lengths[records], self._heads(records))
            grown.frombytes(_key(found >> bits, scores, records, bits).tobytes())
        del terms, lengths
        self._terms, self._lengths = array("i"), array("i")
        postings = np.frombuffer(grown, dtype=np.int64)
        postings.sort()
        pairs = postings >> (bits + 8)
        starts = np.flatnonzero(np.diff(pairs, prepend=-1))
        self.pair_numbers = pairs[starts]
        del pairs
        self.pair_counts, self.pair_ends, self._pair_flat = self._listed(
            postings, np.append(starts, len(postings)), best, bits)

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
        order = np.lexsort((ranks[second], ranks[first], number))
        ends = np.searchsorted(number[order], np.arange(1, files + 1)).tolist()
        start, names = 0, self.common
        for end in ends:
            parts = []
            for at in order[start:end].tolist():
                pair = int(self.pair_numbers[at])
                listing = _listing(int(self.pair_counts[at]), self._pair_flat, self.pair_ends, at, self._written)
                parts.append(f'"{names[pair // size]} {names[pair % size]}":{listing}')
            yield parts
            start = end

def _key(terms: np.ndarray, scores: np.ndarray, records: np.ndarray, bits: int = RECORD_BITS) -> np.ndarray:
    """Postings as numbers that sort by term, then by score from the highest, then by record (in `bits` bits)."""
    key = terms.astype(np.int64)  # Worked out in place: at 5,000 texts an array of postings is 100 MB.
    key <<= 8
    key |= 255 - scores.astype(np.int64)
    key <<= bits
    key |= records
    return key


def _written(flat: np.ndarray) -> list[str]:
    """Every number a list holds (entries, paragraphs, scores), written once: a lookup where `str` took twice as
    long."""
    return list(map(str, range(int(flat.max(initial=0)) + 1)))


def _listing(count: int, flat: np.ndarray, ends: np.ndarray, at: int, written: list[str]) -> str:
    start = 3 * int(ends[at - 1]) if at else 0
    listed = ",".join(map(written.__getitem__, flat[start:3 * int(ends[at])].tolist()))
    return f"[{count},{listed}]" if listed else f"[{count}]"
