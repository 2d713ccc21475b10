"""Clock times that name their zone (launchwatch.model.clock): Pyongyang's half-hour years,
the UTC date across midnight, and quotes in Seoul's clock."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from launchwatch.model.clock import (STATE_ZONES, ZonedTime, dated_clock, quote_note,
                                     quoted_clock, zone_of, zoned)


@pytest.mark.parametrize(("day", "offset"), [
    (date(2015, 8, 14), "UTC+9"),      # the last day before Pyongyang time
    (date(2015, 8, 15), "UTC+8:30"),   # its first day
    (date(2017, 7, 4), "UTC+8:30"),
    (date(2018, 5, 4), "UTC+8:30"),    # its last day (clocks moved on at 23:30)
    (date(2018, 5, 5), "UTC+9"),
    (date(2022, 11, 18), "UTC+9"),
])
def test_north_korean_offset_follows_the_day(day: date, offset: str) -> None:
    assert zoned("North Korea", day, time(10, 0)).offset == offset


def test_half_hour_zone_gives_utc_and_both_texts() -> None:
    launch = zoned("North Korea", date(2016, 9, 5), time(12, 14))
    assert launch.local == datetime(2016, 9, 5, 12, 14, tzinfo=launch.local.tzinfo)
    assert launch.utc == datetime(2016, 9, 5, 3, 44, tzinfo=timezone.utc)
    assert launch.zone_name == "Pyongyang time"
    assert launch.text == "12:14 Pyongyang time (UTC+8:30), 03:44 UTC"
    assert launch.short == "12:14 UTC+8:30"


def test_utc_date_is_named_when_midnight_lies_between() -> None:
    launch = zoned("North Korea", date(2017, 1, 5), time(4, 58))
    assert launch.utc == datetime(2017, 1, 4, 20, 28, tzinfo=timezone.utc)
    assert launch.text == "04:58 Pyongyang time (UTC+8:30), 20:28 UTC on 4 Jan"


def test_quote_in_seoul_time_is_explained_in_pyongyang_time() -> None:
    launch = zoned("North Korea", date(2017, 1, 5), time(4, 58))
    assert launch.explain_quote(time(5, 28), "Asia/Seoul") == (
        "the report's 5:28 a.m. is Seoul time (UTC+9), 04:58 in Pyongyang (UTC+8:30)")
    assert launch.explain_quote(time(5, 28), "Asia/Seoul", written="0528 KST").startswith(
        "the report's 0528 KST is Seoul time")


def test_quote_just_after_midnight_in_seoul_is_the_evening_before_in_pyongyang() -> None:
    launch = zoned("North Korea", date(2016, 3, 9), time(23, 50))
    assert launch.in_zone("Asia/Seoul").local.date() == date(2016, 3, 10)
    assert launch.explain_quote(time(0, 20), "Asia/Seoul") == (
        "the report's 12:20 a.m. is Seoul time (UTC+9), 23:50 on 9 Mar in Pyongyang (UTC+8:30)")


def test_quote_in_the_launching_states_own_zone_needs_no_conversion() -> None:
    launch = zoned("North Korea", date(2023, 7, 12), time(10, 0))
    assert launch.explain_quote(time(10, 0), "Asia/Pyongyang") == (
        "the report's 10:00 a.m. is Pyongyang time (UTC+9)")


def test_in_zone_keeps_the_instant() -> None:
    launch = zoned("Iran", date(2023, 6, 6), time(9, 30))
    in_utc = launch.in_zone("UTC")
    assert in_utc.utc == launch.utc
    assert in_utc.text == "06:00 UTC"
    assert launch.offset == "UTC+3:30"


def test_negative_offset_and_summer_time() -> None:
    launch = zoned("United States", date(2024, 6, 4), time(1, 56))
    assert launch.text == "01:56 Los Angeles time (UTC-7), 08:56 UTC"


@pytest.mark.parametrize(("country", "day", "clock"), [
    ("Atlantis", date(2020, 1, 1), time(1, 0)),
    (None, date(2020, 1, 1), time(1, 0)),
    ("North Korea", None, time(1, 0)),
    ("North Korea", date(2020, 1, 1), None),
])
def test_unknown_state_day_or_time_gives_none(country, day, clock) -> None:
    assert zoned(country, day, clock) is None


def test_zoned_time_refuses_a_fixed_offset() -> None:
    with pytest.raises(ValueError, match="IANA zone"):
        ZonedTime(datetime(2020, 1, 1, tzinfo=timezone.utc))


def test_every_state_zone_is_known_to_zoneinfo() -> None:
    for country in STATE_ZONES:
        assert zoned(country, date(2020, 1, 1), time(12, 0)).zone_key == zone_of(country)


# -- a report's clock time read against the launch's ------------------------------------------

def test_a_seoul_quote_is_explained_against_pyongyang_half_hour_time():
    launch = zoned("North Korea", date(2017, 5, 14), time(4, 58))
    assert quote_note(launch, "shortly before 5:28 a.m.") == (
        "the report's 5:28 a.m. is Seoul time (UTC+9), 04:58 in Pyongyang "
        "(UTC+8:30)")
    assert quote_note(launch, "0528 KST").startswith("the report's 0528 is Seoul time")


def test_a_quote_that_reads_the_local_clock_or_another_moment_needs_no_note():
    launch = zoned("North Korea", date(2022, 5, 4), time(12, 2))
    assert quote_note(launch, "at 12:02 p.m.") is None  # Seoul and Pyongyang agree since 2018
    assert quote_note(launch, "at 7:40 p.m.") is None   # no listed zone reads that clock
    assert quote_note(launch, "early in the afternoon") is None


def test_quoted_clock_times_as_reports_write_them():
    assert quoted_clock("5:28 a.m.") == time(5, 28)
    assert quoted_clock("12:10 a.m.") == time(0, 10)
    assert quoted_clock("7:55 p.m. local") == time(19, 55)
    assert quoted_clock("at 0528 KST") == time(5, 28)
    assert quoted_clock("in 2017, 4 missiles") is None


def test_the_utc_time_names_its_day_only_where_it_differs():
    assert zoned("North Korea", date(2024, 9, 12), time(7, 10)).utc_short == "22:10 UTC 11 Sep"
    assert zoned("North Korea", date(2022, 5, 4), time(12, 2)).utc_short == "03:02 UTC"


@pytest.mark.parametrize("stated_zone, day, expected", [
    ("Asia/Seoul", date(2016, 4, 23), time(18, 0)),   # Pyongyang on UTC+8:30
    ("Asia/Seoul", date(2022, 4, 23), time(18, 30)),  # both on UTC+9
    ("Asia/Tokyo", date(2017, 7, 28), time(18, 0)),
])
def test_an_undated_time_is_moved_to_the_clock_of_the_day_it_joins(stated_zone, day,
                                                                   expected) -> None:
    # An undated "18:30" in Seoul or Tokyo was read as Pyongyang's clock of a day outside
    # 2015-2018; once the day is known, the clock is that day's.
    assert dated_clock(time(18, 30), stated_zone, "Asia/Pyongyang", day) == expected
