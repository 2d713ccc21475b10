"""Kill and resume (issue 12): an ingest of 200 reports killed with SIGKILL while it stores,
run again and killed while it fuses, run again and killed while it assesses, and run again to
the end, ends with the store an uninterrupted run makes: every report once, the same launches,
the same events, every event assessed.

The reports are the throughput bench's (``bench/events.py``: nine sources per launch, in the
words analysts see), written as text files with a header, and the real extractor reads them;
the command is ``writer_process.py URL folder PATH`` (one process, no workers, and a fake
assessor that takes its time over each event).  Each kill comes at a random point of its
stage: after a random number of reports stored, or a random time into the fusion or the
assessment as long as the uninterrupted run's took (the seed is in the failure message).
"""

from __future__ import annotations

import importlib.util
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import select

from launchwatch.store import (AssessmentRow, EventLaunchRow, EventRow, LaunchRow, ReportRow,
                              Store)

from writer_process import FakeAssessor

ROOT = Path(__file__).resolve().parents[1]
WRITER = Path(__file__).with_name("writer_process.py")
REPORTS = 200
RUN_TIMEOUT_S = 120
POLL_S = 0.005


def _bench_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "bench" / "events.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _write_reports(folder: Path) -> None:
    bench = _bench_corpus()
    reports, _ = bench.corpus(REPORTS, bench.built_in_flights())
    folder.mkdir()
    for report in reports:
        (folder / Path(report.source).name).write_text(
            f"Title: {report.title}\nPublisher: {report.publisher}\n"
            f"Published: {report.published.isoformat()}\n\n{report.text}\n", encoding="utf-8")


def _ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WRITER), f"sqlite:///{db}", "folder",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


class Progress(NamedTuple):
    reports: int
    unfused: int  # launches in no event yet
    events: int
    assessments: int


def _progress(db: Path) -> Progress:
    """How far the ingest has come; nothing while the file has no tables yet."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            return Progress(*connection.execute(
                "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM launches l "
                "WHERE NOT EXISTS (SELECT 1 FROM event_launches m WHERE m.launch_id = l.id)), "
                "(SELECT count(*) FROM events), (SELECT count(*) FROM assessments)").fetchone())
    except sqlite3.Error:
        return Progress(0, 0, 0, 0)


def _stored(state: Progress) -> bool:
    return state.reports == REPORTS


def _fused(state: Progress) -> bool:
    return state.reports == REPORTS and state.unfused == 0


def _wait(process: subprocess.Popen[str], db: Path, reached: Callable[[Progress], bool]) -> bool:
    """Wait until the store has ``reached`` a state; False if the process ended first."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not reached(_progress(db)):
        if process.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the ingest came no further in time"
        time.sleep(POLL_S)
    return True


def _finish(process: subprocess.Popen[str]) -> None:
    output = process.communicate(timeout=RUN_TIMEOUT_S)[0]
    assert process.returncode == 0, output


def _kill(process: subprocess.Popen[str], db: Path, reached: Callable[[Progress], bool],
          delay_s: float) -> str:
    """SIGKILL ``process`` ``delay_s`` after the store has ``reached`` a state; where it was."""
    if _wait(process, db, reached):
        time.sleep(delay_s)
    process.kill()
    process.communicate(timeout=RUN_TIMEOUT_S)
    return f"{_progress(db)}, {'killed' if process.returncode < 0 else 'had ended'}"


def _contents(db: Path) -> dict[str, Any]:
    """What the store holds, without the times it was written at."""
    with Store.open(db) as store, store.session() as session:
        launches = {row.id: (row.report_hash, row.ordinal) for row in
                    session.scalars(select(LaunchRow))}
        members: dict[str, set[tuple[str, int]]] = {}
        for launch_id, event_id in session.execute(
                select(EventLaunchRow.launch_id, EventLaunchRow.event_id)):
            members.setdefault(event_id or "", set()).add(launches[launch_id])
        return {
            "reports": store.count_reports(),
            "report_hashes": sorted(session.scalars(select(ReportRow.content_hash))),
            "launches": sorted(launches.values()),
            "members": members,
            "events": {row.id: row.data for row in session.scalars(select(EventRow))},
            "assessments": {row.event_id: row.inputs_hash for row in
                            session.scalars(select(AssessmentRow))},
            "stale": store.events_to_assess(FakeAssessor.method),
        }


def test_an_ingest_killed_in_each_stage_and_run_again_ends_as_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder)

    whole = tmp_path / "whole.sqlite3"
    run = _ingest(folder, whole)
    assert _wait(run, whole, _stored), "the ingest ended before it stored every report"
    stored_at = time.monotonic()
    _wait(run, whole, _fused)
    fused_at = time.monotonic()
    _finish(run)
    fusing_s, assessing_s = fused_at - stored_at, time.monotonic() - fused_at

    seed = random.randrange(2**32)
    rng = random.Random(seed)
    stored = rng.randrange(1, REPORTS)
    killed = tmp_path / "killed.sqlite3"
    where = [
        _kill(_ingest(folder, killed), killed, lambda state: state.reports >= stored, 0),
        _kill(_ingest(folder, killed), killed, _stored, rng.uniform(0, fusing_s)),
        _kill(_ingest(folder, killed), killed, _fused, rng.uniform(0, assessing_s)),
    ]
    _finish(_ingest(folder, killed))

    expected, got = _contents(whole), _contents(killed)
    at = (f"seed {seed}; the store at each kill: {'; '.join(where)}; the uninterrupted run "
          f"fused in {fusing_s:.2f} s and assessed in {assessing_s:.2f} s")
    assert expected["reports"] == REPORTS and expected["stale"] == [], at
    for key in ("reports", "report_hashes", "launches", "members", "events", "assessments",
                "stale"):
        assert got[key] == expected[key], f"{key} differ; {at}"
