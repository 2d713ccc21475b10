"""Assessments on Dask: the Monte Carlo of many events spread over the workers.

The same work as :meth:`launchwatch.pipeline.Pipeline.assess`, in the same batches
(:data:`~launchwatch.pipeline.ASSESSED_PER_BATCH` events): the client reads the events whose
assessment is missing or out of date, a worker assesses each batch with the pipeline's
assessor, and the client stores each batch as it comes back, in one transaction (an event
another writer changed meanwhile is not stored, as there).  Worth it for large rebuilds: an
assessment costs tens of milliseconds, an event read and sent far less.

The client does as little as it can, since it is one process for all the workers (measured on
5,183 events with 2 workers: its own work was more than half of the wall time, 11 s of CPU;
now 4): it sends the events' stored JSON as it reads it, and the worker decodes them, makes
the events, assesses them, stamps them with the time the client sent the batch and makes the
rows the store writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..assess.assessor import Assessor
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
    stale = pipeline.store.events_to_assess(pipeline.assessor.method)
    with Progress(TextColumn("assessing"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console or Console(stderr=True),
                  transient=True, disable=not progress or not stale) as bar:
        task = bar.add_task("assess", total=len(stale))
        assessing = DaskAssessing(dask, pipeline, batch_events=batch_events, console=console,
                                  on_stored=lambda n: bar.advance(task, n))
        assessing.submit(stale)
        return assessing.finish()


class DaskAssessing:
    """Assessments sent to the workers as events become ready, and stored as they come back.

    :meth:`submit` sends batches and stores those already back, so more may be sent while
    the workers assess; :meth:`finish` waits for the rest.  An assessment of an event that
    changed after it was sent is not stored
    (:meth:`~launchwatch.store.Store.save_assessment_rows`) and the event stays stale, for
    :meth:`finish_stale` to send again.  (A bulk ingest assesses most of its events where it
    plans them, :mod:`.fusion`, and this takes up the rest.)
    """

    def __init__(self, dask: Any, pipeline: Pipeline, *, batch_events: int = ASSESSED_PER_BATCH,
                 console: Console | None = None,
                 on_stored: Callable[[int], object] | None = None) -> None:
        self.distributed = require_distributed()
        self.dask = dask
        self.pipeline = pipeline
        self.batch_events = batch_events
        self.console = console or Console(stderr=True)
        self.on_stored = on_stored
        self.pending = self.distributed.as_completed([])
        self.batches: dict[Any, list[str]] = {}  # future -> the event ids it assesses
        self.failed: set[str] = set()  # events of batches that failed after their retries
        self.stored = 0

    def submit(self, ids: Sequence[str]) -> None:
        """Send the assessments of ``ids``; store those already back."""
        store = self.pipeline.store
        for start in range(0, len(ids), self.batch_events):
            batch = list(ids[start:start + self.batch_events])
            future = self.dask.submit(
                assess_batch, self.pipeline.assessor,
                EventBatch(store.texts_for_assessment(batch)), self.pipeline.clock(),
                retries=ASSESS_RETRIES, pure=False)
            self.batches[future] = batch
            self.pending.add(future)
        if self.pending.has_ready():
            for future in self.pending.next_batch(block=False):
                self._store(future)

    def finish(self) -> int:
        """Wait for every batch sent and store it; how many assessments were stored."""
        for future in self.pending:
            self._store(future)
        return self.stored

    def finish_stale(self) -> int:
        """:meth:`finish`, then assess the events still stale (changed after they were sent,
        or left by an earlier run), but not those whose batch failed."""
        self.finish()
        stale = [event_id for event_id
                 in self.pipeline.store.events_to_assess(self.pipeline.assessor.method)
                 if event_id not in self.failed]
        self.submit(stale)
        return self.finish()

    def _store(self, future: Any) -> None:
        batch = self.batches.pop(future)
        try:
            rows: list[dict[str, Any]] = future.result()
        except Exception as exc:  # noqa: BLE001 - any error of a batch, after its retries
            # The batch's events stay unassessed, as a killed run leaves them: the next
            # `events assess` (or `serve` at start) takes them up.  Every other batch is
            # still stored, rather than the whole run ending here.
            self.failed.update(batch)
            self.console.print(
                f"warning: a batch of {len(batch)} assessments failed ({type(exc).__name__}: "
                f"{exc}); its events stay unassessed until the next `launchwatch events "
                "assess`", highlight=False, soft_wrap=True)
            return
        finally:
            future.release()
        self.stored += self.pipeline.store.save_assessment_rows(rows)
        if self.on_stored is not None:
            self.on_stored(len(rows))


@dataclass(frozen=True)
class EventBatch:
    """The stored JSON of a batch of events (:meth:`~launchwatch.store.Store.texts_for_assessment`),
    in a wrapper: Dask walks every list and dict of a task's arguments in search of futures."""

    texts: list[str]


def assess_batch(assessor: Assessor, batch: EventBatch,
                 computed_at: datetime) -> list[dict[str, Any]]:
    """The stored rows of the assessments of the batch's events, computed at ``computed_at``
    (run on a worker)."""
    rows = []
    for text in batch.texts:
        assessment = assessor.assess(Store.event_for_assessment(text))
        assessment.computed_at = computed_at
        rows.append(Store.assessment_row(assessment))
    return rows


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
