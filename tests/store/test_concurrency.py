"""Two writers and a reader on one database at once (issue 12, finding 5): an ingest and a
writer that saves reports one by one (as the web does) in processes of their own, and a reader
in this one.  Nothing may fail, no report may be lost or stored twice, and the events must be
what one writer alone would have made of all the reports.

On SQLite the writers meet on the file's one write lock: each waits its turn (a busy timeout,
``BEGIN IMMEDIATE``) instead of failing with "database is locked"; on PostgreSQL, fusions take
their turn on an advisory lock.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from launchwatch.errors import StoreError
from launchwatch.pipeline import Pipeline
from launchwatch.store import FusionTransaction, Store, queries

from events.helpers import at, extraction, launch, report
from test_pipeline import NOW

WRITER = Path(__file__).parents[1] / "writer_process.py"
WRITERS_TIMEOUT_S = 240


def test_two_writers_and_a_reader_lose_nothing(db_url: str) -> None:
    Store.open(db_url).close()  # the schema, once, before the writers start
    # (name, how, first day, days, reports a day): days 20-39 are told by both writers.
    plans = [("a", "ingest", 0, 40, 3), ("b", "add", 20, 40, 2)]
    writers = [subprocess.Popen([sys.executable, str(WRITER), db_url, how, name, str(first),
                                 str(days), str(per_day)], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
               for name, how, first, days, per_day in plans]
    reading = _Reader(db_url)
    reading.start()
    try:
        outputs = [writer.communicate(timeout=WRITERS_TIMEOUT_S)[0] for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
        reading.stop()
    for writer, output in zip(writers, outputs):
        assert writer.returncode == 0, output
    assert not reading.errors, reading.errors[:3]
    assert reading.reads > 0

    expected_reports = Counter()  # reports per day
    for _, _, first, days, per_day in plans:
        for day in range(first, first + days):
            expected_reports[day] += per_day
    with Store.open(db_url) as store:
        assert store.count_reports() == sum(expected_reports.values())
        events = store.events(assessments=False)
        assert len(events) == len(expected_reports)  # one event per day
        first_day = min(event.date_local for event in events)
        assert sorted(((event.date_local - first_day).days, len(event.reports))
                      for event in events) == sorted(expected_reports.items())
        assert [event.id.rsplit("-", 1)[1] for event in events] == ["1"] * len(events)
        assert store.events_to_assess("fake v1") == []
        with store.engine.connect() as connection:
            # every launch is in exactly one event
            assert connection.scalar(text(
                "SELECT count(*) FROM launches l LEFT JOIN event_launches m "
                "ON m.launch_id = l.id WHERE m.event_id IS NULL")) == 0


def test_sqlite_writers_wait_their_turn(fresh_db: Store) -> None:
    with fresh_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    # A writer that finds the lock held waits for it instead of failing.
    holder = sqlite3.connect(fresh_db.engine.url.database, isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, holder.rollback).start()
    started = time.monotonic()
    source = report("waiting")
    assert fresh_db.add(source, extraction(source, launch()), now=NOW)
    assert time.monotonic() - started >= 0.4
    holder.close()


def test_a_report_whose_fusion_failed_is_said_to_be_stored(
        db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*_: object, **__: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(FusionTransaction, "apply", locked)
    pipeline = Pipeline(db, extractor=lambda r: extraction(r, launch(distance_km=600)),
                        clock=lambda: NOW)
    with pytest.raises(StoreError) as failed:
        pipeline.add(report("flash", published=at(8)))
    assert failed.value.message.startswith("the report was stored, but its events are not up "
                                           "to date yet: the events could not be updated "
                                           "(database is locked)")
    assert "nothing" not in failed.value.message
    assert db.count_reports() == 1 and db.count_events() == 0
    monkeypatch.undo()
    assert pipeline.fuse().created == ["KP-2022-10-04-1"]


class _Reader(threading.Thread):
    """Reads events the ways the web does, over and over, until stopped; keeps what failed
    and what looked inconsistent."""

    def __init__(self, url: str) -> None:
        super().__init__(name="reader", daemon=True)
        self.url = url
        self.errors: list[str] = []
        self.reads = 0
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)

    def run(self) -> None:
        with Store.open(self.url, migrate=False) as store:
            while not self._stopping.is_set():
                try:
                    for event in store.events(limit=20):
                        if not event.reports:
                            self.errors.append(f"{event.id} has no report")
                    listing = queries.list_events(store, queries.EventQuery(), limit=50,
                                                  offset=0)
                    if listing.total < len(listing.events):
                        self.errors.append(f"{listing.total} events in all, but a page of "
                                           f"{len(listing.events)}")
                    store.count_reports()
                    self.reads += 1
                except Exception as exc:  # noqa: BLE001 - every failure of a read is the finding
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                self._stopping.wait(0.01)
