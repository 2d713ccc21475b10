"""Geodesics on the WGS84 ellipsoid: distances, bearings, destinations and lines.

Every function takes scalars or arrays (broadcast together) and returns NumPy arrays of the
broadcast shape, so one call answers one question or a million.  The work is done by pyproj's
:class:`~pyproj.Geod`, which implements Karney's algorithms (C. F. F. Karney, "Algorithms for
geodesics", J. Geodesy 87, 43-55, 2013): accurate to nanometres, valid across the antimeridian
and at the poles, unlike flat-Earth or spherical formulas.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from pyproj import Geod

KM_M = 1000.0
WGS84_A_M = 6378137.0
WGS84_F = 1.0 / 298.257223563
#: Radius of the sphere with the ellipsoid's surface area (authalic radius, WGS84).
AUTHALIC_RADIUS_KM = 6371.0072


@lru_cache(maxsize=1)
def wgs84() -> Geod:
    """The WGS84 ellipsoid as a pyproj Geod (created once)."""
    return Geod(ellps="WGS84")


def _arrays(*values):
    return np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values))


def distance_km(lat1_deg, lon1_deg, lat2_deg, lon2_deg) -> np.ndarray:
    """Geodesic distance between points (inverse problem), km; any broadcastable shapes."""
    lat1, lon1, lat2, lon2 = _arrays(lat1_deg, lon1_deg, lat2_deg, lon2_deg)
    _, _, dist_m = wgs84().inv(lon1, lat1, lon2, lat2)
    return np.asarray(dist_m, dtype=float) / KM_M


def inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg) -> tuple[np.ndarray, np.ndarray]:
    """Forward azimuth at the first point (deg from north, -180..180) and distance (km)."""
    lat1, lon1, lat2, lon2 = _arrays(lat1_deg, lon1_deg, lat2_deg, lon2_deg)
    az_deg, _, dist_m = wgs84().inv(lon1, lat1, lon2, lat2)
    return np.asarray(az_deg, dtype=float), np.asarray(dist_m, dtype=float) / KM_M


def destination(lat_deg, lon_deg, azimuth_deg, distance_km) -> tuple[np.ndarray, np.ndarray]:
    """The point reached by a geodesic from (lat, lon) along ``azimuth_deg`` (the direct
    problem).  Returns ``(lat_deg, lon_deg)`` with longitudes in [-180, 180]."""
    lat, lon, az, dist = _arrays(lat_deg, lon_deg, azimuth_deg, distance_km)
    lon2, lat2, _ = wgs84().fwd(lon, lat, az, dist * KM_M)
    return np.asarray(lat2, dtype=float), np.asarray(lon2, dtype=float)


def geodesic_line(lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float,
                  step_km: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    """Points every ``step_km`` (or closer) along the geodesic between two points, both ends
    included: ``(lat_deg (n,), lon_deg (n,))`` with n >= 2."""
    azimuth, total_km = inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg)
    n = max(2, int(np.ceil(float(total_km) / step_km)) + 1)
    along_km = np.linspace(0.0, float(total_km), n)
    lat, lon = destination(lat1_deg, lon1_deg, float(azimuth), along_km)
    lat[0], lon[0] = lat1_deg, lon1_deg  # the ends exactly as given, not as recomputed
    lat[-1], lon[-1] = lat2_deg, lon2_deg
    return lat, lon


def wrap_lon_deg(lon_deg) -> np.ndarray:
    """Longitudes folded into [-180, 180)."""
    return (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0


def unit_vectors(lat_deg, lon_deg) -> np.ndarray:
    """Geocentric unit vectors ``(..., 3)`` of points on a sphere (for nearest-neighbour
    searches, where the chord is a monotonic proxy for the great-circle distance)."""
    lat = np.radians(np.asarray(lat_deg, dtype=float))
    lon = np.radians(np.asarray(lon_deg, dtype=float))
    cos_lat = np.cos(lat)
    return np.stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)], axis=-1)
