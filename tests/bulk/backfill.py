"""A store as a backfill leaves it before fusion: many days of launch reports, an undated
report of one of those launches, and two states that share an id code."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from launchwatch.model import Extraction, Launch, Quantity, Report
from launchwatch.store import Store

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)
FIRST_DAY = date(2021, 3, 1)
DAYS = 90


def _add(store: Store, name: str, *launches: Launch, published: datetime | None = None) -> None:
    source = Report(source=f"{name}.txt", text=f"Report {name} about a launch.",
                    publisher="Hanbit News Agency", published=published)
    assert store.add(source, Extraction(source=source.source, report_hash=source.content_hash,
                                        is_launch_report=True, launches=list(launches)),
                     now=NOW)


def _launch(day: date | None, country: str = "North Korea", **fields: Any) -> Launch:
    return Launch(country=country, date_local=day, **fields)


def backfill(path: Path) -> Store:
    """Two reports of each of DAYS days, an undated report with the figures of a dated one,
    and two states that share the code YE on one day (their events' ids are alike, so the
    two days are never read together)."""
    store = Store.open(path)
    for k in range(DAYS):
        day = FIRST_DAY + timedelta(days=k)
        distance = Quantity(value=300 + 10 * k, unit="km", qualifier="about")
        for hour in (9, 15):
            _add(store, f"day{k}-{hour}", _launch(day, distance_km=distance,
                                                  time_local=time(7)),
                 published=datetime(day.year, day.month, day.day, hour,
                                    tzinfo=timezone(timedelta(hours=9))))
    _add(store, "undated", _launch(None, missile_name="Hwasong-17",
                                   distance_km=Quantity(value=1000, unit="km", qualifier="about"),
                                   apogee_km=Quantity(value=6100, unit="km", qualifier="about")))
    _add(store, "dated", _launch(FIRST_DAY, missile_name="Hwasong-17",
                                 distance_km=Quantity(value=1000, unit="km", qualifier="about"),
                                 apogee_km=Quantity(value=6100, unit="km", qualifier="about")))
    _add(store, "yemen", _launch(FIRST_DAY, country="Yemen"))
    _add(store, "houthis", _launch(FIRST_DAY, country="Yemen (Houthis)"))
    return store
