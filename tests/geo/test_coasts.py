"""Regions and their facing coasts: the land a statement such as "east of Japan" counts from."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from launchwatch.geo.coasts import regions
from launchwatch.geo.geodesy import destination


@pytest.mark.parametrize("name, region", [
    ("Japan", "Japan"), ("the peninsula", "Korean Peninsula"),
    ("the Korean Peninsula", "Korean Peninsula"), ("Ryukyu Islands", "Nansei Islands"),
    ("Kurils", "Kuril Islands"), ("China", "China"),  # any Natural Earth country
])
def test_regions_are_found_by_their_names(name, region) -> None:
    assert regions().get(name).name == region


def test_a_sea_or_a_cape_is_no_region() -> None:
    assert regions().get("Sea of Japan") is None and regions().get("Cape Erimo") is None


def test_japan_is_its_four_main_islands() -> None:
    land = regions().get("Japan").land
    assert len(shapely.get_parts(land)) == 4
    for lat, lon in [(43.06, 141.35), (35.68, 139.77), (33.56, 133.53), (33.59, 130.40)]:
        assert land.contains(shapely.Point(lon, lat))  # Sapporo, Tokyo, Kochi, Fukuoka
    assert not land.contains(shapely.Point(127.68, 26.21))  # Naha, Okinawa: Nansei Islands


def test_the_korean_peninsula_is_one_land_without_jeju() -> None:
    land = regions().get("Korean Peninsula").land
    assert land.contains(shapely.Point(125.75, 39.03))  # Pyongyang
    assert land.contains(shapely.Point(126.98, 37.57))  # Seoul
    assert not land.contains(shapely.Point(126.53, 33.38))  # Jeju
    # The border between the two Koreas is inside the land, not a coast.
    assert len(shapely.get_parts(land)) == 1


@pytest.mark.parametrize("name, azimuth_deg", [("Japan", 90.0), ("Korean Peninsula", 90.0),
                                               ("Korean Peninsula", 270.0),
                                               ("Kuril Islands", 135.0)])
def test_nothing_of_the_region_lies_in_front_of_its_facing_coast(name, azimuth_deg) -> None:
    region = regions().get(name)
    coast = region.facing_coast(azimuth_deg)
    assert len(coast) > 5
    # Walk 3 to 600 km on from each point: the region's land is never met again.
    steps_km = np.linspace(3.0, 600.0, 60)
    lat, lon = destination(np.repeat(coast.lat_deg, steps_km.size),
                           np.repeat(coast.lon_deg, steps_km.size), azimuth_deg,
                           np.tile(steps_km, len(coast)))
    ahead = shapely.points(lon, lat)
    assert not shapely.contains(region.land, ahead).any()


def test_japans_east_coast_runs_from_hokkaido_to_kyushu() -> None:
    coast = regions().get("Japan").facing_coast(90.0)
    assert coast.lat_deg.min() < 32.0 and coast.lat_deg.max() > 45.0
