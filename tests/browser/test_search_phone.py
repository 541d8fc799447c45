"""A reader searches the demo archive on a phone, by touch or by keyboard: the header's field leads to the results,
the results come first with the filters folded behind one button, nothing runs off the side of the screen, every
control is big enough to tap, and a result lands on its paragraph."""

from __future__ import annotations

import re

import pytest

from .conftest import search
from .test_accessibility import barriers, focused, tab_to

pytestmark = pytest.mark.browser

PHONES = {"390x844": {"width": 390, "height": 844}, "360x740": {"width": 360, "height": 740}}
RESULTS = "search/?q=bureaucracy"
FOUND = "html[data-archive-results='7']"

TAP_TARGET = 44
"""Apple's and WCAG 2.5.5's size of a target for a finger, in CSS pixels."""

TARGETS = [
    "#archive-search-query", "#archive-results-query", ".archive-results__form button", ".archive-results__toggle",
    ".archive-facet label", ".archive-results__done", ".archive-results__list .archive-result__link",
    ".archive-results__list .archive-hit__link",
]
"""What a reader taps on the results page, with its filters open."""


@pytest.fixture(params=PHONES.values(), ids=PHONES.keys())
def phone(browser, request):
    """A page in a phone's window: small, touched, with a phone's viewport rules."""
    context = browser.new_context(viewport=request.param, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    yield page
    context.close()


def overflowing(page) -> list[str]:
    """The visible elements that reach past the right edge of the window, or the page's own width if wider."""
    return page.evaluate("""() => {
        const wide = [...document.querySelectorAll("body *")].filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width && box.height && box.right > innerWidth + 0.5
              && getComputedStyle(element).visibility !== "hidden";
        }).map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
        const page = document.documentElement.scrollWidth;
        return page > innerWidth ? [`the page, ${page} px in ${innerWidth}`, ...wide] : wide;
    }""")


def too_small(page, selectors: list[str]) -> list[str]:
    """The visible elements matching `selectors` less than a finger's target high or wide."""
    return page.evaluate("""([selectors, size]) => selectors.flatMap((selector) =>
        [...document.querySelectorAll(selector)].filter((element) => element.getClientRects().length).map((element) => {
            const box = element.getBoundingClientRect();
            const name = `${selector} "${element.textContent.trim().slice(0, 30)}"`;
            return box.width < size || box.height < size
              ? `${name}: ${Math.round(box.width)}×${Math.round(box.height)}` : null;
        }).filter(Boolean))""", [selectors, TAP_TARGET])


def open_results(page, demo: str, path: str = RESULTS) -> None:
    page.goto(demo + path)
    page.wait_for_selector("html[data-archive-results]")


def test_on_a_phone_the_results_come_first_and_the_filters_wait_behind_a_button(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    toggle = phone.locator(".archive-results__toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator("fieldset[data-facet=kind]").is_visible()
    first = phone.locator(".archive-results__list .archive-result").first.bounding_box()
    assert first["y"] + 100 < phone.viewport_size["height"], "the first result starts in the first screen"
    assert overflowing(phone) == []


def test_on_a_phone_nothing_on_the_results_page_runs_off_the_screen(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    phone.locator(".archive-results__toggle").tap()
    phone.locator("fieldset[data-facet=topic]").wait_for()
    assert overflowing(phone) == []
    snippets = phone.locator(".archive-results__list .archive-hit__snippet")
    assert snippets.count() >= 7
    clipped = snippets.evaluate_all("all => all.filter((s) => s.scrollWidth > s.clientWidth + 1 || s.getClientRects()"
                                    "[0].right > innerWidth).map((s) => s.textContent.slice(0, 40))")
    assert clipped == []


def test_on_a_phone_every_control_of_the_results_is_big_enough_to_tap(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    phone.locator(".archive-results__toggle").tap()
    phone.locator("fieldset[data-facet=kind]").wait_for()
    assert phone.locator(".archive-facet label").count() >= 10
    assert too_small(phone, TARGETS) == []


def test_on_a_phone_a_reader_narrows_the_results_by_tap_and_goes_back_to_them(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    toggle = phone.locator(".archive-results__toggle")
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.locator("fieldset[data-facet=kind] label", has_text="essay").tap()
    phone.wait_for_url("**/search/?q=bureaucracy&kind=essay")
    phone.wait_for_selector("html[data-archive-results='1']")
    assert toggle.inner_text() == "Filters (1 chosen)"
    assert phone.locator("fieldset[data-facet=kind] input[value=essay]").is_checked(), "the filters stay open"
    done = phone.locator(".archive-results__done")
    assert done.inner_text() == "Show 1 document"
    done.tap()
    assert toggle.get_attribute("aria-expanded") == "false" and focused(phone, ".archive-results__toggle")
    titles = phone.locator(".archive-results__list .archive-result__link")
    assert titles.all_inner_texts() == ["Road maps, dead ends, & the search for fresh ground"]
    assert titles.first.bounding_box()["y"] < phone.viewport_size["height"]


def test_on_a_phone_a_keyboard_reader_opens_the_filters_and_ticks_one(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    phone.locator("#archive-results-query").focus()
    tab_to(phone, ".archive-results__toggle", limit=5)
    phone.keyboard.press("Enter")
    tab_to(phone, "fieldset[data-facet=kind] input[value=essay]", limit=10)
    phone.keyboard.press("Space")
    phone.wait_for_url("**/search/?q=bureaucracy&kind=essay")
    phone.wait_for_selector("html[data-archive-results='1']")
    assert focused(phone, "fieldset[data-facet=kind] input[value=essay]"), "the focus stays on the box ticked"
    phone.keyboard.press("Escape")
    assert focused(phone, ".archive-results__toggle")
    assert not phone.locator("fieldset[data-facet=kind]").is_visible()
    tab_to(phone, ".archive-results__list .archive-result__link", limit=3)


def test_on_a_phone_a_query_cleared_leaves_no_filters_behind(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    phone.locator(".archive-results__toggle").tap()
    phone.locator("fieldset[data-facet=kind]").wait_for()
    phone.locator("#archive-results-query").fill("")
    phone.locator(".archive-results__form button").tap()
    phone.wait_for_url("**/search/")
    assert phone.locator(".archive-results__status").inner_text() == "Type words to search the archive."
    assert not phone.locator(".archive-results__toggle").is_visible()
    assert not phone.locator(".archive-results__facets").is_visible()


def test_on_a_phone_the_results_page_has_no_serious_barrier(demo, phone):
    open_results(phone, demo)
    phone.wait_for_selector(FOUND)
    assert barriers(phone) == []
    phone.locator(".archive-results__toggle").tap()
    phone.locator("fieldset[data-facet=kind]").wait_for()
    assert barriers(phone) == []


@pytest.mark.parametrize("query", ["bureaucracy", '"workers democracy"'], ids=["word", "phrase"])
def test_on_a_phone_the_header_field_leads_to_the_results(demo, phone, query):
    phone.goto(demo)
    box = phone.locator("#archive-search-query")
    box.tap()
    popup = search(phone, query)
    assert "found" in popup
    assert overflowing(phone) == []
    assert too_small(phone, [".archive-search__popup a"]) == []
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/search/?q=*")
    phone.wait_for_selector("html[data-archive-results]")
    assert phone.locator("#archive-results-query").input_value() == query
    assert re.fullmatch(r"[1-9]\d* documents? found", phone.locator(".archive-results__status").inner_text())
    assert phone.locator(".archive-results__list .archive-result").first.is_visible()


@pytest.mark.parametrize("where", ["results page", "header"])
def test_on_a_phone_a_result_lands_on_its_paragraph_below_the_header(demo, phone, where):
    if where == "header":
        phone.goto(demo)
        phone.locator("#archive-search-query").tap()
        search(phone, "bureaucracy")
        hits = phone.locator(".archive-search__popup .archive-hit__link")
    else:
        open_results(phone, demo)
        phone.wait_for_selector(FOUND)
        hits = phone.locator(".archive-results__list .archive-hit__link")
    hits.filter(has_text="¶10").tap()
    phone.wait_for_url("**/readings/myasnikov-workers-group-manifesto/#p10")
    paragraph = phone.locator("#p10")
    assert paragraph.evaluate("el => el.matches(':target') && getComputedStyle(el).animationName") == "archive-landing"
    header = phone.locator(".md-header").bounding_box()
    top = paragraph.bounding_box()["y"]
    assert header["y"] + header["height"] <= top < phone.viewport_size["height"] / 2


SAFARI_LINKS = """document.addEventListener("mousedown", (event) => {
    if (!event.target.closest?.("a")) return;
    event.preventDefault();
    document.activeElement?.blur();
}, true);"""
"""Safari's way with a link tapped or clicked: the focus leaves what had it and goes to no link."""


def test_on_a_phone_a_result_tapped_in_the_header_field_opens_in_safari_too(demo, phone):
    phone.context.add_init_script(SAFARI_LINKS)
    phone.goto(demo)
    phone.locator("#archive-search-query").tap()
    search(phone, "bureaucracy")
    phone.locator(".archive-search__popup .archive-hit__link", has_text="¶10").tap()
    phone.wait_for_url("**/readings/myasnikov-workers-group-manifesto/#p10")
