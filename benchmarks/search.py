"""Search at scale: the archive's search beside Material's and Pagefind's over the same generated texts.

For each size the seeded generator writes an archive and the same Markdown as a plain Material site (its twin,
whose search is Material's own); both are built, and Pagefind, when installed, indexes the plain site, whose
small page `pagefind-search/` shows Pagefind's default UI. Then, for each engine and for three queries taken from
the archive (words from a text, a person's Cyrillic alias, a quoted phrase), headless chromium opens a page from
a cold cache and types the query into that engine's own field. Each column is the median of the three queries:

- index build: CPU seconds to write the index (the archive's, written once more on its own with the current code,
  and Pagefind's run), against the site build when this script built the site; Material's index is made inside
  the plain build and is not timed apart;
- index bytes: every file of the index;
- bytes downloaded for search from opening the page until the first result is shown (index files and the engine's
  scripts; the page and its theme not counted; as served, without HTTP compression; Pagefind's index files are
  compressed by Pagefind itself);
- time from the last keystroke to the first result;
- memory: the JS heap of the page (and of its workers: Material searches in a Web Worker) after the first result,
  from CDP, which is what the search itself holds, and the whole browser's proportional set size with the page
  open, against the same browser with a blank page, which is chromium's own footprint.

    .venv/bin/python benchmarks/search.py --texts 100 500 2000 [--work /tmp/search-bench]

`--work` is where the archives and their plain twins are generated and built (`archive-N/site`, `plain-N/site`,
the layout benchmarks/build.py leaves); sites already built there are reused. Pagefind is an optional tool of the
benchmarks (`pip install -e '.[bench]'`, or `pip install 'pagefind[bin]'`); without it its column is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from common import process_tree, proportional_size  # noqa: E402
from generate import generate  # noqa: E402

from study_archive.model.archive import Archive  # noqa: E402
from study_archive.model.site import Site  # noqa: E402
from study_archive.outputs.search import write_index  # noqa: E402
from study_archive.outputs.words import words  # noqa: E402
from study_archive.renderer.pipeline import reader_for  # noqa: E402
from study_archive.theme import ASSETS  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ANSWER_MS = 600_000
"""How long a query may take to answer before its engine's row says it did not (Material at 5,000 texts loads
135 MB of index first)."""

PAGEFIND_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Search</title>
<link href="../pagefind/pagefind-ui.css" rel="stylesheet">
<script src="../pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", () => { new PagefindUI({ element: "#search" }); });</script>
</body>
</html>
"""
"""The page of the plain site that shows Pagefind's default UI, as Pagefind's documentation sets it up."""

MATERIAL_WORKER = """(() => {
  // Material searches in a Web Worker: note which query each answer is for (answers come in the order asked).
  const post = Worker.prototype.postMessage;
  window.benchAnswered = {};
  Worker.prototype.postMessage = function (message, ...rest) {
    if (!this.benchAsked) {
      this.benchAsked = [];
      this.addEventListener("message", (event) => {
        const items = event.data && event.data.data && event.data.data.items;
        if (!Array.isArray(items) || !this.benchAsked.length) return;
        window.benchAnswered[this.benchAsked.shift()] = items.length;
      });
    }
    if (message && typeof message.data === "string") this.benchAsked.push(message.data);
    return post.call(this, message, ...rest);
  };
})();"""


@dataclass(frozen=True)
class Engine:
    """One search as a reader meets it: the page it is opened from, its field, what it downloads and how a page
    shows that the results of a query are there."""

    name: str
    page: str
    field: str
    downloads: tuple[str, ...]
    answered: str
    """A function of the query, true once its results (or its "nothing found") are shown."""
    script: str = ""


ARCHIVE = Engine("archive", "readings/", "#archive-search-query", ("/search/", "lunr"),
                 "q => document.querySelector('.archive-search__popup').dataset.query === q")
MATERIAL = Engine("Material", "readings/", "input.md-search__input",
                  ("/search/search_index.json", "/workers/search", "/lunr/"),
                  "q => q in window.benchAnswered && document.querySelector('.md-search-result__meta')"
                  " && !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)",
                  MATERIAL_WORKER)
PAGEFIND = Engine("Pagefind", "pagefind-search/", ".pagefind-ui__search-input", ("/pagefind/",),
                  "q => { const m = document.querySelector('.pagefind-ui__message');"
                  " if (!m || !m.textContent.includes(q)) return false;"
                  " return /^No results/.test(m.textContent.trim())"
                  " || Boolean(document.querySelector('.pagefind-ui__result-link')); }")


