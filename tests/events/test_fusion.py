"""Fusion: one event from many reports, the best value per field, conflicts and history."""

from __future__ import annotations

from datetime import date

from launchwatch.events import Tier, fuse
from launchwatch.model import Quantity

from .helpers import DAY, at, km, launch, ref, report

NEXT_DAY = date(2022, 10, 5)

# The 2022-10-04 IRBM over Japan as five sources report it (figures simplified).
JCS_FLASH = (report("jcs-flash", published=at(7, 40)), launch(
    time_local="07:23", launch_site="Mupyong-ni area in Jagang Province", missile_class="IRBM",
    reported_by=["ROK JCS"]))
JCS_UPDATE = (report("jcs-update", published=at(9)), launch(
    time_local="07:23", missile_class="IRBM", distance_km=4500, apogee_km=970,
    max_speed_mach=Quantity(value=17, unit="Mach", qualifier="about"), reported_by=["ROK JCS"]))
JAPAN_MOD = (report("mod", publisher="Japan Ministry of Defense (synthetic)",
                    published=at(10, 30)), launch(
    time_local="07:22", distance_km=4600, apogee_km=1000, flight_time_s=1320,
    landing_area="Pacific Ocean, about 3,200 km east of Cape Erimo", inside_japan_eez=False,
    reported_by=["Japan MoD"]))
WIRE = (report("wire", publisher="Pacific Wire Service", published=at(14)), launch(
    distance_km=4600, count=1, missile_class="IRBM"))
KCNA = (report("kcna", publisher="KCNA (synthetic)", published=at(6, day=NEXT_DAY)), launch(
    missile_name="Hwasong-12", missile_class="IRBM", distance_km=km(4518.6, None),
    apogee_km=km(1413.6, None), reported_by=["KCNA"]))
SOURCES = [JCS_FLASH, JCS_UPDATE, JAPAN_MOD, WIRE, KCNA]


def _event(sources=SOURCES):
    return fuse("KP-2022-10-04-1", "North Korea", DAY,
                [ref(r, item, 0, i) for i, (r, item) in enumerate(sources)])


def test_several_reports_give_one_event_with_the_best_values() -> None:
    event = _event()
    assert event.id == "KP-2022-10-04-1" and len(event.reports) == 5
    # Tracking militaries beat the wire and KCNA; among them the latest report wins.
    assert event.distance_km == Quantity(value=4600, unit="km", qualifier="about")
    assert event.fields["distance_km"].best.authority == "Japan MoD"
    assert event.apogee_km.value == 1000
    assert event.value("time_local") == "07:22"
    assert event.flight_time_s.value == 1320
    assert event.max_speed_mach.value == 17
    assert event.value("launch_site") == "Mupyong-ni area in Jagang Province"
    # Stated by the press only: the wire's count is used.
    assert event.value("count") == 1
    assert event.fields["count"].best.tier == Tier.MEDIA
    # Stated by the launching state only: KCNA's name is used and marked as its claim.
    assert event.value("missile_name") == "Hwasong-12"
    assert event.fields["missile_name"].launching_state_only
    assert not event.fields["distance_km"].launching_state_only


def test_every_claim_is_kept_with_its_report_and_the_spread() -> None:
    distance = _event().fields["distance_km"]
    assert [(c.authority, c.value) for c in distance.claims] == [
        ("Japan MoD", 4600), ("ROK JCS", 4500), (None, 4600), ("KCNA", 4518.6)]
    assert {c.source for c in distance.claims} == {"mod.txt", "jcs-update.txt", "wire.txt",
                                                   "kcna.txt"}
    assert (distance.spread.low, distance.spread.high) == (4500, 4600)
    assert distance.spread.values == ["about 4,600 km", "about 4,500 km", "4,518.6 km"]
    assert not distance.conflict  # within rounding of each other


def test_conflicts_are_listed() -> None:
    event = _event()
    # KCNA's 1,413.6 km apogee cannot be the militaries' "about 970-1,000 km".
    assert event.conflicts == ["apogee_km"]
    apogee = event.fields["apogee_km"]
    assert apogee.conflict and apogee.spread.high == 1413.6
    assert [c.authority for c in apogee.claims] == ["Japan MoD", "ROK JCS", "KCNA"]


def test_the_revision_history_follows_the_reports_in_publication_order() -> None:
    history = _event(list(reversed(SOURCES))).revisions
    assert [r.source for r in history] == ["jcs-flash.txt", "jcs-update.txt", "mod.txt",
                                          "wire.txt", "kcna.txt"]
    assert [r.number for r in history] == [1, 2, 3, 4, 5]
    update, mod = history[1], history[2]
    assert update.changes["distance_km"] == {"from": None, "to": "about 4,500 km",
                                             "by": "ROK JCS via Hanbit News Agency"}
    assert mod.changes["distance_km"]["from"] == "about 4,500 km"
    assert mod.changes["distance_km"]["to"] == "about 4,600 km"
    assert mod.changes["time_local"] == {"from": "07:23", "to": "07:22", "by": "Japan MoD"}
    assert set(history[3].changes) == {"count"}
    assert set(history[4].changes) == {"missile_name"}


def test_a_later_revision_by_the_same_body_replaces_the_flash() -> None:
    flash = (report("flash", published=at(6)), launch(distance_km=430, reported_by=["ROK JCS"]))
    revised = (report("revised", published=at(8)), launch(distance_km=600,
                                                          reported_by=["ROK JCS"]))
    event = _event([revised, flash])
    assert event.distance_km.value == 600
    assert [(r.source, r.changes["distance_km"]["to"]) for r in event.revisions] == [
        ("flash.txt", "about 430 km"), ("revised.txt", "about 600 km")]
    assert event.conflicts == ["distance_km"]


def test_an_unknown_class_gives_way_and_an_unattributed_second_figure_is_never_chosen() -> None:
    vague = (report("a", published=at(9)), launch(missile_class="unknown",
                                                  reported_by=["ROK JCS"]))
    stated = (report("b", published=at(8), publisher="Wire"), launch(
        missile_class="SRBM", distance_km=600,
        alternatives={"distance_km": [{"value": 950.0, "reported_by": None}]}))
    event = _event([vague, stated])
    assert event.value("missile_class") == "SRBM"
    distance = event.fields["distance_km"]
    assert distance.value == 600 and len(distance.claims) == 2
    assert (distance.spread.low, distance.spread.high) == (600, 600)
    assert not distance.conflict


def test_fusion_is_deterministic() -> None:
    first = _event().to_json()
    again = _event(list(reversed(SOURCES))).to_json()
    assert first == again


def test_views() -> None:
    event = _event()
    record = event.to_record()
    assert record["distance_km"] == 4600 and record["qualifiers"]["distance_km"] == "about"
    assert record["conflicts"] == ["apogee_km"] and record["reports"] == 5
    assert record["launching_state_only"] == ["missile_name"]
    assert record["authorities"][:2] == ["ROK JCS", "Japan MoD"]
    assert record["met_range_km"] is None  # no assessment attached
    assert type(event).model_validate(event.to_json()) == event
