"""Whose words a page holds: reading guides and held texts, their citations, and versions side by side."""

from __future__ import annotations

import html
import zipfile

from conftest import checked_problems

GUIDE = """
    readings/new-course-guide.md
    | ---
    | title: The New Course
    | authors: [trotsky]
    | year: 1923
    | kind: pamphlet
    | summary: A reading guide to Trotsky's open letters.
    | rights: public-domain
    | holds: guide
    | ---
    | Our commentary on the first passage.
    |
    | > A quoted sentence of the work.
    | >
    | > — Leon Trotsky, *The New Course* (1923)
    """


def test_a_guide_credits_its_authors_as_a_guide_to_the_work(library):
    library.files(GUIDE)
    library.build()
    page = html.unescape(library.html("readings/new-course-guide/index.html"))
    site = "Test archive"
    assert "<strong>A reading guide</strong> by the archive's editors to " in page
    assert '<cite>The New Course</cite> (1923).' in page
    short = f"The archive's editors, reading guide to Leon Trotsky, The New Course (1923), {site}"
    assert f'data-cite="{short}"' in page
    assert f"{short}, ¶1" in page
    assert f"The archive's editors. “Reading guide to Leon Trotsky, The New Course (1923).” {site}." in page
    assert "@misc{readingguide1923new," in page
    assert "author = {{The archive's editors}}" in page
    assert "title = {{Reading guide to Leon Trotsky, The New Course (1923)}}" in page
    assert '<meta name="citation_title" content="Reading guide to Leon Trotsky, The New Course (1923)">' in page
    assert '<meta name="citation_author" content="The archive\'s editors">' in page
    assert '<meta name="citation_author" content="Trotsky, Leon">' not in page
    assert '<meta name="citation_publisher" content="Test archive">' in page
    assert "citation_publication_date" not in page  # 1923 is the work's date, not the guide's.
    # The quotation inside the guide stays credited to its author.
    assert "— Leon Trotsky, <em>The New Course</em> (1923)" in page


def test_a_guide_by_named_people_and_the_editors_setting(library):
    library.write("mkdocs.yml", library.root.joinpath("mkdocs.yml").read_text().replace(
        "  - archive\n", "  - archive:\n      editors: The Tuesday reading group\n"))
    library.files(GUIDE + """
    readings/second-guide.md
    | ---
    | title: The New Course
    | authors: [trotsky]
    | summary: Another guide.
    | rights: public-domain
    | holds: guide
    | guide_by: [Ana Ruiz, Ben Cole]
    | ---
    | Their commentary.
    """)
    library.build()
    first = html.unescape(library.html("readings/new-course-guide/index.html"))
    assert "by the Tuesday reading group to" in first
    assert "The Tuesday reading group, reading guide to Leon Trotsky" in first
    second = html.unescape(library.html("readings/second-guide/index.html"))
    assert "<strong>A reading guide</strong> by Ana Ruiz and Ben Cole to" in second
    assert "These are their words" in second
    assert "Ana Ruiz and Ben Cole, reading guide to Leon Trotsky, The New Course, Test archive" in second
    assert "Ruiz, Ana, and Ben Cole. “Reading guide to Leon Trotsky, The New Course.” Test archive." in second
    assert '<meta name="citation_author" content="Ruiz, Ana">' in second
    assert "author = {{Ana Ruiz} and {Ben Cole}}" in second


def test_a_held_text_credits_its_author_translator_and_the_archive(library):
    library.files("""
        readings/translated.md
        | ---
        | title: The New Course
        | authors: [trotsky]
        | year: 1923
        | kind: pamphlet
        | summary: The open letters, in translation.
        | language: en
        | original_language: ru
        | translator: A. Translator
        | publication: Pravda
        | rights: public-domain
        | holds: excerpt
        | ---
        | The first paragraph of the work.
        """)
    library.build()
    page = html.unescape(library.html("readings/translated/index.html"))
    assert "<strong>Excerpts</strong> of " in page and ", translated by A. Translator." in page
    assert 'data-cite="Leon Trotsky, The New Course (1923), translated by A. Translator"' in page
    assert "Leon Trotsky, The New Course (1923), translated by A. Translator, ¶1" in page
    assert "Trotsky, Leon. The New Course. Translated by A. Translator. Pravda, 1923. In Test archive." in page
    assert "translator = {A. Translator}" in page and "note = {Transcription in Test archive}" in page
    assert '<meta name="citation_author" content="Trotsky, Leon">' in page
    assert '<meta name="citation_language" content="en">' in page
    assert '<meta name="citation_publisher" content="Test archive">' in page
    plain = html.unescape(library.html("readings/new-course/index.html"))  # No `holds`: the full text, as before.
    assert "<strong>The text</strong> of " in plain
    assert 'data-cite="Leon Trotsky, The New Course (1923)"' in plain


def test_guide_by_without_a_guide_is_a_problem(library):
    library.files("""
        readings/odd.md
        | ---
        | title: Odd
        | summary: A text.
        | rights: public-domain
        | guide_by: [Ana Ruiz]
        | ---
        | Words.
        """)
    problems = checked_problems(library.root)
    assert any(problem.startswith("readings/odd.md:") and "add 'holds: guide', or remove 'guide_by'" in problem
               for problem in problems), problems


