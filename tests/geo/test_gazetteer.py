"""The gazetteer: every entry resolves by each of its names and lies where it says it is."""

import numpy as np
import pytest
from launchwatch.geo.gazetteer import Gazetteer, Site, gazetteer
from launchwatch.geo.zones import classify, classify_points

G = gazetteer()


def test_default_is_the_shared_instance():
    assert Gazetteer.default() is G
    assert len(G.sites) >= 80 and len(G.landmarks) >= 60 and len(G.waters) >= 25


@pytest.mark.parametrize("site", G.sites, ids=lambda s: s.name)
def test_every_site_resolves_by_every_name(site):
    for name in site.names:
        assert G.site(name) is site, f"{name!r} does not find {site.name!r}"


@pytest.mark.parametrize("site", G.sites, ids=lambda s: s.name)
def test_every_site_lies_on_land_inside_its_country(site):
    zone = classify(site.lat_deg, site.lon_deg)
    if site.kind == "sea_launch_area":
        assert zone.surface == "sea" and zone.water == site.name
        return
    if not site.on_mapped_land:
        return
    assert zone.surface == "land", f"{site.name} falls in {zone.water}"
    assert zone.country == site.country


def test_no_site_is_off_the_land_polygons_but_kwajalein():
    # Kwajalein's islets are missing from Natural Earth 10 m; Abdul Kalam Island is missing too
    # and added as a disc of its area.
    assert [s.name for s in G.sites if not s.on_mapped_land] == ["Reagan Test Site"]
    assert classify(20.7575, 87.0853).country == "India"


def test_one_list_every_name_once_whichever_path():
    """sites.json is the one list: no name (folded) belongs to two entries, so a name finds one
    point whether the extractor, events or the assessment looks it up (Panghyon once had two,
    16 km apart)."""
    from launchwatch.geo.gazetteer import load_sites
    from launchwatch.geo.names import name_key

    owner: dict[str, str] = {}
    for site in load_sites():
        for name in site.names:
            assert owner.setdefault(name_key(name), site.name) == site.name, name
    assert G.site("Panghyon").name == "Panghyon"
    assert G.site("Panghyon Airport").name == "Panghyon Airbase"


def test_provinces_are_regions_not_launch_points():
    # Reports say a launch was made from a province; its point is too loose to stand for one.
    assert G.site("South Hamgyong Province") is None
    assert G.landmark("South Hamgyong Province").kind == "province"
    assert G.place("Jagang").country == "North Korea"


def test_area_aliases_find_the_facility_but_name_an_area():
    kalma = G.site("Wonsan")
    assert kalma.name == "Wonsan Kalma International Airport"
    assert kalma.is_exact("Kalma") and not kalma.is_exact("Wonsan")
    assert not G.site("Pyongyang").is_exact()
    baikonur = G.site("Baikonur")
    assert (baikonur.country, baikonur.launching_state) == ("Kazakhstan", "Russia")


@pytest.mark.parametrize("landmark", G.landmarks, ids=lambda p: p.name)
def test_every_landmark_resolves_and_lies_at_its_country(landmark):
    for name in landmark.names:
        assert G.landmark(name) is landmark, f"{name!r} does not find {landmark.name!r}"
    if not landmark.on_mapped_land:
        return
    if landmark.kind == "cape":
        # A cape is the tip of the coast; Natural Earth's 10 m coast may stop short of it.
        lat, lon = np.meshgrid(landmark.lat_deg + np.linspace(-0.02, 0.02, 9),
                               landmark.lon_deg + np.linspace(-0.025, 0.025, 9))
        zones = classify_points(lat, lon)
        assert landmark.country in set(zones.country.ravel()), \
            f"no land of {landmark.country} within ~2 km of {landmark.name}"
    else:
        zone = classify(landmark.lat_deg, landmark.lon_deg)
        assert (zone.surface, zone.country) == ("land", landmark.country)


@pytest.mark.parametrize("water", G.waters, ids=lambda w: w.name)
def test_every_water_resolves_and_its_label_point_lies_in_it(water):
    for name in water.names:
        assert G.water(name) is water
    zone = classify(water.lat_deg, water.lon_deg)
    assert zone.surface == "sea" and zone.water == water.name


@pytest.mark.parametrize("query, expected", [
    ("Sunan", "Sunan"),
    ("Pyongyang International Airport", "Sunan"),
    ("Tongchang-ri", "Sohae Satellite Launching Station"),
    ("TONGCHANG RI", "Sohae Satellite Launching Station"),
    ("Kusong County, North Pyongan", "Kusong Testing Ground"),
    ("Kusong", "Kusong Testing Ground"),
    ("the Pyongyang area", "Pyongyang"),
    ("Musudan-ri", "Tonghae Satellite Launching Ground"),
    ("Mupyong-ni area in Jagang Province", "Mupyong-ni Arms Plant"),
    ("Wonsan area", "Wonsan Kalma International Airport"),
    ("Semnan", "Imam Khomeini Spaceport"),
    ("Wheeler Island", "Abdul Kalam Island"),
])
def test_sites_by_loose_names(query, expected):
    found = G.site(query)
    assert isinstance(found, Site) and found.name == expected


@pytest.mark.parametrize("query, expected", [
    ("East Sea", "Sea of Japan"), ("the East Sea", "Sea of Japan"),
    ("Sea of Japan (East Sea)", "Sea of Japan"), ("West Sea", "Yellow Sea"),
    ("Arabian Gulf", "Persian Gulf"), ("Pacific", "Pacific Ocean"),
])
def test_waters_by_alternate_names(query, expected):
    assert G.water(query).name == expected


def test_water_hierarchy():
    assert G.sea_of(G.water("Yonghung Bay")).name == "Sea of Japan"
    assert G.sea_of(G.water("Gulf of Aden")).name == "Indian Ocean"


def test_place_searches_every_kind_and_cities_by_population():
    assert G.place("Okushiri").name == "Okushiri Island"
    assert G.place("Cape Erimo").kind == "cape"
    tokyo = G.place("Tokyo")
    assert tokyo.kind == "city" and tokyo.country == "Japan" and tokyo.population > 8_000_000
    assert G.place("Qwxyzville, Nowhere") is None
    assert G.site("Okushiri Island") is None  # a landmark, not a launch site


def test_cities_are_geonames_with_population():
    assert len(G.cities) > 30_000
    assert all(c.population >= 15_000 for c in G.cities[-10:])
    assert G.city_arrays.lat_deg.shape == (len(G.cities),)
