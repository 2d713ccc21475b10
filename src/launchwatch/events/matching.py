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

Names are compared as the extractors write them, which is the lexicons' canonical English
whatever the report's language: a Japanese "火星17型" and a Korean "화성-17형" are both
"Hwasong-17", a site "順安" is "Sunan"; a Korean site phrase the gazetteer does not hold
("평안북도 구성 일대") is located by its Korean names (:func:`launchwatch.geo.locate_site`),
and one it cannot place never tells launches apart.

Counts differ too often between sources ("at least two" against three) to tell launches apart;
they only help choose between events that are both possible.  Clustering is complete-linkage
over the launches in a canonical order (report publication time, report hash, ordinal), so the
same launches always give the same events whatever the order they were ingested in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .. import geo
from ..model import (MAX_TIME_GAP_MIN, SPECIFIC_CLASSES, DayHint, LaunchRef, Quantity,
                     zone_of)
from ..units import rounding_half_width, time_rounding_half_width_s

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

_IDENTIFYING_CLASSES = (*SPECIFIC_CLASSES, "cruise")
"""Classes two launches share that say which launch it was: the kinds of weapon
(:data:`~launchwatch.model.SPECIFIC_CLASSES`), and cruise missiles, tested far more rarely
than ballistic ones; a range class (SRBM ... ICBM) fits a state's launches of many days."""

WATCHING_ZONE = "Asia/Seoul"
"""The clock the tracking governments' reports (the JCS in Seoul, the MoD in Tokyo; both
UTC+9) give launch times in: an undated launch's time is that clock's reading as written,
since without a day it could not be moved to the launching state's."""


def same_launch_day(ref: LaunchRef, dated: Sequence[LaunchRef]) -> date | None:
    """The day of the dated launch that an undated launch ``ref`` evidently is, or None.

    A report that gives no day ("on Tuesday", no page date) still names its launch: the same
    state, a compatible launch (:func:`compatible`), and pieces of identity (:func:`_identity`:
    missile name or a specific class, distance, apogee, flight time, launch time), less the
    figures both state differently (:func:`_disagreements`), as many as
    :func:`facts_needed` asks: two when the report's publication date is known and the launch
    is at most :data:`UNDATED_MATCH_DAYS` days before it, fewer or more by how many days the
    parts of its day the report does state (its :class:`~launchwatch.model.DayHint`: "6日",
    "on Monday", a URL's month) leave open; only days those parts admit are candidates.  The
    day whose launches share the most identity wins; a tie leaves the report undated, since
    it cannot say which day it means.

    Why disagreements count: round figures ("about 1,000 km", "6,000 km", "around 10 a.m.")
    are shared by many launches of one missile family, so agreement on them alone can point
    at the wrong one: a launch that flew 74 minutes is not the one of a day whose launch flew
    69, however well its round distance, apogee and time fit (a Hwasong-18 report dated only
    "Wednesday" joined a Hwasong-17 Friday that way).
    """
    published = ref.report.published.date() if ref.report.published else None
    hint = ref.launch.day_hint
    shared: dict[date, dict[str, float]] = {}
    disagreeing: dict[date, set[str]] = {}
    for other in dated:
        day = other.launch.date_local
        if day is None or other.launch.date_precision != "day" or \
                other.launch.country != ref.launch.country:
            continue
        if published is not None and not 0 <= (published - day).days <= UNDATED_MATCH_DAYS:
            continue
        if compatible(ref, other):
            facts = shared.setdefault(day, {})
            for fact, weight in shared_identity(ref, other).items():
                facts[fact] = max(weight, facts.get(fact, 0.0))
            disagreeing.setdefault(day, set()).update(_disagreements(ref, other))
    # A day's launches are its sources' readings of one launch (or a salvo): what any of
    # them shares with the report counts, and a figure one of them agrees on is no
    # disagreement because another reads it differently.
    margins = {day: sum(facts.values()) - len(disagreeing[day] - facts.keys()) -
               facts_needed(published is not None,
                            hint if hint is not None and hint.admits(day) else None)
               for day, facts in shared.items()}
    ranked = sorted(margins.values(), reverse=True)
    if not ranked or ranked[0] < 0 or len(ranked) > 1 and ranked[1] == ranked[0]:
        return None
    return next(day for day, margin in margins.items() if margin == ranked[0])