def versions(second: str, map_line: str = "") -> str:
    """An original in English of three paragraphs and a German version whose body is `second`."""
    return f"""
        readings/original.md
        | ---
        | title: Three paragraphs
        | summary: A short text written for this test.
        | rights: public-domain
        | ---
        | The first paragraph, see [[version-de]].
        |
        | ## A heading
        |
        | The second paragraph.[^1]
        |
        | The third paragraph.
        |
        | [^1]: A footnote of the original.
        readings/version-de.md
        | ---
        | title: Drei Absätze
        | summary: The same text, in German.
        | rights: public-domain
        | language: de
        | translator: A. Translator
        | version_of: original{map_line}
        | ---
        {second}
        """


GERMAN = """| Der erste Absatz.
        |
        | ## Eine Überschrift
        |
        | Der zweite Absatz.[^1]
        |
        | Der dritte Absatz.
        |
        | [^1]: Eine Fußnote."""


def test_versions_with_as_many_paragraphs_stand_side_by_side(archive):
    archive.files(versions(GERMAN))
    archive.build()
    original = html.unescape(archive.html("readings/original/index.html"))
    assert '<a href="../version-de/" hreflang="de">Drei Absätze</a>' in original
    assert '<a href="compare/version-de/">side by side with this version</a>' in original
    page = html.unescape(archive.html("readings/original/compare/version-de/index.html"))
    rows = page.split('<div class="archive-compare__row" id="p')[1:]
    assert len(rows) == 3
    assert "The second paragraph." in rows[1] and "Der zweite Absatz." in rows[1]
    assert "A heading" in rows[1] and "Eine Überschrift" in rows[1]
    assert '<p class="archive-paragraph" data-paragraph="1" id="l-p1">The first paragraph, see ' \
           '<a class="archive-ref archive-ref--text" href="../../../../readings/version-de/">Drei Absätze</a>.</p>' in rows[0]
    assert 'id="r-p3"' in rows[2] and 'lang="de"' in rows[2]
    assert 'href="#l-fn:1"' in page and 'id="r-fn:1"' in page  # Each column keeps its own footnotes.
    back = html.unescape(archive.html("readings/version-de/compare/original/index.html"))
    assert back.index("Der erste Absatz.") < back.index("The first paragraph")


def test_versions_that_differ_in_paragraphs_are_a_problem_until_mapped(archive, logs):
    two = """| Der erste Absatz.
        |
        | Der zweite und dritte Absatz in einem."""
    archive.files(versions(two))
    problems = checked_problems(archive.root)
    assert ("readings/version-de.md:7:13: this text has 2 paragraphs and its version 'original' has 3, so they cannot "
            "stand side by side: split or join paragraphs until both have as many, or add a 'paragraph_map' "
            "(e.g. `{1: 1, 2-3: 2}`) saying which of this text's paragraphs stand beside which of the other's") \
        in problems
    archive.files(versions(two, "\n        | paragraph_map: {1: 1, 2: 2}"))
    assert any(problem.startswith("readings/version-de.md:8:") and "does not cover the 3 paragraphs of 'original'" in problem
               for problem in checked_problems(archive.root))
    archive.files(versions(two, "\n        | paragraph_map: {1: 1, 2: 2-3}"))
    archive.build()
    page = html.unescape(archive.html("readings/version-de/compare/original/index.html"))
    rows = page.split('<div class="archive-compare__row" id="p')[1:]
    assert len(rows) == 2
    assert "Der zweite und dritte Absatz in einem." in rows[1]
    assert "The second paragraph." in rows[1] and "The third paragraph." in rows[1]


def test_the_library_and_a_reading_packet_say_a_guide_is_a_guide(library):
    library.files(GUIDE + """
    content/curricula/course.md
    | ---
    | title: A course
    | summary: One session.
    | sessions:
    |   - title: The guide
    |     readings:
    |       - text: new-course-guide
    |     questions: ["Whose words are these?"]
    | ---
    | A course.
    """)
    library.build()
    listing = html.unescape(library.html("readings/index.html"))
    assert "<small><strong>Reading guide.</strong> A reading guide to Trotsky's open letters.</small>" in listing
    packet = next(library.site.rglob("*.epub"))
    with zipfile.ZipFile(packet) as book:
        pages = "".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert "Reading guide to Leon Trotsky (1923)" in pages


def test_a_guide_is_no_version_of_a_work(library):
    library.files(GUIDE + """
    readings/translated.md
    | ---
    | title: Der neue Kurs
    | summary: A version of a guide, which cannot be.
    | rights: public-domain
    | language: de
    | version_of: new-course-guide
    | ---
    | Ein Absatz.
    |
    | Noch ein Absatz.
    readings/guide-version.md
    | ---
    | title: The New Course
    | summary: A guide that calls itself a version.
    | rights: public-domain
    | holds: guide
    | version_of: new-course
    | ---
    | Our words.
    """)
    problems = checked_problems(library.root)
    assert ("readings/translated.md:6:13: 'new-course-guide' is a reading guide, not a version of the work: "
            "name a text that holds the work itself ('holds: full' or 'excerpt')") in problems
    assert any(problem.startswith("readings/guide-version.md:") and "a reading guide is not a version of the work" in problem
               for problem in problems), problems



def test_raw_html_stands_in_its_paragraphs_row_as_on_the_texts_page(archive):
    german = GERMAN.replace("| Der dritte Absatz.", "| Der dritte Absatz.<br>Mit einem Umbruch.\n        |\n"
                                                      "        | <div class=\"box\">Ein Block<br>aus HTML.</div>")
    archive.files(versions(german))
    archive.build()
    page = html.unescape(archive.html("readings/original/compare/version-de/index.html"))
    rows = page.split('<div class="archive-compare__row" id="p')[1:]
    assert "Der dritte Absatz.<br>Mit einem Umbruch." in rows[2]
    assert '<div class="box">Ein Block<br>aus HTML.</div>' in rows[2]
