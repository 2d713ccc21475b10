"""What kind of place a point is: land or sea, which country, which sea, whose waters.

``classify_points(lats, lons)`` answers for a million points in well under a second once the
layers are built (about three seconds, once per process, the first time: Natural Earth is read
and gridded, see :mod:`launchwatch.geo.layers`).  ``classify(lat, lon)`` is the same call for one
point.

* land and country: Natural Earth 10 m admin-0 polygons (:mod:`launchwatch.geo.natural_earth`);
  a point on a coastline counts as land;
* sea names: the coarse polygons of ``data/waters.json`` (first match in their order);
* maritime zones: nearest-coast 200-nmi zones with median lines (:mod:`launchwatch.geo.eez`):
  ``claimant`` by the coasts as administered, ``inside_japan_eez`` by Japan's claim (with the
  Northern Territories and Takeshima), beyond its 12-nmi territorial sea.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from .eez import coastline_zones
from .gazetteer import load_waters
from .layers import NONE, PolygonLayer
from .natural_earth import countries


def wrap_geometry(geometry: shapely.Geometry) -> shapely.Geometry:
    """A lon/lat geometry whose longitudes may run past +-180, cut at the antimeridian and
    folded back into [-180, 180]."""
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        box = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        part = shapely.intersection(geometry, box)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, s=shift: xy + np.array([s, 0.0])))
    return shapely.union_all(pieces) if pieces else shapely.Polygon()


@lru_cache(maxsize=1)
def land_layer() -> PolygonLayer:
    """Countries of Natural Earth as a grid-accelerated layer (built once)."""
    return PolygonLayer(countries().geometry)


@lru_cache(maxsize=1)
def water_layer() -> PolygonLayer:
    """Named waters (in their priority order) as a grid-accelerated layer (built once)."""
    polygons = [wrap_geometry(shapely.Polygon(w.polygon_lon_lat)) for w in load_waters()]
    return PolygonLayer(polygons)


@dataclass(frozen=True)
class Zone:
    """What one point is.  ``sea`` is the outermost named water (Sea of Japan), ``water``
    the most specific (Yonghung Bay); ``claimant`` the state whose 200-nmi zone holds a sea
    point (East Asia only; None elsewhere)."""

    lat_deg: float
    lon_deg: float
    surface: str  # "land" or "sea"
    country: str | None
    sea: str | None
    water: str | None
    claimant: str | None
    maritime_zone: str | None  # "territorial sea", "EEZ" or None
    coast_distance_km: float | None
    inside_japan_eez: bool

    def to_record(self) -> dict[str, Any]:
        return {
            "lat_deg": self.lat_deg, "lon_deg": self.lon_deg, "surface": self.surface,
            "country": self.country, "sea": self.sea, "water": self.water,
            "claimant": self.claimant, "maritime_zone": self.maritime_zone,
            "coast_distance_km": self.coast_distance_km,
            "inside_japan_eez": self.inside_japan_eez,
        }


@dataclass(frozen=True)
class Zones:
    """:class:`Zone` fields as arrays of the query's shape (object arrays hold None)."""

    lat_deg: np.ndarray
    lon_deg: np.ndarray
    is_land: np.ndarray
    country: np.ndarray
    sea: np.ndarray
    water: np.ndarray
    claimant: np.ndarray
    maritime_zone: np.ndarray
    coast_distance_km: np.ndarray
    inside_japan_eez: np.ndarray

    def __len__(self) -> int:
        return int(self.is_land.size)

    def __getitem__(self, i) -> Zone:
        """One point's zone; ``i`` indexes the flattened arrays."""
        distance = float(self.coast_distance_km.ravel()[i])
        return Zone(
            lat_deg=float(self.lat_deg.ravel()[i]), lon_deg=float(self.lon_deg.ravel()[i]),
            surface="land" if self.is_land.ravel()[i] else "sea",
            country=self.country.ravel()[i], sea=self.sea.ravel()[i],
            water=self.water.ravel()[i], claimant=self.claimant.ravel()[i],
            maritime_zone=self.maritime_zone.ravel()[i],
            coast_distance_km=None if np.isnan(distance) else distance,
            inside_japan_eez=bool(self.inside_japan_eez.ravel()[i]))


@lru_cache(maxsize=1)
def _water_tables() -> tuple[list[str], np.ndarray]:
    """Names of the waters, and for each the index of the outermost water it is part of
    (with a trailing NONE so that index -1 maps to NONE)."""
    waters = load_waters()
    by_name = {w.name: i for i, w in enumerate(waters)}
    outermost = []
    for w in waters:
        while w.part_of in by_name:
            w = waters[by_name[w.part_of]]
        outermost.append(by_name[w.name])
    return [w.name for w in waters], np.array(outermost + [NONE])


def _names_with_none(names: list[str | None], index: np.ndarray) -> np.ndarray:
    table = np.array(names + [None], dtype=object)  # index -1 -> None
    return table[index]


def classify_points(lat_deg, lon_deg) -> Zones:
    """Classify points given as arrays (any shapes that broadcast) of degrees."""
    lat, lon = np.broadcast_arrays(np.asarray(lat_deg, float), np.asarray(lon_deg, float))
    lon = (lon + 180.0) % 360.0 - 180.0
    country_idx = land_layer().lookup(lat, lon)
    water_idx = water_layer().lookup(lat, lon)
    # The water polygons cover every sea; a point in neither a country nor a water is land
    # Natural Earth leaves unassigned (the disputed Abyei area between the two Sudans).
    is_land = (country_idx != NONE) | (water_idx == NONE)
    water_idx = np.where(is_land, NONE, water_idx)
    names, outermost = _water_tables()
    sea_idx = np.where(water_idx == NONE, NONE, outermost[water_idx])
    zones = coastline_zones().zones(lat, lon, at_sea=~is_land)
    return Zones(
        lat_deg=lat, lon_deg=lon, is_land=is_land,
        country=_names_with_none(list(countries().name), country_idx),
        sea=_names_with_none(names, sea_idx), water=_names_with_none(names, water_idx),
        claimant=zones.claimant, maritime_zone=zones.zone,
        coast_distance_km=zones.coast_distance_km,
        inside_japan_eez=zones.inside_japan_eez)


def classify(lat_deg: float, lon_deg: float) -> Zone:
    """Classify one point (the same code path as :func:`classify_points`)."""
    return classify_points(np.atleast_1d(lat_deg), np.atleast_1d(lon_deg))[0]
