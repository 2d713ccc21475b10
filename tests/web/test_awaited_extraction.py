"""Reports extracted in worker processes are awaited on the event loop
(``WorkerPool.extraction``): no thread of the pool waits for them, the text they carry bounds
them, and a request stays counted until its process is done with it (issue 12's load test,
where short extractions queued for the pool's two threads answered 503 among plain reads)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

from launchwatch.model import Report
from launchwatch.web.errors import ApiError
from launchwatch.web.workers import WorkerPool

from .worker_stand_ins import pause_then_process_id, process_id

PAUSE = Report(source="stand-in.txt", text="0.5")


def _never_here(report: Report) -> None:
    pytest.fail("a report for the worker processes was extracted in the server's process")


@pytest.fixture
def two_processes() -> Iterator[WorkerPool]:
    """Two worker processes, started, behind one thread and no queue for threads, with room
    for the text of two :data:`PAUSE` reports."""
    pool = WorkerPool(threads=1, waiting=0, processes=2,
                      extraction_queue_chars=2 * len(PAUSE.text))
    pool.warm_up(process_id)
    yield pool
    pool.close()


def test_two_extractions_run_at_once_in_two_processes_with_one_thread(two_processes) -> None:
    async def both() -> list[int]:
        return list(await asyncio.gather(*(
            two_processes.extraction(_never_here, lambda: pause_then_process_id, PAUSE)
            for _ in range(2))))

    ran_in = asyncio.run(both())
    assert os.getpid() not in ran_in
    assert len(set(ran_in)) == 2, "the second report waited for the first: a thread held it"
    assert (two_processes.sent, two_processes.sent_chars, two_processes.admitted) == (0, 0, 0)


def test_the_text_they_carry_bounds_awaited_extractions(two_processes) -> None:
    async def three() -> None:
        running = [asyncio.create_task(two_processes.extraction(
            _never_here, lambda: pause_then_process_id, PAUSE)) for _ in range(2)]
        await asyncio.sleep(0)
        assert (two_processes.sent, two_processes.sent_chars) == (2, 2 * len(PAUSE.text))
        with pytest.raises(ApiError) as refused:
            await two_processes.extraction(_never_here, lambda: pause_then_process_id, PAUSE)
        assert refused.value.status == 503 and refused.value.code == "busy"
        assert refused.value.headers["Retry-After"] == str(two_processes.retry_after_s)
        assert "busy with 2 reports" in refused.value.message
        await asyncio.gather(*running)
        # Room again once they are done.
        assert await two_processes.extraction(_never_here, lambda: process_id, PAUSE)

    asyncio.run(three())


def test_one_report_is_taken_even_when_it_alone_is_over_the_bound() -> None:
    pool = WorkerPool(threads=1, waiting=0, processes=1, extraction_queue_chars=1)
    try:
        assert asyncio.run(pool.extraction(_never_here, lambda: process_id, PAUSE)) \
            != os.getpid()
    finally:
        pool.close()


def test_the_bound_follows_the_largest_report_the_server_takes() -> None:
    from pathlib import Path

    from launchwatch.settings import load_settings
    from launchwatch.web.workers import EXTRACTION_QUEUE_CHARS

    def pool_for(**settings: int) -> WorkerPool:
        return WorkerPool.from_settings(load_settings(
            settings, environ={}, config_path=Path("/nonexistent/launchwatch.toml")))

    assert pool_for().extraction_queue_chars == EXTRACTION_QUEUE_CHARS
    assert pool_for(max_upload_bytes=4_000_000).extraction_queue_chars == \
        4 * EXTRACTION_QUEUE_CHARS


def test_a_request_whose_client_left_is_counted_until_its_process_is_done(two_processes):
    async def leave() -> None:
        request = asyncio.create_task(two_processes.extraction(
            _never_here, lambda: pause_then_process_id, PAUSE))
        await asyncio.sleep(0.1)  # sent to a process, which is busy with it
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request
        assert two_processes.sent == 1, "the process is still busy with the report"
        for _ in range(200):
            if two_processes.sent == 0:
                return
            await asyncio.sleep(0.05)
        pytest.fail("the request was still counted after its process was done")

    asyncio.run(leave())


def test_without_processes_the_report_is_extracted_here_in_a_thread() -> None:
    pool = WorkerPool(threads=1, waiting=0, processes=0)

    def extractor_not_needed():  # type: ignore[no-untyped-def]
        pytest.fail("the extractor was asked for, though nothing is sent to a process")

    assert asyncio.run(pool.extraction(process_id, extractor_not_needed, PAUSE)) == os.getpid()
