"""Geodesic range rings: every point at one distance from a site, on the WGS84 ellipsoid.

A ring is computed by the geodesic direct problem along evenly spaced azimuths, so it is the
true locus of points at that distance, not a flat circle: at 13 000 km from Pyongyang it bends
over the North Pole and around the antimeridian.  For GeoJSON (RFC 7946 section 3.1.9) the
ring is cut where it crosses the antimeridian, and the reachable area (the disc) is built in
the plane of longitude and latitude with the poles it contains:

* distance to the North Pole and to the South Pole decide which poles lie inside the disc;
* with exactly one pole inside, the ring winds once around the Earth's axis: the disc is the
  band between the ring and that pole;
* with none (or both) inside, the ring unwrapped in longitude is a closed loop: the disc is its
  inside (or, with both poles, its outside: everything but a cap around the antipode).

The result is then cut at +-180 degrees into a MultiPolygon with counter-clockwise exteriors.

A range that reaches any point on Earth (:data:`launchwatch.model.ANY_POINT_ON_EARTH_KM`) has
no ring to draw: its points bunch at the antipode (or, past the antipode's distance, wrap
back into a small circle that is no limit of anything).  Its ``line()`` is empty and its
``disc()`` the whole world.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from ..model.assessment import reaches_anywhere
from .geodesy import destination, distance_km, wrap_lon_deg

#: Geodesic distance from a pole to the opposite pole along a meridian, WGS84 (km).
_MERIDIAN_HALF_KM = 20003.931


def _fold_into_world(geometry: shapely.Geometry) -> shapely.Geometry:
    """Cut a geometry drawn in unwrapped longitudes at +-180 and shift the pieces home."""
    pieces = []
    for k in range(-2, 3):
        box = shapely.box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        part = shapely.intersection(geometry, box)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, s=360.0 * k: xy - np.array([s, 0])))
    # Pieces from neighbouring boxes meet along a meridian inside the world: merge them.
    merged = shapely.union_all(pieces) if pieces else shapely.Polygon()
    polygons = [p for p in shapely.get_parts(merged)
                if isinstance(p, shapely.Polygon) and p.area > 0]
    return shapely.orient_polygons(shapely.MultiPolygon(polygons))


@dataclass(frozen=True)
class RangeRing:
    """The points at ``range_km`` from a site: ``lat_deg``/``lon_deg`` of shape (n,), in
    azimuth order from north, with longitudes in [-180, 180)."""

    site_lat_deg: float
    site_lon_deg: float
    range_km: float
    lat_deg: np.ndarray
    lon_deg: np.ndarray

    @classmethod
    def around(cls, lat_deg: float, lon_deg: float, range_km: float,
               n_points: int = 721) -> RangeRing:
        """The ring of ``n_points`` points (azimuths every 360/(n-1) deg, the first repeated
        last so the ring closes)."""
        azimuth = np.linspace(0.0, 360.0, n_points)
        lat, lon = destination(lat_deg, lon_deg, azimuth, range_km)
        return cls(float(lat_deg), float(lon_deg), float(range_km), lat, wrap_lon_deg(lon))

    @property
    def contains_north_pole(self) -> bool:
        return bool(distance_km(self.site_lat_deg, self.site_lon_deg, 90.0, 0.0) < self.range_km)

    @property
    def contains_south_pole(self) -> bool:
        return bool(distance_km(self.site_lat_deg, self.site_lon_deg, -90.0, 0.0)
                    < self.range_km)

    @property
    def covers_earth(self) -> bool:
        """True when the range reaches every point: beyond the antipode's distance, or at
        least the range the assessment calls "any point on Earth"."""
        antipode_km = distance_km(self.site_lat_deg, self.site_lon_deg, -self.site_lat_deg,
                                  self.site_lon_deg + 180.0)
        return bool(reaches_anywhere(self.range_km)
                    or self.range_km >= min(float(antipode_km), _MERIDIAN_HALF_KM))

    def _unwrapped_lon_deg(self) -> np.ndarray:
        return np.degrees(np.unwrap(np.radians(self.lon_deg)))

    def line(self) -> shapely.MultiLineString:
        """The ring as lon/lat lines, cut at the antimeridian; empty when the range covers
        the Earth."""
        if self.covers_earth:
            return shapely.MultiLineString([])
        lon = self._unwrapped_lon_deg()
        line = shapely.LineString(np.column_stack([lon, self.lat_deg]))
        pieces = []
        for k in range(-2, 3):
            box = shapely.box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
            part = shapely.intersection(line, box)
            if not part.is_empty:
                shifted = shapely.transform(part, lambda xy, s=360.0 * k: xy - np.array([s, 0]))
                pieces.extend(p for p in shapely.get_parts(shifted)
                              if isinstance(p, shapely.LineString) and p.length > 0)
        return shapely.line_merge(shapely.MultiLineString(pieces)) if pieces else \
            shapely.MultiLineString([])

    def disc(self) -> shapely.Geometry:
        """The reachable area as lon/lat polygons, cut at the antimeridian."""
        if self.covers_earth:
            return shapely.MultiPolygon([shapely.box(-180.0, -90.0, 180.0, 90.0)])
        north, south = self.contains_north_pole, self.contains_south_pole
        lon = self._unwrapped_lon_deg()
        lat = self.lat_deg
        if north != south:
            # One pole inside: the ring spans 360 deg of longitude; close it along the pole.
            pole = 90.0 if north else -90.0
            coords = np.column_stack([lon, lat])
            closing = np.array([[lon[-1], pole], [lon[0], pole]])
            band = shapely.Polygon(np.vstack([coords, closing]))
            # The band spans exactly 360 deg of longitude from lon[0]: folded, it tiles the
            # world once.
            return _fold_into_world(shapely.make_valid(band))
        loop = shapely.make_valid(shapely.Polygon(np.column_stack([lon, lat])))
        if not north:
            return _fold_into_world(loop)
        # Both poles inside: the disc is the world but a cap around the antipode.
        world = shapely.box(-180.0, -90.0, 180.0, 90.0)
        holes = [shapely.transform(loop, lambda xy, s=s: xy + [s, 0])
                 for s in (-720.0, -360.0, 0.0, 360.0, 720.0)]
        return _fold_into_world(shapely.difference(world, shapely.union_all(holes)))

    def to_geojson(self) -> dict[str, Any]:
        """A FeatureCollection: the ring (MultiLineString) and the disc (MultiPolygon)."""
        props = {"site_lat_deg": self.site_lat_deg, "site_lon_deg": self.site_lon_deg,
                 "range_km": self.range_km}
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": mapping(self.line()),
             "properties": {**props, "role": "ring"}},
            {"type": "Feature", "geometry": mapping(self.disc()),
             "properties": {**props, "role": "reach"}},
        ]}
