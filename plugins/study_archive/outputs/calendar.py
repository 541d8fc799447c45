"""Calendars: a curriculum's dated sessions as an iCalendar file a group can subscribe to.

Each dated session becomes one all-day event (front matter gives dates, not hours), whose
description lists the readings, with their paragraph ranges and addresses, and the
questions, so that a phone's calendar carries what to read before the meeting.
"""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event

from ..model.curriculum import Meeting, Reading, Syllabus, duration
from ..model.problem import counted

__all__ = ["write_calendar"]

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
