"""Inverse solvers: from reported range, apogee and flight time to the flight that fits them.

Closed form (vacuum Kepler ellipse over a sphere of radius ``EARTH_MEAN_RADIUS_M``, BMW 6.2)
plus the boost model of :mod:`launchwatch.physics.boost`; every function is vectorised, so
the Monte Carlo of :mod:`launchwatch.physics.reconstruction` pushes 10 000 samples through the
same lines as one.

- :func:`solve_range_apogee`: (range, apogee) -> burnout speed and angle, predicted flight time.
- :func:`solve_range_time`: (range, flight time) -> apogee.
- :func:`solve_apogee_time`: (apogee, flight time) -> range.
- :func:`solve_met_range`: burnout speed (and altitude) -> minimum-energy range, optionally
  from a launch site toward a bearing on the turning Earth.
- :func:`carry_to_met`: a lofted test's fitted arc -> the same missile on a minimum-energy
  trajectory (method below).

**Lofted test to minimum-energy range (method).**  Flying the lofted test's burnout speed on
the minimum-energy trajectory under-estimates expert figures by 10-25 % (physics-methods.md
a2), because a near-vertical boost pays more gravity loss, g t_b <sin gamma>, than a boost that
pitches over.  The missile's ideal velocity budget is taken as fixed, so the MET burnout speed is
v_MET = v_lofted + g t_b (<sin gamma>_lofted - <sin gamma>_MET), both means from the boost
model's pitch profile (g at the mean boost height); the MET burnout altitude and boost range
come from the same kinematics at the MET's own (optimal) flight-path angle, found by fixed-point
iteration with the closed-form optimum of :func:`~launchwatch.physics.conic.best_range_angle_rad`.
The payload is assumed to be the test's.  Where this speed reaches the antipode (near-orbital
tests) the figure is unbounded and the solver reports a **lower bound** instead: the lofted
burnout speed flown from the lofted burnout altitude, with no gravity-loss credit, or half the
Earth's circumference if even that is unbounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import PhysicsError
from .boost import BoostModel, BoostSample, class_for_range
from .conic import arc_through_apogee, arc_time_s, best_range_angle_rad
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, G0_M_S2, HALF_CIRCUMFERENCE_M, KM

__all__ = [
    "ArcFit",
    "MetCarry",
    "MetRangeSolution",
    "RangeApogeeSolution",
    "RangeTimeSolution",
    "ApogeeTimeSolution",
    "apogee_for_time_m",
    "carry_to_met",
    "fit_range_apogee",
    "range_for_time_m",
    "resolve_boost",
    "solve_apogee_time",
    "solve_met_range",
    "solve_range_apogee",
    "solve_range_time",
    "validate_reported",
]

R_E = EARTH_MEAN_RADIUS_M
# Kinematic boost geometry is capped so the burn cannot end above 60 % of the apogee or use
# more than half the ground range; only low, short SRBM-like arcs reach the caps.
MAX_BURNOUT_FRACTION_OF_APOGEE = 0.6
MAX_BOOST_FRACTION_OF_RANGE = 0.5
_FIXED_POINT_ITERATIONS = 8


def validate_reported(range_km=None, apogee_km=None, flight_time_s=None) -> None:
    """Raise :class:`PhysicsError` for figures no ballistic flight can have."""
    half_km = HALF_CIRCUMFERENCE_M / KM
    if apogee_km is not None and np.any(~(np.asarray(apogee_km, float) > 0)):
        raise PhysicsError("The apogee must be greater than 0 km; check the figure and its unit "
                           "(apogee is the height above the surface).")
    if range_km is not None:
        r = np.asarray(range_km, float)
        if np.any(~(r > 0)):
            raise PhysicsError("The range must be greater than 0 km.")
        if np.any(r > half_km):
            raise PhysicsError(f"A ground range cannot exceed half the Earth's circumference "
                               f"({half_km:,.0f} km); check the figure and its unit.")
    if flight_time_s is not None and np.any(~(np.asarray(flight_time_s, float) > 0)):
        raise PhysicsError("The flight time must be greater than 0 s; give it in seconds.")


def resolve_boost(boost: BoostModel | str | None, range_km=None, apogee_km=None) -> BoostModel:
    """A BoostModel from a model, a class name, or (None) the class the figures suggest.

    The fallback class comes from the minimum-energy range of the surface-burnout Kepler fit
    (no boost): SRBM below 1 000 km, MRBM below 3 000, IRBM below 5 500, else ICBM.
    """
    if isinstance(boost, BoostModel):
        return boost
    if isinstance(boost, str) and boost.strip().lower() not in ("", "unknown"):
        return BoostModel.for_class(boost)
    if range_km is None or apogee_km is None:
        return BoostModel.for_class("IRBM")
    v, _, _ = arc_through_apogee(R_E, R_E, R_E + float(apogee_km) * KM, float(range_km) * KM / R_E)
    psi, _ = best_range_angle_rad(v, R_E, R_E)
    met_km = float(np.nan_to_num(psi * R_E / KM, nan=0.0, posinf=np.inf))
    return BoostModel.for_class(str(class_for_range(met_km)))


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
    lower_bound_m: np.ndarray        # no gravity-loss credit, lofted burnout (finite)

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
    psi_c, _ = best_range_angle_rad(v_l, R_E + fit.burnout_altitude_m, R_E)
    lower = np.minimum(fit.boost_range_m + R_E * psi_c, HALF_CIRCUMFERENCE_M)
    lower = np.where(np.isnan(psi_c), np.nan, lower)
    return MetCarry(burnout_speed_m_s=v_m, burnout_angle_rad=angle, burnout_altitude_m=h_m,
                    boost_range_m=r_m, range_m=range_m, lower_bound_m=lower)


# ---------------------------------------------------------------------------------------------
# Public solvers: inputs, solution and residuals in one result object each.


def _scalar_or_array(x):
    x = np.asarray(x, float)
    return float(x) if x.ndim == 0 else x


@dataclass(frozen=True)
class RangeApogeeSolution:
    """(range, apogee) -> burnout state and predicted flight time.

    Residuals: the fitted burnout state flown again in closed form (asymmetric Kepler arc,
    :func:`~launchwatch.physics.conic.arc_time_s`) minus the inputs; they check the inverse.
    """

    range_km: float | np.ndarray
    apogee_km: float | np.ndarray
    boost: BoostModel
    burnout_speed_m_s: float | np.ndarray
    burnout_angle_deg: float | np.ndarray
    burnout_altitude_km: float | np.ndarray
    boost_range_km: float | np.ndarray
    boost_duration_s: float | np.ndarray
    free_flight_time_s: float | np.ndarray
    predicted_flight_time_s: float | np.ndarray
    range_residual_km: float | np.ndarray
    apogee_residual_km: float | np.ndarray


def _apogee_of(speed, angle, radius):
    inv_a = 2.0 / radius - speed**2 / EARTH_MU_M3_S2
    h = radius * speed * np.cos(angle)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.sqrt(np.maximum(1.0 - h * h / EARTH_MU_M3_S2 * inv_a, 0.0))
        return (1.0 + e) / inv_a


def solve_range_apogee(range_km, apogee_km, *, boost: BoostModel | str | None = None
                       ) -> RangeApogeeSolution:
    """Burnout speed and angle, and launch-to-impact time, for a reported range and apogee.

    Example: 1 000 km and 3 724.9 km (Hwasong-14, 28 July 2017) as an ICBM give about
    6.0 km/s at 84 deg from ~570 km burnout, and ~2 770 s launch to impact.
    """
    validate_reported(range_km=range_km, apogee_km=apogee_km)
    model = resolve_boost(boost, range_km, apogee_km) if np.ndim(range_km) == 0 \
        else resolve_boost(boost)
    fit = fit_range_apogee(np.asarray(range_km, float) * KM, np.asarray(apogee_km, float) * KM,
                           model.nominal())
    if np.any(np.isnan(fit.burnout_speed_m_s)):
        raise PhysicsError("No ballistic arc reaches that apogee and range from the assumed "
                           "burnout point; check the figures, or give a lower burnout "
                           "altitude or another missile class.")
    r_b = R_E + fit.burnout_altitude_m
    psi, _ = arc_time_s(fit.burnout_speed_m_s, fit.burnout_angle_rad, r_b, R_E)
    apogee = _apogee_of(fit.burnout_speed_m_s, fit.burnout_angle_rad, r_b) - R_E
    return RangeApogeeSolution(
        range_km=_scalar_or_array(range_km), apogee_km=_scalar_or_array(apogee_km), boost=model,
        burnout_speed_m_s=_scalar_or_array(fit.burnout_speed_m_s),
        burnout_angle_deg=_scalar_or_array(np.degrees(fit.burnout_angle_rad)),
        burnout_altitude_km=_scalar_or_array(fit.burnout_altitude_m / KM),
        boost_range_km=_scalar_or_array(fit.boost_range_m / KM),
        boost_duration_s=_scalar_or_array(fit.boost_duration_s),
        free_flight_time_s=_scalar_or_array(fit.free_flight_time_s),
        predicted_flight_time_s=_scalar_or_array(fit.flight_time_s),
        range_residual_km=_scalar_or_array((fit.boost_range_m + psi * R_E) / KM
                                           - np.asarray(range_km, float)),
        apogee_residual_km=_scalar_or_array(apogee / KM - np.asarray(apogee_km, float)))


def _grid_solve(fun, lo, hi, target, *, log=False, points=25, rounds=2):
    """Vectorised root of an increasing ``fun`` on [lo, hi] by nested grids; NaN if none.

    Each round evaluates ``fun`` on ``points`` nodes per target in one array call (``fun``
    receives shape ``target.shape + (points,)``) and keeps the cell where it crosses the
    target; two rounds of 25 narrow the bracket 576-fold and a last linear interpolation in
    the cell (``fun`` is smooth) leaves an error of order (cell width)^2.  NaN values (no arc)
    count as below the target.
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


