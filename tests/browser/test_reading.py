"""A reader opens the library in a real browser, follows a reference and searches."""

from __future__ import annotations

import pytest

from .conftest import search, served

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_library_to_a_numbered_paragraph(library, page):
    library.files("""
        content/about.md
        | ---
        | title: About
        | ---
        | Start with [[new-course#p2]].
        """)
    library.build()
    with served(library.site) as url:
        page.goto(url + "readings/")
        page.click("text=The New Course")
        page.wait_for_url("**/readings/new-course/")
        number = page.locator("#p2").evaluate("el => getComputedStyle(el, '::before').content")
        assert number == '"2"'
        page.goto(url + "about/")
        page.click("text=The New Course, ¶2")
        page.wait_for_url("**/readings/new-course/#p2")
        assert page.locator("#p2").evaluate("el => el.matches(':target')")


def test_search_finds_a_text_by_its_words(library, page):
    library.build()
    with served(library.site) as url:
        page.goto(url, wait_until="networkidle")
        results = search(page, "quoted")
        assert "The New Course" in results
