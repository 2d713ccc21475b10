"""Relative locations: "about 250 km west of Okushiri Island" -> a point with an uncertainty.

The point is the solution of the geodesic direct problem on WGS84 (:mod:`.geodesy`) from the
named landmark, along the compass bearing, for the stated distance.  Two readings decide where
the geodesic starts:

* a point landmark (a cape, a small island, a city, a site) is the start;
* an areal landmark (a prefecture, a large island, a peninsula: ``measure_from == "coast"``)
  is measured from its coast, the way Japan's Ministry of Defense writes "about 250 km west of
  Aomori Prefecture": the start is where the geodesic from the landmark's point along the
  bearing last leaves land within ``extent_km``.

The uncertainty comes from the rounding of the report, not from the sensors behind it:

* distance: half the rounding step the figure's digits imply
  (:func:`launchwatch.units.rounding_half_width`: "250" +-5 km, "1,000" +-50 km, "2.5" +-0.05),
  in the figure's unit; "at least"/"more than"/"over" put the interval above the figure and
  "up to"/"less than"/"within" below it (:func:`launchwatch.units.qualifier_of`);
* bearing: half the spacing of the compass the word belongs to
  (:func:`launchwatch.units.compass_half_width_deg`): +-22.5 deg for the eight principal winds
  ("west", "northwest"), +-11.25 deg for the sixteen-point ones ("west-northwest"); +-45 deg
  for "off the east coast of";
* ``uncertainty_km`` is the radius around the point of the smallest circle holding that whole
  sector of distances and bearings.

Without a bearing ("150 km off the coast of Aomori") the bearing is taken toward ``toward`` (the
launch site, say) when given; otherwise the point is the landmark itself and the uncertainty
is the whole ring of that radius.

A country, a peninsula or an island chain ("about 3,200 km east of Japan", "off the east
coast of the peninsula", :mod:`.coasts`) is measured from its coast that faces the stated
direction, which statements leave unsaid: the point is measured from the middle of that
stretch of coast, and the uncertainty holds the positions measured from every point of it.
With ``launch_site`` given, only the coast that a flight from the site crosses on a course
within the stated compass sector is kept, and the course there is the bearing.

Without a figure ("off the east coast of the peninsula", "east of Japan") the distance is taken
as anything up to 200 nautical miles (370 km), the breadth of the zone a coastal state's
statements speak of (UNCLOS art. 57): the point is halfway, and ``distance_stated`` is False.

A flight reported as passing over a landmark and landing beyond it ("passed over Cape Erimo
... fell about 2,200 km east of Cape Erimo") flew on along the geodesic from its launch site
through that landmark.  Given ``launch_site``, the bearing is that continuation wherever it lies
within the stated compass sector (the sector, and so the uncertainty, is unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import shapely

from ..errors import GeoError
from ..units import (LOWER_BOUND_QUALIFIERS, QUALIFIER_WORDS, UPPER_BOUND_QUALIFIERS,
                     azimuth_deg, compass_half_width_deg, length_km, qualifier_of,
                     rounding_half_width)
from ..units import NAUTICAL_MILE_KM
from .coasts import Region, regions
from .gazetteer import Gazetteer, Place, Water, gazetteer
from .geodesy import destination, distance_km, inverse, wgs84
from .natural_earth import countries
from .relative_cjk import is_cjk, parse as parse_cjk, place_candidates
from .relative_phrase import RelativePhrase
from .zones import classify, classify_points, land_layer

_QUALIFIER_PHRASES = [phrase for phrases in QUALIFIER_WORDS.values() for phrase in phrases
                      if re.fullmatch(r"[a-z][a-z. ]*", phrase)]

_WIND = (r"(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west)){0,2}"
         r"|nne|ene|ese|sse|ssw|wsw|wnw|nnw|ne|se|sw|nw|n|e|s|w")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = (r"km|kms|kilomet(?:er|re)s?|nautical\s+miles?|nmi|nm|miles?|mi")
_PATTERN = re.compile(
    rf"(?:\b(?P<qualifier>"
    rf"{'|'.join(sorted(map(re.escape, _QUALIFIER_PHRASES), key=len, reverse=True))})"
    rf"\.?\s+)?\b(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})\b\.?\s+"
    rf"(?:(?:to\s+the\s+)?(?P<wind>{_WIND})\s+(?:of|from)"
    rf"|off(?:\s+the\s+(?:(?P<coast_wind>{_WIND})(?:ern)?\s+)?coast(?:line)?\s+of)?"
    rf"|from)\s+(?P<place>.+?)\s*[.;]?\s*$",
    re.IGNORECASE)
# A direction without a figure: "east of Japan", "off the east coast of the peninsula".  Whole
# compass words only: the abbreviations ("e", "nw") would find "e of Man" in "Isle of Man".
_WORD_WIND = r"(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west)){0,2}"
_BARE = re.compile(
    rf"(?:^|\b)(?:(?:to\s+the\s+)?(?P<wind>{_WORD_WIND})\s+(?:of|from)"
    rf"|off\s+the\s+(?:(?P<coast_wind>{_WORD_WIND})(?:ern)?\s+)?coast(?:line)?\s+of)"
    rf"\s+(?P<place>.+?)\s*[.;]?\s*$",
    re.IGNORECASE)

#: "Off the coast" with no figure: up to 200 nautical miles (module docstring).
UNSTATED_DISTANCE_KM = 200.0 * NAUTICAL_MILE_KM

#: At most this many points of a facing coast are carried in a location (for its sector).
_COAST_SAMPLES = 41

_PLACE_SPLIT = re.compile(r"\s*(?:,|;|\(|\)|\bin\b|\bon\b|\bat\b|\bnear\b|'s\b)\s*",
                          re.IGNORECASE)


def _wind_azimuth(word: str) -> tuple[float, float]:
    """Azimuth (deg) of a compass word and the half-width of its compass sector (deg)."""
    azimuth, half_width = azimuth_deg(word), compass_half_width_deg(word)
    if azimuth is None or half_width is None:
        raise GeoError(f"'{word}' is not a compass direction; write one such as 'west' or "
                       "'north-northwest'.")
    return azimuth, half_width


@dataclass(frozen=True)
class RelativeLocation:
    """A point stated relative to a landmark, with its rounding uncertainty.

    ``origin_lat_deg``/``origin_lon_deg`` is where the distance was counted from (the
    landmark, or its coast); ``bearing_deg`` the azimuth there (None when unknown).
    """

    text: str
    anchor: Place
    lat_deg: float
    lon_deg: float
    distance_km: float
    distance_low_km: float
    distance_high_km: float
    qualifier: str | None
    bearing_deg: float | None
    bearing_half_width_deg: float
    bearing_from: str | None  # "compass", "flight path", "toward" or None (unknown)
    origin_lat_deg: float
    origin_lon_deg: float
    uncertainty_km: float
    coast: tuple[tuple[float, float, float], ...] = ()
    """(lat_deg, lon_deg, azimuth_deg) of the points of a region's facing coast the position
    may be measured from (empty for a landmark: the origin alone)."""
    distance_stated: bool = True

    def _origins(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.coast:
            lat, lon, az = np.asarray(self.coast, dtype=float).T
            return lat, lon, az
        bearing = 0.0 if self.bearing_deg is None else self.bearing_deg
        return (np.array([self.origin_lat_deg]), np.array([self.origin_lon_deg]),
                np.array([bearing]))

    def sector(self, n: int = 9) -> tuple[np.ndarray, np.ndarray]:
        """Points sampling the uncertainty region, ``(lat_deg (m,), lon_deg (m,))``: a grid of
        ``n`` distances by ``n`` bearings across it (a ring when the bearing is unknown),
        from each point of the coast the position may be measured from."""
        dist = np.linspace(self.distance_low_km, self.distance_high_km, n)
        if self.bearing_deg is None:
            turn = np.linspace(-180.0, 180.0, 4 * n, endpoint=False)
        elif self.coast and self.bearing_from == "flight path":
            # The flight crossed one of the coast's points on the course it carries there:
            # the spread of those courses is the bearing's uncertainty, not a sector around each.
            turn = np.zeros(1)
        else:
            turn = np.linspace(-self.bearing_half_width_deg, self.bearing_half_width_deg, n)
        lat0, lon0, az0 = self._origins()
        # (origins, bearings, distances), flattened: one geodesic call for the whole grid.
        shape = (lat0.size, turn.size, dist.size)
        lat, lon = destination(np.broadcast_to(lat0[:, None, None], shape).ravel(),
                               np.broadcast_to(lon0[:, None, None], shape).ravel(),
                               np.broadcast_to((az0[:, None] + turn)[:, :, None], shape).ravel(),
                               np.broadcast_to(dist, shape).ravel())
        return lat, lon

    def sector_polygon_lon_lat(self, n: int = 33) -> list[tuple[float, float]]:
        """The outline of the uncertainty region, (lon, lat) pairs, closed (for a region's
        coast, the convex hull of the regions measured from each of its points)."""
        if self.coast and self.bearing_deg is not None:
            lat, lon = self.sector(9)
            lon = lon + 360.0 * np.round((self.lon_deg - lon) / 360.0)
            hull = shapely.convex_hull(shapely.MultiPoint(np.column_stack([lon, lat])))
            return [tuple(xy) for xy in np.asarray(hull.exterior.coords).tolist()]
        if self.bearing_deg is None:
            az = np.linspace(-180.0, 180.0, 4 * n)
            lat, lon = destination(self.origin_lat_deg, self.origin_lon_deg, az,
                                   self.distance_high_km)
        else:
            az = self.bearing_deg + np.linspace(-self.bearing_half_width_deg,
                                                self.bearing_half_width_deg, n)
            lat_far, lon_far = destination(self.origin_lat_deg, self.origin_lon_deg, az,
                                           self.distance_high_km)
            lat_near, lon_near = destination(self.origin_lat_deg, self.origin_lon_deg, az[::-1],
                                             self.distance_low_km)
            lat = np.concatenate([lat_far, lat_near, lat_far[:1]])
            lon = np.concatenate([lon_far, lon_near, lon_far[:1]])
        return list(zip(lon.tolist(), lat.tolist()))

    def zone(self):
        """The zone of the point (:func:`launchwatch.geo.zones.classify`)."""

        return classify(self.lat_deg, self.lon_deg)

    def japan_eez_share(self, n: int = 9) -> float:
        """Share of the uncertainty region inside Japan's EEZ (0..1): near 1 or 0 the
        verdict holds whatever the rounding; in between the point is near the boundary."""
        lat, lon = self.sector(n)
        return float(np.mean(classify_points(lat, lon).inside_japan_eez))

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text, "anchor": self.anchor.to_record(),
            "lat_deg": self.lat_deg, "lon_deg": self.lon_deg,
            "distance_km": self.distance_km,
            "distance_interval_km": [self.distance_low_km, self.distance_high_km],
            "qualifier": self.qualifier, "bearing_deg": self.bearing_deg,
            "bearing_half_width_deg": self.bearing_half_width_deg,
            "bearing_from": self.bearing_from,
            "origin": {"lat_deg": self.origin_lat_deg, "lon_deg": self.origin_lon_deg},
            "uncertainty_km": self.uncertainty_km,
            "distance_stated": self.distance_stated,
            "coast": [[round(lat, 4), round(lon, 4)] for lat, lon, _ in self.coast],
        }


def _find_place(text: str, places: Gazetteer) -> Place:
    if is_cjk(text):
        # Exact names only: a fuzzy match between two short CJK names says little.
        for candidate in place_candidates(text):
            found = places.place(candidate, fuzzy=False)
            if found is not None:
                return found
    else:
        candidates = [text] + [p for p in _PLACE_SPLIT.split(text) if p and p.strip()]
        for candidate in candidates:
            found = places.place(candidate)
            if found is not None:
                return found
    raise GeoError(f"No place called {text!r} is in the gazetteer; name a launch site, an "
                   "island, cape or prefecture (e.g. 'Okushiri Island', 'Cape Erimo', "
                   "'奥尻島', '울릉도'), a sea or a city.")


def _coast_exit(anchor: Place, azimuth_deg: float) -> tuple[float, float, float]:
    """Where the geodesic from an areal landmark along ``azimuth_deg`` last leaves land
    within ``anchor.extent_km``; returns (lat, lon, forward azimuth there)."""

    along_m = np.arange(0.0, anchor.extent_km + 1.0, 1.0) * 1000.0
    start = np.full(along_m.shape, 1.0)
    lon, lat, back_az = wgs84().fwd(start * anchor.lon_deg, start * anchor.lat_deg,
                                    start * azimuth_deg, along_m)
    owner = land_layer().lookup(lat, lon)
    on_land = owner >= 0
    if anchor.country in set(countries().name):
        # Only the landmark's own land: "west of Hokkaido" ends at Hokkaido's coast even if
        # the geodesic meets another country's island within the extent.
        on_land = owner == list(countries().name).index(anchor.country)
    if not on_land.any():
        return anchor.lat_deg, anchor.lon_deg, azimuth_deg
    last = int(np.flatnonzero(on_land)[-1])
    if last == 0:
        return anchor.lat_deg, anchor.lon_deg, azimuth_deg
    # pyproj returns the azimuth back toward the start; the geodesic goes on the other way.
    return float(lat[last]), float(lon[last]), (float(back_az[last]) + 180.0) % 360.0


def _enclosing_radius_km(loc_lat: float, loc_lon: float, origin_lat: float, origin_lon: float,
                         bearing: float | None, half_width: float, low_km: float,
                         high_km: float) -> float:
    if bearing is None:
        az = np.linspace(-180.0, 180.0, 72, endpoint=False)
        d = np.array([low_km, high_km])
    else:
        az = bearing + np.linspace(-half_width, half_width, 9)
        d = np.linspace(low_km, high_km, 5)
    aa, dd = np.meshgrid(az, d)
    lat, lon = destination(origin_lat, origin_lon, aa.ravel(), dd.ravel())
    return float(np.max(distance_km(loc_lat, loc_lon, lat, lon)))


def _flight_path_azimuth(launch_site: tuple[float, float], anchor: Place) -> float:
    """Azimuth at the landmark of the geodesic from the launch site through it, continued."""
    _, back_az, _ = wgs84().inv(launch_site[1], launch_site[0], anchor.lon_deg, anchor.lat_deg)
    return (float(back_az) + 180.0) % 360.0


def read_phrase(text: str) -> RelativePhrase | None:
    """What a relative location states, in English, Japanese or Korean; None for a bare
    place name ("Sea of Japan", "동해상")."""
    stripped = text.strip()
    match = _PATTERN.search(stripped)
    if match is not None:
        return RelativePhrase(place=match["place"], number=match["number"],
                              unit=re.sub(r"\s+", " ", match["unit"].lower()),
                              qualifier=_english_qualifier(match["qualifier"]),
                              wind=match["wind"], coast_wind=match["coast_wind"])
    if is_cjk(stripped):
        return parse_cjk(stripped)
    match = _BARE.search(stripped)
    if match is not None:
        return RelativePhrase(place=match["place"], wind=match["wind"],
                              coast_wind=match["coast_wind"])
    return None


def _english_qualifier(words: str | None) -> str | None:
    if not words:
        return None
    return qualifier_of(words) or qualifier_of(words.rstrip(".")) or "about"


def states_offset(text: str) -> bool:
    """Whether a place phrase states a distance from a landmark ("about 200 km west of
    Oshima-Oshima", "奥尻島の西約250キロ"), which puts it within tens of km, rather than only
    naming a place ("Sea of Japan"), which puts it anywhere in the place: fusion prefers the
    former (:func:`launchwatch.events.fusion.rank_key`)."""
    if _PATTERN.search(text.strip()) is not None:
        return True
    phrase = parse_cjk(text) if is_cjk(text) else None
    return phrase is not None and phrase.has_distance


def names_landmark(text: str) -> bool:
    """Whether a place phrase that states no distance still names a landmark: an island, cape,
    prefecture, city or launch site ("near Okushiri Island", "off the coast of Oga",
    "奥尻島の西"), which puts the landing near that point, rather than only a sea, an ocean or
    a country ("Sea of Japan", "off the east coast of Japan"), which puts it anywhere in a wide
    area: fusion prefers the former (:func:`launchwatch.events.fusion.rank_key`)."""
    phrase = read_phrase(text)
    place = phrase.place if phrase is not None else text.strip()
    if _region_named(place) is not None:
        return False
    try:
        # The anchor :func:`resolve_relative` measures from, without measuring.
        return not isinstance(_find_place(place, gazetteer()), Water)
    except GeoError:
        return False


def _region_named(text: str) -> Region | None:
    """The region a place phrase names ("Japan", "the Korean Peninsula", "日本"), if any."""
    if is_cjk(text):
        # The region only when nothing narrower is named: "日本の奥尻島" is the island.
        narrower = any(gazetteer().place(c, fuzzy=False) for c in place_candidates(text)
                       if regions().get(c) is None)
        candidates = [] if narrower else place_candidates(text)
    else:
        candidates = [text] + [p for p in _PLACE_SPLIT.split(text) if p and p.strip()]
    for candidate in candidates:
        found = regions().get(candidate)
        if found is not None:
            return found
    return None


def _distance_interval(phrase: RelativePhrase | None) -> tuple[float, float, float, str | None]:
    """(value, low, high, qualifier) in km from the figure a phrase states (module
    docstring); the unstated distance for a phrase without one."""
    if phrase is None or phrase.number is None:
        return UNSTATED_DISTANCE_KM / 2.0, 0.0, UNSTATED_DISTANCE_KM, None
    unit = phrase.unit
    stated = float(phrase.number.replace(",", ""))
    value = length_km(stated, unit)
    half = length_km(rounding_half_width(stated, phrase.number), unit)
    qualifier = phrase.qualifier
    if phrase.number_high is not None:
        stated_high = float(phrase.number_high.replace(",", ""))
        high_km = length_km(stated_high, unit)
        half_high = length_km(rounding_half_width(stated_high, phrase.number_high), unit)
        return (value + high_km) / 2.0, max(value - half, 0.0), high_km + half_high, qualifier
    low, high = value - half, value + half
    if qualifier in LOWER_BOUND_QUALIFIERS:
        low, high = value, value + 2.0 * half
    elif qualifier in UPPER_BOUND_QUALIFIERS:
        low, high = max(value - 2.0 * half, 0.0), value
    elif qualifier == "exactly":
        low = high = value
    return value, low, high, qualifier


def _from_region(text: str, region: Region, bearing: float, half_width: float,
                 bearing_from: str, distance: tuple[float, float, float, str | None],
                 launch_site: tuple[float, float] | None, stated: bool) -> RelativeLocation:
    """A position measured from a region's coast facing ``bearing`` (module docstring)."""
    value, low, high, qualifier = distance
    coast = region.facing_coast(bearing)
    lat, lon = coast.lat_deg, coast.lon_deg
    azimuth = np.full(lat.shape, bearing)
    if launch_site is not None and bearing_from == "compass":
        _, back, _ = wgs84().inv(np.full(lat.shape, launch_site[1]),
                                 np.full(lat.shape, launch_site[0]), lon, lat)
        course = (np.asarray(back, dtype=float) + 180.0) % 360.0
        crossed = np.abs((course - bearing + 180.0) % 360.0 - 180.0) <= half_width
        if crossed.any():
            lat, lon, azimuth, bearing_from = lat[crossed], lon[crossed], course[crossed], \
                "flight path"
    middle = lat.size // 2
    point_lat, point_lon = destination(lat[middle], lon[middle], azimuth[middle], value)
    # The coast carried: its ends, its middle and evenly spaced points between.
    pick = np.unique(np.r_[np.linspace(0, lat.size - 1, _COAST_SAMPLES).round().astype(int),
                           middle])
    location = RelativeLocation(
        text=text, anchor=region.place, lat_deg=float(point_lat), lon_deg=float(point_lon),
        distance_km=value, distance_low_km=low, distance_high_km=high, qualifier=qualifier,
        bearing_deg=float(azimuth[middle]) % 360.0, bearing_half_width_deg=half_width,
        bearing_from=bearing_from, origin_lat_deg=float(lat[middle]),
        origin_lon_deg=float(lon[middle]), uncertainty_km=0.0,
        coast=tuple(zip(lat[pick].tolist(), lon[pick].tolist(), azimuth[pick].tolist())),
        distance_stated=stated)
    far_lat, far_lon = location.sector(5)
    radius = float(np.max(distance_km(location.lat_deg, location.lon_deg, far_lat, far_lon)))
    return replace(location, uncertainty_km=radius)


def resolve_relative(text: str, *, toward: tuple[float, float] | None = None,
                     launch_site: tuple[float, float] | None = None,
                     places: Gazetteer | None = None) -> RelativeLocation:
    """Resolve "about 250 km west of Okushiri Island" (or a bare place name) to a point.

    ``toward`` (lat, lon) gives the bearing when the text has none ("150 km off the coast of
    Aomori", toward the launch site).  ``launch_site`` (lat, lon) lets a flight that passed
    over the landmark keep its course (see the module's notes).  A country, peninsula or
    island chain is measured from its facing coast (:mod:`.coasts`).  Raises
    :class:`GeoError` when the text names no known place.
    """
    places = places or gazetteer()
    phrase = read_phrase(text)
    if phrase is None:
        anchor = _find_place(text.strip(), places)
        return RelativeLocation(text=text, anchor=anchor, lat_deg=anchor.lat_deg,
                                lon_deg=anchor.lon_deg, distance_km=0.0, distance_low_km=0.0,
                                distance_high_km=0.0, qualifier=None, bearing_deg=None,
                                bearing_half_width_deg=0.0, bearing_from=None,
                                origin_lat_deg=anchor.lat_deg,
                                origin_lon_deg=anchor.lon_deg, uncertainty_km=anchor.extent_km)
    stated = phrase.has_distance
    region = _region_named(phrase.place)
    anchor = region.place if region is not None else _find_place(phrase.place, places)
    value, low, high, qualifier = distance = _distance_interval(phrase)

    bearing_from: str | None = "compass"
    if phrase.wind:
        bearing, half_width = _wind_azimuth(phrase.wind)
    elif phrase.coast_wind:
        bearing, half_width = _wind_azimuth(phrase.coast_wind)[0], 45.0
    elif toward is not None:
        bearing = float(inverse(anchor.lat_deg, anchor.lon_deg, *toward)[0]) % 360.0
        half_width, bearing_from = 45.0, "toward"
    else:
        bearing, half_width, bearing_from = None, 180.0, None
    if region is not None and bearing is not None and bearing_from is not None:
        return _from_region(text, region, bearing, half_width, bearing_from, distance,
                            launch_site, stated)
    if bearing is not None and launch_site is not None and bearing_from == "compass":
        course = _flight_path_azimuth(launch_site, anchor)
        if abs((course - bearing + 180.0) % 360.0 - 180.0) <= half_width:
            bearing, bearing_from = course, "flight path"

    origin_lat, origin_lon, azimuth = anchor.lat_deg, anchor.lon_deg, bearing
    if bearing is not None and anchor.measure_from == "coast" and anchor.extent_km > 0:
        origin_lat, origin_lon, azimuth = _coast_exit(anchor, bearing)
    if azimuth is None:
        lat, lon = anchor.lat_deg, anchor.lon_deg
    else:
        lat_a, lon_a = destination(origin_lat, origin_lon, azimuth, value)
        lat, lon = float(lat_a), float(lon_a)
    radius = _enclosing_radius_km(lat, lon, origin_lat, origin_lon, azimuth, half_width, low,
                                  high)
    if anchor.kind == "line":
        radius += anchor.extent_km
    return RelativeLocation(text=text, anchor=anchor, lat_deg=lat, lon_deg=lon,
                            distance_km=value, distance_low_km=low, distance_high_km=high,
                            qualifier=qualifier,
                            bearing_deg=None if azimuth is None else float(azimuth) % 360.0,
                            bearing_half_width_deg=half_width, bearing_from=bearing_from,
                            origin_lat_deg=origin_lat,
                            origin_lon_deg=origin_lon, uncertainty_km=radius,
                            distance_stated=stated)
