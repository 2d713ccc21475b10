"""Positions measured from a country, a peninsula or an island chain, as Japan's Ministry of
Defense and South Korea's Joint Chiefs of Staff state them."""

from __future__ import annotations

import numpy as np
import pytest

from launchwatch.geo.coasts import regions
from launchwatch.geo.geodesy import distance_km
from launchwatch.geo.relative import UNSTATED_DISTANCE_KM, resolve_relative
from launchwatch.geo.zones import classify

SUNAN = (39.2239, 125.67)


def _nearest_coast_km(region_name: str, lat: float, lon: float) -> float:
    coast_lat, coast_lon = regions().get(region_name).coast_points
    return float(np.min(distance_km(lat, lon, coast_lat, coast_lon)))


def test_about_3200_km_east_of_japan_is_that_far_out_in_the_pacific() -> None:
    location = resolve_relative("about 3,200 km east of Japan")
    assert location.anchor.name == "Japan" and location.distance_stated
    assert classify(location.lat_deg, location.lon_deg).water == "Pacific Ocean"
    # Counted from the coast: the nearest point of Japan's main islands is about 3,200 km away
    # (a little less, as the geodesic east is not the shortest way back).
    assert 2_900.0 < _nearest_coast_km("Japan", location.lat_deg, location.lon_deg) < 3_250.0


def test_the_uncertainty_holds_every_point_of_the_coast_it_may_be_counted_from() -> None:
    location = resolve_relative("about 3,200 km east of Japan")
    (lat0, lon0, _), (lat1, lon1, _) = location.coast[0], location.coast[-1]
    span_km = float(distance_km(lat0, lon0, lat1, lon1))
    assert span_km > 1_500.0  # Hokkaido to Kyushu
    assert location.uncertainty_km > span_km / 2.0
    lat, lon = location.sector(5)
    assert np.all(distance_km(location.lat_deg, location.lon_deg, lat, lon)
                  <= location.uncertainty_km + 1e-6)


def test_a_flight_from_sunan_keeps_only_the_coast_it_crossed_eastward() -> None:
    alone = resolve_relative("about 3,200 km east of Japan")
    flown = resolve_relative("about 3,200 km east of Japan", launch_site=SUNAN)
    assert flown.bearing_from == "flight path"
    assert min(lat for lat, _, _ in flown.coast) > 34.0  # not Shikoku or Kyushu
    assert flown.uncertainty_km < alone.uncertainty_km


def test_off_the_east_coast_of_the_peninsula_without_a_distance() -> None:
    location = resolve_relative("off the east coast of the peninsula")
    assert location.anchor.name == "Korean Peninsula" and not location.distance_stated
    assert (location.distance_low_km, location.distance_high_km) == (0.0, UNSTATED_DISTANCE_KM)
    assert classify(location.lat_deg, location.lon_deg).sea == "Sea of Japan"
    assert location.origin_lon_deg > 127.5  # on the east coast
    # The coast runs from the Tumen to Busan: the uncertainty is at least half of it.
    assert location.uncertainty_km > 350.0


def test_north_of_the_korean_peninsula_is_beyond_its_land_border() -> None:
    location = resolve_relative("north of the Korean Peninsula")
    assert location.lat_deg > 41.5
    assert classify(location.lat_deg, location.lon_deg).country in ("China", "Russia")


def test_200_km_off_the_west_coast_of_hokkaido_is_in_the_sea_of_japan() -> None:
    location = resolve_relative("200 km off the west coast of Hokkaido")
    zone = classify(location.lat_deg, location.lon_deg)
    assert zone.sea == "Sea of Japan" and location.lon_deg < 140.0
    assert location.bearing_half_width_deg == 45.0


@pytest.mark.parametrize("text, anchor", [
    ("east of Japan", "Japan"),  # once taken for "Sea of Japan" by the fuzzy match
    ("Sea of Japan", "Sea of Japan"),  # a bare name is still the place itself
    ("about 500 km west of the Kuril Islands", "Kuril Islands"),
])
def test_regions_and_places_are_not_confused(text, anchor) -> None:
    assert resolve_relative(text).anchor.name == anchor
