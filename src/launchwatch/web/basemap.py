"""The map's only background, built from the geography the geo package ships.

Two GeoJSON files, each built once per process, kept in memory as JSON and gzip, and served
by the app itself (no tile server is involved):

* :func:`outlines`: country outlines from Natural Earth, simplified to about 0.05 degrees (some
  5 km, plenty at the zooms a launch map uses), each with the point its name is written at and
  the zoom from which it is;
* :func:`waters`: the names of seas and oceans at the label points of ``geo/data/waters.json``,
  and Japan's EEZ as Japan claims it, traced from the same nearest-coast rule that answers
  "inside Japan's EEZ?" (:mod:`launchwatch.geo.eez`) and that the static map draws
  (:func:`launchwatch.geo.maps.draw_map`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.ops import polylabel

from ..geo.eez import coastline_zones
from ..geo.gazetteer import load_waters
from ..geo.natural_earth import countries

SIMPLIFY_DEG = 0.05
GRID_DEG = 0.01

# Country names appear as the map zooms in, the largest first: a country whose largest part
# covers at least this many square degrees is named from the zoom beside it.  At zoom 3 (the
# whole of East Asia) only the likes of China, Mongolia and Japan are named; from zoom 5 (the
# Korean peninsula filling the map) every country is.
COUNTRY_LABEL_ZOOMS = ((150.0, 2), (20.0, 3), (4.0, 4), (0.0, 5))
# Oceans are named on a world view, seas once a region fills the map, bays up close; a water
# that is part of another (Yonghung Bay of East Korea Bay of the Sea of Japan) a zoom later
# for each step, so that the larger water's name comes first.
WATER_LABEL_ZOOMS = {"ocean": 1, "sea": 3, "gulf": 4, "strait": 5, "bay": 5}

# Japan's EEZ is traced on a grid of this step over this box (lon_min, lat_min, lon_max,
# lat_max): 200 nmi beyond every Japanese coast from Yonaguni (123 E) to Minamitorishima
# (154 E) and from Okinotorishima (20 N) to Hokkaido (45.5 N).  A step of 0.1 degree (about
# 10 km) is finer than the zone's own approximation near a median line (see geo/eez.py).
EEZ_GRID_DEG = 0.1
EEZ_BOX_DEG = (117.0, 14.0, 162.0, 50.0)

_lock = threading.Lock()


@dataclass(frozen=True)
class GeoFile:
    """A GeoJSON document ready to serve: its bytes, gzipped bytes, ETag and feature count."""

    json_bytes: bytes
    gzip_bytes: bytes
    etag: str
    count: int


def outlines() -> GeoFile:
    """The country outlines, built on first use (a few seconds) and shared afterwards."""
    with _lock:
        return _build_outlines()


def waters() -> GeoFile:
    """Sea names and Japan's EEZ, built on first use and shared afterwards."""
    with _lock:
        return _build_waters()


def _geo_file(features: list[dict[str, Any]]) -> GeoFile:
    data = json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode()
    return GeoFile(json_bytes=data, gzip_bytes=gzip.compress(data, 6),
                   etag='"' + hashlib.sha256(data).hexdigest()[:20] + '"', count=len(features))


@lru_cache(maxsize=1)
def _build_outlines() -> GeoFile:
    world = countries()
    simple = shapely.set_precision(
        shapely.simplify(world.geometry, SIMPLIFY_DEG, preserve_topology=True), GRID_DEG)
    features = []
    for name, code, geometry in zip(world.name, world.code, simple):
        if geometry.is_empty:
            continue
        label_lon, label_lat, area = _label_point(geometry)
        zoom = next(zoom for least, zoom in COUNTRY_LABEL_ZOOMS if area >= least)
        features.append({"type": "Feature",
                         "properties": {"name": name, "code": code,
                                        "label": [label_lon, label_lat], "label_zoom": zoom,
                                        "label_area": round(area, 1)},
                         "geometry": shapely.geometry.mapping(geometry)})
    return _geo_file(features)


def _label_point(geometry: shapely.Geometry) -> tuple[float, float, float]:
    """Where a country's name goes: the pole of inaccessibility of its largest part (the
    point inside it farthest from its edge, Garcia-Castellanos & Lombardo 2007, as
    ``shapely.polylabel`` computes it), so that the name sits well inside the land; with that
    part's area in square degrees."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda part: part.area)
    point = polylabel(largest, tolerance=0.1)
    return round(point.x, 2), round(point.y, 2), largest.area


@lru_cache(maxsize=1)
def _build_waters() -> GeoFile:
    all_waters = load_waters()
    parent = {water.name: water.part_of for water in all_waters}

    def depth(name: str | None) -> int:
        return 0 if parent.get(name or "") is None else 1 + depth(parent[name or ""])

    features = [{"type": "Feature", "geometry": {"type": "Point",
                                                  "coordinates": [water.lon_deg, water.lat_deg]},
                 "properties": {"role": "water_label", "name": water.name, "kind": water.kind,
                                "label_zoom": WATER_LABEL_ZOOMS.get(water.kind, 5)
                                + depth(water.name)}}
                for water in all_waters]
    # The larger waters first: the map names them first where names would overlap.
    features.sort(key=lambda feature: feature["properties"]["label_zoom"])
    zone = japan_eez()
    if not zone.is_empty:
        features.append({"type": "Feature", "geometry": shapely.geometry.mapping(zone),
                         "properties": {"role": "eez", "state": "Japan",
                                        "name": "Japan's EEZ as claimed (approximation)"}})
    return _geo_file(features)


def japan_eez() -> shapely.Geometry:
    """Japan's EEZ as Japan claims it, out to its 200 nmi limits and median lines: the grid
    cells of :data:`EEZ_BOX_DEG` inside it (:class:`~launchwatch.geo.eez.MaritimeZones`'
    ``inside_japan_eez``), merged into polygons.

    Only the outer edge of each polygon is kept: the holes are Japan's own territorial sea and
    land, where the zone begins, and a map that dashed a line 12 nmi off every coast would
    hide the coasts.  Cells are merged row by row into runs before the union, so shapely
    joins a few hundred rectangles rather than tens of thousands of cells.
    """
    lon_min, lat_min, lon_max, lat_max = EEZ_BOX_DEG
    step = EEZ_GRID_DEG
    lon = np.arange(lon_min, lon_max + step / 2, step)
    lat = np.arange(lat_min, lat_max + step / 2, step)
    lon2, lat2 = np.meshgrid(lon, lat)
    inside = coastline_zones().zones(lat2, lon2).inside_japan_eez
    # Boxes in whole cells, so that the rows' edges meet exactly and the union joins them;
    # then moved to degrees.
    boxes = []
    for row in range(len(lat)):
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inside[row].astype(int), [0]])))
        boxes.extend(shapely.box(start, row, end, row + 1)
                     for start, end in zip(edges[::2], edges[1::2]))
    if not boxes:
        return shapely.Polygon()
    merged = shapely.transform(shapely.union_all(boxes), lambda cells: cells * step + np.array(
        [lon_min - step / 2, lat_min - step / 2]))
    outer = [shapely.Polygon(part.exterior) for part in getattr(merged, "geoms", [merged])]
    # Specks of a cell or two (a rock's zone cut off by a median line) say nothing at the
    # zooms the map shows the zone.
    # Inland cells of Honshu or Hokkaido (more than 12 nmi from a coast) make parts of their
    # own inside the outer edge; the second union takes them in.
    outer = shapely.union_all([part for part in outer if part.area > 4 * step * step])
    simple = shapely.simplify(outer, step, preserve_topology=True)
    return shapely.set_precision(simple, GRID_DEG)
