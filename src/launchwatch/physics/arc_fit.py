"""Fit reported (range, apogee) with the boost model, and invert it for the flight time.

The vectorised SI core of the inverse solvers (:mod:`launchwatch.physics.inverse` wraps it in
result objects with units at the edges): every function takes scalars or arrays of any
broadcastable shape, so a Monte Carlo batch goes through the same lines as one flight.  The
ballistic arc is the closed-form Kepler ellipse through apogee over a sphere of radius
``EARTH_MEAN_RADIUS_M`` (:func:`~launchwatch.physics.conic.arc_through_apogee`); the boost is
:mod:`launchwatch.physics.boost`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .boost import BoostSample
from .conic import arc_through_apogee
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, HALF_CIRCUMFERENCE_M

__all__ = ["ArcFit", "apogee_for_time_m", "fit_range_apogee", "range_for_time_m"]

R_E = EARTH_MEAN_RADIUS_M
# Kinematic boost geometry is capped so the burn cannot end above 60 % of the apogee or use
# more than half the ground range; only low, short SRBM-like arcs reach the caps.
MAX_BURNOUT_FRACTION_OF_APOGEE = 0.6
MAX_BOOST_FRACTION_OF_RANGE = 0.5
_FIXED_POINT_ITERATIONS = 8


@dataclass(frozen=True)
class ArcFit:
    """A fitted flight (arrays, SI): boost, then the ballistic arc from burnout to impact."""

    burnout_speed_m_s: np.ndarray
    burnout_angle_rad: np.ndarray
    burnout_altitude_m: np.ndarray
    boost_range_m: np.ndarray
    boost_duration_s: np.ndarray
    mean_sin: np.ndarray
    free_flight_time_s: np.ndarray

    @property
    def flight_time_s(self) -> np.ndarray:
        """Launch to impact: boost plus free flight."""
        return self.boost_duration_s + self.free_flight_time_s


def _capped_geometry(boost: BoostSample, speed, angle, range_m, apogee_m):
    h_b, r_b, mean_sin = boost.geometry(speed, angle)
    if boost.burnout_altitude_m is None:
        h_b = np.minimum(h_b, MAX_BURNOUT_FRACTION_OF_APOGEE * apogee_m)
    if boost.boost_range_m is None:
        r_b = np.minimum(r_b, MAX_BOOST_FRACTION_OF_RANGE * range_m)
    return h_b, r_b, mean_sin


def fit_range_apogee(range_m, apogee_m, boost: BoostSample, *, start: ArcFit | None = None,
                     iterations: int | None = None) -> ArcFit:
    """Fit (range, apogee) with the boost model: a fixed point on the burnout geometry.

    Start from burnout at the launch point (or at ``start``'s burnout, e.g. the nominal fit
    for a Monte Carlo batch), fit the ellipse through apogee
    (:func:`~launchwatch.physics.conic.arc_through_apogee`), move burnout to where the boost
    model puts it for that speed and angle, refit; eight rounds from the launch point settle
    the burnout altitude to metres, two from a nearby start (a Monte Carlo batch around its
    nominal fit) to within a second of flight time.
    """
    range_m = np.asarray(range_m, float)
    apogee_m = np.asarray(apogee_m, float)
    shape = np.broadcast(range_m, apogee_m).shape
    if iterations is None:
        iterations = _FIXED_POINT_ITERATIONS if start is None else 2
    if start is not None:
        h_b = np.broadcast_to(start.burnout_altitude_m, shape)
        r_b = np.broadcast_to(start.boost_range_m, shape)
    else:
        h_b, r_b = np.zeros(shape), np.zeros(shape)
    if boost.burnout_altitude_m is not None:
        h_b = np.broadcast_to(boost.burnout_altitude_m, shape)
    if boost.boost_range_m is not None:
        r_b = np.broadcast_to(boost.boost_range_m, shape)
    for _ in range(iterations):
        speed, angle, _ = arc_through_apogee(R_E + h_b, R_E, R_E + apogee_m, (range_m - r_b) / R_E,
                                             with_time=False)
        # A sample whose fit fails keeps iterating from a generic angle; it ends NaN if it fails.
        speed = np.where(np.isfinite(speed), speed, np.sqrt(EARTH_MU_M3_S2 / R_E) * 0.5)
        angle = np.where(np.isfinite(angle), angle, np.pi / 4)
        h_b, r_b, mean_sin = _capped_geometry(boost, speed, angle, range_m, apogee_m)
    speed, angle, t_ff = arc_through_apogee(R_E + h_b, R_E, R_E + apogee_m, (range_m - r_b) / R_E)
    _, _, mean_sin = boost.geometry(speed, angle)
    t_b = np.broadcast_to(boost.boost_duration_s, np.shape(speed))
    return ArcFit(burnout_speed_m_s=speed, burnout_angle_rad=angle, burnout_altitude_m=h_b,
                  boost_range_m=np.broadcast_to(r_b, np.shape(speed)), boost_duration_s=t_b,
                  mean_sin=mean_sin, free_flight_time_s=t_ff)


def _grid_solve(fun, lo, hi, target, *, log=False, points=25, rounds=2):
    """Vectorised root of an increasing ``fun`` on [lo, hi] by nested grids; NaN if none.

    Each round evaluates ``fun`` on ``points`` nodes per target in one array call (``fun``
    receives shape ``target.shape + (points,)``) and keeps the cell where it crosses the
    target; two rounds of 25 narrow the bracket 576-fold and a last linear interpolation in
    the cell (``fun`` is smooth) leaves an error of order (cell width)^2.  NaN values (no arc)
    count as below the target while searching, but a final cell with a NaN end is no root.
    """
    target = np.asarray(target, float)
    lo = np.broadcast_to(np.asarray(lo, float), target.shape).astype(float)
    hi = np.broadcast_to(np.asarray(hi, float), target.shape).astype(float)
    u = np.linspace(0.0, 1.0, points)
    valid = np.ones(target.shape, bool)
    f_lo = f_hi = None
    for _ in range(rounds):
        x = lo[..., None] * (hi / lo)[..., None] ** u if log else \
            lo[..., None] + (hi - lo)[..., None] * u
        f = fun(x) - target[..., None]
        above = f >= 0.0
        first = np.argmax(above, axis=-1)
        valid &= above.any(axis=-1) & (first > 0)
        first = np.clip(first, 1, points - 1)
        take = (lambda a, i: np.take_along_axis(a, i[..., None], axis=-1)[..., 0])
        lo, hi = take(x, first - 1), take(x, first)
        f_lo, f_hi = take(f, first - 1), take(f, first)
    # A bracket whose lower end has no arc (NaN) cannot be trusted: no root there.
    valid &= np.isfinite(f_lo) & np.isfinite(f_hi)
    with np.errstate(invalid="ignore", divide="ignore"):
        w = np.clip(-f_lo / (f_hi - f_lo), 0.0, 1.0)
    w = np.where(np.isfinite(w), w, 0.5)
    root = np.exp(np.log(lo) + w * np.log(hi / lo)) if log else lo + w * (hi - lo)
    return np.where(valid, root, np.nan)


def apogee_for_time_m(range_m, flight_time_s, boost: BoostSample, *,
                      start: ArcFit | None = None):
    """Apogee (m) at which a flight of ``range_m`` lasts ``flight_time_s``; NaN if none.

    Arrays broadcast together; a boost duration of shape ``(..., 1)`` varies with them.
    ``start`` (a nearby fit) warm-starts the burnout geometry of every trial.
    """
    range_m = np.asarray(range_m, float)

    def time_for(apogee_m):
        return fit_range_apogee(range_m[..., None], apogee_m, boost,
                                start=start).flight_time_s

    target = np.broadcast_to(np.asarray(flight_time_s, float),
                             np.broadcast(range_m, np.asarray(flight_time_s)).shape)
    return _grid_solve(time_for, 1.0e3, 1.0e8, target, log=True)


def range_for_time_m(apogee_m, flight_time_s, boost: BoostSample, *,
                     start: ArcFit | None = None):
    """Ground range (m) at which a flight of apogee ``apogee_m`` lasts ``flight_time_s``."""
    apogee_m = np.asarray(apogee_m, float)

    def time_for(range_m):
        return fit_range_apogee(range_m, apogee_m[..., None], boost,
                                start=start).flight_time_s

    target = np.broadcast_to(np.asarray(flight_time_s, float),
                             np.broadcast(apogee_m, np.asarray(flight_time_s)).shape)
    return _grid_solve(time_for, 1.0e3, HALF_CIRCUMFERENCE_M * 0.999, target)


