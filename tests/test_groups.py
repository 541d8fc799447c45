"""A reading group's own schedule: a small file names a curriculum and the group's weekday, time, zone and place,
and the group gets a page listing its sessions and a calendar of timed events that calendar apps import."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from conftest import checked_problems

COURSE = """
    content/curricula/course.md
    | ---
    | title: A course
    | summary: Three sessions.
    | sessions:
    |   - title: The first letters
    |     readings: [{text: new-course, paragraphs: 1-2}]
    |     questions: ["What is bureaucratism?"]
    |   - title: The party
    |     date: 2027-01-19
    |     readings: [{text: new-course, section: the-party}]
    |     questions: ["Who decides?"]
    |   - title: The quotation
    |     readings: [{text: new-course, paragraphs: 3}]
    |     questions: ["Why quote it?"]
    | ---
    | An introduction.
    """

GROUP = """
    content/groups/tuesday.md
    | ---
    | title: Tuesday evening group
    | curriculum: course
    | start: 2027-03-15
    | weekday: tuesday
    | time: "19:00"
    | duration: 90
    | timezone: Europe/Berlin
    | place: Library, room 2
    | skip: [2027-03-23]
    | ---
    | Anyone may join.
    """


@pytest.fixture
def group(library):
    library.files(COURSE)
    library.files(GROUP)
    library.build()
    return library


def test_the_calendar_holds_timed_events_in_the_groups_zone_with_its_rules(group):
    calendar = Calendar.from_ical((group.site / "groups" / "tuesday.ics").read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Berlin"
    events = calendar.walk("VEVENT")
    starts = [event.decoded("DTSTART") for event in events]
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    # Tuesdays from the 16th, the 23rd skipped; the clocks go forward on the 28th, the hour stays.
    assert starts == [datetime.datetime(2027, 3, 16, 19, tzinfo=berlin), datetime.datetime(2027, 3, 30, 19, tzinfo=berlin),
                      datetime.datetime(2027, 4, 6, 19, tzinfo=berlin)]
    assert all(event["DTSTART"].params["TZID"] == "Europe/Berlin" for event in events)
    assert [start.astimezone(datetime.timezone.utc).hour for start in starts] == [18, 17, 17]
    assert events[0].decoded("DTEND") - starts[0] == datetime.timedelta(minutes=90)
    assert str(events[1]["SUMMARY"]) == "A course: session 2, The party"
    assert str(events[1]["LOCATION"]) == "Library, room 2"
    assert "The New Course, “The party”, ¶2–3" in str(events[1]["DESCRIPTION"])
    # The curriculum keeps its own date for its own calendar, all day as before.
    course = Calendar.from_ical((group.site / "curricula" / "course.ics").read_bytes())
    assert [event.decoded("DTSTART") for event in course.walk("VEVENT")] == [datetime.date(2027, 1, 19)]


def test_the_group_page_lists_each_session_on_its_date_and_time(group):
    page = group.html("groups/tuesday/index.html")
    assert "Anyone may join." in page
    assert 'href="../tuesday.ics" download' in page
    assert '<time datetime="2027-03-16T19:00:00+01:00">Tuesday 16 March 2027</time>' in page
    assert '<time datetime="2027-03-30T19:00:00+02:00">Tuesday 30 March 2027</time>' in page
    assert "19:00–20:30 <abbr title=\"Europe/Berlin\">CEST</abbr>" in page
    assert page.count('class="archive-schedule__session"') == 3
    assert "No meeting on Tuesday 23 March 2027" in page
    assert 'href="../../readings/new-course/#the-party"' in page
    # The curriculum's page leads to the groups that read it.
    assert 'href="../../groups/tuesday/">Tuesday evening group</a>' in group.html("curricula/course/index.html")


@pytest.mark.parametrize(("line", "problem"), [
    ("curriculum: corse",
     "content/groups/tuesday.md:3:13: unknown reference 'corse': did you mean 'course'?"),
    ("timezone: Europe/Berln",
     "content/groups/tuesday.md:8:11: unknown time zone 'Europe/Berln': did you mean 'Europe/Berlin'?"),
    ("skip: [2027-03-24]",
     "content/groups/tuesday.md:10:8: the skipped day 2027-03-24 is a Wednesday, not a meeting day: "
     "the group meets on Tuesdays: did you mean 2027-03-23?"),
    ("skip: [2027-03-09]",
     "content/groups/tuesday.md:10:8: the skipped day 2027-03-09 is before the start, 2027-03-15: "
     "remove it, or move 'start' earlier"),
    ("time: \"7pm\"",
     "content/groups/tuesday.md:6:7: 'time': '7pm' is not in the expected form: "
     "When a session begins, on the 24-hour clock in the group's time zone, quoted, e.g. `\"19:00\"`."),
])
def test_bad_group_files_are_problems_with_their_line_and_what_to_do(library, logs, line, problem):
    library.files(COURSE)
    field = line.partition(":")[0]
    library.files("\n".join(line_ if not line_.strip().startswith(f"| {field}:") else f"    | {line}"
                            for line_ in GROUP.split("\n")))
    library.build(strict=False)
    assert problem in logs.problems
    assert problem in checked_problems(library.root)
    assert not (library.site / "groups" / "tuesday.ics").exists() or "skip" in line
