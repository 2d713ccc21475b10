"""The work of a request that takes CPU (reading an upload, extracting a report) off the event
loop, into a few threads with a bounded queue, and extraction off the server's process.

The web app answers every request from one event loop.  A route that extracted in place held
that loop for as long as the extractor ran, and every other visitor waited with it: 5.4 s for
6 KB of ``%`` (issue 12).  :meth:`WorkerPool.run` hands the work to one of ``threads`` threads;
at most ``waiting`` more requests wait for a thread, and one beyond that is answered at once
with 503 and ``Retry-After`` rather than queued behind work that may take minutes.

A thread is not enough for extraction: the extractor is Python, and while it runs it holds the
interpreter lock that the event loop and every read need too, so a 2 MB report still slowed
every read of the server (p99 780 ms against 210 ms).  With ``processes`` > 0 (the
``web_extraction_processes`` setting, 2 by default) a report is sent to one of that many
worker processes, each of which loads the extractor once and keeps it: from the event loop,
which awaits it (:meth:`WorkerPool.extraction`, a report extracted and not saved), or from the
thread that saves the report, which only waits (:meth:`WorkerPool.extract`).  Workers are
started with ``spawn`` (a forked child would inherit the server's database connections and
threads) and end within a second of the server's end, however it ended
(:func:`launchwatch.ingest.batches.start_worker`, as the ingest's workers do).  With 0,
reports are extracted in the threads themselves: for tests, which replace the extractor in the
server's process, and for a server with one user.
"""

from __future__ import annotations

import asyncio
import functools
import operator
import os
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from ..ingest import ExtractFunction
from ..ingest.batches import start_worker
from ..model import Extraction, Report
from ..settings import Settings
from .errors import ApiError

T = TypeVar("T")

# Two threads: each runs one report's work at once, so two keep one slow report from
# blocking the next.  Eight waiting requests hold at most eight bodies of max_upload_bytes in
# memory.
WORKER_THREADS = 2
WORKER_WAITING = 8
RETRY_AFTER_S = 5
# Reports awaited in the worker processes hold no thread (WorkerPool.extraction); what bounds
# them is the text they carry: by default as much as the threads and the queue could hold
# (ten reports of 1,000,000 bytes), which also bounds how long the last of them waits, the
# extractor being linear in its input.  A short report is then refused only behind seconds of
# work, not because ten others of a few hundred bytes are being handed over.
EXTRACTION_QUEUE_CHARS = (WORKER_THREADS + WORKER_WAITING) * 1_000_000

# Extracted once in each worker process as it starts, so that the first visitor's report does
# not wait for the extractor's models to load.
WARM_UP_REPORT = Report(source="warm-up", text=(
    "North Korea fired a short-range ballistic missile from the Sunan area on Monday, South "
    "Korea's Joint Chiefs of Staff said. It flew about 600 km."))


