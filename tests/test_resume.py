"""Any run finishes the work a killed run left (issue 12, finding 4): launches stored but in
no event are fused, and every event whose assessment is missing or out of date is assessed,
by the next ingest, the next CNS import, and ``launchwatch serve`` at start."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from launchwatch.cli import app
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from events.helpers import at, extraction, launch, report
from test_pipeline import CNS_SAMPLE, NOW, FakeAssessor, _extract, _report


def _killed_after_fusing(store: Store) -> list[str]:
    """What a run killed between its fusion and its assessment leaves: three events, none
    assessed; their ids."""
    pipeline = Pipeline(store, extractor=_extract, assessor=FakeAssessor(), clock=lambda: NOW)
    for name, km, day in (("a", 600, 3), ("b", 700, 4), ("c", 800, 5)):
        source = report(name, published=at(8, day=date(2022, 9, day)), text=f"{km} km flown")
        store.add(source, extraction(source, launch(distance_km=km,
                                                    date_local=date(2022, 9, day))), now=NOW)
        pipeline.fuse()
    return [event.id for event in store.events(assessments=False)]


def _killed_after_storing(store: Store) -> None:
    """What a run killed before its first fusion leaves: a launch in no event."""
    source = report("early", published=at(6), text="430 km flown")
    store.add(source, extraction(source, launch(distance_km=430)), now=NOW)


def test_an_ingest_assesses_the_events_a_killed_run_left(db: Store) -> None:
    left = _killed_after_fusing(db)
    assert len(db.events_to_assess(FakeAssessor.method)) == 3
    assessor = FakeAssessor()
    summary = Pipeline(db, extractor=_extract, assessor=assessor, clock=lambda: NOW).ingest(
        [_report("unrelated", 500, 9)])
    assert summary.failed == 0 and summary.new == 1
    assert db.events_to_assess(FakeAssessor.method) == []
    assert sorted(assessor.calls) == sorted([*left, "KP-2022-10-04-1"])
    assert summary.assessed == 4


def test_an_ingest_of_nothing_new_fuses_and_assesses_what_a_killed_run_stored(
        db: Store) -> None:
    _killed_after_fusing(db)
    _killed_after_storing(db)
    summary = Pipeline(db, extractor=_extract, assessor=FakeAssessor(),
                       clock=lambda: NOW).ingest([])
    assert summary.failed == 0 and summary.events == {"KP-2022-10-04-1"}
    assert db.count_events() == 4 and db.events_to_assess(FakeAssessor.method) == []
    assert summary.assessed == 4


def test_a_cns_import_assesses_the_events_a_killed_run_left(db: Store) -> None:
    left = _killed_after_fusing(db)
    assessor = FakeAssessor()
    summary = Pipeline(db, assessor=assessor, clock=lambda: NOW).import_cns(CNS_SAMPLE)
    assert set(left) <= set(assessor.calls)
    assert db.events_to_assess(FakeAssessor.method) == []
    assert len(summary.events) == 4


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """``launchwatch serve`` without serving: the fake ``uvicorn.run`` waits for the work
    started at start-up, as a server running for a while would."""
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", "/nonexistent/launchwatch.toml")
    for name in ("DATABASE_URL", "HOST", "PORT", "API_TOKEN"):
        monkeypatch.delenv(f"LAUNCHWATCH_{name}", raising=False)
    calls: dict = {}

    def run(web_app, **options):
        started = [thread for thread in threading.enumerate()
                   if thread.name == "launchwatch-resume"]
        for thread in started:
            thread.join(timeout=120)
        calls.update(options, app=web_app, resumed=len(started))

    monkeypatch.setattr("uvicorn.run", run)
    return calls


def test_serve_finishes_what_a_killed_run_left(served: dict, tmp_path: Path) -> None:
    path = tmp_path / "left.sqlite3"
    with Store.open(path) as store:
        _killed_after_fusing(store)
        _killed_after_storing(store)
    result = CliRunner().invoke(app, ["serve", "--db", str(path)])
    assert result.exit_code == 0, result.output
    served["app"].state.catalogue.close()
    assert served["resumed"] == 1
    with Store.open(path) as store:
        assert store.count_events() == 4
        method = Pipeline(store).assessor.method
        assert store.events_to_assess(method) == []
    assert "4 events assessed" in result.output
