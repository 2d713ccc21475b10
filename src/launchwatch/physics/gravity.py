"""Gravity of the Earth: point mass plus the J2 (oblateness) term.

a = -mu r / |r|^3 [1 - 3/2 J2 (R/|r|)^2 (5 z^2/|r|^2 - 1)]   for x and y,
a_z = -mu z / |r|^3 [1 - 3/2 J2 (R/|r|)^2 (5 z^2/|r|^2 - 3)],
with R the WGS84 equatorial radius: the gradient of the zonal potential
U = -mu/r [1 - J2 (R/r)^2 P2(sin phi)] (Vallado, *Fundamentals of Astrodynamics and
Applications*, 4th ed., section 8.6.1).  J2 moves ICBM impacts by tens of km at most
(physics-methods.md a4), so it matters for the numerical propagator, not the closed form.
Positions ``(..., 3)`` in an Earth-centred frame whose z axis is the spin axis (ECEF or the
inertial frame of :mod:`frames`), in m; accelerations in m/s^2.
"""

from __future__ import annotations

import numpy as np

from .constants import EARTH_J2, EARTH_MU_M3_S2, WGS84_SEMI_MAJOR_AXIS_M

__all__ = ["gravity_m_s2"]


def gravity_m_s2(position_m, *, j2: float = EARTH_J2, mu_m3_s2: float = EARTH_MU_M3_S2,
                 reference_radius_m: float = WGS84_SEMI_MAJOR_AXIS_M):
    """Acceleration ``(..., 3)`` at ``position_m`` ``(..., 3)``; ``j2=0`` gives a point mass."""
    r = np.asarray(position_m, float)
    r2 = np.sum(r * r, axis=-1)
    rn = np.sqrt(r2)
    z2_r2 = r[..., 2] ** 2 / r2
    k = 1.5 * j2 * reference_radius_m**2 / r2
    common = -mu_m3_s2 / (r2 * rn)
    fxy = common * (1.0 - k * (5.0 * z2_r2 - 1.0))
    fz = common * (1.0 - k * (5.0 * z2_r2 - 3.0))
    return np.stack([fxy * r[..., 0], fxy * r[..., 1], fz * r[..., 2]], axis=-1)
