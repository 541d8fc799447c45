"""Finding a phrase in a rendered element, across inline markup and runs of whitespace."""

import xml.etree.ElementTree as etree

from study_archive.renderer.textspan import find_phrase, wrap_span


def paragraph(markup: str) -> etree.Element:
    return etree.fromstring(f"<p>{markup}</p>")


def read(span) -> list[str]:
    return [getattr(piece.node, piece.attribute)[piece.start:piece.end] for piece in span.pieces]


def test_a_phrase_runs_through_emphasis_and_whitespace_runs_read_as_one_space():
    element = paragraph("They built  the <em>model\n   Bolshevik</em>  party, the model Bolshevik.")
    spans = find_phrase(element, "the model Bolshevik")
    assert [read(span) for span in spans] == [["the ", "model\n   Bolshevik"], ["the model Bolshevik"]]


def test_whitespace_at_the_start_of_a_node_after_a_space_reads_as_nothing():
    element = paragraph("one <em>  two</em>   three")
    (span,) = find_phrase(element, "one two three")
    assert read(span) == ["one ", "  two", "   three"]


def test_case_is_ignored_letter_for_letter_so_places_after_a_sharp_s_stay_right():
    element = paragraph("Maß und Zahl: die <b>Straße</b> der Zahl")
    spans = find_phrase(element, "ZAHL", ignore_case=True, whole_words=True)
    assert [read(span) for span in spans] == [["Zahl"], ["Zahl"]]
    assert [read(span) for span in find_phrase(element, "straße", ignore_case=True)] == [["Straße"]]


def test_whole_words_leave_a_phrase_inside_a_longer_word():
    element = paragraph("theory, the ory, other theory")
    assert [read(span) for span in find_phrase(element, "theory", whole_words=True)] == [["theory"], ["theory"]]
    assert len(find_phrase(element, "the", whole_words=True)) == 1


def test_wrapping_a_span_keeps_the_text_around_it():
    element = paragraph("a <em>b c</em> d")
    (span,) = find_phrase(element, "a b")
    wrap_span(element, span, lambda index: etree.Element("mark"))
    assert etree.tostring(element, encoding="unicode") == "<p><mark>a </mark><em><mark>b</mark> c</em> d</p>"
