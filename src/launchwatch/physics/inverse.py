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
The vectorised SI core is :mod:`launchwatch.physics.arc_fit`; the method that carries a lofted
test over to a minimum-energy range is :mod:`launchwatch.physics.met_carry`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import PhysicsError
from .arc_fit import apogee_for_time_m, fit_range_apogee, range_for_time_m
from .boost import BoostModel, class_for_range
from .conic import arc_through_apogee, arc_time_s, best_range_angle_rad
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, HALF_CIRCUMFERENCE_M, KM
from .rotating_range import met_range_rotating

__all__ = [
    "ApogeeTimeSolution",
    "MetRangeSolution",
    "RangeApogeeSolution",
    "RangeTimeSolution",
    "resolve_boost",
    "solve_apogee_time",
    "solve_met_range",
    "solve_range_apogee",
    "solve_range_time",
    "validate_reported",
]

R_E = EARTH_MEAN_RADIUS_M
MAX_APOGEE_KM = 100_000.0
"""Above this apogee the burnout speed is within 3 % of escape: not a ballistic missile."""


def validate_reported(range_km=None, apogee_km=None, flight_time_s=None) -> None:
    """Raise :class:`PhysicsError` for figures no ballistic flight can have."""
    half_km = HALF_CIRCUMFERENCE_M / KM
    if apogee_km is not None and np.any(~(np.asarray(apogee_km, float) > 0)):
        raise PhysicsError("The apogee must be greater than 0 km; check the figure and its unit "
                           "(apogee is the height above the surface).")
    if apogee_km is not None and np.any(np.asarray(apogee_km, float) > MAX_APOGEE_KM):
        raise PhysicsError(f"An apogee above {MAX_APOGEE_KM:,.0f} km needs a burnout speed "
                           "within 3 % of escape speed (11.2 km/s): that is a space launch, not "
                           "a ballistic missile; check the figure and its unit (km).")
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

        rot = met_range_rotating(speed, h_m, r_b, site_lat_deg, site_lon_deg, bearing_deg)
        range_m, gamma, azimuth, t_ff = rot.range_m, rot.flight_path_angle_rad, \
            rot.launch_azimuth_deg, rot.free_flight_time_s
        residual = _scalar_or_array(rot.bearing_residual_deg)
        azimuth = _scalar_or_array(azimuth)
    return MetRangeSolution(
        burnout_speed_m_s=_scalar_or_array(speed), burnout_altitude_km=_scalar_or_array(h_m / KM),
        boost_range_km=_scalar_or_array(r_b / KM), site_lat_deg=site_lat_deg,
        site_lon_deg=site_lon_deg, bearing_deg=bearing_deg,
        range_km=_scalar_or_array(range_m / KM),
        range_no_rotation_km=_scalar_or_array(plain_m / KM),
        burnout_angle_deg=_scalar_or_array(np.degrees(gamma)), launch_azimuth_deg=azimuth,
        free_flight_time_s=_scalar_or_array(t_ff), bearing_residual_deg=residual)
