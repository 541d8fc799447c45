"""Live preview: how long after a save `mkdocs serve` shows the edited text, on a generated archive.

For each size it serves a generated archive (committed to a new Git repository, as a contributor's clone is), waits
for the first build, then edits one word inside a paragraph of one text (its outline stays the same) and polls the
served page until it shows the edit, a few times in a row.
It serves as `scripts/serve` does, with `mkdocs serve --dirty`. `--whole` serves with plain `mkdocs serve`, which
empties the site folder and writes every page again on each build; `--clean` with `mkdocs serve --clean`, which
builds as `mkdocs build` does, keeping nothing between builds: the time every rebuild took before the preview kept
pages.

`--in-process` times each rebuild in the benchmark's own process instead, built as `mkdocs serve` builds but with no
server: the archive's part of the time, apart from MkDocs noticing the save.

    .venv/bin/python benchmarks/preview.py 500 2000 [--edits 3] [--whole | --clean] [--in-process] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate  # noqa: E402

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MODES = {"dirty": ["--dirty"], "whole": [], "clean": ["--clean"]}
"""The flags of `mkdocs serve` for each way of serving; `scripts/serve` passes `--dirty`."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, words: str, limit: float) -> float:
    """Seconds until the page at `url` contains `words`, polled every 50 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if words in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {words!r} within {limit:.0f} s")


def edit(text: Path, stamp: str) -> None:
    """Add a word to the end of the first long line of prose: a paragraph changes, the outline does not."""
    lines = text.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1
    at = next(i for i in range(body, len(lines)) if len(lines[i]) > 80 and lines[i][0].isupper())
    lines[at] += f" {stamp}"
    text.write_text("\n".join(lines), encoding="utf-8")


def commit(site: Path) -> None:
    """Make the generated archive a Git checkout, as a contributor's clone is: its source date is then its last
    commit's, which an edit does not move, so the reading packets of untouched curricula are kept."""
    git = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@localhost", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "A generated archive"], cwd=site, check=True)


def measure(site: Path, edits: int, mode: str) -> list[float]:
    """The seconds from each save to the changed page, served with `mkdocs serve` and the flag of `mode`."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, *MODES[mode]], cwd=site, env=ENVIRONMENT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        text = sorted((site / "readings").glob("*.md"))[7]
        url = f"http://127.0.0.1:{port}/readings/{text.stem}/"
        wait_for(url, "</html>", 3600)
        times = []
        for number in range(edits):
            stamp = f"previewmark{time.time_ns()}x{number}"
            edit(text, stamp)
            times.append(wait_for(url, stamp, 3600))
            time.sleep(1)
        return times
    finally:
        server.terminate()
        server.wait()


def rebuild_in_process(site: Path, edits: int, mode: str) -> list[float]:
    """The seconds of each rebuild after an edit, built in this process as `mkdocs serve` builds (the same plugin
    instance, a fresh configuration each time), with no server around it: what the archive's rebuild costs apart from
    MkDocs noticing the save and its server's threads. The same edit as `measure`, the builds back to back."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="archive-rebuild-")
    dirty = mode == "dirty"

    def once() -> float:
        config = load_config(str(site / "mkdocs.yml"), site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=dirty)
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
        return time.perf_counter() - start

    text = sorted((site / "readings").glob("*.md"))[7]
    once()
    times = []
    for number in range(edits):
        edit(text, f"rebuildmark{time.time_ns()}x{number}")
        times.append(once())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--edits", type=int, default=3)
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--whole", dest="mode", action="store_const", const="whole",
                       help="plain `mkdocs serve`: the site folder emptied and every page written on each build")
    modes.add_argument("--clean", dest="mode", action="store_const", const="clean",
                       help="serve as `mkdocs build` builds, keeping nothing")
    parser.add_argument("--in-process", action="store_true",
                        help="time each rebuild in this process, with no server: the build's own part of the time")
    parser.add_argument("--work", type=Path, help="where generated sites are kept between runs (default: a new folder)")
    arguments = parser.parse_args()
    work = arguments.work or Path(tempfile.mkdtemp(prefix="archive-preview-"))
    for texts in arguments.sizes:
        site = work / f"archive-{texts}"
        if not (site / "mkdocs.yml").is_file():
            generate(site, texts, seed=0)
            commit(site)
        measured = rebuild_in_process if arguments.in_process else measure
        times = measured(site, arguments.edits, arguments.mode or "dirty")
        print(f"{texts:,} texts: {statistics.median(times):.1f} s median of {', '.join(f'{t:.1f}' for t in times)}")


if __name__ == "__main__":
    main()
