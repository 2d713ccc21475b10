"""What a missile of a given range can reach from a site: the ring, the places, the times.

A :class:`Reach` is a site and a range; its views are methods: ``ring()`` (the geodesic range
ring, :mod:`launchwatch.geo.rings`), ``places()`` (the cities within range, nearest first, with
the ballistic time of flight to each) and ``to_geojson()``.

Times of flight come from the physics engine (:func:`launchwatch.physics.time_of_flight_s`):
free flight on the minimum-energy trajectory to each distance, surface to surface, without the
boost phase (add 1-2 min for short-range missiles, 4-6 min for ICBMs).  Nothing here computes
ballistics itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from ..errors import GeoError
from ..geo.gazetteer import Gazetteer, Place, gazetteer
from ..geo.geodesy import AUTHALIC_RADIUS_KM, unit_vectors, wgs84
from ..geo.rings import RangeRing
from ..physics import time_of_flight_s


def _times_of_flight_s(distance_km: np.ndarray, range_km: float) -> np.ndarray | None:
    """Minimum-energy free-flight times from the physics engine."""
    if distance_km.size == 0:
        return np.zeros(0)
    return np.asarray(time_of_flight_s(distance_km, range_km), dtype=float)


@dataclass(frozen=True)
class PlaceInReach:
    """A place within range: its geodesic distance and azimuth from the site, and the
    ballistic free-flight time to it (None without the physics engine)."""

    place: Place
    distance_km: float
    azimuth_deg: float
    time_of_flight_s: float | None

    def to_record(self) -> dict[str, Any]:
        return {**self.place.to_record(), "distance_km": round(self.distance_km, 1),
                "azimuth_deg": round(self.azimuth_deg, 1),
                "time_of_flight_s": (None if self.time_of_flight_s is None
                                     else round(self.time_of_flight_s, 1))}


@dataclass(frozen=True)
class PlacesInReach(Sequence[PlaceInReach]):
    """The places within range, nearest first, as arrays; indexing gives a
    :class:`PlaceInReach` (objects are made only for the places looked at)."""

    candidates: tuple[Place, ...]
    candidate_index: np.ndarray  # into ``candidates``
    distance_km: np.ndarray
    azimuth_deg: np.ndarray
    time_of_flight_s: np.ndarray | None

    def __len__(self) -> int:
        return int(self.candidate_index.size)

    @overload
    def __getitem__(self, i: int) -> PlaceInReach: ...

    @overload
    def __getitem__(self, i: slice) -> PlacesInReach: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            times = None if self.time_of_flight_s is None else self.time_of_flight_s[i]
            return PlacesInReach(self.candidates, self.candidate_index[i], self.distance_km[i],
                                 self.azimuth_deg[i], times)
        times = None if self.time_of_flight_s is None else float(self.time_of_flight_s[i])
        return PlaceInReach(place=self.candidates[int(self.candidate_index[i])],
                            distance_km=float(self.distance_km[i]),
                            azimuth_deg=float(self.azimuth_deg[i]), time_of_flight_s=times)

    def to_records(self) -> list[dict[str, Any]]:
        return [place.to_record() for place in self]


@dataclass(frozen=True)
class Reach:
    """A range around a site.  ``Reach.from_site("Sunan", 13000)`` or
    ``Reach(39.2239, 125.67, 13000)``."""

    site_lat_deg: float
    site_lon_deg: float
    range_km: float
    site_name: str | None = None

    def __post_init__(self) -> None:
        if not self.range_km > 0.0:
            raise GeoError(f"A range must be a positive number of km, not {self.range_km!r}.")

    @classmethod
    def from_site(cls, name: str, range_km: float, places: Gazetteer | None = None) -> Reach:
        site = (places or gazetteer()).site(name) or (places or gazetteer()).place(name)
        if site is None:
            raise GeoError(f"No launch site or place called {name!r} is in the gazetteer; try "
                           "a name such as 'Sunan' or 'Sohae', or give coordinates.")
        return cls(site.lat_deg, site.lon_deg, float(range_km), site.name)

    def ring(self, n_points: int = 721) -> RangeRing:
        return RangeRing.around(self.site_lat_deg, self.site_lon_deg, self.range_km, n_points)

    def places(self, *, min_population: int = 0, limit: int | None = None,
               places: Gazetteer | None = None) -> PlacesInReach:
        """Cities within range, nearest first; ``min_population`` filters, ``limit`` cuts.

        A spherical pre-selection, one vectorised geodesic inverse (pyproj) over the cities it
        keeps, and one call of the physics engine for the times.
        """
        gazetteer_ = places or gazetteer()
        arrays = gazetteer_.city_arrays
        # Spherical pre-selection: the angle between unit vectors times the Earth's radius
        # is within 1 % of the WGS84 geodesic, so 2 % to spare keeps every city in range and
        # spares the exact (and costlier) geodesic for the far ones.
        site = unit_vectors(self.site_lat_deg, self.site_lon_deg)
        angle = np.arccos(np.clip(arrays.unit_vector @ site, -1.0, 1.0))
        near = angle * AUTHALIC_RADIUS_KM * 0.98 <= self.range_km
        keep = np.flatnonzero(near & (arrays.population >= min_population))
        n = keep.size
        azimuth, _, dist_m = wgs84().inv(np.full(n, self.site_lon_deg),
                                         np.full(n, self.site_lat_deg),
                                         arrays.lon_deg[keep], arrays.lat_deg[keep])
        dist_km = np.asarray(dist_m) / 1000.0
        inside = np.flatnonzero(dist_km <= self.range_km)
        order = inside[np.argsort(dist_km[inside], kind="stable")]
        if limit is not None:
            order = order[:limit]
        return PlacesInReach(candidates=gazetteer_.cities, candidate_index=keep[order],
                             distance_km=dist_km[order],
                             azimuth_deg=np.asarray(azimuth)[order] % 360.0,
                             time_of_flight_s=_times_of_flight_s(dist_km[order], self.range_km))

    def to_record(self, *, min_population: int = 0, limit: int | None = 100) -> dict[str, Any]:
        """The ring as GeoJSON and the places in reach, for ``--json`` output."""
        found = self.places(min_population=min_population, limit=limit)
        return {
            "site": {"name": self.site_name, "lat_deg": self.site_lat_deg,
                     "lon_deg": self.site_lon_deg},
            "range_km": self.range_km,
            "ring": self.ring().to_geojson(),
            "places": found.to_records(),
            "time_of_flight": ("minimum-energy free flight (launchwatch.physics), boost phase "
                               "not included"),
        }

    def to_geojson(self, *, min_population: int = 100000,
                   limit: int | None = 100) -> dict[str, Any]:
        """A FeatureCollection: site, ring, reachable area and the places in reach."""
        collection = self.ring().to_geojson()
        site = {"type": "Feature",
                "geometry": {"type": "Point",
                             "coordinates": [self.site_lon_deg, self.site_lat_deg]},
                "properties": {"role": "site", "name": self.site_name}}
        cities = [{"type": "Feature",
                   "geometry": {"type": "Point",
                                "coordinates": [p.place.lon_deg, p.place.lat_deg]},
                   "properties": {"role": "place", **p.to_record()}}
                  for p in self.places(min_population=min_population, limit=limit)]
        return {"type": "FeatureCollection",
                "features": [site, *collection["features"], *cities]}
