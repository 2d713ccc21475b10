"""Context calendars as iCalendar (``.ics``), read with the icalendar package.

Each VEVENT is one context event: SUMMARY its name, DTSTART and DTEND its days, CATEGORIES
its kind (the first category; else the default kind), LOCATION its place, URL its source.

Dates: an all-day event's DTEND is the day *after* its last day (RFC 5545 3.6.1), so the last
day is DTEND minus one day.  A timed event's days are its start and end read on the clock of
its place (LOCATION, :mod:`.places`), else of its TZID, else :data:`~.places.DEFAULT_ZONE`:
a Washington vote at 20:00 EST is that day in Washington (and the next day in Seoul, which
:meth:`~launchwatch.model.ContextEvent.days_in` works out later).  A UTC time (``...Z``) is
moved to that zone; a floating time (no zone) is taken as local there.  A timed event that
ends at midnight ends the day before.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from ..errors import ContextError
from ..model import ContextEvent, ContextOrigin
from .places import DEFAULT_ZONE, zone_of_place
from .reading import CalendarRead, EntryProblem, context_event

_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)


def read_calendar_ics(path: str | Path, *, origin: ContextOrigin = "user",
                      default_kind: str | None = None) -> CalendarRead:
    """Read an iCalendar file; a file that is not iCalendar raises ContextError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ContextError(f"cannot read the calendar ({exc})", path=path) from None
    return parse_calendar_ics(data, str(path), origin=origin, default_kind=default_kind)


def parse_calendar_ics(data: bytes, path: str, *, origin: ContextOrigin = "user",
                       default_kind: str | None = None) -> CalendarRead:
    """The events of an iCalendar document (``path`` names it in messages)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise ContextError(f"is not an iCalendar file ({exc}); export the calendar as .ics",
                           path=path) from None
    text = data.decode("utf-8", errors="replace")
    lines = [text.count("\n", 0, match.start()) + 1 for match in _BEGIN_EVENT.finditer(text)]
    read = CalendarRead(path=path)
    for number, component in enumerate(calendar.walk("VEVENT")):
        read.add_entry(partial(_event, component, origin, default_kind),
                       lines[number] if number < len(lines) else None)
    return read


def _event(component: Any, origin: ContextOrigin, default_kind: str | None) -> ContextEvent:
    broken = dict(getattr(component, "errors", []) or [])
    for field in ("DTSTART", "DTEND"):
        if field in broken:
            raise EntryProblem(field, f"{broken[field]}; write it as YYYYMMDD or "
                                "YYYYMMDDTHHMMSS")
    name = str(component.get("SUMMARY") or "").strip()
    if not name:
        raise EntryProblem("SUMMARY", "is empty; every event needs a name")
    kind = _first_category(component.get("CATEGORIES")) or default_kind
    if not kind:
        raise EntryProblem("CATEGORIES", "names no kind; give the event a category (visit, "
                            "exercise, ...) or import with --kind")
    if component.get("DTSTART") is None:
        raise EntryProblem("DTSTART", "is missing; every event needs a start")
    place = str(component.get("LOCATION") or "").strip() or None
    started = component.decoded("DTSTART")
    zone = zone_of_place(place) or _zone_of(started) or DEFAULT_ZONE
    start = _day(started, zone)
    end = _last_day(component, started, zone)
    if end < start:
        raise EntryProblem("DTEND", f"ends ({end}) before it starts ({start})")
    url = str(component.get("URL") or "").strip() or None
    return context_event(origin=origin, kind=kind, name=name, start=start, end=end, zone=zone,
                         actors=[], place=place, source=url)


def _first_category(categories: Any) -> str | None:
    """The first category: CATEGORIES may be one property or several, each a list."""
    if categories is None:
        return None
    for prop in categories if isinstance(categories, list) else [categories]:
        for category in getattr(prop, "cats", []):
            if str(category).strip():
                return str(category).strip()
    return None


def _zone_of(moment: date) -> str | None:
    """The IANA zone of a time given with a TZID (None for dates, UTC and floating times)."""
    tzinfo = moment.tzinfo if isinstance(moment, datetime) else None
    key = getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None)
    return key if isinstance(key, str) and key != "UTC" else None


def _day(moment: date, zone: str) -> date:
    """The date of ``moment`` on the clock of ``zone`` (a floating time is taken as local)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(ZoneInfo(zone))
        return moment.date()
    return moment


def _last_day(component: Any, started: date, zone: str) -> date:
    """The last day: DTEND (exclusive for all-day events), else DTSTART + DURATION, else the
    start day."""
    if component.get("DTEND") is not None:
        ended = component.decoded("DTEND")
    elif component.get("DURATION") is not None:
        ended = started + component.decoded("DURATION")
    else:
        return _day(started, zone)
    if not isinstance(ended, datetime):  # an all-day DTEND is the day after the last
        return ended - timedelta(days=1)
    if _later(ended, started):
        ended -= timedelta(microseconds=1)  # an event ending at midnight ends the day before
    return _day(ended, zone)


def _later(ended: datetime, started: date) -> bool:
    """Whether ``ended`` is after ``started``; an end that cannot be compared with the start
    (a date start, or one time with a zone and one without) counts as after it."""
    if not isinstance(started, datetime) or (ended.tzinfo is None) != (started.tzinfo is None):
        return True
    return ended > started
