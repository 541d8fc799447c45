"""The demo built with Zensical reads as the demo built with MkDocs: same pages, numbers, notes, links and files.

Both builds run once for the module: MkDocs with the archive plugin, and `archive build --engine zensical`
(assemble, `zensical build --clean`, finish). The differences that remain are listed in docs/zensical.md.
"""

from __future__ import annotations

import contextlib
import html.parser
import importlib.util
import io
import posixpath
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from study_archive.adapters.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                                reason="zensical is not installed: `bash scripts/setup test` installs the test extra")

MKDOCS_ONLY = {"search/index.html"}
EPOCH = "1767225600"  # Both builds stamp their packets, calendars and feeds with one time, so the bytes can agree.


class Sites:
    def __init__(self, mkdocs: Path, zensical: Path, status: int, output: str) -> None:
        self.mkdocs, self.zensical, self.status, self.output = mkdocs, zensical, status, output

    def pages(self, site: Path) -> set[str]:
        """The pages both engines build: all but the archive's search results page, which only the MkDocs route
        has so far (docs/zensical.md says why)."""
        return {path.relative_to(site).as_posix() for path in site.rglob("*.html")} - MKDOCS_ONLY

    def texts(self) -> list[str]:
        return sorted(page for page in self.pages(self.mkdocs) if page.startswith("readings/") and
                      page.count("/") == 2 and page != "readings/index.html")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    folder = tmp_path_factory.mktemp("engines")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(folder / "mkdocs")))
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = main(["build", str(ROOT), "--engine", "zensical", "--out", str(folder / "zensical")])
    return Sites(folder / "mkdocs", folder / "zensical" / "site", status, output.getvalue())


class _Reader(html.parser.HTMLParser):
    """The archive's marks of one page: paragraph ids, annotation marks and cross-reference targets."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.paragraphs: list[str] = []
        self.marks: list[tuple[str | None, str | None, str | None]] = []
        self.references: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("data-paragraph"):
            self.paragraphs.append(values.get("id") or "")
        if tag == "mark" and "archive-mark" in (values.get("class") or ""):
            self.marks.append((values.get("id"), values.get("data-layer"), values.get("data-note")))
        if tag == "a" and "archive-ref" in (values.get("class") or "") and values.get("href") is not None:
            self.references.append((values["class"], _target(self.page, values["href"])))


def _target(page: str, href: str) -> str:
    """A link as the site path it leads to, whichever page it is written on."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    target = target.removesuffix("/index.html").removesuffix("index.html")
    return f"{target}#{fragment}" if fragment else target


def _read(site: Path, page: str) -> _Reader:
    reader = _Reader(page)
    reader.feed((site / page).read_text(encoding="utf-8"))
    return reader


def test_the_zensical_build_reports_no_problem(sites):
    assert sites.status == 0, sites.output
    assert "0 problems" in sites.output


def test_both_engines_build_the_same_pages(sites):
    assert sites.pages(sites.zensical) == sites.pages(sites.mkdocs)
    assert all((sites.mkdocs / page).is_file() for page in MKDOCS_ONLY)
    assert len(sites.texts()) >= 8


def test_every_text_has_the_same_paragraph_ids_and_annotation_marks(sites):
    for page in sites.texts():
        mkdocs, zensical = _read(sites.mkdocs, page), _read(sites.zensical, page)
        assert zensical.paragraphs == mkdocs.paragraphs, page
        assert zensical.marks == mkdocs.marks, page
    assert any(_read(sites.zensical, page).marks for page in sites.texts())


def test_cross_references_lead_to_the_same_places(sites):
    for page in sorted(sites.pages(sites.mkdocs)):
        mkdocs, zensical = _read(sites.mkdocs, page), _read(sites.zensical, page)
        assert zensical.references == mkdocs.references, page
    assert any(_read(sites.zensical, page).references for page in sites.texts())


def test_no_reference_is_left_unrendered(sites):
    for page in sorted(sites.pages(sites.zensical)):
        assert "[[" not in (sites.zensical / page).read_text(encoding="utf-8"), page


def test_the_files_beside_the_pages_are_the_same_bytes(sites):
    def extra(site: Path) -> dict[str, bytes]:
        return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
                if path.suffix in (".epub", ".ics", ".xml") and path.name != "sitemap.xml"
                or "assets/archive" in path.as_posix() and path.is_file()}

    mkdocs, zensical = extra(sites.mkdocs), extra(sites.zensical)
    assert sorted(zensical) == sorted(mkdocs)
    assert any(name.endswith(".epub") for name in mkdocs) and any(name.endswith(".ics") for name in mkdocs)
    for name in mkdocs:
        assert zensical[name] == mkdocs[name], name


def test_every_zensical_page_has_the_policy_and_escaped_titles(sites):
    for page in sorted(sites.pages(sites.zensical)):
        text = (sites.zensical / page).read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in text:
            continue  # A former address: a redirect, as under MkDocs.
        assert '<meta http-equiv="Content-Security-Policy"' in text, page


def test_zensical_builds_report_what_mkdocs_builds_report_and_fail(archive, capsys):
    """Problems of the archive, of rendering and of the built links fail the run, since Zensical's --strict
    does not see them; a title is shown as typed, never run."""
    archive.files("""
        content/people/trotsky.md
        | ---
        | title: Leon <script>alert(1)</script> Trotsky
        | summary: A revolutionary.
        | ---
        | A biography. See [[no-such-text]] and [the trial](trial.md).
        |
        | <img src="portrait.png" onerror="alert(1)">
        """)
    status = main(["build", str(archive.root), "--engine", "zensical", "--out", str(archive.root / "zensical")])
    problems = capsys.readouterr().err
    assert status == 1
    assert "content/people/trotsky.md:5:18: unknown reference 'no-such-text'" in problems
    assert "content/people/trotsky.md:7:1: removed the attribute onerror=\"alert(1)\" from a <img>" in problems
    assert "content/people/trotsky.md:5:1: the link '../trial/' leads nowhere" in problems
    page = (archive.root / "zensical" / "site" / "people" / "trotsky" / "index.html").read_text(encoding="utf-8")
    assert "<title>Leon &lt;script&gt;alert(1)&lt;/script&gt; Trotsky" in page
    assert "<script>alert(1)" not in page
