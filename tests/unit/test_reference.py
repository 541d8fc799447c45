"""The cross-reference syntax, found in Markdown outside code."""

from __future__ import annotations

from study_archive.model.reference import Reference, parse_reference, scan_references


def test_every_part_of_a_reference_is_parsed():
    assert parse_reference("person:draper#early-life|Hal Draper") == Reference(
        "draper", "person", "early-life", "Hal Draper")
    assert parse_reference("trotsky-new-course") == Reference("trotsky-new-course")
    assert parse_reference(" x#p4 ").written == "x#p4"


def test_references_are_found_with_their_line_and_column():
    body = "First line.\nSee [[a]] and [[term:b|B]].\n"
    found = list(scan_references(body, first_line=5))
    assert [(r.id, r.line, r.column) for r in found] == [("a", 6, 5), ("b", 6, 15)]


def test_code_spans_and_fences_are_skipped():
    body = "Write `[[x]]`.\n\n```\n[[y]]\n```\n\n~~~~\n```\n[[z]]\n~~~~\n[[w]]\n"
    assert [r.id for r in scan_references(body)] == ["w"]


def test_links_are_not_references_but_an_empty_reference_is_found_to_be_reported():
    assert list(scan_references("A [link](x.md) and [[ ]] [not] [[a\nb]]")) == [Reference("", line=1, column=20)]


def test_counts_take_the_noun_in_the_right_number():
    from study_archive.model.problem import counted, paragraphs_hint

    assert [counted(1, "paragraph"), counted(3, "paragraph"), counted(1200, "word"), counted(2, "person", "people")] == [
        "1 paragraph", "3 paragraphs", "1,200 words", "2 people"]
    assert paragraphs_hint(0) == "it has no numbered paragraphs: link the text itself, or a heading of it"
    assert paragraphs_hint(1) == "it has 1 paragraph, numbered 1: point at paragraph 1, or at the text itself"
