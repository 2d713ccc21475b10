"""Physical constants of the Earth model, in SI units (names carry the unit).

Sources:
- WGS84: NIMA TR8350.2, 3rd ed. (2000), Table 3.1 (a, 1/f, GM, omega) and Table 3.5 (J2 from
  the normalised C20 = -4.84166774985e-4, J2 = -sqrt(5) C20).
- Mean Earth radius 6371.0 km: the value ``physics-methods.md`` (a1) uses for the
  spherical-Earth ballistic relations, so the closed-form figures here match its tables.
- Standard gravity g0 = 9.80665 m/s^2 (CGPM 1901; also USSA76).
"""

from __future__ import annotations

import math

EARTH_MU_M3_S2 = 3.986004418e14
"""Earth's gravitational parameter GM (WGS84, with atmosphere)."""

WGS84_SEMI_MAJOR_AXIS_M = 6_378_137.0
WGS84_FLATTENING = 1.0 / 298.257223563
WGS84_SEMI_MINOR_AXIS_M = WGS84_SEMI_MAJOR_AXIS_M * (1.0 - WGS84_FLATTENING)
WGS84_ECCENTRICITY_SQ = WGS84_FLATTENING * (2.0 - WGS84_FLATTENING)

EARTH_MEAN_RADIUS_M = 6_371_000.0
"""Spherical-Earth radius for closed-form (Kepler) ballistics and ground ranges."""

EARTH_J2 = 1.082626683e-3
"""Second zonal harmonic (WGS84 / EGM96, unnormalised)."""

OMEGA_EARTH_RAD_S = 7.292115e-5
"""Earth's rotation rate (WGS84)."""

G0_M_S2 = 9.80665

HALF_CIRCUMFERENCE_M = math.pi * EARTH_MEAN_RADIUS_M
"""The longest ground range a flight can have on the sphere (to the antipode)."""

KM = 1000.0