class WorkerPool:
    """``threads`` threads for CPU work, room for ``waiting`` requests to wait for one, and
    ``processes`` worker processes that extract reports (none: extract in the threads).

    Use :meth:`run` and :meth:`extraction` from the event loop only (the counts are kept
    there, without a lock); :meth:`extract` from any thread.
    """

    def __init__(self, threads: int = WORKER_THREADS, waiting: int = WORKER_WAITING, *,
                 processes: int = 0, retry_after_s: int = RETRY_AFTER_S,
                 extraction_queue_chars: int = EXTRACTION_QUEUE_CHARS) -> None:
        if threads < 1:
            raise ValueError(f"a worker pool needs at least one thread, not {threads}")
        if waiting < 0:
            raise ValueError(f"a worker pool's queue holds 0 or more requests, not {waiting}")
        if processes < 0:
            raise ValueError(f"a worker pool has 0 or more processes, not {processes}")
        self.threads = threads
        self.waiting = waiting
        self.processes = processes
        self.retry_after_s = retry_after_s
        self.extraction_queue_chars = extraction_queue_chars
        self.admitted = 0  # running or waiting for a thread
        self.sent = 0  # awaited in the worker processes (extraction)
        self.sent_chars = 0  # the text those carry
        # Made on first use, inside the event loop that serves the app.
        self._limiter: anyio.CapacityLimiter | None = None
        # Started on first use (warm_up or extract), again after a worker died.
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._sendable: dict[int, tuple[ExtractFunction, bool]] = {}  # by id(extractor)

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkerPool:
        return cls(processes=settings.web_extraction_processes,
                   extraction_queue_chars=(WORKER_THREADS + WORKER_WAITING)
                   * settings.max_upload_bytes)

    async def run(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``work(*args, **kwargs)`` in a thread of the pool; raises :class:`ApiError` 503
        (``busy``, with ``Retry-After``) when every thread is taken and the queue is full.

        A request whose client goes away still waits for its work to finish, so the counts
        stay true (a thread cannot be stopped).
        """
        if self.admitted >= self.threads + self.waiting:
            raise self.busy()
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        self.admitted += 1
        try:
            return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs),
                                                  limiter=self._limiter)
        finally:
            self.admitted -= 1

    def busy(self) -> ApiError:
        return ApiError(503, "busy", (
            f"The server is busy with {self.admitted + self.sent} reports already; try again in "
            f"{self.retry_after_s} seconds"),
            headers={"Retry-After": str(self.retry_after_s)})

    # -- extraction --------------------------------------------------------------------------

    def extract(self, extract: ExtractFunction, report: Report) -> Extraction:
        """``extract(report)`` in a worker process, waiting for it; here when the pool has no
        processes or ``extract`` cannot be sent to one (a test's stand-in).  The extractor's
        errors are raised here as they were there.  Called from a thread of :meth:`run` (a
        report being saved), so that the requests extracting at once are as many as its
        threads."""
        if not self._in_processes(extract):
            return extract(report)
        pool = self._started()
        try:
            return pool.submit(operator.call, extract, report).result()
        except BrokenExecutor as exc:
            raise self._stopped(pool, exc) from None

    async def extraction(self, extract_here: Callable[[Report], Extraction],
                         extractor: Callable[[], ExtractFunction],
                         report: Report) -> Extraction:
        """``report`` extracted for a coroutine; raises :class:`ApiError` 503 (``busy``,
        with ``Retry-After``) when the queue is full.

        In a worker process, ``extractor()(report)`` is awaited on the event loop: no thread of
        the pool waits for the process, so the requests extracting at once are bounded by the
        text they carry (``extraction_queue_chars``, :data:`EXTRACTION_QUEUE_CHARS`), not by the
        threads, and the processes take them in turn.  With the threads in
        between, each short report held a thread for three or four handovers of the
        interpreter lock to and from a busy event loop (about 6 ms, 30 ms at the 99th
        percentile, for 3 ms of extraction), and 32 clients filled the queue with requests
        waiting for a thread: 503s among plain reads (issue 12's load test).  The request
        stays counted until the process is done with it, even when its client has gone.
        Without processes, or for an extractor that stays here, ``extract_here(report)`` runs
        in a thread of :meth:`run`, and ``extractor`` (which may load the extractor: the
        server's warm-up does that beforehand when there are processes) is not called.
        """
        extract = extractor() if self.processes else None
        if extract is None or not self._in_processes(extract):
            return await self.run(extract_here, report)
        chars = len(report.text)
        if self.sent and self.sent_chars + chars > self.extraction_queue_chars:
            raise self.busy()
        pool = self._started()
        loop = asyncio.get_running_loop()
        try:
            submitted = pool.submit(operator.call, extract, report)
        except BrokenExecutor as exc:
            raise self._stopped(pool, exc) from None
        self.sent += 1
        self.sent_chars += chars
        done = functools.partial(self._done, chars)
        submitted.add_done_callback(lambda _: _call_soon(loop, done))
        try:
            return await asyncio.wrap_future(submitted)
        except BrokenExecutor as exc:
            raise self._stopped(pool, exc) from None

    def _done(self, chars: int) -> None:
        self.sent -= 1
        self.sent_chars -= chars

    def _stopped(self, pool: ProcessPoolExecutor, exc: BaseException) -> ApiError:
        """A worker process died under ``pool``: the pool is replaced at the next report."""
        self._forget(pool)
        return ApiError(503, "busy", (
            f"The process extracting the report stopped ({exc}); it is being restarted: "
            f"try again in {self.retry_after_s} seconds"),
            headers={"Retry-After": str(self.retry_after_s)})

    def warm_up(self, extract: ExtractFunction) -> None:
        """Load ``extract`` where reports will be extracted: start every worker process and
        extract :data:`WARM_UP_REPORT` in each, or load it in this process.  Blocks until
        done (the app runs it in its warm-up thread)."""
        if not self._in_processes(extract):
            extract(WARM_UP_REPORT)
            return
        pool = self._started()
        # As many at once as there are workers: a worker is started for each task that
        # finds none idle, and each takes one, as a rule (a worker that took none loads the
        # extractor at its first report).
        for started in [pool.submit(operator.call, extract, WARM_UP_REPORT)
                        for _ in range(self.processes)]:
            started.result()

    def close(self) -> None:
        """Stop the worker processes (without waiting for an extraction under way)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _in_processes(self, extract: ExtractFunction) -> bool:
        if self.processes == 0:
            return False
        # Checked once for each extractor (and the extractor kept, so that its id is never
        # another's): a module-level function, such as the default extractor, travels by
        # name; a function made in a test, or any object that does not pickle, stays here.
        checked = self._sendable.get(id(extract))
        if checked is None or checked[0] is not extract:
            try:
                pickle.dumps(extract)
                checked = (extract, True)
            except (pickle.PicklingError, TypeError, AttributeError):
                checked = (extract, False)
            self._sendable[id(extract)] = checked
        return checked[1]

    def _started(self) -> ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.processes, mp_context=get_context("spawn"),
                                                 initializer=start_worker,
                                                 initargs=(os.getpid(),))
            return self._pool

    def _forget(self, broken: ProcessPoolExecutor) -> None:
        """Drop a pool whose worker died (killed, out of memory), so that the next report
        starts a new one."""
        with self._pool_lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """``callback`` on ``loop`` from another thread; nothing once the loop has closed (the
    server has stopped, and its counts with it)."""
    try:
        loop.call_soon_threadsafe(callback)
    except RuntimeError:
        pass
