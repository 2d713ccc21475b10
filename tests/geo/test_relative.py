"""Relative locations against an independent geodesic reference (Vincenty 1975), and the
uncertainty the rounding of a report implies."""

import math

import numpy as np
import pytest

from launchwatch.errors import GeoError
from launchwatch.geo.gazetteer import gazetteer
from launchwatch.geo.relative import resolve_relative
from launchwatch.geo.zones import land_layer

A_M = 6378137.0
F = 1.0 / 298.257223563
B_M = A_M * (1.0 - F)


def vincenty_direct(lat_deg, lon_deg, azimuth_deg, distance_m):
    """T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid with
    application of nested equations", Survey Review 23 (176), 88-93, 1975: the direct problem,
    written here from the paper's equations as an outside check on pyproj."""
    alpha1 = math.radians(azimuth_deg)
    tan_u1 = (1.0 - F) * math.tan(math.radians(lat_deg))
    cos_u1 = 1.0 / math.sqrt(1.0 + tan_u1 ** 2)
    sin_u1 = tan_u1 * cos_u1
    sigma1 = math.atan2(tan_u1, math.cos(alpha1))
    sin_alpha = cos_u1 * math.sin(alpha1)
    cos2_alpha = 1.0 - sin_alpha ** 2
    u2 = cos2_alpha * (A_M ** 2 - B_M ** 2) / B_M ** 2
    a = 1.0 + u2 / 16384.0 * (4096.0 + u2 * (-768.0 + u2 * (320.0 - 175.0 * u2)))
    b = u2 / 1024.0 * (256.0 + u2 * (-128.0 + u2 * (74.0 - 47.0 * u2)))
    sigma = distance_m / (B_M * a)
    for _ in range(200):
        cos_2sm = math.cos(2.0 * sigma1 + sigma)
        d_sigma = b * math.sin(sigma) * (cos_2sm + b / 4.0 * (
            math.cos(sigma) * (-1.0 + 2.0 * cos_2sm ** 2)
            - b / 6.0 * cos_2sm * (-3.0 + 4.0 * math.sin(sigma) ** 2)
            * (-3.0 + 4.0 * cos_2sm ** 2)))
        new_sigma = distance_m / (B_M * a) + d_sigma
        if abs(new_sigma - sigma) < 1e-13:
            sigma = new_sigma
            break
        sigma = new_sigma
    cos_2sm = math.cos(2.0 * sigma1 + sigma)
    lat2 = math.atan2(sin_u1 * math.cos(sigma) + cos_u1 * math.sin(sigma) * math.cos(alpha1),
                      (1.0 - F) * math.sqrt(sin_alpha ** 2 + (
                          sin_u1 * math.sin(sigma) - cos_u1 * math.cos(sigma) * math.cos(alpha1))
                          ** 2))
    lam = math.atan2(math.sin(sigma) * math.sin(alpha1),
                     cos_u1 * math.cos(sigma) - sin_u1 * math.sin(sigma) * math.cos(alpha1))
    c = F / 16.0 * cos2_alpha * (4.0 + F * (4.0 - 3.0 * cos2_alpha))
    big_l = lam - (1.0 - c) * F * sin_alpha * (sigma + c * math.sin(sigma) * (
        cos_2sm + c * math.cos(sigma) * (-1.0 + 2.0 * cos_2sm ** 2)))
    return math.degrees(lat2), (lon_deg + math.degrees(big_l) + 180.0) % 360.0 - 180.0


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2.0 * 6371.0 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("text, landmark, azimuth_deg, distance_km", [
    ("about 250 km west of Okushiri Island", "Okushiri Island", 270.0, 250.0),
    ("550 km east of Cape Erimo", "Cape Erimo", 90.0, 550.0),
    ("approximately 2,200 km east of Cape Erimo", "Cape Erimo", 90.0, 2200.0),
    ("some 200 km north-northwest of Oshima-Oshima", "Oshima-Oshima", 337.5, 200.0),
    ("about 100 nautical miles southwest of Cape Kyoga", "Cape Kyoga", 225.0, 185.2),
    ("300 miles NE of Cape Inubo", "Cape Inubo", 45.0, 482.8032),
])
def test_point_within_half_a_percent_of_vincenty(text, landmark, azimuth_deg, distance_km):
    location = resolve_relative(text)
    place = gazetteer().landmark(landmark)
    assert location.anchor is place
    lat_ref, lon_ref = vincenty_direct(place.lat_deg, place.lon_deg, azimuth_deg,
                                       distance_km * 1000.0)
    miss_km = haversine_km(location.lat_deg, location.lon_deg, lat_ref, lon_ref)
    assert miss_km <= 0.005 * distance_km, f"{miss_km:.3f} km off, more than 0.5 % of the distance"
    assert location.distance_km == pytest.approx(distance_km, rel=1e-9)


