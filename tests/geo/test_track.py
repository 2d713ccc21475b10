"""Ground tracks over land: the Hwasong-12 flights over Japan."""

import numpy as np
import pytest

from launchwatch.geo.gazetteer import gazetteer
from launchwatch.geo.geodesy import destination, inverse
from launchwatch.geo.relative import resolve_relative
from launchwatch.geo.track import GroundTrack

SUNAN = (39.2239, 125.6700)
MUPYONG_NI = (40.6112, 126.4257)


@pytest.mark.parametrize("date, text, range_km", [
    ("2017-08-29", "about 1,180 km east of Cape Erimo", 2700.0),
    ("2017-09-15", "approximately 2,200 km east of Cape Erimo", 3700.0),
])
def test_2017_hwasong_12_flights_crossed_hokkaido(date, text, range_km):
    impact = resolve_relative(text, launch_site=SUNAN)
    track = GroundTrack.geodesic(*SUNAN, impact.lat_deg, impact.lon_deg)
    assert track.overflown_countries() == ["Japan"], date
    # Hokkaido lies north of the Tsugaru Strait (41.4 N at the strait's narrows).
    assert all(p.entry_lat_deg > 41.4 for p in track.overflights())
    # The resolved impact agrees with the reported range to 2 %.
    assert track.length_km == pytest.approx(range_km, rel=0.02)


def test_2022_10_04_flight_crossed_aomori():
    """Japan MoD: passed over Aomori Prefecture, flew about 4,600 km."""
    aomori = gazetteer().landmark("Aomori Prefecture")
    azimuth, _ = inverse(*MUPYONG_NI, aomori.lat_deg, aomori.lon_deg)
    lat, lon = destination(*MUPYONG_NI, azimuth, 4600.0)
    track = GroundTrack.geodesic(*MUPYONG_NI, float(lat), float(lon))
    (passage,) = track.overflights()
    assert passage.country == "Japan"
    assert 40.2 < passage.entry_lat_deg < 41.6 and 139.8 < passage.entry_lon_deg < 141.7
    assert 50.0 < passage.length_km < 200.0


def test_launch_country_is_left_out_and_sea_tracks_cross_nothing():
    into_sea = resolve_relative("about 250 km west of Okushiri Island")
    track = GroundTrack.geodesic(*SUNAN, into_sea.lat_deg, into_sea.lon_deg)
    assert track.overflown_countries() == []
    assert track.overflights(include_launch_country=True)[0].country == "North Korea"


def test_track_shapes_and_geojson():
    track = GroundTrack.geodesic(0.0, 170.0, 0.0, -170.0, step_km=100.0)
    assert track.lat_deg.shape == track.lon_deg.shape and track.lat_deg.size >= 2
    assert np.all(np.diff(track.along_km) > 0)
    feature = track.to_geojson()
    assert feature["geometry"]["type"] == "MultiLineString"  # cut at 180 degrees
    short = GroundTrack.geodesic(*SUNAN, SUNAN[0] + 0.001, SUNAN[1])
    assert short.lat_deg.size == 2 and short.to_geojson()["geometry"]["type"] == "LineString"
