"""Kept answers given from the event loop and compressed once (``web.compressed``,
``Catalogue.kept_on_loop``), and the start-up objects left out of garbage collection: the same
bytes as before, and a write still visible in the next read (issue 12's load target)."""

from __future__ import annotations

import gc
import gzip
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import anyio.to_thread
import pytest
from starlette.requests import Request

from launchwatch.web import create_app
from launchwatch.web.app import _warm_up
from launchwatch.web.interpreter import SWITCH_INTERVAL_S
from launchwatch.web.compressed import GZIP_MINIMUM_BYTES, Body
from launchwatch.web.data import EventFilter
from launchwatch.web.read_cache import ReadCache

from .conftest import TOKEN, settings_for
from .test_read_cache import NEW_LAUNCH

AUTH = {"Authorization": f"Bearer {TOKEN}"}
KEPT_READS = ("/api/map", "/api/events", "/api/events?class=SRBM", "/api/map?from=2022&to=2022")


def _request(accept_encoding: str | None) -> Request:
    headers = [(b"accept-encoding", accept_encoding.encode())] if accept_encoding else []
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


def _raw(client: Any, url: str, accept_encoding: str) -> tuple[Any, bytes]:
    """The answer's headers and its body as sent, not decoded."""
    with client.stream("GET", url, headers={"Accept-Encoding": accept_encoding}) as answer:
        return answer.headers, b"".join(answer.iter_raw())


def _first_event(client: Any) -> str:
    return client.get("/api/events?limit=1").json()["events"][0]["id"]