@dataclass(frozen=True)
class Run:
    """One query in one engine."""

    downloaded: int
    ms: float
    heap_before: int
    heap_after: int
    browser: int
    requests: int


def sites(work: Path, texts: int) -> tuple[Path, Path, float | None, float | None]:
    """The archive and its plain twin of `texts` texts under `work`, generated and built unless already there;
    returns their roots and the seconds of the builds this call made."""
    seconds = []
    for root, plain in ((work / f"archive-{texts}", False), (work / f"plain-{texts}", True)):
        if not (root / "mkdocs.yml").is_file():
            generate(root, texts, seed=0, words=4000, plain=plain)
        if (root / "site" / "index.html").is_file():
            seconds.append(None)
            continue
        started = time.perf_counter()
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        seconds.append(time.perf_counter() - started)
    return work / f"archive-{texts}", work / f"plain-{texts}", seconds[0], seconds[1]


def cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def archive_index(root: Path) -> tuple[float, int]:
    """Write the archive's index into its built site once more with the current code; its CPU seconds and bytes."""
    settings = Site.load(root)
    archive = Archive.load(root, settings.layout, reader_for(settings))
    started = cpu()
    size = write_index(archive, settings, root / "site")
    seconds = cpu() - started
    for uri, path in ASSETS.items():  # A reused site searches with the current scripts too.
        if uri.endswith("search.js"):
            (root / "site" / uri).write_bytes(path.read_bytes())
    return seconds, size


def pagefind_index(root: Path) -> tuple[float, int] | None:
    """Index the plain site with Pagefind and add its search page; its CPU seconds and bytes, or None without it."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return None
    site_dir = root / "site"
    started = cpu()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], check=True)
    seconds = cpu() - started
    (site_dir / "pagefind-search").mkdir(exist_ok=True)
    (site_dir / "pagefind-search" / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    return seconds, folder_bytes(site_dir / "pagefind")


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


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
    return proportional_size(process_tree([pid for pid in os.listdir("/proc") if pid.isdigit() and _has(pid, tag)]))


def _has(pid: str, tag: str) -> bool:
    try:
        return tag in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


class Heaps:
    """The JS heaps of a page and of its workers (where Material keeps its index), read through CDP."""

    def __init__(self, page) -> None:
        self.session = page.context.new_cdp_session(page)
        self.session.send("Performance.enable")
        self.workers: list[str] = []
        self.answers: dict[tuple[str, int], dict] = {}
        self.session.on("Target.attachedToTarget", lambda event: self.workers.append(event["sessionId"])
                        if event["targetInfo"]["type"] == "worker" else None)
        self.session.on("Target.receivedMessageFromTarget", self._received)
        # Not flattened: Playwright's session cannot address a worker's own session, so messages go through it.
        self.session.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False,
                                                   "flatten": False})
        self.asked = 0

    def _received(self, event: dict) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            self.answers[event["sessionId"], message["id"]] = message

    def used(self, page) -> int:
        """Bytes used by the page's heap and its workers' heaps, after a garbage collection in each."""
        self.session.send("HeapProfiler.collectGarbage")
        used = next(metric["value"] for metric in self.session.send("Performance.getMetrics")["metrics"]
                    if metric["name"] == "JSHeapUsedSize")
        for worker in self.workers:
            for method in ("HeapProfiler.collectGarbage", "Runtime.getHeapUsage"):
                self.asked += 1
                self.session.send("Target.sendMessageToTarget", {"sessionId": worker, "message": json.dumps(
                    {"id": self.asked, "method": method})})
                page.wait_for_function("() => true")  # Lets Playwright deliver the worker's answer.
                deadline = time.monotonic() + 60
                while (worker, self.asked) not in self.answers and time.monotonic() < deadline:
                    page.wait_for_timeout(20)
            used += self.answers.get((worker, self.asked), {}).get("result", {}).get("usedSize", 0)
        return int(used)


def blank_browser() -> int:
    """The whole browser's proportional set size with one blank page: chromium's own footprint."""
    from conftest import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright

    tag = f"--search-benchmark={os.getpid()}-{time.monotonic_ns()}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, tag])
        page = browser.new_page()
        page.goto("about:blank")
        page.wait_for_timeout(1000)
        memory = memory_of(tag)
        browser.close()
    return memory


def measure(site_dir: Path, engine: Engine, query: str) -> Run:
    """Open the engine's page in a fresh browser, type the query into its field and wait for its results."""
    from conftest import CHROMIUM, FLAGS, served
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    tag = f"--search-benchmark={os.getpid()}-{time.monotonic_ns()}"
    flags = [*FLAGS, tag]
    with sync_playwright() as playwright, served(site_dir) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page()
        if engine.script:
            page.add_init_script(engine.script)
        downloaded = []
        page.on("requestfinished", lambda request: downloaded.append(request.sizes()["responseBodySize"])
                if any(part in request.url for part in engine.downloads) else None)
        page.goto(url + engine.page, wait_until="load")
        heaps = Heaps(page)
        box = page.locator(engine.field)
        box.click()
        heap_before = heaps.used(page)
        box.press_sequentially(query[:-1])
        page.wait_for_timeout(50)
        started = time.perf_counter()
        box.press_sequentially(query[-1])
        try:
            page.wait_for_function(engine.answered, arg=query, timeout=ANSWER_MS, polling=10)
        except PlaywrightError as error:
            if "crashed" not in str(error):
                raise
            raise Crashed(time.perf_counter() - started, sum(downloaded)) from error
        elapsed = (time.perf_counter() - started) * 1000
        requests = len(downloaded)  # What the field asked for until it answered: later downloads are not counted.
        page.wait_for_load_state("networkidle")
        heap_after = heaps.used(page)
        memory = memory_of(tag)
        browser.close()
    return Run(sum(downloaded[:requests]), elapsed, heap_before, heap_after, memory, requests)


