"""The checker and the page read Markdown the same way: the references and anchors one finds, the other renders."""

from __future__ import annotations

import re

import pytest

from study_archive import Site
from study_archive.renderer.pipeline import ArchiveExtensions, markdown_for
from study_archive.renderer.reading import reader_for

SITE = Site(extensions=("abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
                        "pymdownx.superfences"))

PLACEMENTS = {
    "a paragraph": "See [[x]] and [[y#p2|the second]].",
    "a code span": "Write `[[x]]` to link, as in [[y]].",
    "a double-tick span": "Write ``a `[[x]]` b`` and [[y]].",
    "an indented code block": "Prose.\n\n    [[x]] is code here\n\nThen [[y]].",
    "a fenced block": "```\n[[x]]\n```\n\nAfter [[y]].",
    "a fence in a quote": "> ```\n> [[x]]\n> ```\n\nAfter [[y]].",
    "an indented block with a fence marker": "Text.\n\n    ```\n    [[x]]\n\nStill checked: [[y]].",
    "a list and a quote": "- item [[x]]\n- item\n\n> quoted [[y]]",
    "a table": "| a | b |\n|---|---|\n| [[x]] | `[[y]]` |",
    "a heading": "## About [[x|the text]]\n\nBody.",
    "raw HTML": "<div>[[x]] in raw HTML</div>\n\nAnd [[y]].",
    "a footnote": "Text[^1].\n\n[^1]: A note on [[x]].",
    "an admonition": "!!! note\n    Inside [[x]].",
}


@pytest.fixture(scope="module")
def rendering():
    reader = reader_for(SITE)
    extensions = ArchiveExtensions(marks=False)
    md = markdown_for(SITE, extensions)
    return reader, extensions, md


@pytest.mark.parametrize("body", PLACEMENTS.values(), ids=PLACEMENTS.keys())
def test_the_checker_finds_exactly_the_references_the_page_renders(rendering, body):
    reader, extensions, md = rendering
    extensions.bind(_Nothing())  # Nothing resolves: every reference renders as a broken one.
    found = [reference.written for reference in reader.outline(body).references]
    html = md.reset().convert(body)
    rendered = re.findall(r'<span class="archive-ref archive-ref--broken"[^>]*>\[\[([^\]|#]+(?:#[^\]|]*)?)', html)
    assert found == [written.strip() for written in rendered]


def test_each_reference_is_placed_where_it_is_written(rendering):
    reader, _, _ = rendering
    body = "```\n[[x]]\n```\n\nAfter [[x]] and\n`[[y]]` then [[y]]."
    assert [(r.id, r.line, r.column) for r in reader.outline(body).references] == [("x", 5, 7), ("y", 6, 14)]


@pytest.mark.parametrize("heading, anchor", [
    ("## Tom &amp; Jerry", "tom-jerry"),
    ("## A `code` heading", "a-code-heading"),
    ("## <em>Marked</em> up", "marked-up"),
])
def test_heading_anchors_are_the_ones_the_page_gives(rendering, heading, anchor):
    reader, extensions, md = rendering
    extensions.bind(_Nothing())
    assert [h.anchor for h in reader.outline(heading).headings] == [anchor]
    assert f'id="{anchor}"' in md.reset().convert(heading)


class _Nothing:
    """An archive in which no reference resolves."""

    def resolve(self, reference):
        from study_archive.model.catalog import Miss

        return Miss(f"unknown reference '{reference.written}'")
