"""A launch's stated values become claims with their source, tier and evidence."""

from __future__ import annotations

from launchwatch.events import Tier, claims_from_launch, who
from launchwatch.events.claims import ReportInfo

from .helpers import evidence, km, launch, report

TEXT = ("North Korea fired an ICBM. The state news agency KCNA said the missile flew 1,090 km. "
        "South Korea's Joint Chiefs of Staff said it flew about 1,080 km and fired it at 2:34 "
        "p.m.")


def _info(text: str = TEXT, publisher: str = "Continental Press Agency") -> ReportInfo:
    source = report("wire", publisher=publisher, text=text)
    return ReportInfo(content_hash=source.content_hash, source=source.source,
                      publisher=publisher, text=text)


def test_main_value_and_alternatives_are_claims_of_their_bodies() -> None:
    item = launch(
        distance_km=km(1090, None), missile_class="ICBM", time_local="14:34",
        reported_by=["KCNA", "ROK JCS"],
        evidence={"distance_km": evidence(TEXT, "1,090 km"),
                  "time_local": evidence(TEXT, "2:34")},
        alternatives={"distance_km": [{"value": 1080.0, "qualifier": "about",
                                       "reported_by": "ROK JCS",
                                       "evidence": evidence(TEXT, "about 1,080 km").model_dump()}],
                      "apogee_km": [{"value": 950.0, "qualifier": None, "reported_by": None}]})
    claims = claims_from_launch(item, 0, _info(), "North Korea")
    by = {(c.field, c.value): c for c in claims}
    main = by[("distance_km", 1090)]
    assert (main.authority, main.tier, main.alternative) == ("KCNA", Tier.LAUNCHING_STATE, False)
    assert main.launching_state and main.evidence.text == "1,090 km"
    other = by[("distance_km", 1080)]
    assert (other.authority, other.tier, other.alternative, other.qualifier) == \
        ("ROK JCS", Tier.TRACKING, True, "about")
    assert other.evidence.text == "about 1,080 km"
    assert by[("time_local", "14:34")].authority == "ROK JCS"
    unattributed = by[("apogee_km", 950)]
    assert unattributed.tier == Tier.UNATTRIBUTED and not unattributed.counts
    assert by[("missile_class", "ICBM")].unit is None


def test_a_single_cited_body_states_everything_and_none_means_the_report() -> None:
    one = claims_from_launch(launch(distance_km=600, reported_by=["ROK JCS"]), 0, _info(),
                             "North Korea")
    assert [(c.authority, c.tier) for c in one] == [("ROK JCS", Tier.TRACKING)]
    none = claims_from_launch(launch(distance_km=600), 0, _info(), "North Korea")
    assert [(c.authority, c.tier, who(c)) for c in none] == \
        [(None, Tier.MEDIA, "Continental Press Agency")]


def test_claim_views() -> None:
    [claim] = claims_from_launch(launch(apogee_km=km(6000, "more than"),
                                        reported_by=["Japan MoD"]), 0,
                                 _info(publisher="Japan Ministry of Defense (synthetic)"),
                                 "North Korea")
    assert claim.shown() == "more than 6,000 km"
    assert who(claim) == "Japan MoD"
    assert claim.interval() == (5700.0, float("inf"))
    [ranged] = claims_from_launch(launch(apogee_km=km(57.5, None, low=25, high=90)), 0, _info(),
                                  "North Korea")
    assert ranged.interval() == (25, 90) and ranged.shown() == "between 25 and 90 km"


def test_background_launches_are_marked() -> None:
    [claim] = claims_from_launch(launch(role="background", distance_km=600), 0, _info(),
                                 "North Korea")
    assert claim.background
