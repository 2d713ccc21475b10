"""The assessor's six figures, each checked on an Event built by hand (no store, no extractor).

The expectations come from the engines the assessor calls (``launchwatch.geo``) where it only
delegates, and from published flights (physics-methods.md, flight-tests.csv) where the figure
is physics:

* 2017-09-15 Hwasong-12 from Sunan: about 3,700 km, apogee about 800 km, about 19 min, over
  Hokkaido, "about 2,200 km east of Cape Erimo" (Japan MOD).
* 2017-11-29 KST (2017-11-28 US time) Hwasong-15: about 1,000 km, apogee about 4,475 km,
  53 min; Wright (UCS) put its minimum-energy range above 13,000 km.
* 2023-07-12 Hwasong-18: about 1,000 km, apogee about 6,000 km, "about 250 km west of
  Okushiri Island", outside Japan's EEZ.

The Monte Carlo runs 200 samples (``EngineAssessor(samples=...)``), enough for the 5-95 %
bounds these tests look at and fast.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from launchwatch import geo
from launchwatch.assess.assessor import (ASSESSMENT_VERSION, EngineAssessor, assessment_inputs,
                                         inputs_hash)
from launchwatch.model import Assessment, Claim, Event, EventField, Tier

UNITS = {"distance_km": "km", "apogee_km": "km", "flight_time_s": "s"}
SUNAN = (39.2239, 125.67)  # flight-tests.csv (Pyongyang Sunan International Airport)
KUSONG = (40.0133, 125.223)  # flight-tests.csv (CNS DB geolocation)
LOFTED = {"distance_km": 1000, "apogee_km": 6000, "missile_class": "ICBM"}
HWASONG_12 = {"distance_km": 3700, "apogee_km": 800, "flight_time_s": 1140,
              "missile_class": "IRBM"}
HWASONG_15 = {"distance_km": 960, "apogee_km": 4475, "flight_time_s": 53 * 60,
              "missile_class": "ICBM"}


# -- builders ----------------------------------------------------------------------------------


def _field(name: str, value: Any, qualifier: str | None = None,
           point: tuple[float, float] | None = None) -> EventField:
    """A field whose best value (and only claim) is ``value``."""
    lat, lon = point if point is not None else (None, None)
    claim = Claim(field=name, value=value, unit=UNITS.get(name), qualifier=qualifier,
                  lat_deg=lat, lon_deg=lon, tier=Tier.GOVERNMENT, report_hash="0" * 64,
                  source="hand-built.txt", publisher="Japan Ministry of Defense")
    return EventField(name=name, value=value, best=claim, claims=[claim])


def event(*, site_point: tuple[float, float] | None = None, event_id: str = "KP-TEST-1",
          **values: Any) -> Event:
    """An event with these best values.  A quantity is a number (qualifier "about") or a
    (number, qualifier) pair; ``site_point`` puts coordinates on the launch-site claim (as a
    report that placed the site does); a value of None leaves the field out."""
    fields = {}
    for name, given in values.items():
        if given is None:
            continue
        if name in UNITS:
            number, qualifier = given if isinstance(given, tuple) else (given, "about")
            fields[name] = _field(name, float(number), qualifier)
        elif name == "launch_site":
            fields[name] = _field(name, given, point=site_point)
        else:
            fields[name] = _field(name, given)
    return Event(id=event_id, country="North Korea", fields=fields)


@pytest.fixture(scope="module")
def assessor() -> EngineAssessor:
    return EngineAssessor(samples=200, seed=0)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(geo.distance_km(a[0], a[1], b[0], b[1]))


# -- launch point ------------------------------------------------------------------------------


def test_a_site_placed_by_a_report_keeps_the_reports_coordinates(assessor) -> None:
    figure = assessor.assess(event(launch_site="near Kusong", site_point=KUSONG)).launch_point
    assert figure.ok
    assert (figure.value.lat_deg, figure.value.lon_deg) == KUSONG
    assert (figure.value.name, figure.value.source) == ("near Kusong", "report")
    assert figure.inputs.launch_site == "near Kusong"
    assert figure.model_dump(mode="json")["assumptions"] == {}  # the gazetteer was not asked


@pytest.mark.parametrize("name", ["Sunan", "the Sunan area of Pyongyang"])
def test_a_site_named_without_coordinates_is_placed_by_the_gazetteer(assessor, name) -> None:
    figure = assessor.assess(event(launch_site=name)).launch_point
    expected = geo.locate_site(name)
    assert figure.ok and expected is not None
    assert (figure.value.lat_deg, figure.value.lon_deg) == (expected.lat_deg, expected.lon_deg)
    assert (figure.value.lat_deg, figure.value.lon_deg) == pytest.approx(SUNAN, abs=0.05)
    assert (figure.value.name, figure.value.source) == ("Sunan", "gazetteer")
    assert figure.assumptions.site == f"{name!r} taken to be the gazetteer's Sunan"


@pytest.mark.parametrize("name", ["평안남도 순안 일대", "平壌の順安付近"])
def test_a_site_named_in_korean_or_japanese_is_placed_too(assessor, name) -> None:
    # The launching state's own words, kept as written: the map and the assessment still
    # need the point.
    figure = assessor.assess(event(launch_site=name)).launch_point
    assert figure.ok
    assert (figure.value.lat_deg, figure.value.lon_deg) == pytest.approx(SUNAN, abs=0.05)


def test_a_province_alone_is_no_launch_site(assessor) -> None:
    assert not assessor.assess(event(launch_site="평안북도 일대")).launch_point.ok


def test_an_unknown_site_is_not_placed_and_says_why(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Nowhereville", **LOFTED))
    figure = assessment.launch_point
    assert figure.status == "not computed"
    assert figure.reason == "the gazetteer knows no site called 'Nowhereville'"
    assert figure.inputs.launch_site == "Nowhereville"
    assert figure.value.lat_deg is None
    # What needs the site says so too; the trajectory does not need it.
    assert assessment.trajectory.ok
    assert (assessment.reach.status, assessment.reach.reason) == ("not computed",
                                                                  "no launch point")
    assert assessment.overflight.reason == "needs both the launch point and the landing point"


def test_an_event_without_a_site_says_no_source_names_one(assessor) -> None:
    figure = assessor.assess(event(**LOFTED)).launch_point
    assert (figure.status, figure.reason) == ("not computed", "no source names the launch site")


# -- trajectory --------------------------------------------------------------------------------


def test_a_lofted_icbm_has_a_minimum_energy_range_well_over_10000_km(assessor) -> None:
    # 1,000 km and 6,000 km: near-orbital burnout speed (physics-methods.md a2: "only bounds
    # such as '>15 000 km' are meaningful"), so the range is reported as a lower bound.
    figure = assessor.assess(event(**LOFTED)).trajectory
    assert figure.ok and figure.value.status == "ok"
    met = figure.value.met_range_km
    low, high = figure.value.met_range_interval_km
    assert met > 12_000
    assert low is not None and high is not None and low <= met <= high
    assert high - low > 0
    assert figure.value.met_range_is_lower_bound is True
    assert figure.value.consistency is None and figure.value.consistent is None  # no time
    assert figure.assumptions.monte_carlo_samples == 200
    assert figure.inputs.distance_km.value == 1000.0
    assert figure.inputs.apogee_km.value == 6000.0


def test_the_hwasong_15_figures_are_consistent_and_reach_past_10000_km(assessor) -> None:
    figure = assessor.assess(event(**HWASONG_15)).trajectory
    verdict = figure.value.consistency
    assert figure.ok and figure.value.consistent is True and verdict.consistent is True
    assert verdict.reported_flight_time_s == 3180.0
    assert verdict.discrepancy_s == 0.0
    low, high = verdict.predicted_interval_s
    assert low < 3180.0 < high
    assert figure.value.met_range_km > 10_000  # Wright (UCS): > 13,000 km; +-15 % (a2)
    assert figure.value.met_range_km == pytest.approx(13_000, rel=0.15)


@pytest.mark.parametrize(("minutes", "consistent"), [(68, True), (53, False)])
def test_the_flight_time_decides_the_consistency_verdict(assessor, minutes, consistent) -> None:
    # 1,000 km / 6,000 km flies for about 64-72 min; 53 min (the Hwasong-15's time, with
    # 4,475 km) is far too short for that apogee.
    figure = assessor.assess(event(**LOFTED, flight_time_s=minutes * 60)).trajectory
    verdict = figure.value.consistency
    assert figure.ok
    assert figure.value.consistent is consistent and verdict.consistent is consistent
    if consistent:
        assert verdict.discrepancy_s == 0.0
    else:
        assert verdict.discrepancy_s < -300  # reported shorter than any fitting flight
        assert "shorter" in verdict.reason
    # The minimum-energy range depends on range and apogee, not on the time.
    assert figure.value.met_range_km == pytest.approx(
        assessor.assess(event(**LOFTED)).trajectory.value.met_range_km, rel=1e-9)


def test_a_missing_apogee_skips_the_trajectory_and_what_needs_it(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", distance_km=1000,
                                       missile_class="ICBM"))
    figure = assessment.trajectory
    assert figure.status == "not computed"
    assert figure.reason == "a trajectory needs both the distance flown and the apogee"
    assert figure.inputs.apogee_km is None
    assert figure.inputs.distance_km.value == 1000.0
    assert figure.value.met_range_km is None
    assert assessment.reach.status == "not computed"
    assert assessment.reach.reason == ("no minimum-energy range (needs a reconstructed "
                                       "trajectory)")


def test_a_cruise_missile_has_no_ballistic_trajectory(assessor) -> None:
    figure = assessor.assess(event(distance_km=1000, apogee_km=1,
                                   missile_class="cruise")).trajectory
    assert (figure.status, figure.reason) == (
        "not computed", "a cruise missile does not fly a ballistic trajectory")


def test_a_depressed_flight_is_outside_ballistic_inference(assessor) -> None:
    # apogee / range = 0.1 < 0.15 (physics-methods.md b2).
    assessment = assessor.assess(event(launch_site="Sunan", distance_km=600, apogee_km=60,
                                       missile_class="SRBM"))
    figure = assessment.trajectory
    assert figure.status == "not computed"
    assert figure.value.status == "outside-ballistic-inference"
    assert "depressed" in figure.reason
    assert figure.value.met_range_km is None
    assert assessment.reach.status == "not computed"


@pytest.mark.parametrize("qualifier", ["more than", "at least", "over"])
def test_a_lower_bound_is_taken_as_the_figure_and_said_so(assessor, qualifier) -> None:
    # "more than 6,000 km": event.py takes the bound as the figure and notes it.
    bounded = assessor.assess(event(**{**LOFTED, "apogee_km": (6000, qualifier)})).trajectory
    plain = assessor.assess(event(**LOFTED)).trajectory
    assert bounded.ok
    assert bounded.assumptions.apogee_km == (f"given as a lower bound ({qualifier} 6000); "
                                             "taken as the figure")
    assert bounded.assumptions.distance_km is None
    assert bounded.inputs.apogee_km.qualifier == qualifier
    assert bounded.value.met_range_km == pytest.approx(plain.value.met_range_km, rel=1e-9)
    assert "apogee_km" not in plain.model_dump(mode="json")["assumptions"]


def test_a_lower_bound_on_the_flight_time_is_noted_as_well(assessor) -> None:
    figure = assessor.assess(event(**{**HWASONG_15, "flight_time_s": (3180, "over")}))
    assert figure.trajectory.assumptions.flight_time_s == ("given as a lower bound (over 3180); "
                                                           "taken as the figure")


@pytest.mark.parametrize("qualifier", ["about", "up to", None])
def test_other_qualifiers_add_no_lower_bound_note(assessor, qualifier) -> None:
    figure = assessor.assess(event(**{**LOFTED, "apogee_km": (6000, qualifier)})).trajectory
    assert figure.ok and figure.assumptions.apogee_km is None


# -- landing point -----------------------------------------------------------------------------


def test_a_relative_location_is_placed_by_resolve_relative(assessor) -> None:
    area = "about 250 km west of Okushiri Island"
    assessment = assessor.assess(event(launch_site="Sunan", landing_area=area, **LOFTED))
    figure = assessment.landing_point
    site = (assessment.launch_point.value.lat_deg, assessment.launch_point.value.lon_deg)
    expected = geo.resolve_relative(area, launch_site=site, toward=site)
    assert figure.ok and figure.value.method == "relative location"
    assert figure.value.lat_deg == pytest.approx(expected.lat_deg, abs=1e-9)
    assert figure.value.lon_deg == pytest.approx(expected.lon_deg, abs=1e-9)
    assert figure.value.uncertainty_km == pytest.approx(expected.uncertainty_km)
    assert figure.value.anchor == "Okushiri Island"
    assert figure.value.bearing_deg == pytest.approx(270.0)
    point = (figure.value.lat_deg, figure.value.lon_deg)
    # Okushiri is at about 42.16 N 139.46 E: 250 km west is near 42.1 N 136.4 E.
    assert _distance_km(point, (42.2, 136.7)) < 40
    assert _distance_km(point, (expected.anchor.lat_deg, expected.anchor.lon_deg)) == \
        pytest.approx(250, abs=1)
    assert 0 < figure.value.uncertainty_km < 150
    assert figure.assumptions.distance_interval_km == (245.0, 255.0)
    assert figure.assumptions.bearing_half_width_deg == 22.5
    assert figure.assumptions.bearing_from == "compass"
    assert figure.inputs.landing_area == area and figure.inputs.launch_point == site


def test_direction_and_distance_fly_the_geodesic_from_the_site(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", direction="ENE", **HWASONG_12))
    figure = assessment.landing_point
    lat, lon = geo.destination(SUNAN[0], SUNAN[1], 67.5, 3700.0)
    assert figure.ok and figure.value.method == "site, direction and distance"
    assert figure.value.azimuth_deg == 67.5
    assert figure.value.lat_deg == pytest.approx(float(lat), abs=1e-9)
    assert figure.value.lon_deg == pytest.approx(float(lon), abs=1e-9)
    assert figure.assumptions.path == "geodesic from the site"
    assert figure.assumptions.direction == "the compass direction ENE (±11.25°)"
    assert figure.inputs.launch_point == SUNAN and figure.inputs.direction == "ENE"
    assert figure.inputs.distance_km.value == 3700.0


@pytest.mark.parametrize(("direction", "half_width"), [("east", 22.5), ("NE", 22.5),
                                                       ("ENE", 11.25), ("wnw", 11.25)])
def test_the_direction_assumption_states_the_compass_sector(assessor, direction,
                                                            half_width) -> None:
    figure = assessor.assess(event(launch_site="Sunan", direction=direction,
                                   distance_km=600)).landing_point
    assert figure.ok
    assert figure.assumptions.direction == (f"the compass direction {direction} "
                                            f"(±{half_width}°)")


def test_a_spelled_out_sixteen_point_direction_states_its_narrower_sector(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", direction="east-northeast",
                                   distance_km=600)).landing_point
    assert figure.ok and figure.value.azimuth_deg == 67.5
    assert figure.assumptions.direction == ("the compass direction east-northeast "
                                            "(±11.25°)")


def _assert_toward_the_sea_of_japan(figure, site: tuple[float, float], distance: float) -> None:
    water = geo.Gazetteer.default().water("East Sea")
    azimuth, _ = geo.inverse(site[0], site[1], water.lat_deg, water.lon_deg)
    lat, lon = geo.destination(site[0], site[1], float(azimuth) % 360.0, distance)
    assert figure.ok and figure.value.method == "site, direction and distance"
    assert figure.value.azimuth_deg == pytest.approx(float(azimuth) % 360.0)
    assert (figure.value.lat_deg, figure.value.lon_deg) == pytest.approx(
        (float(lat), float(lon)), abs=1e-9)
    assert figure.assumptions.direction == ("no direction given: toward the Sea of Japan's "
                                            "label point (±45°)")


def test_with_only_a_sea_named_the_flight_goes_toward_its_label_point(assessor) -> None:
    # "East Sea" is what the extractor stores for "... fell into the East Sea".
    figure = assessor.assess(event(launch_site="Sunan", distance_km=600,
                                   landing_area="East Sea")).landing_point
    _assert_toward_the_sea_of_japan(figure, SUNAN, 600.0)


@pytest.mark.parametrize("area", ["into the East Sea", "waters of the East Sea",
                                  "preset waters in the open sea of the East Sea of Korea"])
def test_a_sea_named_inside_a_phrase_still_gives_the_direction(assessor, area) -> None:
    figure = assessor.assess(event(launch_site="Sunan", distance_km=600,
                                   landing_area=area)).landing_point
    _assert_toward_the_sea_of_japan(figure, SUNAN, 600.0)


def test_an_ocean_gives_no_direction(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", distance_km=3700,
                                   landing_area="Pacific Ocean")).landing_point
    assert figure.status == "not computed"
    assert figure.reason == "no relative location, and no direction to fly from the site"


def test_an_unplaceable_relative_location_says_why(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan",
                                   landing_area="about 250 km west of Qwxzyv Island")
                             ).landing_point
    assert figure.status == "not computed"
    assert figure.reason.startswith("the landing area could not be placed (")
    assert figure.reason.endswith("; no relative location, and no direction, distance to fly "
                                  "from the site")


def test_a_landing_point_needs_a_site_to_fly_from(assessor) -> None:
    figure = assessor.assess(event(direction="east", distance_km=600)).landing_point
    assert figure.status == "not computed"
    assert figure.reason == "no relative location, and no launch site to fly from the site"


# -- landing zone ------------------------------------------------------------------------------


@pytest.mark.parametrize(("area", "inside", "claimant"), [
    ("about 100 km west of Okushiri Island", True, "Japan"),
    ("about 250 km west of Okushiri Island", False, "Russia"),  # 2023-07-12: outside
])
def test_the_zone_of_the_landing_point_agrees_with_the_sources(assessor, area, inside,
                                                               claimant) -> None:
    figure = assessor.assess(event(launch_site="Sunan", landing_area=area,
                                   inside_japan_eez=inside)).landing_zone
    assert figure.ok
    assert figure.value.surface == "sea" and figure.value.sea == "Sea of Japan"
    assert figure.value.inside_japan_eez is inside
    assert (figure.value.maritime_zone, figure.value.claimant) == ("EEZ", claimant)
    assert figure.value.summary == f"sea: Sea of Japan, EEZ of {claimant}"
    assert figure.value.reported_inside_japan_eez is inside
    assert figure.value.agrees_with_report is True
    assert figure.value.notes == []
    assert figure.inputs.inside_japan_eez is inside


def test_the_zone_is_the_engines_zone_of_the_landing_point(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan",
                                       landing_area="about 100 km west of Okushiri Island"))
    point = (assessment.landing_point.value.lat_deg, assessment.landing_point.value.lon_deg)
    zone = geo.classify(*point).to_record()
    figure = assessment.landing_zone
    assert figure.inputs.landing_point == point
    for key in ("surface", "sea", "claimant", "maritime_zone", "inside_japan_eez"):
        assert getattr(figure.value, key) == zone[key]


def test_a_different_eez_verdict_is_flagged(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan",
                                   landing_area="about 250 km west of Okushiri Island",
                                   inside_japan_eez=True)).landing_zone
    assert figure.value.inside_japan_eez is False
    assert figure.value.agrees_with_report is False
    assert figure.value.notes == ["the sources' EEZ verdict differs from the point's zone"]


def test_without_a_reported_verdict_there_is_nothing_to_agree_with(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", distance_km=600,
                                   landing_area="East Sea")).landing_zone
    assert figure.ok and figure.value.inside_japan_eez is False
    assert figure.value.reported_inside_japan_eez is None
    assert figure.value.agrees_with_report is None


def test_a_point_on_land_when_the_sources_name_a_sea_is_flagged(assessor) -> None:
    # 1,250 km due east of Sunan is in Honshu (Tohoku).
    figure = assessor.assess(event(launch_site="Sunan", direction="east", distance_km=1250,
                                   landing_area="Sea of Japan")).landing_zone
    assert figure.value.surface == "land" and figure.value.country == "Japan"
    assert figure.value.summary == "sea per sources; estimated point on land (land: Japan)"
    assert figure.value.notes == [
        "the sources put the landing in 'Sea of Japan' but the point is on land: its site, "
        "direction and distance are approximate"]


def test_no_landing_point_no_zone(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", distance_km=600)).landing_zone
    assert (figure.status, figure.reason) == ("not computed", "no landing point")


# -- overflight --------------------------------------------------------------------------------


def _in_hokkaido(point) -> bool:
    return 41.3 <= point.lat_deg <= 45.6 and 139.3 <= point.lon_deg <= 146.0


@pytest.mark.parametrize("where", [{"landing_area": "about 2,200 km east of Cape Erimo"},
                                   {"direction": "ENE"}],
                         ids=["relative-to-cape-erimo", "ENE-3700-km"])
def test_the_hwasong_12_over_hokkaido_overflies_japan(assessor, where) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", **HWASONG_12, **where))
    figure = assessment.overflight
    assert figure.ok
    assert figure.value.countries == ["Japan"]
    assert figure.value.passages and all(p.country == "Japan" for p in figure.value.passages)
    assert all(_in_hokkaido(p.entry) and _in_hokkaido(p.exit) for p in figure.value.passages)
    start = (assessment.launch_point.value.lat_deg, assessment.launch_point.value.lon_deg)
    end = (assessment.landing_point.value.lat_deg, assessment.landing_point.value.lon_deg)
    assert figure.inputs.launch_point == start and figure.inputs.landing_point == end
    assert figure.value.track_length_km == pytest.approx(_distance_km(start, end), rel=1e-3)
    assert assessment.landing_zone.value.sea == "Pacific Ocean"


def test_the_flight_past_cape_erimo_keeps_its_course(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", landing_area="about 2,200 km east of "
                                   "Cape Erimo", **HWASONG_12)).landing_point
    assert figure.assumptions.bearing_from == "flight path"
    assert figure.value.anchor == "Cape Erimo"


def test_a_short_flight_east_into_the_sea_overflies_no_one(assessor) -> None:
    figure = assessor.assess(event(launch_site="Sunan", distance_km=600, direction="E",
                                   landing_area="East Sea")).overflight
    assert figure.ok
    assert figure.value.countries == [] and figure.value.passages == []
    assert figure.value.track_length_km == pytest.approx(600.0, rel=1e-3)


def test_a_flight_only_toward_a_named_sea_has_no_track_to_overfly(assessor) -> None:
    # A point toward a sea's label point is good to +-45 degrees: which countries a track
    # to it crosses is not known.
    assessment = assessor.assess(event(launch_site="Sunan", distance_km=600,
                                       landing_area="into the East Sea"))
    assert assessment.landing_point.ok
    assert not assessment.overflight.ok
    assert "±45°" in assessment.overflight.reason


# -- reach -------------------------------------------------------------------------------------


def test_reach_draws_the_rings_and_lists_the_biggest_cities_in_range() -> None:
    assessor = EngineAssessor(samples=200, places_limit=60, min_population=5_000_000)
    assessment = assessor.assess(event(launch_site="Sunan", **LOFTED))
    figure, trajectory = assessment.reach, assessment.trajectory.value
    low, high = trajectory.met_range_interval_km
    assert figure.ok
    assert figure.value.site == SUNAN
    assert figure.value.range_km == trajectory.met_range_km
    assert figure.value.rings_km == [low, trajectory.met_range_km, high]
    assert figure.inputs.met_range_interval_km == (low, high)
    places = figure.value.places
    assert 0 < len(places) <= 60 and figure.value.places_in_reach >= len(places)
    populations = [p.population for p in places]
    assert populations == sorted(populations, reverse=True)
    assert min(populations) >= 5_000_000
    assert all(p.distance_km <= trajectory.met_range_km for p in places)
    assert all(p.time_of_flight_s is not None and p.time_of_flight_s > 0 for p in places)
    names = {p.name for p in places}
    assert {"Tokyo", "New York City"} <= names  # ~1,300 km and ~10,900 km from Sunan
    assert figure.assumptions.places == ("the 60 most populous cities of at least 5,000,000 "
                                         "people in reach")


def test_an_irbm_reaches_tokyo_but_not_new_york() -> None:
    assessor = EngineAssessor(samples=200, places_limit=200, min_population=5_000_000)
    figure = assessor.assess(event(launch_site="Sunan", **HWASONG_12)).reach
    names = {p.name for p in figure.value.places}
    assert "Tokyo" in names and "New York City" not in names
    assert figure.value.range_km == pytest.approx(3700, rel=0.15)


def test_the_places_limit_cuts_the_list_not_the_count(assessor) -> None:
    few = EngineAssessor(samples=200, places_limit=3)
    figure = few.assess(event(launch_site="Sunan", **LOFTED)).reach
    full = assessor.assess(event(launch_site="Sunan", **LOFTED)).reach
    assert [p.name for p in figure.value.places] == [p.name for p in full.value.places[:3]]
    assert figure.value.places_in_reach == full.value.places_in_reach > 3


# -- inputs, hash and JSON ---------------------------------------------------------------------

LOFTED_EVENT = {"launch_site": "Sunan", "landing_area": "about 250 km west of Okushiri Island",
                "inside_japan_eez": False, "flight_time_s": 4080, **LOFTED}


def test_the_same_event_gives_the_same_hash(assessor) -> None:
    one, two = event(**LOFTED_EVENT), event(**LOFTED_EVENT)
    assert assessor.inputs_hash(one) == assessor.inputs_hash(two) == \
        inputs_hash(assessment_inputs(one))
    assert len(assessor.inputs_hash(one)) == 64
    assessment = assessor.assess(one)
    assert assessment.inputs_hash == assessor.inputs_hash(one)
    assert assessment.inputs == assessment_inputs(one)
    assert assessment.event_id == "KP-TEST-1"
    assert assessment.method == (f"engines v{ASSESSMENT_VERSION}; samples=200; seed=0; "
                                 "places=25>=1000000")


@pytest.mark.parametrize("change", [
    {"apogee_km": 6001}, {"apogee_km": (6000, "more than")}, {"distance_km": 1100},
    {"flight_time_s": None}, {"launch_site": "Sohae"}, {"direction": "east"},
    {"inside_japan_eez": True}, {"missile_class": "IRBM"},
    {"landing_area": "about 200 km west of Okushiri Island"},
], ids=lambda change: ",".join(f"{k}={v}" for k, v in change.items()))
def test_changing_a_best_value_changes_the_hash(assessor, change) -> None:
    before = assessor.inputs_hash(event(**LOFTED_EVENT))
    assert assessor.inputs_hash(event(**{**LOFTED_EVENT, **change})) != before


def test_the_sites_reported_point_is_an_input(assessor) -> None:
    plain = assessor.inputs_hash(event(**LOFTED_EVENT))
    placed = assessor.inputs_hash(event(**LOFTED_EVENT, site_point=SUNAN))
    moved = assessor.inputs_hash(event(**LOFTED_EVENT, site_point=(39.0, 125.7)))
    assert len({plain, placed, moved}) == 3


def test_values_the_assessment_does_not_use_leave_the_hash_alone(assessor) -> None:
    before = assessor.inputs_hash(event(**LOFTED_EVENT))
    assert assessor.inputs_hash(event(**LOFTED_EVENT, missile_name="Hwasong-18",
                                      time_local="10:00", event_id="KP-OTHER-9")) == before
    # nor do the assessor's own settings (they are its method, stored beside the hash)
    assert EngineAssessor(samples=50).inputs_hash(event(**LOFTED_EVENT)) == before


@pytest.mark.parametrize("values", [
    LOFTED_EVENT,
    {"launch_site": "near Kusong", "direction": "ENE", **HWASONG_12},
    {"launch_site": "Sunan", "distance_km": 600, "apogee_km": 60, "landing_area": "East Sea"},
    {"launch_site": "Nowhereville", "distance_km": 1000},
    {"distance_km": 0.0, "apogee_km": 60},  # the physics refuses: a failed figure
], ids=["lofted-relative", "flown-with-site-point", "depressed", "unknown-site", "failed"])
def test_the_assessment_json_round_trips_through_the_model(assessor, values) -> None:
    point = KUSONG if values.get("launch_site") == "near Kusong" else None
    assessment = assessor.assess(event(site_point=point, **values))
    stored = assessment.model_dump(mode="json")
    text = json.dumps(stored, allow_nan=False)  # no NaN or infinity reaches the JSON
    again = Assessment.model_validate_json(text)
    assert again == assessment
    assert json.dumps(again.model_dump(mode="json")) == json.dumps(stored)
    # and inside the event record, as the store keeps it
    carried = event(site_point=point, **values).model_copy(update={"assessment": assessment})
    assert Event.model_validate_json(json.dumps(carried.to_json())).assessment == assessment


def test_a_failed_engine_makes_a_failed_figure_not_a_failed_assessment(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", distance_km=0.0, apogee_km=60))
    assert assessment.trajectory.status == "failed"
    assert assessment.trajectory.reason == "The range must be greater than 0 km."
    assert assessment.launch_point.ok


# A Hwasong-19-like flight (2024-10-31: about 1,000 km, apogee over 7,000 km) flown again at
# minimum energy: the burnout speed is near-orbital and the range capped at half the Earth.
NEAR_ORBITAL = {**LOFTED, "apogee_km": 7000}


def test_a_near_orbital_flight_reaches_anywhere_and_draws_no_ring(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", **NEAR_ORBITAL))
    trajectory, reach = assessment.trajectory.value, assessment.reach
    assert trajectory.met_range_km > 20_000 and trajectory.reaches_anywhere
    assert trajectory.met_range_text == "≥ 20,000 km: any point on Earth"
    assert reach.ok and reach.value.reaches_anywhere and reach.value.rings_km == []
    assert reach.value.range_text == "≥ 20,000 km: any point on Earth"
    assert reach.assumptions.rings == "no ring: the range reaches any point on Earth"
    assert assessment.headline()["reaches_anywhere"] is True
    # The web map reads the flag from the stored JSON, and it survives a round trip.
    stored = json.loads(assessment.model_dump_json())
    assert stored["reach"]["value"]["reaches_anywhere"] is True
    assert stored["trajectory"]["value"]["reaches_anywhere"] is True
    assert Assessment.model_validate(stored).model_dump(mode="json") == stored


def test_a_range_short_of_the_antipode_keeps_its_rings_and_a_plain_figure(assessor) -> None:
    assessment = assessor.assess(event(launch_site="Sunan", **HWASONG_12))
    reach = assessment.reach.value
    assert not reach.reaches_anywhere and len(reach.rings_km) == 3
    assert reach.range_text == f"{reach.range_km:,.0f} km"
    assert json.loads(assessment.model_dump_json())["reach"]["value"]["reaches_anywhere"] is False
