"""The GeoJSON export: every feature carries the event's figures, numbers are clean, lines are
thinned within their uncertainty; read back with json and shapely."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import shapely
from shapely.geometry import shape

from launchwatch.exchange import event_features, events_to_geojson, export_events
from launchwatch.exchange.geojson import RING_TOLERANCE, TRACK_TOLERANCE_KM
from launchwatch.geo import GroundTrack, RangeRing, distance_km
from launchwatch.model import (Assessment, AssessmentInputs, Claim, Event, EventField,
                               LandingPointFigure, LandingPointValue, LandingZoneFigure,
                               LaunchPointFigure, LaunchPointValue, OverflightFigure,
                               ReachFigure, ReachValue, Stated, Tier, TrajectoryFigure,
                               TrajectoryInputs, TrajectoryValue)

SITE = (40.01325, 125.22302)      # Kusong, as CNS places it
LANDING = (41.2, 131.9)           # in the Sea of Japan, about 580 km east
NAME = 'Hwasong-12 <"Mars"> & Co'  # report text: markup characters must survive escaping


def _field(name: str, value: str | float) -> EventField:
    claim = Claim(field=name, value=value, tier=Tier.GOVERNMENT, report_hash="h", source="test")
    return EventField(name=name, value=value, best=claim, claims=[claim])


def launched_event(*, rings_km: tuple[float, ...] = (4000.0, 4500.000000001, 5100.0),
                   time_local: str | None = "05:28") -> Event:
    """The 14 May 2017 Hwasong-12 flight as an assessed event, built by hand so that the
    exports are tested on figures whose every digit is known (float noise included)."""
    fields = {"missile_name": _field("missile_name", NAME),
              "missile_class": _field("missile_class", "IRBM"),
              "launch_site": _field("launch_site", "Kusong & Panghyon"),
              "distance_km": _field("distance_km", 787.0),
              "apogee_km": _field("apogee_km", 2111.5)}
    if time_local is not None:
        fields["time_local"] = _field("time_local", time_local)
    met = rings_km[len(rings_km) // 2] if rings_km else 4500.0
    assessment = Assessment(
        event_id="KP-2017-05-14-1", inputs=AssessmentInputs(), inputs_hash="h", method="test",
        launch_point=LaunchPointFigure(status="ok", value=LaunchPointValue(
            lat_deg=SITE[0], lon_deg=SITE[1])),
        trajectory=TrajectoryFigure(status="ok", value=TrajectoryValue(
            met_range_km=met, met_range_interval_km=(min(rings_km, default=met),
                                                    max(rings_km, default=met))),
            inputs=TrajectoryInputs(distance_km=Stated(value=787.0),
                                    apogee_km=Stated(value=2111.5))),
        landing_point=LandingPointFigure(status="ok", value=LandingPointValue(
            lat_deg=LANDING[0], lon_deg=LANDING[1], method="test", uncertainty_km=20.0)),
        landing_zone=LandingZoneFigure.skipped("not needed here"),
        overflight=OverflightFigure.skipped("not needed here"),
        reach=ReachFigure(status="ok", value=ReachValue(site=SITE, rings_km=list(rings_km),
                                                        range_km=met)))
    return Event(id="KP-2017-05-14-1", country="North Korea", date_local=date(2017, 5, 14),
                 fields=fields, assessment=assessment)


def _numbers(value: object) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return []


def test_every_feature_carries_the_events_figures_launch_sites_included() -> None:
    features = event_features(launched_event())
    roles = [f["properties"]["role"] for f in features]
    assert roles == ["launch_site", "landing_point", "ground_track"] + ["range_ring"] * 3
    for feature in features:
        properties = feature["properties"]
        assert properties["event_id"] == "KP-2017-05-14-1"
        assert properties["missile_name"] == NAME
        assert properties["distance_km"] == 787 and properties["apogee_km"] == 2111.5
        assert properties["met_range_km"] == 4500
        # 05:28 in Pyongyang, which kept UTC+8:30 in 2017, is 20:58 UTC the day before.
        assert properties["launch_utc"] == "2017-05-13T20:58:00Z"
        assert None not in properties.values()  # unknown figures are left out, not null


def test_numbers_are_clean_six_decimals_and_integers_where_whole(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export_events([launched_event()], "geojson", out)
    text = out.read_text()
    document = json.loads(text)   # also: no NaN or Infinity, which JSON cannot spell
    assert "NaN" not in text and "Infinity" not in text
    numbers = [n for feature in document["features"] for n in _numbers(feature)]
    assert numbers and all(math.isfinite(n) for n in numbers)
    for number in numbers:
        assert isinstance(number, int) or round(number, 6) == number
    rings = [f for f in document["features"] if f["properties"]["role"] == "range_ring"]
    # 4500.000000001 km was noise on a whole figure: written as the integer.
    assert [f["properties"]["range_km"] for f in rings] == [4000, 4500, 5100]
    assert '"range_km":4500,' in text
    # A feature a line, compact.
    assert len(text.splitlines()) == len(document["features"]) + 2


def test_lines_are_thinned_within_their_tolerance() -> None:
    features = {f["properties"]["role"]: f for f in event_features(launched_event())}
    track = shape(features["ground_track"]["geometry"])
    computed = GroundTrack.geodesic(*SITE, *LANDING)
    assert len(track.coords) < len(computed.lat_deg) / 10
    # Every computed point lies within the tolerance of the thinned line (degrees to km:
    # at most 111.2 km a degree).
    points = shapely.points(computed.lon_deg, computed.lat_deg)
    assert shapely.distance(track, points).max() * 111.2 <= TRACK_TOLERANCE_KM
    ring = [f for f in event_features(launched_event())
            if f["properties"]["role"] == "range_ring"][0]
    thinned = shape(ring["geometry"])
    full = shape(RangeRing.around(*SITE, 4000.0, 361).to_geojson()["features"][0]["geometry"])
    assert len(shapely.get_coordinates(thinned)) < len(shapely.get_coordinates(full)) / 2
    vertices = shapely.get_coordinates(full)
    assert (shapely.distance(thinned, shapely.points(vertices)).max() * 111.2
            <= RING_TOLERANCE * 4000.0)
    # The thinned ring still runs at its range from the site.
    lon, lat = shapely.get_coordinates(thinned).T
    assert abs(distance_km(SITE[0], SITE[1], lat, lon) - 4000.0).max() < 1.0


def test_no_ring_is_drawn_for_a_range_that_reaches_anywhere() -> None:
    features = event_features(launched_event(rings_km=(18_000.0, 20_015.0, 20_015.0)))
    assert [f["properties"]["range_km"] for f in features
            if f["properties"]["role"] == "range_ring"] == [18_000]


def test_an_event_without_a_time_has_no_utc_instant_and_none_gives_an_empty_collection(
        ) -> None:
    features = event_features(launched_event(time_local=None))
    assert all("launch_utc" not in f["properties"] for f in features)
    assert events_to_geojson([]) == {"type": "FeatureCollection", "features": []}
