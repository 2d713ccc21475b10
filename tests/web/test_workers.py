"""Extraction runs off the event loop, in a bounded pool: one slow report does not stop the
server answering others, and a full pool answers 503 with Retry-After at once (issue 12,
finding 1)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from launchwatch.errors import ExtractionError
from launchwatch.model import Report
from launchwatch.web import create_app
from launchwatch.web.data import Catalogue
from launchwatch.web.errors import ApiError
from launchwatch.web.workers import WorkerPool

from .conftest import TOKEN, LiveServer, settings_for
from .test_api import NEW_REPORT, assert_error
from .worker_stand_ins import die, process_id, refuse

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SLOW_EXTRACTION_S = 3.0
# A read on an idle server takes milliseconds; a second leaves room for a slow machine and
# is still far below the extraction it must not wait for.
READ_MAX_S = 1.0


@pytest.fixture
def held_extraction(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every extraction waits until the returned event is set (at most
    :data:`SLOW_EXTRACTION_S`), then extracts as usual."""
    release = threading.Event()
    original = Catalogue.extract

    def slow_extract(self: Catalogue, report):  # type: ignore[no-untyped-def]
        release.wait(SLOW_EXTRACTION_S)
        return original(self, report)

    monkeypatch.setattr(Catalogue, "extract", slow_extract)
    return release


def started(server: LiveServer, pool: ThreadPoolExecutor, path: str, **kwargs):
    """A request sent from a thread of ``pool``; returns its future once it is in flight."""
    future = pool.submit(httpx.post, server.url + path, timeout=30, **kwargs)
    time.sleep(0.3)  # time for the request to reach the extractor
    return future


@pytest.mark.parametrize("path, form", [("/api/extract", False), ("/api/reports", False),
                                        ("/paste", True)])
def test_reads_are_answered_while_a_slow_extraction_runs(held_extraction, live_server, path,
                                                         form):
    body = ({"data": {"text": NEW_REPORT, "action": "preview"}} if form
            else {"json": {"text": NEW_REPORT}, "headers": AUTH})
    with ThreadPoolExecutor(max_workers=1) as pool:
        slow = started(live_server, pool, path, **body)
        began = time.monotonic()
        read = httpx.get(live_server.url + "/api/events", params={"limit": 5}, timeout=30)
        took_s = time.monotonic() - began
        assert took_s < READ_MAX_S, (f"GET /api/events took {took_s:.2f} s while a report "
                                     "was being extracted: the extraction holds the event loop")
        assert not slow.done(), "the extraction should still be running"
        held_extraction.set()
        assert slow.result().status_code in (200, 201), slow.result().text
    assert read.status_code == 200


def test_a_full_pool_answers_503_with_retry_after(held_extraction, sample_db):
    workers = WorkerPool(threads=1, waiting=1, retry_after_s=7)
    app = create_app(settings_for(sample_db, api_token=TOKEN), warm_up=False, workers=workers)
    with LiveServer(app) as server, ThreadPoolExecutor(max_workers=2) as pool:
        running = started(server, pool, "/api/extract", json={"text": NEW_REPORT})
        waiting = started(server, pool, "/api/extract", json={"text": NEW_REPORT})
        deadline = time.monotonic() + 10
        while workers.admitted < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers.admitted == 2, "one extraction should run and one wait"
        began = time.monotonic()
        refused = httpx.post(server.url + "/api/extract", json={"text": NEW_REPORT},
                             timeout=30)
        took_s = time.monotonic() - began
        page = httpx.post(server.url + "/paste", data={"text": NEW_REPORT,
                                                       "action": "preview"}, timeout=30)
        saving = httpx.post(server.url + "/api/reports", json={"text": NEW_REPORT},
                            headers=AUTH, timeout=30)
        held_extraction.set()
        assert running.result().status_code == 200
        assert waiting.result().status_code == 200
        after = httpx.post(server.url + "/api/extract", json={"text": NEW_REPORT}, timeout=30)
    error = assert_error(refused, 503, "busy")
    assert refused.headers["retry-after"] == "7"
    assert "7 seconds" in error["message"]
    assert took_s < READ_MAX_S, "a full pool should refuse at once, not queue the request"
    assert page.status_code == 503 and page.headers["retry-after"] == "7"
    assert "try again" in page.text
    assert_error(saving, 503, "busy")
    assert after.status_code == 200, "the pool takes work again once it has room"


