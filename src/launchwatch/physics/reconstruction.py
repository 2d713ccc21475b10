"""Reconstruct a reported flight: fit, check, carry to a minimum-energy range, with intervals.

:func:`reconstruct` is what an analyst (and ``launchwatch trajectory``) calls with the two or
three reported figures.  It runs the inverse solvers of :mod:`launchwatch.physics.inverse` once
at the nominal figures and once over a Monte Carlo sample (default 10 000 draws) of

- the reported figures, uniform within their rounding (:mod:`launchwatch.physics.uncertainty`),
- the boost assumptions: duration, path fraction and pitch profile (:mod:`.boost`),

all through the same vectorised closed-form code (vacuum Kepler + boost model), and optionally
re-flies the samples with the numerical propagator (drag, J2, rotation: :mod:`.refly`).

Verdicts:

- **outside ballistic inference** when apogee / range < 0.15 (a depressed flight: drag and
  manoeuvres dominate, physics-methods.md b2); no figures are derived;
- **consistent** when the reported flight time's rounding interval overlaps the central 95 %
  of the predicted launch-to-impact times, widened by a 1.5 % model allowance
  (``MODEL_ALLOWANCE_FRACTION``); otherwise the discrepancy is the gap in s;
- the minimum-energy range is a **lower bound** where the carried-over speed reaches the
  antipode (near-orbital lofted tests).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Literal

import numpy as np

from ..errors import PhysicsError
from ..units import rounding_half_width, time_rounding_half_width_s
from .boost import BoostModel
from .conic import arc_through_apogee
from .constants import EARTH_MEAN_RADIUS_M, HALF_CIRCUMFERENCE_M, KM
from .arc_fit import apogee_for_time_m, fit_range_apogee, range_for_time_m
from .inverse import resolve_boost, validate_reported
from .met_carry import carry_to_met
from .refly import refly
from .rotating_range import met_range_rotating, met_range_rotating_like
from .uncertainty import percentile_interval

__all__ = ["ConsistencyVerdict", "DEPRESSED_RATIO", "Reconstruction", "reconstruct"]

DEPRESSED_RATIO = 0.15
"""Apogee / range below which a flight is depressed (flight-tests.csv convention)."""

LOW_APOGEE_KM = 100.0
"""Below this apogee a note warns that drag matters (physics-methods.md b2)."""

_R_E = EARTH_MEAN_RADIUS_M


def _finite_or_none(x):
    x = float(x)
    return x if np.isfinite(x) else None


@dataclass(frozen=True)
class ConsistencyVerdict:
    """Do range, apogee and flight time fit one ballistic flight within their rounding?

    ``discrepancy_s`` is 0 when they do, else reported minus the nearest end of the predicted
    95 % interval widened by the model allowance (negative: the reported flight was shorter
    than any fitting flight).
    ``surface_offset_s`` is physics-methods.md a2's check: reported time minus the free-flight
    time of a surface-burnout Kepler fit (about 100-300 s for ICBMs when the figures agree).
    """

    consistent: bool
    reported_flight_time_s: float
    reported_interval_s: tuple[float, float]
    predicted_flight_time_s: float
    predicted_interval_s: tuple[float, float]
    discrepancy_s: float
    discrepancy_fraction: float
    surface_offset_s: float
    reason: str


@dataclass(frozen=True)
class Reconstruction:
    """Everything :func:`reconstruct` found, with the inputs and assumptions that produced it."""

    range_km: float
    apogee_km: float
    flight_time_s: float | None
    range_half_width_km: float
    apogee_half_width_km: float
    flight_time_half_width_s: float | None
    site_lat_deg: float | None
    site_lon_deg: float | None
    azimuth_deg: float | None
    boost: BoostModel
    status: Literal["ok", "outside-ballistic-inference"]
    notes: tuple[str, ...]
    burnout_speed_m_s: float = float("nan")
    burnout_speed_interval_m_s: tuple[float, float] = (float("nan"), float("nan"))
    burnout_angle_deg: float = float("nan")
    burnout_angle_interval_deg: tuple[float, float] = (float("nan"), float("nan"))
    burnout_altitude_km: float = float("nan")
    boost_range_km: float = float("nan")
    predicted_flight_time_s: float = float("nan")
    predicted_flight_time_interval_s: tuple[float, float] = (float("nan"), float("nan"))
    predicted_apogee_km: float = float("nan")
    predicted_range_km: float = float("nan")
    predicted_apogee_span_km: tuple[float, float] = (float("nan"), float("nan"))
    predicted_range_span_km: tuple[float, float] = (float("nan"), float("nan"))
    consistency: ConsistencyVerdict | None = None
    met_range_km: float = float("nan")
    met_range_interval_km: tuple[float, float] = (float("nan"), float("nan"))
    met_range_is_lower_bound: bool = False
    met_range_no_rotation_km: float = float("nan")
    met_burnout_speed_m_s: float = float("nan")
    met_launch_azimuth_deg: float | None = None
    residuals: dict = field(default_factory=dict)
    samples: int = 0
    seed: int = 0
    numerical: object | None = None

    @property
    def consistent(self) -> bool | None:
        return None if self.consistency is None else self.consistency.consistent

    def assumptions(self) -> dict:
        """The modelling assumptions used, for printing and JSON."""
        out = self.boost.describe()
        out.update({
            "earth_model": "sphere R=6371 km, vacuum Kepler arc" + (
                ", turning Earth (site and azimuth given)" if self.azimuth_deg is not None
                and self.site_lat_deg is not None else ", not turning (no site/azimuth)"),
            "range_half_width_km": self.range_half_width_km,
            "apogee_half_width_km": self.apogee_half_width_km,
            "flight_time_half_width_s": self.flight_time_half_width_s,
            "monte_carlo_samples": self.samples,
            "seed": self.seed,
            "met_method": "same ideal velocity budget; gravity-loss credit of a pitched-over "
                          "boost (physics.inverse)",
        })
        return out

    def to_dict(self) -> dict:
        """JSON-ready: the CLI's ``--json`` keys, NaN and infinity as null."""
        def clean(x):
            if isinstance(x, float):
                return x if np.isfinite(x) else None
            if isinstance(x, (tuple, list)):
                return [clean(v) for v in x]
            if isinstance(x, dict):
                return {k: clean(v) for k, v in x.items()}
            if isinstance(x, (np.floating, np.integer)):
                return clean(float(x))
            return x

        out = {
            "status": self.status,
            "range_km": self.range_km, "apogee_km": self.apogee_km,
            "flight_time_s": self.flight_time_s,
            "burnout_speed_m_s": self.burnout_speed_m_s,
            "burnout_speed_interval_m_s": list(self.burnout_speed_interval_m_s),
            "burnout_angle_deg": self.burnout_angle_deg,
            "burnout_angle_interval_deg": list(self.burnout_angle_interval_deg),
            "burnout_altitude_km": self.burnout_altitude_km,
            "boost_range_km": self.boost_range_km,
            "predicted_flight_time_s": self.predicted_flight_time_s,
            "predicted_flight_time_interval_s": list(self.predicted_flight_time_interval_s),
            "predicted_apogee_km": self.predicted_apogee_km,
            "predicted_apogee_span_km": list(self.predicted_apogee_span_km),
            "predicted_range_km": self.predicted_range_km,
            "predicted_range_span_km": list(self.predicted_range_span_km),
            "consistent": self.consistent,
            "consistency": None if self.consistency is None else asdict(self.consistency),
            "met_range_km": self.met_range_km,
            "met_range_interval_km": list(self.met_range_interval_km),
            "met_range_is_lower_bound": self.met_range_is_lower_bound,
            "met_range_no_rotation_km": self.met_range_no_rotation_km,
            "met_burnout_speed_m_s": self.met_burnout_speed_m_s,
            "met_launch_azimuth_deg": self.met_launch_azimuth_deg,
            "residuals": self.residuals,
            "notes": list(self.notes),
            "assumptions": self.assumptions(),
        }
        if self.numerical is not None:
            out["numerical"] = self.numerical.to_dict()
        return clean(out)


