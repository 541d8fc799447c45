"""A reading group's schedule: the sessions of the curriculum it reads, each on its own date and time.

A curriculum stays free of dates (or keeps its own as defaults), so that any number of groups can read it; a group
file says when the group starts, on which weekday and at what time it meets, in which time zone, and which meeting
days it skips. The sessions then fall on that weekday every week from the start, a skipped day moving the rest on
by a week, each at the same local time whatever the clocks do in between: 19:00 in Berlin is 18:00 UTC in winter
and 17:00 UTC in summer.
"""

from __future__ import annotations

import datetime
import posixpath
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .catalog import Catalog
from .curriculum import Meeting, Syllabus
from .document import Document, Kind
from .kinds.group import WEEKDAYS
from .problem import did_you_mean

__all__ = ["Slot", "Schedule", "meeting_days", "check_groups", "groups_reading", "group_calendar_uri", "time_zone"]


def meeting_days(start: datetime.date, weekday: int, count: int, skipped: Iterable[datetime.date] = ()) -> list[datetime.date]:
    """The first `count` days on `weekday` (0 for Monday) from `start` on, leaving out those `skipped`."""
    skipped = frozenset(skipped)
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    days: list[datetime.date] = []
    while len(days) < count:
        if day not in skipped:
            days.append(day)
        day += datetime.timedelta(weeks=1)
    return days


@lru_cache(maxsize=None)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA time zone of that name, or None if the system's time zone database has none."""
    if name not in _zones():
        return None
    return zoneinfo.ZoneInfo(name)


@dataclass(frozen=True)
class Slot:
    """One session of a group: the curriculum's meeting, and when it begins and ends in the group's zone."""

    meeting: Meeting
    begins: datetime.datetime
    ends: datetime.datetime

    @property
    def number(self) -> int:
        return self.meeting.number


@dataclass(frozen=True)
class Schedule:
    """A valid group with its curriculum's sessions placed in time."""

    group: Document
    syllabus: Syllabus
    zone: zoneinfo.ZoneInfo
    slots: tuple[Slot, ...]

    @classmethod
    def of(cls, archive: Catalog, group: Document, words_per_minute: int) -> Schedule | None:
        """The schedule of a group, or None if its front matter, curriculum or time zone is not usable."""
        meta = group.meta
        if group.kind is not Kind.GROUP or meta is None:
            return None
        curriculum = archive.by_id.get(meta.curriculum)
        zone = time_zone(meta.timezone)
        syllabus = Syllabus.of(archive, curriculum, words_per_minute) if curriculum is not None else None
        if syllabus is None or zone is None:
            return None
        days = meeting_days(meta.start, meta.day, len(syllabus.meetings), meta.skip)
        length = datetime.timedelta(minutes=meta.duration)
        slots = []
        for meeting, day in zip(syllabus.meetings, days):
            # Wall-clock arithmetic: the session ends `duration` later on the local clock, as people meet.
            begins = datetime.datetime.combine(day, meta.clock, tzinfo=zone)
            slots.append(Slot(meeting, begins, begins + length))
        return cls(group, syllabus, zone, tuple(slots))

    @property
    def title(self) -> str:
        return self.group.title

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.group.meta.day]

    @property
    def skipped(self) -> list[datetime.date]:
        return sorted(self.group.meta.skip)

    @property
    def calendar_uri(self) -> str:
        return group_calendar_uri(self.group)


def group_calendar_uri(group: Document) -> str:
    """Where a group's calendar is published, beside its page: `groups/<id>.ics`."""
    return posixpath.join(posixpath.dirname(group.uri), f"{group.id}.ics")


def groups_reading(archive: Catalog, curriculum: Document) -> list[Document]:
    """The valid groups that read a curriculum, by title."""
    groups = [group for group in archive.of_kind(Kind.GROUP)
              if group.meta is not None and group.meta.curriculum == curriculum.id]
    return sorted(groups, key=lambda group: group.title.casefold())


def check_groups(archive: Catalog) -> None:
    """Report a group's time zone that does not exist and a skipped day on which it would not meet anyway.

    Its curriculum is a front-matter reference, checked with the others.
    """
    for group in archive.of_kind(Kind.GROUP):
        meta = group.meta
        if meta is None:
            continue
        if time_zone(meta.timezone) is None:
            where = group.front.position(("timezone",))
            hint = did_you_mean(meta.timezone, _zones()) or "use a name from the IANA time zone database, e.g. Europe/Berlin"
            archive.problems.add(group.path, where.line, where.column, f"unknown time zone '{meta.timezone}'", hint)
        for index, day in enumerate(meta.skip):
            where = group.front.position(("skip", index))
            if day < meta.start:
                archive.problems.add(group.path, where.line, where.column,
                                     f"the skipped day {day.isoformat()} is before the start, {meta.start.isoformat()}",
                                     "remove it, or move 'start' earlier")
            elif day.weekday() != meta.day:
                nearest = day + datetime.timedelta(days=(meta.day - day.weekday() + 3) % 7 - 3)
                if nearest < meta.start:
                    nearest += datetime.timedelta(weeks=1)
                archive.problems.add(group.path, where.line, where.column,
                                     f"the skipped day {day.isoformat()} is a {WEEKDAYS[day.weekday()].capitalize()}, "
                                     f"not a meeting day",
                                     f"the group meets on {WEEKDAYS[meta.day].capitalize()}s: "
                                     f"did you mean {nearest.isoformat()}?")
