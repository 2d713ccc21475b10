"""launchwatch.geo: places, zones and distances on the real Earth.

Knows nothing of reports or databases.  Importing it is cheap: modules (pyproj, shapely, the
Natural Earth polygons, the city list) load on first use and are cached for the process.

* :mod:`.gazetteer` - sites, landmarks, waters and cities by name:
  ``Gazetteer.default().site("Sunan")``
* :mod:`.sites` - a report's site phrase on the map: ``locate_site("the Sunan area of
  Pyongyang")``, and the distance between two sites
* :mod:`.relative` - ``resolve_relative("about 250 km west of Okushiri Island")`` -> a point
  with its rounding uncertainty
* :mod:`.zones` - ``classify(lat, lon)`` / ``classify_points(lats, lons)``: land or sea,
  country, sea, maritime zone, inside Japan's EEZ
* :mod:`.rings` - geodesic range rings as GeoJSON
* :mod:`.track` - ground tracks and the countries they overfly
* :mod:`.maps` - static PNG/PDF maps
* :mod:`.geodesy` - WGS84 distances, bearings and destinations (pyproj)
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "Gazetteer": ".gazetteer", "Place": ".gazetteer", "Site": ".gazetteer", "Water": ".gazetteer",
    "SitePoint": ".sites", "locate_site": ".sites", "site_distance_km": ".sites",
    "RelativeLocation": ".relative", "resolve_relative": ".relative",
    "states_offset": ".relative", "names_landmark": ".relative",
    "is_cjk": ".relative_cjk", "place_candidates": ".relative_cjk",
    "Zone": ".zones", "Zones": ".zones", "classify": ".zones", "classify_points": ".zones",
    "RangeRing": ".rings",
    "GroundTrack": ".track", "Overflight": ".track",
    "MapView": ".maps", "draw_map": ".maps",
    "destination": ".geodesy", "distance_km": ".geodesy", "inverse": ".geodesy",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
