"""Plausible values: dates within the missile era, and each figure within its field's range.

Reports are typed by people and files are made by programs, so a publication year of 9999 or
a distance of 1e29 km reaches the readers.  Two rules:

* A **date no report can have** (before :data:`FIRST_DATE_READ` or after
  :data:`LAST_DATE_READ`: :func:`calendar_problem`) is refused where it is read, a report's
  publication date or a CNS row's date, with the file, line and field.  Such a date is a slip
  (year 1, year 9999) that nothing can make useful, and at the ends of Python's calendar the
  date arithmetic of later steps overflows.
* A **value that is merely implausible** is flagged, never dropped: a date outside the missile
  era (:data:`EARLIEST_DATE` to tomorrow: :func:`era_problem`), or a launch's figure outside the
  range its field declares (:attr:`~launchwatch.model.LaunchField.plausible`:
  :func:`plausibility`).  The flag names the field, the value and the range; the value is kept
  for a person to check against its source, since the rare true value beyond a range (a test
  higher than any before it) must not be lost to a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .fields import LAUNCH_FIELD, LAUNCH_FIELDS
from .report import Launch, Quantity

FIRST_DATE_READ = date(1900, 1, 1)
LAST_DATE_READ = date(2999, 12, 31)
"""The dates a reader accepts at all: wide of the missile era on either side, and far from the
ends of Python's calendar (years 1 and 9999), where date arithmetic overflows."""

EARLIEST_DATE = date(1940, 1, 1)
"""The start of the missile era, before which a date is flagged: the first ballistic missile,
the A4 (V-2), first flew in 1942; two years allow for the rockets before it."""

DAYS_AHEAD = 1
"""How far past today (UTC) the missile era runs: a report is dated in its own time zone, up
to 14 hours ahead of UTC (UTC+14), so tomorrow's date is plausible and a later one is flagged."""

_NUMBER_FIELDS = tuple(f.name for f in LAUNCH_FIELDS if f.plausible is not None)


@dataclass(frozen=True)
class Implausible:
    """A value outside its plausible range: which field, and a sentence that says so and what
    to do."""

    field: str
    message: str


def calendar_problem(day: date) -> str | None:
    """Why no report can be dated ``day``, or None when one can (module docstring)."""
    if FIRST_DATE_READ <= day <= LAST_DATE_READ:
        return None
    return (f"is not a date any report or launch can have (launchwatch reads dates from "
            f"{FIRST_DATE_READ.year} to {LAST_DATE_READ.year})")


def era_problem(day: date, *, today: date) -> str | None:
    """Why ``day`` is an implausible date for a report or a launch, or None when it lies
    within the missile era.  ``today`` is the current date in UTC."""
    latest = today + timedelta(days=DAYS_AHEAD)
    if day < EARLIEST_DATE:
        return f"lies before {EARLIEST_DATE.isoformat()}, before the first missile flew"
    if day > latest:
        return f"lies after {latest.isoformat()} (tomorrow), and nothing is dated in the future"
    return None


def implausible_value(name: str, value: float | Quantity) -> str | None:
    """Why ``value`` is not a plausible value of the launch field ``name`` (a number with a
    declared range), or None when it is.  A figure is checked at its value and at both ends
    of its range, if it has one."""
    field = LAUNCH_FIELD[name]
    if field.plausible is None:
        return None
    low, high = field.plausible
    numbers = [value] if not isinstance(value, Quantity) else \
        [v for v in (value.value, value.low, value.high) if v is not None]
    for number in numbers:
        if not low <= number <= high:  # NaN fails both comparisons, and so is flagged
            unit = "\u00b0" if field.unit == "deg" else f" {field.unit}" if field.unit else ""
            return (f"{number:,g}{unit} lies outside the plausible {field.label.lower()} "
                    f"({low:,g} to {high:,g}{unit})")
    return None


def plausibility(launch: Launch, *, today: date) -> list[Implausible]:
    """The launch's values that lie outside their plausible range, each with the reason.

    Nothing is changed: the flags are for a person to check (module docstring).
    """
    kept = "; it is kept: check it against the source and correct it if it was misread"
    flags = []
    if launch.date_local is not None:
        problem = era_problem(launch.date_local, today=today)
        if problem:
            flags.append(Implausible("date_local",
                                     f"{launch.date_local.isoformat()} {problem}{kept}"))
    for name in _NUMBER_FIELDS:
        value = getattr(launch, name)
        problem = implausible_value(name, value) if value is not None else None
        if problem:
            flags.append(Implausible(name, problem + kept))
    return flags
