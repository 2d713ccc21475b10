"""Numerical free flight: J2 gravity, USSA76 drag, a rotating atmosphere, a WGS84 surface.

The integration is the compiled Dormand-Prince kernel of :mod:`._dopri5` (each trajectory
with its own adaptive step, events interpolated to the step); this class prepares the inputs,
chooses the physics and wraps the result.  A batch ``(N, 6)`` is one call into compiled code,
with no Python loop over trajectories.  The kernel compiles on first use (about 10 s, cached
on disk afterwards).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ..errors import PhysicsError
from .atmosphere import density_table
from .constants import (EARTH_J2, EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, OMEGA_EARTH_RAD_S,
                        WGS84_SEMI_MAJOR_AXIS_M, WGS84_SEMI_MINOR_AXIS_M)
from .flight import Flight
from .propagator import Propagator, as_states

__all__ = ["NumericalPropagator"]

_DENSITY = density_table()


class NumericalPropagator(Propagator):
    """Adaptive RK5(4) propagation to impact.

    Parameters
    ----------
    gravity: ``"j2"`` (default) or ``"point-mass"``.
    ballistic_coefficient_kg_m2: beta = m / (C_D A); ``None`` for vacuum.  A per-trajectory
        array may be given to :meth:`propagate` instead.  2e3-5e4 kg/m^2 spans crude to slender
        re-entry vehicles (physics-methods.md b2; assumed, not sourced).
    rotating: the Earth (and its air) turns at ``OMEGA_EARTH_RAD_S``; ``False`` freezes it.
    surface: ``"wgs84"`` (the ellipsoid) or ``"sphere"`` of ``surface_radius_m``.
    rtol, atol: tolerances of the step control (atol in m and m/s), as in ``solve_ivp``.
    max_time_s: give up (``impacted`` False) after this flight time.
    """

    def __init__(self, *, gravity: Literal["j2", "point-mass"] = "j2",
                 ballistic_coefficient_kg_m2: float | None = None, rotating: bool = True,
                 surface: Literal["wgs84", "sphere"] = "wgs84",
                 surface_radius_m: float = EARTH_MEAN_RADIUS_M, rtol: float = 1e-9,
                 atol: float = 1e-3, max_time_s: float = 4 * 3600.0) -> None:
        if gravity not in ("j2", "point-mass"):
            raise PhysicsError(f"Unknown gravity model {gravity!r}; use 'j2' or 'point-mass'.")
        if surface not in ("wgs84", "sphere"):
            raise PhysicsError(f"Unknown surface {surface!r}; use 'wgs84' or 'sphere'.")
        if ballistic_coefficient_kg_m2 is not None and ballistic_coefficient_kg_m2 <= 0:
            raise PhysicsError("A ballistic coefficient must be > 0 kg/m^2 (None for vacuum).")
        self.gravity = gravity
        self.ballistic_coefficient_kg_m2 = ballistic_coefficient_kg_m2
        self.rotating = rotating
        self.surface = surface
        self.surface_radius_m = surface_radius_m
        self.rtol, self.atol, self.max_time_s = rtol, atol, max_time_s
        self.omega_rad_s = OMEGA_EARTH_RAD_S if rotating else 0.0

    def _parameters(self) -> np.ndarray:
        k_j2 = 1.5 * EARTH_J2 * WGS84_SEMI_MAJOR_AXIS_M**2 if self.gravity == "j2" else 0.0
        if self.surface == "wgs84":
            a, b = WGS84_SEMI_MAJOR_AXIS_M, WGS84_SEMI_MINOR_AXIS_M
        else:
            a = b = self.surface_radius_m
        bottom_m, step_m, log_rho = _DENSITY
        drag_top_radius_m = a + bottom_m + step_m * (log_rho.size - 1)
        return np.array([EARTH_MU_M3_S2, k_j2, self.omega_rad_s, a, b, bottom_m, step_m,
                         drag_top_radius_m])

    def propagate(self, state, ballistic_coefficient_kg_m2=None) -> Flight:
        """Inertial state(s) ``(..., 6)`` to impact; beta may be a per-state array."""
        # start-up cost: the Numba kernels compile on first use (~0.2 s to import), so
        # importing physics stays fast for the many callers that never integrate numerically.
        from . import _dopri5

        s = as_states(state)
        shape = s.shape[:-1]
        flat = np.ascontiguousarray(s.reshape(-1, 6))
        beta = (self.ballistic_coefficient_kg_m2 if ballistic_coefficient_kg_m2 is None
                else ballistic_coefficient_kg_m2)
        if beta is None:
            inv_beta = np.zeros(flat.shape[0])
        else:
            beta = np.broadcast_to(np.asarray(beta, float), shape).reshape(-1)
            if np.any(beta <= 0):
                raise PhysicsError("Ballistic coefficients must be > 0 kg/m^2.")
            inv_beta = np.ascontiguousarray(1.0 / beta)
        out = _dopri5.propagate_batch(flat, inv_beta, self._parameters(), _DENSITY[2],
                                      self.rtol, self.atol, self.max_time_s, 1.0, 1_000_000)
        out = out.reshape(shape + (_dopri5.N_OUT,))
        impacted = out[..., 14] == 0.0
        apogee = out[..., 7:13]
        a, b = self._parameters()[3:5]
        return Flight(initial_state=s, impact_state=out[..., 0:6], impact_time_s=out[..., 6],
                      apogee_state=apogee, apogee_time_s=out[..., 13],
                      apogee_altitude_m=_height_m(apogee[..., :3], a, b),
                      impacted=impacted, omega_rad_s=self.omega_rad_s,
                      surface_radius_m=None if self.surface == "wgs84" else self.surface_radius_m)


def _height_m(position_m, a, b):
    """|r| - R_surface(geocentric latitude): the kernel's height (exact on the surface)."""
    r = np.linalg.norm(position_m, axis=-1)
    with np.errstate(invalid="ignore"):
        s2 = position_m[..., 2] ** 2 / r**2
        return r - a * b / np.sqrt(b * b * (1.0 - s2) + a * a * s2)
