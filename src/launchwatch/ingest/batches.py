"""The ingest stage: skip reports already stored, extract the launches of the rest, store each.

Duplicates are found by content hash before extraction, a few hundred reports per query, so a
re-ingest of a whole archive costs reading it and little more.  A batch's new reports are
stored with their launches in one transaction; when the database refuses that, each is stored
in its own, so that a report that cannot be stored is named.  A report that cannot be read,
extracted or stored is listed in the summary with the reason, and the batch goes on.

Extraction is the slow step; with ``workers`` > 1 it runs in worker processes, a batch ahead of
the storing, which stays in this process (one writer, in order).  A worker ends itself within
a second of its parent's end, however the parent ended (``kill -9`` included).

Each stored report's publication date is checked against the missile era
(:func:`launchwatch.model.era_problem`) and each of its launches' values against their plausible
ranges (:func:`launchwatch.model.plausibility`); one outside is stored as found and listed in
the summary's ``warnings`` for a person to check.

:func:`ingest_batches` yields after each batch is stored, so that its caller
(:meth:`launchwatch.pipeline.Pipeline.ingest`) can fuse the new launches into events before
the next; it knows nothing of events or of the database but :class:`ReportSink`.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import islice
from multiprocessing import get_context
from typing import Any, Protocol

from ..errors import ExtractionError, IngestError, LaunchwatchError
from ..model import Extraction, Report, era_problem, plausibility
from .reader import ReadResult

ExtractFunction = Callable[[Report], Extraction]
Progress = Callable[[int], None]

CHUNK_SIZE = 256


class ReportSink(Protocol):
    """Where the ingest stage stores reports (the store's ``ReportWriter``)."""

    def existing_hashes(self, hashes: Iterable[str]) -> set[str]: ...

    def add(self, report: Report, extraction: Extraction, *, now: datetime) -> bool: ...

    def add_all(self, stored: Sequence[tuple[Report, Extraction, datetime]]) -> bool: ...


@dataclass
class IngestSummary:
    """What an ingest did: counts of reports, and each failure with where and why."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    launches: int = 0  # launches the new reports are about
    background: int = 0  # earlier launches they recall
    failures: list[LaunchwatchError] = field(default_factory=list)
    warnings: list[LaunchwatchError] = field(default_factory=list)  # implausible values, kept
    events: set[str] = field(default_factory=set)  # ids of events created or changed
    assessed: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_record(self) -> dict[str, Any]:
        return {"read": self.read, "new": self.new, "duplicate": self.duplicate,
                "failed": self.failed, "launches": self.launches,
                "background": self.background,
                "events": len(self.events), "assessed": self.assessed,
                "failures": [_where_and_why(f) for f in self.failures],
                "warnings": [_where_and_why(w) for w in self.warnings]}


def _where_and_why(error: LaunchwatchError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "field": error.field,
            "message": error.message}


def cpu_count() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def ingest_batches(items: Iterable[ReadResult], sink: ReportSink, *, extractor: ExtractFunction,
                   clock: Callable[[], datetime], on_progress: Progress | None = None,
                   workers: int = 1,
                   summary: IngestSummary | None = None) -> Iterator[IngestSummary]:
    """Store ``items`` (reports, and the read errors among them) a batch at a time into
    ``sink``, counting into ``summary``; yields it after each batch is stored.

    With ``workers`` > 1 ``extractor`` runs in that many worker processes (so it must be
    picklable: a module-level function or an instance of a module-level class) while this
    process reads and stores.  ``on_progress(n)`` is told of
    each item done; ``clock()`` says when each report is stored.
    """
    summary = summary if summary is not None else IngestSummary()
    planned: set[str] = set()
    with _Extracting(extractor, workers) as extracting:
        batches = (_plan(chunk, sink, extracting, planned)
                   for chunk in _chunks(items, CHUNK_SIZE))
        # Plan one batch ahead: its extractions run in the workers while this one is stored.
        batch = next(batches, None)
        while batch is not None:
            following = next(batches, None)
            _finish(batch, sink, clock, summary, on_progress)
            yield summary
            batch = following


def extract_safely(extract: ExtractFunction, report: Report) -> Extraction | LaunchwatchError:
    """The extraction, or its failure as an error naming the report (so the batch goes on).

    Module-level so that worker processes can run it.
    """
    try:
        return extract(report)
    except LaunchwatchError as exc:
        return exc if exc.path else type(exc)(exc.message, path=report.source, line=exc.line,
                                              field=exc.field)
    except Exception as exc:  # noqa: BLE001 - one report's extractor bug must not end the batch
        return ExtractionError(f"the extractor failed on it ({type(exc).__name__}: {exc}); "
                               "this is a bug in launchwatch, please report it with this report "
                               "attached", path=report.source)


def extract_all_safely(extract: ExtractFunction,
                       reports: list[Report]) -> list[Extraction | LaunchwatchError]:
    return [extract_safely(extract, report) for report in reports]


Pending = Callable[[], "Extraction | LaunchwatchError"]
_CHUNK = 16  # reports per task sent to a worker process


class _Extracting:
    """Starts extractions: run when asked for in this process, or at once in worker processes."""

    def __init__(self, extract: ExtractFunction, workers: int) -> None:
        self.extract = extract
        self.pool: ProcessPoolExecutor | None = None
        if workers > 1:
            try:
                pickle.dumps(extract)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                raise ExtractionError(f"the extractor cannot be sent to worker processes "
                                      f"({exc}); pass a module-level function, or use one "
                                      "worker") from None
            # spawn, not fork: a forked child would inherit the progress bar's thread and the
            # database connections; spawn is also what macOS and Windows do.
            self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                            initializer=start_worker, initargs=(os.getpid(),))

    def start(self, reports: list[Report]) -> list[Pending]:
        """Start extracting ``reports``; in worker processes they travel in chunks, because
        sending each report on its own costs the parent about as much as extracting it."""
        if self.pool is None:
            return [partial(extract_safely, self.extract, report) for report in reports]
        pending: list[Pending] = []
        for first in range(0, len(reports), _CHUNK):
            chunk = reports[first:first + _CHUNK]
            try:
                future = self.pool.submit(extract_all_safely, self.extract, chunk)
            except BrokenExecutor as exc:
                raise _worker_stopped(exc) from None
            pending.extend(partial(_result, future, k) for k in range(len(chunk)))
        return pending

    def __enter__(self) -> _Extracting:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


_PARENT_POLL_S = 0.5


def start_worker(parent_pid: int) -> None:
    """The start of an extraction worker process, here or in the web app's pool: it ends
    within a second of its parent's end (:func:`_end_with_parent`)."""
    # Ctrl-C reaches the whole process group; the parent stops the batch (keeping what is
    # stored), and workers printing a traceback each would only bury its message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_parent, args=(parent_pid,), name="end-with-parent",
                     daemon=True).start()


