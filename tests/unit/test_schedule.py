"""A group's sessions in time: every week on its weekday from its start, skipped weeks moving the rest on, at the
same local hour on both sides of a change of the clocks."""

from __future__ import annotations

import datetime
import zoneinfo

from study_archive.model.schedule import meeting_days, time_zone

TUESDAY = 1


def test_sessions_fall_weekly_on_the_weekday_from_the_first_one_on_or_after_the_start():
    # 2027-03-01 is a Monday: the first Tuesday on or after it is the 2nd.
    assert meeting_days(datetime.date(2027, 3, 1), TUESDAY, 3) == [
        datetime.date(2027, 3, 2), datetime.date(2027, 3, 9), datetime.date(2027, 3, 16)]
    assert meeting_days(datetime.date(2027, 3, 2), TUESDAY, 1) == [datetime.date(2027, 3, 2)]


def test_a_skipped_week_moves_the_later_sessions_on_a_week():
    days = meeting_days(datetime.date(2027, 3, 2), TUESDAY, 4, skipped=[datetime.date(2027, 3, 9),
                                                                          datetime.date(2027, 3, 23)])
    assert days == [datetime.date(2027, 3, 2), datetime.date(2027, 3, 16), datetime.date(2027, 3, 30),
                    datetime.date(2027, 4, 6)]


def test_across_a_change_of_the_clocks_a_session_keeps_its_local_hour_and_changes_its_utc_one():
    berlin = time_zone("Europe/Berlin")
    before, after = (datetime.datetime.combine(day, datetime.time(19), tzinfo=berlin)
                     for day in (datetime.date(2027, 3, 23), datetime.date(2027, 3, 30)))  # Clocks go on the 28th.
    assert (before.hour, after.hour) == (19, 19)
    assert before.astimezone(datetime.timezone.utc).hour == 18  # CET, UTC+1
    assert after.astimezone(datetime.timezone.utc).hour == 17  # CEST, UTC+2
    utc = datetime.timezone.utc
    assert after.astimezone(utc) - before.astimezone(utc) == datetime.timedelta(days=7, hours=-1)  # A shorter week.


def test_only_zones_of_the_database_are_time_zones():
    assert time_zone("America/New_York") == zoneinfo.ZoneInfo("America/New_York")
    assert time_zone("Europe/Berln") is None
    assert time_zone("Mars/Olympus") is None
