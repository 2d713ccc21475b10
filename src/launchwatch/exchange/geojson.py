"""Events as GeoJSON (RFC 7946): launch sites, landing points, ground tracks and range rings.

Each event gives up to four kinds of feature, told apart by the ``role`` property:
``launch_site`` (Point), ``landing_point`` (Point, with its uncertainty and zone),
``ground_track`` (LineString, MultiLineString across the antimeridian) and ``range_ring``
(the geodesic ring at the minimum-energy range and at each end of its interval).  Every feature
carries the event's id, date, class and name.  Geometry comes from :mod:`launchwatch.geo`
(tracks, rings) and the event's assessment; nothing here does geodesy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

# The package, not its modules: launchwatch.geo loads GroundTrack and RangeRing (pyproj,
# NumPy; about 100 ms) on first use, so importing the exchange formats stays cheap.
from .. import geo

if TYPE_CHECKING:
    from ..model import Event

RING_POINTS = 361


def event_features(event: Event) -> list[dict[str, Any]]:
    """The event's features (module docstring); those its assessment lacks are left out."""
    common = {"event_id": event.id,
              "date_local": event.date_local.isoformat() if event.date_local else None,
              "country": event.country, "missile_class": event.value("missile_class"),
              "missile_name": event.value("missile_name")}
    features = []
    site = event.mapped_launch_point
    if site is not None:
        features.append(_point(site, {**common, "role": "launch_site",
                                      "name": event.value("launch_site")}))
    assessment = event.assessment
    landing = None
    if assessment is not None and assessment.landing_point.ok:
        value = assessment.landing_point.value
        landing = (value.lat_deg, value.lon_deg)
        zone = assessment.landing_zone.value.summary if assessment.landing_zone.ok else None
        features.append(_point(landing, {**common, "role": "landing_point",
                                         "method": value.method,
                                         "uncertainty_km": value.uncertainty_km,
                                         "landing_area": event.value("landing_area"),
                                         "zone": zone}))
    if site is not None and landing is not None:
        track = geo.GroundTrack.geodesic(site[0], site[1], landing[0], landing[1]).to_geojson()
        track["properties"] = {**common, "role": "ground_track", **track["properties"]}
        features.append(track)
    if assessment is not None and assessment.reach.ok:
        reach = assessment.reach.value
        lat, lon = reach.site
        met = reach.range_km
        for radius in reach.rings_km or []:
            ring = geo.RangeRing.around(lat, lon, radius,
                                        RING_POINTS).to_geojson()["features"][0]
            label = "minimum-energy range" if radius == met else (
                "5 % bound" if radius < met else "95 % bound")
            ring["properties"] = {**common, "role": "range_ring", "range_km": radius,
                                  "label": label}
            features.append(ring)
    return features


def events_to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """One FeatureCollection of every event's features."""
    return {"type": "FeatureCollection",
            "features": [feature for event in events for feature in event_features(event)]}


def _point(lat_lon: tuple[float, float], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lat_lon[1], lat_lon[0]]},
            "properties": properties}
