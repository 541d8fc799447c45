"""The importers' Markdown: the source's words shown as written, and Muse's markup read as Amusewiki reads it."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from study_archive.model.imports.edition import escape_markdown, exact_date, first_year, language_code
from study_archive.model.imports.muse import read_muse

MARKUP = "*_`[]()<>&#!-+.=|{}:^\\~ \n1aZ"


def shown(source: str) -> str:
    """The text a reader sees of Markdown rendered as the archive renders texts (footnotes, tables, attribute lists)."""
    rendered = markdown.markdown(source, extensions=["footnotes", "tables", "attr_list", "abbr"])
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(MARKUP), max_size=40))
@example("|\n|")  # Two lines of pipes alone: a table of empty cells to the tables extension.
@example("a | b\n-|-")
def test_escaped_text_is_shown_exactly_as_written(text):
    assert shown(escape_markdown(text)) == " ".join(text.split())


def test_escaped_text_makes_no_markup():
    source = escape_markdown("# not a heading\n1. not a list\n> not a quote\n<b>not bold</b> [[not-a-reference]] "
                             "*not em* {: onclick=\"x\" } [^1]")
    rendered = markdown.markdown(source, extensions=["footnotes", "attr_list"])
    assert re.findall(r"<(\w+)", rendered) == ["p"]


def test_dates_years_and_languages_are_read_from_words():
    assert first_year("March 1902, in pamphlet form") == 1902
    assert str(exact_date("8 December 1923, in Pravda")) == "1923-12-08"
    assert str(exact_date("December 8, 1923")) == "1923-12-08"
    assert exact_date("December 1923") is None and exact_date("31 February 1923") is None
    assert (language_code("translated from the Russian"), language_code("de-AT"), language_code("??")) == ("ru", "de", None)


def test_muse_markup_becomes_markdown():
    edition = read_muse("#title T\n#author A\n#notes Translated from the French by Jo Example.\n\n"
                        "** Only second-level headings\n\n*** A third\n\n"
                        "Text with *em*, **strong**, =a*b=, <em>tagged</em>, x<sup>2</sup>, a note[2] and a "
                        "secondary one{1}, [[https://example.org][a link]] and [[local-page][a page]].\n\n"
                        "      Centred by indentation.\n\n"
                        " term :: its definition\n\n"
                        "a || b\n1 | 2\n|+ A caption +|\n\n"
                        "<example>\n*kept* as [code]\n</example>\n\n"
                        "> A verse line\n> and its *second*\n\n"
                        "[2] Note two.\n\n{1} A secondary note.\n")
    assert edition.body.split("\n\n") == [
        "## Only second-level headings", "### A third",
        "Text with *em*, **strong**, `a*b`, *tagged*, x<sup>2</sup>, a note[^2] and a secondary one[^s1], "
        "[a link](https://example.org) and a page.",
        "Centred by indentation.", "- **term**: its definition",
        "A caption", "| a | b |\n|---|---|\n| 1 | 2 |",
        "```\n*kept* as [code]\n```", "A verse line  \nand its *second*"]
    assert edition.footnotes == [("2", "Note two."), ("s1", "A secondary note.")]
    assert (edition.original_language, edition.translator) == ("fr", "Jo Example")
    assert any("centring" in lost for lost in edition.lost) and any("definition lists" in lost for lost in edition.lost)
