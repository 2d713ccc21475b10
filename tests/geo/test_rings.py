"""Geodesic range rings: points at the stated distance, discs that hold exactly the points
within range, across the antimeridian and around the poles."""

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from launchwatch.geo.geodesy import distance_km
from launchwatch.geo.rings import RangeRing

CASES = [
    ("Sunan 3,700 km", 39.2239, 125.67, 3700.0),
    ("Sunan 13,000 km (North Pole inside)", 39.2239, 125.67, 13000.0),
    ("antimeridian", 0.0, 179.0, 5000.0),
    ("McMurdo (South Pole inside)", -77.85, 166.67, 2000.0),
    ("both poles inside", 0.0, 0.0, 15000.0),
    ("Hawaii 8,000 km", 21.3, -157.9, 8000.0),
]


@pytest.mark.parametrize("name, lat, lon, range_km", CASES, ids=[c[0] for c in CASES])
def test_ring_points_are_at_the_range_within_0_1_percent(name, lat, lon, range_km):
    ring = RangeRing.around(lat, lon, range_km)
    d = distance_km(lat, lon, ring.lat_deg, ring.lon_deg)
    assert np.max(np.abs(d - range_km)) <= 0.001 * range_km
    assert np.all((ring.lon_deg >= -180.0) & (ring.lon_deg < 180.0))


@pytest.mark.parametrize("name, lat, lon, range_km", CASES, ids=[c[0] for c in CASES])
def test_disc_holds_exactly_the_points_within_range(name, lat, lon, range_km):
    disc = RangeRing.around(lat, lon, range_km).disc()
    assert disc.is_valid
    rng = np.random.default_rng(3)
    plat = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, 4000)))
    plon = rng.uniform(-180.0, 180.0, 4000)
    d = distance_km(lat, lon, plat, plon)
    clear = np.abs(d - range_km) > 0.02 * range_km  # away from the polygonised edge
    inside = shapely.intersects_xy(disc, plon, plat)
    assert np.array_equal(inside[clear], (d < range_km)[clear])


def test_geojson_is_rfc7946():
    collection = RangeRing.around(39.2239, 125.67, 13000.0).to_geojson()
    text = json.dumps(collection)
    ring, reach = json.loads(text)["features"]
    assert ring["properties"]["role"] == "ring" and reach["properties"]["role"] == "reach"
    for line in shapely.get_parts(shape(ring["geometry"])):
        lon = np.asarray(line.coords)[:, 0]
        assert np.abs(np.diff(lon)).max() < 180.0  # no segment jumps across the map
    area = shape(reach["geometry"])
    for polygon in shapely.get_parts(area):
        assert polygon.exterior.is_ccw  # right-hand rule
        lon = np.asarray(polygon.exterior.coords)[:, 0]
        assert lon.min() >= -180.0 and lon.max() <= 180.0


def test_line_is_cut_at_the_antimeridian():
    line = RangeRing.around(0.0, 179.0, 5000.0).line()
    parts = shapely.get_parts(line)
    assert len(parts) == 2
    ends = sorted(round(abs(x), 6) for p in parts for x in np.asarray(p.coords)[[0, -1], 0])
    assert ends.count(180.0) == 4


def test_range_beyond_the_antipode_covers_the_earth():
    ring = RangeRing.around(39.0, 125.0, 20100.0)
    assert ring.covers_earth and ring.disc().area == pytest.approx(360.0 * 180.0)
