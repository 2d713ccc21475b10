"""What reading a calendar gives: its context events, and the entries that could not be read
(each a :class:`~launchwatch.errors.ContextError` naming the file, line and field), so that
one bad row is reported and the others are kept.  And the checks every format shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ContextError
from ..model import ContextEvent, ContextOrigin
from .ids import context_id
from .places import DEFAULT_ZONE, zone_of_place


@dataclass
class CalendarRead:
    """The events of one calendar file and its entries that could not be read."""

    path: str
    events: list[ContextEvent] = field(default_factory=list)
    problems: list[ContextError] = field(default_factory=list)

    def add_entry(self, read_entry: Callable[[], ContextEvent], line: int | None) -> None:
        """Keep the event that ``read_entry`` reads from the entry at ``line``, or, when it
        raises :class:`EntryProblem`, the problem, so that the other entries are still read."""
        try:
            self.events.append(read_entry())
        except EntryProblem as problem:
            self.problems.append(ContextError(problem.message, path=self.path, line=line,
                                              field=problem.field))

    def to_record(self) -> dict[str, object]:
        return {"path": self.path, "events": len(self.events),
                "problems": [{"line": p.line, "field": p.field, "message": p.message}
                             for p in self.problems]}


class EntryProblem(Exception):
    """Why one entry of a calendar (a CSV row, an iCalendar event) cannot be read: the field
    at fault and what to do about it (:meth:`CalendarRead.add_entry` keeps it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = f"{field}: {message}"


def checked_zone(zone: str | None, place: str | None) -> str:
    """The zone written, else the zone of the place, else :data:`DEFAULT_ZONE`; raises
    ValueError for a zone name the zone database does not know."""
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{zone!r} is not a time zone; write an IANA name such as "
                             "Asia/Seoul or America/New_York, or leave it empty to take the "
                             "zone of the place") from None
        return zone
    return zone_of_place(place) or DEFAULT_ZONE


def context_event(*, origin: ContextOrigin, kind: str, name: str, start: date,
                  end: date | None, zone: str, actors: list[str], place: str | None,
                  source: str | None) -> ContextEvent:
    """A context event with its stable id (:func:`~launchwatch.context.ids.context_id`)."""
    kind = kind.strip().lower()
    return ContextEvent(id=context_id(origin, kind, start, name), kind=kind, name=name.strip(),
                        start=start, end=end, zone=zone, actors=actors, place=place or None,
                        source=source or None, origin=origin)
