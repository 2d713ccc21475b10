"""What a propagator returns: the free flight from a state to impact, for one or many states.

A :class:`Flight` holds arrays whose leading shape is the input's (``()`` for one state ``(6,)``,
``(N,)`` for a batch ``(N, 6)``).  States are inertial (the frame of :mod:`frames`, aligned
with the Earth at ``t = 0``); the Earth-fixed views are methods, computed on demand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .constants import EARTH_MEAN_RADIUS_M, KM
from .frames import ecef_to_geodetic, inertial_to_ecef

__all__ = ["Flight", "great_circle_distance_m"]


def great_circle_distance_m(lat1_deg, lon1_deg, lat2_deg, lon2_deg,
                            radius_m: float = EARTH_MEAN_RADIUS_M):
    """Great-circle distance on a sphere (haversine form, well conditioned at short range)."""
    p1, p2 = np.radians(lat1_deg), np.radians(lat2_deg)
    dl = np.radians(np.asarray(lon2_deg, float) - np.asarray(lon1_deg, float))
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2.0 * radius_m * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass(frozen=True)
class Flight:
    """Free flight to impact.  NaN where a trajectory does not come down (``impacted`` False).

    ``omega_rad_s`` is the Earth rotation rate the propagator assumed (0: a non-rotating
    Earth); it turns inertial impact positions into Earth-fixed ones.  ``surface_radius_m``
    is the sphere the flight came down on, or ``None`` for the WGS84 ellipsoid: it decides
    how latitudes and ground ranges are measured (geocentric and great circle on the
    sphere; geodetic and geodesic on the ellipsoid).
    """

    initial_state: np.ndarray
    impact_state: np.ndarray
    impact_time_s: np.ndarray
    apogee_state: np.ndarray
    apogee_time_s: np.ndarray
    apogee_altitude_m: np.ndarray
    impacted: np.ndarray
    omega_rad_s: float
    surface_radius_m: float | None = None

    @property
    def apogee_km(self) -> np.ndarray:
        return self.apogee_altitude_m / KM

    def impact_ecef(self) -> np.ndarray:
        """Earth-fixed impact states ``(..., 6)``."""
        return inertial_to_ecef(self.impact_state, self.impact_time_s,
                                omega_rad_s=self.omega_rad_s)

    def _lat_lon(self, position_m):
        if self.surface_radius_m is None:
            lat, lon, _ = ecef_to_geodetic(position_m)
            return lat, lon
        x, y, z = position_m[..., 0], position_m[..., 1], position_m[..., 2]
        return np.degrees(np.arctan2(z, np.hypot(x, y))), np.degrees(np.arctan2(y, x))

    def impact_geodetic(self):
        """Impact ``(lat_deg, lon_deg)`` on the turning Earth (geocentric on a sphere)."""
        return self._lat_lon(self.impact_ecef()[..., :3])

    def ground_range_km(self, lat_deg, lon_deg) -> np.ndarray:
        """Distance over the ground from a point (the launch site, say) to the impact point.

        WGS84 geodesic (Karney's algorithm, via pyproj) on the ellipsoid; great circle on a
        sphere.  NaN where there was no impact.
        """
        lat, lon = self.impact_geodetic()
        if self.surface_radius_m is not None:
            return great_circle_distance_m(lat_deg, lon_deg, lat, lon, self.surface_radius_m) / KM
        from pyproj import Geod

        lat1, lon1, lat2, lon2 = np.broadcast_arrays(
            np.asarray(lat_deg, float), np.asarray(lon_deg, float), lat, lon)
        ok = np.isfinite(lat2) & np.isfinite(lon2)
        out = np.full(lat2.shape, np.nan)
        if np.any(ok):
            _, _, dist = Geod(ellps="WGS84").inv(lon1[ok], lat1[ok], lon2[ok], lat2[ok])
            out[ok] = dist
        return out / KM

    def free_flight_range_km(self) -> np.ndarray:
        """Distance over the ground from the initial state's sub-point to the impact point."""
        lat0, lon0 = self._lat_lon(self.initial_state[..., :3])
        return self.ground_range_km(lat0, lon0)
