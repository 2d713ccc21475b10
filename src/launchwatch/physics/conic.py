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
    "arc_through_apogee",
    "arc_time_s",
    "best_range_angle_rad",
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


def arc_through_apogee(burnout_radius_m, impact_radius_m, apogee_radius_m, range_angle_rad,
                       mu_m3_s2=EARTH_MU_M3_S2, *, with_time: bool = True):
    """The ellipse from burnout radius r_b over apogee r_a to impact radius r_i, Psi apart.

    The asymmetric generalisation of physics-methods.md a2 step 1.  Measuring angles from
    apogee, a point at radius r lies at theta with cos(theta) = 1 - alpha y, where
    alpha = r_a / r - 1 and y = 1/e - 1 (from r = p / (1 - e cos theta), p = r_a (1 - e)).
    Requiring theta_b + theta_i = Psi, i.e. cos^2 + cos^2 - 2 cos cos cos(Psi) = sin^2(Psi),
    gives a quadratic in y whose root for the sum (the other is for the difference of the
    angles) simplifies to

        y = 2 sin^2(Psi/2) / (alpha_b + alpha_i + 2 cos(Psi/2) sqrt(alpha_b alpha_i)),

    closed form and free of cancellation even for near-vertical shots (y -> 0, e -> 1).

    Returns ``(speed_m_s, flight_path_angle_rad, free_flight_time_s)`` at burnout; NaN where
    no such ellipse exists (apogee below burnout or impact, range beyond the ellipse's reach).
    Free-flight time from Kepler's equation on each side of apogee (BMW 4.2);
    ``with_time=False`` skips it (NaN).
    """
    rb = np.asarray(burnout_radius_m, float)
    ri = np.asarray(impact_radius_m, float)
    ra = np.asarray(apogee_radius_m, float)
    psi = np.asarray(range_angle_rad, float)
    alpha_b, alpha_i = (ra - rb) / rb, (ra - ri) / ri
    with np.errstate(invalid="ignore", divide="ignore"):
        y = 2.0 * np.sin(psi / 2.0) ** 2 / (alpha_b + alpha_i + 2.0 * np.cos(psi / 2.0)
                                            * np.sqrt(alpha_b * alpha_i))
        half_b, half_i = alpha_b * y / 2.0, alpha_i * y / 2.0   # sin^2(theta/2)
        e = 1.0 / (1.0 + y)
        p = ra * y / (1.0 + y)
        a = ra * (1.0 + y) / (2.0 + y)
        speed = np.sqrt(mu_m3_s2 * (2.0 / rb - 1.0 / a))
        gamma = np.arccos(np.clip(np.sqrt(mu_m3_s2 * p) / (rb * speed), -1.0, 1.0))
        if with_time:
            theta_b = 2.0 * np.arcsin(np.sqrt(np.clip(half_b, 0.0, 1.0)))
            theta_i = 2.0 * np.arcsin(np.sqrt(np.clip(half_i, 0.0, 1.0)))
            t = np.sqrt(a**3 / mu_m3_s2) * (_time_from_apogee(theta_b, e)
                                            + _time_from_apogee(theta_i, e))
        else:
            t = np.full(np.shape(speed), np.nan)
    valid = ((alpha_b >= 0.0) & (alpha_i >= 0.0) & (y > 0.0) & (half_b <= 1.0)
             & (half_i <= 1.0) & np.isfinite(speed))
    return (np.where(valid, speed, np.nan), np.where(valid, gamma, np.nan),
            np.where(valid, t, np.nan))


def _time_from_apogee(theta, e):
    """Mean-anomaly distance from apogee (M = pi) to the point theta before/after it."""
    nu = np.pi - theta
    big_e = 2.0 * np.arctan2(np.sqrt(1.0 - e) * np.sin(nu / 2.0),
                             np.sqrt(1.0 + e) * np.cos(nu / 2.0))
    return np.pi - (big_e - e * np.sin(big_e))


