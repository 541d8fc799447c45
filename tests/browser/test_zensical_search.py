"""A reader searches the demo built with Zensical as they search the MkDocs build: the header's field, the results
page, a hit that opens its paragraph, all under the page's Content-Security-Policy."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from collections.abc import Iterator

import pytest

from study_archive.adapters.cli import main

from .conftest import ROOT, search, served
from .test_accessibility import barriers
from .test_search import console_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                       reason="zensical is not installed: `bash scripts/setup test` installs the test extra"),
]


@pytest.fixture(scope="module")
def zensical_demo(tmp_path_factory) -> Iterator[str]:
    """The demo archive built with `archive build --engine zensical`, served; its base URL."""
    out = tmp_path_factory.mktemp("zensical")
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        status = main(["build", str(ROOT), "--engine", "zensical", "--out", str(out)])
    assert status == 0, output.getvalue()
    with served(out / "site") as url:
        yield url


def test_the_header_field_leads_to_the_results_and_a_hit_to_its_paragraph(zensical_demo, page):
    errors = console_errors(page)  # A script the policy refused would show here.
    page.goto(zensical_demo + "glossary/")
    assert "Road maps, dead ends" in search(page, "newspaper")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=newspaper")
    page.wait_for_selector("html[data-archive-results]")
    assert page.locator("#archive-results-query").input_value() == "newspaper"
    result = page.locator(".archive-results__list .archive-result", has_text="Road maps, dead ends")
    hit = result.locator(".archive-hit__link", has_text="¶6")
    assert "newspaper" in hit.locator("mark").first.inner_text().lower()
    hit.click()
    page.wait_for_url("**/readings/damage-road-maps/#p6")
    paragraph = page.locator("#p6")
    assert paragraph.evaluate("el => el.matches(':target') && el.hasAttribute('data-paragraph')")
    assert "newspaper" in paragraph.inner_text()
    assert paragraph.evaluate("el => getComputedStyle(el).animationName") == "archive-landing"
    assert errors == []


def test_the_404_page_searches_from_the_site_root(zensical_demo, page):
    # A host serves its 404 page at whatever address was asked for; the test server only at its own.
    not_found = page.request.get(zensical_demo + "404.html").text()
    page.route("**/no/such/page/", lambda route: route.fulfill(status=404, body=not_found, content_type="text/html"))
    page.goto(zensical_demo + "no/such/page/")
    search(page, "newspaper")
    page.keyboard.press("Enter")
    page.wait_for_url(zensical_demo + "search/?q=newspaper")
    page.wait_for_selector("html[data-archive-results]")
    assert "Road maps, dead ends" in page.inner_text(".archive-results__list")


def test_the_field_and_the_results_page_have_no_serious_barrier(zensical_demo, page):
    page.goto(zensical_demo, wait_until="networkidle")
    assert "Road maps, dead ends" in search(page, "newspaper")
    assert barriers(page) == []
    page.goto(zensical_demo + "search/?q=newspaper")
    page.locator(".archive-results__list .archive-hit__link").first.wait_for()
    assert barriers(page) == []
