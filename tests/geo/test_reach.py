"""Places in reach, nearest first, with the physics engine's time of flight."""

import numpy as np
import pytest

from launchwatch.assess.places_in_reach import Reach
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
    record = Reach.from_site("Sunan", 13000.0).to_record(limit=10)
    assert record["ring"]["type"] == "FeatureCollection" and len(record["places"]) == 10
    assert {"name", "distance_km", "time_of_flight_s", "country"} <= set(record["places"][0])
    collection = Reach(39.0, 125.7, 1000.0).to_geojson(limit=3)
    roles = [f["properties"]["role"] for f in collection["features"]]
    assert roles[:3] == ["site", "ring", "reach"] and roles.count("place") == 3


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
