"""Build speed of the two engines on the same archive: MkDocs with the archive plugin, and Zensical.

Builds the demo archive (or a generated one of N texts) alternately with `mkdocs build` and with
`archive build --engine zensical` (assemble, `zensical build --clean`, finish), each in a fresh process, and
prints a table of median wall and CPU seconds and peak memory; then one Zensical build step by step.

    .venv/bin/python benchmarks/engines.py [--texts 500] [--repeats 3] [--work /tmp/engines-bench]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import table  # noqa: E402
from generate import REPOSITORY, generate  # noqa: E402

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the children, and their peak memory in MiB, of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, help="a generated archive of this many texts (default: the demo)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where to write the archive and the builds (default: a temp dir)")
    arguments = parser.parse_args()
    work = arguments.work or Path(tempfile.mkdtemp(prefix="engines-"))
    work.mkdir(parents=True, exist_ok=True)
    root = REPOSITORY
    if arguments.texts:
        root = work / "archive"
        shutil.rmtree(root, ignore_errors=True)
        generate(root, arguments.texts, seed=0)
    builds = {
        "MkDocs + archive plugin": [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "mkdocs")],
        "Zensical (assemble, build, finish)": [str(BIN / "archive"), "build", str(root), "--engine", "zensical",
                                               "--out", str(work / "zensical")],
    }
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in builds}
    for _ in range(arguments.repeats):
        for name, command in builds.items():  # Alternating, so that a noisy neighbour hurts both alike.
            results[name].append(run(command, root))
    rows = []
    for name, runs in results.items():
        rows.append((name, f"{statistics.median(r[0] for r in runs):.1f}", f"{statistics.median(r[1] for r in runs):.1f}",
                     f"{max(r[2] for r in runs):.0f}"))
    label = f"{arguments.texts} generated texts" if arguments.texts else "the demo"
    print(f"\n{label}, median of {arguments.repeats}:\n")
    print(table(rows, ("engine", "wall s", "CPU s", "peak MiB")))
    project = work / "zensical"
    steps = [
        ("archive assemble", [str(BIN / "archive"), "assemble", str(root), "--out", str(project)], root),
        ("zensical build --clean", [str(BIN / "zensical"), "build", "--clean", "-f", str(project / "mkdocs.yml")],
         project),
        ("archive finish", [str(BIN / "archive"), "finish", "--site", str(project / "site")], root),
    ]
    print("\nOne Zensical build, step by step:\n")
    print(table([(name, *(f"{value:.1f}" for value in run(command, cwd)[:2])) for name, command, cwd in steps],
                ("step", "wall s", "CPU s")))


if __name__ == "__main__":
    main()
