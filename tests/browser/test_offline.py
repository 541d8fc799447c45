"""A reader unpacks the demo's offline copy and opens it from the file system: the main navigation opens pages,
not folder listings, a text's notes open, a debate's map is drawn, and search finds a paragraph."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from study_archive.outputs.offline import FOLDER, OFFLINE_URI

from .conftest import search
from .test_debate_map import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The demo's offline copy, downloaded from its home page and unpacked: its `index.html`."""
    folder = tmp_path_factory.mktemp("offline")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(folder / "site")))
    with zipfile.ZipFile(folder / "site" / OFFLINE_URI) as archive:
        archive.extractall(folder / "unpacked")
    return folder / "unpacked" / FOLDER / "index.html"


@pytest.fixture
def reader(browser) -> Iterator:
    """A page in a browser that reaches nothing but files, with a list of the errors its scripts meet and the
    files it could not load."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort())
    context.add_init_script(OPEN_SHADOW_ROOTS)  # Material draws a map in a closed shadow root.
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if _counts(message) else None)
    page.on("requestfailed", lambda request: page.errors.append(f"could not load {request.url}: {request.failure}")
            if not _sitemap(request.url) and request.failure != "net::ERR_ABORTED" else None)  # Aborted: left.
    yield page
    context.close()


def _sitemap(url: str) -> bool:
    """Material asks for a `sitemap.xml` beside each page's feed link, taking it for a language version; from files
    the browser refuses, and Material goes on without it (served, it is a 404 the same way)."""
    return url.endswith("/sitemap.xml")


def _counts(message) -> bool:
    """A console error other than the refused sitemap; a file that fails to load is counted by its address."""
    return (message.type == "error" and "sitemap.xml" not in message.text
            and not message.text.startswith("Failed to load resource"))


def open_tab(page, name: str, address: str) -> None:
    page.locator(".md-tabs__link", has_text=name).click()
    page.wait_for_url(f"**/{address}")
    assert page.locator(".md-content h1").first.is_visible()  # A page of the archive, not a listing of files.


def test_the_main_navigation_opens_pages_and_a_note_opens(copy, reader):
    page = reader
    page.goto(copy.as_uri())
    assert page.locator('a[href="archive-offline.zip"]').count() == 1  # The home page offers the copy.
    open_tab(page, "Library", "readings/index.html")
    page.locator("main a", has_text="The New Course").first.click()
    page.wait_for_url("**/readings/trotsky-new-course/index.html")
    assert page.locator("#p4").is_visible()
    assert page.locator("#side-note-1").is_visible()  # Styles and scripts load: the notes sit in the margin.
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("#noteref-1")
    popover = page.locator("#archive-popover")
    popover.wait_for(state="visible")
    assert popover.inner_text().strip()
    page.set_viewport_size({"width": 1440, "height": 900})
    open_tab(page, "Curricula", "curricula/index.html")
    page.locator("main a", has_text="Organization, democracy").first.click()
    page.wait_for_url("**/curricula/organization-democracy-debate/index.html")
    open_tab(page, "Debates", "debates/index.html")
    page.locator("main a", has_text="freedom of the press").first.click()
    page.wait_for_url("**/debates/freedom-of-the-press-1921/index.html")
    page.wait_for_selector("div.mermaid svg", timeout=20_000)  # The vendored Mermaid draws the map from files.
    page.locator("div.mermaid svg a").first.click()
    page.wait_for_url("**/index.html*")
    assert page.errors == []


def test_search_finds_a_paragraph_and_opens_it(copy, reader):
    page = reader
    page.goto(copy.as_uri())
    assert "¶" in search(page, "micro-sect")
    hit = page.locator(".archive-hit__link", has_text="¶").first
    href = hit.get_attribute("href")
    assert "/index.html#p" in href
    hit.click()
    page.wait_for_url(href)
    anchor = href.rpartition("#")[2]
    assert page.locator(f"#{anchor}").evaluate("el => el.matches(':target')")
    # The results page, from the search form, works from files too.
    page.locator("#archive-search-query").fill("bureaucratism")
    page.locator("#archive-search-query").press("Enter")
    page.wait_for_url("**/search/index.html?q=bureaucratism")
    page.locator(".archive-hit__link").first.wait_for()
    assert page.errors == []
