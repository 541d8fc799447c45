"""A reading group's curriculum: its page, its facilitator's view, where texts are assigned, its calendar."""

from __future__ import annotations

import datetime
import random

import pytest
from icalendar import Calendar

from study_archive import load
from study_archive.model.curriculum import Span, Syllabus, duration, span_of
from study_archive.model.kinds import Assignment

WORDS = "party class debate member vote branch paper strike union theory practice minority".split()


def generated_paragraphs(count: int, words: int, seed: int = 7) -> str:
    """Paragraphs of made-up words: bulk text with a known word count."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(words)) + "." for _ in range(count))


CURRICULUM = """\
content/curricula/short-course.md
| ---
| title: A short course
| summary: Two sessions on the party.
| sessions:
|   - title: Reading the long text
|     date: 2027-01-12
|     place: Room 2
|     readings:
|       - text: long-text
|         paragraphs: 1-2
|       - title: An essay elsewhere
|         author: Someone Else
|         url: https://example.org/essay
|         pages: 12
|     questions:
|       - "What is a party for?"
|     facilitator_notes: "Start with the dates on the board."
|     further_reading:
|       - text: new-course
|         section: the-party
|   - title: The whole of the New Course
|     readings:
|       - text: new-course
|     questions:
|       - "Why does Trotsky write open letters?"
| ---
| An introduction for the group.
"""


@pytest.fixture
def course(library):
    """The `library` fixture plus a generated text of 4 x 460 words and a two-session curriculum."""
    library.write("readings/long-text.md", "---\ntitle: A long text\nyear: 1921\nsummary: Generated.\n"
                  "rights: public-domain\n---\n" + generated_paragraphs(4, 460) + "\n")
    library.files(CURRICULUM)
    return library


def test_the_page_gives_an_overview_then_each_session_with_lengths_from_the_text(course, logs):
    course.build()
    html = course.html("curricula/short-course/index.html")
    overview = html[html.index('class="archive-table archive-overview"'):html.index("</table>")]
    assert '<a href="#session-1">1. Reading the long text</a>' in overview
    assert "A long text ¶1–2; An essay elsewhere" in overview
    assert "<td>4 min + 12 pages</td>" in overview  # 920 words at 230 a minute, and the external pages.
    assert '<a href="../../readings/long-text/#p1">A long text</a>, ¶1–2' in html
    assert "(920 words · 4 min)" in html
    assert '<a href="https://example.org/essay">An essay elsewhere</a> by Someone Else' in html
    assert "(12 pages)" in html
    assert "<li>What is a party for?</li>" in html
    assert "The New Course</a> by Leon Trotsky, “The party”, ¶2–3" in html
    assert "An introduction for the group." in html
    assert logs.warnings == []


def test_facilitator_notes_are_only_on_the_facilitator_view(course):
    course.build()
    assert "Start with the dates on the board." not in course.html("curricula/short-course/index.html")
    facilitator = course.html("curricula/short-course/facilitator/index.html")
    assert "Start with the dates on the board." in facilitator
    assert "No notes for this session." in facilitator
    assert 'href="facilitator/">Facilitator\'s view</a>' in course.html("curricula/short-course/index.html")
    assert "facilitator" not in course.html("index.html")  # Kept out of the navigation.


def test_every_text_says_where_it_is_assigned(course):
    course.build()
    html = course.html("readings/new-course/index.html")
    assigned = html[html.index('class="archive-assigned"'):]
    assert ('<a href="../../curricula/short-course/#session-1">A short course, session 1: Reading the long text</a>'
            in assigned)
    assert '<a href="#the-party">“The party”, ¶2–3</a> (further reading)' in assigned
    assert "session 2: The whole of the New Course</a>\n      — the whole text" in assigned
    assert '<a href="#p1">¶1–2</a>' in course.html("readings/long-text/index.html")


def test_the_index_lists_each_curriculum_with_its_length_and_reading_time(course):
    course.build()
    html = course.html("curricula/index.html")
    assert "<strong>A short course</strong></a>" in html
    assert "2 sessions, 5 min of reading and 12 pages outside the archive, 12 January 2027" in html


@pytest.mark.parametrize("reading, warning", [
    ("paragraphs: 40-60",
     "content/curricula/c.md:8:21: 'new-course' has no paragraphs 40-60: it has 3 paragraphs, numbered 1 to 3 on its page: give numbers in that range"),
    ("section: the-partie",
     "content/curricula/c.md:8:18: 'new-course' has no section 'the-partie': did you mean 'the-party'?"),
    ("paragraphs: 1-2\n        section: the-party",
     "content/curricula/c.md:7:9: 'sessions[0].readings[0]': give either 'paragraphs' or 'section', not both"),
])
def test_a_range_the_text_does_not_have_is_an_error_with_file_and_line(library, logs, reading, warning):
    library.write("content/curricula/c.md", (
        "---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings:\n"
        f"      - text: new-course\n        {reading}\n    questions: [Why?]\n---\nIntro.\n"))
    library.build(strict=False)
    assert len(logs.warnings) == 1 and logs.warnings[0].startswith(warning), logs.warnings


def test_a_section_runs_to_the_next_heading_of_its_level(library):
    library.write("readings/sections.md", "---\ntitle: S\nyear: 1920\nsummary: S.\nrights: public-domain\n---\n"
                  "One.\n\n## First\n\nTwo.\n\n### Inner\n\nThree.\n\n## Second\n\nFour.\n")
    catalog = load(library.root)
    text = catalog.by_id["sections"]
    assert span_of(text, Assignment(text="sections", section="first")) == Span(2, 3, text.outline.headings[0])
    assert span_of(text, Assignment(text="sections", section="inner")).label == "“Inner”, ¶3"
    assert span_of(text, Assignment(text="sections", section="second")).paragraphs == "¶4"


def test_reading_times_add_up_per_session_and_per_course(course):
    catalog = load(course.root)
    syllabus = Syllabus.of(catalog, catalog.by_id["short-course"], 230)
    first, second = syllabus.meetings
    assert [reading.words for reading in first.readings] == [920, 0]
    assert (first.minutes, first.pages, second.words, second.minutes) == (4, 12, 9, 1)
    assert duration(125) == "2 h 5 min" and duration(60) == "1 h" and duration(7) == "7 min"


def test_the_calendar_has_one_event_per_dated_session_with_its_readings(course):
    course.write("mkdocs.yml", course.root.joinpath("mkdocs.yml").read_text() + "site_url: https://groups.example/\n")
    course.build()
    calendar = Calendar.from_ical((course.site / "curricula" / "short-course.ics").read_bytes())
    assert str(calendar["x-wr-calname"]) == "A short course"
    events = calendar.walk("VEVENT")
    assert len(events) == 1  # The second session has no date.
    event = events[0]
    assert event.decoded("dtstart") == datetime.date(2027, 1, 12)
    assert event.decoded("dtend") == datetime.date(2027, 1, 13)
    assert str(event["summary"]) == "A short course: session 1, Reading the long text"
    assert str(event["location"]) == "Room 2"
    assert str(event["url"]) == "https://groups.example/curricula/short-course/#session-1"
    description = str(event["description"])
    assert "- A long text, ¶1–2, 920 words, about 4 min, https://groups.example/readings/long-text/#p1" in description
    assert "- An essay elsewhere by Someone Else, 12 pages, https://example.org/essay" in description
    assert "1. What is a party for?" in description
    assert 'href="../short-course.ics" download>Calendar (.ics)</a>' in course.html("curricula/short-course/index.html")


def test_no_calendar_without_dates(library):
    library.files("""
        content/curricula/undated.md
        | ---
        | title: Undated
        | summary: S.
        | sessions:
        |   - title: One
        |     readings: [{text: new-course}]
        |     questions: [Why?]
        | ---
        """)
    library.build()
    assert not (library.site / "curricula" / "undated.ics").exists()
    assert (library.site / "curricula" / "undated.epub").is_file()
    assert "Calendar (.ics)" not in library.html("curricula/undated/index.html")
