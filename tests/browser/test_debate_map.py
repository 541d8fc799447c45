"""A reader opens a debate in a real browser: the map is drawn offline as SVG, and its boxes lead to the pieces."""

from __future__ import annotations

import pytest

from .conftest import served

pytestmark = pytest.mark.browser

# Material draws a diagram inside a closed shadow root, which no script can look into; opening it
# changes nothing a reader sees and lets the test read the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""

DEBATE = """
    readings/reply.md
    | ---
    | title: A reply to "The New Course"
    | year: 1924
    | summary: S.
    | rights: public-domain
    | responds_to: ["new-course#p2"]
    | ---
    | The reply.
    content/debates/d.md
    | ---
    | title: A debate
    | question: Who is right?
    | pieces:
    |   - text: new-course
    |     position: A minority may be right.
    |     claims: [Discipline is not enough.]
    |   - text: reply
    |     position: The majority decides.
    |     claims: [Unity first.]
    |   - id: letter
    |     title: A letter on the reply
    |     author: A reader
    |     responds_to: [reply]
    |     position: Both have a point.
    |     claims: [Read them together.]
    | ---
    | A neutral framing.
    """


@pytest.fixture
def debate_page(library, page):
    library.files(DEBATE)
    library.build()
    page.context.add_init_script(OPEN_SHADOW_ROOTS)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with served(library.site) as url:
        page.goto(url + "debates/d/")
        page.wait_for_selector("div.mermaid svg", timeout=20_000)
        yield page, url, requests


def test_the_map_is_drawn_as_svg_with_the_local_copy_of_mermaid(debate_page):
    page, url, requests = debate_page
    svg = page.locator("div.mermaid svg")
    assert svg.count() == 1
    assert svg.locator("title").first.text_content() == "Map of replies"  # Named for screen readers.
    assert page.locator("pre.mermaid").count() == 0  # Replaced by the drawing.
    labels = [" ".join(label.split()) for label in svg.locator(".nodeLabel").all_inner_texts()]  # Lines joined.
    assert any('A reply to "The New Course"' in label for label in labels)  # Entities decoded, quotes intact.
    assert svg.locator(".edgeLabel").all_inner_texts().count("¶2") == 1
    assert svg.locator("g.edgePaths path, .flowchart-link").count() == 2
    assert url + "assets/archive/vendor/mermaid.min.js" in requests
    assert all(request.startswith(url) for request in requests), "the page asked another host"


def test_the_boxes_of_the_map_lead_to_the_pieces(debate_page):
    page, url, _ = debate_page
    links = page.locator("div.mermaid svg a").evaluate_all(
        "links => links.map(link => [link.textContent, link.getAttribute('xlink:href') || link.getAttribute('href')])")
    titles = {href: text for text, href in links}  # A box reads its title, then its byline.
    assert set(titles) == {"../../readings/new-course/", "../../readings/reply/", "#piece-letter"}
    assert titles["../../readings/new-course/"].startswith("The New Course")
    assert titles["../../readings/reply/"].startswith('A reply to "The New Course"')
    assert titles["#piece-letter"].startswith("A letter on the reply")
    page.locator("div.mermaid svg a", has_text="The New Course").first.click()
    page.wait_for_url("**/readings/new-course/")
    assert page.locator("h1").inner_text() == "The New Course"
