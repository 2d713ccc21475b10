"""Matching: which launches, extracted from different reports, are the same launch.

Launches are matched within one launching state and one local date; a launch without a date
(a report that gives no way to resolve it) is an event of its own.  Two launches of one day are
the same event only when nothing tells them apart:

- they give their dates to the **same precision**: a launch CNS dates only "September 1984"
  is stored on the 1st and is not the launch a report dates 1 September 1984;
- they come from **different reports**: the launches one report lists are distinct (the
  extractor already folds a salvo into one launch with a count);
- their **times**, when both are known, are at most :data:`~launchwatch.model.MAX_TIME_GAP_MIN`
  apart (a salvo may span an hour, 08:10 to 09:20, and sources quote its first or its last
  missile);
- their **sites**, when both are on the map, are at most :data:`MAX_SITE_GAP_KM` apart;
  sites that cannot be placed never tell launches apart, because one site has many names
  ("Sunan", "Pyongyang International Airport", "near Pyongyang");
- their **classes** are neighbours on the ladder SRBM/MLRS < MRBM < IRBM < ICBM/SLV (sources
  disagree by one step: the JCS's SRBMs are KCNA's "super-large multiple rocket launchers");
  a cruise missile matches only a cruise missile; "hypersonic", "SLBM" and "unknown" match
  any.

Counts differ too often between sources ("at least two" against three) to tell launches apart;
they only help choose between events that are both possible.  Clustering is complete-linkage
over the launches in a canonical order (report publication time, report hash, ordinal), so the
same launches always give the same events whatever the order they were ingested in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import geo
from ..model import MAX_TIME_GAP_MIN, SPECIFIC_CLASSES, LaunchRef

if TYPE_CHECKING:
    from ..geo.sites import SitePoint

MAX_SITE_GAP_KM = 75.0
"""Sites further apart than this (km) are different launch sites."""

_CLASS_STEP = {"SRBM": 1, "MLRS": 1, "MRBM": 2, "IRBM": 3, "ICBM": 4, "SLV": 4}


def launch_site(ref: LaunchRef) -> SitePoint | None:
    """Where the launch site is, as the report gives it or the gazetteer knows it
    (:func:`launchwatch.geo.locate_site`)."""
    launch = ref.launch
    if launch.launch_lat is not None and launch.launch_lon is not None:
        return _reported_site(launch.launch_site or "", launch.launch_lat, launch.launch_lon)
    # ``geo`` loads its modules on first use (numpy, pyproj, the gazetteer), so that importing
    # the events stage, as every command of the CLI does, does not pay for them.
    return geo.locate_site(launch.launch_site)


@lru_cache(maxsize=4096)
def _reported_site(name: str, lat_deg: float, lon_deg: float) -> SitePoint:
    return geo.SitePoint(name=name, lat_deg=lat_deg, lon_deg=lon_deg, source="report")


def compatible(a: LaunchRef, b: LaunchRef) -> bool:
    """Whether ``a`` and ``b`` (same state, same day) may be one launch (module docstring)."""
    if a.report.content_hash == b.report.content_hash:
        return False
    if a.launch.date_precision != b.launch.date_precision:
        return False
    gap = _gap_min(a, b)
    if gap is not None and gap > MAX_TIME_GAP_MIN:
        return False
    if not classes_compatible(a.launch.missile_class, b.launch.missile_class):
        return False
    first, second = launch_site(a), launch_site(b)
    return first is None or second is None or \
        geo.site_distance_km(first, second) <= MAX_SITE_GAP_KM


def classes_compatible(first: str | None, second: str | None) -> bool:
    if first == second:
        return True
    if first == "cruise" or second == "cruise":
        return first in {None, "unknown"} or second in {None, "unknown"}
    if first not in _CLASS_STEP or second not in _CLASS_STEP:
        return True
    return abs(_CLASS_STEP[first] - _CLASS_STEP[second]) <= 1


def affinity(a: LaunchRef, b: LaunchRef) -> float:
    """How alike two compatible launches are, to choose between candidate events."""
    score = 0.0
    gap = _gap_min(a, b)
    if gap is not None:
        score += 3.0 if gap <= 15 else 1.0 if gap <= 60 else 0.0
    first, second = launch_site(a), launch_site(b)
    if first is not None and second is not None:
        score += 2.0 if geo.site_distance_km(first, second) <= 30 else 0.0
    elif site_words(a.launch.launch_site) & site_words(b.launch.launch_site):
        score += 2.0
    for name in ("missile_class", "missile_name", "count"):
        value = getattr(a.launch, name)
        if value is not None and value != "unknown" and value == getattr(b.launch, name):
            score += 1.0
    return score


def cluster(refs: Sequence[LaunchRef]) -> list[list[LaunchRef]]:
    """The launches of one state and day, grouped into events (module docstring).

    Each launch, in canonical order, joins the existing group all of whose launches it is
    compatible with and most alike on average (the earlier group on a tie), or starts a new one.
    """
    groups: list[list[LaunchRef]] = []
    for ref in sorted(refs, key=lambda r: r.order_key):
        best = _best_group(ref, groups)
        if best is None:
            groups.append([ref])
        else:
            best.append(ref)
    return groups


def _gap_min(a: LaunchRef, b: LaunchRef) -> int | None:
    """Minutes between two launches' times on their day; None if either is unknown."""
    if a.minute_of_day is None or b.minute_of_day is None:
        return None
    return abs(a.minute_of_day - b.minute_of_day)


