"""A reader settles into a long text on the demo archive: notes stay beside what they annotate, everything can be
tapped or reached by keyboard, the reader's own settings last, and nothing runs off a phone's screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import served
from .test_accessibility import barriers
from .test_debate_map import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
ANNOTATED = ["readings/trotsky-new-course/", "readings/draper-micro-sect/",
             "readings/myasnikov-workers-group-manifesto/"]
DEBATE = "debates/why-the-iso-failed/"
NOTE_GAP = 12  # Pixels between two stacked sidenotes, as reading.js leaves them.

# For each shown sidenote: how far below the place it should be it sits. That place is its highlight's first line,
# or just under the note above when that note reaches further down.
SIDENOTE_GAPS = """() => {
    let floor = -Infinity;
    return [...document.querySelectorAll(".archive-sidenote")].filter(note => note.offsetParent).map(note => {
        const number = note.id.replace("side-note-", "");
        const highlight = document.getElementById("mark-" + number).getBoundingClientRect();
        const box = note.getBoundingClientRect();
        const gap = box.top - Math.max(highlight.top, floor);
        floor = box.bottom + %d;
        return {number, highlight: Math.round(highlight.top + scrollY), note: Math.round(box.top + scrollY), gap};
    });
}""" % NOTE_GAP

# Elements reaching past the right edge of the window, unless a box of their own scrolls them.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const scrolled = element => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            const overflow = getComputedStyle(box).overflowX;
            if ((overflow === "auto" || overflow === "scroll") && box.getBoundingClientRect().right <= width + 1) return true;
        }
        return false;
    };
    return [...document.querySelectorAll("body *")].filter(element => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && element.checkVisibility() && !scrolled(element);
    }).map(element => element.tagName.toLowerCase() + "." + element.className + " reaches " + Math.round(element.getBoundingClientRect().right));
}"""

# For every box of a debate map: how far its label's text runs past the box, down and right (0 when inside).
MAP_LABELS = """() => [...document.querySelectorAll("div.mermaid")].flatMap(host =>
    [...host.shadowRoot.querySelectorAll("g.node")].map(node => {
        const shape = node.querySelector(".label-container, rect, path").getBoundingClientRect();
        const frame = node.querySelector("foreignObject").getBoundingClientRect();
        const words = document.createRange();
        words.selectNodeContents(node.querySelector(".nodeLabel"));
        const text = words.getBoundingClientRect();
        return {label: node.querySelector(".nodeLabel").textContent,
                out: Math.max(text.bottom - Math.min(frame.bottom, shape.bottom), text.right - Math.min(frame.right, shape.right),
                              Math.max(frame.top, shape.top) - text.top, Math.max(frame.left, shape.left) - text.left, 0)};
    }))"""