def best_range_angle_rad(speed_m_s, burnout_radius_m, impact_radius_m,
                         mu_m3_s2=EARTH_MU_M3_S2):
    """Largest range angle, and its flight-path angle, from r_b to r_i at a given speed.

    The minimum-energy ellipse between two points has its second focus on the chord, so its
    semi-major axis is a = (r_b + r_i + c) / 4 with c the chord (Lambert's problem, minimum-
    energy transfer: BMW 5.3, Vallado 7.6).  With a fixed by the speed (vis-viva), the longest
    chord is c = 4a - r_b - r_i and cos(Psi) = (r_b^2 + r_i^2 - c^2) / (2 r_b r_i).  By the
    reflection property of the ellipse the velocity then bisects the angle between the local
    vertical and the chord: gamma* = pi/4 - delta/2, delta the chord's depression below the
    horizontal.  With r_b = r_i this is BMW 6.2-18/19.

    Returns ``(range_angle_rad, flight_path_angle_rad)``; the range angle is ``inf`` where the
    speed reaches the antipode (or escapes): any point on Earth is then in reach.
    """
    v = np.asarray(speed_m_s, float)
    rb = np.asarray(burnout_radius_m, float)
    ri = np.asarray(impact_radius_m, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        inv_a = 2.0 / rb - v * v / mu_m3_s2
        chord = 4.0 / inv_a - rb - ri
        unbounded = (inv_a <= 0.0) | (chord >= rb + ri)
        cos_psi = (rb * rb + ri * ri - chord * chord) / (2.0 * rb * ri)
        psi = np.arccos(np.clip(cos_psi, -1.0, 1.0))
        psi = np.where(chord < np.abs(rb - ri), np.nan, psi)
        delta = np.arctan2(rb - ri * np.cos(psi), ri * np.sin(psi))
        gamma = np.pi / 4.0 - delta / 2.0
    return np.where(unbounded, np.inf, psi), np.where(unbounded, np.nan, gamma)


def arc_time_s(speed_m_s, flight_path_angle_rad, burnout_radius_m, impact_radius_m,
               mu_m3_s2=EARTH_MU_M3_S2):
    """Range angle and free-flight time from burnout to the descending crossing of r_i.

    The asymmetric case of physics-methods.md a1: e cos(nu) = p/r - 1, e sin(nu) = h v_r / mu,
    nu_i = 2 pi - arccos((p/r_i - 1)/e), Psi = nu_i - nu_b, time from Kepler's equation.
    Returns ``(range_angle_rad, time_s)``; NaN where the arc never comes down to r_i.
    """
    v = np.asarray(speed_m_s, float)
    g = np.asarray(flight_path_angle_rad, float)
    rb = np.asarray(burnout_radius_m, float)
    ri = np.asarray(impact_radius_m, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        h = rb * v * np.cos(g)
        p = h * h / mu_m3_s2
        inv_a = 2.0 / rb - v * v / mu_m3_s2
        e = np.sqrt(np.maximum(1.0 - p * inv_a, 0.0))
        nu_b = np.mod(np.arctan2(h * v * np.sin(g) / mu_m3_s2, p / rb - 1.0), 2.0 * np.pi)
        cos_i = (p / ri - 1.0) / e
        nu_i = 2.0 * np.pi - np.arccos(np.clip(cos_i, -1.0, 1.0))
        a = 1.0 / inv_a
        m_b = _mean_anomaly(nu_b, e)
        m_i = _mean_anomaly(nu_i, e)
        t = (m_i - m_b) * np.sqrt(a**3 / mu_m3_s2)
    ok = (inv_a > 0.0) & (np.abs(cos_i) <= 1.0) & (nu_i >= nu_b)
    return np.where(ok, nu_i - nu_b, np.nan), np.where(ok, t, np.nan)


def _mean_anomaly(nu, e):
    big_e = np.mod(2.0 * np.arctan2(np.sqrt(1.0 - e) * np.sin(nu / 2.0),
                                    np.sqrt(1.0 + e) * np.cos(nu / 2.0)), 2.0 * np.pi)
    return big_e - e * np.sin(big_e)
