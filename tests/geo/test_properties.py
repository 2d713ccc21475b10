"""Invariants over many random inputs (Hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.geo.geodesy import destination, distance_km, inverse
from launchwatch.geo.gazetteer import gazetteer
from launchwatch.geo.relative import resolve_relative
from launchwatch.geo.rings import RangeRing

WINDS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
         "southwest": 225.0, "west": 270.0, "northwest": 315.0, "north-northwest": 337.5}

latitudes = st.floats(-89.0, 89.0)
longitudes = st.floats(-180.0, 180.0, exclude_max=True)


@settings(max_examples=60, deadline=None)
@given(distance=st.integers(1, 5000), wind=st.sampled_from(sorted(WINDS)))
def test_relative_location_is_at_the_stated_distance_and_bearing(distance, wind):
    location = resolve_relative(f"{distance} km {wind} of Cape Erimo")
    erimo = gazetteer().landmark("Cape Erimo")
    azimuth, d_km = inverse(erimo.lat_deg, erimo.lon_deg, location.lat_deg, location.lon_deg)
    assert abs(float(d_km) - distance) <= 1e-6 * distance + 1e-6
    assert abs((float(azimuth) - WINDS[wind] + 180.0) % 360.0 - 180.0) < 1e-6
    assert location.distance_low_km <= distance <= location.distance_high_km


@settings(max_examples=40, deadline=None)
@given(lat=latitudes, lon=longitudes, range_km=st.floats(10.0, 19000.0))
def test_rings_hold_their_distance_anywhere(lat, lon, range_km):
    ring = RangeRing.around(lat, lon, range_km, n_points=73)
    d = distance_km(lat, lon, ring.lat_deg, ring.lon_deg)
    assert np.max(np.abs(d - range_km)) <= 1e-3 * range_km
    assert ring.disc().is_valid


@settings(max_examples=100, deadline=None)
@given(lat=latitudes, lon=longitudes, azimuth=st.floats(0.0, 360.0),
       distance=st.floats(0.001, 15000.0))
def test_direct_then_inverse_round_trip(lat, lon, azimuth, distance):
    lat2, lon2 = destination(lat, lon, azimuth, distance)
    assert abs(float(distance_km(lat, lon, lat2, lon2)) - distance) <= 1e-6 * distance + 1e-6
