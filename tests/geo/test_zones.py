"""Land, sea, country, named waters and Japan's EEZ.

The EEZ verdicts are Japan's Ministry of Defense's own, for real launches; each landing point
is the ministry's relative location, resolved here.
"""

import numpy as np
import pytest

from launchwatch.geo.eez import EEZ_LIMIT_KM, TERRITORIAL_SEA_LIMIT_KM, coastline_zones
from launchwatch.geo.gazetteer import gazetteer
from launchwatch.geo.layers import PolygonLayer
from launchwatch.geo.relative import resolve_relative
from launchwatch.geo.zones import classify, classify_points, land_layer

SUNAN = (39.2239, 125.6700)


@pytest.mark.parametrize("date, text, inside", [
    ("2017-07-28", "about 150 km west of Okushiri Island", True),
    ("2017-11-29", "approximately 250 km west of Aomori Prefecture", True),
    ("2022-11-18", "about 200 km west of Oshima-Oshima Island, Hokkaido", True),
    ("2016-08-03", "approximately 250 km west of the Oga Peninsula, Akita Prefecture", True),
    ("2019-10-02", "about 350 km north of Dogo Island in Shimane Prefecture's Oki Islands", True),
    ("2017-09-15", "approximately 2,200 km east of Cape Erimo", False),
    ("2017-08-29", "about 1,180 km east of Cape Erimo", False),
    ("2023-07-12", "approximately 250 km west of Okushiri Island, Hokkaido", False),
])
def test_japan_mod_eez_verdicts(date, text, inside):
    location = resolve_relative(text, launch_site=SUNAN)
    zone = location.zone()
    assert zone.surface == "sea"
    assert zone.inside_japan_eez is inside, f"{date}: {text} -> {zone}"


@pytest.mark.parametrize("name, lat, lon, claimant", [
    ("off Gangneung, South Korea", 37.8, 129.2, "South Korea"),
    ("west of Ulleungdo", 37.5, 130.6, "South Korea"),
    ("off Vladivostok", 42.6, 132.3, "Russia"),
    ("off Wonsan, North Korea", 39.3, 128.2, "North Korea"),
    ("Korea Bay", 39.2, 124.3, "North Korea"),
])
def test_korean_and_russian_waters_are_outside(name, lat, lon, claimant):
    zone = classify(lat, lon)
    assert zone.surface == "sea" and not zone.inside_japan_eez, name
    assert zone.claimant == claimant, name


def test_territorial_sea_and_open_ocean_are_not_eez():
    near = classify(41.3, 139.9)  # 10 km off the coast of the Oshima Peninsula
    assert near.maritime_zone == "territorial sea" and near.claimant == "Japan"
    assert near.coast_distance_km <= TERRITORIAL_SEA_LIMIT_KM
    assert not near.inside_japan_eez
    far = classify(35.0, 160.0)
    assert far.claimant is None and not far.inside_japan_eez
    assert far.coast_distance_km is None  # no coast within 200 nmi
    edge = classify(40.0, 146.5)  # about 350 km off the Sanriku coast
    assert edge.claimant == "Japan" and edge.coast_distance_km <= EEZ_LIMIT_KM


def test_northern_territories_and_takeshima_count_for_japan_s_claim_only():
    off_etorofu = classify(45.8, 149.0)
    assert off_etorofu.claimant == "Russia" and off_etorofu.inside_japan_eez
    near_takeshima = classify(37.5, 132.2)
    assert near_takeshima.inside_japan_eez


