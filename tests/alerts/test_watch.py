"""The watch loop over a real store: reports from a folder reach the listener once; a failing
feed is backed off and reported while the others go on; a run killed between storing the
reports and storing the cursors, or between fusing and telling the alerts, loses and repeats
nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

from launchwatch.alerts.sources import Backoff, FeedSource, FolderSource
from launchwatch.alerts.watch import Watcher
from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.ingest import read_path
from launchwatch.ingest.feed import feed_reports
from launchwatch.model import Assessment, Event
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.watch_state import StoredWatchState

from fakes import skipped_assessment

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"
FEED_URL = "https://wire.example/feed.xml"


class QuickAssessor:
    method = "fake v1"

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        return skipped_assessment(event, self.method)


class Heard:
    """A BatchListener that remembers each call; raises ``fail_with`` on the first."""

    def __init__(self, fail_with: BaseException | None = None) -> None:
        self.calls: list[tuple[list[str], list[str], list[str]]] = []
        self.fail_with = fail_with

    def after_batch(self, created: list[str], updated: list[str],
                    withdrawn: list[str]) -> None:
        if self.fail_with is not None:
            failure, self.fail_with = self.fail_with, None
            raise failure
        self.calls.append((created, updated, withdrawn))

    def events(self) -> list[str]:
        return [event_id for created, updated, _ in self.calls for event_id in created + updated]


class Killed(BaseException):
    """Stands for the process being killed at that point."""


class KilledOnSave(StoredWatchState):
    def save_cursors(self, cursors, *, now) -> None:  # type: ignore[no-untyped-def]
        raise Killed


class Clock:
    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def _watcher(store: Store, inbox: Path, listener: Heard, *, state: StoredWatchState | None = None,
             feed: FeedSource | None = None, clock: Clock | None = None) -> Watcher:
    sources = [FolderSource(inbox, read_path, settle_s=0.0)] + ([feed] if feed else [])
    return Watcher(sources, Pipeline(store, assessor=QuickAssessor()),
                   state or StoredWatchState(store.engine), listener,
                   backoff=Backoff(base_s=10.0, cap_s=60.0), monotonic=clock or Clock())


def _drop(inbox: Path, name: str) -> None:
    (inbox / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")


def test_a_dropped_report_reaches_the_listener_once_and_a_failing_feed_is_backed_off(
        fresh_db: Store, inbox: Path) -> None:
    answers = iter([httpx.Response(500), httpx.Response(503)])
    client = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)))
    clock = Clock()
    heard = Heard()
    watcher = _watcher(fresh_db, inbox, heard, clock=clock,
                       feed=FeedSource(FEED_URL, client, feed_reports, interval_s=60.0))
    _drop(inbox, "01-sunan-pair-fourth-test.txt")

    cycle = watcher.run_once()
    assert cycle.reports == 1 and len(cycle.created) == 1
    assert heard.calls == [(cycle.created, [], [])]
    assert [str(p) for p in cycle.problems] == [f"{FEED_URL}: answered HTTP 500 Internal "
                                                "Server Error; it is retried later"]
    feed_status = watcher.status[f"feed:{FEED_URL}"]
    assert feed_status.failures == 1 and 5.0 <= feed_status.next_due_s - clock.now_s <= 10.0

    clock.now_s += 1.0  # the folder is due again, the feed is not
    cycle = watcher.run_once()
    assert cycle.polled == [f"folder:{inbox}"] and cycle.reports == 0 and not cycle.changed
    clock.now_s += 10.0
    cycle = watcher.run_once()
    assert watcher.status[f"feed:{FEED_URL}"].failures == 2  # retried, failed again
    assert 10.0 <= watcher.status[f"feed:{FEED_URL}"].next_due_s - clock.now_s <= 20.0
    assert len(heard.calls) == 1 and fresh_db.count_reports() == 1


def test_a_run_killed_before_its_cursors_are_stored_repeats_nothing(
        fresh_db: Store, inbox: Path) -> None:
    _drop(inbox, "01-sunan-pair-fourth-test.txt")
    heard = Heard()
    killed = _watcher(fresh_db, inbox, heard, state=KilledOnSave(fresh_db.engine))
    with pytest.raises(Killed):
        killed.run_once()
    assert fresh_db.count_reports() == 1 and heard.calls == []  # stored, nobody told yet

    restarted = _watcher(fresh_db, inbox, heard)
    cycle = restarted.run_once()
    assert cycle.reports == 1  # read again: its cursor was never stored ...
    assert fresh_db.count_reports() == 1  # ... and not stored twice
    assert len(heard.events()) == 1 and heard.calls[0][0] == heard.events()
    assert restarted.run_once(every_source=True).reports == 0
    assert _watcher(fresh_db, inbox, heard).run_once().reports == 0  # the cursor is kept
    assert len(heard.calls) == 1


def test_a_run_killed_before_it_told_the_alerts_is_told_by_the_next(
        fresh_db: Store, inbox: Path) -> None:
    _drop(inbox, "01-sunan-pair-fourth-test.txt")
    heard = Heard(fail_with=Killed())
    with pytest.raises(Killed):
        _watcher(fresh_db, inbox, heard).run_once()
    assert fresh_db.count_events() >= 1 and heard.calls == []

    restarted = _watcher(fresh_db, inbox, heard)
    cycle = restarted.run_once()
    assert cycle.reports == 0  # the folder's cursor was stored before the kill
    assert heard.events() == [event.id for event in fresh_db.events()]
    assert not restarted.run_once(every_source=True).changed  # told once, not at every cycle
    assert len(heard.calls) == 1


def test_a_second_report_of_the_event_is_an_update(fresh_db: Store, inbox: Path) -> None:
    heard = Heard()
    watcher = _watcher(fresh_db, inbox, heard)
    _drop(inbox, "01-sunan-pair-fourth-test.txt")
    created = watcher.run_once().created
    (inbox / "wire.txt").write_text(
        "Published: 2022-01-17T12:10+09:00\n\nNorth Korea fired two short-range ballistic "
        "missiles from Sunan in Pyongyang on Monday morning; they flew about 380 km and "
        "reached an apogee of about 42 km, Japan's defence ministry said.", encoding="utf-8")
    cycle = watcher.run_once(every_source=True)
    assert cycle.reports == 1 and cycle.created == [] and cycle.updated == created[:1]


def test_the_watch_command_says_what_is_missing_and_polls_once(run_cli, tmp_path: Path,
                                                                inbox: Path) -> None:
    db = str(tmp_path / "watch.sqlite3")
    code, _, err = run_cli("watch", "--db", db)
    assert code == 2 and "there is nothing to watch; give --feed URL" in " ".join(err.split())
    code, _, err = run_cli("watch", "--db", db, "--folder", str(tmp_path / "nowhere"))
    assert code == 2 and "does not exist or is not a folder" in " ".join(err.split())
    code, _, err = run_cli("watch", "--db", db, "--feed", "wire.example/feed")
    assert code == 2 and "is not an http:// or https:// URL" in " ".join(err.split())

    _drop(inbox, "01-sunan-pair-fourth-test.txt")
    os.utime(inbox / "01-sunan-pair-fourth-test.txt", (1e9, 1e9))  # written whole long ago
    code, out, _ = run_cli("watch", "--db", db, "--folder", str(inbox), "--once", "--json")
    record = json.loads(out)
    assert code == 0 and record["reports"] == 1 and len(record["created"]) == 1
    code, out, _ = run_cli("watch", "--db", db, "--folder", str(inbox), "--once", "--json")
    assert json.loads(out)["reports"] == 0  # the restart resumes where the first run stopped
