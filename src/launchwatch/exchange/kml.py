"""Events as KML 2.2 (OGC 07-147r2) for Google Earth, written with fastkml: a folder per event.

An event's folder holds the placemarks of its GeoJSON features
(:func:`launchwatch.exchange.geojson.event_features`: launch site, landing point, ground track,
range rings, drawn on the ground), so the two exports show the same things, and its flight path
in three dimensions (:func:`flight_path`).  The folder carries a ``TimeStamp``, so Google
Earth's time slider plays the launches in order: the launch's UTC instant where its time is
known, else its date (or month, or year, as precisely as the sources give it).  Every placemark
lists the event's figures in its ``ExtendedData``, which Google Earth shows as a table when the
placemark is clicked.  Names and descriptions come from report text; fastkml escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pygeoif
from fastkml import (KML, Data, Document, ExtendedData, Folder, IconStyle, KmlDateTime,
                     LineString, LineStyle, Placemark, Style, StyleUrl, TimeStamp,
                     create_kml_geometry)
from fastkml.enums import AltitudeMode, DateTimeResolution

from .. import geo
from ..physics.arc_profile import arc_altitude_km
from .geojson import event_features, event_figures
from .numbers import clean, clean_number

if TYPE_CHECKING:
    from ..model import Event

_NAMES = {"launch_site": "Launch site", "landing_point": "Landing point",
          "ground_track": "Ground track", "range_ring": "Range ring",
          "flight_path": "Flight path"}
_COLOURS = {"launch_site": "ff0000ff", "landing_point": "ff00a5ff", "ground_track": "ffff0000",
            "range_ring": "ff00ff00", "flight_path": "ff00ffff"}  # aabbggrr
_RESOLUTIONS = {"day": DateTimeResolution.date, "month": DateTimeResolution.year_month,
                "year": DateTimeResolution.year}

FLIGHT_PATH_POINTS = 65
"""Vertices of a flight path, spaced closer near launch and impact, where the arc is steepest."""


def events_to_kml(events: Iterable[Event]) -> str:
    """A KML document with a folder per event (module docstring)."""
    styles = [Style(id=role, styles=[LineStyle(color=colour, width=2.0),
                                     IconStyle(color=colour)])
              for role, colour in _COLOURS.items()]
    document = Document(name="launchwatch events", styles=styles,
                        features=[_folder(event) for event in events])
    return KML(features=[document]).to_string(prettyprint=True)


def flight_path(event: Event) -> list[tuple[float, float, float]] | None:
    """The flight in three dimensions, ``(lon_deg, lat_deg, altitude_m)`` from launch to impact:
    the ellipse through the reported apogee (:func:`launchwatch.physics.arc_profile.
    arc_altitude_km`) above the geodesic from the launch site to the assessed landing point.
    None where the event has no site, landing point or reconstructed trajectory."""
    assessment = event.assessment
    site = event.mapped_launch_point
    if assessment is None or site is None or not (assessment.trajectory.ok
                                                  and assessment.landing_point.ok):
        return None
    apogee = assessment.trajectory.inputs.apogee_km
    landing = assessment.landing_point.value
    if apogee is None or landing.lat_deg is None or landing.lon_deg is None:
        return None
    azimuth, length_km = geo.inverse(site[0], site[1], landing.lat_deg, landing.lon_deg)
    fractions = (1.0 - np.cos(np.linspace(0.0, np.pi, FLIGHT_PATH_POINTS))) / 2.0
    altitude_km = arc_altitude_km(float(length_km), apogee.value, fractions)
    if not np.all(np.isfinite(altitude_km)):
        return None
    lat, lon = geo.destination(site[0], site[1], float(azimuth), fractions * float(length_km))
    # Six decimals of a degree and whole metres, as the GeoJSON export writes its numbers.
    return [(clean_number(float(x)), clean_number(float(y)), round(float(z) * 1000.0))
            for x, y, z in zip(lon, lat, altitude_km)]


def _folder(event: Event) -> Folder:
    placemarks = [_placemark(feature["properties"], pygeoif.shape(feature["geometry"]))
                  for feature in event_features(event)]
    figures = clean(event_figures(event))
    path = flight_path(event)
    if path is not None:
        apogee_km = event.assessment.trajectory.inputs.apogee_km.value  # type: ignore[union-attr]
        placemarks.append(_placemark(
            {**figures, "role": "flight_path", "apogee_km": apogee_km},
            LineString(geometry=pygeoif.LineString(path), altitude_mode=AltitudeMode.absolute,
                       extrude=False, tessellate=False)))
    return Folder(name=_title(event), description=_description(event),
                  times=_when(event, figures["launch_utc"]), features=placemarks)


def _placemark(properties: dict[str, Any], geometry: Any) -> Placemark:
    role = properties.get("role", "")
    name = _NAMES.get(role, role)
    if role == "range_ring":
        name = f"{name} {properties['range_km']:,.0f} km ({properties['label']})"
    elif role == "launch_site" and properties.get("name"):
        name = f"{name}: {properties['name']}"
    elif role == "flight_path":
        name = f"{name}, apogee {properties['apogee_km']:,g} km"
    if not isinstance(geometry, LineString):  # a flight path comes built, in three dimensions
        geometry = create_kml_geometry(geometry, tessellate=True)
    data = [Data(name=key, value=_text(value)) for key, value in properties.items()
            if value not in (None, [], {})]
    return Placemark(name=name, style_url=StyleUrl(url=f"#{role}"),
                     extended_data=ExtendedData(elements=data), kml_geometry=geometry)


def _when(event: Event, launch_utc: str | None) -> TimeStamp | None:
    """The launch's UTC instant (ISO 8601, as :func:`event_figures` writes it), else its local
    date at the precision the sources give."""
    if launch_utc is not None:
        return TimeStamp(timestamp=KmlDateTime(datetime.fromisoformat(launch_utc)))
    if event.date_local is None:
        return None
    resolution = _RESOLUTIONS.get(event.date_precision, DateTimeResolution.date)
    return TimeStamp(timestamp=KmlDateTime(event.date_local, resolution))


def _text(value: Any) -> str:
    """A property as a table cell: lists joined, bools in KML's spelling (xsd:boolean)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(item)}" for key, item in value.items())
    return str(value)


def _title(event: Event) -> str:
    what = event.value("missile_name") or event.value("missile_class") or "launch"
    return f"{event.id}: {what}"


def _description(event: Event) -> str:
    lines = [f"{name}: {field.shown()}" for name, field in event.fields.items()
             if field.best is not None]
    if event.conflicts:
        lines.append("sources disagree on " + ", ".join(event.conflicts))
    return "\n".join(lines)
