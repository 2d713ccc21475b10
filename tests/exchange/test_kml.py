"""The KML export, parsed back with lxml (the XML and its namespace) and with fastkml (the KML
objects): a folder per launch with its TimeStamp, the flight path in three dimensions, the
site and landing point, the figures in ExtendedData, report text escaped."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastkml import KML
from fastkml.enums import AltitudeMode
from lxml import etree

from launchwatch.exchange import export_events
from launchwatch.exchange.kml import flight_path
from launchwatch.geo import distance_km

from .test_geojson import LANDING, NAME, SITE, launched_event

NS = {"k": "http://www.opengis.net/kml/2.2"}


@pytest.fixture
def kml_file(tmp_path: Path) -> Path:
    out = tmp_path / "events.kml"
    assert export_events([launched_event(), launched_event(time_local=None)], "kml", out) == 2
    return out


def test_the_xml_is_kml_with_a_timestamped_folder_per_launch(kml_file: Path) -> None:
    root = etree.parse(str(kml_file)).getroot()
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    folders = root.findall("k:Document/k:Folder", NS)
    assert len(folders) == 2
    # Timed: its UTC instant (05:28 Pyongyang time, UTC+8:30 in 2017); untimed: its date.
    assert [f.findtext("k:TimeStamp/k:when", namespaces=NS) for f in folders] == [
        "2017-05-13T20:58:00+00:00", "2017-05-14"]
    # Report text comes back as written: the markup in it was escaped, not interpreted.
    assert folders[0].findtext("k:name", namespaces=NS) == f"KP-2017-05-14-1: {NAME}"
    assert NAME in folders[0].findtext("k:description", namespaces=NS)
    names = [p.findtext("k:name", namespaces=NS) for p in folders[0].findall("k:Placemark", NS)]
    assert names[:3] == ["Launch site: Kusong & Panghyon", "Landing point", "Ground track"]
    assert names[-1] == "Flight path, apogee 2,111.5 km"
    assert len(names) == 7  # and the three range rings


def test_the_figures_are_in_every_placemarks_extended_data(kml_file: Path) -> None:
    root = etree.parse(str(kml_file)).getroot()
    for placemark in root.findall("k:Document/k:Folder[1]/k:Placemark", NS):
        data = {d.get("name"): d.findtext("k:value", namespaces=NS)
                for d in placemark.findall("k:ExtendedData/k:Data", NS)}
        assert data["event_id"] == "KP-2017-05-14-1"
        assert data["missile_name"] == NAME
        assert data["distance_km"] == "787" and data["apogee_km"] == "2111.5"
        assert data["launch_utc"] == "2017-05-13T20:58:00Z"


def test_fastkml_reads_back_a_3d_arc_from_site_to_landing_point(kml_file: Path) -> None:
    document = next(iter(KML.parse(kml_file).features))
    folder = document.features[0]
    assert folder.times.timestamp.dt == datetime(2017, 5, 13, 20, 58, tzinfo=timezone.utc)
    path = folder.features[-1]
    assert path.kml_geometry.altitude_mode == AltitudeMode.absolute
    assert not path.kml_geometry.extrude
    coordinates = path.geometry.coords
    (lon0, lat0, alt0), (lon1, lat1, alt1) = coordinates[0], coordinates[-1]
    assert (lat0, lon0, alt0) == (pytest.approx(SITE[0]), pytest.approx(SITE[1]), 0)
    assert (lat1, lon1, alt1) == (pytest.approx(LANDING[0]), pytest.approx(LANDING[1]), 0)
    # Metres, peaking at the reported apogee of 2,111.5 km halfway along the ground.
    altitudes = [c[2] for c in coordinates]
    assert max(altitudes) == pytest.approx(2_111_500, abs=500)
    top = coordinates[altitudes.index(max(altitudes))]
    assert distance_km(SITE[0], SITE[1], top[1], top[0]) == pytest.approx(
        distance_km(*SITE, *LANDING) / 2, rel=0.01)
    # The site and landing point placemarks are points where the assessment put them.
    site, landing = folder.features[0], folder.features[1]
    assert site.geometry.coords[0] == pytest.approx((SITE[1], SITE[0]))
    assert landing.geometry.coords[0] == pytest.approx((LANDING[1], LANDING[0]))


def test_no_flight_path_without_a_reconstructed_trajectory() -> None:
    event = launched_event()
    assert flight_path(event) is not None
    event.assessment.trajectory.status = "not computed"
    assert flight_path(event) is None
