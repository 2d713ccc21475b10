"""Events in the store, on SQLite and PostgreSQL, through the pipeline: fusion of stored
launches, ids, history, idempotence, and assessments recomputed only when their inputs
change."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import delete, func, select

import launchwatch.store.event_store as event_store
import launchwatch.store.fusing as fusing
from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.errors import StoreError
from launchwatch.model import (Assessment, Event, EventChanges, LandingPointFigure,
                               LandingZoneFigure, LaunchPointFigure, OverflightFigure,
                               ReachFigure, TrajectoryFigure)
from launchwatch.pipeline import Pipeline
from launchwatch.store import ClaimRow, EventLaunchRow, EventRow, ReportRow, RevisionRow, Store

from .helpers import DAY, at, extraction, launch, report

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)


def _add(store: Store, name: str, *launches, **fields) -> None:
    source = report(name, **fields)
    assert store.add(source, extraction(source, *launches), now=NOW)


def _pipeline(store: Store, assessor: CountingAssessor | None = None) -> Pipeline:
    return Pipeline(store, assessor=assessor or CountingAssessor(), clock=lambda: NOW)


def _fuse(store: Store) -> EventChanges:
    return _pipeline(store).fuse()


def _count(store: Store, table) -> int:
    with store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(table))


def test_several_reports_of_one_launch_make_one_event(db: Store) -> None:
    _add(db, "jcs", launch(time_local="07:23", distance_km=4500, reported_by=["ROK JCS"]),
         published=at(8))
    _add(db, "mod", launch(time_local="07:22", distance_km=4600, flight_time_s=1320,
                           reported_by=["Japan MoD"]),
         publisher="Japan Ministry of Defense (synthetic)", published=at(10))
    _add(db, "kcna", launch(distance_km=4518.6, missile_name="Hwasong-12", reported_by=["KCNA"]),
         publisher="KCNA (synthetic)", published=at(23))
    changes = _fuse(db)
    assert changes.created == ["KP-2022-10-04-1"] and changes.launches == 3
    [event] = db.events()
    assert event.distance_km.value == 4600 and event.value("missile_name") == "Hwasong-12"
    assert event.fields["missile_name"].launching_state_only
    assert len(event.reports) == 3 and len(event.revisions) == 3
    with db.session() as session:
        row = session.get(EventRow, "KP-2022-10-04-1")
        assert (row.distance_km, row.flight_time_s, row.report_count, row.date_local) == \
            (4600, 1320, 3, DAY)
        chosen = session.scalars(select(ClaimRow.authority).where(
            ClaimRow.field == "distance_km", ClaimRow.chosen)).all()
        assert chosen == ["Japan MoD"]
        kcna = session.scalars(select(ClaimRow.number).where(ClaimRow.authority == "KCNA",
                                                             ClaimRow.field == "distance_km"))
        assert list(kcna) == [4518.6]
    assert _count(db, RevisionRow) == 3


def test_two_launches_on_one_day_at_different_sites_are_two_events(db: Store) -> None:
    _add(db, "a", launch(time_local="07:00", launch_site="Sunan"), published=at(8))
    _add(db, "b", launch(time_local="16:00", launch_site="Sinpo"), published=at(17))
    _add(db, "c", launch(launch_site="Sinpo", distance_km=600),
         launch(launch_site="Sunan", distance_km=300), published=at(18))
    _fuse(db)
    events = {e.id: e for e in db.events()}
    assert set(events) == {"KP-2022-10-04-1", "KP-2022-10-04-2"}
    assert events["KP-2022-10-04-1"].value("launch_site") == "Sunan"
    assert events["KP-2022-10-04-1"].distance_km.value == 300
    assert events["KP-2022-10-04-2"].distance_km.value == 600


def test_refreshing_again_and_reingesting_change_nothing(db: Store) -> None:
    _add(db, "jcs", launch(distance_km=600, reported_by=["ROK JCS"]), published=at(8))
    _fuse(db)
    before = db.event("KP-2022-10-04-1").to_json()
    source = report("jcs", published=at(8))
    assert not db.add(source, extraction(source, launch(distance_km=600,
                                                        reported_by=["ROK JCS"])), now=NOW)
    again = _fuse(db)
    assert (again.created, again.updated, again.removed, again.launches) == ([], [], [], 0)
    assert db.event("KP-2022-10-04-1").to_json() == before
    assert db.count_events() == 1


def test_a_new_report_updates_the_event_and_adds_a_revision(db: Store) -> None:
    _add(db, "flash", launch(distance_km=430, reported_by=["ROK JCS"]), published=at(6))
    _fuse(db)
    _add(db, "revised", launch(distance_km=600, reported_by=["ROK JCS"]), published=at(8))
    changes = _fuse(db)
    assert changes.updated == ["KP-2022-10-04-1"] and not changes.created
    event = db.event("kp-2022-10-04-1")  # ids are case-insensitive
    assert event.distance_km.value == 600
    assert [r.changes["distance_km"]["to"] for r in event.revisions] == ["about 430 km",
                                                                        "about 600 km"]
    assert _count(db, RevisionRow) == 2


def test_rebuilding_gives_the_same_events(db: Store) -> None:
    for i, (site, hour) in enumerate([("Sunan", 7), ("Sinpo", 16), ("Sunan", 9)]):
        _add(db, f"r{i}", launch(launch_site=site, time_local=f"{hour:02d}:00"),
             published=at(hour + 1))
    _add(db, "undated", launch(date_local=None, launch_site="Sohae"))
    _fuse(db)
    first = {e.id: e.to_json() for e in db.events()}
    assert len(first) == 3
    rebuilt = _pipeline(db).rebuild(assess=False)
    assert (rebuilt.changes.created, rebuilt.assessed) == (sorted(first), 0)
    assert {e.id: e.to_json() for e in db.events()} == first


def test_background_launches_join_an_event_but_make_none(db: Store) -> None:
    _add(db, "recall", launch(role="background", distance_km=590, reported_by=["ROK JCS"]),
         published=at(9, day=date(2022, 11, 1)))
    assert _fuse(db).created == []
    assert _count(db, EventLaunchRow) == 1  # seen, in no event
    _add(db, "news", launch(distance_km=600, reported_by=["ROK JCS"]), published=at(8))
    _fuse(db)
    [event] = db.events()
    assert event.distance_km.value == 600 and len(event.reports) == 2
    assert [c.background for c in event.fields["distance_km"].claims] == [False, True]


def test_events_are_filtered(db: Store) -> None:
    _add(db, "kp", launch(missile_class="ICBM"), published=at(8))
    _add(db, "ir", launch(country="Iran", missile_class="MRBM",
                          date_local=date(2024, 2, 20)))
    _fuse(db)
    assert [e.id for e in db.events()] == ["IR-2024-02-20-1", "KP-2022-10-04-1"]
    assert [e.id for e in db.events(country="north korea")] == ["KP-2022-10-04-1"]
    assert [e.id for e in db.events(since=date(2023, 1, 1))] == ["IR-2024-02-20-1"]
    assert [e.id for e in db.events(missile_class="icbm")] == ["KP-2022-10-04-1"]
    assert db.events(limit=1)[0].id == "IR-2024-02-20-1"
    assert db.event("nope") is None


class CountingAssessor:
    """An assessor that records which events it assessed (no physics, no geography)."""

    method = "counting v1"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        self.calls.append(event.id)
        inputs = assessment_inputs(event)
        distance = inputs.distance_km.value if inputs.distance_km else None
        return Assessment(event_id=event.id, inputs=inputs, inputs_hash=inputs_hash(inputs),
                          method=self.method, launch_point=LaunchPointFigure.skipped("test"),
                          landing_point=LandingPointFigure.skipped("test"),
                          landing_zone=LandingZoneFigure.skipped("test"),
                          overflight=OverflightFigure.skipped("test"),
                          reach=ReachFigure.skipped("test"),
                          trajectory=TrajectoryFigure(status="ok",
                                                      value={"met_range_km": distance}))


def test_assessments_are_stored_and_recomputed_only_when_inputs_change(db: Store) -> None:
    _add(db, "a", launch(distance_km=600, reported_by=["ROK JCS"]), published=at(8))
    _fuse(db)
    assessor = CountingAssessor()
    pipeline = _pipeline(db, assessor)
    assert pipeline.assess() == 1
    assert pipeline.assess() == 0
    assert db.event("KP-2022-10-04-1").assessment.headline()["met_range_km"] == 600
    # A report that changes no input (a later wire story repeating the figure) costs nothing.
    _add(db, "b", launch(distance_km=600, count=2), published=at(12))
    assert _fuse(db).updated == ["KP-2022-10-04-1"]
    assert pipeline.assess() == 0
    # One that changes the distance makes it stale.
    _add(db, "c", launch(distance_km=650, reported_by=["Japan MoD"]), published=at(13))
    _fuse(db)
    assert db.events_to_assess(assessor.method) == ["KP-2022-10-04-1"]
    assert pipeline.assess() == 1
    assert assessor.calls == ["KP-2022-10-04-1"] * 2
    assert db.assessment("KP-2022-10-04-1").trajectory.value.met_range_km == 650
    # Another method is another assessment.
    other = CountingAssessor()
    other.method = "counting v2"
    assert _pipeline(db, other).assess() == 1
    assert db.assessment("KP-2022-10-04-1").computed_at == NOW


def test_deleting_a_report_leaves_no_orphan_claims(db: Store) -> None:
    _add(db, "a", launch(distance_km=600), published=at(8))
    _fuse(db)
    with db.engine.begin() as connection:
        connection.execute(delete(ReportRow))
    assert _count(db, ClaimRow) == 0 and _count(db, EventLaunchRow) == 0


def test_a_failed_refresh_changes_nothing(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(db, "a", launch(distance_km=600, launch_site="Sunan", time_local="07:00"),
         published=at(8))
    _add(db, "b", launch(distance_km=300, launch_site="Sinpo", time_local="16:00"),
         published=at(17))

    real = fusing._write_events

    def fail_after_the_first(connection, prepared):
        kept = prepared.created[:1]
        first = dataclasses.replace(
            prepared, created_rows=prepared.created_rows[:1],
            claim_rows=[row for row in prepared.claim_rows if row["event_id"] in kept],
            revision_rows=[row for row in prepared.revision_rows if row["event_id"] in kept])
        real(connection, first)  # the day's first event is written, then the disk fills
        raise event_store.SQLAlchemyError("disk full")

    monkeypatch.setattr(fusing, "_write_events", fail_after_the_first)
    with pytest.raises(StoreError, match="the launches not fused yet wait for the next"):
        _fuse(db)
    assert db.count_events() == 0 and _count(db, EventLaunchRow) == 0
    monkeypatch.setattr(fusing, "_write_events", real)
    assert len(_fuse(db).created) == 2


def test_rebuilding_keeps_assessments_whose_inputs_are_unchanged(db: Store) -> None:
    _add(db, "a", launch(distance_km=600, launch_site="Sunan", time_local="07:00"),
         published=at(8))
    _fuse(db)
    assessor = CountingAssessor()
    pipeline = _pipeline(db, assessor)
    assert pipeline.assess() == 1
    assert pipeline.rebuild().assessed == 0
    assert db.event("KP-2022-10-04-1").assessment is not None
    assert assessor.calls == ["KP-2022-10-04-1"]


def test_an_undated_report_joins_its_launch_whichever_is_stored_first(db: Store) -> None:
    # The blog gives no day; its name and figures are the JCS launch's.
    _add(db, "blog", launch(date_local=None, missile_name="Hwasong-17", distance_km=1090,
                            apogee_km=6100))
    _fuse(db)
    assert [e.id for e in db.events()][0].startswith("KP-undated-")
    _add(db, "jcs", launch(missile_name="Hwasong-17", distance_km=1090, apogee_km=6100,
                           reported_by=["ROK JCS"]), published=at(9))
    changes = _fuse(db)
    [event] = db.events()
    assert event.id == "KP-2022-10-04-1" and event.date_local == DAY
    assert len(event.reports) == 2
    assert any(removed.startswith("KP-undated-") for removed in changes.removed)
    assert _count(db, EventRow) == 1
