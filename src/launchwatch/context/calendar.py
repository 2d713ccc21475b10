"""The calendar shipped with launchwatch: dated, sourced context events 2016-2025 (exercises,
visits, summits, Security Council actions, elections, statements, anniversaries), typed in
from their sources (``data/SOURCES.md``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources

from ..errors import ContextError
from ..model import ContextEvent
from .calendar_csv import parse_calendar_csv

_CALENDAR = "calendar.csv"


@lru_cache(maxsize=1)
def _shipped() -> tuple[ContextEvent, ...]:
    text = resources.files(__package__).joinpath("data", _CALENDAR).read_text(encoding="utf-8")
    read = parse_calendar_csv(text, f"launchwatch/context/data/{_CALENDAR}", origin="calendar")
    if read.problems:  # the file ships with the package: a bad row is a bug of the release
        raise ContextError(f"the shipped calendar has {len(read.problems)} bad rows, the first: "
                           f"{read.problems[0]}; reinstall launchwatch")
    return tuple(sorted(read.events, key=lambda event: (event.start, event.kind, event.id)))


def shipped_calendar() -> list[ContextEvent]:
    """The shipped calendar's events, by start date (read once, then cached)."""
    return list(_shipped())


def matching(events: Iterable[ContextEvent], *, kinds: Iterable[str] = (),
             since: date | None = None, until: date | None = None) -> list[ContextEvent]:
    """``events`` of ``kinds`` (any, if none given) that run on some day from ``since`` to
    ``until`` (the dates as written, local at each event's place)."""
    wanted = {kind.lower() for kind in kinds}
    return [event for event in events
            if (not wanted or event.kind in wanted)
            and (since is None or event.last_day >= since)
            and (until is None or event.start <= until)]
