"""A reader meets the notes: beside the text on a desktop, in a popover on a phone, layers they can hide."""

from __future__ import annotations

import pytest

from .conftest import served

pytestmark = pytest.mark.browser

NOTES = """
    readings/notes/context/new-course.md
    | ---
    | author: Tuesday group
    | date: 2026-11-20
    | ---
    | ## p1 "first paragraph"
    | Context for the first paragraph.
    readings/notes/discussion/new-course.md
    | ---
    | author: Study Archive editors
    | date: 2026-11-21
    | ---
    | ## p2 "second paragraph"
    | Ask the group about it.
    """


@pytest.fixture
def site(library):
    library.files(NOTES)
    library.build()
    with served(library.site) as url:
        yield url + "readings/new-course/"


def test_on_a_wide_screen_a_note_sits_in_the_margin_beside_its_phrase(site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(site)
    sidenote = page.locator("#side-note-1")
    mark = page.locator("#mark-1")
    assert sidenote.is_visible()
    assert "Context for the first paragraph." in sidenote.inner_text()
    note_box, mark_box, text_box = sidenote.bounding_box(), mark.bounding_box(), page.locator(".archive-text").bounding_box()
    assert note_box["x"] > text_box["x"] + text_box["width"]  # In the margin, right of the text.
    assert abs(note_box["y"] - mark_box["y"]) < 30  # Level with its phrase.
    assert not page.locator(".archive-notes").is_visible()  # The endnotes give way to the sidenotes.


def test_on_a_phone_a_note_opens_in_a_popover(site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site)
    assert not page.locator("#side-note-1").is_visible()
    page.click("#noteref-1")
    popover = page.locator("#archive-popover")
    popover.wait_for(state="visible")
    assert "Context for the first paragraph." in popover.inner_text()
    assert page.evaluate("document.activeElement.className") == "archive-popover__close"
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")


def test_a_hidden_layer_stays_hidden_after_a_reload(site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(site)
    page.uncheck("input[data-layer='discussion']")
    assert not page.locator("#side-note-2").is_visible()
    assert page.locator("#side-note-1").is_visible()
    page.reload()
    assert not page.locator("input[data-layer='discussion']").is_checked()
    assert not page.locator("#side-note-2").is_visible()
    assert not page.locator("#noteref-2").is_visible()
    page.check("input[data-layer='discussion']")
    page.reload()
    assert page.locator("#side-note-2").is_visible()


def test_copy_citation_copies_author_title_year_paragraph_and_address(site, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site)
    page.hover("#p2")
    page.get_by_role("button", name="Cite paragraph 2", exact=True).click()
    page.locator(".archive-status", has_text="copied").wait_for(state="attached")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"Leon Trotsky, The New Course (1923), ¶2, {site}#p2"


def test_copy_citation_of_a_guide_credits_the_guide_not_the_work(library, page):
    library.files("""
        readings/guide.md
        | ---
        | title: The New Course
        | authors: [trotsky]
        | year: 1923
        | summary: A reading guide.
        | rights: public-domain
        | holds: guide
        | ---
        | Our commentary.
        |
        | More of our commentary.
        """)
    library.build()
    with served(library.site) as url:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(url + "readings/guide/")
        page.hover("#p2")
        page.get_by_role("button", name="Cite paragraph 2", exact=True).click()
        page.locator(".archive-status", has_text="copied").wait_for(state="attached")
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == ("The archive's editors, reading guide to Leon Trotsky, The New Course (1923), Test archive, ¶2, "
                      f"{url}readings/guide/#p2")


def test_without_javascript_notes_are_endnotes_linked_from_their_phrases(library, browser):
    library.files(NOTES)
    library.build()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    with served(library.site) as url:
        page.goto(url + "readings/new-course/")
        assert page.locator(".archive-notes").is_visible()
        page.click("#noteref-1 >> xpath=..")
        assert page.url.endswith("#note-1")
        assert page.locator("#note-1").is_visible()
    context.close()
