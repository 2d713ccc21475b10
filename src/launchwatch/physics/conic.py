"""Closed-form Kepler-ellipse relations for ballistic free flight (vacuum, spherical Earth).

All formulas are from Bate, Mueller & White, *Fundamentals of Astrodynamics* (1971), section 6.2
("the general ballistic missile problem"); equation numbers are BMW's.  Notation:

- ``q`` is the non-dimensional burnout parameter Q = v^2 r / mu (6.2-1): 1 is circular speed,
  2 is escape speed.
- ``flight_path_angle_rad`` (BMW's phi, gamma here) is measured above the local horizontal.
- ``range_angle_rad`` (BMW's Psi) is the free-flight angle at the Earth's centre, so the ground
  range is ``radius * range_angle``.

Every function is NumPy-vectorised: scalars or arrays of any broadcastable shape go through
the same lines.  Invalid combinations give NaN rather than raising, so one bad sample in a
Monte Carlo batch does not stop the others; the inverse solvers turn NaN into a
:class:`~launchwatch.errors.PhysicsError` where a single answer was asked for.
"""

from __future__ import annotations

import numpy as np

from .constants import EARTH_MU_M3_S2

__all__ = [
    "apoapsis_radius_m",
    "eccentricity",
    "flight_path_angles_rad",
    "free_flight_time_s",
    "max_range_angle_rad",
    "optimum_flight_path_angle_rad",
    "q_for_max_range",
    "q_parameter",
    "symmetric_range_angle_rad",
]


def q_parameter(speed_m_s, radius_m, mu_m3_s2=EARTH_MU_M3_S2):
    """Q = v^2 r / mu (BMW 6.2-1)."""
    return np.asarray(speed_m_s, float) ** 2 * np.asarray(radius_m, float) / mu_m3_s2


def eccentricity(q, flight_path_angle_rad):
    """e = sqrt(1 + Q (Q - 2) cos^2 gamma) (BMW 6.2-3 with p = r Q cos^2 gamma)."""
    q = np.asarray(q, float)
    cos_g = np.cos(flight_path_angle_rad)
    return np.sqrt(np.maximum(1.0 + q * (q - 2.0) * cos_g**2, 0.0))


def symmetric_range_angle_rad(q, flight_path_angle_rad):
    """Free-flight range angle Psi when re-entry radius equals burnout radius (BMW 6.2-12).

    cos(Psi/2) = (1 - Q cos^2 gamma) / sqrt(1 + Q (Q - 2) cos^2 gamma).  NaN for Q >= 2
    (escape) or a trajectory that never comes down.
    """
    q = np.asarray(q, float)
    cos_g2 = np.cos(flight_path_angle_rad) ** 2
    e = eccentricity(q, flight_path_angle_rad)
    with np.errstate(invalid="ignore", divide="ignore"):
        cos_half = (1.0 - q * cos_g2) / e
        psi = 2.0 * np.arccos(np.clip(cos_half, -1.0, 1.0))
    return np.where((q < 2.0) & (e > 0.0) & (e < 1.0), psi, np.nan)


def max_range_angle_rad(q):
    """Largest free-flight range angle for a given Q (BMW 6.2-19): sin(Psi/2) = Q / (2 - Q).

    NaN where Q >= 1 (at circular speed or above the minimum-energy range is unbounded) or
    Q < 0.
    """
    q = np.asarray(q, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = q / (2.0 - q)
        psi = 2.0 * np.arcsin(np.clip(s, 0.0, 1.0))
    return np.where((q >= 0.0) & (q < 1.0), psi, np.nan)


def q_for_max_range(range_angle_rad):
    """Q needed for a range angle on the minimum-energy trajectory (BMW 6.2-20)."""
    s = np.sin(np.asarray(range_angle_rad, float) / 2.0)
    return 2.0 * s / (1.0 + s)


def optimum_flight_path_angle_rad(range_angle_rad):
    """Flight-path angle of the minimum-energy trajectory (BMW 6.2-18): (pi - Psi) / 4."""
    return (np.pi - np.asarray(range_angle_rad, float)) / 4.0


def flight_path_angles_rad(q, range_angle_rad):
    """The two flight-path angles reaching a range angle with a given Q (BMW 6.2-16).

    sin(2 gamma + Psi/2) = ((2 - Q)/Q) sin(Psi/2).  Returns ``(low, high)``: the flat and the
    lofted root.  Both are NaN where the range is beyond the maximum for Q.
    """
    q = np.asarray(q, float)
    psi = np.asarray(range_angle_rad, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rhs = (2.0 - q) / q * np.sin(psi / 2.0)
        # A hair over 1 at exactly the maximum range is rounding, not an unreachable range.
        x = np.where(np.abs(rhs) <= 1.0 + 1e-9, np.arcsin(np.clip(rhs, -1.0, 1.0)), np.nan)
    low = (x - psi / 2.0) / 2.0
    high = (np.pi - x - psi / 2.0) / 2.0
    return low, high


def apoapsis_radius_m(q, flight_path_angle_rad, radius_m):
    """r_a = a (1 + e) with a = r / (2 - Q) (BMW 6.2-2, energy equation)."""
    q = np.asarray(q, float)
    a = np.asarray(radius_m, float) / (2.0 - q)
    return a * (1.0 + eccentricity(q, flight_path_angle_rad))


def free_flight_time_s(q, flight_path_angle_rad, radius_m, mu_m3_s2=EARTH_MU_M3_S2):
    """Time of free flight from burnout to re-entry at the same radius (BMW 6.2-21/22).

    cos E = (e - cos(Psi/2)) / (1 - e cos(Psi/2));  t = 2 sqrt(a^3/mu) (pi - E + e sin E),
    where E is the eccentric anomaly of the re-entry point.
    """
    q = np.asarray(q, float)
    r = np.asarray(radius_m, float)
    psi = symmetric_range_angle_rad(q, flight_path_angle_rad)
    e = eccentricity(q, flight_path_angle_rad)
    a = r / (2.0 - q)
    c = np.cos(psi / 2.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        big_e = np.arccos(np.clip((e - c) / (1.0 - e * c), -1.0, 1.0))
        t = 2.0 * np.sqrt(a**3 / mu_m3_s2) * (np.pi - big_e + e * np.sin(big_e))
    return np.where(np.isfinite(psi), t, np.nan)
