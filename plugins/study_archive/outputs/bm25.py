"""How much a record weighs for a term it holds: BM25's term-frequency part, the same for the index a build counts
in arrays (`postings.py`) and for the one the live preview keeps record by record (`search.Scores`).

What depends on the whole archive, how rare a term is (BM25's idf), the reader's browser works out at query time
(docs/search.md), so that an edit rescores only the records it changed.
"""

from __future__ import annotations

__all__ = ["HEAD_BOOST", "K1", "B", "REFERENCE_LENGTH", "score"]

HEAD_BOOST = 2.0
"""How much more a document's head (title, names, summary) weighs than one of its paragraphs."""
K1, B = 1.2, 0.75
REFERENCE_LENGTH = 50
"""The record length, in terms, that BM25 weighs a record's own length against (about a paragraph's), where textbook
BM25 uses the collection's average length, which would make every score depend on every record."""


def score(count: int, length: int, paragraph: int) -> int:
    """A record's score for a term (or a pair) it holds `count` times among its `length` terms, before rarity:
    BM25's term-frequency part, times ten, rounded. It stays under 44, so it fits the 8 bits a posting gives it."""
    norm = K1 * (1 - B + B * length / REFERENCE_LENGTH)
    boost = 10 * (K1 + 1) * (HEAD_BOOST if paragraph == 0 else 1.0)
    return max(1, round(boost * count / (count + norm)))
