"""Launch sites as reports name them, put on the map through the gazetteer.

Reports wrap a site's name in phrases ("the Sunan area of Pyongyang", "Kwail in South Hwanghae
Province"); :func:`locate_site` asks the gazetteer (:mod:`launchwatch.geo.gazetteer`) for the
whole phrase, then for its parts split at "of", "in", "near" and commas, most specific first;
a Japanese or Korean phrase, for the names in it (:func:`~.relative_cjk.place_candidates`).
Event matching uses the point to tell two sites apart; the assessment uses it as the launch
point when the report gave none; the web app puts it on the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import Gazetteer, Site
from .geodesy import distance_km
from .relative_cjk import is_cjk, place_candidates

_PARTS = re.compile(r",|;|\bof\b|\bin\b|\bnear\b|\bnortheast\b|\bnorthwest\b|\bsoutheast\b|"
                    r"\bsouthwest\b", re.IGNORECASE)


@dataclass(frozen=True)
class SitePoint:
    """Where a named site is: the gazetteer's entry (or the report's coordinates) and its
    point."""

    name: str
    lat_deg: float
    lon_deg: float
    source: str = "gazetteer"


@lru_cache(maxsize=4096)
def locate_site(name: str | None) -> SitePoint | None:
    """The gazetteer's site for a report's site phrase, or None when it knows none."""
    if not name or not name.strip():
        return None
    places = Gazetteer.default()
    candidates = [name] + [part.strip() for part in _PARTS.split(name)]
    for candidate in dict.fromkeys(c for c in candidates if len(c) > 2):
        site = places.site(candidate)
        if site is not None:
            return _point(site)
    if is_cjk(name):
        # "자강도 무평리 일대", "平安北道亀城付近": no "of" or comma to split at, so the
        # names in it, most specific first.  A province is no site: its point is only where
        # the province is, and a launch from one end of it would seem far from one named by
        # its town.
        for candidate in place_candidates(name):
            site = places.site(candidate)
            if site is not None and site.kind != "province":
                return _point(site)
    return None


def _point(site: Site) -> SitePoint:
    return SitePoint(name=site.name, lat_deg=site.lat_deg, lon_deg=site.lon_deg)


def site_distance_km(a: SitePoint, b: SitePoint) -> float:
    """Geodesic distance between two sites (WGS84), km."""
    return _distance_km(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg)


@lru_cache(maxsize=65536)
def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # A day's launches name a handful of sites: the same pairs come up again and again.
    if (lat1, lon1) == (lat2, lon2):
        return 0.0
    return float(distance_km(lat1, lon1, lat2, lon2))
