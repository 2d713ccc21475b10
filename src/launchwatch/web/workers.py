"""The work of a request that takes CPU (reading an upload, extracting a report) off the event
loop, into a few threads with a bounded queue.

The web app answers every request from one event loop.  A route that extracted in place held
that loop for as long as the extractor ran, and every other visitor waited with it: 5.4 s for
6 KB of ``%`` (issue 12).  :meth:`WorkerPool.run` hands the work to one of ``threads`` threads;
at most ``waiting`` more requests wait for a thread, and one beyond that is answered at once
with 503 and ``Retry-After`` rather than queued behind work that may take minutes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from .errors import ApiError

T = TypeVar("T")

# Two threads: the extractor is Python holding the GIL, so more threads would not extract
# faster, only let more slow reports in at once; two keep one slow report from blocking the
# next.  Eight waiting requests hold at most eight bodies of max_upload_bytes in memory.
WORKER_THREADS = 2
WORKER_WAITING = 8
RETRY_AFTER_S = 5


class WorkerPool:
    """``threads`` threads for CPU work, and room for ``waiting`` requests to wait for one.

    Use from the event loop only (the counts are kept there, without a lock).
    """

    def __init__(self, threads: int = WORKER_THREADS, waiting: int = WORKER_WAITING, *,
                 retry_after_s: int = RETRY_AFTER_S) -> None:
        if threads < 1:
            raise ValueError(f"a worker pool needs at least one thread, not {threads}")
        if waiting < 0:
            raise ValueError(f"a worker pool's queue holds 0 or more requests, not {waiting}")
        self.threads = threads
        self.waiting = waiting
        self.retry_after_s = retry_after_s
        self.admitted = 0  # running or waiting
        # Made on first use, inside the event loop that serves the app.
        self._limiter: anyio.CapacityLimiter | None = None

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
