"""The propagator role: Kepler (closed form) and numerical (compiled RK5(4)) propagators."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.errors import PhysicsError
from launchwatch.physics import (KeplerPropagator, NumericalPropagator, ecef_to_inertial,
                                 minimum_energy, state_from_local)
from launchwatch.physics.constants import EARTH_MU_M3_S2, WGS84_SEMI_MAJOR_AXIS_M

R_E = 6_371_000.0


def _surface_state(speed_m_s, angle_deg, azimuth_deg=30.0, radius_m=R_E):
    """State on the sphere at (lat 0, lon 0), speed at an angle above the horizontal."""
    g, a = np.radians(angle_deg), np.radians(azimuth_deg)
    speed_m_s, g, a = np.broadcast_arrays(speed_m_s, g, a)
    up = np.sin(g)
    east, north = np.cos(g) * np.sin(a), np.cos(g) * np.cos(a)
    return np.stack([np.full(speed_m_s.shape, radius_m), np.zeros(speed_m_s.shape),
                     np.zeros(speed_m_s.shape), speed_m_s * up, speed_m_s * east,
                     speed_m_s * north], axis=-1)


def _vacuum_numerical(**kw):
    return NumericalPropagator(gravity="point-mass", rotating=False, surface="sphere",
                               surface_radius_m=R_E, **kw)


PROPAGATORS = [KeplerPropagator(rotating=False), _vacuum_numerical()]


def test_kepler_and_numerical_agree_within_1_m_over_a_1000_km_flight():
    arc = minimum_energy(1000.0)
    state = _surface_state(arc.burnout_speed_m_s, arc.burnout_angle_deg)
    kepler = KeplerPropagator(rotating=False).propagate(state)
    numerical = _vacuum_numerical(rtol=1e-10, atol=1e-4).propagate(state)
    assert np.linalg.norm(kepler.impact_state[:3] - numerical.impact_state[:3]) < 1.0, "1 m"
    assert abs(kepler.impact_time_s - numerical.impact_time_s) < 1e-3, "1 ms"
    assert abs(kepler.apogee_altitude_m - numerical.apogee_altitude_m) < 1.0, "1 m"
    assert abs(kepler.free_flight_range_km() - 1000.0) < 1e-3, "1 m of range"
    assert abs(kepler.impact_time_s - arc.flight_time_s) < 1e-3


def test_default_tolerance_still_agrees_within_1_m_on_a_batch():
    arcs = minimum_energy(np.array([300.0, 1000.0, 3000.0, 9000.0]))
    states = _surface_state(arcs.burnout_speed_m_s, arcs.burnout_angle_deg)
    kepler = KeplerPropagator(rotating=False).propagate(states)
    numerical = _vacuum_numerical().propagate(states)
    miss = np.linalg.norm(kepler.impact_state[:, :3] - numerical.impact_state[:, :3], axis=-1)
    assert np.all(miss < 1.0), f"misses {miss} m"


@settings(max_examples=25, deadline=None)
@given(st.floats(1000.0, 7500.0), st.floats(15.0, 85.0), st.floats(0.0, 360.0))
def test_energy_is_conserved_in_vacuum_within_1e_8_relative(speed, angle, azimuth):
    state = _surface_state(speed, angle, azimuth, radius_m=R_E + 1e3)
    flight = NumericalPropagator(gravity="point-mass", rotating=False, surface="sphere",
                                 rtol=1e-10, atol=1e-4).propagate(state)
    assert flight.impacted

    def energy(s):
        return 0.5 * np.sum(s[3:] ** 2) - EARTH_MU_M3_S2 / np.linalg.norm(s[:3])

    e0 = energy(state)
    assert abs(energy(flight.impact_state) - e0) < 1e-8 * abs(e0)
    assert abs(energy(flight.apogee_state) - e0) < 1e-8 * abs(e0)


@settings(max_examples=25, deadline=None)
@given(st.floats(1500.0, 7000.0), st.floats(20.0, 80.0))
def test_flight_is_symmetric_without_rotation_within_1_ms_and_1e_6_rad(speed, angle):
    # Launch from the sphere: apogee at half time, re-entry at the launch speed and -angle.
    state = _surface_state(speed, angle)
    for propagator in PROPAGATORS:
        flight = propagator.propagate(state)
        assert abs(flight.apogee_time_s - flight.impact_time_s / 2) < 1e-3
        impact = flight.impact_state
        assert abs(np.linalg.norm(impact[3:]) - speed) < 1e-3, "impact speed within 1 mm/s"
        sin_out = np.dot(impact[:3], impact[3:]) / (np.linalg.norm(impact[:3]) * speed)
        assert abs(np.arcsin(sin_out) + np.radians(angle)) < 1e-6


@pytest.mark.parametrize("propagator", PROPAGATORS, ids=["kepler", "numerical"])
@pytest.mark.parametrize("n", [0, 1, 7])
def test_odd_batch_shapes(propagator, n):
    states = _surface_state(np.linspace(2000.0, 6000.0, n), 45.0)
    flight = propagator.propagate(states)
    assert flight.impact_state.shape == (n, 6)
    assert flight.impact_time_s.shape == (n,)
    assert flight.apogee_altitude_m.shape == (n,)
    assert flight.ground_range_km(0.0, 0.0).shape == (n,)


@pytest.mark.parametrize("propagator", PROPAGATORS, ids=["kepler", "numerical"])
def test_one_state_gives_scalars_and_matches_the_batch(propagator):
    state = _surface_state(4000.0, 40.0)
    one = propagator.propagate(state)
    batch = propagator.propagate(np.stack([state, state]))
    assert one.impact_time_s.shape == ()
    assert batch.impact_time_s[1] == pytest.approx(float(one.impact_time_s), abs=1e-9)


@pytest.mark.parametrize("propagator", PROPAGATORS, ids=["kepler", "numerical"])
def test_orbit_does_not_impact(propagator):
    circular = np.sqrt(EARTH_MU_M3_S2 / (R_E + 300e3))
    state = np.array([R_E + 300e3, 0, 0, 0, circular, 0])
    if isinstance(propagator, NumericalPropagator):
        propagator = _vacuum_numerical(max_time_s=2000.0)
    flight = propagator.propagate(state)
    assert not flight.impacted and np.isnan(flight.impact_time_s)


def test_bad_states_raise_physics_errors():
    with pytest.raises(PhysicsError, match="6 numbers"):
        KeplerPropagator().propagate(np.zeros(5))
    with pytest.raises(PhysicsError, match="NaN"):
        NumericalPropagator().propagate(np.full(6, np.nan))
    with pytest.raises(PhysicsError):
        NumericalPropagator(ballistic_coefficient_kg_m2=-1.0)


def _scud_like(beta):
    """physics-methods.md b2: 300 km MET, burnout at 30 km, non-rotating Earth."""
    state = ecef_to_inertial(state_from_local(0.0, 0.0, 30e3, 1590.0, 43.0, 90.0),
                             omega_rad_s=0.0)
    prop = NumericalPropagator(gravity="point-mass", rotating=False,
                               ballistic_coefficient_kg_m2=beta)
    return prop.propagate(state)


def test_drag_shortens_a_scud_like_flight_as_in_physics_methods_b2():
    # b2: -0.4 % (beta = 5e4) to -10 % (beta = 2e3) in range, flight a little longer.
    vacuum = _scud_like(None)
    light, heavy = _scud_like(2e3), _scud_like(5e4)
    r0 = vacuum.free_flight_range_km()
    assert 0.05 < 1 - light.free_flight_range_km() / r0 < 0.15, "beta 2e3: 5-15 % shorter"
    assert 0.0 < 1 - heavy.free_flight_range_km() / r0 < 0.015, "beta 5e4: under 1.5 %"
    assert light.impact_time_s > vacuum.impact_time_s


def test_rotation_and_j2_move_an_icbm_impact_by_tens_not_thousands_of_km():
    launch = state_from_local(40.6, 126.4, 0.0, 7000.0, 25.0, 45.0)
    j2 = NumericalPropagator(rotating=True).propagate(ecef_to_inertial(launch))
    kepler = KeplerPropagator(surface_radius_m=WGS84_SEMI_MAJOR_AXIS_M * 0.9983,
                              rotating=True).propagate(ecef_to_inertial(launch))
    assert j2.impacted and kepler.impacted
    gap_km = np.linalg.norm(j2.impact_state[:3] - kepler.impact_state[:3]) / 1e3
    assert gap_km < 150.0, f"J2 and the ellipsoid moved the impact {gap_km:.0f} km"