_HintIndex = tuple[dict[int, list[LaunchRef]], dict[int, list[LaunchRef]]]
"""Launches by the day of the month their hint states, and by the weekday where it states no
day of the month."""


def days_together(refs: Sequence[LaunchRef],
                  fresh: Collection[int] | None = None) -> dict[date, list[LaunchRef]]:
    """Undated launches of one state whose reports, read together, name one day, by that day.

    One report says "on Saturday" under a URL of April 2016, another "23일": neither names a
    day, together they name 23 April 2016, if they are one launch.  A report whose hint bounds
    its days (:meth:`~launchwatch.model.DayHint.bounds`: a URL's month, a year) is paired with
    each report whose hint states a day of the month or a weekday that one of those days has.
    Where the two share identifying facts as two reports of one known week must
    (:func:`facts_needed` with a publication date: two, less the figures they state
    differently) and only one of those days fits both hints, both are that day's.  The facts
    say the reports are one launch; the hints only say when.  A launch two pairings put on
    different days is left out.

    ``fresh``: the launch ids fusion has not seen (None: all).  Only pairs with a fresh launch
    are tried, since a pair of launches seen before was tried when the later one came, and
    its answer depends on nothing else: so the cost grows with the new launches, not with the
    square of the undated ones waiting.
    """
    def is_fresh(ref: LaunchRef) -> bool:
        return fresh is None or ref.launch_id in fresh

    # Launches by the day of the month, else the weekday, their hint states: all of them (a
    # fresh launch may pair with any), and the fresh ones alone (the others may pair only
    # with those).
    everyone: _HintIndex = ({}, {})
    fresh_only: _HintIndex = ({}, {})
    for ref in refs:
        hint = ref.launch.day_hint
        for by_day_of_month, by_weekday in (everyone, fresh_only) if is_fresh(ref) else \
                (everyone,):
            if hint is not None and hint.day is not None:
                by_day_of_month.setdefault(hint.day, []).append(ref)
            elif hint is not None and hint.weekday is not None:
                by_weekday.setdefault(hint.weekday, []).append(ref)
    placed: dict[int, set[date]] = {}
    members: dict[int, LaunchRef] = {}
    for ref in refs:
        days = ref.launch.day_hint.days() if ref.launch.day_hint is not None else []
        by_day_of_month, by_weekday = everyone if is_fresh(ref) else fresh_only
        partners = {other.launch_id: other for day in days
                    for other in (*by_day_of_month.get(day.day, ()),
                                  *by_weekday.get(day.weekday(), ()))}
        for other in partners.values():
            if other.launch_id == ref.launch_id or not compatible(ref, other):
                continue
            facts = shared_identity(ref, other)
            margin = sum(facts.values()) - len(_disagreements(ref, other) - facts.keys())
            hint = other.launch.day_hint
            fits = [day for day in days if hint is not None and hint.admits(day)]
            if margin >= facts_needed(True, None) and len(fits) == 1:
                for member in (ref, other):
                    placed.setdefault(member.launch_id, set()).add(fits[0])
                    members[member.launch_id] = member
    together: dict[date, list[LaunchRef]] = {}
    for launch_id, days in sorted(placed.items()):
        if len(days) == 1:
            together.setdefault(next(iter(days)), []).append(members[launch_id])
    return together


