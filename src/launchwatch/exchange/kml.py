"""Events as KML 2.2 (OGC 07-147r2) for Google Earth: one folder per event.

The placemarks are the GeoJSON features of :mod:`launchwatch.exchange.geojson` (site, landing
point, ground track, range rings), converted geometry by geometry, so the two exports always
show the same things.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from .geojson import event_features

if TYPE_CHECKING:
    from ..model import Event

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
_NAMES = {"launch_site": "Launch site", "landing_point": "Landing point",
          "ground_track": "Ground track", "range_ring": "Range ring"}
_STYLES = {"launch_site": "ff0000ff", "landing_point": "ff00a5ff", "ground_track": "ffff0000",
           "range_ring": "ff00ff00"}  # aabbggrr


def events_to_kml(events: Iterable[Event]) -> str:
    """A KML document with a folder per event."""
    ET.register_namespace("", KML_NAMESPACE)
    kml = ET.Element(f"{{{KML_NAMESPACE}}}kml")
    document = _sub(kml, "Document")
    _sub(document, "name", "launchwatch events")
    for role, colour in _STYLES.items():
        style = _sub(document, "Style", id=role)
        _sub(_sub(style, "LineStyle"), "color", colour)
        _sub(_sub(style, "IconStyle"), "color", colour)
    for event in events:
        folder = _sub(document, "Folder")
        _sub(folder, "name", _title(event))
        _sub(folder, "description", _description(event))
        for feature in event_features(event):
            _placemark(folder, feature)
    ET.indent(kml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode")


def _placemark(folder: ET.Element, feature: dict[str, Any]) -> None:
    properties = feature["properties"]
    role = properties.get("role", "")
    placemark = _sub(folder, "Placemark")
    name = _NAMES.get(role, role)
    if role == "range_ring":
        name = f"{name} {properties['range_km']:,.0f} km ({properties['label']})"
    elif role == "launch_site" and properties.get("name"):
        name = f"{name}: {properties['name']}"
    _sub(placemark, "name", name)
    _sub(placemark, "styleUrl", f"#{role}")
    data = _sub(placemark, "ExtendedData")
    for key, value in properties.items():
        if value is not None and not isinstance(value, (list, dict)):
            _sub(_sub(data, "Data", name=key), "value", str(value))
    _geometry(placemark, feature["geometry"])


def _geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    kind, coordinates = geometry["type"], geometry.get("coordinates")
    if kind == "Point":
        _sub(_sub(parent, "Point"), "coordinates", _coordinates([coordinates]))
    elif kind == "LineString":
        line = _sub(parent, "LineString")
        _sub(line, "tessellate", "1")
        _sub(line, "coordinates", _coordinates(coordinates))
    elif kind == "MultiLineString":
        multi = _sub(parent, "MultiGeometry")
        for part in coordinates:
            _geometry(multi, {"type": "LineString", "coordinates": part})
    elif kind == "Polygon":
        polygon = _sub(parent, "Polygon")
        for index, ring in enumerate(coordinates):
            boundary = _sub(polygon, "outerBoundaryIs" if index == 0 else "innerBoundaryIs")
            _sub(_sub(boundary, "LinearRing"), "coordinates", _coordinates(ring))
    elif kind == "MultiPolygon":
        multi = _sub(parent, "MultiGeometry")
        for part in coordinates:
            _geometry(multi, {"type": "Polygon", "coordinates": part})
    elif kind == "GeometryCollection":
        multi = _sub(parent, "MultiGeometry")
        for part in geometry["geometries"]:
            _geometry(multi, part)


def _coordinates(points: list[list[float]]) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat, *_ in points)


def _title(event: Event) -> str:
    what = event.value("missile_name") or event.value("missile_class") or "launch"
    return f"{event.id}: {what}"


def _description(event: Event) -> str:
    lines = [f"{name}: {field.shown()}" for name, field in event.fields.items()
             if field.best is not None]
    if event.conflicts:
        lines.append("sources disagree on " + ", ".join(event.conflicts))
    return "\n".join(lines)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{KML_NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element
