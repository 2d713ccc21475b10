"""US Standard Atmosphere 1976 (USSA76; NOAA/NASA/USAF, NOAA-S/T 76-1562, also NASA-TM-X-74335).

Below 86 km (geometric) the standard's own equations: seven layers linear in geopotential
height H = r0 z / (r0 + z), r0 = 6 356.766 km (USSA76 eq. 18), with the hydrostatic pressure
of eq. 33a (L_b != 0) and 33b (L_b = 0) and density rho = P M0 / (R* T_M) (eq. 42), from the
base values of USSA76 Table 4.  The kinetic temperature T = T_M (M / M0) uses the molecular-weight
ratio of Table 8 between 80 and 86 km.

From 86 to 1 000 km the standard integrates the diffusion of six species; this module does not.
**Documented extension:** density there is interpolated in log(rho) with a monotone cubic
(Fritsch-Carlson) through the standard's own tabulated densities (USSA76 Table I, geometric
heights listed in ``_UPPER_DENSITY``), which reproduces the table exactly at its nodes and to
about 1 % between them.  Above 1 000 km the last scale height continues the profile; the air
there is irrelevant to ballistic flight (3.6e-15 kg/m^3).  Temperature and pressure are given
below 86 km only.

Heights in m (geometric, above the ellipsoid), temperature in K, pressure in Pa, density in
kg/m^3; every function takes scalars or arrays of any shape.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "DENSITY_TABLE_STEP_M",
    "density_kg_m3",
    "density_table",
    "geopotential_height_m",
    "pressure_pa",
    "temperature_k",
]

R0_M = 6_356_766.0            # USSA76 effective Earth radius for geopotential height
G0_M_S2 = 9.80665
M0_KG_MOL = 28.9644e-3        # sea-level mean molecular weight
RSTAR_J_MOL_K = 8.31432       # USSA76 gas constant (not the CODATA value)
GMR_K_M = G0_M_S2 * M0_KG_MOL / RSTAR_J_MOL_K   # 0.0341632 K/m

# USSA76 Table 4: base geopotential height (m'), molecular-scale temperature (K),
# lapse rate (K/m'), base pressure (Pa).
_H_B = np.array([0.0, 11_000.0, 20_000.0, 32_000.0, 47_000.0, 51_000.0, 71_000.0])
_T_B = np.array([288.15, 216.65, 216.65, 228.65, 270.65, 270.65, 214.65])
_L_B = np.array([-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3])
_P_B = np.array([101_325.0, 22_632.06, 5_474.889, 868.0187, 110.9063, 66.93887, 3.956420])
TOP_OF_LOWER_MODEL_M = 86_000.0

# USSA76 Table 8: M/M0 between 80 and 86 km geometric (kinetic temperature only).
_MRATIO_Z_M = np.arange(80_000.0, 86_001.0, 500.0)
_MRATIO = np.array([1.000000, 0.999996, 0.999989, 0.999971, 0.999941, 0.999909, 0.999870,
                    0.999829, 0.999786, 0.999741, 0.999694, 0.999641, 0.999579])

# USSA76 Table I (geometric height km, density kg/m^3) used for the extension above 86 km.
_UPPER_DENSITY = np.array([
    (86, 6.958e-6), (90, 3.416e-6), (91, 2.860e-6), (100, 5.604e-7), (110, 9.708e-8),
    (115, 4.289e-8), (120, 2.222e-8), (130, 8.152e-9), (140, 3.831e-9), (150, 2.076e-9),
    (175, 6.339e-10), (180, 5.194e-10), (200, 2.541e-10), (250, 6.073e-11),
    (300, 1.916e-11), (350, 7.014e-12), (400, 2.803e-12), (450, 1.184e-12),
    (500, 5.215e-13), (600, 1.137e-13), (700, 3.070e-14), (800, 1.136e-14),
    (900, 5.759e-15), (1000, 3.561e-15),
])
_UPPER_Z_M = _UPPER_DENSITY[:, 0] * 1e3
_UPPER_LOG_RHO = np.log(_UPPER_DENSITY[:, 1])
TOP_OF_TABLE_M = 1_000_000.0


def geopotential_height_m(altitude_m):
    """H = r0 z / (r0 + z) (USSA76 eq. 18)."""
    z = np.asarray(altitude_m, float)
    return R0_M * z / (R0_M + z)


def _lower_layers(altitude_m):
    """Molecular-scale temperature (K) and pressure (Pa) below 86 km; layer 1 extends below 0."""
    h = geopotential_height_m(altitude_m)
    i = np.clip(np.searchsorted(_H_B, h, side="right") - 1, 0, len(_H_B) - 1)
    hb, tb, lb, pb = _H_B[i], _T_B[i], _L_B[i], _P_B[i]
    t_m = tb + lb * (h - hb)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_grad = pb * (tb / t_m) ** (GMR_K_M / np.where(lb == 0.0, 1.0, lb))
        p_iso = pb * np.exp(-GMR_K_M * (h - hb) / tb)
    return t_m, np.where(lb == 0.0, p_iso, p_grad)


def temperature_k(altitude_m):
    """Kinetic temperature below 86 km (NaN above: see the module docstring)."""
    z = np.asarray(altitude_m, float)
    t_m, _ = _lower_layers(np.minimum(z, TOP_OF_LOWER_MODEL_M))
    ratio = np.interp(z, _MRATIO_Z_M, _MRATIO, left=1.0, right=_MRATIO[-1])
    return np.where(z <= TOP_OF_LOWER_MODEL_M, t_m * ratio, np.nan)


def pressure_pa(altitude_m):
    """Pressure below 86 km (NaN above)."""
    z = np.asarray(altitude_m, float)
    _, p = _lower_layers(np.minimum(z, TOP_OF_LOWER_MODEL_M))
    return np.where(z <= TOP_OF_LOWER_MODEL_M, p, np.nan)


def _pchip_slopes(x, y):
    """Fritsch-Carlson monotone slopes (Fritsch & Carlson, SIAM J. Numer. Anal. 17, 1980)."""
    h = np.diff(x)
    delta = np.diff(y) / h
    d = np.zeros_like(y)
    w1 = 2.0 * h[1:] + h[:-1]
    w2 = h[1:] + 2.0 * h[:-1]
    same_sign = delta[:-1] * delta[1:] > 0.0
    d[1:-1] = np.where(same_sign, (w1 + w2) / (w1 / np.where(same_sign, delta[:-1], 1.0)
                                               + w2 / np.where(same_sign, delta[1:], 1.0)), 0.0)
    d[0], d[-1] = delta[0], delta[-1]
    return d


_UPPER_SLOPES = _pchip_slopes(_UPPER_Z_M, _UPPER_LOG_RHO)


def _upper_log_density(altitude_m):
    z = np.clip(np.asarray(altitude_m, float), _UPPER_Z_M[0], TOP_OF_TABLE_M)
    i = np.clip(np.searchsorted(_UPPER_Z_M, z, side="right") - 1, 0, len(_UPPER_Z_M) - 2)
    x0, x1 = _UPPER_Z_M[i], _UPPER_Z_M[i + 1]
    h = x1 - x0
    s = (z - x0) / h
    # Cubic Hermite basis on [x0, x1].
    h00, h10 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s
    h01, h11 = -2 * s**3 + 3 * s**2, s**3 - s**2
    return (h00 * _UPPER_LOG_RHO[i] + h10 * h * _UPPER_SLOPES[i]
            + h01 * _UPPER_LOG_RHO[i + 1] + h11 * h * _UPPER_SLOPES[i + 1])


_TOP_SCALE_HEIGHT_M = (_UPPER_Z_M[-1] - _UPPER_Z_M[-2]) / (_UPPER_LOG_RHO[-2] - _UPPER_LOG_RHO[-1])


def density_kg_m3(altitude_m):
    """Air density from -5 km to 1 000 km and beyond (see the module docstring for 86+ km)."""
    z = np.asarray(altitude_m, float)
    t_m, p = _lower_layers(np.minimum(z, TOP_OF_LOWER_MODEL_M))
    lower = p * M0_KG_MOL / (RSTAR_J_MOL_K * t_m)
    upper = np.exp(_upper_log_density(z))
    above = np.exp(_UPPER_LOG_RHO[-1] - (z - TOP_OF_TABLE_M) / _TOP_SCALE_HEIGHT_M)
    return np.where(z <= TOP_OF_LOWER_MODEL_M, lower, np.where(z <= TOP_OF_TABLE_M, upper, above))


DENSITY_TABLE_STEP_M = 250.0
DENSITY_TABLE_BOTTOM_M = -5_000.0


def density_table():
    """log(rho) on a uniform grid (-5 km to 1 000 km, 250 m step) for the propagator's kernel.

    Linear interpolation of log(rho) on this grid reproduces :func:`density_kg_m3` to better
    than 1e-3 relative (checked in the tests).  Returns ``(bottom_m, step_m, log_rho)``.
    """
    z = np.arange(DENSITY_TABLE_BOTTOM_M, TOP_OF_TABLE_M + 0.5 * DENSITY_TABLE_STEP_M,
                  DENSITY_TABLE_STEP_M)
    return DENSITY_TABLE_BOTTOM_M, DENSITY_TABLE_STEP_M, np.log(density_kg_m3(z))
