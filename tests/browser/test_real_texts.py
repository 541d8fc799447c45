"""In a real browser: a book's kept table layout and type sizes show as its edition set them, and an imported text
reads as a text, its footnotes and "About this edition" included, under the site's Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from study_archive.adapters.cli import main
from test_imports import MIA_PAGE, WEBER
from test_real_texts import book

from .conftest import served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import Archive

    archive = Archive(tmp_path_factory.mktemp("real-texts"))
    archive.write("readings/generated-book.md", book())
    archive.write("content/people/weber.md", WEBER)
    source = archive.write("saved/branch.htm", MIA_PAGE)
    assert main(["import", str(source), "--root", str(archive.root), "--summary", "Agendas and minutes."]) == 0
    archive.build(strict=True)
    return archive.site


def test_a_books_tables_keep_their_layout_and_type_sizes(site, page):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    with served(site) as url:
        page.goto(url + "readings/generated-book/", wait_until="load")
        title = page.locator("td[colspan='3']").first
        assert title.evaluate("cell => getComputedStyle(cell).fontSize") == "32px"  # 24pt
        assert title.evaluate("cell => getComputedStyle(cell).textAlign") == "center"
        table = page.locator("table.ledger").first
        # The border, cellpadding and width attributes still lay the table out, as the edition meant.
        assert table.evaluate("table => getComputedStyle(table.querySelector('td')).paddingTop") == "4px"
        assert table.evaluate("table => getComputedStyle(table).borderTopStyle") == "outset"
        width = table.evaluate("table => table.getBoundingClientRect().width")
        content = table.evaluate("table => table.parentElement.getBoundingClientRect().width")
        assert abs(width - 0.8 * content) < 2
        assert page.locator("td[rowspan='2']").first.evaluate("cell => cell.rowSpan") == 2
        assert page.locator("div.footnote li").count() == 2_000
    assert refused == []


def test_an_imported_text_reads_with_its_notes_and_its_edition(site, page):
    with served(site) as url:
        page.goto(url + "readings/weber-on-branch-meetings/", wait_until="load")
        assert page.locator("h1").first.inner_text() == "On Branch Meetings"
        assert page.locator("#p1").inner_text().startswith("A branch meeting that follows a written agenda")
        page.locator("#p1 a.footnote-ref").click()
        note = page.locator("div.footnote li").first
        assert note.is_visible() and "printed the agenda on its first page" in note.inner_text()
        edition = page.locator("section.archive-edition")
        assert edition.is_visible()
        assert edition.locator("h2").inner_text() == "About this edition"
        assert "Transcription/Markup" in edition.inner_text() and "A volunteer" in edition.inner_text()
        page.screenshot(path=str(site.parent / "imported.png"), full_page=True)