_GENERIC = frozenset({"the", "a", "an", "of", "in", "near", "area", "areas", "vicinity", "province",
                      "county", "city", "region", "district", "north", "south", "east", "west",
                      "northern", "southern", "eastern", "western", "port", "base", "coast",
                      "waters", "its", "country", "s", "around", "outskirts", "capital"})
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=4096)
def site_words(name: str | None) -> frozenset[str]:
    """The distinctive words of a site phrase: 'Sunan area of Pyongyang' -> {sunan, pyongyang}."""
    if not name:
        return frozenset()
    return frozenset(w for w in _WORD.findall(name.lower()) if w not in _GENERIC)


UNDATED_MATCH_DAYS = 7
"""A report that gives no launch day is matched only to launches this many days (or fewer)
before its publication."""

_FIGURE_TOLERANCE = 0.03  # figures within 3 % of each other are the same figure


def same_launch_day(ref: LaunchRef, dated: Sequence[LaunchRef]) -> date | None:
    """The day of the dated launch that an undated launch ``ref`` evidently is, or None.

    A report that gives no day ("on Tuesday", no page date) still names its launch: the same
    state, a compatible launch (:func:`compatible`), and pieces of identity (:func:`_identity`:
    missile name or a specific class, distance, apogee, flight time, launch time): two when
    the report's publication date is known and the launch is at most
    :data:`UNDATED_MATCH_DAYS` days before it, three when nothing bounds the search.  The day
    whose launches share the most identity wins; a tie leaves the report undated, since it
    cannot say which day it means.
    """
    published = ref.report.published.date() if ref.report.published else None
    scores: dict[date, int] = {}
    for other in dated:
        day = other.launch.date_local
        if day is None or other.launch.date_precision != "day" or \
                other.launch.country != ref.launch.country:
            continue
        if published is not None and not 0 <= (published - day).days <= UNDATED_MATCH_DAYS:
            continue
        if compatible(ref, other):
            scores[day] = max(scores.get(day, 0), _identity(ref, other))
    # Without a publication date nothing bounds the search: the launch may be one the store
    # does not hold, and a sister launch of the same missile would match two facts.
    needed = 2 if published is not None else 3
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] < needed or len(ranked) > 1 and ranked[1] == ranked[0]:
        return None
    return next(day for day, score in scores.items() if score == ranked[0])



def _identity(a: LaunchRef, b: LaunchRef) -> int:
    """How many identifying facts two launches share: the missile name, a specific class
    (hypersonic, SLBM, SLV, MLRS), distance, apogee or flight time within 3 %, and launch
    times within 15 minutes."""
    first, second = a.launch, b.launch
    named = first.missile_name is not None and first.missile_name == second.missile_name
    # A name already says its class: a Chollima-1 is an SLV.
    shared = int(named) or int(first.missile_class in SPECIFIC_CLASSES and
                               first.missile_class == second.missile_class)
    for name in ("distance_km", "apogee_km", "flight_time_s"):
        x, y = getattr(first, name), getattr(second, name)
        if x is not None and y is not None and \
                abs(x.value - y.value) <= _FIGURE_TOLERANCE * max(x.value, y.value):
            shared += 1
    gap = _gap_min(a, b)
    return shared + int(gap is not None and gap <= 15)


def attach(background: Sequence[LaunchRef],
           groups: list[list[LaunchRef]]) -> list[list[LaunchRef]]:
    """Add each background launch (an earlier launch a report recalls) to the group it is
    compatible with and most alike; one that matches no group stays out.  Background launches
    never start an event: a passing mention is not a report of a launch."""
    for ref in sorted(background, key=lambda r: r.order_key):
        best = _best_group(ref, groups)
        if best is not None:
            best.append(ref)
    return groups


def _best_group(ref: LaunchRef, groups: list[list[LaunchRef]]) -> list[LaunchRef] | None:
    """The group all of whose launches ``ref`` is compatible with, most alike on average
    (the earliest on a tie); None if there is none."""
    best: list[LaunchRef] | None = None
    best_score = -math.inf
    for group in groups:
        if all(compatible(ref, member) for member in group):
            score = sum(affinity(ref, member) for member in group) / len(group)
            if score > best_score:
                best, best_score = group, score
    return best
