"""Launch sites as reports name them, put on the map through the gazetteer.

Reports wrap a site's name in phrases ("the Sunan area of Pyongyang", "Kwail in South Hwanghae
Province"); :func:`locate_site` asks :mod:`launchwatch.geo`'s gazetteer for the whole phrase,
then for its parts split at "of", "in", "near" and commas, most specific first.  Matching uses
the point to tell two sites apart; the assessment uses it as the launch point when the
extractor gave none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PARTS = re.compile(r",|;|\bof\b|\bin\b|\bnear\b|\bnortheast\b|\bnorthwest\b|\bsoutheast\b|"
                    r"\bsouthwest\b", re.IGNORECASE)
_GENERIC = frozenset({"the", "a", "an", "of", "in", "near", "area", "areas", "vicinity", "province",
                      "county", "city", "region", "district", "north", "south", "east", "west",
                      "northern", "southern", "eastern", "western", "port", "base", "coast",
                      "waters", "its", "country", "s", "around", "outskirts", "capital"})
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class SitePoint:
    """Where a named site is: the gazetteer's entry and its point."""

    name: str
    lat_deg: float
    lon_deg: float
    source: str = "gazetteer"


@lru_cache(maxsize=4096)
def site_words(name: str | None) -> frozenset[str]:
    """The distinctive words of a site phrase: 'Sunan area of Pyongyang' -> {sunan, pyongyang}."""
    if not name:
        return frozenset()
    return frozenset(w for w in _WORD.findall(name.lower()) if w not in _GENERIC)


@lru_cache(maxsize=4096)
def locate_site(name: str | None) -> SitePoint | None:
    """The gazetteer's site for a report's site phrase, or None when it knows none."""
    if not name or not name.strip():
        return None
    try:
        from ..geo import Gazetteer
    except ImportError:  # the geography stage is not installed: names only
        return None
    places = Gazetteer.default()
    candidates = [name] + [part.strip() for part in _PARTS.split(name)]
    for candidate in dict.fromkeys(c for c in candidates if len(c) > 2):
        site = places.site(candidate)
        if site is not None:
            return SitePoint(name=site.name, lat_deg=site.lat_deg, lon_deg=site.lon_deg)
    return None
