"""A reader finds their way into the demo archive: the Library sorts and filters, on a desk and on a phone, by mouse
and by keyboard; the home page and the 404 page lead on; and no page asks the server for a file that is not there."""

from __future__ import annotations

import pytest

from .test_accessibility import barriers, tab_to

pytestmark = pytest.mark.browser

SIZES = [pytest.param({"width": 1440, "height": 900}, id="desk"), pytest.param({"width": 390, "height": 844}, id="phone")]

ROWS = "#archive-library tbody tr"
# The sort key of each visible row's cell in a column, as the reader sees the rows from top to bottom.
KEYS = """column => [...document.querySelectorAll('#archive-library tbody tr:not([hidden])')]
                     .map(row => row.cells[column].dataset.sort)"""
# Every word of the author and year cells that the layout breaks over two lines.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.archive-library__author, .archive-library__year')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def failed_requests(page) -> list[str]:
    """Collects every request the page makes that the server cannot answer."""
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    return failed


def no_overflow(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_the_library_fits_the_screen_and_breaks_no_name_or_year_inside_a_word(demo, page, size):
    page.set_viewport_size(size)
    failed = failed_requests(page)
    page.goto(demo + "readings/", wait_until="networkidle")
    assert page.locator(ROWS).count() == 14
    assert no_overflow(page)
    assert page.evaluate(BROKEN_WORDS) == []
    assert failed == []
    assert barriers(page) == []


@pytest.mark.parametrize("size", SIZES)
def test_the_headers_sort_the_library_and_the_undated_stay_last(demo, page, size):
    page.set_viewport_size(size)
    page.goto(demo + "readings/")
    years = page.evaluate(KEYS, 2)
    dated = [int(year) for year in years if year]
    assert dated == sorted(dated) and years[len(dated):] == [""] * (len(years) - len(dated))  # As the page is written.
    page.click("th[data-sort-by=author] button")
    assert page.get_attribute("th[data-sort-by=author]", "aria-sort") == "ascending"
    assert page.get_attribute("th[data-sort-by=year]", "aria-sort") is None
    authors = [key for key in page.evaluate(KEYS, 1) if key]
    assert authors == sorted(authors, key=str.casefold) and authors[0].startswith("Damage,")
    assert page.locator(ROWS).first.locator("td").nth(1).inner_text() == "Dan Damage"
    page.click("th[data-sort-by=year] button")
    page.click("th[data-sort-by=year] button")
    assert page.get_attribute("th[data-sort-by=year]", "aria-sort") == "descending"
    years = page.evaluate(KEYS, 2)
    dated = [int(year) for year in years if year]
    assert dated == sorted(dated, reverse=True) and dated[0] == 2023
    assert years[len(dated):] == [""] * (len(years) - len(dated))  # Undated last, this way round too.
    assert no_overflow(page)


def test_a_keyboard_reader_sorts_the_library(demo, page):
    page.goto(demo + "readings/")
    tab_to(page, "th[data-sort-by=title] button")
    page.keyboard.press("Enter")
    assert page.get_attribute("th[data-sort-by=title]", "aria-sort") == "ascending"
    titles = page.evaluate(KEYS, 0)
    assert titles == sorted(titles, key=str.casefold)
    page.keyboard.press("Space")
    assert page.get_attribute("th[data-sort-by=title]", "aria-sort") == "descending"
    assert page.evaluate(KEYS, 0) == titles[::-1]


@pytest.mark.parametrize("size", SIZES)
def test_the_filter_keeps_the_texts_with_every_word_typed(demo, page, size):
    page.set_viewport_size(size)
    page.goto(demo + "readings/")
    page.fill("#archive-library-filter", "myasnikov letter")
    visible = page.locator(f"{ROWS}:not([hidden]) .archive-library__title a").all_inner_texts()
    assert sorted(visible) == ["Letter to G. Myasnikov", "Reply to Lenin on freedom of the press"]
    assert page.inner_text(".archive-library__status") == "2 of 14 texts shown"
    page.fill("#archive-library-filter", "")
    assert page.locator(f"{ROWS}:not([hidden])").count() == 14
    assert no_overflow(page)


def test_without_javascript_the_library_is_a_table_oldest_first(demo, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(demo + "readings/")
        assert page.locator("#archive-library-filter").is_hidden()
        titles = page.locator(f"{ROWS} .archive-library__title a").all_inner_texts()
        assert titles[0] == "Letter to G. Myasnikov" and titles[-1] == "What is our current historical era and how did we get here?"
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page_searches_and_shows_what_the_archive_holds(demo, page, size):
    page.set_viewport_size(size)
    failed = failed_requests(page)
    page.goto(demo, wait_until="networkidle")
    assert page.locator(".archive-home__counts").inner_text().split() == [
        "14", "texts", "1", "curriculum", "5", "debates", "18", "glossary", "terms", "17", "people"]
    assert page.locator("#latest-replies + ul li").count() >= 1
    assert no_overflow(page)
    assert barriers(page) == []
    page.fill("#archive-home-query", "freedom of the press")
    page.press("#archive-home-query", "Enter")
    page.locator(".archive-results__list .archive-hit__link").first.wait_for()
    assert page.url.startswith(demo + "search/?q=freedom")
    assert failed == []


def test_the_404_page_has_a_search_box_and_the_ways_in(demo, page):
    page.goto(demo + "404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    page.fill("#archive-missing-query", "Myasnikov")
    page.press("#archive-missing-query", "Enter")
    page.locator(".archive-results__list .archive-hit__link").first.wait_for()
    assert page.url == demo + "search/?q=Myasnikov"
    page.goto(demo + "404.html")
    page.click("text=Library")
    assert page.url == demo + "readings/"


@pytest.mark.parametrize("path", ["debates/why-the-iso-failed/", "debates/", "readings/", "", "indexes/years/"])
def test_no_page_asks_for_a_file_that_does_not_exist(demo, page, path):
    """Material took each feed's link for a language version and asked for a sitemap.xml beside it."""
    failed = failed_requests(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo + path, wait_until="networkidle")
    assert failed == []
    assert [url for url in requested if url.endswith("sitemap.xml")] in ([], [demo + "sitemap.xml"])


def test_every_demo_text_is_on_its_authors_years_and_topics_pages(demo, page):
    page.goto(demo + "readings/")
    texts = page.eval_on_selector_all(f"{ROWS} .archive-library__title a", "links => links.map(a => a.href)")
    assert len(texts) == 14
    found = {}
    for index in ("indexes/authors/", "indexes/years/", "indexes/kinds/"):
        page.goto(demo + index)
        found[index] = set(page.eval_on_selector_all("article a", "links => links.map(a => a.href)"))
    for text in texts:
        assert all(text in links for links in found.values()), text
        page.goto(text)
        for topic in page.eval_on_selector_all(".archive-record__topics a", "links => links.map(a => a.href)"):
            page.goto(topic)
            assert text in page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
