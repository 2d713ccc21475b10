"""The watched sources: a feed served on the loopback address (conditional requests, faults
through httpx.MockTransport), a folder that receives files, a JSONL drop file, the backoff
and the sources file."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import httpx
import pytest

from launchwatch.alerts.sources import (Backoff, FeedSource, FolderSource, JsonlSource,
                                        SourcePlan)
from launchwatch.errors import IngestError, SettingsError
from launchwatch.ingest import read_path
from launchwatch.ingest.feed import feed_reports
from launchwatch.ingest.jsonl import jsonl_report
from launchwatch.model.watch import SourceCursor

from .feed_server import FeedServer

TEXT = "North Korea fired a ballistic missile {n} on Thursday, Japan's defence ministry said."


def _feed(client: httpx.Client, url: str) -> FeedSource:
    return FeedSource(url, client, feed_reports, timeout_s=2.0)


def test_a_feed_is_fetched_conditionally_and_only_new_entries_are_taken() -> None:
    with FeedServer() as server, httpx.Client() as client:
        server.add("a", "First", TEXT.format(n="eastward"))
        server.add("b", "Second", TEXT.format(n="northward"))
        source = _feed(client, server.url)
        first = source.poll(SourceCursor(source.key))
        assert [r.source for r in first.reports] == ["urn:test:b", "urn:test:a"]
        assert first.cursor is not None and first.cursor.etag

        unchanged = source.poll(first.cursor)
        assert server.requests[-1]["If-None-Match"] == first.cursor.etag
        assert unchanged.reports == [] and unchanged.cursor is None  # a 304 keeps the cursor

        server.add("c", "Third", TEXT.format(n="westward"))
        third = source.poll(first.cursor)
        assert [r.source for r in third.reports] == ["urn:test:c"]
        assert set(third.cursor.seen) == {"urn:test:a", "urn:test:b", "urn:test:c"}


@pytest.mark.parametrize(("handler", "reason"), [
    (lambda request: httpx.Response(500), "answered HTTP 500"),
    (lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=request)),
     "did not answer within 2 s"),
    (lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)),
     r"cannot be fetched \(refused\)"),
    (lambda request: httpx.Response(200, content=b"<?xml version='1.0'?><rss><title>cut <"),
     "is not a readable RSS or Atom feed"),
])
def test_a_feed_that_fails_raises_an_error_naming_it(handler, reason) -> None:
    url = "https://wire.example/feed.xml"
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(IngestError, match=reason) as caught:
            _feed(client, url).poll(SourceCursor(f"feed:{url}"))
    assert caught.value.path == url


def test_backoff_doubles_with_jitter_up_to_its_cap() -> None:
    backoff = Backoff(base_s=1.0, cap_s=8.0, rng=random.Random(7))
    for failures, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        delays = [backoff.delay_s(failures) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 10  # jittered, not one value


def _write(path: Path, text: str, *, age_s: float = 0.0) -> None:
    path.write_text(text, encoding="utf-8")
    if age_s:
        moment = time.time() - age_s
        os.utime(path, (moment, moment))


def test_a_folder_takes_a_file_once_it_is_whole_and_only_once(tmp_path: Path) -> None:
    source = FolderSource(tmp_path, read_path, settle_s=60.0)
    cursor = SourceCursor(source.key)
    _write(tmp_path / "fresh.txt", TEXT.format(n="eastward"))
    _write(tmp_path / "pending.txt.partial", TEXT.format(n="half"))
    _write(tmp_path / "old.txt", TEXT.format(n="northward"), age_s=120)

    first = source.poll(cursor)  # the fresh file may still be written: only the old is taken
    assert [Path(r.source).name for r in first.reports] == ["old.txt"]
    cursor = first.cursor
    second = source.poll(cursor)  # same size and time as at the first look: whole
    assert [Path(r.source).name for r in second.reports] == ["fresh.txt"]
    cursor = second.cursor
    assert source.poll(cursor).reports == []
    assert set(cursor.seen) == {"old.txt", "fresh.txt"}

    (tmp_path / "pending.txt.partial").rename(tmp_path / "pending.txt")
    assert source.poll(cursor).reports == []  # renamed just now: looked at once more
    assert [Path(r.source).name for r in source.poll(cursor).reports] == ["pending.txt"]


def test_a_folder_that_is_gone_fails_and_a_bad_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    source = FolderSource(tmp_path / "in", read_path, settle_s=0.0)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    taken = source.poll(SourceCursor(source.key))
    assert taken.reports == [] and "bad.txt" in str(taken.problems[0])
    assert "bad.txt" in taken.cursor.seen  # reported once, not at every poll
    (tmp_path / "in" / "bad.txt").unlink()
    (tmp_path / "in").rmdir()
    with pytest.raises(IngestError, match="cannot be listed"):
        source.poll(taken.cursor)


def test_a_jsonl_file_is_read_on_from_its_offset_and_a_half_line_waits(tmp_path: Path) -> None:
    path = tmp_path / "drop.jsonl"
    source = JsonlSource(path, jsonl_report)
    cursor = SourceCursor(source.key)
    assert source.poll(cursor).reports == []  # not there yet: waited for
    path.write_text('{"text": "one"}\n\n{"text": "two"}\n{"text": "thr', encoding="utf-8")
    first = source.poll(cursor)
    assert [r.source for r in first.reports] == [f"{path}#1", f"{path}#3"]
    with path.open("a", encoding="utf-8") as stream:
        stream.write('ee"}\nnot json\n')
    second = source.poll(first.cursor)
    assert [r.text for r in second.reports] == ["three"]
    assert second.problems[0].line == 5
    assert second.cursor.offset == path.stat().st_size and second.cursor.line == 5
    path.write_text('{"text": "new file"}\n', encoding="utf-8")  # replaced by a shorter one
    assert [r.source for r in source.poll(second.cursor).reports] == [f"{path}#1"]


def test_the_sources_file_is_read_and_its_mistakes_named(tmp_path: Path) -> None:
    (tmp_path / "incoming").mkdir()
    good = tmp_path / "watch.toml"
    good.write_text('[watch]\nfeeds = ["https://wire.example/a.atom"]\nfolders = ["incoming"]\n'
                    'jsonl = ["drop.jsonl"]\n', encoding="utf-8")
    plan = SourcePlan.from_toml(good)
    assert plan.folders == [tmp_path / "incoming"] and plan.jsonl == [tmp_path / "drop.jsonl"]
    for text, reason in [('[watch]\nfeeds = "x"', "feeds must be a list of strings"),
                         ('[watch]\nfolders = ["missing"]', "does not exist"),
                         ('[watch]\nfeeds = ["ftp://x"]', "is not an http"),
                         ('[watch]\nurls = []', "unknown keys"),
                         ("[watch\n", "is not valid TOML"), ("x = 1", r"has no \[watch\] table")]:
        good.write_text(text, encoding="utf-8")
        with pytest.raises(SettingsError, match=reason) as caught:
            SourcePlan.from_toml(good)
        assert caught.value.path == str(good)
