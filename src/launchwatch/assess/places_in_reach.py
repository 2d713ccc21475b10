"""What a missile of a given range can reach from a site: the ring, the people, the cities.

A :class:`Reach` is a site and a range; its views are methods: ``ring()`` (the geodesic range
ring, :mod:`launchwatch.geo.rings`), ``population_by_country()`` (how many people live within
range, in which countries: an estimate, see there), ``largest_cities()`` (the largest cities in
range outside the launching state, one entry per city), ``places()`` (every city within range,
nearest first), ``to_record()`` for ``--json`` and the API, and ``to_geojson()``.

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
from ..geo.gazetteer import Gazetteer, Place, Site, gazetteer
from ..geo.geodesy import AUTHALIC_RADIUS_KM, unit_vectors, wgs84
from ..geo.rings import RangeRing
from ..geo.zones import classify
from ..model import range_text, reaches_anywhere
from ..physics import time_of_flight_s

#: A city closer than this to a larger one already listed is taken to be part of it: GeoNames
#: lists wards and districts beside their city (Pyongyang's Man'gyongdae, Tokyo's wards) and
#: suburbs that are one town to anyone asking which cities a missile reaches.  25 km is about
#: the radius of the built-up area of a city of ten million.
SAME_CITY_KM = 25.0

POPULATION_METHOD = ("each country's population (GeoNames) times the share of its people in "
                     "cities of 15,000 or more (GeoNames) who live within range")


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
    """Places within range, in the order asked for (nearest first from :meth:`Reach.places`,
    largest first from :meth:`Reach.largest_cities`), as arrays; indexing gives a
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
class CountryInReach:
    """A country's people within range (an estimate: :meth:`Reach.population_by_country`),
    out of its whole ``population``, with the number of its cities of 15,000 or more in range.
    """

    country: str
    people: int
    population: int
    cities: int
    launching_state: bool

    @property
    def share(self) -> float:
        return self.people / self.population if self.population else 0.0

    def to_record(self) -> dict[str, Any]:
        return {"country": self.country, "people": self.people, "population": self.population,
                "share": round(self.share, 3), "cities": self.cities,
                "launching_state": self.launching_state}