@pytest.fixture
def phone(browser):
    """A phone: a narrow screen that is touched, not clicked."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    yield context.new_page()
    context.close()


def sidenote_gaps(page) -> list[dict]:
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate(SIDENOTE_GAPS)


def misplaced(gaps: list[dict]) -> list[dict]:
    return [gap for gap in gaps if abs(gap["gap"]) > 3]


@pytest.mark.parametrize("path", ANNOTATED)
def test_each_sidenote_sits_beside_its_highlight_pushed_down_only_by_the_note_above(demo, page, path):
    page.goto(demo + path)
    gaps = sidenote_gaps(page)
    assert len(gaps) == page.locator(".archive-note").count() > 5
    assert misplaced(gaps) == []
    # Most notes are level with their highlight: a note pushed down is the exception, not the rule.
    assert sum(1 for gap in gaps if gap["note"] - gap["highlight"] < 5) >= len(gaps) / 2


def test_sidenotes_follow_their_highlights_through_resizes_text_sizes_layers_and_open_notes(demo, page):
    page.goto(demo + ANNOTATED[0])
    page.set_viewport_size({"width": 1280, "height": 800})
    assert misplaced(sidenote_gaps(page)) == []
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Larger text").click()
    assert misplaced(sidenote_gaps(page)) == []
    page.uncheck("input[data-layer='context']")
    assert misplaced(sidenote_gaps(page)) == []
    page.check("input[data-layer='context']")
    more = page.locator(".archive-sidenote__more:visible").first
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    assert misplaced(sidenote_gaps(page)) == []


def test_a_click_on_a_highlight_shows_its_whole_sidenote(demo, page):
    page.goto(demo + ANNOTATED[0])
    page.click("#mark-3")
    note = page.locator("#side-note-3")
    assert page.evaluate("document.activeElement.id") == "side-note-3"
    assert note.locator(".archive-sidenote__more").get_attribute("aria-expanded") in ("true", None)
    assert "is-open" in note.get_attribute("class")
    assert misplaced(sidenote_gaps(page)) == []


def test_on_a_phone_tapping_a_highlighted_phrase_opens_its_note(demo, phone):
    phone.goto(demo + ANNOTATED[0])
    phone.locator("#mark-2").tap()
    popover = phone.locator("#archive-popover")
    popover.wait_for(state="visible")
    note = phone.locator("#note-2 .archive-note__body").inner_text()
    assert note.split("\n")[0] in popover.inner_text()
    popover.locator(".archive-popover__close").tap()
    popover.wait_for(state="hidden")


def test_enter_on_a_highlighted_phrase_opens_its_note(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(demo + ANNOTATED[1])
    page.focus("#mark-1")
    page.keyboard.press("Enter")
    popover = page.locator("#archive-popover")
    popover.wait_for(state="visible")
    assert page.locator("#note-1 .archive-note__body").inner_text().split("\n")[0] in popover.inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_note_numbers_permalinks_and_citation_buttons_are_targets_of_24_px_or_more(demo, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(demo + ANNOTATED[0])
    selectors = [".archive-noteref a", ".archive-para-tools__link", ".archive-para-tools__cite"]
    if viewport == DESKTOP:
        selectors += [".archive-sidenote__more:visible", ".archive-sidenote .archive-note__back"]
    for selector in selectors:
        sizes = page.locator(selector).evaluate_all(
            "elements => elements.map(element => [element.offsetWidth, element.offsetHeight])")
        assert sizes, selector
        small = [size for size in sizes if size[0] < 24 or size[1] < 24]
        assert small == [], f"{selector}: {small}"
    page.set_viewport_size(PHONE)
    page.click("#noteref-1")
    close = page.locator("#archive-popover .archive-popover__close").bounding_box()
    assert close["width"] >= 24 and close["height"] >= 24


def test_on_a_phone_a_tap_on_a_glossary_term_shows_its_definition(demo, phone):
    phone.goto(demo + ANNOTATED[0])
    term = phone.locator("a.archive-term").first
    definition = term.get_attribute("data-definition")
    assert definition and term.get_attribute("title") is None  # No tooltip left to hide the popover.
    term.tap()
    popover = phone.locator("#archive-popover")
    popover.wait_for(state="visible")
    assert definition in popover.inner_text()
    assert term.get_attribute("aria-expanded") == "true"
    entry = popover.get_by_role("link", name="The glossary entry")
    assert entry.get_attribute("href") == term.get_attribute("href")
    entry.tap()
    phone.wait_for_url("**/glossary/**")


def test_a_keyboard_reader_opens_a_glossary_definition_and_closes_it(demo, page):
    page.goto(demo + ANNOTATED[0])
    term = page.locator("a.archive-term").first
    term.focus()
    page.keyboard.press("Enter")
    popover = page.locator("#archive-popover")
    popover.wait_for(state="visible")
    assert term.get_attribute("data-definition") in popover.inner_text()
    assert page.evaluate("document.activeElement.matches('#archive-popover .archive-popover__close')")
    assert term.get_attribute("aria-controls") == "archive-popover"
    # Beside its word on a wide screen, not across the bottom of the window.
    box, word = popover.bounding_box(), term.bounding_box()
    assert box["width"] < 500 and 0 <= box["y"] - (word["y"] + word["height"]) < 20
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert page.evaluate("document.activeElement === document.querySelector('a.archive-term')")
    assert term.get_attribute("aria-expanded") == "false"
    assert "/readings/trotsky-new-course/" in page.url  # The link did not lead away.


def test_the_readers_text_size_reading_mode_and_scheme_last_after_a_reload(demo, page):
    page.goto(demo + ANNOTATED[0])
    body = page.locator(".archive-text")
    before = float(body.evaluate("text => parseFloat(getComputedStyle(text).fontSize)"))
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    assert page.locator(".md-sidebar--secondary").is_visible()
    page.get_by_role("button", name="Reading mode").click()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    page.locator("label[for='__palette_1']").click()  # Material's toggle: to the dark scheme.
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"

    page.reload()
    after = float(body.evaluate("text => parseFloat(getComputedStyle(text).fontSize)"))
    assert after == pytest.approx(before * 1.25, abs=0.5)
    assert page.locator(".archive-reader__size").inner_text() == "125%"
    assert page.get_by_role("button", name="Reading mode").get_attribute("aria-pressed") == "true"
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert misplaced(sidenote_gaps(page)) == []

    page.get_by_role("button", name="Reading mode").click()
    page.reload()
    assert page.locator(".md-sidebar--secondary").is_visible()


def test_the_dark_scheme_reading_mode_and_a_glossary_popover_have_no_serious_barrier(demo, page):
    page.goto(demo + ANNOTATED[0])
    page.locator("label[for='__palette_1']").click()
    page.get_by_role("button", name="Reading mode").click()
    page.locator("a.archive-term").first.click()
    page.locator("#archive-popover").wait_for(state="visible")
    assert barriers(page) == []


def test_a_text_body_reads_in_a_serif_at_a_comfortable_measure(demo, page):
    page.goto(demo + ANNOTATED[0])
    page.get_by_role("button", name="Reading mode").click()  # The widest the text can get.
    text = page.locator(".archive-text")
    assert "serif" in text.evaluate("text => getComputedStyle(text).fontFamily")
    # Characters in a line: the paragraph's width over the mean width of a character of its own words.
    characters = page.evaluate("""() => {
        const paragraph = document.querySelector(".archive-text p.archive-paragraph");
        const probe = document.createElement("span");
        probe.style.cssText = "position: absolute; white-space: nowrap";
        probe.textContent = paragraph.textContent.replace(/\\s+/g, " ").trim();
        paragraph.append(probe);
        const perCharacter = probe.getBoundingClientRect().width / probe.textContent.length;
        probe.remove();
        return paragraph.getBoundingClientRect().width / perCharacter;
    }""")
    assert 60 <= characters <= 80


@pytest.mark.parametrize("path", [DEBATE, ANNOTATED[0]], ids=["debate", "text"])
def test_nothing_runs_off_a_phones_screen(demo, phone, path):
    phone.goto(demo + path)
    phone.wait_for_load_state("load")
    assert phone.evaluate(OVERFLOWING) == []
    if path == DEBATE:  # Every claim of the positions table is on the screen, not in a column beyond it.
        claims = phone.locator(".archive-positions td li").evaluate_all(
            "items => items.map(item => item.getBoundingClientRect().right)")
        assert claims and max(claims) <= PHONE["width"]
        # Stacked on the screen, it is still a table to a screen reader: headers, rows and cells.
        tree = phone.locator(".archive-positions table").aria_snapshot()
        assert tree.startswith("- table:") and 'columnheader "Key claims"' in tree and "rowheader" in tree and "- cell" in tree


def test_a_wide_table_in_a_text_scrolls_in_its_own_box_on_a_phone(library, phone):
    row = "| " + " | ".join(f"column {n} with a long heading" for n in range(8)) + " |"
    library.files("""
        readings/table.md
        | ---
        | title: A text with a table
        | year: 1921
        | summary: S.
        | rights: public-domain
        | ---
        | Before the table.
        |
        | {row}
        | {rule}
        | {row}
        """.replace("{row}", row).replace("{rule}", "|" + "---|" * 8))
    library.build()
    with served(library.site) as url:
        phone.goto(url + "readings/table/")
        table = phone.locator("table.archive-paragraph")
        assert table.evaluate("table => table.scrollWidth > table.clientWidth")  # Wider than the screen...
        assert phone.evaluate(OVERFLOWING) == []  # ...but only inside its own box.


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_label_of_a_debate_map_runs_out_of_its_box(demo, page, viewport):
    page.set_viewport_size(viewport)
    page.context.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(demo + DEBATE)
    page.wait_for_selector("div.mermaid svg", timeout=20_000)
    labels = page.evaluate(MAP_LABELS)
    assert any("ISO Steering Committee" in label["label"] for label in labels)
    assert [label for label in labels if label["out"] > 1] == []
