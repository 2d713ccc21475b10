"""The fusion after a backfill: tens of thousands of days, read a few dozen at a time, each
read through an index, and written as a day-at-a-time fusion writes them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import launchwatch.pipeline as pipeline_module
from launchwatch.pipeline import Pipeline

from events.helpers import stored_events

from .backfill import DAYS, NOW, backfill


def test_days_read_together_are_fused_as_days_read_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "FUSION_DAYS_PER_READ", 1)
    with backfill(tmp_path / "alone.sqlite3") as store:
        alone_changes = Pipeline(store, clock=lambda: NOW).fuse()
        alone = stored_events(store)
    monkeypatch.setattr(pipeline_module, "FUSION_DAYS_PER_READ", 64)
    with backfill(tmp_path / "together.sqlite3") as store:
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
    with backfill(tmp_path / "store.sqlite3") as store:
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
