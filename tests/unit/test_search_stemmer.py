"""The index stems words in C where that gives lunr.py's stems, word for word; a different stem is a missed result."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lunr.stemmer import PorterStemmer

from study_archive.outputs.words import _SNOWBALL, _SNOWBALL_DIFFERS, STOP_WORDS, stem, words

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import Vocabulary  # noqa: E402

LUNR = PorterStemmer()
LATIN = re.compile(r"[a-z]+")
DICTIONARY = Path("/usr/share/dict/words")


def latin_words(text: str) -> list[str]:
    """The distinct folded Latin words of a text that the index stems (not stop words)."""
    return sorted({word for word in words(text) if LATIN.fullmatch(word) and word not in STOP_WORDS})


def differences(vocabulary: list[str]) -> dict[str, tuple[str, str]]:
    """The words `stem` stems otherwise than lunr.py, with both stems."""
    return {word: (stem(word), LUNR.stem(word)) for word in vocabulary if stem(word) != LUNR.stem(word)}


def test_the_words_snowball_stems_otherwise_go_to_lunr():
    """Snowball's Porter stemmer and lunr's differ on these (found over an English dictionary): each is caught."""
    departures = ["analogy", "ideology", "flexibly", "accessibly", "es", "os", "js", "grokking", "trekked", "revved",
                  "specced", "ahhed"]
    assert [word for word in departures if _SNOWBALL.stemWord(word) == LUNR.stem(word)] == []
    assert [word for word in departures if not (len(word) < 3 or _SNOWBALL_DIFFERS.search(word))] == []
    assert differences(departures) == {}


def test_stems_equal_lunr_over_the_demo_archive():
    texts = [path.read_text(encoding="utf-8") for folder in ("content", "readings", "docs")
             for path in sorted((ROOT / folder).rglob("*.md"))]
    vocabulary = latin_words("\n".join(texts))
    assert len(vocabulary) > 3_000
    assert differences(vocabulary) == {}


def test_stems_equal_lunr_over_a_generated_vocabulary_and_its_inflections():
    """The benchmarks' pseudo-English words, as they are and with the endings the stemmer takes off."""
    plain = Vocabulary(0).words[::20]
    vocabulary = latin_words(" ".join(word + ending for word in plain
                                      for ending in ("", "s", "es", "ed", "ing", "ly", "ness", "ation", "ies")))
    assert len(vocabulary) > 25_000
    assert differences(vocabulary) == {}


@pytest.mark.skipif(not DICTIONARY.is_file(), reason="no English word list on this machine")
def test_stems_equal_lunr_over_an_english_dictionary():
    vocabulary = latin_words(DICTIONARY.read_text(encoding="utf-8", errors="replace"))
    assert differences(vocabulary) == {}
