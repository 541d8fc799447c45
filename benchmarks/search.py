"""Search at scale: build generated archives and measure the archive's search in headless chromium.

For each size it reports the site build time and how much of it the search index takes, the index's total bytes,
and, for three queries from a cold cache (words from a text, a person's Cyrillic alias, a quoted phrase), the bytes
the search downloads before its first result, the time from the last keystroke to the first result and the memory
of the whole browser, each the median of the three.

    .venv/bin/python benchmarks/search.py --texts 100 500 2000 [--out /tmp/search-bench]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from generate import generate  # noqa: E402

from study_archive.model.archive import Archive  # noqa: E402
from study_archive.model.site import Site  # noqa: E402
from study_archive.outputs.search import write_index  # noqa: E402
from study_archive.outputs.words import words  # noqa: E402
from study_archive.renderer.pipeline import reader_for  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def site_of(root: Path) -> tuple[Path, float, float, int]:
    """Build the archive; return the site, the build's seconds, the index's seconds and the index's bytes."""
    site_dir = root / "site"
    started = time.perf_counter()
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir)))
    seconds = time.perf_counter() - started
    settings = Site.load(root)
    archive = Archive.load(root, settings.layout, reader_for(settings))
    started = time.perf_counter()
    size = write_index(archive, settings, site_dir)  # The same files again, timed on their own.
    return site_dir, seconds, time.perf_counter() - started, size


def queries(root: Path) -> list[str]:
    """Three queries a reader might type, taken from the generated archive itself."""
    text = sorted((root / "readings").glob("*.md"))[0].read_text(encoding="utf-8")
    body = [line for line in text.split("---", 2)[2].split("\n") if len(line.split()) > 30]
    said = [word for word in words(body[2]) if len(word) > 4]
    people = sorted((root / "content" / "people").glob("*.md"))
    cyrillic = next(line for person in people for line in person.read_text(encoding="utf-8").split("\n")
                    if line.startswith("aliases:") and any("\u0400" <= char <= "\u04ff" for char in line))
    alias = next(name.strip() for name in cyrillic.removeprefix("aliases:").strip(" []").split(",")
                 if any("\u0400" <= char <= "\u04ff" for char in name))
    phrase = " ".join(words(body[3])[4:7])
    return [f"{said[0]} {said[1]}", alias.strip("\"'"), f'"{phrase}"']


def memory_of(tag: str) -> int:
    """Proportional set size (shared pages split between their sharers) of every process of the browser started
    with `tag` among its flags."""
    roots = [pid for pid in os.listdir("/proc") if pid.isdigit() and _has(pid, tag)]
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            todo += task.read_text().split()
    total = 0
    for pid in seen:
        try:
            status = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.split("\n") if line.startswith("Pss:")), 0)
    return total


def _has(pid: str, tag: str) -> bool:
    try:
        return tag in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def measure(site_dir: Path, query: str) -> tuple[int, float, int, int]:
    """Bytes the search downloads, ms from the last keystroke to the first results, the browser's memory and how
    many documents the field shows."""
    from conftest import CHROMIUM, FLAGS, served
    from playwright.sync_api import sync_playwright

    tag = f"--search-benchmark={os.getpid()}-{time.monotonic_ns()}"
    with sync_playwright() as playwright, served(site_dir) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, tag])
        page = browser.new_page()
        page.goto(url + "readings/", wait_until="load")
        downloaded = []
        page.on("requestfinished", lambda request: downloaded.append(request.sizes()["responseBodySize"])
                if "/search/" in request.url or "lunr" in request.url else None)
        box = page.locator("#archive-search-query")
        box.click()
        box.press_sequentially(query[:-1])
        page.wait_for_timeout(50)
        started = time.perf_counter()
        box.press_sequentially(query[-1])
        page.wait_for_function("q => document.querySelector('.archive-search__popup').dataset.query === q",
                               arg=query, timeout=60_000)
        elapsed = (time.perf_counter() - started) * 1000
        found = page.locator(".archive-search__popup .archive-result").count()
        page.wait_for_load_state("networkidle")
        memory = memory_of(tag)
        browser.close()
    return sum(downloaded), elapsed, memory, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/search-bench"))
    arguments = parser.parse_args()
    print("| texts | site build | index build | index bytes | downloaded before first result | "
          "keystroke to result | browser memory |")
    print("|---|---|---|---|---|---|---|")
    for texts in arguments.texts:
        root = arguments.out / f"a{texts}"
        if not (root / "mkdocs.yml").is_file():
            generate(root, texts, seed=0, words=4000)
        site_dir, seconds, index_seconds, size = site_of(root)
        runs = [measure(site_dir, query) for query in queries(root)]
        downloaded = statistics.median(run[0] for run in runs)
        elapsed = statistics.median(run[1] for run in runs)
        memory = statistics.median(run[2] for run in runs)
        print(f"| {texts:,} | {seconds:.0f} s | {index_seconds:.1f} s ({index_seconds / seconds:.0%}) | "
              f"{size / 2**20:.1f} MiB | {downloaded / 1000:.0f} KB | {elapsed:.0f} ms | {memory / 2**20:.0f} MiB |",
              flush=True)
        print(f"<!-- queries: {queries(root)}; runs: {runs} -->", flush=True)


if __name__ == "__main__":
    main()
