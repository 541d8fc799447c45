"""Shared pieces of the benchmarks: seeded words, a Zipf-like vocabulary, a timed, measured build and the memory of
a tree of processes."""

from __future__ import annotations

import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SYLLABLES = ["ra", "to", "mi", "sen", "dor", "ka", "lu", "vet", "pro", "gan", "is", "mol", "tre", "va", "nok", "el"]


def words(rng: random.Random, count: int) -> list[str]:
    """Pronounceable nonsense words: bulk text that copies no one's writing."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count)]


FUNCTION_WORDS = (
    "the of and to a in that is was he for it with as his on be at by this had not are but from or have an they "
    "which one you were her all she there would their we him been has when who will more no if out so said what up "
    "its about into than them can only other new some could time these two may then do first any my now such like "
    "our over man me even most made after also did many before must through back years where much your way well "
    "down should because each just those people how too little state good very make world still own see men work "
    "long get here between both life being under never day same another know while last might us great old year "
    "off come since against go came right used take three"
).split()
"""The commonest English words, at the head of the vocabulary, so that generated prose reads like English."""

ONSETS = ["", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st",
          "t", "tr", "v", "w", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ea", "io", "ou"]
CODAS = ["", "", "", "n", "r", "s", "l", "t", "m", "nd", "st"]
ACCENTS = {"a": "áä", "e": "éè", "i": "í", "o": "öø", "u": "ü", "c": "ç", "n": "ñ", "s": "š"}


class Vocabulary:
    """A seeded pseudo-English vocabulary whose word frequencies follow Zipf's law, with a long tail of rare words."""

    def __init__(self, seed: int, size: int = 100_000, exponent: float = 1.0, accented: float = 0.05) -> None:
        rng = random.Random(f"vocabulary:{seed}")
        syllables = [onset + vowel + coda for onset in ONSETS for vowel in VOWELS for coda in CODAS]
        words = list(dict.fromkeys(FUNCTION_WORDS))
        known = set(words)
        while len(words) < size:
            rank = len(words)
            count = 1 if rank < 1_000 else 2 if rank < 20_000 else rng.choice((2, 2, 3))
            word = "".join(rng.choice(syllables) for _ in range(count))
            if rank > 2_000 and rng.random() < accented:
                places = [index for index, letter in enumerate(word) if letter in ACCENTS]
                if places:
                    index = rng.choice(places)
                    word = word[:index] + rng.choice(ACCENTS[word[index]]) + word[index + 1:]
            if word not in known and len(word) > 1:
                known.add(word)
                words.append(word)
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / (rank + 2.7) ** exponent for rank in range(size)))
        self.plain = [word for word in words[len(FUNCTION_WORDS):] if word.isascii()]
        """Generated words without accents, for ids, headings and names."""

    def sample(self, rng: random.Random, count: int) -> list[str]:
        """`count` words drawn by frequency: a few words are very common and most are rare."""
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def prose(self, rng: random.Random, count: int) -> str:
        """`count` words as sentences of 6 to 24 words, capitalized and ending with a full stop."""
        drawn = self.sample(rng, count)
        sentences, start = [], 0
        while start < count:
            end = min(count, start + rng.randint(6, 24))
            sentence = drawn[start:end]
            if len(sentence) > 8 and rng.random() < 0.3:
                comma = rng.randint(3, len(sentence) - 3)
                sentence[comma] += ","
            sentences.append(sentence[0].capitalize() + (" " if len(sentence) > 1 else "") + " ".join(sentence[1:]) + ".")
            start = end
        return " ".join(sentences)


def paragraphs(seed: int, total_words: int, heading_every: int = 20) -> list[str]:
    """Markdown blocks of 60 to 240 words, with a `##` heading every `heading_every` paragraphs."""
    rng = random.Random(seed)
    blocks, written = [], 0
    while written < total_words:
        if len([block for block in blocks if not block.startswith("#")]) % heading_every == 0:
            blocks.append(f"## Part {len(blocks) // heading_every + 1} {' '.join(words(rng, 2))}")
        size = min(rng.randint(60, 240), total_words - written)
        sentence = words(rng, size)
        sentence[0] = sentence[0].capitalize()
        blocks.append(" ".join(sentence) + ".")
        written += size
    return blocks


def timed_build(site: Path, repeats: int = 3) -> tuple[float, float]:
    """The median wall time of `mkdocs build` in a fresh process, and its peak memory in MiB."""
    times, peaks = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "site")], cwd=site,
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return statistics.median(times), max(peaks)


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def process_tree(roots: list[str]) -> set[str]:
    """The processes `roots` (ids, as in /proc) and every process below them."""
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += task.read_text().split()
            except OSError:  # The process ended meanwhile.
                pass
    return seen


def proportional_size(pids: set[str]) -> int:
    """The bytes of the processes' proportional set sizes together: a page shared by n of them counts 1/n in each, so
    the sum is the memory they hold, whatever they share (a fork, a browser's renderers). Linux only; elsewhere 0."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.split("\n") if line.startswith("Pss:")), 0)
    return total
