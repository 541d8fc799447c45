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

EPOCH = "1767225600"  # Both builds stamp their packets, calendars and feeds with one time, so the bytes can agree.


class Sites:
    def __init__(self, mkdocs: Path, zensical: Path, status: int, output: str) -> None:
        self.mkdocs, self.zensical, self.status, self.output = mkdocs, zensical, status, output

    def pages(self, site: Path) -> set[str]:
        """The pages an engine built, the search results page among them."""
        return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}

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
    assert "search/index.html" in sites.pages(sites.zensical)
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


def test_the_search_index_is_the_same_files_under_both_engines(sites):
    def index(site: Path) -> dict[str, bytes]:
        return {path.relative_to(site).as_posix(): path.read_bytes() for path in (site / "search").rglob("*.js")}

    mkdocs, zensical = index(sites.mkdocs), index(sites.zensical)
    assert sorted(zensical) == sorted(mkdocs)
    assert len(mkdocs) > 20 and any(name.startswith("search/data/") for name in mkdocs)
    for name in mkdocs:
        assert zensical[name] == mkdocs[name], name


class _Header(html.parser.HTMLParser):
    """What a page's header holds: the archive's search forms (their targets) and any search UI of the theme."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.forms: list[str] = []
        self.theme_search: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "header" and "md-header" in classes:
            self.depth = 1
        elif self.depth and tag == "form" and "archive-search" in classes:
            self.forms.append(values.get("action") or "")
        if "md-search" in classes or values.get("for") == "__search" or values.get("data-md-component") == "search":
            self.theme_search.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "header":
            self.depth = 0


def _header(site: Path, page: str) -> _Header:
    reader = _Header()
    reader.feed((site / page).read_text(encoding="utf-8"))
    return reader


def test_every_zensical_header_has_the_archive_search_field_leading_to_the_results_page(sites):
    for page in sorted(sites.pages(sites.zensical) - {"404.html"}):
        if "http-equiv=\"refresh\"" in (sites.zensical / page).read_text(encoding="utf-8"):
            continue  # A former address: a redirect, with no header, as under MkDocs.
        header = _header(sites.zensical, page)
        assert len(header.forms) == 1, page
        assert _target(page, header.forms[0]) == "search", page
        assert header.forms == _header(sites.mkdocs, page).forms, page
    # Served at any address, the 404 page searches from the site's root.
    assert _header(sites.zensical, "404.html").forms == ["/search/"]


def test_no_search_of_zensical_is_left(sites):
    for page in sorted(sites.pages(sites.zensical)):
        assert _header(sites.zensical, page).theme_search == [], page
    assert not (sites.zensical / "search.json").exists()
    assert (sites.zensical / "search" / "index.html").is_file()


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


def test_a_language_the_theme_cannot_label_search_in_is_reported(archive, capsys):
    """The search field's label comes from the theme's translations: a language it lacks is named with its line."""
    config = archive.root.joinpath("mkdocs.yml").read_text()
    archive.write("mkdocs.yml", config.replace("  font: false\n", "  font: false\n  language: xx\n"))
    status = main(["assemble", str(archive.root), "--out", str(archive.root / "zensical")])
    assert status == 1
    assert "mkdocs.yml:6:1: the theme has no translations for the language 'xx'" in capsys.readouterr().err
