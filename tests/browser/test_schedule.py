"""A group plans its own dates on a curriculum's page, without a file: the form writes them into the address, the
page lists the sessions on those dates, and the calendar it offers imports as timed events."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from test_groups import COURSE
from .conftest import served
from .test_accessibility import PHONE, barriers

pytestmark = pytest.mark.browser

PLAN = "?start=2027-03-15&weekday=tuesday&time=19:00&duration=90&tz=Europe/Berlin&place=Room+2&skip=2027-03-23"


@pytest.fixture
def course(library):
    library.files(COURSE)
    library.build()
    with served(library.site) as url:
        yield url + "curricula/course/"


def sessions(page) -> list[str]:
    return [text.replace("\n", " ") for text in page.locator(".archive-plan__result .archive-schedule__when").all_inner_texts()]


def test_an_address_with_a_groups_dates_lists_the_sessions_and_offers_their_calendar(course, page):
    page.goto(course + PLAN)
    assert page.locator("#plan").evaluate("details => details.open")
    assert sessions(page) == ["Tuesday 16 March 2027, 19:00–20:30 CET", "Tuesday 30 March 2027, 19:00–20:30 CEST",
                              "Tuesday 6 April 2027, 19:00–20:30 CEST"]
    assert "No meeting on Tuesday 23 March 2027." in page.locator(".archive-plan__result").inner_text()
    with page.expect_download() as download:
        page.locator(".archive-plan__calendar").click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    events = calendar.walk("VEVENT")
    utc = datetime.timezone.utc
    # The same instants as the group file's calendar: 19:00 in Berlin before and after the clocks go forward.
    assert [event.decoded("DTSTART") for event in events] == [
        datetime.datetime(2027, 3, 16, 18, tzinfo=utc), datetime.datetime(2027, 3, 30, 17, tzinfo=utc),
        datetime.datetime(2027, 4, 6, 17, tzinfo=utc)]
    assert events[0].decoded("DTEND") - events[0].decoded("DTSTART") == datetime.timedelta(minutes=90)
    assert str(events[1]["SUMMARY"]) == "A course: session 2, The party"
    assert str(events[1]["LOCATION"]) == "Room 2"
    assert "The New Course, “The party”, ¶2–3" in str(events[1]["DESCRIPTION"])


def test_the_form_writes_the_dates_into_the_address(course, page):
    page.goto(course)
    page.locator("#plan > summary").click()
    page.fill("input[name=start]", "2027-03-15")
    page.select_option("select[name=weekday]", "thursday")
    page.fill("input[name=time]", "18:30")
    page.fill("input[name=tz]", "America/New_York")
    page.get_by_role("button", name="Show our dates").click()
    page.wait_for_url("**/curricula/course/?start=*")
    asked = parse_qs(urlsplit(page.url).query)
    assert (asked["start"], asked["weekday"], asked["time"], asked["tz"]) == (
        ["2027-03-15"], ["thursday"], ["18:30"], ["America/New_York"])
    # The browser names the zone's time as it knows it (EDT or GMT-4): the wall-clock hours are the page's own.
    assert [when.rpartition(" ")[0] for when in sessions(page)] == [
        "Thursday 18 March 2027, 18:30–20:30", "Thursday 25 March 2027, 18:30–20:30", "Thursday 1 April 2027, 18:30–20:30"]


def test_dates_the_page_cannot_use_say_what_to_change(course, page):
    page.goto(course + "?start=2027-03-15&weekday=tuesday&time=19:00&tz=Europe/Berln&skip=2027-03-24")
    errors = page.locator(".archive-plan__result .archive-schedule__error").inner_text()
    assert "'Europe/Berln' is not a time zone this browser knows" in errors
    assert "The skipped day 2027-03-24 is a wednesday, not a tuesday." in errors
    assert page.locator(".archive-plan__calendar").count() == 0


@pytest.mark.parametrize("width", [PHONE["width"], 1440])
def test_the_demos_planner_and_example_group_have_no_serious_barrier(demo, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo + "curricula/organization-democracy-debate/" + PLAN)
    assert len(sessions(page)) == 6
    assert barriers(page) == []
    page.goto(demo + "groups/example-tuesday-evening/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # Nothing runs off the screen.
    assert page.locator(".archive-schedule__when").first.inner_text() == "Tuesday 2 March 2027, 19:00–20:30 CET"
    assert barriers(page) == []
