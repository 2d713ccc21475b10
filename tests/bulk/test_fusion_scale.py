"""The fusion after a backfill: tens of thousands of days, read a few dozen at a time, each
read through an index, and written as a day-at-a-time fusion writes them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import launchwatch.pipeline as pipeline_module
from launchwatch.model import Extraction, Launch, Quantity, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from events.helpers import stored_events

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


def _backfill(path: Path) -> Store:
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


def test_days_read_together_are_fused_as_days_read_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "FUSION_DAYS_PER_READ", 1)
    with _backfill(tmp_path / "alone.sqlite3") as store:
        alone_changes = Pipeline(store, clock=lambda: NOW).fuse()
        alone = stored_events(store)
    monkeypatch.setattr(pipeline_module, "FUSION_DAYS_PER_READ", 64)
    with _backfill(tmp_path / "together.sqlite3") as store:
        together_changes = Pipeline(store, clock=lambda: NOW).fuse()
        together = stored_events(store)

    assert together == alone
    assert (together_changes.created, together_changes.updated, together_changes.removed) == \
        (alone_changes.created, alone_changes.updated, alone_changes.removed)
    events, members = together
    assert len(events) > DAYS and len(members) == 2 * DAYS + 4


def test_a_backfills_fusion_reads_each_day_through_an_index(tmp_path: Path) -> None:
    """No statement that fusion runs for a group of days scans the events or their
    memberships: each day costs the same however many events the store holds."""
    with _backfill(tmp_path / "store.sqlite3") as store:
        selects: list[tuple[str, Any]] = []

        def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                selects.append((statement, parameters))

        event.listen(store.engine, "before_cursor_execute", seen)
        try:
            Pipeline(store, clock=lambda: NOW).fuse()
        finally:
            event.remove(store.engine, "before_cursor_execute", seen)
    with closing(sqlite3.connect(tmp_path / "store.sqlite3")) as connection:
        plans = [" / ".join(row[-1] for row in connection.execute(
            "EXPLAIN QUERY PLAN " + statement, parameters)) for statement, parameters in selects]

    # Far fewer reads than days: they are read together.
    assert len(selects) < DAYS // 2
    scanning = [plan for plan in plans
                if "SCAN events" in plan or "SCAN event_launches" in plan]
    assert scanning == []
