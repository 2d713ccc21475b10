"""A simple boost-phase model: an observation model for analysis, not a vehicle design tool.

Reported figures are launch-to-impact (physics-methods.md a3): the range includes the powered
flight's ground range and the time includes the burn.  The ballistic arc starts at burnout.
This model supplies the three boost quantities the arc needs: **boost duration** t_b,
**burnout altitude** h_b and **boost ground range** R_b, each a parameter with a default by
missile class, and the **gravity loss** the boost pays, used to carry a lofted test over to a
minimum-energy trajectory (:mod:`launchwatch.physics.inverse`).

Kinematics (documented assumptions, one line each):

- the speed grows as v_b tau^m over the burn (tau = t / t_b), with m set so that the mean
  speed is ``path_fraction`` x v_b (m = 1/k - 1; k ~ 0.3-0.4 for rockets whose speed grows
  faster than linearly as their mass falls);
- the flight-path angle falls from vertical to its burnout value as
  gamma(tau) = gamma_b + (90 deg - gamma_b) (1 - tau)^n: ``pitch_exponent`` n = 2 turns most
  of the way early and flattens late, as a gravity turn does (n = 1: a linear pitch programme);
- then h_b = t_b int v sin(gamma) dtau, R_b = t_b int v cos(gamma) dtau (flat Earth over the
  boost), and the gravity loss is g t_b int sin(gamma) dtau (the gravity term of the rocket
  equation in flight, e.g. Sutton & Biblarz, *Rocket Propulsion Elements*, ch. 4), all
  evaluated with a 12-point Gauss-Legendre rule.

Explicit ``burnout_altitude_km`` / ``boost_range_km`` override the kinematics (for a sweep such
as physics-methods.md a3's 0 / 200 / 300 / 600 km).  Drag losses, payload and staging are not
modelled.  Class defaults for t_b are assumptions typical of each class (physics-methods.md a3:
about 1-2 min for SRBMs, 4-6 min for liquid ICBMs; solid ICBMs burn nearer 3 min), with the
spread the Monte Carlo draws from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..errors import PhysicsError
from .constants import KM

__all__ = ["BOOST_DEFAULTS", "BoostModel", "BoostSample", "MISSILE_CLASSES", "class_for_range"]

MISSILE_CLASSES = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM")

# Class -> (nominal boost duration s, low s, high s).
BOOST_DEFAULTS: dict[str, tuple[float, float, float]] = {
    "SRBM": (60.0, 40.0, 90.0),
    "MRBM": (100.0, 70.0, 130.0),
    "IRBM": (140.0, 110.0, 170.0),
    "ICBM": (270.0, 170.0, 360.0),
    "SLBM": (110.0, 80.0, 140.0),
}

# Class boundaries on the minimum-energy range (km): the usual SRBM < 1 000 < MRBM < 3 000
# < IRBM < 5 500 < ICBM.
_CLASS_LIMITS_KM = ((1000.0, "SRBM"), (3000.0, "MRBM"), (5500.0, "IRBM"))

_GAUSS_X, _GAUSS_W = np.polynomial.legendre.leggauss(12)
_TAU = (_GAUSS_X + 1.0) / 2.0
_WEIGHT = _GAUSS_W / 2.0


def profile_quadrature(burnout_angle_rad, path_fraction, pitch_exponent):
    """The boost-profile integrals by Gauss-Legendre quadrature (module docstring).

    Returns ``(rise, run, mean_sin)``: speed-weighted mean sin and cos of the flight-path
    angle (times v_b t_b: burnout altitude and boost range) and its time-weighted mean sin
    (times g t_b: gravity loss).
    """
    g_b = np.asarray(burnout_angle_rad, float)[..., None]
    k = np.asarray(path_fraction, float)[..., None]
    n = np.asarray(pitch_exponent, float)[..., None]
    gamma = g_b + (np.pi / 2.0 - g_b) * (1.0 - _TAU) ** n
    speed = _TAU ** (1.0 / k - 1.0)
    sin_g, cos_g = np.sin(gamma), np.cos(gamma)
    return (np.sum(_WEIGHT * speed * sin_g, axis=-1), np.sum(_WEIGHT * speed * cos_g, axis=-1),
            np.sum(_WEIGHT * sin_g, axis=-1))


# Profiles are tabulated against the burnout angle (0.5 deg steps) for each (path fraction,
# pitch exponent) pair in use, and read by linear interpolation: a Monte Carlo batch then
# costs two gathers per quantity instead of 12 transcendental nodes per sample.  The error
# against the quadrature is < 1e-4 (tests).
_ANGLE_STEP_RAD = np.radians(0.5)
_ANGLES = np.arange(0.0, np.pi / 2.0 + 0.5 * _ANGLE_STEP_RAD, _ANGLE_STEP_RAD)
_PROFILE_KEYS: dict[tuple[float, float], int] = {}
_PROFILE_ROWS = np.empty((0, _ANGLES.size, 3))


def _profile_code(path_fraction: float, pitch_exponent: float) -> int:
    """Row of the profile table for a (path fraction, pitch exponent) pair, built on demand."""
    global _PROFILE_ROWS
    key = (round(float(path_fraction), 9), round(float(pitch_exponent), 9))
    if key not in _PROFILE_KEYS:
        row = np.stack(profile_quadrature(_ANGLES, *key), axis=-1)
        _PROFILE_ROWS = np.concatenate([_PROFILE_ROWS, row[None]], axis=0)
        _PROFILE_KEYS[key] = _PROFILE_ROWS.shape[0] - 1
    return _PROFILE_KEYS[key]


def _profile_lookup(burnout_angle_rad, code):
    angle = np.nan_to_num(np.asarray(burnout_angle_rad, float))
    u = np.clip(angle, 0.0, _ANGLES[-1]) / _ANGLE_STEP_RAD
    i = np.minimum(u.astype(np.intp), _ANGLES.size - 2)
    f = u - i
    flat = np.asarray(code, np.intp) * _ANGLES.size + i
    rows = _PROFILE_ROWS.reshape(-1, 3)
    lo, hi = rows[flat], rows[flat + 1]
    out = lo + f[..., None] * (hi - lo)
    return out[..., 0], out[..., 1], out[..., 2]


def class_for_range(met_range_km) -> np.ndarray:
    """Missile class from a minimum-energy range (the fallback when the class is unknown)."""
    r = np.asarray(met_range_km, float)
    out = np.full(r.shape, "ICBM", dtype=object)
    for limit, name in reversed(_CLASS_LIMITS_KM):
        out = np.where(r < limit, name, out)
    return out


@dataclass(frozen=True)
class BoostSample:
    """Boost parameters as arrays (one value, or one per Monte Carlo sample)."""

    boost_duration_s: np.ndarray
    path_fraction: np.ndarray
    pitch_exponent: np.ndarray
    profile_code: np.ndarray
    burnout_altitude_m: np.ndarray | None = None
    boost_range_m: np.ndarray | None = None

    def profile(self, burnout_angle_rad):
        """Speed-weighted <sin>, <cos> and time-weighted <sin> of the flight-path angle.

        Returns ``(rise, run, mean_sin)`` such that h_b = v_b t_b rise, R_b = v_b t_b run and
        the gravity loss is g t_b mean_sin (module docstring).  Read from :func:`_profile_table`
        by linear interpolation in the angle (< 1e-4 from the quadrature).
        """
        return _profile_lookup(burnout_angle_rad, self.profile_code)

    def geometry(self, burnout_speed_m_s, burnout_angle_rad):
        """``(burnout_altitude_m, boost_range_m, mean_sin)`` for a burnout speed and angle."""
        rise, run, mean_sin = self.profile(burnout_angle_rad)
        length = np.asarray(burnout_speed_m_s, float) * self.boost_duration_s
        h_b = length * rise if self.burnout_altitude_m is None else self.burnout_altitude_m
        r_b = length * run if self.boost_range_m is None else self.boost_range_m
        return np.broadcast_arrays(h_b, r_b, mean_sin)


@dataclass(frozen=True)
class BoostModel:
    """Boost assumptions for one missile class, nominal values and the spread to sample.

    ``burnout_altitude_km`` and ``boost_range_km`` fix those quantities instead of deriving
    them from the kinematics.  Build one with :meth:`for_class`.
    """

    missile_class: str
    boost_duration_s: float
    boost_duration_range_s: tuple[float, float]
    path_fraction: float = 0.35
    path_fraction_choices: tuple[float, ...] = (0.30, 0.35, 0.40)
    pitch_exponent: float = 2.0
    pitch_exponent_choices: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0)
    burnout_altitude_km: float | None = None
    boost_range_km: float | None = None
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def for_class(cls, missile_class: str, **overrides) -> BoostModel:
        """The defaults of a class (SRBM, MRBM, IRBM, ICBM, SLBM), with optional overrides."""
        key = missile_class.upper()
        if key not in BOOST_DEFAULTS:
            raise PhysicsError(f"Unknown missile class {missile_class!r}; use one of "
                               f"{', '.join(MISSILE_CLASSES)}.")
        nominal, low, high = BOOST_DEFAULTS[key]
        model = cls(missile_class=key, boost_duration_s=nominal,
                    boost_duration_range_s=(low, high))
        overrides = {k: v for k, v in overrides.items() if v is not None}
        if "boost_duration_s" in overrides and "boost_duration_range_s" not in overrides:
            t = overrides["boost_duration_s"]
            overrides["boost_duration_range_s"] = (t, t)
        model = replace(model, **overrides)
        model.validate()
        return model

    def validate(self) -> None:
        if self.boost_duration_s < 0 or min(self.boost_duration_range_s) < 0:
            raise PhysicsError("A boost duration must be >= 0 s.")
        if self.burnout_altitude_km is not None and self.burnout_altitude_km < 0:
            raise PhysicsError("A burnout altitude must be >= 0 km.")
        if self.boost_range_km is not None and self.boost_range_km < 0:
            raise PhysicsError("A boost range must be >= 0 km.")

    def nominal(self) -> BoostSample:
        code = np.intp(_profile_code(self.path_fraction, self.pitch_exponent))
        return self._sample(np.float64(self.boost_duration_s), np.float64(self.path_fraction),
                            np.float64(self.pitch_exponent), code)

    def sample(self, n: int, rng: np.random.Generator) -> BoostSample:
        """n draws: duration uniform over its range; path fraction and pitch exponent uniform
        over their listed choices (a discrete grid keeps the profile table small)."""
        pairs = [(k, m) for k in self.path_fraction_choices for m in self.pitch_exponent_choices]
        codes = np.array([_profile_code(k, m) for k, m in pairs], dtype=np.intp)
        pick = rng.integers(0, len(pairs), n)
        fractions = np.array([k for k, _ in pairs])[pick]
        exponents = np.array([m for _, m in pairs])[pick]
        return self._sample(rng.uniform(*self.boost_duration_range_s, n), fractions, exponents,
                            codes[pick])

    def _sample(self, t_b, k, n, code) -> BoostSample:
        h = None if self.burnout_altitude_km is None else np.float64(self.burnout_altitude_km * KM)
        r = None if self.boost_range_km is None else np.float64(self.boost_range_km * KM)
        return BoostSample(boost_duration_s=t_b, path_fraction=k, pitch_exponent=n,
                           profile_code=code, burnout_altitude_m=h, boost_range_m=r)

    def describe(self) -> dict:
        """The assumptions, for printing and JSON."""
        return {
            "missile_class": self.missile_class,
            "boost_duration_s": self.boost_duration_s,
            "boost_duration_range_s": list(self.boost_duration_range_s),
            "path_fraction": self.path_fraction,
            "path_fraction_choices": list(self.path_fraction_choices),
            "pitch_exponent": self.pitch_exponent,
            "pitch_exponent_choices": list(self.pitch_exponent_choices),
            "burnout_altitude_km": self.burnout_altitude_km,
            "boost_range_km": self.boost_range_km,
        }
