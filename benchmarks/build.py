"""Build speed at library scale: the archive's strict build against plain MkDocs + Material on the same texts.

For each size, the seeded generator writes an archive and the same Markdown as a plain Material site (our syntax
left as text); the two are built alternately in fresh processes, and the table gives wall and CPU seconds, peak
memory (of the largest process, and of all the build's processes together: the archive's build parses half its
sources and writes its search index and reading packets in forked copies of itself, and checks its links and
writes its offline copy in a process of its own), the archive's CPU cost per text and the ratio of CPU times.
The plain twin keeps its texts out of its navigation, as the archive does; with `--listed` it leaves the
navigation to Material, which lists every page in every page's sidebar.
`--profile N` prints instead the costliest functions of the archive's own code in one build of N texts.

    .venv/bin/python benchmarks/build.py 100 500 2000 [--repeats 3] [--work /tmp/archive-bench] [--listed]
    .venv/bin/python benchmarks/build.py --profile 2000
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import process_tree, proportional_size, table  # noqa: E402
from generate import generate  # noqa: E402

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    """One build in a fresh process: its wall and CPU seconds (with the processes it forks), the peak resident
    memory of its largest process, and the peak of the memory of all its processes together."""

    wall: float
    cpu: float
    peak_mib: float
    together_mib: float


def build(site: Path) -> Run:
    """A strict build of `site`, not quiet (a quiet strict build hides warnings); any warning fails the benchmark."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site / "site")],
                               cwd=site, env=ENVIRONMENT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    together = Together(process.pid)
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 or "WARNING" in output:
        raise SystemExit(f"the build of {site} failed or warned:\n{output[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, together.stop() / 2**20)


class Together(threading.Thread):
    """The largest sum, sampled every second, of the proportional set size of a process and its descendants: the
    build forks copies of itself that share its pages, so their peaks, each counting the shared pages whole, would
    not add up. Linux only; elsewhere 0."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = str(pid), 0, threading.Event()
        self.start()

    def run(self) -> None:
        while not self.done.wait(1.0):
            self.peak = max(self.peak, proportional_size(process_tree([self.pid])))

    def stop(self) -> int:
        """The peak in bytes."""
        self.done.set()
        self.join()
        return self.peak


def sites(work: Path, texts: int, listed: bool = False) -> tuple[Path, Path]:
    """The archive and its plain twin of `texts` texts, generated once into `work` and kept for later runs; with
    `listed`, a twin whose navigation lists every page."""
    archive, plain = work / f"archive-{texts}", work / f"plain-{'listed-' if listed else ''}{texts}"
    for folder, is_plain in ((archive, False), (plain, True)):
        if not (folder / "mkdocs.yml").is_file():
            generate(folder, texts, seed=0, plain=is_plain, listed=listed)
    return archive, plain


def compare(sizes: list[int], repeats: int, work: Path, listed: bool = False) -> str:
    rows = []
    for texts in sizes:
        archive, plain = sites(work, texts, listed)
        ours, theirs = [], []
        for _ in range(repeats):  # Alternate, so that the machine's moods fall on both alike.
            ours.append(build(archive))
            theirs.append(build(plain))
        wall, cpu = statistics.median(r.wall for r in ours), statistics.median(r.cpu for r in ours)
        plain_wall, plain_cpu = statistics.median(r.wall for r in theirs), statistics.median(r.cpu for r in theirs)
        rows.append((f"{texts:,}", f"{wall:.1f} s", f"{cpu:.1f} s", f"{plain_wall:.1f} s", f"{plain_cpu:.1f} s",
                     f"{cpu / plain_cpu:.2f}", f"{1000 * cpu / texts:.0f}", f"{max(r.peak_mib for r in ours):.0f}",
                     f"{max(r.together_mib for r in ours):.0f}", f"{max(r.peak_mib for r in theirs):.0f}"))
        print(f"built {texts} texts", file=sys.stderr)
    return table(rows, ("texts", "archive wall", "archive CPU", "plain wall", "plain CPU", "CPU ratio",
                        "archive CPU ms per text", "archive peak MiB", "archive processes together MiB",
                        "plain peak MiB"))


def profile(texts: int, work: Path, top: int = 15) -> str:
    """The archive's own functions that cost most, by cumulative time, in one build of `texts` texts."""
    archive, _ = sites(work, texts)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(archive)
    config = load_config(str(archive / "mkdocs.yml"), site_dir=str(archive / "site"), strict=True)
    profiler = cProfile.Profile()
    profiler.runcall(mkdocs_build, config)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = []
    for (path, line, name), (_, _, _, cumulative, _) in sorted(stats.stats.items(), key=lambda item: -item[1][3]):
        if "study_archive" in path and len(rows) < top:
            where = path[path.index("study_archive"):]
            rows.append((f"`{where}:{line}` {name}", f"{cumulative:.1f} s", f"{100 * cumulative / total:.0f}%"))
    return f"one build of {texts} texts: {total:.1f} s of CPU under the profiler\n\n" + table(
        rows, ("function", "cumulative", "share"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 500, 2000, 5000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--work", type=Path, help="where generated sites are kept between runs (default: a new folder)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one archive build of N texts instead")
    parser.add_argument("--listed", action="store_true",
                        help="compare with plain Material listing every page in its navigation, "
                             "as the build-speed issue first did")
    arguments = parser.parse_args()
    work = arguments.work or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if arguments.profile:
        print(profile(arguments.profile, work))
    else:
        print(compare(arguments.sizes, arguments.repeats, work, arguments.listed))


if __name__ == "__main__":
    main()
