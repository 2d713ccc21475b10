"""The day axis of the timing statistics: a study period, launch days on it, context windows.

Everything the statistics count is a *day* of the launching state's calendar (for North Korea
``Asia/Pyongyang``), numbered from the first day of the study period: day 0 is ``first``, day
``T - 1`` is ``last``.  Several missiles on one day are one launch day (a salvo is one
decision, not many); optionally, launch days close together merge into one *episode*, counted
on its first day, so that a week-long campaign weighs as one.

Context events are moved onto that calendar with :meth:`ContextEvent.days_in` (a Washington
vote on a local evening is the next day in Pyongyang) before their windows are laid out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..errors import SettingsError
from ..model.context import ContextEvent, window_days


@dataclass(frozen=True)
class Window:
    """Days before a context event's first day and after its last: ``-3,+3``."""

    before: int
    after: int

    @classmethod
    def parse(cls, text: str) -> Window:
        """'-3,+3' -> Window(3, 3); '0,7' -> Window(0, 7).  The first number counts days before
        the start (its sign is optional), the second days after the end."""
        parts = text.replace(" ", "").split(",")
        try:
            before, after = (int(part) for part in parts)
        except ValueError:
            raise SettingsError(f"{text!r} is not a window; write days before and after as "
                                "two numbers, e.g. -3,+3 or 0,7", field="window") from None
        if before > 0 or after < 0:
            raise SettingsError(f"{text!r}: the window runs from days before the start (0 or "
                                "negative) to days after the end (0 or positive), e.g. -3,+3",
                                field="window")
        return cls(before=-before, after=after)

    @property
    def label(self) -> str:
        return f"-{self.before},+{self.after}"


@dataclass(frozen=True)
class StudyPeriod:
    """The days studied, both ends included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise SettingsError(f"the period ends ({self.last}) before it starts "
                                f"({self.first}); give --until after --since", field="until")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def index(self, day: date) -> int:
        return (day - self.first).days

    def day(self, index: int) -> date:
        return self.first + timedelta(days=int(index))

    def strata(self) -> np.ndarray:
        """The year x month stratum of each day, ``(T,)`` ints counted from 0 in date order
        (the days of a stratum are contiguous)."""
        dates = np.arange(np.datetime64(self.first), np.datetime64(self.last + timedelta(1)))
        months = dates.astype("datetime64[M]").astype(np.int64)
        return months - months[0]

    def years(self) -> np.ndarray:
        """The calendar year of each day, ``(T,)``."""
        dates = np.arange(np.datetime64(self.first), np.datetime64(self.last + timedelta(1)))
        return dates.astype("datetime64[Y]").astype(np.int64) + 1970

    def months(self) -> np.ndarray:
        """The calendar month (1-12) of each day, ``(T,)``."""
        dates = np.arange(np.datetime64(self.first), np.datetime64(self.last + timedelta(1)))
        return dates.astype("datetime64[M]").astype(np.int64) % 12 + 1


def period_bound(text: str, *, end: bool, option: str) -> date:
    """A period's first (``end`` False) or last day as a person writes it: a year ("2016"), a
    month ("2017-10") or a day ("2017-10-25"); a year or month given as the last means its
    last day."""
    parts = text.strip().split("-")
    try:
        year, month, day = (int(parts[0]), int(parts[1]) if len(parts) > 1 else None,
                            int(parts[2]) if len(parts) > 2 else None)
        if len(parts) > 3:
            raise ValueError
        if day is not None:
            return date(year, month or 1, day)
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        first = date(year, month, 1)
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1) \
            if end else first
    except (ValueError, IndexError):
        raise SettingsError(f"{option} {text!r} is not a year, month or day; write 2016, "
                            "2017-10 or 2017-10-25", field=option) from None


def launch_series(days: Iterable[date], period: StudyPeriod, *,
                  episode_gap_days: int = 0) -> np.ndarray:
    """Launch days (or episodes) in ``period`` as a ``(T,)`` 0/1 int array.

    ``episode_gap_days`` 0 counts every launch day; 1 merges consecutive launch days into one
    episode, 2 also bridges one quiet day, and so on; an episode is counted on its first day.
    """
    if episode_gap_days < 0:
        raise SettingsError(f"the episode gap is {episode_gap_days} days; give 0 (count "
                            "launch days) or more (merge launch days that close)",
                            field="episode_gap_days")
    inside = sorted({period.index(day) for day in days if period.first <= day <= period.last})
    series = np.zeros(period.days, dtype=np.int64)
    previous: int | None = None
    for index in inside:
        if episode_gap_days == 0 or previous is None or index - previous > episode_gap_days:
            series[index] = 1
        previous = index
    return series


def spans(events: Sequence[ContextEvent], period: StudyPeriod, window: Window,
          zone: str) -> tuple[np.ndarray, np.ndarray]:
    """Each event's window on the period's day axis: first and last day indices ``(K,)``,
    not clipped (a window may reach past either end of the period)."""
    firsts, lasts = [], []
    for event in events:
        first, last = window_days(*event.days_in(zone), -window.before, window.after)
        firsts.append(period.index(first))
        lasts.append(period.index(last))
    return np.asarray(firsts, dtype=np.int64), np.asarray(lasts, dtype=np.int64)


def coverage(firsts: np.ndarray, lasts: np.ndarray, days: int) -> np.ndarray:
    """The union of the windows ``[firsts[k], lasts[k]]`` as a ``(T,)`` bool mask (a day two
    windows cover is covered once); the parts outside ``0..days-1`` are dropped."""
    marks = np.zeros(days + 1, dtype=np.int64)
    lo = np.clip(firsts, 0, days)
    hi = np.clip(lasts + 1, 0, days)
    keep = hi > lo
    np.add.at(marks, lo[keep], 1)
    np.add.at(marks, hi[keep], -1)
    return np.cumsum(marks[:-1]) > 0


def starts(events: Sequence[ContextEvent], period: StudyPeriod, zone: str) -> np.ndarray:
    """The first day of each event on the period's axis, ``(K,)`` (may lie outside it)."""
    return np.asarray([period.index(event.days_in(zone)[0]) for event in events],
                      dtype=np.int64)
