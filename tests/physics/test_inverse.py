"""Inverse solvers against physics-methods.md a2-a4 and its oracles 4, 5 and 8."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.errors import PhysicsError
from launchwatch.physics import (BoostModel, reconstruct, solve_apogee_time, solve_met_range,
                                 solve_range_apogee, solve_range_time)

SURFACE = BoostModel.for_class("ICBM", boost_duration_s=0.0, burnout_altitude_km=0.0,
                               boost_range_km=0.0)


def _surface_at(altitude_km):
    return BoostModel.for_class("ICBM", boost_duration_s=0.0, burnout_altitude_km=altitude_km,
                                boost_range_km=0.0)


@pytest.mark.parametrize("altitude_km, speed_km_s, met_km", [
    (0.0, 6.81, 8022.0), (200.0, 6.53, 7643.0), (300.0, 6.39, 7459.0)])
def test_a3_burnout_altitude_sweep_within_10_m_s_and_half_percent(altitude_km, speed_km_s,
                                                                 met_km):
    # physics-methods.md a3, Hwasong-14 on 28 July 2017 (3724.9 km apogee, 998 km range).
    fit = solve_range_apogee(998.0, 3724.9, boost=_surface_at(altitude_km))
    assert abs(fit.burnout_speed_m_s / 1e3 - speed_km_s) < 0.01
    met = solve_met_range(fit.burnout_speed_m_s, burnout_altitude_km=altitude_km)
    assert met.range_km == pytest.approx(met_km, rel=5e-3)


# physics-methods.md a2 step 2: reported time minus surface-burnout Kepler free flight (s).
A2_OFFSETS = [
    ("HS-14 2017-07-04", 933.0, 2802.0, 2340.0, 275.0),
    ("HS-14 2017-07-28", 998.0, 3724.9, 2832.0, 245.0),
    ("HS-17 2022-11-18", 999.2, 6040.9, 4135.0, 188.0),
    ("HS-15 2023-02-18", 989.0, 5768.5, 4015.0, 233.0),
    ("HS-18 2023-07-12", 1001.2, 6648.4, 4491.0, 172.0),
    ("HS-19 2024-10-31", 1001.2, 7687.5, 5156.0, 183.0),
    ("KCNA 2022-03-24", 1090.0, 6248.5, 4052.0, -23.0),
]


@pytest.mark.parametrize("name, range_km, apogee_km, time_s, offset_s", A2_OFFSETS)
def test_a2_surface_offsets_within_3_s(name, range_km, apogee_km, time_s, offset_s):
    fit = solve_range_apogee(range_km, apogee_km, boost=SURFACE)
    assert abs(time_s - fit.free_flight_time_s - offset_s) < 3.0, name


def test_oracle_8_kcna_2022_11_18_fits_and_2022_03_24_does_not():
    good = reconstruct(999.2, 6040.9, 4135.0, missile_class="ICBM", samples=2000)
    assert good.consistent is True
    assert abs(good.consistency.surface_offset_s - 188.0) < 3.0, "offset within 3 s"
    bad = reconstruct(1090.0, 6248.5, 4052.0, missile_class="ICBM", samples=2000)
    assert bad.consistent is False
    assert -250.0 < bad.consistency.discrepancy_s < -50.0, "too short by 50-250 s"


@pytest.mark.parametrize("apogee_km", [6000.0, 7000.0])
def test_rounded_main_column_apogees_are_flagged_too_low(apogee_km):
    # a2: the rounded apogees of 2023-07-12 (6 000 km) and 2024-10-31 (7 000 km).
    time_s = {6000.0: 4440.0, 7000.0: 5160.0}[apogee_km]
    result = reconstruct(1000.0, apogee_km, time_s, missile_class="ICBM", samples=2000)
    assert result.consistent is False and result.consistency.discrepancy_s > 0
    assert "too low" in result.consistency.reason


# physics-methods.md oracles 4 and 5: Wright (UCS) minimum-energy ranges, +-15 %.
EXPERT = [
    ("HS-12 2017-05-14", 787.0, 2111.5, "IRBM", 4500.0),
    ("HS-14 2017-07-04", 933.0, 2802.0, "ICBM", 6700.0),
    ("HS-14 2017-07-28", 998.0, 3724.9, "ICBM", 10400.0),
]


@pytest.mark.parametrize("name, range_km, apogee_km, cls, expert_km", EXPERT)
def test_met_range_within_15_percent_of_wright(name, range_km, apogee_km, cls, expert_km):
    result = reconstruct(range_km, apogee_km, missile_class=cls, samples=2000)
    assert not result.met_range_is_lower_bound
    assert abs(result.met_range_km / expert_km - 1) < 0.15, name
    low, high = result.met_range_interval_km
    assert low < result.met_range_km < high


def test_hs15_2017_11_29_reaches_beyond_wrights_13000_km_lower_bound_within_15_percent():
    result = reconstruct(950.0, 4475.0, 3180.0, missile_class="ICBM", samples=2000)
    assert result.met_range_km > 0.85 * 13000.0


def test_near_orbital_test_gives_a_lower_bound_not_a_number():
    result = reconstruct(1001.2, 7687.5, 5156.0, missile_class="ICBM", samples=2000)
    assert result.met_range_is_lower_bound
    assert result.met_range_km <= np.pi * 6371.0 + 1e-6
    assert result.consistent is True


def test_depressed_flights_are_outside_ballistic_inference():
    result = reconstruct(450.0, 37.0, samples=100)
    assert result.status == "outside-ballistic-inference"
    assert np.isnan(result.met_range_km) and result.consistent is None
    assert result.to_dict()["met_range_km"] is None


@pytest.mark.parametrize("name, bearing_deg, comp_km, wright_km", [
    ("Los Angeles", 48.8, 11482, 11700), ("Denver", 37.0, 11141, 11400),
    ("Chicago", 24.7, 10793, 11100), ("Boston", 12.9, 10485, 10750),
    ("New York", 15.5, 10550, 10850), ("Washington", 18.2, 10621, 10900)])
def test_oracle_4_rotation_toward_us_cities(name, bearing_deg, comp_km, wright_km):
    # a4: Mupyong-ni, surface burnout, 7.262 km/s (10 400 km without rotation), vacuum.
    result = solve_met_range(7262.0, site_lat_deg=40.611, site_lon_deg=126.426,
                             bearing_deg=bearing_deg)
    assert result.range_no_rotation_km == pytest.approx(10400.0, rel=2e-3)
    assert result.range_km == pytest.approx(comp_km, rel=0.01), f"{name}: 1 % of a4's table"
    assert result.range_km == pytest.approx(wright_km, rel=0.05), f"{name}: 5 % of Wright"
    assert abs(result.bearing_residual_deg) < 0.01, "impact on the bearing within 0.01 deg"


def test_westward_shots_lose_range():
    west = solve_met_range(7262.0, site_lat_deg=40.6, site_lon_deg=126.4, bearing_deg=270.0)
    assert west.range_km < 0.95 * west.range_no_rotation_km


@settings(max_examples=30, deadline=None)
@given(st.floats(200.0, 3000.0), st.floats(0.25, 4.0), st.sampled_from(["MRBM", "IRBM",
                                                                          "ICBM"]))
def test_range_apogee_fit_reproduces_its_inputs_within_1_m(range_km, ratio, cls):
    fit = solve_range_apogee(range_km, ratio * range_km, boost=cls)
    assert abs(fit.range_residual_km) < 1e-3 and abs(fit.apogee_residual_km) < 1e-3
    assert fit.predicted_flight_time_s > fit.boost_duration_s


def test_pairwise_solvers_invert_the_forward_fit():
    fit = solve_range_apogee(1000.0, 3000.0, boost="ICBM")
    apogee = solve_range_time(1000.0, fit.predicted_flight_time_s, boost="ICBM")
    assert apogee.apogee_km == pytest.approx(3000.0, rel=2e-3), "0.2 %"
    assert abs(apogee.flight_time_residual_s) < 1.0, "1 s"
    ranged = solve_apogee_time(3000.0, fit.predicted_flight_time_s, boost="ICBM")
    assert abs(ranged.range_km - 1000.0) < 5.0, "within 5 km (poorly conditioned)"


def test_met_range_grows_with_speed():
    speeds = np.linspace(1000.0, 7800.0, 50)
    ranges = solve_met_range(speeds).range_km
    assert np.all(np.diff(ranges[np.isfinite(ranges)]) > 0)


@pytest.mark.parametrize("n", [0, 1, 7])
def test_solvers_take_odd_batches(n):
    ranges = np.linspace(500.0, 1500.0, n)
    fit = solve_range_apogee(ranges, 2.0 * ranges, boost="IRBM")
    assert np.shape(fit.burnout_speed_m_s) == (n,)
    assert np.shape(solve_met_range(np.linspace(2000.0, 6000.0, n)).range_km) == (n,)


def test_impossible_inputs_raise_clear_errors():
    with pytest.raises(PhysicsError, match="apogee must be greater than 0"):
        reconstruct(1000.0, 0.0)
    with pytest.raises(PhysicsError, match="half the Earth's circumference"):
        reconstruct(25_000.0, 1000.0)
    with pytest.raises(PhysicsError, match="escape speed"):
        solve_met_range(11_500.0)
    with pytest.raises(PhysicsError, match="flight time"):
        reconstruct(1000.0, 500.0, -5.0)


def test_escape_class_apogees_are_refused():
    with pytest.raises(PhysicsError, match="escape speed"):
        reconstruct(1000.0, 1.0e6)


def test_a_time_too_short_for_any_arc_gives_no_pairwise_figure():
    result = reconstruct(1000.0, 3724.9, 60.0, missile_class="ICBM", samples=200)
    assert result.consistent is False
    assert np.isnan(result.predicted_range_km) and np.isnan(result.predicted_apogee_km)


def test_near_vertical_shots_fit():
    fit = solve_range_apogee(1.0, 100.0, boost="SRBM")
    assert fit.burnout_angle_deg > 85.0
    assert abs(fit.range_residual_km) < 1e-3