@dataclass(frozen=True)
class RangeTimeSolution:
    """(range, flight time) -> apogee; residual: predicted time minus the input, s."""

    range_km: float | np.ndarray
    flight_time_s: float | np.ndarray
    boost: BoostModel
    apogee_km: float | np.ndarray
    burnout_speed_m_s: float | np.ndarray
    burnout_angle_deg: float | np.ndarray
    flight_time_residual_s: float | np.ndarray


def solve_range_time(range_km, flight_time_s, *, boost: BoostModel | str | None = None
                     ) -> RangeTimeSolution:
    """The apogee at which a flight of this range lasts this long (launch to impact).

    The flight time grows with the apogee at fixed range, so a bisection on the apogee
    (1 km to 100 000 km, in log space) finds it.
    """
    validate_reported(range_km=range_km, flight_time_s=flight_time_s)
    model = resolve_boost(boost)
    sample = model.nominal()
    range_m = np.asarray(range_km, float) * KM
    target = np.asarray(flight_time_s, float)
    apogee_m = apogee_for_time_m(range_m, target, sample)
    if np.any(np.isnan(apogee_m)):
        raise PhysicsError("No ballistic flight of that range lasts that long with the assumed "
                           "boost: the time is too short even for a flat arc or longer than "
                           "any suborbital one; check the figures and the missile class.")
    fit = fit_range_apogee(range_m, apogee_m, sample)
    return RangeTimeSolution(
        range_km=_scalar_or_array(range_km), flight_time_s=_scalar_or_array(flight_time_s),
        boost=model, apogee_km=_scalar_or_array(apogee_m / KM),
        burnout_speed_m_s=_scalar_or_array(fit.burnout_speed_m_s),
        burnout_angle_deg=_scalar_or_array(np.degrees(fit.burnout_angle_rad)),
        flight_time_residual_s=_scalar_or_array(fit.flight_time_s - target))


