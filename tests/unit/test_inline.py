"""The inline pass's shortcut for plain text changes nothing: every page comes out as Python-Markdown writes it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from study_archive.model.site import Site
from study_archive.renderer.inline import InlineExtension, _Inline, _known
from study_archive.renderer.pipeline import ArchiveExtensions, markdown_for

ROOT = Path(__file__).resolve().parents[2]
SITE = Site.load(ROOT)

# Pieces that start, end or almost make every inline construct, mixed with plain words.
PIECES = ["word", " ", "\n", "  \n", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "![", "[^1]", "[[x]]",
          "<b>", "</b>", "<http://a.example/>", "<a@b.example>", "&amp;", "&#35;", "&", "!", "^", ":", "'", "\"", "é"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
CONSTRUCTS = ["*word*", "**word**", "_word_", "__word__", "`code`", "\\*", "[a](b)", "![a](b)", "[a][b]\n\n[b]: c",
              "<b>x</b>", "<http://a.example/>", "<a@b.example>", "&amp;", "&#35;", "line  \nbreak",
              "a[^1]\n\n[^1]: a note", "[[x]]", "plain words, and more: nothing to do"]


def _converter(shortcut: bool) -> markdown.Markdown:
    md = markdown_for(SITE, ArchiveExtensions())
    if not shortcut:
        inline = md.treeprocessors["inline"]
        inline.run = lambda tree, ancestors=None: markdown.treeprocessors.InlineProcessor.run(inline, tree, ancestors)
    return md


CONVERTERS = {True: _converter(True), False: _converter(False)}


def converted(text: str, shortcut: bool) -> str:
    return CONVERTERS[shortcut].reset().convert(text)


def test_the_sites_pipeline_takes_the_shortcut():
    md = markdown_for(SITE, ArchiveExtensions())
    assert isinstance(md.treeprocessors["inline"], _Inline)
    assert all(_known(pattern) for pattern in md.inlinePatterns), "a pattern unknown to the shortcut turns it off"


@pytest.mark.parametrize("text", CONSTRUCTS)
def test_each_inline_construct_comes_out_the_same(text):
    assert converted(text, shortcut=True) == converted(text, shortcut=False)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_with_or_without_the_shortcut_a_page_is_the_same(text):
    assert converted(text, shortcut=True) == converted(text, shortcut=False)


def test_an_unknown_pattern_turns_the_shortcut_off():
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=[InlineExtension()])
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(\+\+)(.+?)\+\+", "ins"), "ins", 1)
    assert md.convert("a ++plain++ word") == "<p>a <ins>plain</ins> word</p>"