@pytest.mark.parametrize("lat, lon, sea, water", [
    (40.5, 134.5, "Sea of Japan", "Sea of Japan"),
    (39.26, 127.58, "Sea of Japan", "Yonghung Bay"),
    (36.0, 124.0, "Yellow Sea", "Yellow Sea"),
    (30.0, 126.0, "East China Sea", "East China Sea"),
    (50.0, 150.0, "Sea of Okhotsk", "Sea of Okhotsk"),
    (38.96, 168.99, "Pacific Ocean", "Pacific Ocean"),
    (58.0, -178.0, "Bering Sea", "Bering Sea"),
    (27.0, 51.0, "Persian Gulf", "Persian Gulf"),
    (18.0, 64.0, "Indian Ocean", "Arabian Sea"),
    (15.0, 88.0, "Indian Ocean", "Bay of Bengal"),
    (20.0, 38.5, "Red Sea", "Red Sea"),
    (42.0, 50.5, "Caspian Sea", "Caspian Sea"),
    (30.0, -40.0, "Atlantic Ocean", "Atlantic Ocean"),
    (86.0, 0.0, "Arctic Ocean", "Arctic Ocean"),
    (-65.0, 0.0, "Southern Ocean", "Southern Ocean"),
])
def test_named_seas(lat, lon, sea, water):
    zone = classify(lat, lon)
    assert (zone.surface, zone.sea, zone.water) == ("sea", sea, water)


def test_land_points_have_a_country_and_no_sea():
    zone = classify(*SUNAN)
    assert (zone.surface, zone.country, zone.sea, zone.claimant) == (
        "land", "North Korea", None, None)
    assert classify(35.68, 139.69).country == "Japan"  # Tokyo
    assert classify(-33.87, 151.21 - 0.05).country == "Australia"  # Sydney


def test_every_sea_point_gets_a_name():
    rng = np.random.default_rng(7)
    lat = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, 20_000)))
    lon = rng.uniform(-180.0, 180.0, 20_000)
    zones = classify_points(lat, lon)
    unnamed = ~zones.is_land & (zones.sea == None)  # noqa: E711
    assert not unnamed.any(), list(zip(lat[unnamed][:5], lon[unnamed][:5]))


def test_grid_lookup_equals_the_exact_test():
    layer = land_layer()
    rng = np.random.default_rng(11)
    lat = rng.uniform(20.0, 50.0, 30_000)  # East Asia: many coasts, many mixed cells
    lon = rng.uniform(115.0, 150.0, 30_000)
    assert np.array_equal(layer.lookup(lat, lon), layer._exact(lat, lon))
    assert 0.0 < layer.mixed_fraction < 0.1


def test_layer_priority_and_empty():
    import shapely
    big, small = shapely.box(0, 0, 10, 10), shapely.box(2, 2, 3, 3)
    layer = PolygonLayer([small, big], cell_deg=1.0)
    assert layer.lookup(np.array([2.5, 5.0, 20.0]), np.array([2.5, 5.0, 20.0])).tolist() == [
        0, 1, -1]
    assert PolygonLayer([], cell_deg=1.0).lookup(1.0, 1.0) == -1


@pytest.mark.parametrize("shape", [(0,), (1,), (5,), (3, 4)])
def test_classify_points_keeps_shapes(shape):
    lat = np.full(shape, 40.0)
    lon = np.full(shape, 135.0)
    zones = classify_points(lat, lon)
    for field in ("is_land", "country", "sea", "water", "claimant", "maritime_zone",
                  "coast_distance_km", "inside_japan_eez"):
        assert getattr(zones, field).shape == shape, field
    assert len(zones) == int(np.prod(shape))


def test_longitudes_past_180_and_the_antimeridian():
    assert classify(58.0, 182.0).water == classify(58.0, -178.0).water == "Bering Sea"
    assert classify(0.0, 180.0).sea == "Pacific Ocean"


def test_zone_record_is_plain_json():
    import json
    record = classify(40.0, 135.0).to_record()
    assert json.loads(json.dumps(record)) == record


def test_coastline_zones_use_japan_s_extra_base_points():
    zones = coastline_zones()
    assert zones.coast_claimed_by_japan.sum() > 10_000
    assert len(gazetteer().waters) == len({w.name for w in gazetteer().waters})


def test_near_the_median_line_the_rounding_area_straddles_it():
    """2024-10-31: Japan MoD, 'about 200 km west of Okushiri Island, outside Japan's EEZ'.
    Our median line puts the nominal point just inside; the verdict is only as good as the
    rounding allows, and the share of the rounding area inside says so."""
    location = resolve_relative("approximately 200 km west of Okushiri Island, Hokkaido")
    assert 0.1 < location.japan_eez_share() < 0.9
    assert resolve_relative("about 150 km west of Okushiri Island").japan_eez_share() > 0.95
