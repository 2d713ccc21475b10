"""Re-fly a reconstruction with the numerical propagator: drag, J2, a WGS84 surface, rotation.

The closed-form fit (vacuum Kepler over a sphere) gives each Monte Carlo sample a burnout
state.  Flown with the full dynamics from the launch site, that state lands somewhere else and
peaks at another height; a differential correction fixes that: the burnout speed and angle are
updated with the closed-form Jacobian d(range, apogee)/d(speed, angle) and the numerically
flown residuals (the Jacobian is nearly the true one, so each round cuts the residual by an
order of magnitude): twice for the nominal, whose correction then seeds every sample, which
takes one more round.  The corrected flight's launch-to-impact time is the prediction.
The minimum-energy flight is flown once at the closed-form optimum angle (and, on the turning
Earth, launch azimuth); the range is flat at the optimum, so the angle's small error under
drag and J2 costs metres.

Every step is one batched call (nominal plus all samples) into the compiled propagator.
Without a site and azimuth the Earth's rotation cannot be placed: the flight then starts on
the equator heading east over a non-rotating Earth (drag and J2 only).  Drag acts after
burnout only; beta is drawn log-uniform over 2e3-5e4 kg/m^2 (physics-methods.md b2).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .conic import arc_time_s, best_range_angle_rad
from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, KM
from .frames import destination_deg, ecef_to_inertial, state_from_local
from .arc_fit import ArcFit
from .met_carry import MetCarry
from .numerical_propagator import NumericalPropagator
from .rotating_range import met_range_rotating, met_range_rotating_like
from .uncertainty import percentile_interval

__all__ = ["NumericalRefly", "refly"]

R_E = EARTH_MEAN_RADIUS_M
BETA_RANGE_KG_M2 = (2.0e3, 5.0e4)


@dataclass(frozen=True)
class NumericalRefly:
    """The reconstruction re-flown with drag, J2 and (with a site) rotation."""

    rotating: bool
    ballistic_coefficient_kg_m2: float
    predicted_flight_time_s: float
    predicted_flight_time_interval_s: tuple[float, float]
    range_residual_km: float
    apogee_residual_km: float
    met_range_km: float
    met_range_interval_km: tuple[float, float]
    samples: int
    elapsed_s: float

    def to_dict(self) -> dict:
        return {
            "rotating": self.rotating,
            "ballistic_coefficient_kg_m2": self.ballistic_coefficient_kg_m2,
            "predicted_flight_time_s": self.predicted_flight_time_s,
            "predicted_flight_time_interval_s": list(self.predicted_flight_time_interval_s),
            "range_residual_km": self.range_residual_km,
            "apogee_residual_km": self.apogee_residual_km,
            "met_range_km": self.met_range_km,
            "met_range_interval_km": list(self.met_range_interval_km),
            "samples": self.samples,
            "elapsed_s": self.elapsed_s,
        }


def _closed_form(speed, angle, burnout_altitude_m):
    """Free-flight range (m) and apogee height (m) of the spherical Kepler arc."""
    r_b = R_E + burnout_altitude_m
    psi, _ = arc_time_s(speed, angle, r_b, R_E)
    inv_a = 2.0 / r_b - speed**2 / EARTH_MU_M3_S2
    h = r_b * speed * np.cos(angle)
    e = np.sqrt(np.maximum(1.0 - h * h / EARTH_MU_M3_S2 * inv_a, 0.0))
    return psi * R_E, (1.0 + e) / inv_a - R_E


def _burnout_states(speed, angle, burnout_altitude_m, boost_range_m, lat, lon, azimuth, omega):
    lat_b, lon_b, az_b = destination_deg(lat, lon, azimuth, boost_range_m, R_E)
    ecef = state_from_local(lat_b, lon_b, burnout_altitude_m, speed, np.degrees(angle), az_b)
    return ecef_to_inertial(ecef, 0.0, omega_rad_s=omega)


def refly(fit: ArcFit, met: MetCarry, fit_s: ArcFit, met_s: MetCarry, range_s_m, apogee_s_m, *,
          site_lat_deg, site_lon_deg, azimuth_deg, ballistic_coefficient_kg_m2: float,
          rng: np.random.Generator, target_range_m: float, target_apogee_m: float,
          corrections: int = 2, rtol: float = 1e-7,
          atol: float = 0.1) -> NumericalRefly:
    """Re-fly the nominal fit and the Monte Carlo samples (module docstring)."""
    started = time.perf_counter()
    rotating = None not in (site_lat_deg, site_lon_deg, azimuth_deg)
    lat, lon, az = (site_lat_deg, site_lon_deg, azimuth_deg) if rotating else (0.0, 0.0, 90.0)
    prop = NumericalPropagator(gravity="j2", rotating=rotating, rtol=rtol, atol=atol)
    omega = prop.omega_rad_s

    def stack(a, b):
        return np.concatenate([np.atleast_1d(np.asarray(a, float)),
                               np.broadcast_to(np.asarray(b, float), np.shape(range_s_m))])

    speed = stack(fit.burnout_speed_m_s, fit_s.burnout_speed_m_s)
    angle = stack(fit.burnout_angle_rad, fit_s.burnout_angle_rad)
    h_b = stack(fit.burnout_altitude_m, fit_s.burnout_altitude_m)
    r_b = stack(fit.boost_range_m, fit_s.boost_range_m)
    t_b = stack(fit.boost_duration_s, fit_s.boost_duration_s)
    target_r = stack(target_range_m, range_s_m)
    target_a = stack(target_apogee_m, apogee_s_m)
    n = speed.size
    beta = np.concatenate([[ballistic_coefficient_kg_m2],
                           np.exp(rng.uniform(*np.log(BETA_RANGE_KG_M2), n - 1))])
    ok = np.isfinite(speed) & np.isfinite(angle)
    speed, angle = np.where(ok, speed, 1000.0), np.where(ok, angle, 0.5)

    def fly(v, g, rows):
        flight = prop.propagate(_burnout_states(v, g, h_b[rows], r_b[rows], lat, lon, az, omega),
                                beta[rows])
        return flight, flight.ground_range_km(lat, lon) * KM, flight.apogee_altitude_m

    def correct(v, g, rows, rng_m, apo_m):
        """One differential correction with the closed-form Jacobian (by differences)."""
        base_r, base_a = _closed_form(v, g, h_b[rows])
        dv, dg = 1.0, 1e-5
        rv, av = _closed_form(v + dv, g, h_b[rows])
        rg, ag = _closed_form(v, g + dg, h_b[rows])
        j11, j12 = (rv - base_r) / dv, (rg - base_r) / dg
        j21, j22 = (av - base_a) / dv, (ag - base_a) / dg
        f1, f2 = rng_m - target_r[rows], apo_m - target_a[rows]
        det = j11 * j22 - j12 * j21
        with np.errstate(invalid="ignore", divide="ignore"):
            step_v = (j22 * f1 - j12 * f2) / det
            step_g = (-j21 * f1 + j11 * f2) / det
        good = np.isfinite(step_v) & np.isfinite(step_g)
        return (np.where(good, v - step_v, v),
                np.where(good, np.clip(g - step_g, 0.01, np.pi / 2 - 1e-4), g))

    # The nominal first, corrected ``corrections`` times; its correction then seeds every
    # sample, which needs one more round: two batched propagations per sample, not three.
    nominal = np.array([0])
    v0, g0 = speed[:1], angle[:1]
    flight0, rng0, apo0 = fly(v0, g0, nominal)
    for _ in range(corrections):
        v0, g0 = correct(v0, g0, nominal, rng0, apo0)
        flight0, rng0, apo0 = fly(v0, g0, nominal)
    rows = np.arange(1, n)
    v_s = speed[1:] + (v0 - speed[:1])
    g_s = np.clip(angle[1:] + (g0 - angle[:1]), 0.01, np.pi / 2 - 1e-4)
    flight_s, rng_s, apo_s = fly(v_s, g_s, rows)
    v_s, g_s = correct(v_s, g_s, rows, rng_s, apo_s)
    flight_s, rng_s, apo_s = fly(v_s, g_s, rows)
    impacted = np.concatenate([np.atleast_1d(flight0.impacted), flight_s.impacted])
    impact_t = np.concatenate([np.atleast_1d(flight0.impact_time_s), flight_s.impact_time_s])
    rng_m = np.concatenate([np.atleast_1d(rng0), rng_s])
    apo_m = np.concatenate([np.atleast_1d(apo0), apo_s])
    times = np.where(ok & impacted, t_b + impact_t, np.nan)

    # Minimum-energy flight: credited where the nominal is bounded, else the conservative bound.
    use_bound = not np.all(np.isfinite(met.range_m))
    m_h = stack(met.burnout_altitude_m, met_s.burnout_altitude_m)
    m_r = stack(met.boost_range_m, met_s.boost_range_m)
    if use_bound:
        m_speed = stack(met.bound_speed_m_s, met_s.bound_speed_m_s)
        finite = stack(met.lower_bound_m, met_s.lower_bound_m) < 0.99 * np.pi * R_E
    else:
        m_speed = stack(met.burnout_speed_m_s, met_s.burnout_speed_m_s)
        finite = np.isfinite(stack(met.range_m, met_s.range_m))
    if rotating:
        ref = met_range_rotating(m_speed[0], m_h[0], m_r[0], lat, lon, az)
        rot = met_range_rotating_like(ref, m_speed[0], m_h[0], m_speed, m_h, m_r, lat, lon)
        m_angle, m_az = rot.flight_path_angle_rad, rot.launch_azimuth_deg
        finite &= np.isfinite(rot.range_m)
    else:
        _, m_angle = best_range_angle_rad(m_speed, R_E + m_h, R_E)
        m_az = np.full(n, az)
    m_angle = np.where(finite & np.isfinite(m_angle), m_angle, 0.4)
    m_speed = np.where(finite, m_speed, 1000.0)
    m_flight = prop.propagate(_burnout_states(m_speed, m_angle, m_h, m_r, lat, lon, m_az, omega),
                              beta)
    met_km = np.where(finite, m_flight.ground_range_km(lat, lon), np.inf)

    return NumericalRefly(
        rotating=rotating, ballistic_coefficient_kg_m2=float(ballistic_coefficient_kg_m2),
        predicted_flight_time_s=float(times[0]),
        predicted_flight_time_interval_s=percentile_interval(times[1:], 5.0, 95.0),
        range_residual_km=float((rng_m[0] - target_r[0]) / KM),
        apogee_residual_km=float((apo_m[0] - target_a[0]) / KM),
        met_range_km=float(met_km[0]),
        met_range_interval_km=percentile_interval(met_km[1:], 5.0, 95.0),
        samples=n - 1, elapsed_s=time.perf_counter() - started)
