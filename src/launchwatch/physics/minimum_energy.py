"""The minimum-energy trajectory (MET) and times of flight for a missile of known MET range.

Closed form on a spherical, non-rotating Earth in vacuum, with re-entry at the burnout radius
(BMW section 6.2, "maximum range" and "minimum-energy trajectory").  Ranges are ground ranges on
the sphere of radius ``EARTH_MEAN_RADIUS_M`` unless a radius is given.  These are the quick
figures an analyst quotes ("a 10 000 km missile needs about 7.2 km/s"); the inverse solvers in
:mod:`launchwatch.physics.inverse` add the boost phase, Earth rotation and uncertainty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import PhysicsError
from .conic import (apoapsis_radius_m, flight_path_angles_rad, free_flight_time_s,
                    max_range_angle_rad, optimum_flight_path_angle_rad, q_for_max_range,
                    q_parameter)
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, KM

__all__ = ["BallisticArc", "met_range_km", "minimum_energy", "time_of_flight_s"]


@dataclass(frozen=True)
class BallisticArc:
    """A free-flight arc between two points at the burnout radius; every field an array.

    ``flight_time_s`` is the free flight only (burnout to re-entry); the boost phase is not
    included.  Shapes follow the input ``range_km``.
    """

    range_km: np.ndarray
    burnout_speed_m_s: np.ndarray
    burnout_angle_deg: np.ndarray
    apogee_km: np.ndarray
    flight_time_s: np.ndarray


def _radius_m(burnout_altitude_km, earth_radius_m):
    return earth_radius_m + np.asarray(burnout_altitude_km, float) * KM


def minimum_energy(range_km, *, burnout_altitude_km=0.0,
                   earth_radius_m: float = EARTH_MEAN_RADIUS_M) -> BallisticArc:
    """The minimum-energy trajectory to a ground range (scalar or array of any shape).

    Q from BMW 6.2-20, the optimum flight-path angle from 6.2-18, apogee from the energy
    equation and the free-flight time from 6.2-21/22.  Burnout and re-entry are at
    ``burnout_altitude_km`` (0: the surface); ``range_km`` is measured on the surface of the
    sphere of radius ``earth_radius_m``.  Example: 10 000 km needs 7.198 km/s at 22.5 deg, with an
    apogee of 1 320 km and 32.2 min of free flight (physics-methods.md, oracle 9).

    Raises :class:`PhysicsError` for a negative range or one beyond half the circumference.
    """
    range_km = np.asarray(range_km, float)
    psi = range_km * KM / earth_radius_m
    if np.any(psi < 0.0) or np.any(psi > np.pi):
        raise PhysicsError("A ground range must lie between 0 km and half the Earth's "
                           f"circumference ({np.pi * earth_radius_m / KM:.0f} km); "
                           "check the range and its unit.")
    r = _radius_m(burnout_altitude_km, earth_radius_m)
    q = q_for_max_range(psi)
    gamma = optimum_flight_path_angle_rad(psi)
    speed = np.sqrt(q * EARTH_MU_M3_S2 / r)
    apogee = (apoapsis_radius_m(q, gamma, r) - earth_radius_m) / KM
    with np.errstate(invalid="ignore"):
        t = np.where(psi > 0.0, free_flight_time_s(q, gamma, r), 0.0)
    return BallisticArc(range_km=range_km, burnout_speed_m_s=speed,
                        burnout_angle_deg=np.degrees(gamma), apogee_km=apogee,
                        flight_time_s=t)


def met_range_km(burnout_speed_m_s, *, burnout_altitude_km=0.0,
                 earth_radius_m: float = EARTH_MEAN_RADIUS_M):
    """Minimum-energy (maximum) ground range for a burnout speed (BMW 6.2-19).

    Symmetric arc: re-entry at the burnout radius.  ``inf`` at circular speed or above
    (Q >= 1), where a ballistic missile can reach any point on Earth and the figure is
    meaningless; callers should report a lower bound instead.
    """
    r = _radius_m(burnout_altitude_km, earth_radius_m)
    q = q_parameter(burnout_speed_m_s, r)
    psi = max_range_angle_rad(q)
    return np.where(q >= 1.0, np.inf, psi * earth_radius_m / KM)


TimeOfFlightPath = Literal["minimum-energy", "low", "high"]


def time_of_flight_s(distance_km, met_range_km, *, path: TimeOfFlightPath = "minimum-energy",
                     earth_radius_m: float = EARTH_MEAN_RADIUS_M):
    """Ballistic free-flight time to a ground distance for a missile whose MET range is R.

    Broadcasts ``distance_km`` against ``met_range_km``; NaN where the distance is beyond
    the missile's reach (``distance_km > met_range_km``).  Surface to surface, vacuum,
    non-rotating Earth; the boost phase (1-2 min for SRBMs, 4-6 min for ICBMs,
    physics-methods.md a3) is not included.

    ``path`` chooses how the missile flies the shorter distance:

    - ``"minimum-energy"`` (default): thrust is cut off early and the missile flies the
      minimum-energy trajectory to that distance, the way a fixed-range ballistic missile is
      aimed.  The time then depends only on the distance; R only decides reachability.
    - ``"low"`` / ``"high"``: the burnout speed stays the one fixed by R (BMW 6.2-20) and the
      missile flies the flat or the lofted root of BMW 6.2-16.  ``"low"`` is the shortest
      ballistic time the missile can achieve (a lower bound on warning time); at short
      distances it grazes the atmosphere, so treat it as a bound, not a forecast.
    """
    distance_km, met_km = np.broadcast_arrays(np.asarray(distance_km, float),
                                              np.asarray(met_range_km, float))
    if np.any(distance_km < 0.0) or np.any(met_km <= 0.0):
        raise PhysicsError("Distances must be >= 0 km and MET ranges > 0 km.")
    psi = distance_km * KM / earth_radius_m
    reachable = (distance_km <= met_km) & (psi <= np.pi)
    psi = np.where(reachable, psi, np.nan)
    if path == "minimum-energy":
        q = q_for_max_range(psi)
        gamma = optimum_flight_path_angle_rad(psi)
    elif path in ("low", "high"):
        q = q_for_max_range(np.minimum(met_km * KM / earth_radius_m, np.pi))
        low, high = flight_path_angles_rad(q, psi)
        gamma = low if path == "low" else high
    else:
        raise PhysicsError(f"Unknown path {path!r}; use 'minimum-energy', 'low' or 'high'.")
    with np.errstate(invalid="ignore"):
        t = free_flight_time_s(q, gamma, earth_radius_m)
    return np.where(psi == 0.0, 0.0, t)
