"""Context events: what happened around a launch that an analyst may tie it to.

A :class:`ContextEvent` is a dated thing in the world (a joint exercise, a visit, a summit, a
Security Council action, an election, a statement, an anniversary, or a kind a user names),
with the zone its dates are in: a Washington vote on a local evening falls on the next day in
Seoul, and launches are counted on the launching state's calendar.  Three sources give them
(``origin``): the calendar shipped with launchwatch, the context a report ties to a launch
(:class:`~launchwatch.model.ContextItem`, resolved to dates) and a user's own calendar.

:class:`LaunchContext` is one context event seen from one launch: "during the visit ... (day
1 of 2)", "2 days after Freedom Shield ended".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, model_validator

from .report import ContextItem

#: The kinds launchwatch knows; a user calendar may name others (they are kept as written).
CONTEXT_KINDS: tuple[str, ...] = ("exercise", "visit", "summit", "unsc", "election",
                                  "statement", "anniversary")

ContextOrigin = Literal["calendar", "report", "user"]

#: How a report's context got its dates: a date or weekday the report states; none stated, so
#: the day of the launch it reports ("reported around the launch"); or, with no launch day
#: either, the day the report was published.
DatedBy = Literal["stated", "launch day", "published"]


class ContextEvent(BaseModel):
    """One dated context event.  ``end`` is inclusive; None when the end is not known (then
    only ``start`` is certain).  ``zone`` is the IANA zone of the dates (the event's place)."""

    id: str = Field(description="stable id: origin, kind, start and a slug of the name")
    kind: str
    name: str
    start: date
    end: date | None = None
    zone: str = "Asia/Seoul"
    actors: list[str] = Field(default_factory=list)
    place: str | None = None
    source: str | None = Field(None, description="URL or citation the dates come from")
    origin: ContextOrigin = "calendar"
    report_hash: str | None = Field(None, description="the report it was read from "
                                    "(origin 'report')")
    evidence: str | None = Field(None, description="the report's own words (origin 'report')")
    dated: DatedBy | None = Field(None, description="how a report's context got its date "
                                  "(origin 'report'): 'stated' by the report, or the launch "
                                  "day when the report names none")
    joined: list[str] = Field(default_factory=list, description="ids of the calendar entries "
                              "of the same kind and days a report's context was joined to")

    @model_validator(mode="after")
    def _ends_after_start(self) -> ContextEvent:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def last_day(self) -> date:
        """The last day it is known to run: ``end``, else ``start``."""
        return self.end or self.start

    def days_in(self, zone: str) -> tuple[date, date]:
        """Its first and last day on the calendar of ``zone`` (e.g. the launching state's):
        each date read as the local noon of its own zone, so a one-day event moves by a day
        only where the zones are more than twelve hours apart."""
        def moved(day: date) -> date:
            noon = datetime.combine(day, time(12), ZoneInfo(self.zone))
            return noon.astimezone(ZoneInfo(zone)).date()
        return moved(self.start), moved(self.last_day)


class ReportContext(BaseModel):
    """What the context stage needs of one stored report to date the context it found: when
    it was published and the launch it reports (the first with a date)."""

    report_hash: str
    published: date | None = None
    launch_day: date | None = None
    country: str | None = None
    items: list[ContextItem] = Field(default_factory=list)


class LaunchContext(BaseModel):
    """A context event as seen from one launch day: where the launch falls against it."""

    event: ContextEvent
    relation: Literal["before", "during", "after"]
    days: int = Field(description="days from the launch to the start ('before'), days since "
                      "the end ('after'), or the day of the event it fell on ('during', 1-based)")
    length_days: int
    text: str = Field(description="'during the visit of A. Blinken to Seoul (day 1 of 2)'")
    evidence: list[str] = Field(default_factory=list, description="the words of the reports "
                                "that tie it to the launch")
    report_hashes: list[str] = Field(default_factory=list, description="those reports")

    @classmethod
    def of(cls, event: ContextEvent, launch_day: date, zone: str) -> LaunchContext:
        """Where ``launch_day`` (on the calendar of ``zone``) falls against ``event``."""
        first, last = event.days_in(zone)
        length = (last - first).days + 1
        if launch_day < first:
            days = (first - launch_day).days
            relation: Literal["before", "during", "after"] = "before"
            text = f"{_days(days)} before {event.name} {'began' if length > 1 else ''}".rstrip()
            if days == 1:
                text = f"{event.name} the next day" if length == 1 else \
                    f"the day before {event.name} began"
        elif launch_day > last:
            days = (launch_day - last).days
            relation = "after"
            text = f"{_days(days)} after {event.name}{' ended' if length > 1 else ''}"
            if days == 1:
                text = f"the day after {event.name}{' ended' if length > 1 else ''}"
        else:
            days = (launch_day - first).days + 1
            relation = "during"
            text = f"during {event.name}" + (f" (day {days} of {length})" if length > 1 else "")
        return cls(event=event, relation=relation, days=days, length_days=length, text=text)


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def window_days(first: date, last: date, before: int, after: int) -> tuple[date, date]:
    """The days of a window from ``before`` days before ``first`` to ``after`` days after
    ``last`` (``before`` as a negative or positive count, as `--window -3,+3` gives it)."""
    return first - timedelta(days=abs(before)), last + timedelta(days=after)
