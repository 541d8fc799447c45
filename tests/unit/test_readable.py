"""Snippets read as the page does: `readable` takes inline Markdown to the text Python-Markdown renders."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
import pytest

from study_archive.renderer.reading import readable

CASES = [
    "The *Latest Deception* of **the party**.",
    "snake_case_word and _emph_ here",
    "a `code *x*` span and ``two `ticks` inside``",
    'See [the text](http://example.org "title") and ![a picture](i.png).',
    "A [reference-style link][ref] in running text.",
    r"Escaped \*stars\* and \_underscores\_ stay as written.",
    "2 * 3 * 4 = 24, and a lone _ underscore.",
    "<em>raw</em> HTML &amp; entities, and <https://example.org/a>.",
    "***both*** and *a **b** c* and __strong__ words.",
    "Quotes ‘curly’ and “double”, dashes — and accents: Mâle Ölçü.",
    "no marks at all",
]


def rendered_text(text: str) -> str:
    """What a reader gets of `text` rendered by Python-Markdown: the paragraph's text, tags taken away, an image
    read by its alternative text (as a screen reader reads it)."""
    page = etree.fromstring(f"<div>{markdown.markdown(text + chr(10) * 2 + '[ref]: http://example.org')}</div>")
    for image in page.iter("img"):
        image.text = image.get("alt")
    return html.unescape("".join(page.itertext())).strip()


@pytest.mark.parametrize("text", CASES)
def test_a_snippet_reads_as_the_rendered_paragraph(text):
    assert readable(text) == rendered_text(text)


def test_text_without_marks_is_returned_as_it_is():
    text = "Plain words, commas; and full stops."
    assert readable(text) is text


def test_markup_left_in_snippets_would_be_caught():
    assert rendered_text("*a*") != "*a*" and re.search(r"[*_`]", readable("*a* _b_ `c`")) is None
