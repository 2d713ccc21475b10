"""ingest_archive on a local cluster: the same store as the single-process ingest, shards
retried and resumed, nothing stored twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from launchwatch.bulk import assess_events, ingest_archive
from launchwatch.bulk import shards as shards_module
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from .helpers import LAUNCH_PAGES, OTHER_PAGES, archive


def _contents(url: str) -> dict[str, Any]:
    """What a study reads back: the launch reports, their launches, the events and their
    assessments (without the times they were written)."""
    with Store.open(url) as store:
        reports = sorted((stored.report_hash, stored.source, stored.launch.model_dump_json())
                         for stored in store.launches(background=True))
        events = sorted((event.id, event.model_dump_json(
            exclude={"revisions": True, "assessment": {"computed_at"}}))
            for event in store.events())
        stale = store.events_to_assess(Pipeline(store).assessor.method)
    return {"launches": reports, "events": events, "stale": stale}


def test_the_same_store_as_the_single_process_ingest(tmp_path: Path, dask_client: Any) -> None:
    paths = archive(tmp_path)
    single = f"sqlite:///{tmp_path / 'single.sqlite3'}"
    with Store.open(single) as store:
        Pipeline(store).ingest(paths)
    bulk = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    result = ingest_archive(paths, bulk, client=dask_client, progress=False)

    assert _contents(bulk) == _contents(single)
    assert _contents(bulk)["events"] and _contents(bulk)["stale"] == []
    assert result.pages == len(LAUNCH_PAGES) + len(OTHER_PAGES)
    assert result.launch_reports == result.stored == len(LAUNCH_PAGES)
    assert result.filtered == len(OTHER_PAGES)  # the extractor read none of the other news
    assert [shard.status for shard in result.shards] == ["done"] * 3
    assert result.summary.failures == []


def test_a_rerun_skips_the_finished_shards_and_stores_nothing_twice(
        tmp_path: Path, dask_client: Any) -> None:
    paths = archive(tmp_path)
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    ingest_archive(paths, url, client=dask_client, progress=False)
    again = ingest_archive(paths, url, client=dask_client, progress=False)
    assert [shard.status for shard in again.shards] == ["skipped"] * 3
    assert again.pages == again.stored == 0
    with Store.open(url) as store:
        assert store.count_reports() == len(LAUNCH_PAGES)


def test_a_shard_that_raises_is_retried_and_every_report_stored_once(
        tmp_path: Path, dask_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = archive(tmp_path)
    tries: dict[str, int] = {}
    read = shards_module.Shard.read

    def flaky(shard: shards_module.Shard):  # the first two tries of each shard fail
        tries[shard.key] = tries.get(shard.key, 0) + 1
        if tries[shard.key] <= 2:
            raise RuntimeError("worker lost its disk")
        return read(shard)

    monkeypatch.setattr(shards_module.Shard, "read", flaky)
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    result = ingest_archive(paths, url, client=dask_client, progress=False)
    assert sorted(tries.values()) == [3, 3, 3]
    assert result.failed_shards == [] and result.stored == len(LAUNCH_PAGES)
    with Store.open(url) as store:
        assert store.count_reports() == len(LAUNCH_PAGES)


def test_a_shard_that_keeps_failing_is_reported_and_tried_alone_next_time(
        tmp_path: Path, dask_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = archive(tmp_path)
    broken = str(paths[1].resolve())
    read = shards_module.Shard.read

    def failing(shard: shards_module.Shard):
        if shard.paths[0] == broken:
            raise RuntimeError("this shard always fails")
        return read(shard)

    monkeypatch.setattr(shards_module.Shard, "read", failing)
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    first = ingest_archive(paths, url, client=dask_client, progress=False)
    [failed] = first.failed_shards
    assert failed.key.startswith(broken) and "this shard always fails" in (failed.error or "")
    assert any("run the same command again" in f.message for f in first.summary.failures)

    monkeypatch.setattr(shards_module.Shard, "read", read)
    second = ingest_archive(paths, url, client=dask_client, progress=False)
    assert [(s.key, s.status) for s in second.shards if s.status == "done"] == [
        (failed.key, "done")]
    with Store.open(url) as store:
        assert store.count_reports() == len(LAUNCH_PAGES)


def test_assessments_on_dask_are_those_of_the_pipeline(tmp_path: Path, dask_client: Any) -> None:
    paths = archive(tmp_path)
    urls = [f"sqlite:///{tmp_path / name}" for name in ("local.sqlite3", "dask.sqlite3")]
    for url in urls:
        with Store.open(url) as store:
            Pipeline(store).ingest(paths, events=False)
    with Store.open(urls[0]) as store:
        local = Pipeline(store).refresh()
    on_dask = assess_events(urls[1], client=dask_client, progress=False)
    assert on_dask.assessed == local.assessed == len(on_dask.changes.created) == 2
    assert _contents(urls[1]) == _contents(urls[0])


def test_a_batch_whose_assessment_raises_leaves_its_events_for_later(
        tmp_path: Path, dask_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'raising.sqlite3'}"
    with Store.open(url) as store:
        Pipeline(store).ingest(archive(tmp_path), events=False)

    def broken(*_args: Any) -> Any:
        raise RuntimeError("a fault no assessment expects")

    monkeypatch.setattr("launchwatch.bulk.assess.assess_batch", broken)
    summary = assess_events(url, client=dask_client, progress=False)
    assert summary.assessed == 0 and len(summary.changes.created) == 2
    monkeypatch.undo()
    with Store.open(url) as store:  # the events wait for the next assessment
        assert len(store.events_to_assess(Pipeline(store).assessor.method)) == 2
