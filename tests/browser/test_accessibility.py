"""Every reader can use the demo archive: axe-core finds no serious barrier on the pages readers start
from, and a reader without a mouse reaches and works everything by keyboard alone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from .conftest import search, served
from .test_debate_map import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}

TEXT = "readings/trotsky-new-course/"
CURRICULUM = "curricula/organization-democracy-debate/"
DEBATE = "debates/freedom-of-the-press-1921/"


def barriers(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line per element."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: `npm ci` (scripts/test runs it)")
    _settle(page)
    if page.evaluate("() => typeof axe") == "undefined":
        # The page's Content-Security-Policy runs scripts from the site only, so axe comes from there too.
        script = urljoin(page.url, "/__axe-core.js")
        page.route(script, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
        page.add_script_tag(url=script)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['id']} ({violation['impact']}): {violation['help']}: {node['target']}"
            for violation in results["violations"] if violation["impact"] in ("serious", "critical")
            for node in violation["nodes"]]


def _settle(page) -> None:
    """Wait for transitions to end: axe measures colours as they are, halfway through a fade too."""
    for _ in range(50):
        if page.evaluate("() => document.getAnimations().every(animation => animation.playState !== 'running')"):
            return
        page.wait_for_timeout(100)


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard reader gets to it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def focused(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


@pytest.mark.parametrize("path", ["", TEXT, CURRICULUM, DEBATE],
                         ids=["home", "annotated text", "curriculum", "debate with a map"])
def test_a_page_readers_start_from_has_no_serious_barrier(demo, page, path):
    page.context.add_init_script(OPEN_SHADOW_ROOTS)  # So that axe reads the debate map's boxes too.
    page.goto(demo + path)
    if path == DEBATE:
        page.wait_for_selector("div.mermaid svg", timeout=20_000)
    assert page.locator("h1").count() == 1
    assert barriers(page) == []


def test_search_and_its_results_have_no_serious_barrier(demo, page):
    page.goto(demo, wait_until="networkidle")
    assert "Trotsky" in search(page, "party")
    page.locator(".archive-hit__link").first.wait_for()
    assert barriers(page) == []
    page.keyboard.press("ArrowDown")  # A result chosen by keyboard is highlighted: its text must stay legible.
    assert focused(page, ".archive-search__popup a")
    assert barriers(page) == []


def test_the_results_page_and_its_facets_have_no_serious_barrier(demo, page):
    page.goto(demo + "search/?q=party")
    page.locator(".archive-results__list .archive-hit__link").first.wait_for()
    assert barriers(page) == []


def test_a_note_open_in_a_popover_on_a_phone_has_no_serious_barrier(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(demo + TEXT)
    page.click("#noteref-1")
    page.locator("#archive-popover").wait_for(state="visible")
    assert barriers(page) == []


def test_a_keyboard_reader_reads_a_sidenote_and_returns_to_the_text(demo, page):
    page.goto(demo + TEXT)
    tab_to(page, "#noteref-1")
    page.keyboard.press("Enter")
    assert focused(page, "#side-note-1")
    page.keyboard.press("Escape")
    assert focused(page, "#noteref-1")
    page.keyboard.press("Enter")
    tab_to(page, "#side-note-1 .archive-note__back", limit=30)  # Past the links in the note.
    page.keyboard.press("Enter")
    assert focused(page, "#noteref-1")


def test_the_last_sidenotes_leave_what_follows_the_text_uncovered(library, page):
    library.files("""
        readings/notes/context/new-course.md
        | ---
        | author: Tuesday group
        | date: 2026-11-20
        | ---
        | ## p3 "quoted third"
        | A long note on the last paragraph. {long}
        """.replace("{long}", "It goes on. " * 150))
    library.build()
    with served(library.site) as url:
        page.goto(url + "readings/new-course/")
        note, after = page.locator("#side-note-1").bounding_box(), page.locator(".archive-cite").bounding_box()
        assert note["y"] + note["height"] <= after["y"]


def test_on_a_phone_a_keyboard_reader_opens_a_note_and_closes_it(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(demo + TEXT)
    popover = page.locator("#archive-popover")
    tab_to(page, "#noteref-1")
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    assert focused(page, "#archive-popover .archive-popover__close")
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert focused(page, "#noteref-1")
    page.keyboard.press("Enter")
    popover.wait_for(state="visible")
    page.keyboard.press("Enter")  # On the focused Close button.
    popover.wait_for(state="hidden")
    assert focused(page, "#noteref-1")


def test_a_keyboard_reader_hides_a_layer_of_notes_and_shows_it_again(demo, page):
    page.goto(demo + TEXT)
    notes = page.locator(".archive-sidenote[data-layer='discussion']")
    assert notes.count() > 0 and notes.first.is_visible()
    tab_to(page, "input[data-layer='discussion']")
    page.keyboard.press("Space")
    assert not page.locator("input[data-layer='discussion']").is_checked()
    assert not any(note.is_visible() for note in notes.all())
    assert page.locator(".archive-sidenote[data-layer='context']").first.is_visible()
    page.keyboard.press("Space")
    assert notes.first.is_visible()


def test_a_keyboard_reader_copies_a_paragraphs_citation(demo, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(demo + TEXT)
    tab_to(page, "button.archive-para-tools__cite")
    _settle(page)
    assert page.evaluate("getComputedStyle(document.activeElement.parentElement).opacity") == "1"  # Shown on focus.
    page.keyboard.press("Enter")
    page.locator(".archive-status", has_text="copied").wait_for(state="attached")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"¶1, {demo}{TEXT}#p1")


def test_a_keyboard_reader_ticks_off_a_reading_and_unticks_it(demo, page):
    page.goto(demo + CURRICULUM)
    label = page.locator("#session-1 .archive-progress__label")
    total = page.locator("#session-1 input[data-archive-done]").count()
    tab_to(page, "#session-1 input[data-archive-done]")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert label.inner_text() == f"1 of {total} reading{'s' if total != 1 else ''} done"
    page.keyboard.press("Space")
    assert label.inner_text() == f"0 of {total} reading{'s' if total != 1 else ''} done"


def test_a_keyboard_reader_follows_the_debate_map_to_a_piece(demo, page):
    page.context.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(demo + DEBATE)
    page.wait_for_selector("div.mermaid svg", timeout=20_000)
    tab_to(page, "div.mermaid")  # The map's host has the focus while one of its boxes does.
    href, title = page.evaluate("""() => {
        const box = document.activeElement.shadowRoot.activeElement.closest("a");
        return [box.getAttribute("xlink:href") || box.getAttribute("href"), box.querySelector(".nodeLabel p").firstChild.textContent.trim()];
    }""")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(demo + DEBATE, href))
    assert title in page.locator(href if href.startswith("#") else "h1").inner_text()  # A text, or a piece outside.


def test_a_keyboard_reader_searches_and_opens_a_result(demo, page):
    page.goto(demo, wait_until="networkidle")
    page.keyboard.press("/")
    assert focused(page, "#archive-search-query")
    assert "Myasnikov" in search(page, "Myasnikov")
    page.locator(".archive-hit__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert focused(page, ".archive-search__popup a")
    target, title = page.evaluate("[document.activeElement.href, document.activeElement.textContent]")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert page.locator("h1").inner_text() == title  # The best match: a text by Myasnikov.
