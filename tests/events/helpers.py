"""Builders for the events tests: reports and launches written by hand, no extractor."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import select

from launchwatch.events import LaunchRef, ReportInfo
from launchwatch.model import Evidence, Extraction, Launch, Quantity, Report
from launchwatch.store import EventLaunchRow, Store

KST = timezone(timedelta(hours=9))
DAY = date(2022, 10, 4)


def km(value: float, qualifier: str | None = "about", **extra: Any) -> Quantity:
    return Quantity(value=value, unit="km", qualifier=qualifier, **extra)


def seconds(value: float, qualifier: str | None = "about") -> Quantity:
    return Quantity(value=value, unit="s", qualifier=qualifier)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A publication time in KST."""
    return datetime.combine(day, time(hour, minute), tzinfo=KST)


def launch(**fields: Any) -> Launch:
    values: dict[str, Any] = {"country": "North Korea", "date_local": DAY}
    values.update(fields)
    for name in ("distance_km", "apogee_km"):
        if isinstance(values.get(name), (int, float)):
            values[name] = km(values[name])
    if isinstance(values.get("flight_time_s"), (int, float)):
        values["flight_time_s"] = seconds(values["flight_time_s"])
    if isinstance(values.get("time_local"), str):
        values["time_local"] = time.fromisoformat(values["time_local"])
    return Launch(**values)


def report(name: str, publisher: str | None = "Hanbit News Agency",
           published: datetime | None = None, text: str | None = None) -> Report:
    return Report(source=f"{name}.txt", text=text or f"Report {name} about a launch.",
                  publisher=publisher, published=published)


def extraction(source: Report, *launches: Launch) -> Extraction:
    return Extraction(source=source.source, report_hash=source.content_hash,
                      is_launch_report=bool(launches), launches=list(launches))


def ref(source: Report, item: Launch, ordinal: int = 0, launch_id: int | None = None) -> LaunchRef:
    """A LaunchRef as the store would build it."""
    info = ReportInfo(content_hash=source.content_hash, source=source.source,
                      publisher=source.publisher, published=source.published, text=source.text)
    return LaunchRef(launch_id=launch_id if launch_id is not None else abs(hash(
        (source.content_hash, ordinal))) % 10**9, report=info, ordinal=ordinal, launch=item)


def evidence(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start=start, end=start + len(phrase), text=phrase)


def stored_events(store: Store) -> tuple[dict[str, Any], dict[int, str | None]]:
    """What fusion wrote: every event's JSON by id, and the event each launch is in."""
    with store.session() as session:
        members = dict(session.execute(select(EventLaunchRow.launch_id,
                                              EventLaunchRow.event_id)).all())
    return {event.id: event.to_json() for event in store.events()}, members
