"""Plausible values (launchwatch.model.plausibility): dates within the missile era, figures
within their field's range; the check flags, it never changes a value."""

from __future__ import annotations

import math
from datetime import date

import pytest

from launchwatch.model import (EARLIEST_DATE, LAUNCH_FIELD, Launch, Quantity, calendar_problem,
                               era_problem, implausible_value, plausibility)

TODAY = date(2024, 6, 1)


def _km(value: float, **bounds: float) -> Quantity:
    return Quantity(value=value, unit="km", **bounds)


def test_a_launch_as_reports_give_it_raises_no_flag() -> None:
    launch = Launch(country="North Korea", date_local=date(2023, 7, 12), count=1,
                    launch_lat=39.03, launch_lon=125.75, distance_km=_km(1001.2),
                    apogee_km=_km(6648.4), flight_time_s=Quantity(value=4491, unit="s"),
                    max_speed_mach=Quantity(value=22, unit="Mach"))
    assert plausibility(launch, today=TODAY) == []


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("distance_km", _km(1e29), "1e+29 km"),
    ("distance_km", _km(-5), "-5 km"),
    ("distance_km", _km(math.nan), "nan km"),
    ("distance_km", _km(500, low=400, high=25_000), "25,000 km"),
    ("apogee_km", _km(450_000), "450,000 km"),
    ("flight_time_s", Quantity(value=86_400, unit="s"), "86,400 s"),
    ("max_speed_mach", Quantity(value=300, unit="Mach"), "300 Mach"),
    ("count", 0, "0"),
    ("count", 5000, "5,000"),
    ("launch_lat", 391.0, "391"),
    ("date_local", date(9999, 12, 28), "9999-12-28"),
    ("date_local", date(1, 1, 1), "0001-01-01"),
])
def test_each_implausible_value_is_flagged_with_its_field(field: str, value: object,
                                                          shown: str) -> None:
    launch = Launch(country="North Korea", **{field: value})
    [flag] = plausibility(launch, today=TODAY)
    assert flag.field == field and shown in flag.message
    assert "kept" in flag.message
    assert getattr(launch, field) is value or getattr(launch, field) == value


def test_the_era_runs_from_1940_to_tomorrow() -> None:
    assert EARLIEST_DATE == date(1940, 1, 1)
    assert era_problem(date(1940, 1, 1), today=TODAY) is None
    assert era_problem(date(2024, 6, 2), today=TODAY) is None
    assert "before 1940-01-01" in era_problem(date(1939, 12, 31), today=TODAY)
    assert "after 2024-06-02" in era_problem(date(2024, 6, 3), today=TODAY)


def test_no_report_is_dated_before_1900_or_after_2999() -> None:
    assert calendar_problem(date(1900, 1, 1)) is None
    assert calendar_problem(date(2999, 12, 31)) is None
    for day in (date(1, 1, 1), date(1899, 12, 31), date(3000, 1, 1), date(9999, 12, 31)):
        assert "from 1900 to 2999" in calendar_problem(day)


def test_every_figure_and_count_has_a_declared_range() -> None:
    for name in ("count", "distance_km", "apogee_km", "flight_time_s", "max_speed_mach",
                 "launch_lat", "launch_lon"):
        low, high = LAUNCH_FIELD[name].plausible
        assert low < high
        assert implausible_value(name, (low + high) / 2) is None
        assert implausible_value(name, high * 2 + 1) is not None