def _end_with_parent(parent_pid: int) -> None:
    """End this worker once its parent is gone (the worker is then another process's child).

    A parent killed with SIGKILL cleans nothing up, and a worker waiting on the task queue
    would wait for ever (issue 12: about 158 MB each, still there after 90 s).  Linux's
    PR_SET_PDEATHSIG is not used: it fires when the parent *thread* that started the worker
    ends, which in a thread pool (the web app) is not the parent's end.
    """
    while os.getppid() == parent_pid:
        time.sleep(_PARENT_POLL_S)
    os._exit(1)


def _result(future: Future[list[Extraction | LaunchwatchError]],
            k: int) -> Extraction | LaunchwatchError:
    try:
        return future.result()[k]
    except BrokenExecutor as exc:
        raise _worker_stopped(exc) from None


def _worker_stopped(exc: BrokenExecutor) -> ExtractionError:
    return ExtractionError(f"an extraction worker process stopped ({exc}); the reports stored "
                           "so far are kept, so run the ingest again, with --workers 1 if it "
                           "happens again")


@dataclass
class _Batch:
    items: list[ReadResult]
    pending: dict[int, Pending]  # by position in items: the reports to extract and store


def _plan(items: list[ReadResult], sink: ReportSink, extracting: _Extracting,
          planned: set[str]) -> _Batch:
    """Find which reports are new (one query) and start extracting them."""
    stored = sink.existing_hashes(item.content_hash for item in items
                                   if isinstance(item, Report))
    positions: list[int] = []
    for position, item in enumerate(items):
        if isinstance(item, Report) and item.content_hash not in stored \
                and item.content_hash not in planned:
            planned.add(item.content_hash)
            positions.append(position)
    started = extracting.start([items[p] for p in positions])  # type: ignore[misc]
    return _Batch(items, dict(zip(positions, started)))


def _finish(batch: _Batch, sink: ReportSink, clock: Callable[[], datetime],
            summary: IngestSummary, on_progress: Progress | None) -> None:
    """Store the batch's new reports, all in one transaction, or each in its own when the
    database refuses that one (then each failure names its report), and count everything."""
    ready: list[tuple[Report, Extraction, datetime]] = []
    for position, item in enumerate(batch.items):
        if isinstance(item, LaunchwatchError):
            summary.failures.append(item)
        else:
            summary.read += 1
            pending = batch.pending.get(position)
            extraction = None if pending is None else pending()
            if extraction is None:
                summary.duplicate += 1
            elif isinstance(extraction, LaunchwatchError):
                summary.failures.append(extraction)
            else:
                ready.append((item, extraction, clock()))
        if on_progress is not None:  # as each is read and extracted (here, without workers)
            on_progress(1)
    if sink.add_all(ready):
        for report, extraction, now in ready:
            _count_new(report, extraction, now, summary)
    else:
        for report, extraction, now in ready:
            _store(report, extraction, now, sink, summary)


def _store(report: Report, extraction: Extraction, now: datetime, sink: ReportSink,
           summary: IngestSummary) -> None:
    """Store one report in a transaction of its own."""
    try:
        is_new = sink.add(report, extraction, now=now)
    except LaunchwatchError as exc:
        summary.failures.append(exc)
        return
    if is_new:
        _count_new(report, extraction, now, summary)
    else:
        summary.duplicate += 1


def _count_new(report: Report, extraction: Extraction, now: datetime,
               summary: IngestSummary) -> None:
    summary.new += 1
    _flag_implausible(report, extraction, now.date(), summary)
    for launch in extraction.launches:
        if launch.role == "background":
            summary.background += 1
        else:
            summary.launches += 1


def _flag_implausible(report: Report, extraction: Extraction, today: date,
                      summary: IngestSummary) -> None:
    """List the report's implausible values in the summary's warnings (module docstring)."""
    published = report.published
    if published is not None and (problem := era_problem(published.date(), today=today)):
        summary.warnings.append(IngestError(
            f"{published.isoformat()} {problem}; the report is kept: check the year",
            path=report.source, field="published"))
    for launch in extraction.launches:
        for flag in plausibility(launch, today=today):
            summary.warnings.append(IngestError(flag.message, path=report.source,
                                                field=flag.field))


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk

