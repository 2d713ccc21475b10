"""The pipeline over a real store, with a fake assessor and a fixed clock: what each method
returns, when things are stamped, and the one failure policy."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.errors import PhysicsError, StoreError
from launchwatch.model import Assessment, Event, Extraction, Report
from launchwatch.pipeline import Pipeline, utc_now
from launchwatch.store import EventRow, ReportRow, Store

from events.helpers import at, extraction, launch, report
from fakes import skipped_assessment

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)
CNS_SAMPLE = Path(__file__).resolve().parent / "exchange" / "fixtures" / "cns-sample.csv"


class FakeAssessor:
    """Assesses without physics or geography; records what it was asked, fails on request."""

    method = "fake v1"

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail_on = fail_on

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        self.calls.append(event.id)
        if event.id == self.fail_on:
            raise PhysicsError("the fake assessor was told to fail here")
        return skipped_assessment(event, self.method)


class Ticking:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> datetime:
        self.reads += 1
        return NOW + timedelta(minutes=self.reads - 1)


@pytest.fixture
def assessor() -> FakeAssessor:
    return FakeAssessor()


@pytest.fixture
def pipeline(db: Store, assessor: FakeAssessor) -> Pipeline:
    return Pipeline(db, extractor=_extract, assessor=assessor, clock=lambda: NOW)


def _extract(item: Report) -> Extraction:
    """One launch per report: its distance is the text's first word ('600 km ...')."""
    km = float(item.text.split()[0])
    return extraction(item, launch(distance_km=km, reported_by=["ROK JCS"]))


def _report(name: str, km: int, hour: int) -> Report:
    return report(name, published=at(hour), text=f"{km} km flown, {name}")


def test_add_says_which_events_the_report_is_in(pipeline: Pipeline,
                                                assessor: FakeAssessor) -> None:
    first = pipeline.add(_report("flash", 430, 6))
    assert (first.stored, first.events, first.created, first.assessed) == \
        (True, ["KP-2022-10-04-1"], ["KP-2022-10-04-1"], 1)
    assert first.status("KP-2022-10-04-1") == "created"
    assert first.extraction.launches[0].distance_km.value == 430
    second = pipeline.add(_report("revised", 600, 8))
    assert (second.events, second.created, second.updated) == \
        (["KP-2022-10-04-1"], [], ["KP-2022-10-04-1"])
    assert second.status("KP-2022-10-04-1") == "joined"
    again = pipeline.add(_report("revised", 600, 8))
    assert (again.stored, again.events, again.assessed) == (False, ["KP-2022-10-04-1"], 0)
    assert again.status("KP-2022-10-04-1") == "existing"
    assert assessor.calls == ["KP-2022-10-04-1"] * 2


def test_add_lists_a_reports_events_in_launch_order(pipeline: Pipeline) -> None:
    source = report("two", published=at(18))
    added = pipeline.add(source, extraction(
        source, launch(launch_site="Sinpo", time_local="16:00"),
        launch(launch_site="Sunan", time_local="07:00"),
        launch(launch_site="Sinpo", time_local="16:05", role="background")))
    assert added.events == ["KP-2022-10-04-2", "KP-2022-10-04-1"]


def test_the_clock_stamps_reports_events_and_assessments(db: Store) -> None:
    clock = Ticking()
    Pipeline(db, extractor=_extract, assessor=FakeAssessor(), clock=clock).add(
        _report("flash", 430, 6))
    with db.session() as session:
        assert session.scalar(select(ReportRow.ingested_at)) == NOW.replace(tzinfo=None)
        assert session.scalar(select(EventRow.updated_at)) == \
            (NOW + timedelta(minutes=1)).replace(tzinfo=None)
    assert db.event("KP-2022-10-04-1").assessment.computed_at == NOW + timedelta(minutes=2)
    assert clock.reads == 3


def test_the_default_clock_is_utc_now() -> None:
    before = datetime.now(timezone.utc)
    assert before <= utc_now() <= datetime.now(timezone.utc)
    assert utc_now().utcoffset() == timedelta(0)