class Crashed(Exception):
    """The page crashed before it answered (Material's index of thousands of texts outgrows the tab's memory)."""

    def __init__(self, seconds: float, downloaded: int) -> None:
        super().__init__(f"the page crashed {seconds:.0f} s after the last keystroke, {downloaded / 1e6:.1f} MB "
                         "downloaded")


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-bench"),
                        help="where the sites are generated and built, and reused when already there")
    parser.add_argument("--engines", nargs="+", default=["archive", "Material", "Pagefind"])
    parser.add_argument("--queries", type=int, default=3, help="how many of the three queries to run (Material at "
                                                                 "5,000 texts takes minutes a query)")
    arguments = parser.parse_args()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    blank = blank_browser()
    print(f"Chromium with a blank page: {blank / 2**20:.0f} MiB (PSS of all its processes)\n")
    print("| texts | engine | index build | index bytes | downloaded before first result | keystroke to result | "
          "JS heap before typing / after result | browser (PSS) |")
    print("|---|---|---|---|---|---|---|---|")
    for texts in arguments.texts:
        archive, plain, archive_build, _ = sites(arguments.work, texts)
        asked = queries(archive)[:arguments.queries]
        indexers = {  # Only the engines asked for: Pagefind writes into the plain site, and takes minutes at 5,000.
            "archive": lambda: archive_index(archive), "Pagefind": lambda: pagefind_index(plain),
            "Material": lambda: (None, (plain / "site" / "search" / "search_index.json").stat().st_size)}
        built = {name: index() for name, index in indexers.items() if name in arguments.engines}
        for engine in (ARCHIVE, MATERIAL, PAGEFIND):
            if engine.name not in arguments.engines:
                continue
            if built[engine.name] is None:
                print(f"| {texts:,} | {engine.name} | skipped: pagefind is not installed "
                      "(`pip install -e '.[bench]'`) | | | | | |", flush=True)
                continue
            seconds, size = built[engine.name]
            site_dir = (archive if engine is ARCHIVE else plain) / "site"
            try:
                runs = [measure(site_dir, engine, query) for query in asked]
            except PlaywrightTimeout as error:
                print(f"| {texts:,} | {engine.name} | no answer: {str(error).splitlines()[0]} | | | | | |", flush=True)
                continue
            except Crashed as error:
                print(f"| {texts:,} | {engine.name} | no answer: {error} | | | | | |", flush=True)
                continue
            timed = "in the build" if seconds is None else f"{seconds:.1f} s CPU"
            if engine is ARCHIVE and archive_build and seconds is not None:
                timed += f" ({seconds / archive_build:.0%} of a {archive_build:.0f} s build)"
            print(f"| {texts:,} | {engine.name} | {timed} | {size / 2**20:.1f} MiB | "
                  f"{median(runs, 'downloaded') / 1000:,.0f} KB | {median(runs, 'ms'):,.0f} ms | "
                  f"{median(runs, 'heap_before') / 2**20:.1f} / {median(runs, 'heap_after') / 2**20:.1f} MiB | "
                  f"{median(runs, 'browser') / 2**20:.0f} MiB |", flush=True)
            print(f"<!-- {engine.name} {texts}: queries {asked}; runs {runs} -->", flush=True)


if __name__ == "__main__":
    main()