def _surface_offset_s(range_km, apogee_km, flight_time_s) -> float:
    _, _, t_ff = arc_through_apogee(_R_E, _R_E, _R_E + apogee_km * KM, range_km * KM / _R_E)
    return float(flight_time_s - t_ff)


MODEL_ALLOWANCE_FRACTION = 0.015
"""Allowance, as a fraction of the predicted time, for what the boost model leaves out: drag
on re-entry (0-30 s for lofted flights, physics-methods.md b2), coasts between stages, a
post-boost vehicle.  Added to both ends of the predicted interval before the verdict."""


def _verdict(reported_s, half_width_s, predicted_s, predicted_samples, surface_offset_s):
    lo, hi = percentile_interval(predicted_samples, 2.5, 97.5)
    allowance = MODEL_ALLOWANCE_FRACTION * predicted_s
    lo, hi = lo - allowance, hi + allowance
    r_lo, r_hi = reported_s - half_width_s, reported_s + half_width_s
    if r_hi < lo:
        gap = r_hi - lo
    elif r_lo > hi:
        gap = r_lo - hi
    else:
        gap = 0.0
    ok = gap == 0.0
    if ok:
        reason = ("the reported flight time lies within the times of flights that fit the "
                  "range and apogee")
    else:
        side = "shorter" if gap < 0 else "longer"
        what = "apogee too high or range too long" if gap < 0 else \
            "apogee too low (a rounded-down or lower-bound figure?) or range too short"
        reason = (f"the reported flight is {abs(gap):.0f} s {side} than any flight that fits "
                  f"the range and apogee within their rounding and the boost assumptions: "
                  f"{what} for that time")
    return ConsistencyVerdict(
        consistent=ok, reported_flight_time_s=float(reported_s),
        reported_interval_s=(float(r_lo), float(r_hi)),
        predicted_flight_time_s=float(predicted_s), predicted_interval_s=(lo, hi),
        discrepancy_s=float(gap), discrepancy_fraction=float(gap / reported_s),
        surface_offset_s=float(surface_offset_s), reason=reason)


