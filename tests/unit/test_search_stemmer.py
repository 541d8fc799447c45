"""The index stems each word as lunr.js stems the reader's query, word for word: a different stem is a missed result.

The reference is the lunr.js the site ships (theme/assets/vendor/lunr.min.js), run by node.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lunr.stemmer import PorterStemmer

from study_archive.outputs.words import _SNOWBALL, _SNOWBALL_DIFFERS, STOP_WORDS, stem, words

ROOT = Path(__file__).resolve().parents[2]
LUNR_JS = ROOT / "plugins" / "study_archive" / "theme" / "assets" / "vendor" / "lunr.min.js"
DICTIONARY = Path("/usr/share/dict/words")
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import Vocabulary  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node runs lunr.js, the browser's stemmer")

LATIN = re.compile(r"[a-z]+")
STEM_IN_NODE = """
const lunr = require(process.argv[1]);
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map((word) => lunr.stemmer(new lunr.Token(word)).toString())));
"""


def lunr_js(vocabulary: list[str]) -> list[str]:
    """Each word's stem as the browser's lunr.js gives it."""
    done = subprocess.run(["node", "-e", STEM_IN_NODE, str(LUNR_JS)], input=json.dumps(vocabulary),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def latin_words(text: str) -> list[str]:
    """The distinct folded Latin words of a text that the index stems (not stop words)."""
    return sorted({word for word in words(text) if LATIN.fullmatch(word) and word not in STOP_WORDS})


def differences(vocabulary: list[str]) -> dict[str, tuple[str, str]]:
    """The words `stem` stems otherwise than lunr.js, with both stems."""
    return {word: (stem(word), js) for word, js in zip(vocabulary, lunr_js(vocabulary)) if stem(word) != js}


def test_words_that_snowball_or_lunr_py_stem_otherwise_get_lunr_js_stems():
    """Found over an English dictionary: Snowball's stemmer differs from lunr.js on these, lunr.py on the first ones
    (a final y after a vowel), and the index gives each lunr.js's stem."""
    departures = ["day", "today", "always", "essay", "analogy", "ideology", "flexibly", "accessibly", "es", "os",
                  "grokking", "trekked", "revved", "specced", "ahhed"]
    expected = lunr_js(departures)
    assert [word for word, js in zip(departures, expected) if _SNOWBALL.stemWord(word) == js] == []
    assert [word for word, js in zip(departures, expected) if PorterStemmer().stem(word) != js][:4] == departures[:4]
    assert [word for word in departures if not (len(word) < 3 or _SNOWBALL_DIFFERS.search(word))] == []
    assert [stem(word) for word in departures] == expected
    assert stem("day") == "day" and stem("cry") == "cri"


def test_stems_equal_lunr_js_over_the_demo_archive():
    texts = [path.read_text(encoding="utf-8") for folder in ("content", "readings", "docs")
             for path in sorted((ROOT / folder).rglob("*.md"))]
    vocabulary = latin_words("\n".join(texts))
    assert len(vocabulary) > 3_000
    assert differences(vocabulary) == {}


def test_stems_equal_lunr_js_over_a_generated_vocabulary_and_its_inflections():
    """The benchmarks' pseudo-English words, as they are and with the endings the stemmer takes off."""
    plain = Vocabulary(0).words[::20]
    vocabulary = latin_words(" ".join(word + ending for word in plain
                                      for ending in ("", "s", "es", "ed", "ing", "ly", "ness", "ation", "ies", "y")))
    assert len(vocabulary) > 25_000
    assert differences(vocabulary) == {}


@pytest.mark.skipif(not DICTIONARY.is_file(), reason="no English word list on this machine")
def test_stems_equal_lunr_js_over_an_english_dictionary():
    vocabulary = latin_words(DICTIONARY.read_text(encoding="utf-8", errors="replace"))
    assert differences(vocabulary) == {}
