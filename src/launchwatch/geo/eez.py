"""Exclusive economic zones in East Asian waters, approximated from coastlines.

No dataset of maritime boundaries ships with any package launchwatch can depend on (the
Flanders Marine Institute's Maritime Boundaries, the usual source, are downloaded on request
from marineregions.org), so the zones are rebuilt from their legal definition:

* UNCLOS art. 57: the EEZ extends to 200 nautical miles (370.4 km) from the baselines;
  art. 3: the territorial sea to 12 nautical miles (22.224 km).
* Where two states' 200-mile zones overlap and no treaty has drawn a line, Japan claims the
  median line (Law on the Exclusive Economic Zone and the Continental Shelf, Law No. 74 of 1996,
  art. 1(2)): every point belongs to the state whose coast is nearest.

So a sea point is in a state's zone when that state owns the nearest coast and the coast is at
most 200 nmi away.  The nearest coast is searched among points every ~1 km along the Natural
Earth 10 m coastlines (a k-d tree of unit vectors: the chord is monotonic in the great-circle
distance), and the distance to it is then measured on the WGS84 ellipsoid.

Limits, stated plainly:

* Distances are from the Natural Earth coastline, not from the legal (straight) baselines,
  which lie seaward of it across bays and between islands: zone edges may sit some km
  landward of the true ones, more in island-rich waters such as the Seto Inland Sea.
* Two answers are given, because Japan's claims differ from what it administers.  ``claimant``
  follows the land as administered (Natural Earth's borders, Dokdo/Takeshima with South
  Korea).  ``inside_japan_eez`` follows Japan's claim, the one its Ministry of Defense reports
  against: the southern Kurils (Habomai, Shikotan, Kunashiri, Etorofu; Russian in Natural Earth)
  and Takeshima count as Japanese base points there.  Without Takeshima the median line with
  South Korea would run well east of Japan's, and the 2019-10-02 "350 km north of Dogo Island,
  inside Japan's EEZ" would come out Korean.
* Features too small for Natural Earth: Dokdo/Takeshima is added to the land (see
  :data:`launchwatch.geo.natural_earth.SMALL_ISLANDS`); Okinotorishima (which Japan claims as
  an island with a full EEZ; China and South Korea hold it is a rock with none) is added as a
  single Japanese base point.
* Agreed lines (the 1974 Japan-Korea continental shelf agreements, the fisheries agreements'
  provisional zones) and China's claims to the continental shelf beyond the median line are
  not modelled; within a few tens of km of a median line, say "near the median line".
* Computed only for waters between 100 E and 180 E, 0 N and 62 N; elsewhere the claimant is
  unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from scipy.spatial import cKDTree

from ..units import NAUTICAL_MILE_KM
from .geodesy import AUTHALIC_RADIUS_KM, distance_km, unit_vectors
from .natural_earth import countries

EEZ_LIMIT_KM = 200.0 * NAUTICAL_MILE_KM  # 370.4 km
TERRITORIAL_SEA_LIMIT_KM = 12.0 * NAUTICAL_MILE_KM  # 22.224 km

#: Waters where the zones are computed (lon_min, lat_min, lon_max, lat_max), degrees.
REGION_DEG = (100.0, 0.0, 180.0, 62.0)
#: Coastlines are sampled this far beyond the region so that the nearest coast of a point near
#: its edge is among the samples (more than 200 nmi).
_MARGIN_DEG = 8.0
#: Spacing of coastline samples, degrees (~1 km): distances are good to about 0.5 km.
_SAMPLE_STEP_DEG = 0.01

#: Base points missing from the land polygons (Okinotorishima's two rocks are a few square
#: metres): (administering country, name, lat_deg, lon_deg, claimed by Japan, source).
EXTRA_BASE_POINTS = (
    ("Japan", "Okinotorishima", 20.4253, 136.0811, True,
     "position of Okinotorishima (Kita-kojima), Wikipedia"),
)
#: Coasts administered by another state that Japan claims, as (lon_min, lat_min, lon_max,
#: lat_max) boxes: the Northern Territories (Habomai, Shikotan, Kunashiri, Etorofu; east to the
#: Vries Strait at 149.2 E, which separates Etorofu from Urup) and Takeshima (Dokdo, added to
#: the land by :data:`launchwatch.geo.natural_earth.SMALL_ISLANDS`).
JAPAN_CLAIMED_BOXES_DEG = {
    "Russia": (145.3, 43.2, 149.2, 45.7),
    "South Korea": (131.84, 37.22, 131.90, 37.26),
}


@dataclass(frozen=True)
class MaritimeZones:
    """Per point: which state's waters it is in, and how far that state's coast is.

    ``claimant`` holds country names (None outside every zone or outside the region);
    ``zone`` is "territorial sea", "EEZ" or None; ``coast_distance_km`` is the distance to the
    nearest coast when that is within about 200 nmi (NaN farther, and outside the region).
    ``inside_japan_eez``: in Japan's EEZ as Japan claims it (beyond its territorial sea).
    Shapes follow the query.
    """

    claimant: np.ndarray
    zone: np.ndarray
    coast_distance_km: np.ndarray
    inside_japan_eez: np.ndarray


class CoastlineZones:
    """Nearest-coast zones (200 nmi, median lines) for the waters of :data:`REGION_DEG`."""

    def __init__(self) -> None:
        data = countries()
        lon_min, lat_min, lon_max, lat_max = REGION_DEG
        box = (lon_min - _MARGIN_DEG, max(lat_min - _MARGIN_DEG, -90.0),
               min(lon_max + _MARGIN_DEG, 180.0), min(lat_max + _MARGIN_DEG, 90.0))
        clipped = shapely.clip_by_rect(data.geometry, *box)
        keep = np.flatnonzero(~shapely.is_empty(clipped))
        lines = shapely.segmentize(shapely.boundary(clipped[keep]), _SAMPLE_STEP_DEG)
        coords, which = shapely.get_coordinates(lines, return_index=True)
        # The clip adds straight edges along the box: they are not coast.
        on_box = ((np.abs(coords[:, 0] - box[0]) < 1e-9) | (np.abs(coords[:, 0] - box[2]) < 1e-9)
                  | (np.abs(coords[:, 1] - box[1]) < 1e-9) | (np.abs(coords[:, 1] - box[3]) < 1e-9))
        coords, owner = coords[~on_box], keep[which[~on_box]]
        names = list(data.name)
        claimed = owner == names.index("Japan")
        for administrator, (lon_lo, lat_lo, lon_hi, lat_hi) in JAPAN_CLAIMED_BOXES_DEG.items():
            claimed |= ((owner == names.index(administrator))
                        & (coords[:, 0] >= lon_lo) & (coords[:, 0] <= lon_hi)
                        & (coords[:, 1] >= lat_lo) & (coords[:, 1] <= lat_hi))
        extra_owner = np.array([names.index(c) for c, *_ in EXTRA_BASE_POINTS], dtype=np.int64)
        extra = np.array([(lon, lat) for _, _, lat, lon, _, _ in EXTRA_BASE_POINTS], dtype=float)
        extra_claimed = np.array([c for *_, c, _ in EXTRA_BASE_POINTS], dtype=bool)
        self.coast_lon_deg = np.concatenate([coords[:, 0], extra[:, 0]])
        self.coast_lat_deg = np.concatenate([coords[:, 1], extra[:, 1]])
        self.coast_owner = np.concatenate([owner, extra_owner])
        self.coast_claimed_by_japan = np.concatenate([claimed, extra_claimed])
        self.country_names = data.name
        self._tree = cKDTree(unit_vectors(self.coast_lat_deg, self.coast_lon_deg))

    @staticmethod
    def in_region(lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
        lon_min, lat_min, lon_max, lat_max = REGION_DEG
        return (lon_deg >= lon_min) & (lon_deg <= lon_max) & (lat_deg >= lat_min) & (
            lat_deg <= lat_max)

    def zones(self, lat_deg, lon_deg, at_sea=None) -> MaritimeZones:
        """Zones of points; ``at_sea`` (bool array) limits the work to sea points (land points
        are in no maritime zone)."""
        lat, lon = np.broadcast_arrays(np.asarray(lat_deg, float), np.asarray(lon_deg, float))
        shape = lat.shape
        lat, lon = lat.ravel(), lon.ravel()
        todo = self.in_region(lat, lon)
        if at_sea is not None:
            todo &= np.broadcast_to(np.asarray(at_sea, bool), shape).ravel()
        idx = np.flatnonzero(todo)
        claimant = np.full(lat.shape, None, dtype=object)
        zone = np.full(lat.shape, None, dtype=object)
        coast_km = np.full(lat.shape, np.nan)
        japan_eez = np.zeros(lat.shape, dtype=bool)
        if idx.size:
            # Only coasts within 200 nmi matter; bounding the search keeps the k-d tree from
            # exploring the whole coastline for points in the open ocean.  The bound is a
            # chord on the unit sphere with 5 % to spare for the ellipsoid.
            bound = 2.0 * np.sin(1.05 * EEZ_LIMIT_KM / (2.0 * AUTHALIC_RADIUS_KM))
            _, nearest = self._tree.query(unit_vectors(lat[idx], lon[idx]),
                                          distance_upper_bound=bound)
            found = nearest < self.coast_lat_deg.size
            idx, nearest = idx[found], nearest[found]
            d_km = distance_km(lat[idx], lon[idx], self.coast_lat_deg[nearest],
                               self.coast_lon_deg[nearest])
            coast_km[idx] = d_km
            within = d_km <= EEZ_LIMIT_KM
            claimant[idx[within]] = self.country_names[self.coast_owner[nearest[within]]]
            zone[idx[within]] = "EEZ"
            zone[idx[d_km <= TERRITORIAL_SEA_LIMIT_KM]] = "territorial sea"
            japan_eez[idx] = (self.coast_claimed_by_japan[nearest] & within
                              & (d_km > TERRITORIAL_SEA_LIMIT_KM))
        return MaritimeZones(claimant=claimant.reshape(shape), zone=zone.reshape(shape),
                             coast_distance_km=coast_km.reshape(shape),
                             inside_japan_eez=japan_eez.reshape(shape))


@lru_cache(maxsize=1)
def coastline_zones() -> CoastlineZones:
    """The zones of East Asian waters, built once per process."""
    return CoastlineZones()
