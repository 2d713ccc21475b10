"""reconstruct(): the closed-form Monte Carlo and the numerical re-fly."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from launchwatch.physics import reconstruct
from launchwatch.physics.uncertainty import percentile_interval


def test_percentiles_keep_infinity_without_nan():
    assert percentile_interval([1.0, 2.0, np.inf, np.inf]) == (1.0, np.inf)


def test_same_seed_same_answer_and_json_is_clean():
    a = reconstruct(1000.0, 3724.9, 2832.0, missile_class="ICBM", samples=500, seed=7)
    b = reconstruct(1000.0, 3724.9, 2832.0, missile_class="ICBM", samples=500, seed=7)
    assert a.met_range_interval_km == b.met_range_interval_km
    d = a.to_dict()
    for key in ("burnout_speed_m_s", "burnout_angle_deg", "predicted_flight_time_s",
                "predicted_apogee_km", "predicted_range_km", "consistent", "met_range_km",
                "met_range_interval_km", "assumptions"):
        assert key in d
    import json
    json.dumps(d, allow_nan=False)


def test_predicted_flight_time_of_hwasong_12_within_5_percent():
    # Japan MOD, 15 September 2017: 3 700 km, about 800 km, about 19 min (oracle 7).
    result = reconstruct(3700.0, 800.0, 1140.0, missile_class="IRBM", samples=1000)
    assert abs(result.predicted_flight_time_s / 1140.0 - 1) < 0.05
    assert result.consistent is True


def test_class_is_inferred_when_missing():
    result = reconstruct(1000.0, 3724.9, samples=200)
    assert result.boost.missile_class == "ICBM"
    assert any("assumed" in note for note in result.notes)


def test_numerical_refly_with_drag_j2_and_rotation_stays_close_to_the_closed_form():
    result = reconstruct(1000.0, 3724.9, 2832.0, missile_class="ICBM", site_lat_deg=40.61,
                         site_lon_deg=126.43, azimuth_deg=100.0, samples=200,
                         propagator="numerical")
    n = result.numerical
    assert n.rotating
    assert abs(n.range_residual_km) < 10.0 and abs(n.apogee_residual_km) < 10.0, "10 km"
    assert abs(n.predicted_flight_time_s - result.predicted_flight_time_s) < 60.0, "60 s"
    assert n.met_range_km == pytest.approx(result.met_range_km, rel=0.03), "3 %"
    lo, hi = n.met_range_interval_km
    assert lo < n.met_range_km < hi


def test_samples_share_the_rotation_corrections_within_1e_3_for_an_irbm_spread():
    from launchwatch.physics.boost import BoostModel
    from launchwatch.physics.rotating_range import met_range_rotating, met_range_rotating_like

    rng = np.random.default_rng(5)
    speed = rng.uniform(5200.0, 5600.0, 300)
    altitude = rng.uniform(150e3, 250e3, 300)
    boost = rng.uniform(100e3, 200e3, 300)
    assert BoostModel.for_class("IRBM")  # the class these figures belong to
    ref = met_range_rotating(5400.0, 200e3, 150e3, 39.2, 125.7, 120.0)
    shared = met_range_rotating_like(ref, 5400.0, 200e3, speed, altitude, boost, 39.2, 125.7)
    full = met_range_rotating(speed, altitude, boost, 39.2, 125.7, 120.0)
    assert np.max(np.abs(shared.range_m / full.range_m - 1)) < 1e-3


def test_importing_physics_does_not_compile_or_import_numba():
    import subprocess

    code = ("import sys, launchwatch.physics; "
            "print('numba' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