@dataclass(frozen=True)
class Reach:
    """A range around a site.  ``Reach.from_site("Sunan", 13000)`` or
    ``Reach.from_point(39.2239, 125.67, 13000)``.

    ``launching_state`` is whose missile it is: its own cities are left out of
    :meth:`largest_cities` and flagged in :meth:`population_by_country`.
    """

    site_lat_deg: float
    site_lon_deg: float
    range_km: float
    site_name: str | None = None
    launching_state: str | None = None

    def __post_init__(self) -> None:
        if not self.range_km > 0.0:
            raise GeoError(f"A range must be a positive number of km, not {self.range_km!r}.")

    @classmethod
    def from_site(cls, name: str, range_km: float, places: Gazetteer | None = None) -> Reach:
        """From a launch site or place of the gazetteer; the launching state is the site's
        operator or the country it is in."""
        site = (places or gazetteer()).site(name) or (places or gazetteer()).place(name)
        if site is None:
            raise GeoError(f"No launch site or place called {name!r} is in the gazetteer; try "
                           "a name such as 'Sunan' or 'Sohae', or give coordinates.")
        state = site.launching_state if isinstance(site, Site) else site.country
        return cls(site.lat_deg, site.lon_deg, float(range_km), site.name, state)

    @classmethod
    def from_point(cls, lat_deg: float, lon_deg: float, range_km: float,
                   name: str | None = None) -> Reach:
        """From coordinates; the launching state is the country whose land the point is on
        (none at sea: name it with ``launching_state=`` in the constructor)."""
        zone = classify(lat_deg, lon_deg)
        state = zone.country if zone.surface == "land" else None
        return cls(float(lat_deg), float(lon_deg), float(range_km), name, state)

    @property
    def reaches_anywhere(self) -> bool:
        """Whether the range reaches any point on Earth
        (:func:`launchwatch.model.reaches_anywhere`)."""
        return reaches_anywhere(self.range_km)

    def ring(self, n_points: int = 721) -> RangeRing:
        return RangeRing.around(self.site_lat_deg, self.site_lon_deg, self.range_km, n_points)

    def _in_range(self, gazetteer_: Gazetteer, min_population: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Indices of the cities within range (ascending, so largest first: the gazetteer
        sorts its cities so), with their distances (km) and azimuths (deg) from the site.

        A spherical pre-selection, then one vectorised geodesic inverse (pyproj) over the
        cities it keeps.
        """
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
        dist_km = np.asarray(dist_m, dtype=float).reshape(n) / 1000.0
        inside = dist_km <= self.range_km
        return (keep[inside], dist_km[inside],
                np.asarray(azimuth, dtype=float).reshape(n)[inside] % 360.0)

    def _places(self, gazetteer_: Gazetteer, index: np.ndarray, dist_km: np.ndarray,
                azimuth_deg: np.ndarray) -> PlacesInReach:
        return PlacesInReach(candidates=gazetteer_.cities, candidate_index=index,
                             distance_km=dist_km, azimuth_deg=azimuth_deg,
                             time_of_flight_s=_times_of_flight_s(dist_km, self.range_km))

    def places(self, *, min_population: int = 0, limit: int | None = None,
               places: Gazetteer | None = None) -> PlacesInReach:
        """Every city within range, nearest first; ``min_population`` filters, ``limit``
        cuts.  The nearest are the launching state's own: for what a missile threatens ask
        :meth:`largest_cities` and :meth:`population_by_country`."""
        gazetteer_ = places or gazetteer()
        index, dist_km, azimuth = self._in_range(gazetteer_, min_population)
        order = np.argsort(dist_km, kind="stable")[:limit]
        return self._places(gazetteer_, index[order], dist_km[order], azimuth[order])

    def largest_cities(self, limit: int | None = 20, *, min_population: int = 0,
                       abroad: bool = True, places: Gazetteer | None = None) -> PlacesInReach:
        """The largest cities within range, largest first, one entry per city: a city within
        :data:`SAME_CITY_KM` of a larger one listed is part of it.  ``abroad`` leaves out the
        launching state's own cities."""
        gazetteer_ = places or gazetteer()
        index, dist_km, azimuth = self._in_range(gazetteer_, min_population)
        if abroad and self.launching_state:
            own = gazetteer_.city_countries.index(self.launching_state) \
                if self.launching_state in gazetteer_.city_countries else -1
            foreign = gazetteer_.city_arrays.country_index[index] != own
            index, dist_km, azimuth = index[foreign], dist_km[foreign], azimuth[foreign]
        unit = gazetteer_.city_arrays.unit_vector
        cos_same = np.cos(SAME_CITY_KM / AUTHALIC_RADIUS_KM)
        chosen: list[int] = []
        for k, city in enumerate(index):  # largest first; stops once ``limit`` are chosen
            if limit is not None and len(chosen) >= limit:
                break
            if not chosen or np.max(unit[index[chosen]] @ unit[city]) < cos_same:
                chosen.append(k)
        pick = np.asarray(chosen, dtype=np.int64)
        return self._places(gazetteer_, index[pick], dist_km[pick], azimuth[pick])

    def population_by_country(self, places: Gazetteer | None = None) -> list[CountryInReach]:
        """Estimated people within range, by country, most first.

        Each country's population (GeoNames) times the share of its city dwellers (GeoNames
        cities of 15,000 or more) who live within range.  Why this and not what else ships:

        * summing the cities in range counts town dwellers only: some 45 % of humanity lives
          in smaller places and the countryside, more in rural countries, so the sum falls
          short by a different factor in each country;
        * a country's population times the share of its *area* in range assumes people spread
          evenly: a ring over Siberia would give Russia's east, three quarters of its land but
          a quarter of its people, three quarters of its population;
        * the share of a country's city dwellers in range follows where its people live, and,
          being a share within the country, is little changed by GeoNames listing districts
          beside their city (both sides of the ratio count them).

        It assumes the people outside cities live in the same parts of a country as its city
        dwellers, so a ring through a country with a large empty interior (Australia, Canada)
        is estimated as well as its cities are spread.  A country with no city of 15,000 in
        GeoNames (a few small island states) is left out.
        """
        gazetteer_ = places or gazetteer()
        arrays = gazetteer_.city_arrays
        index, _, _ = self._in_range(gazetteer_, 0)
        n = len(gazetteer_.city_countries)
        in_cities = np.bincount(arrays.country_index[index],
                                weights=arrays.population[index].astype(float), minlength=n)
        all_cities = np.bincount(arrays.country_index, weights=arrays.population.astype(float),
                                 minlength=n)
        counts = np.bincount(arrays.country_index[index], minlength=n)
        populations = gazetteer_.country_populations
        found = []
        for i in np.flatnonzero(counts):
            name = gazetteer_.city_countries[i]
            # A country GeoNames gives no population keeps the sum of its cities, a floor.
            population = populations.get(name) or int(all_cities[i])
            people = int(round(population * in_cities[i] / all_cities[i]))
            found.append(CountryInReach(name, people, population, int(counts[i]),
                                        name == self.launching_state))
        return sorted(found, key=lambda c: (-c.people, c.country))

    def to_record(self, *, min_population: int = 0, limit: int | None = 20,
                  countries: int | None = None) -> dict[str, Any]:
        """What the CLI's ``--json`` and the API give: the people in range by country (the
        first ``countries``, all by default), the ``limit`` largest cities abroad of at least
        ``min_population`` people, and the ring as GeoJSON (none when the range reaches any
        point on Earth)."""
        by_country = self.population_by_country()
        abroad = [c for c in by_country if not c.launching_state]
        cities = self.largest_cities(limit, min_population=min_population)
        return {
            "site": {"name": self.site_name, "lat_deg": self.site_lat_deg,
                     "lon_deg": self.site_lon_deg},
            "launching_state": self.launching_state,
            "range_km": self.range_km,
            "reaches_anywhere": self.reaches_anywhere,
            "range_text": range_text(self.range_km),
            "population": {
                "in_range": sum(c.people for c in by_country),
                "outside_launching_state": sum(c.people for c in abroad),
                "countries": len(by_country),
                "method": POPULATION_METHOD,
                "by_country": [c.to_record() for c in by_country[:countries]],
            },
            "largest_cities": cities.to_records(),
            "cities_note": f"largest first, outside {self.launching_state or 'no state'}; "
                           f"a city within {SAME_CITY_KM:g} km of a larger one is part of it",
            "ring": None if self.reaches_anywhere else self.ring().to_geojson(),
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
