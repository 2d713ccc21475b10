"""Extraction runs off the event loop, in a bounded pool: one slow report does not stop the
server answering others, and a full pool answers 503 with Retry-After at once (issue 12,
finding 1)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from launchwatch.web import create_app
from launchwatch.web.data import Catalogue
from launchwatch.web.workers import WorkerPool

from .conftest import TOKEN, LiveServer, settings_for
from .test_api import NEW_REPORT, assert_error

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


@pytest.mark.parametrize("threads, waiting", [(0, 1), (1, -1)])
def test_a_pool_needs_a_thread_and_a_queue_of_zero_or_more(threads, waiting):
    with pytest.raises(ValueError):
        WorkerPool(threads=threads, waiting=waiting)
