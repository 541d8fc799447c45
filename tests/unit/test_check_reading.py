"""`archive check` reads each body once: the outline and the page's render come from one parse.

The check's `PageReader` parses a body with a page converter and reads the outline from that tree, then renders on
from it. These tests hold it to the catalog's own reader (the same outline) and to a full `convert` (the same
problems), on the bodies where the two readings could part: code, footnotes, raw HTML, abbreviations, admonitions.
"""

from __future__ import annotations

import pytest

from study_archive.renderer.check import PageReader
from study_archive.renderer.pipeline import ArchiveExtensions, markdown_for
from study_archive.renderer.reading import reader_for

from .test_one_reading import PLACEMENTS, SITE, _Nothing

BODIES = {
    **PLACEMENTS,
    "two footnotes, one reference twice": "A[^a] and [[x]] and B[^b].\n\n[^a]: On [[x]].\n[^b]: And `[[y]]`, [[y]].",
    "a footnote with raw HTML": 'Text[^1].\n\n[^1]: <span onclick="x()">[[x]]</span> and [[y]].',
    "an abbreviation": "The ILP met.\n\n*[ILP]: Independent Labour Party\n\nSee [[x]].",
    "headings and a rule": "# One\n\nText [[x]].\n\n---\n\n## Two\n\n> Quote.\n\n## Two",
    "link definitions": "See [the text][t] and [[x]].\n\n[t]: https://example.org/t",
    "markdown in HTML": '<div markdown="1">\nInside [[x]].\n\n- a list\n</div>\n\nAfter.',
    "blank": "   \n\n",
}

HOSTILE = {
    "a script": "Before.\n\n<script>alert(1)</script>\n\nAfter.",
    "an event handler": 'A <b onmouseover="x()">bold</b> word.',
    "a javascript link": "A [link](javascript:alert(1)) and ![image](https://elsewhere.example/i.png).",
    "an attribute list": "A paragraph.\n{: onclick=\"x()\" style=\"background: url(https://t.example/)\" }",
    "raw HTML in a footnote": 'Text[^1].\n\n[^1]: <iframe src="https://x.example"></iframe> and <font>old</font>.',
    "escapes and code beside a real one": 'Escaped \\<b onclick="x()"> and `<i onclick="y()">`, then <b onclick="z()">b</b>.',
    "a heading with an attribute": "## A heading {: onclick=\"x()\" }\n\nText\\* with an escape.",
    "nothing wrong": "Just a paragraph, and [[x]].",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_checks_reader_reads_the_outline_the_catalog_reads(body):
    assert PageReader(SITE, ArchiveExtensions(marks=False)).outline(body) == reader_for(SITE).outline(body)


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_rendering_on_from_the_kept_parse_finds_what_a_whole_render_finds(body):
    kept = ArchiveExtensions(marks=False)
    kept.bind(_Nothing())
    reader = PageReader(SITE, kept)
    reader.outline(body)
    reader.render(body)

    whole = ArchiveExtensions(marks=False)
    whole.bind(_Nothing())
    markdown_for(SITE, whole).convert(body)

    expected = whole.take_problems()
    assert kept.take_problems() == expected
    assert bool(expected) == (body != HOSTILE["nothing wrong"])  # The comparison has something to compare.


def test_each_kept_parse_is_rendered_once_and_a_body_without_one_from_the_start():
    extensions = ArchiveExtensions(marks=False)
    extensions.bind(_Nothing())
    reader = PageReader(SITE, extensions)
    body = "<script>x</script>\n\nText."
    reader.outline(body)
    for _ in range(2):  # The second render has no kept parse left: it parses the body again, with the same result.
        reader.render(body)
        assert [problem.message for problem in extensions.take_problems()] == ["removed a <script> element"]
