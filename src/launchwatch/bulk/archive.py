"""A news archive into the store on Dask: shards out to the workers, launch reports back.

    from launchwatch.bulk import ingest_archive

    result = ingest_archive(["archive/"], "sqlite:///study.sqlite3", workers=8)
    print(result.pages, result.filtered, result.stored, result.seconds)

Cheap first.  The client cuts the archive into shards (:mod:`.shards`) and sends each to a
worker, which reads it with the ingest readers, turns away the pages the keyword gate
(:mod:`.gate`) rules out and extracts the rest (:mod:`.work`).  Only launch reports come back.
The client stores them a batch at a time through the ingest stage's store path
(:func:`launchwatch.ingest.ingest_batches`: content-hash dedupe, one transaction a batch,
implausible values listed), so SQLite keeps its single writer and PostgreSQL needs no access
from the workers.  Then one fusion of the launches no event holds yet (the days this run
touched), planned on the workers, which assess each event as they plan it (:mod:`.fusion`):
this process only reads the days and writes what comes back.  What is still unassessed after
that (the events of undated launches, made at the end) is assessed on the workers too
(:mod:`.assess`).

Idempotent and resumable.  Reports are keyed by content hash, so storing one twice stores it
once.  Each shard is recorded in the store's shard ledger once its reports are stored
(:class:`launchwatch.store.ShardLedger`); the same command run again skips the shards recorded
with the same size and modification time.  A shard whose task raises is tried twice more by
Dask (``retries=2``), and a worker lost mid-task has its task run elsewhere; a shard that
still fails is listed with the reason, left out of the ledger, and tried again by the next
run, alone.

Non-launch pages are not stored: an archive is mostly other news, which the store has no use
for.  (The single-process ``Pipeline.ingest`` stores every report it reads.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import IngestError, LaunchwatchError, StoreError
from ..ingest import ExtractFunction, IngestSummary, ingest_batches
from ..model import EventChanges
from ..pipeline import Clock, Pipeline, utc_now
from ..settings import load_settings
from ..store import ShardLedger, Store
from .assess import DaskAssessing
from .fusion import fuse_on_dask
from .engine import dashboard_link, dask_client, require_distributed
from .shards import Shard, plan_shards
from .work import ShardOutcome, peak_memory_mb, process_shard

SHARD_RETRIES = 2
"""Further tries of a shard whose task raised, before it is reported as failed."""


@dataclass
class ShardStatus:
    """How one shard went: ``done``, ``skipped`` (finished by an earlier run) or ``failed``."""

    key: str
    status: Literal["done", "skipped", "failed"]
    pages: int = 0
    filtered: int = 0
    launch_reports: int = 0
    error: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"key": self.key, "status": self.status, "pages": self.pages,
                "filtered": self.filtered, "launch_reports": self.launch_reports,
                "error": self.error}


@dataclass
class BulkResult:
    """What :func:`ingest_archive` did: counts, seconds per stage, each shard's status.

    ``seconds``: ``plan``, ``store``, ``fuse``, ``assess``, ``context`` and ``total`` are wall
    seconds of this process; ``read``, ``gate`` and ``extract`` are summed over the workers
    (worker-seconds), and ``shards`` is the wall time from the first shard sent to the last
    stored.  ``summary`` is the store path's own account (new, duplicate, failures with where
    and why, values to check).
    """

    pages: int = 0  # reports read from the archive
    filtered: int = 0  # turned away by the keyword gate
    extracted: int = 0  # read by the extractor
    launch_reports: int = 0  # that the extractor found to report a launch
    summary: IngestSummary = field(default_factory=IngestSummary)
    shards: list[ShardStatus] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    workers: int = 0
    worker_peak_mb: dict[str, float] = field(default_factory=dict)
    dashboard: str | None = None

    @property
    def stored(self) -> int:
        return self.summary.new

    @property
    def duplicates(self) -> int:
        return self.summary.duplicate

    @property
    def failed_shards(self) -> list[ShardStatus]:
        return [shard for shard in self.shards if shard.status == "failed"]

    def to_record(self) -> dict[str, Any]:
        return {"pages": self.pages, "filtered": self.filtered, "extracted": self.extracted,
                "launch_reports": self.launch_reports, "stored": self.stored,
                "duplicates": self.duplicates, **{
                    key: value for key, value in self.summary.to_record().items()
                    if key not in {"read", "new", "duplicate"}},
                "shards": [shard.to_record() for shard in self.shards],
                "seconds": {key: round(value, 3) for key, value in self.seconds.items()},
                "workers": self.workers,
                "worker_peak_mb": {key: round(value, 1)
                                   for key, value in self.worker_peak_mb.items()},
                "dashboard": self.dashboard}


def ingest_archive(paths: Iterable[str | os.PathLike[str]], store_url: str | Path, *,
                   scheduler: str | None = None, workers: int | None = None,
                   partition_reports: int | None = None, progress: bool = True,
                   client: Any = None, extractor: ExtractFunction | None = None,
                   language: str | None = None, gate: bool = True, assess: bool = True,
                   clock: Clock | None = None) -> BulkResult:
    """Ingest the archive at ``paths`` (JSONL shards, ``.jsonl.gz``, WARC files, folders of
    report files) into the store at ``store_url`` on Dask (module docstring).

    ``scheduler``: a running scheduler's address; else a local cluster of ``workers``
    processes (default: the settings' ``dask_scheduler`` and ``dask_workers``).  ``client``:
    a ``distributed.Client`` already connected (tests, notebooks), used instead.
    ``partition_reports``: about how many reports a task reads (``dask_partition_reports``).
    ``progress``: show a progress bar and the dashboard's address on standard error.
    ``extractor``: ``Report -> Extraction``, picklable (default: the rule extractor, loaded
    on each worker).  ``gate=False`` extracts every page (to measure the gate against).
    ``assess=False`` fuses but leaves the assessments to a later ``events assess``.
    """
    require_distributed()
    settings = load_settings()
    scheduler = scheduler or settings.dask_scheduler
    partition = partition_reports or settings.dask_partition_reports
    clock = clock or utc_now
    console = Console(stderr=True)
    result = BulkResult()
    started = time.perf_counter()
    shards, errors = plan_shards(paths, partition)
    result.summary.failures.extend(errors)
    with Store.open(store_url) as store:
        ledger = ShardLedger(store.engine)
        finished = ledger.finished({shard.key: shard.fingerprint for shard in shards})
        todo = [shard for shard in shards if shard.key not in finished]
        result.shards.extend(ShardStatus(shard.key, "skipped") for shard in shards
                             if shard.key in finished)
        result.seconds["plan"] = time.perf_counter() - started
        with _connected(client, scheduler, workers or settings.dask_workers) as dask:
            result.workers = len(dask.scheduler_info().get("workers", {}))
            result.dashboard = dashboard_link(dask, local=client is None and not scheduler)
            if progress and result.dashboard:
                console.print(f"Dask dashboard: {result.dashboard}", highlight=False)
            _run_shards(dask, todo, store, ledger, result, progress=progress, console=console,
                        extractor=extractor, language=language, gate=gate, clock=clock)
            pipeline = Pipeline(store, extractor=extractor, clock=clock)
            _events(pipeline, dask, result, assess=assess, progress=progress, console=console)
            result.worker_peak_mb = {address: float(peak) for address, peak
                                     in dask.run(peak_memory_mb).items()}
    result.seconds["total"] = time.perf_counter() - started
    return result


@contextmanager
def _connected(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    with dask_client(scheduler, workers) as started:
        yield started


def _run_shards(dask: Any, todo: list[Shard], store: Store, ledger: ShardLedger,
                result: BulkResult, *, progress: bool, console: Console,
                extractor: ExtractFunction | None, language: str | None, gate: bool,
                clock: Clock) -> None:
    """Send every shard to the workers; store each one's launch reports as it comes back."""
    distributed = require_distributed()
    started = time.perf_counter()
    stored_s = 0.0
    futures = dask.map(process_shard, todo, extractor=extractor, gate=gate, language=language,
                       retries=SHARD_RETRIES, pure=False) if todo else []
    shard_of = dict(zip(futures, todo))
    with Progress(TextColumn("ingesting {task.fields[shards]}"), BarColumn(),
                  MofNCompleteColumn(), TextColumn("pages"), TimeElapsedColumn(),
                  console=console, transient=True, disable=not progress or not todo) as bar:
        task = bar.add_task("ingest", total=sum(shard.pages for shard in todo),
                            shards=f"0/{len(todo)} shards")
        for done, future in enumerate(distributed.as_completed(futures), start=1):
            shard = shard_of.pop(future)
            if future.status == "error":
                _failed(shard, future.exception(), result)
            else:
                outcome: ShardOutcome = future.result()
                storing = time.perf_counter()
                _store(outcome, shard, store, ledger, result, clock)
                stored_s += time.perf_counter() - storing
            future.release()
            bar.update(task, advance=shard.pages, shards=f"{done}/{len(todo)} shards")
    result.seconds["shards"] = time.perf_counter() - started
    result.seconds["store"] = stored_s


def _store(outcome: ShardOutcome, shard: Shard, store: Store, ledger: ShardLedger,
           result: BulkResult, clock: Clock) -> None:
    """Store one shard's launch reports through the ingest stage's store path, then record
    the shard as finished."""
    extractions = {report.content_hash: extraction for report, extraction in outcome.found}
    items = [*(report for report, _ in outcome.found), *outcome.failures]
    failed_before = len(result.summary.failures)
    with store.writer() as writer:
        for _ in ingest_batches(items, writer, summary=result.summary, clock=clock,
                                extractor=lambda report: extractions[report.content_hash]):
            pass
    # A report the database refused may go in next time; a line that cannot be read or
    # extracted will not, and does not keep its shard from being finished.
    refused = any(isinstance(failure, StoreError)
                  for failure in result.summary.failures[failed_before:])
    if not refused:
        ledger.record(shard.key, shard.fingerprint, pages=outcome.pages,
                      launch_reports=len(outcome.found), now=clock())
    result.pages += outcome.pages
    result.filtered += outcome.filtered
    result.extracted += outcome.extracted
    result.launch_reports += len(outcome.found)
    for stage in ("read", "gate", "extract"):
        result.seconds[stage] = result.seconds.get(stage, 0.0) + getattr(outcome, f"{stage}_s")
    result.shards.append(ShardStatus(shard.key, "done", pages=outcome.pages,
                                     filtered=outcome.filtered,
                                     launch_reports=len(outcome.found)))


def _failed(shard: Shard, exc: BaseException | None, result: BulkResult) -> None:
    reason = f"{type(exc).__name__}: {exc}" if exc is not None else "its task failed"
    result.shards.append(ShardStatus(shard.key, "failed", error=reason))
    result.summary.failures.append(IngestError(
        f"could not be ingested after {SHARD_RETRIES + 1} tries ({reason}); the other shards "
        "are stored: run the same command again to try this one alone", path=shard.key))


def _events(pipeline: Pipeline, dask: Any, result: BulkResult, *, assess: bool,
            progress: bool, console: Console) -> None:
    """One fusion of the launches no event holds yet, planned and assessed on the workers
    (:mod:`.fusion`); the assessments still missing after it (:mod:`.assess`); the context of
    the new reports.  A failure is listed and the next step goes on."""
    def fuse() -> EventChanges:
        with Progress(TextColumn("fusing"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("days"), TimeElapsedColumn(), console=console,
                      transient=True, disable=not progress) as bar:
            task = bar.add_task("fuse", total=None)
            changes, assessed = fuse_on_dask(
                dask, pipeline, assess=assess,
                on_days=lambda done, total: bar.update(task, completed=done, total=total))
        result.summary.events.update(changes.touched)
        result.summary.assessed = assessed
        return changes

    def assess_rest() -> int:
        assessing = DaskAssessing(dask, pipeline, console=console)
        result.summary.assessed += assessing.finish_stale()
        return result.summary.assessed

    steps: list[tuple[str, Callable[[], object]]] = [("fuse", fuse)]
    if assess:
        steps.append(("assess", assess_rest))
    steps.append(("context", pipeline.date_context))
    for name, step in steps:
        started = time.perf_counter()
        try:
            step()
        except LaunchwatchError as exc:
            result.summary.failures.append(exc)
        result.seconds[name] = time.perf_counter() - started
