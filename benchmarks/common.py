"""Shared pieces of the benchmarks: a seeded text generator and a timed, measured build."""

from __future__ import annotations

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
