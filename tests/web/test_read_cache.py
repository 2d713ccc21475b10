"""Answers kept between writes (``web.read_cache``): a write, from the web app or from another
process, is visible in the next read; until then the kept answer is given."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from launchwatch.model import Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store, queries
from launchwatch.store.queries import ChangeCounter
from launchwatch.web.data import Catalogue
from launchwatch.web.read_cache import ReadCache

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
KST = timezone(timedelta(hours=9))
# A launch on a day no sample report names.
NEW_LAUNCH = ("SEOUL -- North Korea fired a short-range ballistic missile from the Sunan area "
              "on 3 February 2031, South Korea's Joint Chiefs of Staff said. The missile flew "
              "about 450 km and reached an altitude of about 60 km.")
# A report that is stored but describes no launch: it changes no event.
NO_LAUNCH = "Heavy rain is expected in Seoul on Tuesday, the weather agency said."


class Counter:
    def __init__(self) -> None:
        self.version: int | None = 1
        self.reads = 0

    def read(self, value: str) -> str:
        self.reads += 1
        return f"{value} #{self.reads}"


def test_an_answer_is_kept_until_the_version_moves() -> None:
    counter = Counter()
    cache = ReadCache(lambda: counter.version)
    assert cache.get("map", lambda: counter.read("map")) == "map #1"
    assert cache.get("map", lambda: counter.read("map")) == "map #1"
    assert cache.get("list", lambda: counter.read("list")) == "list #2"
    counter.version = 2
    assert cache.get("map", lambda: counter.read("map")) == "map #3"
    assert cache.get("list", lambda: counter.read("list")) == "list #4"


def test_without_a_version_nothing_is_kept() -> None:
    counter = Counter()
    counter.version = None
    cache = ReadCache(lambda: counter.version)
    assert cache.get("map", lambda: counter.read("map")) == "map #1"
    assert cache.get("map", lambda: counter.read("map")) == "map #2"


def test_the_least_recently_used_answer_goes_first() -> None:
    counter = Counter()
    cache = ReadCache(lambda: 1, max_answers=2)
    cache.get("a", lambda: counter.read("a"))
    cache.get("b", lambda: counter.read("b"))
    cache.get("a", lambda: counter.read("a"))  # a is used again: b is now the oldest
    cache.get("c", lambda: counter.read("c"))
    assert cache.get("a", lambda: counter.read("a")) == "a #1"
    assert cache.get("b", lambda: counter.read("b")) == "b #4"


def test_an_answer_read_across_a_write_is_read_again() -> None:
    """The write commits while the answer is read: the answer may be from before it, so it
    is not kept under the new version."""
    counter = Counter()
    cache = ReadCache(lambda: counter.version)

    def read_while_writing() -> str:
        counter.version = 2
        return counter.read("map")

    assert cache.get("map", read_while_writing) == "map #1"
    assert cache.get("map", lambda: counter.read("map")) == "map #2"


def test_requests_for_one_missing_answer_read_it_once() -> None:
    reads: list[int] = []
    started = threading.Event()

    def slow_read() -> str:
        reads.append(1)
        started.set()
        time.sleep(0.2)
        return "the map"

    cache = ReadCache(lambda: 1)
    answers: list[str] = []
    first = threading.Thread(target=lambda: answers.append(cache.get("map", slow_read)))
    first.start()
    started.wait()
    others = [threading.Thread(target=lambda: answers.append(cache.get("map", slow_read)))
              for _ in range(4)]
    for thread in others:
        thread.start()
    for thread in (first, *others):
        thread.join()
    assert answers == ["the map"] * 5 and len(reads) == 1


def test_a_failed_read_is_not_kept_and_the_waiters_read_for_themselves() -> None:
    cache = ReadCache(lambda: 1)
    try:
        cache.get("map", lambda: 1 / 0)
    except ZeroDivisionError:
        pass
    assert cache.get("map", lambda: "read again") == "read again"


def test_the_change_counter_moves_when_another_connection_commits(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with Store.open(path) as store:
        counter = ChangeCounter(store)
        before = counter.read()
        assert counter.read() == before
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE touched (n INTEGER)")
        assert counter.read() != before
        counter.close()


def test_the_change_counter_gives_none_for_a_store_in_memory() -> None:
    with Store.open("sqlite://") as store:
        assert ChangeCounter(store).read() is None


def test_a_report_posted_to_the_api_is_in_the_next_list_map_and_page(client) -> None:
    before = client.get("/api/events").json()
    map_before = client.get("/api/map").json()
    client.get("/events")
    posted = client.post("/api/reports", json={"text": NEW_LAUNCH}, headers=AUTH)
    assert posted.status_code == 201, posted.text
    event_id = posted.json()["events"][0]["id"]
    after = client.get("/api/events").json()
    assert after["total"] == before["total"] + 1
    assert after["events"][0]["id"] == event_id
    assert client.get("/api/map").json()["total"] == map_before["total"] + 1
    assert event_id in client.get("/events").text


def test_a_report_another_process_stores_is_in_the_next_reads(client, sample_db) -> None:
    """The ingest is another connection, as ``launchwatch ingest`` beside ``serve`` is."""
    first = client.get("/api/events").json()
    mapped = client.get("/api/map").json()["total"]
    report = Report(source="other-process.txt", publisher="Test Wire", text=NEW_LAUNCH,
                    published=datetime(2031, 2, 3, 11, tzinfo=KST))
    with Store.open(sample_db) as store:
        added = Pipeline(store).add(report)
    [event_id] = added.events
    listed = client.get("/api/events").json()
    assert listed["total"] == first["total"] + 1 and listed["events"][0]["id"] == event_id
    assert client.get(f"/events/{event_id}").status_code == 200
    assert client.get("/api/map").json()["total"] == mapped + 1


def test_an_event_page_shows_a_new_source_at_once(client, sample_db) -> None:
    event_id = client.post("/api/reports", json={"text": NEW_LAUNCH},
                           headers=AUTH).json()["events"][0]["id"]
    page = client.get(f"/events/{event_id}").text
    assert "Second Wire" not in page
    second = Report(source="second.txt", publisher="Second Wire", text=NEW_LAUNCH.replace(
        "450 km", "470 km"), published=datetime(2031, 2, 3, 15, tzinfo=KST))
    with Store.open(sample_db) as store:
        assert Pipeline(store).add(second).events == [event_id]
    assert "Second Wire" in client.get(f"/events/{event_id}").text


# -- what an answer depends on ---------------------------------------------------------------

def test_an_answer_is_kept_across_writes_while_its_stamp_holds() -> None:
    counter = Counter()
    stamp = {"map": "a"}
    cache = ReadCache(lambda: counter.version)

    def get() -> str:
        return cache.get("map", lambda: counter.read("map"), depends=lambda: stamp["map"])

    assert get() == "map #1"
    counter.version = 2  # a commit that left what the map shows alone
    assert get() == "map #1"
    stamp["map"], counter.version = "b", 3
    assert get() == "map #2"
    assert get() == "map #2"


def test_the_stamp_is_read_only_when_the_version_has_moved() -> None:
    counter = Counter()
    stamps: list[int] = []

    def stamp() -> int:
        stamps.append(1)
        return 1

    cache = ReadCache(lambda: counter.version)
    for _ in range(3):
        cache.get("map", lambda: counter.read("map"), depends=stamp)
    assert len(stamps) == 1, "read once, before the answer; then the version alone is checked"
    counter.version = 2
    cache.get("map", lambda: counter.read("map"), depends=stamp)
    cache.get("map", lambda: counter.read("map"), depends=stamp)
    assert len(stamps) == 2 and counter.reads == 1


def test_an_answer_read_while_its_stamp_moves_is_read_again() -> None:
    """The stamp is read before the answer: a write committed meanwhile leaves the answer
    under the older stamp, so the next request reads it again."""
    counter = Counter()
    stamp = {"map": "a"}
    cache = ReadCache(lambda: counter.version)

    def read_while_writing() -> str:
        stamp["map"], counter.version = "b", 2
        return counter.read("map")

    assert cache.get("map", read_while_writing, depends=lambda: stamp["map"]) == "map #1"
    assert cache.get("map", lambda: counter.read("map"),
                     depends=lambda: stamp["map"]) == "map #2"


def test_a_shared_stamp_is_read_once_a_version() -> None:
    counter = Counter()
    reads: list[int] = []
    cache = ReadCache(lambda: counter.version)
    shared = cache.per_version(lambda: reads.append(1) or len(reads))
    assert shared() == shared() == 1
    counter.version = 2
    assert shared() == shared() == 2


def test_the_stamps_move_with_what_they_cover_whatever_the_clock(sample_db) -> None:
    """A writer's clock that stands still (a test's, a replay's) still moves the stamps: an
    event's stamp holds its fingerprint, the hash of its whole document."""
    fixed = datetime(2031, 2, 4, tzinfo=timezone.utc)
    with Store.open(sample_db) as store:
        pipeline = Pipeline(store, clock=lambda: fixed)
        other = queries.list_events(store, queries.EventQuery(), limit=1, offset=0).events[0].id
        before, other_before = queries.events_stamp(store), queries.event_stamp(store, other)
        context_before = queries.context_stamp(store)
        assert pipeline.add(Report(source="weather.txt", text=NO_LAUNCH)).events == []
        assert queries.events_stamp(store) == before, "a report without launches changes none"
        [event_id] = pipeline.add(Report(source="first.txt", publisher="Test Wire",
                                         text=NEW_LAUNCH,
                                         published=datetime(2031, 2, 3, 11, tzinfo=KST))).events
        created = queries.events_stamp(store)
        assert created != before
        event_before = queries.event_stamp(store, event_id)
        joined = pipeline.add(Report(source="second.txt", publisher="Second Wire",
                                     text=NEW_LAUNCH.replace("450 km", "470 km"),
                                     published=datetime(2031, 2, 3, 15, tzinfo=KST)))
        assert joined.events == [event_id]
        assert queries.events_stamp(store) != created
        assert queries.event_stamp(store, event_id) != event_before
        assert queries.event_stamp(store, other) == other_before
        assert queries.context_stamp(store) == context_before
        assert queries.event_stamp(store, "no-such-event") is None


