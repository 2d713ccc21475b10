"""Context calendars as CSV: the shipped calendar's format, which users' calendars share and
``launchwatch context export`` writes.

Columns (a header row names them; their order does not matter)::

    kind,name,start,end,zone,actors,place,source

``start`` and ``end`` are ISO dates (``end`` inclusive; empty when the end is not known),
local at the event's place; ``zone`` is the IANA zone of those dates (empty: the zone of the
place, :mod:`.places`); ``actors`` are separated by ``;``.  ``kind`` and ``name`` and
``start`` are required; an empty ``kind`` takes the default kind the reader is given.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path

from ..errors import ContextError
from ..model import ContextEvent, ContextOrigin
from .reading import CalendarRead, EntryProblem, checked_zone, context_event

COLUMNS: tuple[str, ...] = ("kind", "name", "start", "end", "zone", "actors", "place", "source")
_REQUIRED = ("kind", "name", "start")


def read_calendar_csv(path: str | Path, *, origin: ContextOrigin = "user",
                      default_kind: str | None = None) -> CalendarRead:
    """Read a CSV calendar file; a file that cannot be read at all raises ContextError."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContextError(f"cannot read the calendar ({exc}); give a UTF-8 CSV file",
                           path=path) from None
    return parse_calendar_csv(text, str(path), origin=origin, default_kind=default_kind)


def parse_calendar_csv(text: str, path: str, *, origin: ContextOrigin = "user",
                       default_kind: str | None = None) -> CalendarRead:
    """The events of a CSV calendar's text (``path`` names it in messages)."""
    read = CalendarRead(path=path)
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in _REQUIRED if name not in header
               and not (name == "kind" and default_kind)]
    if missing:
        raise ContextError(f"the header has no column {', '.join(missing)}; the columns are "
                           f"{','.join(COLUMNS)}", path=path, line=1)
    reader.fieldnames = header
    for row in reader:
        read.add_entry(partial(_event, row, origin, default_kind), reader.line_num)
    return read


def _event(row: dict[str, str | None], origin: ContextOrigin,
           default_kind: str | None) -> ContextEvent:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    kind = cell("kind") or default_kind or ""
    for name, value in (("kind", kind), ("name", cell("name")), ("start", cell("start"))):
        if not value:
            raise EntryProblem(name, "is empty; every row needs a kind, a name and a start date")
    start = _date(cell("start"), "start")
    end = _date(cell("end"), "end") if cell("end") else None
    if end is not None and end < start:
        raise EntryProblem("end", f"{end} is before the start ({start}); the end date is the "
                          "last day, inclusive")
    try:
        zone = checked_zone(cell("zone"), cell("place"))
    except ValueError as exc:
        raise EntryProblem("zone", str(exc)) from None
    actors = [actor.strip() for actor in cell("actors").split(";") if actor.strip()]
    return context_event(origin=origin, kind=kind, name=cell("name"), start=start, end=end,
                         zone=zone, actors=actors, place=cell("place"), source=cell("source"))


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EntryProblem(field, f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def write_calendar_csv(events: Iterable[ContextEvent]) -> str:
    """``events`` as a CSV calendar (:data:`COLUMNS`), which :func:`parse_calendar_csv` reads
    back to the same events."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow([event.kind, event.name, event.start.isoformat(),
                         event.end.isoformat() if event.end else "", event.zone,
                         "; ".join(event.actors), event.place or "", event.source or ""])
    return out.getvalue()
