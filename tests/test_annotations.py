"""Annotated texts: notes in files of their own, highlighted phrases, layers, citations."""

from __future__ import annotations

import re

import pytest

NOTES = """
    readings/notes/context/new-course.md
    | ---
    | author: Tuesday group
    | date: 2026-11-20
    | ---
    |
    | ## p1 "first paragraph"
    |
    | Context for the *first* paragraph, see [[person:trotsky]].
    |
    | ## p3 "quoted third"
    |
    | A note on the quotation.
    readings/notes/discussion/new-course.md
    | ---
    | author: Study Archive editors
    | date: 2026-11-21
    | ---
    |
    | ## p2 "second paragraph"
    |
    | Ask the group about it.
    """


@pytest.fixture
def annotated(library):
    library.files(NOTES)
    return library


def test_phrases_are_highlighted_and_numbered_in_reading_order(annotated, logs):
    annotated.build()
    html = annotated.html("readings/new-course/index.html")
    assert ('The <mark class="archive-mark" data-layer="context" data-note="1" id="mark-1">first paragraph</mark>'
            '<sup class="archive-noteref" data-layer="context"><a aria-label="Context note 1" href="#note-1" id="noteref-1">1</a></sup>.') in html
    assert 'data-layer="discussion" data-note="2" id="mark-2">second paragraph</mark>' in html
    assert 'data-note="3" id="mark-3">quoted third</mark>' in html
    assert "35 annotations" not in " ".join(logs.infos)
    assert any("3 annotations in 2 notes files" in line for line in logs.infos)


def test_notes_are_endnotes_with_layer_author_and_rendered_markdown(annotated):
    annotated.build()
    html = annotated.html("readings/new-course/index.html")
    notes = html[html.index('<section aria-labelledby="editorial-notes"'):]
    assert '<li class="archive-note" data-layer="context" id="note-1" value="1">' in notes
    assert '<a href="#p1">¶1</a> · Context · Tuesday group, 2026-11-20' in notes
    assert "Context for the <em>first</em> paragraph, see" in notes
    assert 'href="../../people/trotsky/">Leon Trotsky</a>' in notes
    assert '<a aria-label="Back to the text" class="archive-note__back" href="#noteref-1">' in notes


def test_the_notes_section_is_not_a_numbered_paragraph(annotated):
    annotated.build()
    html = annotated.html("readings/new-course/index.html")
    assert re.findall(r'data-paragraph="(\d+)"', html) == ["1", "2", "3"]


def test_layer_switches_are_offered_for_each_layer(annotated):
    annotated.build()
    html = annotated.html("readings/new-course/index.html")
    assert '<input type="checkbox" data-layer="context" checked> Context (2)' in html
    assert '<input type="checkbox" data-layer="discussion" checked> Discussion (1)' in html


def test_a_phrase_across_inline_markup_is_marked_in_pieces(library):
    library.files("""
        readings/essay.md
        | ---
        | title: Essay
        | year: 2001
        | summary: S.
        | rights: public-domain
        | ---
        | The party is *not a club* of friends.
        readings/notes/context/essay.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | ## p1 "is not a club of"
        | Why a club?
        """)
    library.build()
    html = library.html("readings/essay/index.html")
    assert ('The party <mark class="archive-mark" data-layer="context" data-note="1" id="mark-1">is </mark>'
            '<em><mark class="archive-mark" data-layer="context" data-note="1">not a club</mark></em>'
            '<mark class="archive-mark" data-layer="context" data-note="1"> of</mark><sup class="archive-noteref"') in html


@pytest.mark.parametrize(("heading", "expected"), [
    ('## p1 "no such words"', "readings/notes/context/new-course.md:5:1: the phrase \"no such words\" is not in paragraph 1 of 'new-course'"),
    ('## p9 "first"', "readings/notes/context/new-course.md:5:4: 'new-course' has no paragraph 9: it has 3 paragraphs"),
    ('## p2 "paragraph" (3)', "readings/notes/context/new-course.md:5:1: the phrase \"paragraph\" is not in paragraph 2 (1 occurrence)"),
    ("## The first paragraph", "readings/notes/context/new-course.md:5:1: '## The first paragraph' is not an annotation heading"),
])
def test_a_note_that_points_nowhere_is_an_error_naming_its_file_and_line(library, logs, heading, expected):
    library.files(f"""
        readings/notes/context/new-course.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | {heading}
        | The note.
        """)
    library.build(strict=False)
    assert any(warning.startswith(expected) for warning in logs.warnings), logs.warnings


def test_an_ambiguous_phrase_asks_which_occurrence(library, logs):
    library.files("""
        readings/twice.md
        | ---
        | title: Twice
        | year: 2001
        | summary: S.
        | rights: public-domain
        | ---
        | Join the party, and the party again.
        readings/notes/context/twice.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | ## p1 "the party"
        | Which one?
        |
        | ## p1 "the party" (2)
        | The second one.
        """)
    library.build(strict=False)
    assert logs.warnings == ["readings/notes/context/twice.md:5:1: the phrase \"the party\" occurs 2 times in paragraph 1: "
                             "add which one to the heading, e.g. ## p1 \"the party\" (2)"]
    html = library.html("readings/twice/index.html")
    assert 'party, and <mark class="archive-mark" data-layer="context" data-note="2" id="mark-2">the party</mark>' in html
    assert '<a aria-label="Back to the text" class="archive-note__back" href="#p1">' in html
    assert 'id="note-1"' in html  # The unplaced note is still among the endnotes.


def test_notes_for_a_missing_text_and_stray_text_are_errors(library, logs):
    library.files("""
        readings/notes/context/old-course.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | ## p1 "x"
        | Note.
        readings/notes/discussion/new-course.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | Stray words.
        | ## p1 "first paragraph"
        | Note.
        """)
    library.build(strict=False)
    assert "readings/notes/context/old-course.md:1:1: these notes annotate 'old-course', which is not a text in the library: " \
           "name the file after the text's id, or set 'text:' in the front matter" in logs.warnings
    assert any(w.startswith("readings/notes/discussion/new-course.md:5:1: this text comes before the first annotation heading")
               for w in logs.warnings)


def test_citation_meta_tags_and_formats(library):
    library.build()
    html = library.html("readings/new-course/index.html")
    assert '<meta name="citation_title" content="The New Course">' in html
    assert '<meta name="citation_author" content="Trotsky, Leon">' in html
    assert '<meta name="citation_publication_date" content="1923">' in html
    assert 'data-cite="Leon Trotsky, The New Course (1923)"' in html
    assert "Trotsky, Leon. “The New Course.” 1923. In Test archive." in html
    assert "@misc{trotsky1923new," in html


def test_a_phrase_runs_past_a_footnote_mark_as_the_reader_sees_it(library, logs):
    library.files("""
        readings/essay.md
        | ---
        | title: Essay
        | year: 2001
        | summary: S.
        | rights: public-domain
        | ---
        | The party[^1] line was never settled.
        |
        | [^1]: Which party.
        readings/notes/context/essay.md
        | ---
        | author: A
        | date: 2026-01-01
        | ---
        | ## p1 "party line was"
        | A phrase across the mark.
        """)
    library.build()
    html = library.html("readings/essay/index.html")
    assert logs.warnings == []
    assert html.count('data-note="1"') >= 2 and 'id="mark-1">party</mark>' in html
