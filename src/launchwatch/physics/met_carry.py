"""Carry a lofted test over to the same missile on a minimum-energy trajectory (MET).

**Lofted test to minimum-energy range (method).**  Flying the lofted test's burnout speed on
the minimum-energy trajectory under-estimates expert figures by 10-25 % (physics-methods.md
a2), because a near-vertical boost pays more gravity loss, g t_b <sin gamma>, than a boost that
pitches over.  The missile's ideal velocity budget is taken as fixed, so the MET burnout speed is
v_MET = v_lofted + g t_b (<sin gamma>_lofted - <sin gamma>_MET), both means from the boost
model's pitch profile (g at the mean boost height); the MET burnout altitude and boost range
come from the same kinematics at the MET's own (optimal) flight-path angle, found by fixed-point
iteration with the closed-form optimum of :func:`~launchwatch.physics.conic.best_range_angle_rad`.
The payload is assumed to be the test's.  Where this speed reaches the antipode (near-orbital
tests) the figure is unbounded and the solver reports a **lower bound** instead: the same MET
boost geometry with no gravity-loss credit, i.e. the lofted burnout's specific energy moved to
the MET burnout altitude (v^2 = v_lofted^2 + 2 mu (1/r_MET - 1/r_lofted)), or half the Earth's
circumference if even that is unbounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arc_fit import ArcFit
from .boost import BoostSample
from .conic import best_range_angle_rad
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, G0_M_S2, HALF_CIRCUMFERENCE_M

__all__ = ["MetCarry", "carry_to_met"]

R_E = EARTH_MEAN_RADIUS_M


def _gravity_at_mean_boost_height(burnout_altitude_m):
    return G0_M_S2 * (R_E / (R_E + 0.5 * np.asarray(burnout_altitude_m, float))) ** 2


@dataclass(frozen=True)
class MetCarry:
    """The fitted missile on a minimum-energy trajectory (arrays, SI; module docstring)."""

    burnout_speed_m_s: np.ndarray
    burnout_angle_rad: np.ndarray
    burnout_altitude_m: np.ndarray
    boost_range_m: np.ndarray
    range_m: np.ndarray              # inf where unbounded
    bound_speed_m_s: np.ndarray      # no gravity-loss credit: the lofted energy at the MET burnout
    lower_bound_m: np.ndarray        # MET range at that speed, capped at half the circumference

    @property
    def unbounded(self) -> np.ndarray:
        return ~np.isfinite(self.range_m)


def carry_to_met(fit: ArcFit, boost: BoostSample, *, start: MetCarry | None = None,
                 iterations: int | None = None) -> MetCarry:
    """Carry a fitted (usually lofted) flight over to its minimum-energy trajectory.

    Fixed point on the MET's flight-path angle: 12 rounds from 35 deg, or 3 from ``start``
    (the nominal solution, for a Monte Carlo batch).
    """
    v_l = fit.burnout_speed_m_s
    loss_lofted = _gravity_at_mean_boost_height(fit.burnout_altitude_m) * fit.boost_duration_s \
        * fit.mean_sin
    if iterations is None:
        iterations = 12 if start is None else 3
    angle = np.full(np.shape(v_l), np.radians(35.0)) if start is None else \
        np.broadcast_to(start.burnout_angle_rad, np.shape(v_l))
    h_m = None if start is None else np.broadcast_to(start.burnout_altitude_m, np.shape(v_l))
    r_m = v_m = psi = None
    for _ in range(iterations):
        rise, run, mean_sin = boost.profile(angle)
        h_guess = fit.burnout_altitude_m if h_m is None else h_m
        loss_met = _gravity_at_mean_boost_height(h_guess) * fit.boost_duration_s * mean_sin
        v_m = v_l + loss_lofted - loss_met
        length = v_m * fit.boost_duration_s
        h_m = length * rise if boost.burnout_altitude_m is None else \
            np.broadcast_to(boost.burnout_altitude_m, np.shape(v_m))
        r_m = length * run if boost.boost_range_m is None else \
            np.broadcast_to(boost.boost_range_m, np.shape(v_m))
        psi, best = best_range_angle_rad(v_m, R_E + h_m, R_E)
        # Unbounded samples keep a shallow angle so their geometry stays defined.
        angle = np.where(np.isfinite(best), best, np.radians(20.0))
    range_m = r_m + R_E * psi
    range_m = np.where(range_m >= HALF_CIRCUMFERENCE_M, np.inf, range_m)
    with np.errstate(invalid="ignore"):
        v_c = np.sqrt(v_l**2 + 2.0 * EARTH_MU_M3_S2 * (1.0 / (R_E + h_m)
                                                      - 1.0 / (R_E + fit.burnout_altitude_m)))
    psi_c, _ = best_range_angle_rad(v_c, R_E + h_m, R_E)
    lower = np.minimum(r_m + R_E * psi_c, HALF_CIRCUMFERENCE_M)
    lower = np.where(np.isnan(psi_c), np.nan, lower)
    return MetCarry(burnout_speed_m_s=v_m, burnout_angle_rad=angle, burnout_altitude_m=h_m,
                    boost_range_m=r_m, range_m=range_m, bound_speed_m_s=v_c,
                    lower_bound_m=lower)
