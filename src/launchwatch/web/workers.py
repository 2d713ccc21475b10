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
``web_extraction_processes`` setting, 2 by default) :meth:`WorkerPool.extract` sends the
report to one of that many worker processes, each of which loads the extractor once and keeps
it; the thread that sent it only waits.  Workers are started with ``spawn`` (a forked child
would inherit the server's database connections and threads) and end within a second of the
server's end, however it ended (:func:`launchwatch.ingest.batches.start_worker`, as the
ingest's workers do).  With 0, reports are extracted in the threads themselves: for tests,
which replace the extractor in the server's process, and for a server with one user.
"""

from __future__ import annotations

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

# Extracted once in each worker process as it starts, so that the first visitor's report does
# not wait for the extractor's models to load.
WARM_UP_REPORT = Report(source="warm-up", text=(
    "North Korea fired a short-range ballistic missile from the Sunan area on Monday, South "
    "Korea's Joint Chiefs of Staff said. It flew about 600 km."))


class WorkerPool:
    """``threads`` threads for CPU work, room for ``waiting`` requests to wait for one, and
    ``processes`` worker processes that extract reports (none: extract in the threads).

    Use :meth:`run` from the event loop only (the counts are kept there, without a lock);
    :meth:`extract` from any thread.
    """

    def __init__(self, threads: int = WORKER_THREADS, waiting: int = WORKER_WAITING, *,
                 processes: int = 0, retry_after_s: int = RETRY_AFTER_S) -> None:
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
        self.admitted = 0  # running or waiting
        # Made on first use, inside the event loop that serves the app.
        self._limiter: anyio.CapacityLimiter | None = None
        # Started on first use (warm_up or extract), again after a worker died.
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._sendable: dict[int, tuple[ExtractFunction, bool]] = {}  # by id(extractor)

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkerPool:
        return cls(processes=settings.web_extraction_processes)

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
            f"The server is busy with {self.admitted} reports already; try again in "
            f"{self.retry_after_s} seconds"),
            headers={"Retry-After": str(self.retry_after_s)})

    # -- extraction --------------------------------------------------------------------------

    def extract(self, extract: ExtractFunction, report: Report) -> Extraction:
        """``extract(report)`` in a worker process, waiting for it; here when the pool has no
        processes or ``extract`` cannot be sent to one (a test's stand-in).  The extractor's
        errors are raised here as they were there.  Called from a thread of :meth:`run`, so
        that the requests extracting at once are as many as its threads."""
        if not self._in_processes(extract):
            return extract(report)
        pool = self._started()
        try:
            return pool.submit(operator.call, extract, report).result()
        except BrokenExecutor as exc:
            self._forget(pool)
            raise ApiError(503, "busy", (
                f"The process extracting the report stopped ({exc}); it is being restarted: "
                f"try again in {self.retry_after_s} seconds"),
                headers={"Retry-After": str(self.retry_after_s)}) from None

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