@pytest.fixture
def thread_hops(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[..., Any]]]:
    """Every function sent to a worker thread (anyio's, which FastAPI and Starlette use)."""
    sent: list[Callable[..., Any]] = []
    run_sync = anyio.to_thread.run_sync

    async def counted(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        sent.append(function)
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    yield sent


def test_a_body_is_gzipped_once_and_decompresses_to_itself() -> None:
    content = b'{"places": []}' * 200
    body = Body.of(content.decode())
    assert body.content == content
    assert body.gzipped is not None and gzip.decompress(body.gzipped) == content
    assert Body.of(content).gzipped == body.gzipped  # the same bytes whenever it is kept


def test_a_small_body_is_sent_as_it_is_as_the_middleware_sends_it() -> None:
    body = Body.of(b"x" * (GZIP_MINIMUM_BYTES - 1))
    assert body.gzipped is None
    answer = body.response(_request("gzip"), "application/json")
    assert answer.body == body.content and "content-encoding" not in answer.headers


def test_a_client_that_takes_no_gzip_gets_the_plain_bytes() -> None:
    body = Body.of(b"y" * 5000)
    for accept in (None, "identity", "br"):
        answer = body.response(_request(accept), "text/html")
        assert answer.body == body.content and "content-encoding" not in answer.headers
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
    gzipped = body.response(_request("gzip, deflate"), "application/json")
    assert gzipped.body == body.gzipped
    assert gzipped.headers["content-encoding"] == "gzip"
    assert gzipped.headers["vary"] == "Accept-Encoding"
    assert gzipped.headers["content-length"] == str(len(body.gzipped or b""))


def test_kept_answers_decompress_to_the_bytes_the_data_give(client) -> None:
    event_id = _first_event(client)
    data = client.app.state.catalogue
    expected = {
        "/api/map": data.map_data(EventFilter()).model_dump_json().encode(),
        "/api/events": data.page(EventFilter(), limit=100, offset=0).model_dump_json().encode(),
    }
    large = 0
    for url in (*KEPT_READS, f"/events/{event_id}"):
        for _ in range(2):  # read, then kept
            plain_headers, plain = _raw(client, url, "identity")
            headers, sent = _raw(client, url, "gzip")
            assert plain == expected.get(url, plain), url
            assert "content-encoding" not in plain_headers, url
            assert headers["content-type"] == plain_headers["content-type"], url
            if len(plain) < GZIP_MINIMUM_BYTES:  # sent as it is, as the middleware would
                assert sent == plain and "content-encoding" not in headers, url
                continue
            large += 1
            assert headers["content-encoding"] == "gzip", url
            assert "Accept-Encoding" in headers["vary"] and "Accept-Encoding" in \
                plain_headers["vary"], url
            assert gzip.decompress(sent) == plain, url
    assert large >= 4, "the sample store's map, list and page are over the gzip minimum"


def test_kept_answers_are_given_without_a_worker_thread(client, thread_hops) -> None:
    event_id = _first_event(client)
    urls = (*KEPT_READS, f"/events/{event_id}")
    first = {url: client.get(url).content for url in urls}
    thread_hops.clear()
    assert {url: client.get(url).content for url in urls} == first
    assert thread_hops == []


def test_a_filter_that_names_a_country_is_looked_up_off_the_loop(client, thread_hops) -> None:
    client.get("/api/map?country=North%20Korea")
    assert thread_hops, "a country's name is looked up in the store, in a worker thread"
    assert client.get("/api/map?country=Atlantis").status_code == 422


def test_a_write_makes_the_next_kept_read_fresh(client) -> None:
    before = {url: client.get(url).json() for url in ("/api/map", "/api/events")}
    posted = client.post("/api/reports", json={"text": NEW_LAUNCH}, headers=AUTH)
    assert posted.status_code == 201, posted.text
    event_id = posted.json()["events"][0]["id"]
    after_map, after_list = client.get("/api/map").json(), client.get("/api/events").json()
    assert after_map["total"] == before["/api/map"]["total"] + 1
    assert after_list["events"][0]["id"] == event_id
    assert after_list["total"] == before["/api/events"]["total"] + 1
    assert client.get(f"/events/{event_id}").status_code == 200


def test_a_missing_event_page_is_404_and_not_kept(client) -> None:
    for _ in range(2):
        answer = client.get("/events/no-such-event")
        assert answer.status_code == 404 and "no-such-event" in answer.text
    assert client.get("/events/" + "x" * 65).status_code == 404


def test_peek_gives_only_an_answer_that_holds_at_the_counter() -> None:
    version = [1]
    cache = ReadCache(lambda: version[0])
    assert cache.peek("map") is None
    assert cache.get("map", lambda: "map #1") == "map #1"
    assert cache.peek("map") == "map #1"
    version[0] = 2
    assert cache.peek("map") is None  # a stamp would have to be read: not on the loop
    assert cache.get("map", lambda: "map #2") == "map #2"
    assert cache.peek("map") == "map #2"
    assert ReadCache(lambda: None).peek("map") is None


def test_a_kept_none_is_still_kept_by_get() -> None:
    reads = []
    cache = ReadCache(lambda: 1)
    for _ in range(2):
        assert cache.get("featured", lambda: reads.append(1)) is None
    assert reads == [1]


def test_the_warm_up_ends_by_freezing_what_start_up_made(client) -> None:
    app = client.app
    done = threading.Event()
    try:
        _warm_up(app.state.catalogue, app.state.workers, done)
        assert done.is_set()
        assert gc.get_freeze_count() > 0
        # The server's own objects are among those frozen, out of the collector's walks.
        assert not any(obj is app for obj in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_served_app_shortens_the_interpreter_locks_turns_and_a_test_app_does_not(
        sample_db, monkeypatch) -> None:
    from starlette.testclient import TestClient

    set_to: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", set_to.append)
    monkeypatch.setattr("launchwatch.web.app._warm_up", lambda *_: None)
    with TestClient(create_app(settings_for(sample_db), warm_up=False)):
        assert set_to == []
    with TestClient(create_app(settings_for(sample_db))):
        assert set_to == [SWITCH_INTERVAL_S] and SWITCH_INTERVAL_S < sys.getswitchinterval()
