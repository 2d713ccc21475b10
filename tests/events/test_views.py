"""An event's views: CNS rows, GeoJSON and KML, JSON with provenance."""

from __future__ import annotations

import io
import json
from datetime import date
from xml.etree import ElementTree as ET

from launchwatch.events import fuse
from launchwatch.exchange import (event_to_rows, events_to_geojson, events_to_json, events_to_kml,
                                  read_events_json, write_cns_csv)
from launchwatch.model import (Assessment, LandingPointFigure, LandingZoneFigure,
                               LaunchPointFigure, OverflightFigure, ReachFigure,
                               TrajectoryFigure)

from .helpers import launch, ref, report


def test_an_event_alone_gives_its_rows() -> None:
    event = fuse("KP-2022-10-04-1", "North Korea", date(2022, 10, 4), [ref(
        report("r"), launch(count=3, time_local="07:23", flight_time_s=1320,
                            reported_by=["ROK JCS"]))])
    rows = event_to_rows(event, first_f1=10)
    assert [row["F1"] for row in rows] == ["10", "11", "12"]
    assert rows[0]["Launch Time (UTC)"] == "22:23"
    assert rows[0]["Confirmation Status"] == "Confirmed"
    assert "Flight time about 1,320 s" in rows[0]["Additional Information"]
    buffer = io.StringIO()
    assert write_cns_csv(rows, buffer) == 3




def _assessed_event():
    event = fuse("KP-2017-09-15-1", "North Korea", date(2017, 9, 15), [ref(
        report("mod"), launch(date_local=date(2017, 9, 15), launch_site="Sunan",
                              launch_lat=39.2239, launch_lon=125.67, missile_class="IRBM",
                              missile_name="Hwasong-12", distance_km=3700, apogee_km=800,
                              reported_by=["Japan MoD"]))])
    event.assessment = Assessment(
        event_id=event.id, inputs={}, inputs_hash="0" * 64, method="test",
        launch_point=LaunchPointFigure(status="ok", value={"lat_deg": 39.2239,
                                                           "lon_deg": 125.67}),
        trajectory=TrajectoryFigure(status="ok", value={"met_range_km": 3683,
                                                        "met_range_interval_km": [3639, 3729]}),
        landing_point=LandingPointFigure(status="ok", value={
            "lat_deg": 31.9, "lon_deg": 165.9, "method": "site, direction and distance"}),
        landing_zone=LandingZoneFigure(status="ok", value={"summary": "sea: Pacific Ocean"}),
        overflight=OverflightFigure.skipped("test"),
        reach=ReachFigure(status="ok", value={"site": [39.2239, 125.67], "range_km": 3683,
                                              "rings_km": [3639, 3683, 3729]}))
    return event


def test_geojson_has_site_landing_track_and_rings() -> None:
    collection = events_to_geojson([_assessed_event()])
    roles = [f["properties"]["role"] for f in collection["features"]]
    assert roles == ["launch_site", "landing_point", "ground_track", "range_ring", "range_ring",
                     "range_ring"]
    site, landing, track = collection["features"][:3]
    assert site["geometry"] == {"type": "Point", "coordinates": [125.67, 39.2239]}
    assert landing["properties"]["zone"] == "sea: Pacific Ocean"
    # The track crosses Japan on its way to the Pacific.
    assert "Japan" in track["properties"]["overflown"]
    rings = collection["features"][3:]
    assert [r["properties"]["range_km"] for r in rings] == [3639, 3683, 3729]
    assert rings[1]["properties"]["label"] == "minimum-energy range"
    assert all(f["properties"]["event_id"] == "KP-2017-09-15-1" for f in collection["features"])
    json.dumps(collection)  # plain JSON all the way down


def test_kml_has_a_folder_per_event_with_placemarks() -> None:
    event = _assessed_event()
    text = events_to_kml([event, _assessed_event().model_copy(update={"id": "KP-x"})])
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    folders = root.findall("k:Document/k:Folder", ns)
    assert [f.find("k:name", ns).text for f in folders] == ["KP-2017-09-15-1: Hwasong-12",
                                                            "KP-x: Hwasong-12"]
    names = [p.find("k:name", ns).text for p in folders[0].findall("k:Placemark", ns)]
    assert names[:3] == ["Launch site: Sunan", "Landing point", "Ground track"]
    assert names[4] == "Range ring 3,683 km (minimum-energy range)"
    point = folders[0].find("k:Placemark/k:Point/k:coordinates", ns).text
    assert [float(n) for n in point.split(",")][:2] == [125.67, 39.2239]


def test_json_keeps_the_provenance_and_reads_back() -> None:
    event = _assessed_event()
    document = json.loads(json.dumps(events_to_json([event])))
    [item] = document["events"]
    claim = item["fields"]["distance_km"]["claims"][0]
    assert (claim["authority"], claim["value"], claim["source"]) == ("Japan MoD", 3700, "mod.txt")
    assert item["assessment"]["reach"]["value"]["rings_km"] == [3639, 3683, 3729]
    assert read_events_json(json.dumps(document)) == [event]
