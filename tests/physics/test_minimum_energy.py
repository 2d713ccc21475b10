"""Minimum-energy trajectory against BMW section 6.2 and the tables of physics-methods.md (a1)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.errors import PhysicsError
from launchwatch.physics import met_range_km, minimum_energy, time_of_flight_s

DU_M = 6_378_137.0  # BMW's canonical distance unit, the equatorial radius
NMI_M = 1852.0

# physics-methods.md a1: MET range (km) -> v_bo (km/s), gamma* (deg), apogee (km), t_ff (min);
# surface burnout, R_E = 6371 km.  Printed to 3-4 significant figures.
MET_TABLE = [
    (300, 1.696, 44.3, 74, 4.2),
    (1000, 3.016, 42.8, 240, 7.9),
    (2700, 4.663, 38.9, 599, 14.0),
    (3700, 5.278, 36.7, 779, 17.0),
    (4600, 5.715, 34.7, 920, 19.5),
    (5500, 6.075, 32.6, 1041, 21.9),
    (10000, 7.198, 22.5, 1320, 32.2),
    (13000, 7.588, 15.8, 1196, 37.2),
]


@pytest.mark.parametrize("range_km, speed_km_s, angle_deg, apogee_km, time_min", MET_TABLE)
def test_met_table_within_print_rounding(range_km, speed_km_s, angle_deg, apogee_km, time_min):
    arc = minimum_energy(range_km)
    assert abs(arc.burnout_speed_m_s / 1e3 - speed_km_s) <= 0.0015, "speed within 1.5 m/s"
    assert abs(arc.burnout_angle_deg - angle_deg) <= 0.06, "angle within 0.06 deg"
    assert abs(arc.apogee_km - apogee_km) <= 1.0, "apogee within 1 km"
    assert abs(arc.flight_time_s / 60 - time_min) <= 0.06, "free-flight time within 0.06 min"


def test_oracle_9_met_10000_km_within_1e3_relative():
    arc = minimum_energy(10_000.0)
    assert arc.burnout_speed_m_s == pytest.approx(7198.0, rel=1e-3)
    assert arc.burnout_angle_deg == pytest.approx(22.5, rel=1e-3)
    assert arc.apogee_km == pytest.approx(1320.0, rel=1e-3)
    assert arc.flight_time_s == pytest.approx(32.2 * 60, rel=1e-3)


def test_bmw_8000_nmi_met_from_1_1_du_within_half_percent():
    # BMW p. 295: 8 000 nmi free flight, burnout and re-entry at r = 1.1 DU (h = 344 nmi):
    # Q = 0.957, v = 0.933 DU/TU = 7.37 km/s.  Range is measured on the 1-DU surface.
    arc = minimum_energy(8000 * NMI_M / 1e3, burnout_altitude_km=0.1 * DU_M / 1e3,
                         earth_radius_m=DU_M)
    q = arc.burnout_speed_m_s**2 * 1.1 * DU_M / 3.986004418e14
    assert q == pytest.approx(0.957, rel=5e-3)
    assert arc.burnout_speed_m_s == pytest.approx(7370.0, rel=5e-3)


@pytest.mark.parametrize("n", [0, 1, 7])
def test_odd_batch_shapes_keep_their_shape(n):
    ranges = np.linspace(100.0, 12_000.0, n)
    arc = minimum_energy(ranges)
    for field in ("burnout_speed_m_s", "burnout_angle_deg", "apogee_km", "flight_time_s"):
        assert getattr(arc, field).shape == (n,)
    assert met_range_km(arc.burnout_speed_m_s).shape == (n,)
    assert time_of_flight_s(ranges, 15_000.0).shape == (n,)


def test_scalar_in_gives_zero_dimensional_out():
    assert minimum_energy(1000.0).burnout_speed_m_s.shape == ()


def test_zero_range_is_a_standing_start():
    arc = minimum_energy(0.0)
    assert arc.burnout_speed_m_s == 0.0 and arc.flight_time_s == 0.0 and arc.apogee_km == 0.0


def test_impossible_ranges_raise_with_advice():
    with pytest.raises(PhysicsError, match="half the Earth's circumference"):
        minimum_energy(21_000.0)
    with pytest.raises(PhysicsError):
        minimum_energy(-1.0)


def test_met_range_reaches_the_antipode_at_circular_speed_and_is_unbounded_above():
    circular_m_s = np.sqrt(3.986004418e14 / 6_371_000.0)
    half_circumference_km = np.pi * 6371.0
    assert abs(met_range_km(circular_m_s * (1 - 1e-9)) - half_circumference_km) < 5.0, "5 km"
    assert np.isinf(met_range_km(circular_m_s * 1.001))


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=1.0, max_value=19_000.0))
def test_met_range_round_trip_within_1_m(range_km):
    speed = minimum_energy(range_km).burnout_speed_m_s
    assert abs(met_range_km(speed) - range_km) < 1e-3, "round trip within 1 m"


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=10.0, max_value=15_000.0), st.floats(min_value=0.01, max_value=0.99))
def test_time_of_flight_paths_agree_at_full_range_and_order_below(met_km, fraction):
    distance = fraction * met_km
    low = time_of_flight_s(distance, met_km, path="low")
    high = time_of_flight_s(distance, met_km, path="high")
    met = time_of_flight_s(distance, met_km)
    assert low <= high + 1e-6, "low root is never slower than the lofted root"
    assert np.isfinite(met) and met > 0.0
    at_full = [time_of_flight_s(met_km, met_km, path=p) for p in ("low", "high",
                                                                   "minimum-energy")]
    assert np.ptp(at_full) < 1e-3 * at_full[0] + 1e-6, "all paths meet at the MET range"


def test_time_of_flight_is_nan_beyond_reach_and_increases_with_distance():
    t = time_of_flight_s([100.0, 1000.0, 2000.0, 3000.0, 3001.0], 3000.0)
    assert np.isnan(t[-1])
    assert np.all(np.diff(t[:-1]) > 0.0)
    # The minimum-energy time to 1 000 km is the a1 table's 7.9 min, whatever the missile.
    assert abs(t[1] / 60.0 - 7.9) < 0.06, "within 0.06 min"
