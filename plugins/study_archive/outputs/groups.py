"""What reading groups add to the built site: a calendar of each group's sessions, beside its page.

The schedule is computed in `study_archive.model.schedule`; this module names the files and gives templates the
functions they call.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.archive import Archive
from ..model.document import Kind
from ..model.schedule import Schedule, groups_reading
from ..model.site import Site
from ..model.source_date import source_date
from .calendar import write_group_calendar

__all__ = ["GROUP_FUNCTIONS", "group_files"]

GROUP_FUNCTIONS = {"schedule": Schedule.of, "groups_reading": groups_reading}
"""For templates: `schedule(archive, group, words_per_minute)`, `groups_reading(archive, curriculum)`."""


def group_files(archive: Archive, site: Site, kept: dict | None = None) -> Iterator[tuple[str, bytes]]:
    """The calendar of each group whose schedule can be made (made anew each time: it is small)."""
    schedules = [schedule for group in archive.of_kind(Kind.GROUP)
                 if (schedule := Schedule.of(archive, group, site.words_per_minute)) is not None]
    if not schedules:
        return
    when = source_date(archive.root, (archive.layout.content_dir, archive.layout.readings_dir))
    for schedule in schedules:
        yield schedule.calendar_uri, write_group_calendar(schedule, stamp=when, site_url=site.url)