@dataclass(frozen=True)
class ApogeeTimeSolution:
    """(apogee, flight time) -> range; residual: predicted time minus the input, s.

    Poorly conditioned for lofted flights: the time depends mostly on the apogee, so a
    second of timing moves the range by tens of km.  Read the interval, not the digits.
    """

    apogee_km: float | np.ndarray
    flight_time_s: float | np.ndarray
    boost: BoostModel
    range_km: float | np.ndarray
    burnout_speed_m_s: float | np.ndarray
    burnout_angle_deg: float | np.ndarray
    flight_time_residual_s: float | np.ndarray


def solve_apogee_time(apogee_km, flight_time_s, *, boost: BoostModel | str | None = None
                      ) -> ApogeeTimeSolution:
    """The ground range at which a flight of this apogee lasts this long.

    At fixed apogee the time grows with the range (the ground falls away under a wider
    arc), from the vertical shot up to the flattest arc with that apogee; bisection on range.
    """
    validate_reported(apogee_km=apogee_km, flight_time_s=flight_time_s)
    model = resolve_boost(boost)
    sample = model.nominal()
    apogee_m = np.asarray(apogee_km, float) * KM
    target = np.asarray(flight_time_s, float)
    range_m = range_for_time_m(apogee_m, target, sample)
    if np.any(np.isnan(range_m)):
        raise PhysicsError("No ballistic flight with that apogee lasts that long with the "
                           "assumed boost; check the figures and the missile class.")
    fit = fit_range_apogee(range_m, apogee_m, sample)
    return ApogeeTimeSolution(
        apogee_km=_scalar_or_array(apogee_km), flight_time_s=_scalar_or_array(flight_time_s),
        boost=model, range_km=_scalar_or_array(range_m / KM),
        burnout_speed_m_s=_scalar_or_array(fit.burnout_speed_m_s),
        burnout_angle_deg=_scalar_or_array(np.degrees(fit.burnout_angle_rad)),
        flight_time_residual_s=_scalar_or_array(fit.flight_time_s - target))


