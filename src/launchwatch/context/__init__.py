"""The context stage: context events (a shipped calendar, what reports say, users' calendars),
the context around each launch, and timing statistics against a baseline chance would give.

* :mod:`.calendar` - :func:`shipped_calendar`, the calendar that ships with launchwatch;
* :mod:`.calendar_csv`, :mod:`.calendar_ics` - users' calendars as CSV or iCalendar
  (:func:`read_calendar`), each bad row named by line and field;
* :mod:`.reports` - :func:`report_context`: a report's context items dated and joined to the
  calendar;
* :mod:`.around` - :func:`context_around`: the context of one launch day.
"""

from pathlib import Path

from ..model import ContextOrigin
from .around import WINDOW_DAYS, context_around
from .calendar import matching, shipped_calendar
from .calendar_csv import COLUMNS, parse_calendar_csv, read_calendar_csv, write_calendar_csv
from .calendar_ics import parse_calendar_ics, read_calendar_ics
from .places import DEFAULT_ZONE, zone_of_place
from .reading import CalendarRead
from .reports import JOIN_DAYS, context_of_reports, report_context


def read_calendar(path: str | Path, *, origin: ContextOrigin = "user",
                  default_kind: str | None = None) -> CalendarRead:
    """A calendar file: iCalendar when it ends in ``.ics``, else CSV."""
    reader = read_calendar_ics if str(path).lower().endswith(".ics") else read_calendar_csv
    return reader(path, origin=origin, default_kind=default_kind)


__all__ = ["COLUMNS", "CalendarRead", "DEFAULT_ZONE", "JOIN_DAYS", "WINDOW_DAYS",
           "context_around", "context_of_reports", "matching", "parse_calendar_csv",
           "parse_calendar_ics", "read_calendar", "read_calendar_csv", "read_calendar_ics",
           "report_context", "shipped_calendar", "write_calendar_csv", "zone_of_place"]