def facts_needed(published: bool, hint: DayHint | None) -> int:
    """How many identifying facts an undated launch must share with a day's launches to be
    taken for them, by how many days what the report says of its day leaves open.

    A publication date leaves about a week (:data:`UNDATED_MATCH_DAYS`): two facts.  Without
    one nothing bounds the search: the launch may be one the store does not hold, and a sister
    launch of the same missile would match two facts, so three are needed where nothing else
    is known of the day (``hint`` None, or a hint that does not admit it).  Where the report's
    :class:`~launchwatch.model.DayHint` admits the day, a sister launch would have to share
    the day of the month ("6日"), the weekday or the filing month as well: two facts; and one
    where the hint leaves at most about one day a year (a day of the month with its month or
    its filing month, a weekday with its filing month): :data:`_FEW_DAYS_SHARE`."""
    if published:
        return 2
    if hint is None:
        return 3
    return 1 if _share_of_days(hint) <= _FEW_DAYS_SHARE else 2


_FEW_DAYS_SHARE = 1 / 350
"""A hint that admits this share of a decade's days or less (about ten: "July 4", one a year;
"a Wednesday filed in March 2017", about five) names its launch with one shared fact."""


def _share_of_days(hint: DayHint) -> float:
    """The share of a decade's days that ``hint`` admits, roughly: each part it states
    divides them independently."""
    share = 1.0
    if hint.day is not None:
        share /= 30.4
    if hint.weekday is not None:
        share /= 7
    if hint.month is not None:
        share /= 12
    if hint.year is not None:
        share /= 10
    if hint.filed_in is not None:
        # the month it was filed in and the week before it: 37 days of 3,652
        share *= (30.4 + DayHint.FILED_LAG_DAYS) / 3652
    if hint.filed_on is not None:
        share *= (1 + DayHint.FILED_LAG_DAYS) / 365
    return share


