"""Benchmark: one long annotated text, built by the archive and by plain MkDocs + Material.

Builds a generated text of 200,000 words (seeded, no copied writing) twice in the same run:
with the archive plugin and 500 annotations in two layers, and as a plain Material page
without annotations. Prints a Markdown table with both times, peak memory and the ratio.

Usage: .venv/bin/python benchmarks/annotations.py [--words 200000] [--notes 500]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from common import paragraphs, table, timed_build

ARCHIVE_YML = """site_name: Benchmark
docs_dir: content
theme: {name: material, font: false}
plugins: [search, archive]
markdown_extensions: [attr_list, footnotes, tables, toc]
"""
PLAIN_YML = """site_name: Benchmark
docs_dir: content
theme: {name: material, font: false}
plugins: [search]
markdown_extensions: [attr_list, footnotes, tables, toc]
"""


def notes(blocks: list[str], count: int, seed: int) -> dict[str, str]:
    """`count` notes on phrases that occur once in their paragraph, split over two layers."""
    rng = random.Random(seed)
    numbered = [block for block in blocks if not block.startswith("#")]
    layers: dict[str, list[str]] = {"context": [], "discussion": []}
    made = 0
    while made < count:
        number = rng.randrange(len(numbered)) + 1
        words = numbered[number - 1].rstrip(".").split()
        start = rng.randrange(max(1, len(words) - 3))
        phrase = " ".join(words[start:start + 3])
        if len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", numbered[number - 1])) != 1 or phrase[:1].isupper():
            continue
        layer = "context" if made % 2 else "discussion"
        layers[layer].append(f'## p{number} "{phrase}"\n\nA note on this phrase, with *emphasis*.\n')
        made += 1
    header = "---\nauthor: Benchmark\ndate: 2026-01-01\n---\n\n"
    return {layer: header + "\n".join(entries) for layer, entries in layers.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    blocks = paragraphs(seed=1917, total_words=arguments.words)
    body = "\n\n".join(blocks) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        archive, plain = Path(folder) / "archive", Path(folder) / "plain"
        front = "---\ntitle: A long text\nyear: 1923\nsummary: Generated.\nrights: public-domain\n---\n\n"
        (archive / "content").mkdir(parents=True)
        (archive / "content" / "index.md").write_text("# Home\n")
        (archive / "readings").mkdir()
        (archive / "readings" / "long-text.md").write_text(front + body)
        for layer, text in notes(blocks, arguments.notes, seed=1923).items():
            (archive / "readings" / "notes" / layer).mkdir(parents=True)
            (archive / "readings" / "notes" / layer / "long-text.md").write_text(text)
        (archive / "mkdocs.yml").write_text(ARCHIVE_YML)
        (plain / "content").mkdir(parents=True)
        (plain / "content" / "index.md").write_text("# Home\n")
        (plain / "content" / "long-text.md").write_text("# A long text\n\n" + body)
        (plain / "mkdocs.yml").write_text(PLAIN_YML)
        plain_time, plain_memory = timed_build(plain, arguments.repeats)
        archive_time, archive_memory = timed_build(archive, arguments.repeats)
        marks = (archive / "site" / "readings" / "long-text" / "index.html").read_text().count('class="archive-mark"')
    words = f"{arguments.words:,}"
    print(table([
        ("plain MkDocs + Material, no notes", words, "0", f"{plain_time:.1f}", f"{plain_memory:.0f}", "1.00"),
        ("archive, numbered, annotated", words, f"{arguments.notes} ({marks} marks)", f"{archive_time:.1f}",
         f"{archive_memory:.0f}", f"{archive_time / plain_time:.2f}"),
    ], ("build", "words", "annotations", "seconds (median)", "peak MiB", "time ratio")))


if __name__ == "__main__":
    main()
