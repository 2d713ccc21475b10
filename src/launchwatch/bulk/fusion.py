"""Fusion on Dask: the days planned and their events assessed on the workers, the store read
and written here.

The same fusion as :meth:`launchwatch.pipeline.Pipeline.fuse`, driven differently
(:class:`~launchwatch.pipeline.FusionRun` does the bookkeeping for both).  This process reads
a few dozen days at a time, undecoded (:meth:`~launchwatch.store.FusionTransaction.day_rows`),
and sends them to a worker, which decodes the launches, plans the days
(:func:`~launchwatch.pipeline.plan_days`), makes the rows the store writes
(:func:`~launchwatch.store.prepare_plan`) and assesses each event it wrote; this process then
writes the rows and the assessments in one transaction as each task comes back.  A few tasks
are in flight per worker, so the workers plan while this process reads and writes.

Why: this process is one for all the workers, and whatever it computes is time the workers
wait (measured on the 5,367 launches of a 200,000-page archive: planning and making rows were
7.7 of the fusion's 11 s, reading and writing the rest).

Each day is read in one transaction and written in a later one, so the write first checks
that the days are as they were read (:meth:`~launchwatch.store.FusionTransaction.unchanged`:
another writer may have fused one meanwhile); a day that changed, or whose task failed after
its retries, is read and planned again here, in the writing transaction, as a plain fusion
would.  Its events' assessments are then left to the run's last assessment pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..assess.assessor import Assessor
from ..events.identity import InputsHash
from ..model import EventChanges
from ..pipeline import FUSION_DAYS_PER_READ, DayWanted, FusionRun, Pipeline, plan_days
from ..store import DayRows, PreparedPlan, Store, prepare_plan
from .engine import require_distributed

PLAN_RETRIES = 2
"""Further tries of a task whose planning raised, before this process plans its days."""

TASKS_PER_WORKER = 3
"""Tasks in flight per worker: enough that a worker always has the next days while this
process writes the last ones, few enough that the rows waiting stay small."""


@dataclass(frozen=True)
class DayBatch:
    """Days as read, sent to a worker in a wrapper (Dask walks the lists of a task's
    arguments in search of futures)."""

    days: list[DayRows]


@dataclass(frozen=True)
class PlannedDays:
    """What a worker sends back: the rows of the days' plan, and the rows of the assessments
    of the events it writes (empty when the run does not assess)."""

    plan: PreparedPlan
    assessments: list[dict[str, Any]]


def plan_on_worker(batch: DayBatch, inputs_hash: InputsHash, assessor: Assessor | None,
                   now: datetime, computed_at: datetime) -> PlannedDays:
    """Plan the batch's days, make the rows that write the plan (``now``: the events'
    ``updated_at``) and, given an ``assessor``, assess each event written, computed at
    ``computed_at`` (run on a worker)."""
    plan = plan_days(batch.days, inputs_hash)
    assessments = []
    if assessor is not None:
        for write in plan.writes:
            assessment = assessor.assess(write.event)
            assessment.computed_at = computed_at
            assessments.append(Store.assessment_row(assessment))
    return PlannedDays(prepare_plan(plan, now=now), assessments)


def fuse_on_dask(dask: Any, pipeline: Pipeline, *, assess: bool = True,
                 on_days: Callable[[int, int], object] | None = None,
                 ) -> tuple[EventChanges, int]:
    """Fuse the stored launches no event holds yet with the planning on the client's workers
    (module docstring); returns what changed and how many assessments were stored.
    ``on_days(done, total)`` is told how many of the days to fuse are written, as they are
    (a progress bar)."""
    distributed = require_distributed()
    store = pipeline.store
    run = FusionRun(pipeline.clock(), pipeline.assessor.inputs_hash)
    with store.fusing() as transaction:
        run.begin(transaction)
    run.steps = 1  # and each later transaction counts one more
    total, done = len(run.days or ()), 0
    assessor = pipeline.assessor if assess else None
    in_flight = distributed.as_completed([])
    sent: dict[Any, tuple[list[DayWanted], list[DayRows]]] = {}
    most = TASKS_PER_WORKER * max(1, len(dask.scheduler_info().get("workers", {})))
    assessed = 0
    while run.days or sent:
        while run.days and len(sent) < most:
            wanted = run.next_days(FUSION_DAYS_PER_READ)
            with store.fusing() as transaction:
                rows = transaction.day_rows(wanted)
            future = dask.submit(plan_on_worker, DayBatch(rows), run.inputs_hash, assessor,
                                 run.now, pipeline.clock(), retries=PLAN_RETRIES, pure=False)
            sent[future] = (wanted, rows)
            in_flight.add(future)
        future = next(in_flight)
        wanted, rows = sent.pop(future)
        try:
            planned: PlannedDays | None = future.result()
        except Exception:  # noqa: BLE001 - any failure of the task, after its retries
            planned = None  # its days are planned here instead
        finally:
            future.release()
        with store.fusing() as transaction:
            run.steps += 1
            if planned is not None and transaction.unchanged(rows):
                run.write(transaction, wanted, planned.plan)
                assessed += transaction.save_assessment_rows(planned.assessments)
            else:
                run.write(transaction, wanted,
                          plan_days(transaction.day_rows(wanted), run.inputs_hash))
        done += len(wanted)
        if on_days is not None:
            on_days(done, total)
    with store.fusing() as transaction:
        run.steps += 1
        run.finish(transaction)
    return run.changes, assessed