def test_a_report_that_changes_no_event_keeps_the_map_and_list(client, monkeypatch) -> None:
    built: list[str] = []
    for name in ("events_by_site", "list_events"):
        original = getattr(queries, name)
        monkeypatch.setattr(queries, name, lambda *a, _o=original, _n=name, **k: (
            built.append(_n), _o(*a, **k))[1])
    mapped, listed = client.get("/api/map").json(), client.get("/api/events").json()
    assert built == ["events_by_site", "list_events"]
    posted = client.post("/api/reports", json={"text": NO_LAUNCH}, headers=AUTH)
    assert posted.status_code == 201 and posted.json()["events"] == [], posted.text
    assert client.get("/api/map").json() == mapped
    assert client.get("/api/events").json() == listed
    assert built == ["events_by_site", "list_events"], "kept: the report changed no event"


def test_one_events_change_keeps_the_other_events_pages(client, sample_db,
                                                        monkeypatch) -> None:
    event_id = client.post("/api/reports", json={"text": NEW_LAUNCH},
                           headers=AUTH).json()["events"][0]["id"]
    other = next(listed["id"] for listed in client.get("/api/events").json()["events"]
                 if listed["id"] != event_id)
    read: list[str] = []
    original = Catalogue._event
    monkeypatch.setattr(Catalogue, "_event",
                        lambda self, wanted: (read.append(wanted), original(self, wanted))[1])
    for page in (event_id, other):
        assert client.get(f"/events/{page}").status_code == 200
    second = Report(source="second.txt", publisher="Second Wire", text=NEW_LAUNCH.replace(
        "450 km", "470 km"), published=datetime(2031, 2, 3, 15, tzinfo=KST))
    with Store.open(sample_db) as store:
        assert Pipeline(store).add(second).events == [event_id]
    assert "Second Wire" in client.get(f"/events/{event_id}").text
    assert client.get(f"/events/{other}").status_code == 200
    assert read == [event_id, other, event_id], "only the changed event is read again"
