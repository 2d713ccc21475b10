"""WGS84 geodesics: one code path for one point and for many, against known distances."""

import numpy as np
import pytest

from launchwatch.geo.geodesy import (destination, distance_km, geodesic_line, inverse,
                                     unit_vectors, wrap_lon_deg)


def test_quarter_meridian_is_10_001_966_m():
    # Equator to pole on WGS84: 10 001 965.729 m (Karney 2013, Table 1 geometry; NGA).
    assert distance_km(0.0, 0.0, 90.0, 0.0) == pytest.approx(10001.965729, abs=1e-6)


@pytest.mark.parametrize("shape", [(0,), (1,), (7,), (2, 3)])
def test_shapes_broadcast(shape):
    lat = np.full(shape, 39.2239)
    lon = np.full(shape, 125.67)
    assert distance_km(lat, lon, 41.9256, 143.2492).shape == shape
    lat2, lon2 = destination(lat, lon, 90.0, np.full(shape, 100.0))
    assert lat2.shape == lon2.shape == shape
    azimuth, dist = inverse(lat, lon, lat2, lon2)
    assert azimuth.shape == dist.shape == shape
    assert np.allclose(dist, 100.0) and np.allclose(azimuth, 90.0)
    assert unit_vectors(lat, lon).shape == shape + (3,)


def test_scalars_give_zero_dimensional_arrays():
    assert distance_km(39.0, 125.0, 40.0, 125.0).shape == ()


def test_destination_crosses_the_antimeridian_and_wraps():
    lat, lon = destination(0.0, 179.5, 90.0, 111.32)
    assert lon == pytest.approx(-179.5, abs=1e-3) and abs(lat) < 1e-9
    assert wrap_lon_deg([180.0, -180.0, 540.0]).tolist() == [-180.0, -180.0, -180.0]


def test_geodesic_line_spacing_and_ends():
    lat, lon = geodesic_line(39.2239, 125.67, 41.9256, 143.2492, step_km=10.0)
    steps = distance_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    assert steps.max() <= 10.0 + 1e-9
    assert (lat[0], lon[0], lat[-1], lon[-1]) == (39.2239, 125.67, 41.9256, 143.2492)
    assert geodesic_line(1.0, 1.0, 1.0, 1.0)[0].size == 2
