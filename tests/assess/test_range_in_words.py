"""A minimum-energy range in words: a figure past the antipode says "any point on Earth"."""

from __future__ import annotations

import pytest

from launchwatch.model import ANY_POINT_ON_EARTH_KM, range_text, reaches_anywhere


@pytest.mark.parametrize("range_km, bound, words", [
    (20_015.1, True, "≥ 20,000 km: any point on Earth"),  # the capped half circumference
    (20_000.0, False, "≥ 20,000 km: any point on Earth"),
    (19_999.0, False, "19,999 km"),
    (14_776.2, True, "≥ 14,776 km"),
    (3_700.0, False, "3,700 km"),
])
def test_range_text_says_a_bound_and_any_point_on_earth(range_km, bound, words) -> None:
    assert range_text(range_km, is_lower_bound=bound) == words
    assert reaches_anywhere(range_km) is (range_km >= ANY_POINT_ON_EARTH_KM)


def test_no_two_points_of_the_earth_are_farther_apart_than_the_threshold_allows() -> None:
    # Pole to pole along a meridian is the longest geodesic on WGS84 (20,003.93 km): the
    # threshold leaves out at most 4 km around the antipode.
    from launchwatch.geo.geodesy import distance_km

    assert 0.0 < float(distance_km(90.0, 0.0, -90.0, 0.0)) - ANY_POINT_ON_EARTH_KM < 4.0
