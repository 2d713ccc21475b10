"""Fusion planned on the workers: the store a plain fusion and assessment leave, whatever the
workers do; a day another writer changed between the read and the write is planned again."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from launchwatch.bulk import fusion as fusion_module
from launchwatch.bulk.assess import DaskAssessing
from launchwatch.bulk.fusion import DayBatch, fuse_on_dask
from launchwatch.pipeline import FusionRun, Pipeline
from launchwatch.store import FusionTransaction, Store

from events.helpers import stored_events

from .backfill import DAYS, NOW, backfill


def _pipeline(store: Store) -> Pipeline:
    return Pipeline(store, clock=lambda: NOW)


def _assessments(store: Store) -> dict[str, str]:
    return {event.id: event.assessment.model_dump_json() for event in store.events()
            if event.assessment is not None}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a plain fusion and then assessment make of the backfill store."""
    with backfill(tmp_path_factory.mktemp("plain") / "store.sqlite3") as store:
        pipeline = _pipeline(store)
        changes = pipeline.fuse()
        assessed = pipeline.assess()
        return {"events": stored_events(store), "assessments": _assessments(store),
                "changes": changes, "assessed": assessed}


def test_the_workers_plan_and_assess_what_a_plain_fusion_does(
        tmp_path: Path, dask_client: Any, plain: dict[str, Any]) -> None:
    with backfill(tmp_path / "store.sqlite3") as store:
        pipeline = _pipeline(store)
        seen: list[tuple[int, int]] = []
        changes, assessed = fuse_on_dask(dask_client, pipeline,
                                         on_days=lambda *done: seen.append(done))
        # The events of undated launches no day took are made here, at the end, and
        # assessed by the run's last pass, as the archive's ingest does.
        undated = store.events_to_assess(pipeline.assessor.method)
        assert undated and all("-undated-" in event_id for event_id in undated)
        rest = DaskAssessing(dask_client, pipeline).finish_stale()

        assert stored_events(store) == plain["events"]
        assert _assessments(store) == plain["assessments"]
    assert (assessed, rest) == (plain["assessed"] - len(undated), len(undated))
    assert assessed > DAYS
    assert (sorted(changes.created), changes.updated, changes.removed, changes.launches) == (
        sorted(plain["changes"].created), [], [], plain["changes"].launches)
    assert seen[-1] == (DAYS + 2, DAYS + 2)  # and the days of the two Yemeni states


def test_a_day_changed_after_it_was_read_is_planned_again_here(
        tmp_path: Path, dask_client: Any, plain: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FusionTransaction, "unchanged", lambda self, days: False)
    with backfill(tmp_path / "store.sqlite3") as store:
        pipeline = _pipeline(store)
        _, assessed = fuse_on_dask(dask_client, pipeline)
        DaskAssessing(dask_client, pipeline).finish_stale()
        assert stored_events(store) == plain["events"]
        # The workers' assessments were of plans not written: the events waited for the
        # run's last assessment pass.
        assert assessed == 0


def test_a_task_that_keeps_failing_is_planned_here(
        tmp_path: Path, dask_client: Any, plain: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("a fault no plan expects")

    monkeypatch.setattr(fusion_module, "plan_on_worker", broken)
    with backfill(tmp_path / "store.sqlite3") as store:
        pipeline = _pipeline(store)
        fuse_on_dask(dask_client, pipeline)
        DaskAssessing(dask_client, pipeline).finish_stale()
        assert stored_events(store) == plain["events"]


def test_a_day_is_unchanged_until_a_fusion_writes_it(tmp_path: Path) -> None:
    with backfill(tmp_path / "store.sqlite3") as store:
        run = FusionRun(NOW, _pipeline(store).assessor.inputs_hash)
        with store.fusing() as transaction:
            run.begin(transaction)
            first = transaction.day_rows(run.next_days(1))
            second = transaction.day_rows(run.next_days(1))
        with store.fusing() as transaction:
            assert transaction.unchanged(first) and transaction.unchanged(second)
        _pipeline(store).fuse()  # another writer fuses every day meanwhile
        with store.fusing() as transaction:
            assert not transaction.unchanged(first) and not transaction.unchanged(second)


def test_the_days_sent_to_a_worker_survive_pickling(tmp_path: Path) -> None:
    """Local workers are processes: what is sent is pickled."""
    with backfill(tmp_path / "store.sqlite3") as store:
        run = FusionRun(NOW, _pipeline(store).assessor.inputs_hash)
        with store.fusing() as transaction:
            run.begin(transaction)
            batch = DayBatch(transaction.day_rows(run.next_days(4)))
    copy = pickle.loads(pickle.dumps(batch))
    assert copy == batch
    assert [ref.launch for rows in copy.days for ref in rows.refs()] == \
        [ref.launch for rows in batch.days for ref in rows.refs()]