@dataclass(frozen=True)
class MetRangeSolution:
    """Burnout speed -> minimum-energy range to the surface.

    ``range_km`` is ``inf`` where the speed reaches any point on Earth.  With a site and a
    bearing, the range is on the turning Earth along that bearing (launch azimuth adjusted so
    the impact lies on the bearing's great circle), and ``range_no_rotation_km`` gives the
    figure without rotation; the residual is the bearing miss of the impact, deg.
    """

    burnout_speed_m_s: float | np.ndarray
    burnout_altitude_km: float | np.ndarray
    boost_range_km: float | np.ndarray
    site_lat_deg: float | None
    site_lon_deg: float | None
    bearing_deg: float | None
    range_km: float | np.ndarray
    range_no_rotation_km: float | np.ndarray
    burnout_angle_deg: float | np.ndarray
    launch_azimuth_deg: float | np.ndarray | None
    free_flight_time_s: float | np.ndarray
    bearing_residual_deg: float | np.ndarray | None


def solve_met_range(burnout_speed_m_s, *, burnout_altitude_km=0.0, boost_range_km=0.0,
                    site_lat_deg: float | None = None, site_lon_deg: float | None = None,
                    bearing_deg: float | None = None) -> MetRangeSolution:
    """Range on the minimum-energy trajectory for a burnout speed relative to the ground.

    Without a site the Earth does not turn (BMW 6.2 with asymmetric burnout/impact radii).
    With ``site_lat_deg``, ``site_lon_deg`` and ``bearing_deg`` the Earth turns under the
    flight (physics-methods.md a4): eastward shots gain, westward shots lose.
    """
    speed = np.asarray(burnout_speed_m_s, float)
    if np.any(~(speed > 0)):
        raise PhysicsError("The burnout speed must be greater than 0 m/s.")
    escape = np.sqrt(2.0 * EARTH_MU_M3_S2 / (R_E + np.asarray(burnout_altitude_km) * KM))
    if np.any(speed >= escape):
        raise PhysicsError(f"A burnout speed of {float(np.max(speed)):,.0f} m/s is at or above "
                           f"escape speed ({float(np.min(escape)):,.0f} m/s): that is a space "
                           "launch, not a ballistic flight; check the figure and its unit.")
    h_m = np.asarray(burnout_altitude_km, float) * KM
    r_b = np.asarray(boost_range_km, float) * KM
    psi, gamma = best_range_angle_rad(speed, R_E + h_m, R_E)
    plain_m = np.where(np.isfinite(psi), r_b + R_E * psi, np.inf)
    plain_m = np.where(plain_m >= HALF_CIRCUMFERENCE_M, np.inf, plain_m)
    _, t_ff = arc_time_s(speed, gamma, R_E + h_m, R_E)
    site_given = site_lat_deg is not None and site_lon_deg is not None and bearing_deg is not None
    range_m, azimuth, residual = plain_m, None, None
    if site_given:
        from .reach import met_range_rotating

        rot = met_range_rotating(speed, h_m, r_b, site_lat_deg, site_lon_deg, bearing_deg)
        range_m, gamma, azimuth, t_ff = rot.range_m, rot.flight_path_angle_rad, \
            rot.launch_azimuth_deg, rot.free_flight_time_s
        residual = _scalar_or_array(rot.bearing_residual_deg)
        azimuth = _scalar_or_array(azimuth)
    return MetRangeSolution(
        burnout_speed_m_s=_scalar_or_array(speed), burnout_altitude_km=_scalar_or_array(h_m / KM),
        boost_range_km=_scalar_or_array(r_b / KM), site_lat_deg=site_lat_deg,
        site_lon_deg=site_lon_deg, bearing_deg=bearing_deg,
        range_km=_scalar_or_array(range_m / KM), range_no_rotation_km=_scalar_or_array(plain_m / KM),
        burnout_angle_deg=_scalar_or_array(np.degrees(gamma)), launch_azimuth_deg=azimuth,
        free_flight_time_s=_scalar_or_array(t_ff), bearing_residual_deg=residual)
