"""Ingest into a real store (the pipeline over the ingest stage): counts, idempotent re-ingest,
and nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from launchwatch.errors import ExtractionError, IngestError, StoreError
from launchwatch.ingest import IngestSummary
from launchwatch.model import Extraction, Launch, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import LaunchRow, ReportRow, Store

from .helpers import (BROKEN, FORMATS, FakeExtractor, crashing_extractor, distance_extractor,
                      failing_extractor)

# Reports under FORMATS, and those among them the fake extractor finds a launch in.
FORMAT_REPORTS = 10
FORMAT_LAUNCHES = 8


def ingest(sources: list, store: Store, *, extractor, **options) -> IngestSummary:
    """Ingest through the pipeline, as ``launchwatch ingest`` does."""
    return Pipeline(store, extractor=extractor).ingest(sources, **options)


def _stored_sources(store: Store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(ReportRow.source)))


def _orphan_launches(store: Store) -> int:
    with store.session() as session:
        return session.scalar(
            select(func.count()).select_from(LaunchRow)
            .outerjoin(ReportRow, LaunchRow.report_hash == ReportRow.content_hash)
            .where(ReportRow.content_hash.is_(None))) or 0


def test_ingest_stores_each_report_with_its_launches(db: Store,
                                                     fake_extractor: FakeExtractor) -> None:
    summary = ingest([FORMATS], db, extractor=fake_extractor)
    assert (summary.read, summary.new, summary.duplicate, summary.failed) == \
        (FORMAT_REPORTS, FORMAT_REPORTS, 0, 0)
    assert summary.launches == FORMAT_LAUNCHES
    assert db.count_reports() == FORMAT_REPORTS
    assert db.count_launches() == FORMAT_LAUNCHES
    assert len(fake_extractor.calls) == FORMAT_REPORTS
    distances = sorted(item.launch.distance_km.value for item in db.launches())
    assert distances == [250, 350, 360, 600, 620, 1000, 1000, 4500]


def test_reingest_stores_nothing_twice_and_does_not_extract_again(
        db: Store, fake_extractor: FakeExtractor) -> None:
    ingest([FORMATS], db, extractor=fake_extractor)
    again = FakeExtractor()
    summary = ingest([FORMATS], db, extractor=again)
    assert (summary.read, summary.new, summary.duplicate, summary.failed, summary.launches) == \
        (FORMAT_REPORTS, 0, FORMAT_REPORTS, 0, 0)
    assert again.calls == []
    assert db.count_reports() == FORMAT_REPORTS
    assert db.count_launches() == FORMAT_LAUNCHES


def test_the_same_report_twice_in_one_run_is_stored_once(tmp_path: Path, db: Store,
                                                          fake_extractor: FakeExtractor) -> None:
    copy = tmp_path / "copy.md"
    # Same text re-wrapped: the content hash folds whitespace, so it is the same report.
    copy.write_text((FORMATS / "launch.md").read_text(encoding="utf-8").replace(
        "South\nHwanghae", "South   Hwanghae"), encoding="utf-8")
    summary = ingest([FORMATS / "launch.md", copy], db, extractor=fake_extractor)
    assert (summary.read, summary.new, summary.duplicate) == (2, 1, 1)
    assert _stored_sources(db) == {str(FORMATS / "launch.md")}


def test_an_extractor_failure_mid_batch_costs_that_report_only(db: Store) -> None:
    failing = FakeExtractor(fail_on="Pyongyang area")  # the first entry of wire.rss
    summary = ingest([FORMATS], db, extractor=failing)
    assert (summary.read, summary.new, summary.failed) == (FORMAT_REPORTS, FORMAT_REPORTS - 1, 1)
    [failure] = summary.failures
    assert isinstance(failure, ExtractionError)
    assert failure.path == "wire-2024-0114-01"
    assert "RuntimeError: the fake extractor was told to fail here" in failure.message
    assert "wire-2024-0114-01" not in _stored_sources(db)
    assert db.count_reports() == FORMAT_REPORTS - 1
    assert db.count_launches() == FORMAT_LAUNCHES - 1
    assert _orphan_launches(db) == 0
    # Fixed, the next run stores the one that failed and only that one.
    retry = FakeExtractor()
    summary = ingest([FORMATS], db, extractor=retry)
    assert (summary.new, summary.duplicate, summary.failed) == (1, FORMAT_REPORTS - 1, 0)
    assert retry.calls == ["wire-2024-0114-01"]
    assert db.count_launches() == FORMAT_LAUNCHES


def test_a_report_the_database_refuses_leaves_nothing_behind(db: Store) -> None:
    def launches(report: Report) -> list[Launch]:
        if "Tongchang-ri" in report.text:
            # The report row goes in first, then this launch, whose count no INTEGER column
            # holds: the whole report must be rolled back.
            return [Launch(country="North Korea"), Launch(count=2 ** 70)]
        return [Launch(country="North Korea")]

    summary = ingest([BROKEN / "bad-line.jsonl"], db,
                           extractor=FakeExtractor(launches=launches))
    assert (summary.read, summary.new) == (2, 1)
    kinds = sorted(type(failure).__name__ for failure in summary.failures)
    assert kinds == ["IngestError", "StoreError"]
    store_failure = next(f for f in summary.failures if isinstance(f, StoreError))
    assert store_failure.path == f"{BROKEN / 'bad-line.jsonl'}#1"
    assert "nothing of it was written" in store_failure.message
    assert _stored_sources(db) == {f"{BROKEN / 'bad-line.jsonl'}#3"}
    assert db.count_launches() == 1
    assert _orphan_launches(db) == 0


def test_a_broken_folder_lists_each_failure_and_stores_the_rest(
        db: Store, fake_extractor: FakeExtractor) -> None:
    summary = ingest([BROKEN, FORMATS / "launch.md"], db, extractor=fake_extractor)
    assert summary.failed == 5
    assert all(isinstance(failure, IngestError) for failure in summary.failures)
    assert {Path(failure.path).name for failure in summary.failures} == {
        "bad-date.txt", "bad-line.jsonl", "empty-feed.rss", "latin1.txt", "no-text.html"}
    assert (summary.read, summary.new) == (3, 3)
    assert db.count_reports() == 3


def test_an_extraction_error_without_a_path_gets_the_report_source(db: Store) -> None:
    def refuse(report: Report) -> Extraction:
        raise ExtractionError("the text is not in a language the extractor reads")

    summary = ingest([FORMATS / "dateline.txt"], db, extractor=refuse)
    [failure] = summary.failures
    assert str(failure) == (f"{FORMATS / 'dateline.txt'}: the text is not in a language the "
                            "extractor reads")
    assert db.count_reports() == 0


def test_progress_is_told_of_every_item(db: Store, fake_extractor: FakeExtractor) -> None:
    done: list[int] = []
    summary = ingest([BROKEN, FORMATS], db, extractor=fake_extractor,
                           on_progress=done.append)
    assert sum(done) == summary.read + summary.failed == 2 + FORMAT_REPORTS + 5


def test_batches_larger_than_a_chunk(tmp_path: Path, db: Store,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("launchwatch.ingest.batches.CHUNK_SIZE", 3)
    for name in ("one", "two"):
        shutil.copytree(FORMATS, tmp_path / name)
    reports = [Report(source=f"r{i}", text=f"A missile flew {i} km.") for i in range(7)]
    summary = ingest(reports + reports[:4], db, extractor=FakeExtractor())
    assert (summary.read, summary.new, summary.duplicate) == (11, 7, 4)
    summary = ingest([tmp_path], db, extractor=FakeExtractor())
    assert (summary.new, summary.duplicate) == (FORMAT_REPORTS, FORMAT_REPORTS)


def test_extraction_in_worker_processes_gives_the_same_store(tmp_path: Path,
                                                             db: Store) -> None:
    with Store.open(tmp_path / "serial.sqlite3") as serial_db:
        serial = ingest([BROKEN, FORMATS], serial_db, extractor=distance_extractor)
        serial_launches = [stored.to_record() for stored in serial_db.launches()]
    parallel = ingest([BROKEN, FORMATS], db, extractor=distance_extractor, workers=2)
    assert parallel.new == FORMAT_REPORTS + 2
    assert parallel.to_record() == serial.to_record()
    assert [stored.to_record() for stored in db.launches()] == serial_launches


def test_a_failure_in_a_worker_process_costs_that_report_only(db: Store) -> None:
    summary = ingest([FORMATS], db, extractor=failing_extractor, workers=2)
    assert (summary.new, summary.failed) == (FORMAT_REPORTS - 1, 1)
    assert summary.failures[0].path == "wire-2024-0114-01"
    assert "RuntimeError" in summary.failures[0].message
    assert _orphan_launches(db) == 0


def test_an_extractor_worker_processes_cannot_take_is_refused(db: Store) -> None:
    with pytest.raises(ExtractionError, match="cannot be sent to worker processes"):
        ingest([FORMATS], db, extractor=lambda report: distance_extractor(report),
                     workers=2)
    assert db.count_reports() == 0


def test_background_launches_are_counted_apart(db: Store) -> None:
    def launches(report: Report) -> list[Launch]:
        return [Launch(country="North Korea"), Launch(country="North Korea", role="background")]

    summary = ingest([FORMATS / "launch.md"], db, extractor=FakeExtractor(launches=launches))
    assert (summary.launches, summary.background) == (1, 1)
    assert summary.to_record()["background"] == 1


def test_a_worker_process_that_dies_stops_the_batch_with_a_clear_error(db: Store) -> None:
    with pytest.raises(ExtractionError, match="an extraction worker process stopped"):
        ingest([FORMATS], db, extractor=crashing_extractor, workers=2)
    assert db.count_reports() == 0
