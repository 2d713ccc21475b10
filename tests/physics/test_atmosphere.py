"""USSA76 against its published table (poliastro's coesa76 page, physics-methods.md b1)."""

from __future__ import annotations

import numpy as np
import pytest

from launchwatch.physics.atmosphere import (density_kg_m3, density_table, pressure_pa,
                                            temperature_k)

# z (km), T (K), p (mbar), rho (kg/m^3); None where the table has no value.
TABLE = [
    (0.0, 288.150, 1013.25, 1.2250),
    (11.019, 216.650, 226.32, 0.36392),
    (20.063, 216.650, 54.748, 0.088035),
    (32.162, 228.650, 8.6801, 0.013225),
    (47.350, 270.650, 1.1090, 1.4275e-3),
    (51.413, 270.650, 0.66938, 8.6160e-4),
    (71.802, 214.650, 0.039564, 6.4211e-5),
    (86.0, 186.87, 3.7338e-3, 6.958e-6),
    (91.0, None, None, 2.860e-6),
    (110.0, None, None, 9.708e-8),
    (120.0, None, None, 2.222e-8),
    (500.0, None, None, 5.215e-13),
    (1000.0, None, None, 3.561e-15),
]


@pytest.mark.parametrize("z_km, t_k, p_mbar, rho", TABLE)
def test_ussa76_table_within_1e_3_relative(z_km, t_k, p_mbar, rho):
    z = z_km * 1e3
    assert density_kg_m3(z) == pytest.approx(rho, rel=1e-3)
    if t_k is not None:
        assert temperature_k(z) == pytest.approx(t_k, rel=1e-3)
        assert pressure_pa(z) / 100 == pytest.approx(p_mbar, rel=1e-3)


def test_density_falls_monotonically_from_0_to_2000_km():
    z = np.linspace(-2e3, 2e6, 40_001)
    rho = density_kg_m3(z)
    assert np.all(np.diff(rho) < 0)


def test_no_jump_at_86_km_beyond_0_2_percent():
    below, above = density_kg_m3(np.array([86e3 - 1.0, 86e3 + 1.0]))
    assert abs(above / below - 1) < 2e-3


def test_kernel_table_matches_the_function_within_1e_3_relative():
    bottom, step, log_rho = density_table()
    z = np.linspace(-4e3, 999e3, 100_003)
    from_table = np.exp(np.interp(z, bottom + step * np.arange(log_rho.size), log_rho))
    assert np.max(np.abs(from_table / density_kg_m3(z) - 1)) < 1e-3


def test_temperature_and_pressure_are_not_invented_above_86_km():
    assert np.isnan(temperature_k(100e3)) and np.isnan(pressure_pa(100e3))


@pytest.mark.parametrize("n", [0, 1, 7])
def test_shapes(n):
    assert density_kg_m3(np.linspace(0, 1e6, n)).shape == (n,)
