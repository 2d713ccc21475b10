"""Assessments sent while fusion goes on: an event a later step changes is assessed again,
and the store ends as a fusion followed by one assessment leaves it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from launchwatch.bulk.assess import DaskAssessing
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from .helpers import LAUNCH_PAGES, write_jsonl


def test_an_event_changed_after_it_was_sent_is_assessed_again(tmp_path: Path,
                                                               dask_client: Any) -> None:
    first, second = (write_jsonl(tmp_path / f"{name}.jsonl", [page]) for name, page
                     in (("first", LAUNCH_PAGES[0]), ("second", LAUNCH_PAGES[1])))
    with Store.open(tmp_path / "store.sqlite3") as store:
        pipeline = Pipeline(store)
        pipeline.ingest([first], events=False)
        assessing = DaskAssessing(dask_client, pipeline)
        created = pipeline.fuse().created
        assessing.submit(created)
        assert len(created) == 1  # sent to be assessed from the first report alone
        pipeline.ingest([second], events=False)
        # The second report joins the same launch before the first assessment is stored:
        # that one no longer fits the event and is not kept.
        assert pipeline.fuse().updated == created

        assessing.finish_stale()

        assert store.events_to_assess(pipeline.assessor.method) == []
        event = store.event(created[0])
        assert event is not None and event.assessment is not None
        assert assessing.failed == set()
