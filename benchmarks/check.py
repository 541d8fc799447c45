"""`archive check` per megabyte: one long text added to a small generated archive, in three shapes.

The check renders every page through the site's Markdown pipeline, so its cost grows with the Markdown it reads.
For each shape this adds one text of about `--megabytes` MB to a copy of a 20-text generated archive, runs
`archive check` in a fresh process on the archive without it and on the copy with it, in pairs, one right after the
other (so that a change in the machine's load falls on both), and divides the median difference by the text's size. Beside it, the same text
through plain Python-Markdown with no extension at all: the floor any check that parses Markdown as the pages do
stands on (also with the archive's linear block queue alone, since Python-Markdown's own is quadratic in the number
of blocks), and through the site's own Markdown extensions (from its mkdocs.yml) without the archive's: what any
builder of this site pays to render it. Seeded words, no copied writing; CPU seconds, since the machines are shared.

    .venv/bin/python benchmarks/check.py [--megabytes 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).parent))

from common import Vocabulary, table  # noqa: E402
from generate import generate  # noqa: E402

from study_archive.model.site import Site  # noqa: E402
from study_archive.renderer.blocks import BlocksExtension  # noqa: E402

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FRONT = "---\ntitle: A long text\nauthors: [{author}]\nyear: 1923\nsummary: Many paragraphs.\nrights: public-domain\n---\n"


def shapes(vocabulary: Vocabulary, size: int, seed: int) -> dict[str, str]:
    """Bodies of about `size` bytes: prose as books have it, short lines, and prose with lists and quotations."""
    rng = random.Random(seed)

    def fill(block) -> str:
        blocks, total = [], 0
        while total < size:
            blocks.append(block())
            total += len(blocks[-1]) + 2
        return "\n\n".join(blocks) + "\n"

    def mixed() -> str:
        choice = rng.random()
        if choice < 0.1:
            return "\n".join(f"- {vocabulary.prose(rng, rng.randint(5, 20))}" for _ in range(rng.randint(2, 5)))
        if choice < 0.2:
            return "> " + vocabulary.prose(rng, rng.randint(20, 80))
        if choice < 0.25:
            return "## " + " ".join(vocabulary.sample(rng, 4)).capitalize()
        return vocabulary.prose(rng, rng.randint(40, 200)).replace(" the ", " *the* ", 1)

    return {
        "prose: paragraphs of 60 to 200 words": fill(lambda: vocabulary.prose(rng, rng.randint(60, 200))),
        "lines: paragraphs of 5 words": fill(lambda: vocabulary.prose(rng, 5)),
        "mixed: lists, quotations, headings, emphasis": fill(mixed),
    }


def check_cpu(root: Path) -> float:
    """CPU seconds of `archive check` on `root` in a fresh process; it must find no problem."""
    process = subprocess.Popen([sys.executable, "-m", "study_archive.adapters.cli", "check", str(root)],
                               env=ENVIRONMENT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"archive check found problems in {root}:\n{output[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def render_cpu(body: str, site: Site | None = None, *, linear: bool = False) -> float:
    """CPU seconds to render `body` with plain Python-Markdown (with the linear block queue if `linear`), or with the
    site's extensions when given."""
    md = markdown.Markdown(extensions=list(site.extensions), extension_configs=dict(site.configs)) if site else \
        markdown.Markdown(extensions=[BlocksExtension()] if linear else [])
    started = time.process_time()
    md.convert(body)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    size = int(arguments.megabytes * 1_000_000)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "archive"
        generate(root, 20, seed=0)
        author = sorted((root / "content" / "people").glob("*.md"))[0].stem
        site = Site.load(root)
        bases: list[float] = []
        rows = []
        for shape, body in shapes(Vocabulary(0), size, seed=1).items():
            longer = Path(work) / "longer"
            shutil.copytree(root, longer)
            long_text = longer / "readings" / "long-text.md"
            long_text.write_text(FRONT.format(author=author) + body, encoding="utf-8")
            megabytes = len(long_text.read_bytes()) / 1_000_000
            pairs = [(check_cpu(root), check_cpu(longer)) for _ in range(arguments.repeats)]
            bases += [base for base, _ in pairs]
            checked = statistics.median(with_text for _, with_text in pairs)
            added = statistics.median(with_text - base for base, with_text in pairs)
            plain = statistics.median(render_cpu(body) for _ in range(arguments.repeats))
            linear = statistics.median(render_cpu(body, linear=True) for _ in range(arguments.repeats))
            extended = statistics.median(render_cpu(body, site) for _ in range(arguments.repeats))
            shutil.rmtree(longer)
            rows.append((shape, f"{megabytes:.2f} MB", f"{checked:.2f} s", f"{added / megabytes:.2f} s",
                         f"{plain / megabytes:.2f} s", f"{linear / megabytes:.2f} s", f"{extended / megabytes:.2f} s",
                         f"{added / extended:.1f}"))
        rows.insert(0, ("20 generated texts, no long text", "", f"{statistics.median(bases):.2f} s", "", "", "", "",
                        ""))
        shutil.rmtree(root)
    print(table(rows, ("long text", "size", "`archive check` CPU", "check per MB", "Python-Markdown alone per MB",
                       "the same, linear block queue", "with the site's extensions per MB",
                       "check / site's extensions")))


if __name__ == "__main__":
    main()
