"""A reader ticks off readings on a curriculum page, reloads it, and prints one session's handout."""

from __future__ import annotations

import pytest

from .conftest import served

pytestmark = pytest.mark.browser

COURSE = """
content/curricula/course.md
| ---
| title: A course
| summary: Two sessions.
| sessions:
|   - title: First steps
|     readings:
|       - text: new-course
|         paragraphs: 1-2
|       - title: An essay elsewhere
|         author: Someone Else
|         url: https://example.org/essay
|     questions: ["What is a party for?"]
|   - title: The quoted third
|     readings:
|       - text: new-course
|         paragraphs: "3"
|     questions: ["Why quote it?", "Who is quoted?"]
| ---
| Read before we meet.
"""


def test_done_boxes_and_progress_survive_a_reload(library, page):
    library.files(COURSE)
    library.build()
    with served(library.site) as url:
        page.goto(url + "curricula/course/")
        box = page.get_by_label("Done: The New Course, ¶1–2")
        assert box.get_attribute("autocomplete") is None
        assert page.inner_text("#session-1 .archive-progress__label") == "0 of 2 readings done"
        box.check()
        assert page.inner_text("#session-1 .archive-progress__label") == "1 of 2 readings done"
        page.get_by_label("Done: The New Course, ¶3").check()
        page.reload()
        assert page.get_by_label("Done: The New Course, ¶1–2").is_checked()
        assert not page.get_by_label("Done: An essay elsewhere").is_checked()
        assert page.locator("#session-1 progress").evaluate("bar => [bar.value, bar.max]") == [1, 2]
        assert page.inner_text("#session-2 .archive-progress__label") == "1 of 1 reading done"
        assert "archive-session--done" in page.get_attribute("#session-2", "class")
        page.get_by_label("Done: The New Course, ¶1–2").uncheck()
        page.reload()
        assert not page.get_by_label("Done: The New Course, ¶1–2").is_checked()


def test_a_session_handout_prints_without_navigation_or_search(library, page):
    library.files(COURSE)
    library.build()
    with served(library.site) as url:
        page.goto(url + "curricula/course/")
        page.evaluate("window.print = () => { window.printed = true; }")  # Headless: no dialog to wait on.
        page.locator("#session-2").get_by_role("button", name="Print handout").click()
        assert page.evaluate("window.printed")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-search", ".md-sidebar--primary", "#session-1", ".archive-overview",
                       "#session-2 .archive-done", "#session-2 .archive-progress"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator("h1").is_visible()
        handout = page.inner_text("#session-2")
        assert "Why quote it?" in handout and "Who is quoted?" in handout
        assert url + "readings/new-course/#p3" in handout  # The link, written out for paper.
        height = page.locator("#session-2 .archive-questions > li").first.evaluate("li => li.offsetHeight")
        assert height > 80  # Room to write under each question.