@lru_cache(maxsize=4096)
def _watching_shift_min(country: str | None, day: date) -> int:
    """Minutes the watching governments' clock (UTC+9) runs ahead of the launching state's on
    ``day``: 30 for North Korea from 2015-08-15 to 2018-05-04 (Pyongyang time, UTC+8:30),
    else 0 for the Koreas and Japan.  Cached: matching an undated launch asks it for every
    dated launch of its state, and a state's launches share few days."""
    zone = zone_of(country)
    if zone is None:
        return 0
    noon = datetime.combine(day, time(12))
    state = noon.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    watching = noon.replace(tzinfo=ZoneInfo(WATCHING_ZONE)).utcoffset()
    if state is None or watching is None:
        return 0
    shift = int((watching - state).total_seconds() // 60)
    # Only the half-hour of Pyongyang time: a state hours away is not read on Seoul's clock.
    return shift if 0 < abs(shift) <= 60 else 0


def _undated_gap_min(undated: LaunchRef, dated: LaunchRef, shift_min: int) -> int | None:
    """Minutes between an undated launch's time and a dated one's, the undated time read both
    as the state's clock and as the watching governments' (moved back ``shift_min``): a
    Japanese report's undated "午前9時31分" is 09:01 Pyongyang time on a day of UTC+8:30."""
    gap = _gap_min(undated, dated)
    if gap is None or not shift_min:
        return gap
    assert undated.minute_of_day is not None and dated.minute_of_day is not None
    moved = abs(undated.minute_of_day - shift_min - dated.minute_of_day)
    return min(gap, moved)


def shared_identity(a: LaunchRef, b: LaunchRef) -> dict[str, float]:
    """The identifying facts two launches share (:func:`_identity`), where one is undated its
    time read on both clocks it may be on (:func:`_undated_gap_min`)."""
    first, second = a.launch.date_local, b.launch.date_local
    if (first is None) == (second is None):
        return _identity(a, b)
    undated, dated = (a, b) if first is None else (b, a)
    day = dated.launch.date_local
    assert day is not None
    return _identity(a, b, _undated_gap_min(undated, dated,
                                            _watching_shift_min(dated.launch.country, day)))


def _identity(a: LaunchRef, b: LaunchRef, gap: int | None = None) -> dict[str, float]:
    """The identifying facts two launches share, each with its weight: the missile name or an
    identifying class (:data:`_IDENTIFYING_CLASSES`), one fact, the weapon, since a name already
    says its class (a Chollima-1 is an SLV); distance, apogee or flight time within 3 %; and
    launch times within 15 minutes (``gap``, minutes, when the caller has read the times;
    else their difference).  A round figure (:func:`_round_figure`: "about 1,000 km") counts
    half: a missile family's launches share it (a Hwasong-18 "Wednesday" report of 1,000 km
    fits two Hwasong-18 Wednesdays)."""
    first, second = a.launch, b.launch
    shared: dict[str, float] = {}
    if first.missile_name is not None and first.missile_name == second.missile_name or \
            first.missile_class in _IDENTIFYING_CLASSES and \
            first.missile_class == second.missile_class:
        shared["weapon"] = 1.0
    for name in _FIGURES:
        x, y = getattr(first, name), getattr(second, name)
        if x is not None and y is not None and \
                abs(x.value - y.value) <= _FIGURE_TOLERANCE * max(x.value, y.value):
            shared[name] = 0.5 if _round_figure(name, x.value) else 1.0
    if gap is None:
        gap = _gap_min(a, b)
    if gap is not None and gap <= 15:
        shared["time"] = 1.0
    return shared


def _disagreements(a: LaunchRef, b: LaunchRef) -> set[str]:
    """The figures two launches both state differently: distance, apogee or flight time
    further apart than their rounding explains (:func:`_figures_disagree`).

    Names are not compared: sources of one launch name it differently (the JCS's first
    assessment, "Hwasong-15", against KCNA's "Hwasong-17"), and a name may come from a launch
    the report recalls; a measured figure is one source's reading of this launch."""
    first, second = a.launch, b.launch
    return {name for name in _FIGURES
            if (x := getattr(first, name)) is not None and (y := getattr(second, name)) is not None
            and _figures_disagree(name, x, y)}


_FIGURES = ("distance_km", "apogee_km", "flight_time_s")
_POINT_QUALIFIERS = frozenset({None, "about", "exactly"})


def _figures_disagree(name: str, x: Quantity, y: Quantity) -> bool:
    """Whether two stated figures cannot be one measurement: both are points ("about", or no
    word; a bound such as "up to 6,000 km" or a range fits many values), neither is a round
    figure of one significant digit, and they are further apart than
    :data:`_FIGURE_TOLERANCE` and the rounding their digits imply
    (:func:`launchwatch.units.rounding_half_width`: "74 minutes" is 73.5 to 74.5).

    A round figure is a class more than a measurement: the JCS's "about 7,000 km" apogee of
    2024-10-31 is KCNA's 7,687.5 km, and "1,000 km" stands for anything near it."""
    if x.qualifier not in _POINT_QUALIFIERS or y.qualifier not in _POINT_QUALIFIERS or \
            x.low is not None or y.low is not None:
        return False
    if _round_figure(name, x.value) or _round_figure(name, y.value):
        return False
    half_width = time_rounding_half_width_s if name == "flight_time_s" else rounding_half_width
    slack = max(_FIGURE_TOLERANCE * max(x.value, y.value),
                half_width(x.value) + half_width(y.value))
    return abs(x.value - y.value) > slack


def _round_figure(name: str, value: float) -> bool:
    """Whether a figure has one significant digit (1,000 km, 7,000 km, 300 km; a flight time
    in whole minutes counted in minutes: 60 minutes, not 74)."""
    if name == "flight_time_s" and float(value).is_integer() and int(value) % 60 == 0:
        value = value / 60
    if value <= 0 or not float(value).is_integer():
        return False
    return len(str(int(value)).rstrip("0")) == 1


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
