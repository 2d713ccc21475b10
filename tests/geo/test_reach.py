"""Places in reach, nearest first, with the physics engine's time of flight."""

import numpy as np
import pytest

from launchwatch.assess.places_in_reach import SAME_CITY_KM, Reach
from launchwatch.errors import GeoError
from launchwatch.geo.geodesy import distance_km
from launchwatch.physics import time_of_flight_s


def test_places_within_range_sorted_with_time_of_flight():
    reach = Reach.from_site("Sunan", 13000.0)
    assert reach.site_name == "Sunan"
    places = reach.places(min_population=1_000_000)
    distances = np.array([p.distance_km for p in places])
    assert np.all(np.diff(distances) >= 0.0) and distances.max() <= 13000.0
    names = {p.place.name for p in places}
    assert {"Tokyo", "Seoul", "Beijing", "New York City"} <= names
    assert "Buenos Aires" not in names  # about 19,000 km away
    check = distance_km(reach.site_lat_deg, reach.site_lon_deg, places[-1].place.lat_deg,
                        places[-1].place.lon_deg)
    assert places[-1].distance_km == pytest.approx(float(check), rel=1e-9)
    times = np.array([p.time_of_flight_s for p in places])
    assert np.all(np.diff(times) >= -1e-9)  # farther takes longer on the MET
    assert times[-1] == pytest.approx(float(time_of_flight_s(distances[-1], 13000.0)))


def test_limit_and_population_filter():
    reach = Reach.from_site("Sohae", 1500.0)
    assert len(reach.places(limit=5)) == 5
    assert all(p.place.population >= 5_000_000
               for p in reach.places(min_population=5_000_000))


def test_record_and_geojson():
    record = Reach.from_site("Sunan", 13000.0).to_record(limit=10, countries=5)
    assert record["ring"]["type"] == "FeatureCollection" and len(record["largest_cities"]) == 10
    assert {"name", "distance_km", "time_of_flight_s", "country"} <= \
        set(record["largest_cities"][0])
    assert len(record["population"]["by_country"]) == 5
    collection = Reach(39.0, 125.7, 1000.0).to_geojson(limit=3)
    roles = [f["properties"]["role"] for f in collection["features"]]
    assert roles[:3] == ["site", "ring", "reach"] and roles.count("place") == 3


def test_people_in_range_follow_where_a_country_lives():
    by_country = {c.country: c for c in Reach.from_site("Sunan", 1000.0).population_by_country()}
    # Seoul is 200 km away, Busan 560 km: all of South Korea; Fukuoka is 800 km away and Tokyo
    # 1,300 km: a part of Japan.
    assert by_country["South Korea"].share == pytest.approx(1.0)
    assert 0.05 < by_country["Japan"].share < 0.6
    assert by_country["North Korea"].launching_state
    assert not by_country["South Korea"].launching_state
    for country in by_country.values():
        assert 0 < country.people <= country.population


def test_the_estimate_counts_more_than_the_cities_alone():
    from launchwatch.geo.gazetteer import gazetteer

    reach = Reach.from_site("Sunan", 1000.0)
    korea = next(c for c in reach.population_by_country() if c.country == "South Korea")
    in_cities = sum(p.place.population for p in reach.places()
                    if p.place.country == "South Korea")
    assert korea.people == gazetteer().country_populations["South Korea"]
    assert korea.people > in_cities * 0.5  # GeoNames' districts make the city sum no floor


def test_largest_cities_are_abroad_and_one_entry_per_city():
    reach = Reach.from_site("Sunan", 1500.0)
    cities = reach.largest_cities(30)
    assert all(p.place.country != "North Korea" for p in cities)
    lat = np.array([p.place.lat_deg for p in cities])
    lon = np.array([p.place.lon_deg for p in cities])
    apart = distance_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(apart, np.inf)
    assert apart.min() > SAME_CITY_KM
    # At home, Pyongyang stands for its own districts (Man'gyongdae is 10 km from it).
    home = [p.place.name for p in reach.largest_cities(50, abroad=False)
            if p.place.country == "North Korea"]
    assert "Pyongyang" in home and not any(name.startswith("Man") for name in home)


def test_a_range_with_no_city_gives_empty_answers():
    reach = Reach.from_point(30.0, 160.0, 1.0)  # the open Pacific
    assert reach.launching_state is None
    assert len(reach.places()) == 0 and len(reach.largest_cities()) == 0
    assert reach.population_by_country() == []
    assert reach.to_record()["population"]["in_range"] == 0


def test_unknown_site_and_bad_range():
    with pytest.raises(GeoError, match="gazetteer"):
        Reach.from_site("Qwxyz launch pad", 1000.0)
    with pytest.raises(GeoError, match="positive"):
        Reach(39.0, 125.0, -5.0)


@pytest.mark.parametrize("range_km", [300.0, 1000.0, 5500.0, 13000.0, 19500.0])
def test_pre_selection_loses_no_city(range_km):
    from launchwatch.geo.gazetteer import gazetteer
    cities = gazetteer().city_arrays
    reach = Reach.from_site("Sunan", range_km)
    exact = distance_km(reach.site_lat_deg, reach.site_lon_deg, cities.lat_deg, cities.lon_deg)
    assert len(reach.places()) == int(np.count_nonzero(exact <= range_km))
