"""A reader compares two versions of a work: side by side on a desktop, one at a time with a switch on a phone."""

from __future__ import annotations

import random

import pytest

from .conftest import served
from .test_accessibility import barriers

pytestmark = pytest.mark.browser

PARAGRAPHS = 6


def generated(seed: int, words: list[str]) -> list[str]:
    """Paragraphs of generated words, of uneven lengths, so that rows must stretch to line up."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(20, 140))).capitalize() + "."
            for _ in range(PARAGRAPHS)]


def version(title: str, language: str, paragraphs: list[str], extra: str = "") -> str:
    body = "\n|\n".join(f"| {paragraph}" for paragraph in paragraphs)
    return (f"| ---\n| title: {title}\n| summary: Generated for a test.\n| rights: public-domain\n"
            f"| language: {language}\n{extra}| ---\n{body}\n")


@pytest.fixture
def site(archive):
    english = generated(1, ["party", "question", "minority", "vote", "opinion", "branch", "meeting", "course"])
    other = generated(2, ["partei", "frage", "minderheit", "stimme", "meinung", "gruppe", "sitzung", "kurs"])
    archive.files("readings/first.md\n" + version("First version", "en", english)
                  + "readings/second.md\n" + version("Second version", "de", other,
                                                     "| translator: A. Translator\n| version_of: first\n"))
    archive.build()
    with served(archive.site) as url:
        yield url


def test_on_a_wide_screen_paragraph_n_stands_beside_paragraph_n(site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(site + "readings/first/")
    page.get_by_role("link", name="side by side with this version").click()
    page.wait_for_url("**/readings/first/compare/second/")
    assert not page.locator(".archive-compare__switch").is_visible()
    for number in range(1, PARAGRAPHS + 1):
        left, right = page.locator(f"#l-p{number}"), page.locator(f"#r-p{number}")
        assert left.is_visible() and right.is_visible()
        left_box, right_box = left.bounding_box(), right.bounding_box()
        assert left_box["x"] + left_box["width"] <= right_box["x"]  # Beside, not below.
        assert abs(left_box["y"] - right_box["y"]) < 2  # Each row starts both paragraphs at one height.
    assert page.locator("#r-p1").get_attribute("lang") is None  # The column carries the language:
    assert page.locator("#r-p1").locator("xpath=..").get_attribute("lang") == "de"


def test_on_a_phone_one_version_shows_and_a_switch_changes_it(site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "readings/first/compare/second/")
    switch = page.locator(".archive-compare__switch")
    assert switch.is_visible()
    assert page.locator("#l-p3").is_visible() and not page.locator("#r-p3").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # One column: nothing runs off the side of the screen.
    page.get_by_label("de: Second version").check()
    assert page.locator("#r-p3").is_visible() and not page.locator("#l-p3").is_visible()
    page.get_by_label("en: First version").check()
    assert page.locator("#l-p3").is_visible()


def test_the_text_page_offers_the_other_language(site, page):
    page.goto(site + "readings/second/")
    assert page.locator(".archive-versions").inner_text().startswith("Other versions")
    page.get_by_role("link", name="First version").click()
    page.wait_for_url("**/readings/first/")
    assert "Second version" in page.locator(".archive-versions").inner_text()


@pytest.mark.parametrize("width", [1440, 390])
def test_the_side_by_side_page_has_no_serious_barrier(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("readings/first/compare/second/", "readings/second/"):
        page.goto(site + path)
        # The test site wears plain Material, whose footer the demo's overrides darken: only the archive's own
        # elements are ours to answer for here.
        found = [barrier for barrier in barriers(page) if ".md-copyright" not in barrier]
        assert found == [], "\n".join(found)
