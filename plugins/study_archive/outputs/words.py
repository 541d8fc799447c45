"""The words of search: how text and queries become index terms, the same way in Python and in the browser.

Both sides fold case and diacritics, split on anything that is not a letter or a digit, drop lunr's English stop
words and stem Latin words with lunr.js's Porter stemmer (`stem`); `theme/assets/search.js` does the same with
lunr.js itself, so that a term written at build time is the term a reader's query looks up.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

__all__ = ["fold", "words", "terms", "term_of", "stem", "LunrJsStemmer", "Terms", "STOP_WORDS"]

_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"^[a-z]+$")


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with the one rule on which lunr.js 2.3.9, which stems the reader's query, differs.

    Step 1c: lunr.py turns a final `y` into `i` when the stem has a vowel (`day` -> `dai`), lunr.js when the letter
    before it is not a vowel and not the word's first (`day` -> `day`, `cry` -> `cri`). Indexed as lunr.py stems
    them, `today`, `always` or `essay` were terms no query in the browser looked up.
    """

    def step1c(self) -> None:
        if _STEP_1C.match(self.b, 0, self.k + 1):
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


_STEP_1C = re.compile(r"^(.+?[^aeiou])y$")
_STEMMER = LunrJsStemmer()
_SNOWBALL = Stemmer.Stemmer("porter", 0)  # No cache of its own: `Terms` stems each word once.
_SNOWBALL_DIFFERS = re.compile(r"y|bli|logi|([^aeioubdfgmnprtlsz])\1")
"""What makes Snowball's Porter stemmer (in C, from PyStemmer) stem a word otherwise than lunr.js: a `y` (step 1c
turns it into `i` on other conditions in each), the endings `bli` and `logi` (lunr's step 2 shortens them; Snowball's,
as in Porter's paper, does not), or a doubled letter that Snowball does not undouble before `ed` or `ing` (`hh`,
`kk`, `vv`, `cc`: Snowball undoubles only b d f g m n p r t). Every other word of three letters or more gets the same
stem from both, which `tests/unit/test_search_stemmer.py` checks word by word against lunr.js over the demo
archive's words, a generated vocabulary and an English dictionary where the machine has one; these words go to
`LunrJsStemmer`."""
_STOP = frozenset(STOP_WORDS)
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining marks that decomposed letters carry: what folding removes."""


def fold(text: str) -> str:
    """Lowercase, without diacritics: `Mâle Ölçü` -> `male olcu`; Cyrillic keeps its letters."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included, as a phrase check compares them."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)  # Queries and `terms` repeat words. The index's build stems through `Terms`.
def term_of(word: str) -> str | None:
    """The index term of one folded word, or None for a stop word or a single letter."""
    if len(word) < 2 or word in _STOP:
        return None
    if _LATIN.match(word):
        return stem(word)
    return word


def stem(word: str) -> str:
    """The Porter stem of a folded Latin word, as lunr.js gives it: Snowball's stemmer in C for the words it is
    known to stem alike, `LunrJsStemmer` in Python for the rest (at 500 texts, 0.04 s against 0.3 to 0.5 s for the
    95,000 distinct words)."""
    if len(word) < 3 or _SNOWBALL_DIFFERS.search(word):
        return _STEMMER.stem(word)
    return _SNOWBALL.stemWord(word)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order."""
    return [term for word in words(text) if (term := term_of(word)) is not None]


class Terms(dict):
    """Folded words and their index terms (None for a stop word), each word stemmed the first time it is met.

    Looking words up is `map(terms.__getitem__, words)`, which runs in C for the words already known: the vocabulary
    of an archive is Zipfian, so a few thousand distinct words make up nearly every word of it.
    """

    def __missing__(self, word: str) -> str | None:
        # Not through `term_of`'s cache: this dict is the cache, and the two would hold every word twice (at 5,000
        # texts 200,000 entries, tens of megabytes, while the index is written).
        term = self[word] = term_of.__wrapped__(word)
        return term
