"""An undated launch whose report states part of its day ("6日", "on Wednesday", a dateline
without a year, a URL's month) joins the dated day those parts admit on fewer shared facts
than one that states nothing of its day.

The reports and figures are invented for these tests.  2022-10-04 was a Tuesday.
"""

from __future__ import annotations

from datetime import date, timedelta

from launchwatch.events.matching import facts_needed, same_launch_day
from launchwatch.model import DayHint

from .helpers import DAY, launch, ref, report


def _dated(name: str, day: date = DAY, **fields) -> object:
    return ref(report(name), launch(date_local=day, **fields), 0)


def _undated(hint: DayHint | None, **fields) -> object:
    return ref(report("page"), launch(date_local=None, day_hint=hint, **fields))


def test_the_days_a_bounded_hint_admits() -> None:
    # Saturdays from the week before April 2016 to its end
    assert DayHint(weekday=5, filed_in=(2016, 4)).days() == [
        date(2016, 3, 26), date(2016, 4, 2), date(2016, 4, 9), date(2016, 4, 16),
        date(2016, 4, 23), date(2016, 4, 30)]
    assert DayHint(year=2017, month=7, day=4).days() == [date(2017, 7, 4)]
    assert DayHint(year=2017, weekday=1).bounds() == (date(2017, 1, 1), date(2017, 12, 31))
    # a day of the month alone bounds nothing
    assert DayHint(day=23).bounds() is None and DayHint(day=23).days() == []


def test_what_a_hint_admits() -> None:
    assert DayHint(day=4).admits(DAY) and not DayHint(day=5).admits(DAY)
    assert DayHint(weekday=1).admits(DAY) and not DayHint(weekday=2).admits(DAY)
    assert DayHint(month=10, day=4).admits(DAY.replace(year=2019))
    assert not DayHint(year=2021, month=10, day=4).admits(DAY)
    # filed in October 2022: that month, or the week before it began
    filed = DayHint(filed_in=(2022, 10))
    assert filed.admits(DAY) and filed.admits(date(2022, 9, 24))
    assert not filed.admits(date(2022, 9, 23)) and not filed.admits(date(2022, 11, 1))


def test_the_facts_needed_shrink_with_the_days_a_hint_leaves_open() -> None:
    assert facts_needed(True, None) == 2
    assert facts_needed(False, None) == 3
    assert facts_needed(False, DayHint(weekday=1)) == 2
    assert facts_needed(False, DayHint(day=4)) == 2
    assert facts_needed(False, DayHint(filed_in=(2022, 10))) == 2
    # about one day of a decade left: one fact
    assert facts_needed(False, DayHint(day=4, filed_in=(2022, 10))) == 1
    assert facts_needed(False, DayHint(weekday=1, filed_in=(2022, 10))) == 1
    assert facts_needed(False, DayHint(month=10, day=4, weekday=1)) == 1
    assert facts_needed(False, DayHint(month=10, day=4)) == 1  # one day a year
    assert facts_needed(False, DayHint(month=10, weekday=1)) == 2  # four or five a year


def test_a_day_of_the_month_lets_two_facts_join() -> None:
    # Distance and clock time agree; with nothing said of the day, two facts are too few.
    dated = [_dated("mod", distance_km=4600, time_local="07:22")]
    assert same_launch_day(_undated(None, distance_km=4600, time_local="07:23"), dated) is None
    assert same_launch_day(_undated(DayHint(day=4), distance_km=4600, time_local="07:23"),
                           dated) == DAY


def test_a_month_and_day_let_the_missile_name_alone_join() -> None:
    # "on October 4" and a Hwasong-18: one day a year is left, and the name fits it.
    dated = [_dated("mod", missile_name="Hwasong-18", time_local="07:22")]
    assert same_launch_day(_undated(DayHint(month=10, day=4), missile_name="Hwasong-18"),
                           dated) == DAY
    # "on the 4th" leaves a day a month: the name alone is not enough.
    assert same_launch_day(_undated(DayHint(day=4), missile_name="Hwasong-18"), dated) is None


def test_a_hint_that_rules_the_day_out_asks_as_much_as_no_hint() -> None:
    dated = [_dated("mod", distance_km=4600, apogee_km=970, time_local="07:22")]
    two = {"distance_km": 4600, "time_local": "07:23"}
    assert same_launch_day(_undated(DayHint(day=5), **two), dated) is None
    # A misread day of the month does not keep a launch out that three facts name.
    assert same_launch_day(_undated(DayHint(day=5), apogee_km=970, **two), dated) == DAY


def test_what_the_days_sources_share_with_the_report_adds_up() -> None:
    # One source of the day gives the distance, another the clock: two facts together.
    dated = [_dated("wire", distance_km=4600), _dated("jcs", time_local="07:22")]
    assert same_launch_day(_undated(DayHint(day=4), distance_km=4600, time_local="07:23"),
                           dated) == DAY


def test_a_name_and_a_round_figure_do_not_pick_a_sister_launch() -> None:
    # Two Tuesdays of one missile: the report's "about 1,000 km" fits any of its launches.
    other_tuesday = DAY - timedelta(days=7 * 13)
    dated = [_dated("then", other_tuesday, missile_name="Hwasong-18", distance_km=1000)]
    undated = _undated(DayHint(weekday=1), missile_name="Hwasong-18", distance_km=1000)
    assert same_launch_day(undated, dated) is None
    # A measured figure they share does identify it.
    dated = [_dated("then", other_tuesday, missile_name="Hwasong-18", distance_km=1002)]
    undated = _undated(DayHint(weekday=1), missile_name="Hwasong-18", distance_km=1000.5)
    assert same_launch_day(undated, dated) == other_tuesday


def test_two_days_the_hint_admits_equally_leave_it_undated() -> None:
    month_later = DAY + timedelta(days=28)  # a Tuesday too
    dated = [_dated("first", distance_km=4600, time_local="07:22"),
             _dated("second", month_later, distance_km=4600, time_local="07:22")]
    undated = _undated(DayHint(weekday=1), distance_km=4600, time_local="07:23")
    assert same_launch_day(undated, dated) is None


def test_a_cruise_missile_is_a_fact_a_range_class_is_not() -> None:
    # Cruise missiles are tested far more rarely than ballistic ones; "short-range" fits many.
    dated = [_dated("jcs", missile_class="cruise", time_local="07:00")]
    undated = _undated(DayHint(weekday=1), missile_class="cruise", time_local="07:00")
    assert same_launch_day(undated, dated) == DAY
    dated = [_dated("jcs", missile_class="SRBM", time_local="07:00")]
    undated = _undated(DayHint(weekday=1), missile_class="SRBM", time_local="07:00")
    assert same_launch_day(undated, dated) is None
