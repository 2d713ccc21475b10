"""Closed-form conic relations against Bate, Mueller & White's worked examples (ch. 6)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.physics.conic import (apoapsis_radius_m, arc_through_apogee, arc_time_s,
                                       best_range_angle_rad, flight_path_angles_rad,
                                       free_flight_time_s, q_parameter,
                                       symmetric_range_angle_rad)

MU = 3.986004418e14
DU = 6_378_137.0          # BMW canonical distance unit
TU = np.sqrt(DU**3 / MU)  # canonical time unit
R_E = 6_371_000.0


def test_bmw_example_1_burnout_at_0_2_du_within_0_1_deg():
    # BMW p. 290 (1st ed.): h_bo = 0.2 DU (1275.6 km), v = 2/3 DU/TU (5.2702 km/s),
    # apogee 0.5 DU (3189.1 km): Q = 0.533, gamma = 51.32 deg, Psi = 36.4 deg,
    # energy -38.19 km^2/s^2, angular momentum 25 211 km^2/s.
    r, v = 1.2 * DU, 5270.2
    q = q_parameter(v, r)
    assert q == pytest.approx(0.533, abs=1e-3)
    gamma = np.radians(51.32)
    assert np.degrees(symmetric_range_angle_rad(q, gamma)) == pytest.approx(36.4, abs=0.1)
    assert (apoapsis_radius_m(q, gamma, r) - DU) / 1e3 == pytest.approx(3189.1, abs=2.0)
    assert (v**2 / 2 - MU / r) / 1e6 == pytest.approx(-38.19, abs=0.01)
    assert r * v * np.cos(gamma) / 1e6 == pytest.approx(25_211, abs=5)
    speed, angle, _ = arc_through_apogee(r, r, 1.5 * DU, np.radians(36.4))
    assert abs(np.degrees(angle) - 51.32) < 0.1, "fitted angle within 0.1 deg"
    assert abs(speed - v) < 5.0, "fitted speed within 5 m/s (Psi printed to 0.1 deg)"


def test_bmw_example_3_two_roots_within_0_05_deg():
    # BMW p. 291: v = 1.0817 DU/TU at h = 0.025 DU, 30N 60E to 30S 60W:
    # Q = 1.2, cos Psi = -0.625, gamma = 39.36 deg (the other root, -13.7 deg, is rejected).
    q = q_parameter(1.0817 * DU / TU, 1.025 * DU)
    assert q == pytest.approx(1.2, abs=1e-3)
    psi = np.arccos(-0.625)
    low, high = np.degrees(flight_path_angles_rad(q, psi))
    assert abs(high - 39.36) < 0.05
    assert abs(low - (-13.7)) < 0.05


def test_symmetric_time_matches_general_arc_within_1_ms():
    q, gamma, r = 0.6, np.radians(35.0), R_E
    speed = np.sqrt(q * MU / r)
    psi, t = arc_time_s(speed, gamma, r, r)
    assert abs(t - free_flight_time_s(q, gamma, r)) < 1e-3
    assert abs(psi - symmetric_range_angle_rad(q, gamma)) < 1e-9


@settings(max_examples=80, deadline=None)
@given(st.floats(0.0, 800e3), st.floats(20e3, 8000e3), st.floats(0.005, 2.5))
def test_arc_through_apogee_round_trips_within_1_m(burnout_alt_m, rise_m, psi):
    rb = R_E + burnout_alt_m
    ra = rb + rise_m
    speed, angle, t = arc_through_apogee(rb, R_E, ra, psi)
    assert np.isfinite(speed)
    psi_back, t_back = arc_time_s(speed, angle, rb, R_E)
    assert abs(psi_back - psi) * R_E < 1.0, "range within 1 m"
    assert abs(t_back - t) < 1e-3, "time within 1 ms"
    q = q_parameter(speed, rb)
    assert abs(apoapsis_radius_m(q, angle, rb) - ra) < 1.0, "apogee within 1 m"


@settings(max_examples=40, deadline=None)
@given(st.floats(1500.0, 7600.0), st.floats(0.0, 600e3))
def test_chord_rule_is_the_maximum_over_angles_within_100_m(speed, burnout_alt_m):
    rb = R_E + burnout_alt_m
    psi, gamma = best_range_angle_rad(speed, rb, R_E)
    angles = np.radians(np.linspace(0.5, 89.5, 20_001))
    scanned, _ = arc_time_s(speed, angles, rb, R_E)
    if not np.isfinite(psi):
        return
    assert np.nanmax(scanned) * R_E <= psi * R_E + 1.0, "nothing beats the chord rule"
    assert (psi - np.nanmax(scanned)) * R_E < 100.0, "the scan finds it within 100 m"
    best, _ = arc_time_s(speed, gamma, rb, R_E)
    assert abs(best - psi) * R_E < 1.0, "its angle reaches it within 1 m"


@settings(max_examples=60, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.9), st.floats(0.0, 0.02))
def test_range_grows_with_speed_below_the_optimum_angle(q, fraction, dq):
    # Below the optimum angle (the flat branch), more speed means more range.
    psi_max = 2 * np.arcsin(q / (2 - q))
    gamma = fraction * (np.pi - psi_max) / 4
    r1 = symmetric_range_angle_rad(q, gamma)
    r2 = symmetric_range_angle_rad(q + dq + 1e-4, gamma)
    assert r2 > r1
