"""Coordinates against pyproj (PROJ's WGS84), and J2 gravity against its potential."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.physics import (ecef_to_geodetic, ecef_to_inertial, geodetic_to_ecef,
                                 gravity_m_s2, inertial_to_ecef, state_from_local)
from launchwatch.physics.constants import (EARTH_J2, EARTH_MU_M3_S2, OMEGA_EARTH_RAD_S,
                                           WGS84_SEMI_MAJOR_AXIS_M)

_TO_ECEF = pyproj.Transformer.from_crs("EPSG:4979", "EPSG:4978", always_xy=True)


@settings(max_examples=60, deadline=None)
@given(st.floats(-89.99, 89.99), st.floats(-180, 180), st.floats(-5e3, 8e6))
def test_geodetic_to_ecef_matches_pyproj_within_1_mm_and_round_trips(lat, lon, alt):
    ours = geodetic_to_ecef(lat, lon, alt)
    theirs = np.array(_TO_ECEF.transform(lon, lat, alt))
    assert np.max(np.abs(ours - theirs)) < 1e-3
    lat2, lon2, alt2 = ecef_to_geodetic(ours)
    assert abs(lat2 - lat) < 1e-9 and abs(alt2 - alt) < 1e-3, "1e-9 deg, 1 mm"
    assert abs((lon2 - lon + 180) % 360 - 180) < 1e-9


def test_ground_speed_of_mupyong_ni_is_353_m_s_within_1_m_s():
    # physics-methods.md a4: omega R cos(phi) = 465.1 cos(phi), about 353 m/s at 40.6 N.
    state = state_from_local(40.611, 126.426, 0.0, 0.0, 0.0, 0.0)
    inertial = ecef_to_inertial(state)
    assert abs(np.linalg.norm(inertial[3:]) - 353.0) < 1.0


@settings(max_examples=40, deadline=None)
@given(st.floats(-1e7, 1e7), st.floats(-1e7, 1e7), st.floats(-1e7, 1e7),
       st.floats(-8e3, 8e3), st.floats(0, 6000))
def test_inertial_round_trip_within_1_um(x, y, z, v, t):
    state = np.array([x + 7e6, y, z, v, -v, 0.5 * v])
    back = inertial_to_ecef(ecef_to_inertial(state, t), t)
    assert np.max(np.abs(back - state)) < 1e-6


def test_inertial_frame_turns_at_omega():
    state = np.array([WGS84_SEMI_MAJOR_AXIS_M, 0, 0, 0, 0, 0])
    quarter_day_s = np.pi / 2 / OMEGA_EARTH_RAD_S
    moved = ecef_to_inertial(state, quarter_day_s)
    assert np.allclose(moved[:3], [0, WGS84_SEMI_MAJOR_AXIS_M, 0], atol=1e-6)


def _potential(r):
    rn = np.linalg.norm(r)
    sin_phi = r[2] / rn
    p2 = 0.5 * (3 * sin_phi**2 - 1)
    return -EARTH_MU_M3_S2 / rn * (1 - EARTH_J2 * (WGS84_SEMI_MAJOR_AXIS_M / rn) ** 2 * p2)


@settings(max_examples=40, deadline=None)
@given(st.floats(-1, 1), st.floats(-1, 1), st.floats(-1, 1), st.floats(6.36e6, 2e7))
def test_j2_gravity_is_the_gradient_of_its_potential_within_1e_7_relative(a, b, c, radius):
    direction = np.array([a, b, c])
    if np.linalg.norm(direction) < 1e-3:
        return
    r = radius * direction / np.linalg.norm(direction)
    h = 1.0
    grad = np.array([(_potential(r + h * e) - _potential(r - h * e)) / (2 * h)
                     for e in np.eye(3)])
    g = gravity_m_s2(r)
    assert np.max(np.abs(g + grad)) < 1e-7 * np.linalg.norm(g)


def test_surface_gravity_at_the_equator_is_9_814_m_s2_within_1e_3():
    # mu/a^2 (1 + 3/2 J2) = 9.798 + 0.016: the attraction without the centrifugal term.
    g = gravity_m_s2([WGS84_SEMI_MAJOR_AXIS_M, 0, 0])
    assert np.linalg.norm(g) == pytest.approx(9.8143, abs=1e-3)
    point = gravity_m_s2([WGS84_SEMI_MAJOR_AXIS_M, 0, 0], j2=0.0)
    assert np.linalg.norm(point) == pytest.approx(EARTH_MU_M3_S2 / WGS84_SEMI_MAJOR_AXIS_M**2)


@pytest.mark.parametrize("n", [0, 1, 7])
def test_odd_shapes(n):
    positions = np.tile([7e6, 1e5, 2e5], (n, 1))
    assert gravity_m_s2(positions).shape == (n, 3)
    assert ecef_to_inertial(np.zeros((n, 6)) + 7e6, 10.0).shape == (n, 6)
    lat, lon, alt = ecef_to_geodetic(positions)
    assert lat.shape == (n,)