def test_distance_interval_is_the_rounding_of_the_figure_in_its_unit():
    # launchwatch.units.rounding_half_width: "250" is rounded to 10 km, "100" nmi to 10 nmi.
    about = resolve_relative("about 250 km west of Okushiri Island")
    assert (about.distance_low_km, about.distance_high_km) == (245.0, 255.0)
    nautical = resolve_relative("about 100 nautical miles southwest of Cape Kyoga")
    assert nautical.distance_high_km - nautical.distance_km == pytest.approx(5.0 * 1.852)


def test_qualifiers_move_the_interval():
    at_least = resolve_relative("at least 250 km west of Okushiri Island")
    assert (at_least.distance_low_km, at_least.distance_high_km) == (250.0, 260.0)
    over = resolve_relative("over 250 km west of Okushiri Island")
    assert over.qualifier == "more than"
    assert (over.distance_low_km, over.distance_high_km) == (250.0, 260.0)
    up_to = resolve_relative("up to 250 km west of Okushiri Island")
    assert (up_to.distance_low_km, up_to.distance_high_km) == (240.0, 250.0)
    exactly = resolve_relative("exactly 250 km west of Okushiri Island")
    assert exactly.distance_low_km == exactly.distance_high_km == 250.0


def test_compass_sector_sets_the_uncertainty():
    eight = resolve_relative("about 250 km west of Okushiri Island")
    sixteen = resolve_relative("about 250 km west-northwest of Okushiri Island")
    assert eight.bearing_half_width_deg == 22.5 and sixteen.bearing_half_width_deg == 11.25
    # The circle around the point must hold the far corners of the sector: 2 d sin(22.5/2)...
    assert eight.uncertainty_km >= eight.distance_high_km * math.sin(math.radians(22.5)) * 0.99
    assert sixteen.uncertainty_km < eight.uncertainty_km
    lat, lon = eight.sector()
    spread = [haversine_km(eight.lat_deg, eight.lon_deg, a, b) for a, b in zip(lat, lon)]
    assert max(spread) <= eight.uncertainty_km * 1.01


def test_prefecture_is_measured_from_its_coast():
    location = resolve_relative("approximately 250 km west of Aomori Prefecture")
    assert location.anchor.name == "Aomori Prefecture"
    # The origin is the last land on the way west: land 1 km behind it, sea 1 km ahead.
    from launchwatch.geo.geodesy import destination
    behind = destination(location.origin_lat_deg, location.origin_lon_deg,
                         location.bearing_deg + 180.0, 1.0)
    ahead = destination(location.origin_lat_deg, location.origin_lon_deg,
                        location.bearing_deg, 1.0)
    assert land_layer().lookup(*behind) >= 0 and land_layer().lookup(*ahead) < 0
    assert 139.8 < location.origin_lon_deg < 140.4  # the Sea of Japan coast of Aomori


def test_flight_path_keeps_the_course_past_a_landmark():
    sunan = gazetteer().site("Sunan")
    plain = resolve_relative("about 1,180 km east of Cape Erimo")
    along = resolve_relative("about 1,180 km east of Cape Erimo",
                             launch_site=(sunan.lat_deg, sunan.lon_deg))
    assert plain.bearing_from == "compass" and along.bearing_from == "flight path"
    assert abs(along.bearing_deg - 90.0) < 22.5
    assert along.uncertainty_km == pytest.approx(plain.uncertainty_km, rel=0.01)


def test_off_the_coast_needs_a_direction_or_takes_the_whole_ring():
    ring = resolve_relative("150 km off the coast of Aomori")
    assert ring.bearing_deg is None and ring.uncertainty_km >= 150.0
    sunan = gazetteer().site("Sunan")
    toward = resolve_relative("150 km off the coast of Aomori",
                              toward=(sunan.lat_deg, sunan.lon_deg))
    assert toward.bearing_from == "toward" and 240.0 < toward.bearing_deg < 290.0
    assert toward.zone().surface == "sea"


def test_bare_names_and_unknown_places():
    assert resolve_relative("Tongchang-ri").anchor.name == "Sohae Satellite Launching Station"
    with pytest.raises(GeoError, match="gazetteer"):
        resolve_relative("about 250 km west of Qwxyz Island")


def test_sector_shapes():
    location = resolve_relative("about 250 km west of Okushiri Island")
    lat, lon = location.sector(n=3)
    assert lat.shape == lon.shape == (9,)
    outline = np.asarray(location.sector_polygon_lon_lat(n=5))
    assert outline.shape == (11, 2) and np.allclose(outline[0], outline[-1])
