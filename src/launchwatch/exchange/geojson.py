"""Events as GeoJSON (RFC 7946): launch sites, landing points, ground tracks and range rings.

Each event gives up to four kinds of feature, told apart by the ``role`` property:
``launch_site`` (Point), ``landing_point`` (Point, with its uncertainty and zone),
``ground_track`` (LineString, MultiLineString across the antimeridian) and ``range_ring``
(the geodesic ring at the minimum-energy range and at each end of its interval).

Every feature carries the event's figures (:func:`event_figures`: its best values and the
assessment's headline, as :meth:`Event.to_record` lists them, and the launch's UTC instant), so
a layer filtered to launch sites still says what flew; then the properties of its role.
A figure that is not known is left out rather than written as null.  Geometry comes from
:mod:`launchwatch.geo` (tracks, rings) and the event's assessment; nothing here does geodesy.
Lines are thinned well within their uncertainty (:data:`TRACK_TOLERANCE_KM`,
:data:`RING_TOLERANCE`) and numbers written clean (:mod:`.numbers`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

# The package, not its modules: launchwatch.geo loads GroundTrack and RangeRing (pyproj,
# NumPy; about 100 ms) on first use, so importing the exchange formats stays cheap.
from .. import geo
from ..model.assessment import reaches_anywhere
from ..model.clock import zoned
from .numbers import clean

if TYPE_CHECKING:
    from ..model import Event

RING_POINTS = 361

TRACK_TOLERANCE_KM = 1.0
"""How far a thinned ground track may stray from the computed one: a track ends at a landing
point known to some km at best; it is computed a point every 2 km to find the land it crosses,
which a map does not need."""

RING_TOLERANCE = 0.005
"""How far a thinned range ring may stray from the computed one, as a fraction of its radius:
a radius is known to 5-10 % at best (the interval between the rings of its 5 % and 95 %
bounds), ten times more."""

# Tolerances in degrees: a degree of latitude is 111.2 km, a degree of longitude no more, so
# no point moves farther than the tolerance in km.
_KM_PER_DEG = 111.2


def event_figures(event: Event) -> dict[str, Any]:
    """The event's figures as flat properties: ``event_id``, its best values and the
    assessment's headline (:meth:`Event.to_record`, whose ``id`` is renamed ``event_id``), and
    ``launch_utc``, the launch instant in UTC (ISO 8601) where its date, time and launching
    state are known."""
    record = event.to_record()
    figures = {"event_id": record.pop("id"), **record}
    when = zoned(event.country, event.date_local, event.time_local)
    figures["launch_utc"] = when.utc.isoformat().replace("+00:00", "Z") if when else None
    return figures


def event_features(event: Event) -> list[dict[str, Any]]:
    """The event's features (module docstring); those its assessment lacks are left out."""
    figures = event_figures(event)
    features = []
    site = event.mapped_launch_point
    if site is not None:
        features.append(_point(site, {**figures, "role": "launch_site",
                                      "name": event.value("launch_site")}))
    assessment = event.assessment
    landing = None
    if assessment is not None and assessment.landing_point.ok:
        value = assessment.landing_point.value
        landing = (value.lat_deg, value.lon_deg)
        zone = assessment.landing_zone.value.summary if assessment.landing_zone.ok else None
        features.append(_point(landing, {**figures, "role": "landing_point",
                                         "method": value.method,
                                         "uncertainty_km": value.uncertainty_km,
                                         "landing_area": event.value("landing_area"),
                                         "zone": zone}))
    if site is not None and landing is not None:
        track = geo.GroundTrack.geodesic(site[0], site[1], landing[0], landing[1]).to_geojson()
        features.append(_line(track, TRACK_TOLERANCE_KM, {**figures, "role": "ground_track",
                                                          **track["properties"]}))
    if assessment is not None and assessment.reach.ok:
        reach = assessment.reach.value
        lat, lon = reach.site
        met = reach.range_km
        for radius in reach.rings_km or []:
            if reaches_anywhere(radius):  # a speck at the antipode, which says nothing
                continue
            ring = geo.RangeRing.around(lat, lon, radius,
                                        RING_POINTS).to_geojson()["features"][0]
            label = "minimum-energy range" if radius == met else (
                "5 % bound" if radius < met else "95 % bound")
            features.append(_line(ring, RING_TOLERANCE * radius,
                                  {**figures, "role": "range_ring", "range_km": radius,
                                   "label": label}))
    for feature in features:
        feature["properties"] = {key: value for key, value in feature["properties"].items()
                                 if value is not None}
    return clean(features)


def events_to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """One FeatureCollection of every event's features."""
    return {"type": "FeatureCollection",
            "features": [feature for event in events for feature in event_features(event)]}


def _point(lat_lon: tuple[float, float], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lat_lon[1], lat_lon[0]]},
            "properties": properties}


def _line(feature: dict[str, Any], tolerance_km: float,
          properties: dict[str, Any]) -> dict[str, Any]:
    """A track or ring feature from :mod:`launchwatch.geo`, thinned to ``tolerance_km``, with
    ``properties``."""
    # start-up cost: shapely (about 140 ms with NumPy) loads when a line is first drawn, as
    # launchwatch.geo's lines do, not when the exchange formats are imported.
    import shapely
    from shapely.geometry import mapping, shape

    thinned = shapely.simplify(shape(feature["geometry"]), tolerance_km / _KM_PER_DEG,
                               preserve_topology=False)
    return {"type": "Feature", "geometry": mapping(thinned), "properties": properties}


def geojson_text(collection: dict[str, Any]) -> str:
    """The collection as a file's text, a feature a line: compact, yet a reader (or ``grep``)
    finds each feature on its own line."""
    lines = ",\n".join(json.dumps(feature, ensure_ascii=False, allow_nan=False,
                                  separators=(",", ":"))
                       for feature in collection["features"])
    return f'{{"type":"FeatureCollection","features":[\n{lines}\n]}}\n'