def test_the_busy_answer_is_documented(client):
    document = client.get("/api/openapi.json").json()
    for path in ("/api/extract", "/api/reports"):
        busy = document["paths"][path]["post"]["responses"]["503"]
        assert "Retry-After" in busy["headers"]
        assert busy["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


@pytest.mark.parametrize("threads, waiting, processes", [(0, 1, 0), (1, -1, 0), (1, 1, -1)])
def test_a_pool_needs_a_thread_a_queue_and_processes_of_zero_or_more(threads, waiting,
                                                                     processes):
    with pytest.raises(ValueError):
        WorkerPool(threads=threads, waiting=waiting, processes=processes)


# -- worker processes ----------------------------------------------------------------------

REPORT = Report(source="stand-in.txt", text="Nothing to extract.")
# Starting a worker process imports Python afresh: seconds on a busy machine.
WORKER_START_MAX_S = 120.0


@pytest.fixture
def one_process():
    pool = WorkerPool(threads=1, waiting=0, processes=1)
    yield pool
    pool.close()


def test_an_extractor_runs_in_a_worker_process_and_stays_loaded(one_process):
    first = one_process.extract(process_id, REPORT)
    assert first != os.getpid(), "the report was extracted in the server's own process"
    assert one_process.extract(process_id, REPORT) == first, "one worker, started once"


def test_without_processes_or_with_a_local_extractor_it_extracts_here(one_process):
    assert WorkerPool(processes=0).extract(process_id, REPORT) == os.getpid()
    # A function made here cannot be sent to another process by name: it runs here.
    assert one_process.extract(lambda report: os.getpid(), REPORT) == os.getpid()


def test_the_extractors_error_comes_back_as_it_was_raised(one_process):
    with pytest.raises(ExtractionError, match="refuses every report") as raised:
        one_process.extract(refuse, REPORT)
    assert raised.value.path == REPORT.source


def test_a_worker_that_dies_is_answered_503_and_replaced(one_process):
    with pytest.raises(ApiError) as refused:
        one_process.extract(die, REPORT)
    assert (refused.value.status, refused.value.code) == (503, "busy")
    assert refused.value.headers["Retry-After"] == str(one_process.retry_after_s)
    assert "try again" in refused.value.message
    assert one_process.extract(process_id, REPORT) != os.getpid(), "a new worker takes over"


def test_the_web_app_extracts_in_worker_processes(sample_db, client):
    """The setting's processes, with the real extractor: the same answers as in a thread."""
    app = create_app(settings_for(sample_db, api_token=TOKEN, web_extraction_processes=1),
                     warm_up=False)
    assert app.state.workers.processes == 1
    with LiveServer(app) as server:
        extracted = httpx.post(server.url + "/api/extract", json={"text": NEW_REPORT},
                               timeout=WORKER_START_MAX_S)
        saved = httpx.post(server.url + "/api/reports", json={"text": NEW_REPORT},
                           headers=AUTH, timeout=WORKER_START_MAX_S)
    assert extracted.status_code == 200, extracted.text
    assert extracted.json()["extraction"]["launches"], "the worker found no launch"
    assert extracted.json() == client.post("/api/extract", json={"text": NEW_REPORT}).json()
    assert saved.status_code == 201, saved.text
    assert saved.json()["events"]


# A server's stand-in: its worker says its process id and stays busy until the test kills
# the server.  A busy worker reads no more tasks, so only its watch on its parent ends it.
_PARENT = """
import sys
sys.path.insert(0, sys.argv[1])
from launchwatch.model import Report
from launchwatch.web.workers import WorkerPool
from web.worker_stand_ins import announce_and_sleep
WorkerPool(processes=1).extract(announce_and_sleep, Report(source="x", text="x"))
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie waiting to be reaped by a
    container's init has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_worker_processes_end_when_the_server_is_killed():
    # Its multiprocessing's resource tracker, orphaned too, complains on stderr: not ours.
    with subprocess.Popen([sys.executable, "-c", _PARENT,
                           str(Path(__file__).resolve().parents[1])],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as parent:
        try:
            worker = int(parent.stdout.readline())  # type: ignore[union-attr]  # busy now
            assert worker != parent.pid and _running(worker)
        finally:
            parent.kill()  # SIGKILL: the server cleans nothing up
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker), "the worker outlived its server by 10 s"
