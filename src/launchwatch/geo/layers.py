"""A layer of labelled polygons that answers "which polygon is this point in?" for millions
of points.

Exact point-in-polygon tests against Natural Earth's 10 m coastlines cost microseconds per point
(a horizontal ray crosses thousands of fractal coast segments), far too slow for a million
points.  :class:`PolygonLayer` answers most points from a regular grid instead, the way raster
GIS masks do: a grid cell that no polygon boundary touches lies wholly inside one polygon (or
none), so its answer holds for every point in it.  Only points in cells that a boundary crosses
("mixed" cells, a few per cent of the globe) are tested exactly with shapely's prepared
geometries.  The answer is the same as the exact test everywhere.  The grid is built on the
first lookup of many points; a lookup of a few points before that is answered exactly.

How the grid is built (once, lazily):

1. Boundaries are densified to at most half a cell per segment, so consecutive vertices lie in
   the same or in neighbouring cells; every cell holding a vertex is mixed, and where two
   consecutive vertices are diagonal neighbours the two cells beside them are mixed too (the
   segment may clip their corner).  Mixed cells thus cover every boundary.
2. The remaining cells fall into 4-connected components (``scipy.ndimage.label``); no boundary
   separates two cells of one component, so one exact test of one cell centre labels the whole
   component.

Polygons may overlap; a point gets the lowest index among the polygons containing it (the order
of the input is the priority); a point on a boundary belongs to the polygon.  Longitudes are in
[-180, 180]; geometries must already be cut at the antimeridian.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from scipy import ndimage

NONE = -1
_MIXED = -2
#: Below this many points a lookup tests them exactly rather than build the grid first.
GRID_MIN_POINTS = 20_000


class PolygonLayer:
    """Polygons (shapely, lon/lat degrees) with a grid-accelerated point lookup.

    ``lookup(lat_deg, lon_deg)`` returns, for arrays of any shape, the index of the first
    polygon containing each point, or :data:`NONE` (-1).
    """

    def __init__(self, geometries: Sequence[shapely.Geometry], cell_deg: float = 0.1) -> None:
        self.geometries = np.asarray(list(geometries), dtype=object)
        self.cell_deg = float(cell_deg)
        self.n_lat = int(round(180.0 / self.cell_deg))
        self.n_lon = int(round(360.0 / self.cell_deg))
        for geometry in self.geometries:
            shapely.prepare(geometry)
        self._tree = shapely.STRtree(self.geometries)
        self._grid: np.ndarray | None = None

    @property
    def grid(self) -> np.ndarray:
        """The grid of cell owners (built on first use, about a second for Natural Earth)."""
        if self._grid is None:
            self._grid = self._build_grid()
        return self._grid

    # -- building -------------------------------------------------------------------------

    def _cells(self, lat_deg: np.ndarray, lon_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        row = np.floor((np.asarray(lat_deg, float) + 90.0) / self.cell_deg).astype(np.int64)
        col = np.floor((np.asarray(lon_deg, float) + 180.0) / self.cell_deg).astype(np.int64)
        return np.clip(row, 0, self.n_lat - 1), np.clip(col, 0, self.n_lon - 1)

    def _mixed_mask(self) -> np.ndarray:
        mixed = np.zeros((self.n_lat, self.n_lon), dtype=bool)
        if len(self.geometries) == 0:
            return mixed
        boundaries = shapely.segmentize(shapely.boundary(self.geometries), self.cell_deg / 2.0)
        lines = shapely.get_parts(boundaries)
        coords, ring = shapely.get_coordinates(lines, return_index=True)
        row, col = self._cells(coords[:, 1], coords[:, 0])
        mixed[row, col] = True
        same_line = ring[1:] == ring[:-1]
        diagonal = same_line & (row[1:] != row[:-1]) & (col[1:] != col[:-1])
        mixed[row[:-1][diagonal], col[1:][diagonal]] = True
        mixed[row[1:][diagonal], col[:-1][diagonal]] = True
        return mixed

    def _build_grid(self) -> np.ndarray:
        mixed = self._mixed_mask()
        components, n_components = ndimage.label(~mixed)
        grid = np.full((self.n_lat, self.n_lon), _MIXED, dtype=np.int32)
        if n_components:
            flat = components.ravel()
            labels, first = np.unique(flat, return_index=True)
            keep = labels > 0
            labels, first = labels[keep], first[keep]
            rows, cols = np.divmod(first, self.n_lon)
            centre_lat = -90.0 + (rows + 0.5) * self.cell_deg
            centre_lon = -180.0 + (cols + 0.5) * self.cell_deg
            owner = np.full(n_components + 1, _MIXED, dtype=np.int32)
            owner[labels] = self._exact(centre_lat, centre_lon)
            grid = owner[components]
        return grid

    # -- lookup ---------------------------------------------------------------------------

    def _exact(self, lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
        """Exact lookup (prepared point-in-polygon) for 1-D arrays."""
        out = np.full(lat_deg.shape, np.iinfo(np.int32).max, dtype=np.int64)
        if lat_deg.size == 0:
            return np.full(lat_deg.shape, NONE, dtype=np.int32)
        points = shapely.points(lon_deg, lat_deg)
        point_idx, geom_idx = self._tree.query(points)
        for g in np.unique(geom_idx):
            candidates = point_idx[geom_idx == g]
            # intersects, not contains: a point on a boundary belongs to the polygon (and
            # on an edge two polygons share, to the first of them).
            inside = shapely.intersects_xy(self.geometries[g], lon_deg[candidates],
                                           lat_deg[candidates])
            hits = candidates[inside]
            out[hits] = np.minimum(out[hits], g)
        out[out == np.iinfo(np.int32).max] = NONE
        return out.astype(np.int32)

    def lookup(self, lat_deg, lon_deg) -> np.ndarray:
        """Index of the first polygon containing each point, :data:`NONE` where none does.

        ``lat_deg`` and ``lon_deg`` broadcast together; the result has their shape.
        """
        lat, lon = np.broadcast_arrays(np.asarray(lat_deg, float), np.asarray(lon_deg, float))
        shape = lat.shape
        lat, lon = lat.ravel(), lon.ravel()
        if self._grid is None and lat.size < GRID_MIN_POINTS:
            # A few points: testing them exactly is cheaper than building the grid, and gives
            # the same answer (tests/geo/test_zones.py checks the two agree).
            return self._exact(lat, lon).reshape(shape)
        row, col = self._cells(lat, lon)
        found = self.grid[row, col]
        mixed = np.flatnonzero(found == _MIXED)
        if mixed.size:
            found[mixed] = self._exact(lat[mixed], lon[mixed])
        return found.reshape(shape)

    @property
    def mixed_fraction(self) -> float:
        """Share of grid cells that need exact tests (a figure for benchmarks)."""
        return float(np.mean(self.grid == _MIXED))
