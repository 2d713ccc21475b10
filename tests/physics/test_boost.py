"""The boost-phase observation model."""

from __future__ import annotations

import numpy as np
import pytest

from launchwatch.errors import PhysicsError
from launchwatch.physics import MISSILE_CLASSES, BoostModel
from launchwatch.physics.boost import class_for_range, profile_quadrature


@pytest.mark.parametrize("name", MISSILE_CLASSES)
def test_every_class_has_defaults_within_its_range(name):
    model = BoostModel.for_class(name)
    low, high = model.boost_duration_range_s
    assert low <= model.boost_duration_s <= high
    assert model.describe()["missile_class"] == name


def test_icbm_boosts_longer_than_srbm():
    assert BoostModel.for_class("ICBM").boost_duration_s > \
        3 * BoostModel.for_class("srbm").boost_duration_s


def test_unknown_class_raises_with_the_list():
    with pytest.raises(PhysicsError, match="SRBM"):
        BoostModel.for_class("XRBM")
    with pytest.raises(PhysicsError):
        BoostModel.for_class("ICBM", burnout_altitude_km=-1.0)


def test_profile_table_matches_quadrature_within_1e_4():
    model = BoostModel.for_class("ICBM")
    sample = model.sample(5000, np.random.default_rng(3))
    angles = np.random.default_rng(4).uniform(0.0, np.pi / 2, 5000)
    table = np.array(sample.profile(angles))
    exact = np.array(profile_quadrature(angles, sample.path_fraction, sample.pitch_exponent))
    assert np.max(np.abs(table - exact)) < 1e-4


def test_lofted_boost_climbs_and_pitched_boost_travels():
    nominal = BoostModel.for_class("ICBM").nominal()
    h_up, r_up, sin_up = nominal.geometry(6000.0, np.radians(85.0))
    h_met, r_met, sin_met = nominal.geometry(6000.0, np.radians(25.0))
    assert h_up > h_met and r_met > 5 * r_up
    assert sin_up > sin_met, "the lofted boost pays more gravity loss"
    # 270 s at a mean 0.35 v_b: about 570 km of path, mostly up when lofted.
    assert 400e3 < h_up < 600e3


def test_overrides_fix_the_geometry():
    model = BoostModel.for_class("IRBM", burnout_altitude_km=200.0, boost_range_km=0.0,
                                 boost_duration_s=100.0)
    h, r, _ = model.nominal().geometry(5000.0, np.radians(80.0))
    assert h == 200e3 and r == 0.0
    assert model.boost_duration_range_s == (100.0, 100.0)


def test_class_from_range():
    assert list(class_for_range([300, 2000, 4000, 12000])) == ["SRBM", "MRBM", "IRBM", "ICBM"]