def _met_figures(speed, altitude_m, boost_range_m, plain_m, speed_s, altitude_s, boost_s,
                 plain_s, rotating, lat, lon, bearing):
    """Nominal MET range (km), its samples (m), the non-rotating figure (km), the azimuth.

    On the turning Earth the nominal gets the full search of
    :func:`~launchwatch.physics.rotating_range.met_range_rotating`; the samples reuse its corrections
    (:func:`~launchwatch.physics.rotating_range.met_range_rotating_like`).
    """
    plain_km = float(plain_m / KM)
    if not rotating:
        return plain_km, plain_s, plain_km, None

    ref = met_range_rotating(speed, altitude_m, boost_range_m, lat, lon, bearing)
    samples = met_range_rotating_like(ref, speed, altitude_m, speed_s, altitude_s, boost_s,
                                      lat, lon)
    return (float(ref.range_m / KM), samples.range_m, plain_km, float(ref.launch_azimuth_deg))


def reconstruct(range_km: float, apogee_km: float, flight_time_s: float | None = None, *,
                missile_class: str | BoostModel | None = None,
                site_lat_deg: float | None = None, site_lon_deg: float | None = None,
                azimuth_deg: float | None = None,
                range_half_width_km: float | None = None,
                apogee_half_width_km: float | None = None,
                flight_time_half_width_s: float | None = None,
                samples: int = 10_000, seed: int = 0,
                propagator: Literal["kepler", "numerical"] = "kepler",
                ballistic_coefficient_kg_m2: float = 1.0e4) -> Reconstruction:
    """Reconstruct one reported flight (module docstring).

    ``missile_class`` picks the boost defaults (SRBM, MRBM, IRBM, ICBM, SLBM, or a
    :class:`BoostModel`); ``None`` infers one from the figures.  ``site_*`` and
    ``azimuth_deg`` (the bearing of the flight from the site) put the minimum-energy range on
    the turning Earth.  Half-widths default to the rounding inferred from the figures.
    ``propagator="numerical"`` also re-flies the fit and the samples with drag, J2 and
    rotation (``numerical`` in the result).
    """
    validate_reported(range_km=range_km, apogee_km=apogee_km, flight_time_s=flight_time_s)
    if samples < 1:
        raise PhysicsError("Give at least 1 Monte Carlo sample (10 000 gives stable 5-95 % "
                           "intervals).")
    range_km, apogee_km = float(range_km), float(apogee_km)
    flight_time_s = None if flight_time_s is None else float(flight_time_s)
    model = resolve_boost(missile_class, range_km, apogee_km)
    hw_r = rounding_half_width(range_km) if range_half_width_km is None else range_half_width_km
    hw_a = rounding_half_width(apogee_km) if apogee_half_width_km is None else apogee_half_width_km
    hw_t = None
    if flight_time_s is not None:
        hw_t = time_rounding_half_width_s(flight_time_s) if flight_time_half_width_s is None \
            else flight_time_half_width_s
    common = dict(range_km=range_km, apogee_km=apogee_km, flight_time_s=flight_time_s,
                  range_half_width_km=hw_r, apogee_half_width_km=hw_a,
                  flight_time_half_width_s=hw_t, site_lat_deg=site_lat_deg,
                  site_lon_deg=site_lon_deg, azimuth_deg=azimuth_deg, boost=model,
                  samples=samples, seed=seed)
    notes: list[str] = []
    if missile_class is None or (isinstance(missile_class, str)
                                 and missile_class.strip().lower() in ("", "unknown")):
        notes.append(f"missile class not given; {model.missile_class} assumed from the "
                     "range and apogee")
    ratio = apogee_km / range_km
    if ratio < DEPRESSED_RATIO:
        notes.append(f"apogee/range = {ratio:.2f} < {DEPRESSED_RATIO}: a depressed flight, "
                     "shaped by drag, lift and manoeuvres; outside ballistic inference, so "
                     "no figures are derived")
        return Reconstruction(status="outside-ballistic-inference", notes=tuple(notes), **common)

    if apogee_km < LOW_APOGEE_KM:
        notes.append(f"apogee below {LOW_APOGEE_KM:.0f} km: the flight spends much of its time in "
                     "the air, where drag and lift change range by up to tens of percent "
                     "(physics-methods.md b2); the vacuum figures are rough, see --numerical")
    rotating = site_lat_deg is not None and site_lon_deg is not None and azimuth_deg is not None
    nominal = model.nominal()
    fit = fit_range_apogee(range_km * KM, apogee_km * KM, nominal)
    if not np.isfinite(fit.burnout_speed_m_s):
        raise PhysicsError("No ballistic arc fits that range and apogee with the assumed boost; "
                           "check the figures, or give another missile class.")
    met = carry_to_met(fit, nominal)

    # Monte Carlo over rounding and boost assumptions, one vectorised pass.
    rng = np.random.default_rng(seed)
    n = int(samples)
    r_s = rng.uniform(range_km - hw_r, range_km + hw_r, n) * KM
    a_s = rng.uniform(apogee_km - hw_a, apogee_km + hw_a, n) * KM
    boost_s = model.sample(n, rng)
    fit_s = fit_range_apogee(r_s, a_s, boost_s, start=fit)
    met_s = carry_to_met(fit_s, boost_s, start=met)
    t_samples = fit_s.flight_time_s

    met_km, met_samples_m, met_plain_km, azimuth_out = _met_figures(
        met.burnout_speed_m_s, met.burnout_altitude_m, met.boost_range_m, met.range_m,
        met_s.burnout_speed_m_s, met_s.burnout_altitude_m, met_s.boost_range_m, met_s.range_m,
        rotating, site_lat_deg, site_lon_deg, azimuth_deg)
    lower_bound = not np.isfinite(met_km)
    if lower_bound:
        # The figure becomes the conservative bound (no gravity-loss credit), and so does its
        # interval.
        met_km, met_samples_m, met_plain_km, azimuth_out = _met_figures(
            met.bound_speed_m_s, met.burnout_altitude_m, met.boost_range_m, met.lower_bound_m,
            met_s.bound_speed_m_s, met_s.burnout_altitude_m, met_s.boost_range_m,
            met_s.lower_bound_m, rotating, site_lat_deg, site_lon_deg, azimuth_deg)
        half_km = HALF_CIRCUMFERENCE_M / KM
        met_km = min(met_km, half_km)
        met_samples_m = np.minimum(met_samples_m, HALF_CIRCUMFERENCE_M)
        if met_km >= 0.995 * half_km:
            notes.append("the fitted burnout speed is near-orbital: any point on Earth is in "
                         "reach of this flight's energy; the minimum-energy range is bounded "
                         "only by the payload, which the figures do not show")
        else:
            notes.append("minimum-energy range diverges with the gravity-loss credit "
                         "(near-orbital); reporting the lower bound without that credit")
    met_interval = tuple(x / KM for x in percentile_interval(met_samples_m, 5.0, 95.0))

    predicted_apogee, predicted_range = apogee_km, range_km
    apogee_span = range_span = (float("nan"), float("nan"))
    residuals: dict = {}
    verdict = None
    if flight_time_s is not None:
        verdict = _verdict(flight_time_s, hw_t, float(fit.flight_time_s), t_samples,
                           _surface_offset_s(range_km, apogee_km, flight_time_s))
        # Pairwise solves at the nominal figures and at the corners of the time's rounding
        # and the boost-duration range: their spread shows how well each pair pins the third.
        t_lo, t_hi = model.boost_duration_range_s
        times = np.array([flight_time_s, flight_time_s - hw_t, flight_time_s + hw_t,
                          flight_time_s, flight_time_s])
        corners = replace(nominal, boost_duration_s=np.array(
            [model.boost_duration_s] * 3 + [t_lo, t_hi])[:, None])
        apogees = apogee_for_time_m(range_km * KM, times, corners, start=fit) / KM
        ranges = range_for_time_m(apogee_km * KM, times, corners, start=fit) / KM
        predicted_apogee, predicted_range = float(apogees[0]), float(ranges[0])
        apogee_span = (float(np.min(apogees)), float(np.max(apogees))) \
            if np.all(np.isfinite(apogees)) else (float("nan"), float("nan"))
        range_span = (float(np.min(ranges)), float(np.max(ranges))) \
            if np.all(np.isfinite(ranges)) else (float("nan"), float("nan"))
        if not np.isfinite(predicted_apogee):
            notes.append("(range, time) -> apogee: no ballistic flight of that range lasts "
                         "that long with the assumed boost")
        if not np.isfinite(predicted_range):
            notes.append("(apogee, time) -> range: no ballistic flight with that apogee "
                         "lasts that long with the assumed boost")
        residuals["flight_time_s"] = float(fit.flight_time_s - flight_time_s)
        residuals["apogee_km"] = predicted_apogee - apogee_km
        residuals["range_km"] = predicted_range - range_km

    numerical = None
    if propagator == "numerical":
        numerical = refly(fit, met, fit_s, met_s, r_s, a_s,
                          site_lat_deg=site_lat_deg, site_lon_deg=site_lon_deg,
                          azimuth_deg=azimuth_deg,
                          ballistic_coefficient_kg_m2=ballistic_coefficient_kg_m2,
                          rng=rng, target_range_m=range_km * KM, target_apogee_m=apogee_km * KM)

    return Reconstruction(
        status="ok", notes=tuple(notes),
        burnout_speed_m_s=float(fit.burnout_speed_m_s),
        burnout_speed_interval_m_s=percentile_interval(fit_s.burnout_speed_m_s, 5.0, 95.0),
        burnout_angle_deg=float(np.degrees(fit.burnout_angle_rad)),
        burnout_angle_interval_deg=percentile_interval(np.degrees(fit_s.burnout_angle_rad),
                                                       5.0, 95.0),
        burnout_altitude_km=float(fit.burnout_altitude_m / KM),
        boost_range_km=float(fit.boost_range_m / KM),
        predicted_flight_time_s=float(fit.flight_time_s),
        predicted_flight_time_interval_s=percentile_interval(t_samples, 5.0, 95.0),
        predicted_apogee_km=predicted_apogee, predicted_range_km=predicted_range,
        predicted_apogee_span_km=apogee_span, predicted_range_span_km=range_span,
        consistency=verdict, met_range_km=met_km, met_range_interval_km=met_interval,
        met_range_is_lower_bound=lower_bound, met_range_no_rotation_km=met_plain_km,
        met_burnout_speed_m_s=float(met.burnout_speed_m_s), met_launch_azimuth_deg=azimuth_out,
        residuals=residuals, numerical=numerical, **common)
