"""Paragraph numbers are found in the source exactly as the rendered page numbers them."""

from __future__ import annotations

import re

import markdown
import pytest

from study_archive import Site
from study_archive.renderer.pipeline import reader_for
from study_archive.renderer.paragraphs import ParagraphsExtension

EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "pymdownx.superfences"]

SAMPLES = {
    "plain": "One.\n\nTwo.\n\nThree.",
    "headings": "# Title\n\nOne.\n\nSetext\n------\n\nTwo.\n\n### Three\nthree.",
    "lists": "- a\n- b\n\n- c\n\n    continued\n\n1. one\n2. two\n\nAfter.",
    "quotes": "> a\n\n> b\n\nText\n> lazy quote",
    "code and html": "Text.\n\n    indented code\n\n```\nfenced\n\ncode\n```\n\n<div>raw</div>\n\n<em>inline html</em> paragraph.",
    "footnotes and tables": "Text[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n\n    More note.",
    "admonition and rule": "!!! note\n    Inside.\n\nText.\n\n---\n\n*[HTML]: Hyper Text\n\nEnd.",
}


@pytest.mark.parametrize("source", SAMPLES.values(), ids=SAMPLES.keys())
def test_the_core_counts_what_the_page_numbers(source):
    outline = reader_for(Site(extensions=tuple(EXTENSIONS))).outline(source)
    extension = ParagraphsExtension()
    html = markdown.markdown(source, extensions=[*EXTENSIONS, extension])
    assert extension.numbered == len(outline.paragraphs)
    assert re.findall(r'id="p(\d+)"', html) == [str(p.number) for p in outline.paragraphs]


def test_paragraphs_carry_words_and_openings():
    outline = reader_for(Site()).outline("The [[x|New Course]] was written in 1923.\n\n## Part\n\nSecond one.")
    first, second = outline.paragraphs
    assert (first.words, first.opening) == (7, "The New Course was written in 1923.")
    assert outline.headings[0].anchor == "part" and outline.headings[0].before == 1
    assert outline.words == 9
