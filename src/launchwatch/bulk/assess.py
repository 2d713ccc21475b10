"""Assessments on Dask: the Monte Carlo of many events spread over the workers.

The same work as :meth:`launchwatch.pipeline.Pipeline.assess`, in the same batches
(:data:`~launchwatch.pipeline.ASSESSED_PER_BATCH` events): the client reads the events whose
assessment is missing or out of date, a worker assesses each batch with the pipeline's
assessor, and the client stores each batch as it comes back, in one transaction (an event
another writer changed meanwhile is not stored, as there).  Worth it for large rebuilds: an
assessment costs tens of milliseconds, an event read and sent far less.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..assess.assessor import Assessor
from ..model import Assessment, Event
from ..pipeline import ASSESSED_PER_BATCH, Pipeline, RefreshSummary
from ..settings import load_settings
from ..store import Store
from .engine import dask_client, require_distributed

ASSESS_RETRIES = 2
"""Further tries of a batch whose task raised."""


def assess_on_dask(dask: Any, pipeline: Pipeline, *, batch_events: int = ASSESSED_PER_BATCH,
                   progress: bool = False, console: Console | None = None) -> int:
    """Assess the pipeline's stale events on the client's workers, ``batch_events`` to a task;
    returns how many assessments were stored."""
    distributed = require_distributed()
    store = pipeline.store
    stale = store.events_to_assess(pipeline.assessor.method)
    futures = []
    for start in range(0, len(stale), batch_events):
        events = store.events_for_assessment(stale[start:start + batch_events])
        futures.append(dask.submit(assess_batch, pipeline.assessor, events,
                                   retries=ASSESS_RETRIES, pure=False))
    stored = failed = 0
    with Progress(TextColumn("assessing"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console or Console(stderr=True),
                  transient=True, disable=not progress or not stale) as bar:
        task = bar.add_task("assess", total=len(stale))
        for future in distributed.as_completed(futures):
            try:
                assessments: list[Assessment] = future.result()
            except Exception as exc:  # noqa: BLE001 - any error of a batch, after its retries
                # The batch's events stay unassessed, as a killed run leaves them: the next
                # `events assess` (or `serve` at start) takes them up.  Every other batch
                # is still stored, rather than the whole run ending here.
                failed += 1
                (console or Console(stderr=True)).print(
                    f"warning: a batch of up to {batch_events} assessments failed "
                    f"({type(exc).__name__}: {exc}); its events stay unassessed until the "
                    "next `launchwatch events assess`", highlight=False, soft_wrap=True)
                continue
            finally:
                future.release()
            for assessment in assessments:
                assessment.computed_at = pipeline.clock()
            stored += store.save_assessments(assessments)
            bar.advance(task, len(assessments))
    return stored


def assess_batch(assessor: Assessor, events: list[Event]) -> list[Assessment]:
    """The assessments of ``events`` (run on a worker)."""
    return [assessor.assess(event) for event in events]


def assess_events(store_url: str | Path, *, scheduler: str | None = None,
                  workers: int | None = None, client: Any = None,
                  progress: bool = True) -> RefreshSummary:
    """``launchwatch events assess --engine dask``: fuse what no event holds yet, then assess
    every stale event of the store at ``store_url`` on Dask (a running ``scheduler``, or a
    local cluster of ``workers``; default: the settings'), or on ``client`` when given."""
    require_distributed()
    settings = load_settings()
    scheduler = scheduler or settings.dask_scheduler
    with Store.open(store_url) as store:
        pipeline = Pipeline(store)
        changes = pipeline.fuse()
        if client is not None:
            return RefreshSummary(changes, assess_on_dask(client, pipeline, progress=progress))
        with dask_client(scheduler, workers or settings.dask_workers) as started:
            return RefreshSummary(changes, assess_on_dask(started, pipeline, progress=progress))
