"""Regions and the stretch of their coast that faces a direction.

Japan's Ministry of Defense and South Korea's Joint Chiefs of Staff place a landing from a
whole country, a peninsula or an island chain: "about 3,200 km east of Japan", "off the east
coast of the peninsula", "west of the Kuril Islands".  Such a distance is counted from the
region's coast on that side, and which point of that coast is not said.  So a region is
measured from its *facing coast*: seen from far away in the stated direction, the points of its
land that are in front (for each lane of 10 km across the line of sight, the point farthest
that way).  "East of Japan" is counted from the Pacific coast of Hokkaido, Honshu, Shikoku and
Kyushu, 1,900 km of it from north to south: a position stated that way is that uncertain, and
:mod:`.relative` says so.

Which land a region is (``data/regions.json``): any Natural Earth country by its name, and the
entries of that file, which narrow a country to its main islands (Japan, measured from its four
main islands), join two (the Korean Peninsula) or cut an island chain out of a country with a
box (the Kuril, Nansei, Izu and Ogasawara islands).  Islands smaller than ``min_island_km2``
are left out: a statement about "the coast of South Korea" does not mean Dokdo's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np
import shapely
from pyproj import Proj

from .gazetteer import Place
from .names import NameIndex
from .natural_earth import countries

#: Width of the lanes across the line of sight in which the front-most coast point is kept.
LANE_KM = 10.0

#: Coasts are sampled about this often along their length (degrees of arc, about 3 km).
_SAMPLE_DEG = 0.03

_KM_PER_DEG = 111.32


def _area_km2(polygon: shapely.Polygon) -> float:
    """Area of a lon/lat polygon, km2, scaled at its mean latitude (enough to sort islands)."""
    lat = polygon.centroid.y
    return polygon.area * _KM_PER_DEG ** 2 * np.cos(np.radians(lat))


@dataclass(frozen=True)
class FacingCoast:
    """The stretch of a region's coast that faces ``azimuth_deg``: points (n,), in order across
    the line of sight, each the front-most of its lane."""

    azimuth_deg: float
    lat_deg: np.ndarray
    lon_deg: np.ndarray

    def __len__(self) -> int:
        return int(self.lat_deg.size)

    def middle(self) -> int:
        """Index of the middle point: the one the stretch's other points are nearest to on
        the whole, which keeps the circle around a position measured from it smallest."""
        return len(self) // 2


@dataclass(frozen=True)
class Region:
    """Land that statements measure from: a country, a peninsula, an island chain."""

    name: str
    kind: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    box_lon_lat: tuple[float, float, float, float] | None = None
    min_island_km2: float = 0.0
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @cached_property
    def land(self) -> shapely.Geometry:
        """The region's land, lon/lat degrees."""
        data = countries()
        parts = []
        for country in self.countries:
            geometry = data.geometry[list(data.name).index(country)]
            if self.box_lon_lat is not None:
                geometry = shapely.clip_by_rect(geometry, *self.box_lon_lat)
            parts.extend(p for p in shapely.get_parts(geometry)
                         if isinstance(p, shapely.Polygon)
                         and _area_km2(p) >= self.min_island_km2)
        # One land: the border between two countries of a peninsula is no coast.
        merged = shapely.union_all(parts)
        return shapely.MultiPolygon([p for p in shapely.get_parts(merged)
                                     if isinstance(p, shapely.Polygon)])

    @cached_property
    def place(self) -> Place:
        """The region as a gazetteer place: a point inside its land, and as ``extent_km``
        the farthest its coast is from that point."""
        # A point inside the largest island: Honshu for Japan, not the first polygon listed.
        largest = max(shapely.get_parts(self.land), key=lambda p: p.area)
        point = shapely.point_on_surface(largest)
        lat, lon = self.coast_points
        projection = self._projection
        x, y = projection(lon, lat)
        px, py = projection(point.x, point.y)
        extent_km = float(np.max(np.hypot(x - px, y - py))) / 1000.0
        return Place(name=self.name, lat_deg=point.y, lon_deg=point.x, kind=self.kind,
                     country=self.countries[0] if len(self.countries) == 1 else None,
                     aliases=self.aliases, source="Natural Earth 1:10m land (geo/coasts.py)",
                     note=self.note, measure_from="coast", extent_km=extent_km)

    @cached_property
    def _projection(self) -> Proj:
        # Azimuthal equidistant about the region: directions and distances from its middle
        # are true, which is what "in front, seen from the east" needs.
        centre = self.land.centroid
        return Proj(proj="aeqd", lat_0=centre.y, lon_0=centre.x, ellps="WGS84")

    @cached_property
    def coast_points(self) -> tuple[np.ndarray, np.ndarray]:
        """(lat_deg (n,), lon_deg (n,)) along the edge of the land, about 3 km apart: coasts,
        and land borders, which "north of the Korean Peninsula" is measured from."""
        boundary = shapely.segmentize(shapely.boundary(self.land), _SAMPLE_DEG)
        xy = shapely.get_coordinates(boundary)
        return xy[:, 1], xy[:, 0]

    def facing_coast(self, azimuth_deg: float) -> FacingCoast:
        """The points of the coast that face ``azimuth_deg`` (module docstring)."""
        lat, lon = self.coast_points
        x, y = self._projection(lon, lat)
        theta = np.radians(azimuth_deg)
        along = x * np.sin(theta) + y * np.cos(theta)
        across = x * np.cos(theta) - y * np.sin(theta)
        lane = np.floor(across / (LANE_KM * 1000.0)).astype(np.int64)
        # Sort by lane, then by how far forward; the last point of each lane is its front.
        order = np.lexsort((along, lane))
        last = np.flatnonzero(np.diff(lane[order], append=lane[order][-1] + 1))
        front = order[last]
        return FacingCoast(float(azimuth_deg), lat[front], lon[front])


def _region(item: dict) -> Region:
    box = item.get("box_lon_lat")
    return Region(name=item["name"], kind=item["kind"], countries=tuple(item["countries"]),
                  aliases=tuple(item.get("aliases", ())),
                  box_lon_lat=tuple(box) if box else None,
                  min_island_km2=float(item.get("min_island_km2", 0.0)), note=item.get("note"))


#: Islands smaller than this are not part of a country named as a region without an entry
#: in ``regions.json`` (a statement about a country's coast means its main land).
DEFAULT_MIN_ISLAND_KM2 = 1000.0


class Regions:
    """The regions of ``data/regions.json`` and every Natural Earth country, by name."""

    def __init__(self, listed: tuple[Region, ...]) -> None:
        self._index: NameIndex[Region] = NameIndex()
        for region in listed:
            self._index.add_exact(region, region.names)
        self._listed = {region.name for region in listed}
        self._made: dict[str, Region] = {}

    def get(self, name: str) -> Region | None:
        """The region called ``name`` (exactly, after folding case and punctuation)."""
        found = self._index.get(name, fuzzy=False)
        if found is not None:
            return found
        folded = name.strip().lower()
        for country in countries().name:
            if country.lower() == folded and country not in self._listed:
                if country not in self._made:
                    self._made[country] = Region(country, "country", (country,),
                                                 min_island_km2=DEFAULT_MIN_ISLAND_KM2)
                return self._made[country]
        return None


@lru_cache(maxsize=1)
def regions() -> Regions:
    """The shipped regions (shared, built once; their land is computed on first use)."""
    text = resources.files("launchwatch.geo.data").joinpath("regions.json").read_text(
        encoding="utf-8")
    return Regions(tuple(_region(item) for item in json.loads(text)["regions"]))