def test_ingest_takes_paths_and_reports_and_keeps_the_events_current(
        pipeline: Pipeline, tmp_path: Path) -> None:
    (tmp_path / "jcs.txt").write_text("Published: 2022-10-04T08:00:00+09:00\n\n430 km flown",
                                      encoding="utf-8")
    summary = pipeline.ingest([tmp_path / "jcs.txt", _report("revised", 600, 9)])
    assert (summary.read, summary.new, summary.events, summary.assessed, summary.failed) == \
        (2, 2, {"KP-2022-10-04-1"}, 1, 0)
    assert pipeline.store.event("KP-2022-10-04-1").distance_km.value == 600
    later = pipeline.ingest([_report("revised", 600, 9)])
    assert (later.duplicate, later.events, later.assessed) == (1, set(), 0)


def test_refresh_fuses_and_assesses_what_is_out_of_date(pipeline: Pipeline,
                                                        assessor: FakeAssessor) -> None:
    stored = pipeline.ingest([_report("a", 600, 8)], events=False)
    assert (stored.new, stored.events, pipeline.store.count_events()) == (1, set(), 0)
    refreshed = pipeline.refresh()
    assert refreshed.to_record() == {"created": 1, "updated": 0, "removed": 0, "launches": 1,
                                     "assessed": 1}
    assert pipeline.refresh().to_record()["assessed"] == 0
    rebuilt = pipeline.rebuild()
    assert (rebuilt.changes.created, rebuilt.assessed) == (["KP-2022-10-04-1"], 0)
    assert assessor.calls == ["KP-2022-10-04-1"]


def test_assess_only_the_ids_asked_for(pipeline: Pipeline) -> None:
    pipeline.ingest([_report("a", 600, 8)], events=False)
    source = report("iran")
    pipeline.store.add(source, extraction(source, launch(country="Iran",
                                                         date_local=date(2024, 2, 20))),
                       now=NOW)
    assert pipeline.fuse().created == ["IR-2024-02-20-1", "KP-2022-10-04-1"]
    assert pipeline.assess(ids=["KP-2022-10-04-1", "nope"]) == 1
    done: list[int] = []
    assert pipeline.assess(on_progress=done.append) == 1 and done == [1]
    assert pipeline.assess() == 0


def test_import_cns_stores_fuses_and_assesses(pipeline: Pipeline,
                                              assessor: FakeAssessor) -> None:
    summary = pipeline.import_cns(CNS_SAMPLE)
    assert (summary.new, len(summary.events)) == (4, 4)
    assert sorted(assessor.calls) == sorted(summary.events)
    assert [f.line for f in summary.failures] == sorted(f.line for f in summary.failures)
    again = pipeline.import_cns(CNS_SAMPLE, assess=False)
    assert (again.new, again.duplicate, again.events) == (0, 4, [])


def test_a_failed_fusion_is_listed_by_ingest_and_raised_by_add(
        db: Store, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def refusing(**_: object):
        raise StoreError("the events could not be updated (disk full); nothing was changed")
        yield

    monkeypatch.setattr(db, "fusing", refusing)
    summary = pipeline.ingest([_report("a", 600, 8)])
    assert (summary.new, summary.events, summary.assessed) == (1, set(), 0)
    assert [str(f) for f in summary.failures] == \
        ["the events could not be updated (disk full); nothing was changed"]
    with pytest.raises(StoreError, match="disk full"):
        pipeline.add(_report("b", 650, 9))
    assert db.count_reports() == 2 and db.count_events() == 0
    monkeypatch.undo()
    assert pipeline.fuse().created == ["KP-2022-10-04-1"]  # the launches waited


def test_a_failed_assessment_is_listed_by_the_importer_and_raised_by_assess(
        db: Store) -> None:
    failing = FakeAssessor(fail_on="KP-2019-07-25-1")
    pipeline = Pipeline(db, assessor=failing, clock=lambda: NOW)
    summary = pipeline.import_cns(CNS_SAMPLE)
    assert len(summary.events) == 4
    assert any("told to fail" in f.message for f in summary.failures)
    with pytest.raises(PhysicsError):
        pipeline.assess()
    assert Pipeline(db, assessor=FakeAssessor(), clock=lambda: NOW).assess() == 4
