"""A reading group: who reads a curriculum together, and when and where they meet."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, PositiveInt, StringConstraints

from .base import Date, FrontMatterModel, Line, Slug

__all__ = ["GroupMeta", "WEEKDAYS"]

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
"""In the order of `datetime.date.weekday()`."""


def _clock_time(value: str) -> str:
    hours, _, minutes = value.partition(":")
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f"{value} is not a time of day; write hours 00-23 and minutes 00-59, e.g. \"19:30\"")
    return value


ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{2}:[0-9]{2}$"),
    AfterValidator(_clock_time),
    Field(description="A time of day on the 24-hour clock, quoted, e.g. `\"19:30\"`."),
]

TimeZone = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*$"),
    Field(description="An IANA time zone, e.g. `Europe/Berlin` or `America/New_York`."),
]
"""Only its form here: whether the zone exists is checked with the archive (`model/schedule.py`)."""


class GroupMeta(FrontMatterModel):
    """Front matter of a page in `content/groups/`: a group's own dates for a curriculum; the body says how to join.

    Example:
        ```yaml
        title: "Example: a Tuesday evening group"
        curriculum: organization-democracy-debate
        start: 2027-03-02
        weekday: tuesday
        time: "19:00"
        duration: 90
        timezone: Europe/Berlin
        place: "Library, room 2"
        skip: [2027-04-06]
        ```
    """

    title: Line = Field(description="The group's name, e.g. `Tuesday evening group`.")
    curriculum: Slug = Field(description="The id of the curriculum the group reads, e.g. `organization-democracy-debate`.")
    start: Date = Field(description="The first day the group may meet, e.g. `2027-03-02`.")
    weekday: Weekday | None = Field(
        None, description="The day of the week it meets, e.g. `tuesday`; leave out for the weekday of `start`."
    )
    time: ClockTime = Field(
        description="When a session begins, on the 24-hour clock in the group's time zone, quoted, e.g. `\"19:00\"`."
    )
    duration: PositiveInt = Field(120, description="How long a session lasts, in minutes, e.g. `90`.")
    timezone: TimeZone = Field(description="The group's IANA time zone, e.g. `Europe/Berlin`.")
    place: Line | None = Field(None, description="Where the group meets, e.g. `Library, room 2`.")
    skip: list[Date] = Field(
        [], description="Meeting days on which the group does not meet, e.g. `[2027-04-06]`: later sessions move on a week."
    )
    summary: Line | None = Field(None, description="One sentence for the curriculum's page, e.g. who may join.")

    @property
    def clock(self) -> datetime.time:
        hours, minutes = self.time.split(":")
        return datetime.time(int(hours), int(minutes))

    @property
    def day(self) -> int:
        """The weekday it meets, 0 for Monday."""
        return WEEKDAYS.index(self.weekday) if self.weekday else self.start.weekday()
