"""Precision before trust: a landing stated as a distance from a landmark beats a landmark
alone, which beats a sea's name, whoever gives each; and a launch dated only to its month is
never its month's first day."""

from __future__ import annotations

from datetime import date

from launchwatch.events import Tier, cluster, fuse
from launchwatch.model import CNS

from .helpers import at, launch, ref, report


def test_a_relative_landing_beats_a_named_sea_from_a_higher_tier() -> None:
    mod = ref(report("mod", published=at(9)), launch(
        landing_area="about 200 km west of Oshima-Oshima", reported_by=["Japan MoD"]))
    cns = ref(report("cns", publisher="CNS North Korea Missile Test Database",
                     published=at(23)), launch(landing_area="Sea of Japan", reported_by=[CNS]))
    jcs = ref(report("jcs", published=at(10)), launch(landing_area="East Sea",
                                                      reported_by=["ROK JCS"]))
    event = fuse("KP-2022-10-04-1", "North Korea", date(2022, 10, 4), [cns, jcs, mod])
    landing = event.fields["landing_area"]
    assert landing.value == "about 200 km west of Oshima-Oshima"
    # Among the names alone, the tier still decides: the JCS before CNS.
    assert [c.value for c in landing.claims] == [
        "about 200 km west of Oshima-Oshima", "East Sea", "Sea of Japan"]
    assert landing.best.tier == Tier.TRACKING


def test_a_landmark_without_a_distance_beats_a_named_sea_or_country() -> None:
    jcs = ref(report("jcs", published=at(9)), launch(landing_area="East Sea",
                                                     reported_by=["ROK JCS"]))
    wire = ref(report("wire", published=at(11)), launch(
        landing_area="waters near Ulleung Island", reported_by=["US officials"]))
    tokyo = ref(report("tokyo", published=at(10)), launch(
        landing_area="off the east coast of Japan", reported_by=["Japan MoD"]))
    event = fuse("KP-2022-10-04-1", "North Korea", date(2022, 10, 4), [jcs, wire, tokyo])
    landing = event.fields["landing_area"]
    # The landmark first, though a government's word; the two tracking militaries' wide
    # areas after it, the later first.
    assert [c.value for c in landing.claims] == [
        "waters near Ulleung Island", "off the east coast of Japan", "East Sea"]
    # A distance from a landmark still comes first.
    mod = ref(report("mod", published=at(8)), launch(
        landing_area="about 350 km east of Ulleung Island", reported_by=["CNS"]))
    event = fuse("KP-2022-10-04-1", "North Korea", date(2022, 10, 4), [jcs, wire, tokyo, mod])
    assert event.fields["landing_area"].value == "about 350 km east of Ulleung Island"


def test_other_fields_still_rank_by_tier() -> None:
    cns = ref(report("cns", publisher="CNS North Korea Missile Test Database"),
              launch(outcome="failure", reported_by=[CNS]))
    wire = ref(report("wire", published=at(8)), launch(outcome="success"))
    event = fuse("KP-2022-10-04-1", "North Korea", date(2022, 10, 4), [wire, cns])
    outcome = event.fields["outcome"]
    assert (outcome.value, outcome.best.authority, outcome.conflict) == ("failure", CNS, True)


def test_a_month_is_not_its_first_day() -> None:
    first = date(1984, 9, 1)
    month = ref(report("cns", publisher="CNS North Korea Missile Test Database"),
                launch(date_local=first, date_precision="month", reported_by=[CNS]))
    day = ref(report("wire"), launch(date_local=first))
    another = ref(report("cns-2", publisher="CNS North Korea Missile Test Database"),
                  launch(date_local=first, date_precision="month", reported_by=[CNS]))
    groups = cluster([month, day, another])
    assert sorted(len(group) for group in groups) == [1, 2]
    fused = [fuse(f"KP-1984-09-01-{n}", "North Korea", first, group)
             for n, group in enumerate(groups, 1)]
    assert sorted(event.date_precision for event in fused) == ["day", "month"]
