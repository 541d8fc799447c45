"""Calendars: a curriculum's dated sessions, or a reading group's schedule, as an iCalendar file to subscribe to.

A curriculum's dated session becomes one all-day event (its front matter gives dates, not hours); a group's
session becomes a timed event in the group's time zone, which the file describes in a VTIMEZONE, so that a
calendar app shows it at the right hour wherever its reader is and on both sides of a change of the clocks.
Each event's description lists the readings, with their paragraph ranges and addresses, and the questions, so
that a phone's calendar carries what to read before the meeting.
"""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event

from ..model.curriculum import Meeting, Reading, Syllabus, duration
from ..model.problem import counted
from ..model.schedule import Schedule, Slot

__all__ = ["write_calendar", "write_group_calendar"]

PRODUCT = "-//Study Archive//Curricula//EN"


def write_calendar(syllabus: Syllabus, *, stamp: datetime.datetime, site_url: str | None = None) -> bytes:
    """The iCalendar file of a curriculum's dated sessions; `stamp` is when it was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", syllabus.title)
    calendar.add("x-wr-caldesc", syllabus.curriculum.meta.summary)
    base = site_url.rstrip("/") + "/" if site_url else None
    for meeting in syllabus.meetings:
        if meeting.session.date is not None:
            calendar.add_component(_event(syllabus, meeting, stamp, base))
    return calendar.to_ical()


def write_group_calendar(schedule: Schedule, *, stamp: datetime.datetime, site_url: str | None = None) -> bytes:
    """The iCalendar file of a group's sessions, timed in its zone, with that zone's rules; `stamp`: when it was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{schedule.title}: {schedule.syllabus.title}")
    calendar.add("x-wr-timezone", schedule.zone.key)
    base = site_url.rstrip("/") + "/" if site_url else None
    for slot in schedule.slots:
        calendar.add_component(_timed_event(schedule, slot, stamp, base))
    if schedule.slots:  # The zone's rules from a year before the course to a year after it: short, and enough.
        first, last = schedule.slots[0].begins.year, schedule.slots[-1].ends.year
        calendar.add_missing_timezones(datetime.date(first - 1, 1, 1), datetime.date(last + 2, 1, 1))
    return calendar.to_ical()


def _timed_event(schedule: Schedule, slot: Slot, stamp: datetime.datetime, base: str | None) -> Event:
    meeting, group = slot.meeting, schedule.group
    event = Event()
    event.add("uid", f"{group.id}-session-{meeting.number}@study-archive")
    event.add("dtstamp", stamp.astimezone(datetime.timezone.utc))
    event.add("dtstart", slot.begins)
    event.add("dtend", slot.ends)
    event.add("summary", f"{schedule.syllabus.title}: session {meeting.number}, {meeting.session.title}")
    if group.meta.place:
        event.add("location", group.meta.place)
    if base:
        event.add("url", f"{base}{group.url}#{meeting.anchor}")
    event.add("description", _description(meeting, base))
    return event


def _event(syllabus: Syllabus, meeting: Meeting, stamp: datetime.datetime, base: str | None) -> Event:
    session = meeting.session
    event = Event()
    event.add("uid", f"{syllabus.curriculum.id}-session-{meeting.number}@study-archive")
    event.add("dtstamp", stamp.astimezone(datetime.timezone.utc))
    event.add("dtstart", session.date)
    event.add("dtend", session.date + datetime.timedelta(days=1))
    event.add("summary", f"{syllabus.title}: session {meeting.number}, {session.title}")
    event.add("transp", "TRANSPARENT")  # An all-day reminder, not a day taken.
    if session.place:
        event.add("location", session.place)
    if base:
        event.add("url", f"{base}{syllabus.curriculum.url}#{meeting.anchor}")
    event.add("description", _description(meeting, base))
    return event


def _description(meeting: Meeting, base: str | None) -> str:
    lines = ["Read before the session:"]
    lines += [f"- {_reading(reading, base)}" for reading in meeting.readings]
    lines += ["", "Questions:"]
    lines += [f"{number}. {question}" for number, question in enumerate(meeting.session.questions, start=1)]
    return "\n".join(lines)


def _reading(reading: Reading, base: str | None) -> str:
    """One reading on one line: title, span, length and where to read it."""
    if reading.external:
        assignment = reading.assignment
        parts = [f"{assignment.title} by {assignment.author}"]
        if assignment.pages:
            parts.append(counted(assignment.pages, "page"))
        if assignment.url:
            parts.append(assignment.url)
        return ", ".join(parts)
    parts = [reading.title + (f", {reading.span.label}" if reading.span else "")]
    if reading.text is not None:
        parts.append(f"{counted(reading.words, 'word')}, about {duration(reading.minutes)}")
        if base:
            parts.append(f"{base}{reading.text.url}" + (f"#{reading.anchor}" if reading.anchor else ""))
    return ", ".join(parts)
