"""The day axis of the timing statistics: windows across time zones, month and year ends,
the union of overlapping windows, launch days and episodes."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from launchwatch.context.stats_days import (StudyPeriod, Window, coverage, launch_series,
                                            period_bound, spans, starts)
from launchwatch.errors import SettingsError
from launchwatch.model import ContextEvent

PYONGYANG = "Asia/Pyongyang"


def event(start: date, end: date | None, zone: str = "Asia/Seoul") -> ContextEvent:
    return ContextEvent(id=f"x:{start}", kind="visit", name="a visit", start=start, end=end,
                        zone=zone)


@pytest.mark.parametrize(("text", "before", "after"), [("-3,+3", 3, 3), ("0,7", 0, 7),
                                                       ("-7, 0", 7, 0), ("-0,+0", 0, 0)])
def test_window_reads_days_before_and_after(text: str, before: int, after: int) -> None:
    assert Window.parse(text) == Window(before, after)
    assert Window.parse(Window.parse(text).label) == Window(before, after)


@pytest.mark.parametrize("text", ["3,3", "-3,-3", "-3", "a,b", "-1,2,3"])
def test_a_bad_window_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(SettingsError, match="-3,\\+3") as raised:
        Window.parse(text)
    assert raised.value.field == "window"


def test_a_new_york_evening_vote_falls_on_the_next_pyongyang_day() -> None:
    period = StudyPeriod(date(2016, 1, 1), date(2016, 12, 31))
    vote = event(date(2016, 3, 2), date(2016, 3, 2), "America/New_York")
    lo, hi = spans([vote], period, Window(1, 1), PYONGYANG)
    assert (period.day(lo[0]), period.day(hi[0])) == (date(2016, 3, 2), date(2016, 3, 4))
    assert period.day(starts([vote], period, PYONGYANG)[0]) == date(2016, 3, 3)


def test_a_seoul_date_stays_on_its_day_in_pyongyang_time() -> None:
    # Pyongyang kept UTC+8:30 in 2015-2018: Seoul's noon is 11:30 there, the same day.
    period = StudyPeriod(date(2017, 1, 1), date(2017, 12, 31))
    lo, hi = spans([event(date(2017, 3, 1), date(2017, 3, 10))], period, Window(0, 0),
                   PYONGYANG)
    assert (period.day(lo[0]), period.day(hi[0])) == (date(2017, 3, 1), date(2017, 3, 10))


@pytest.mark.parametrize(("start", "zone", "window", "first", "last"), [
    (date(2024, 1, 31), "Asia/Seoul", Window(0, 2), date(2024, 1, 31), date(2024, 2, 2)),
    (date(2024, 2, 28), "Asia/Seoul", Window(0, 2), date(2024, 2, 28), date(2024, 3, 1)),
    (date(2023, 2, 28), "Asia/Seoul", Window(0, 1), date(2023, 2, 28), date(2023, 3, 1)),
    (date(2023, 3, 1), "Asia/Seoul", Window(1, 0), date(2023, 2, 28), date(2023, 3, 1)),
    (date(2022, 12, 31), "America/New_York", Window(0, 0),
     date(2023, 1, 1), date(2023, 1, 1)),
    (date(2022, 11, 8), "America/Los_Angeles", Window(3, 3), date(2022, 11, 6),
     date(2022, 11, 12)),
])
def test_windows_across_month_and_year_ends(start: date, zone: str, window: Window,
                                             first: date, last: date) -> None:
    period = StudyPeriod(date(2022, 1, 1), date(2024, 12, 31))
    lo, hi = spans([event(start, start, zone)], period, window, PYONGYANG)
    assert (period.day(lo[0]), period.day(hi[0])) == (first, last)


def test_an_event_without_an_end_has_a_window_from_its_first_day() -> None:
    period = StudyPeriod(date(2018, 1, 1), date(2018, 12, 31))
    lo, hi = spans([event(date(2018, 4, 1), None)], period, Window(3, 3), PYONGYANG)
    assert (period.day(lo[0]), period.day(hi[0])) == (date(2018, 3, 29), date(2018, 4, 4))


def test_overlapping_windows_cover_a_day_once_and_ends_are_clipped() -> None:
    mask = coverage(np.array([-5, 2, 4, 9]), np.array([1, 5, 6, 20]), 12)
    assert mask.tolist() == [True, True, True, True, True, True, True, False, False, True,
                             True, True]
    assert coverage(np.zeros(0, dtype=int), np.zeros(0, dtype=int), 4).tolist() == [False] * 4


def test_launch_days_count_once_and_episodes_merge_close_days() -> None:
    period = StudyPeriod(date(2022, 1, 1), date(2022, 1, 31))
    days = [date(2022, 1, 5), date(2022, 1, 5), date(2022, 1, 6), date(2022, 1, 9),
            date(2022, 1, 11), date(2021, 12, 31), date(2022, 2, 1)]
    assert np.flatnonzero(launch_series(days, period)).tolist() == [4, 5, 8, 10]
    assert np.flatnonzero(launch_series(days, period, episode_gap_days=1)).tolist() == [4, 8,
                                                                                       10]
    assert np.flatnonzero(launch_series(days, period, episode_gap_days=2)).tolist() == [4, 8]
    assert launch_series([], period).sum() == 0
    with pytest.raises(SettingsError, match="episode gap"):
        launch_series(days, period, episode_gap_days=-1)


def test_strata_are_contiguous_year_months() -> None:
    period = StudyPeriod(date(2023, 12, 30), date(2024, 3, 2))
    strata = period.strata()
    assert strata[:2].tolist() == [0, 0] and strata[2] == 1 and strata[-1] == 3
    assert np.all(np.diff(strata) >= 0)
    assert period.months()[[0, 2, 33 + 29]].tolist() == [12, 1, 3]
    assert period.years()[[0, -1]].tolist() == [2023, 2024]


@pytest.mark.parametrize(("text", "end", "day"), [
    ("2016", False, date(2016, 1, 1)), ("2017", True, date(2017, 12, 31)),
    ("2024-02", True, date(2024, 2, 29)), ("2023-02", True, date(2023, 2, 28)),
    ("2017-10-25", True, date(2017, 10, 25)), ("2023-12", True, date(2023, 12, 31))])
def test_period_bounds_read_a_year_month_or_day(text: str, end: bool, day: date) -> None:
    assert period_bound(text, end=end, option="--until") == day


@pytest.mark.parametrize("text", ["16th", "2017-13", "2017-02-30", "2017-1-1-1"])
def test_a_bad_period_bound_names_its_option(text: str) -> None:
    with pytest.raises(SettingsError, match="2017-10-25") as raised:
        period_bound(text, end=False, option="--since")
    assert raised.value.field == "--since"


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(SettingsError, match="--until"):
        StudyPeriod(date(2020, 1, 2), date(2020, 1, 1))
