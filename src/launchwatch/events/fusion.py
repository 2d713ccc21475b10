"""Fusion: the launches matched into one event become one record with a best value per field.

**The best-value rule.**  For each field, every claim (:mod:`launchwatch.events.claims`) is
ranked by, in order:

1. *stated before vague*: an "unknown" class is not a class;
2. *precise before generic*, for a place stated as text (the landing area): a distance from a
   landmark ("about 200 km west of Oshima-Oshima", :func:`launchwatch.geo.states_offset`),
   then a landmark without a distance ("off the coast of Oga", :func:`launchwatch.geo.
   names_landmark`), then a sea, ocean or country alone ("Sea of Japan"), whoever states it:
   the first puts the landing within tens of km, the second near a point, the last anywhere
   in a sea, and a compiled table's generic entry must not undo a tracking military's
   precise one;
3. *tier* (:mod:`launchwatch.events.authority`): tracking militaries (ROK JCS, Japan MoD, ...)
   before government statements, before compiled databases (CNS), before the report's own
   unattributed words, before the launching state's own claims (KCNA);
4. *the launch reported before a launch recalled*: a report's figures for its own launch
   before the figures another report recalls for it as background;
5. *recency*: within a tier, the claim from the report published last wins, so a later official
   revision beats an early flash ("about 430 km" revised to "about 600 km");
6. *the report's main figure before its alternatives* (the extractor's choice within one report:
   a revised figure, the first-stated authority);
7. a fixed order of bodies (ROK JCS, Japan MoD, US INDOPACOM, ...), then report hash and the
   launch's place in its report, so that ties always break the same way.

The first claim that may be chosen wins.  The launching state's figures therefore fill a field
only when no one else states it, and the field says so (``launching_state_only``); second
figures a report gives without a source are listed but never chosen and stay out of the spread.

**Spread and conflicts.**  How a field's claims compare is its kind
(:class:`~launchwatch.model.Kind`, declared with the field in :mod:`launchwatch.model.fields`).
A numeric field's spread is the lowest and highest value its claims allow; the field is *in
conflict* when two claims cannot both be true: their intervals (the figure +-5 % for rounding,
a stated range, or a bound such as "at least 500 km") do not overlap.  Classes, names, counts
and the EEZ verdict conflict when two sources state different values; times when they are more
than :data:`CLOCK_CONFLICT_MIN` apart; sites when two placed sites are more than
:data:`SITE_CONFLICT_KM` apart; directions more than 45 degrees apart.  Landing areas are free
text and never conflict.

**Revisions.**  The event's history replays its reports in publication order: each report that
changes a best value is a revision listing each change (from, to, and who said it), so an
analyst sees the JCS's flash, its update, Japan's figures and KCNA's the next morning.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from .. import geo
from ..model import (FIELDS, LAUNCH_FIELD, Claim, Event, EventField, EventReport, Kind, Launch,
                     LaunchRef, ReportInfo, Revision, Spread, Tier, dated_clock, direction_deg,
                     published_key, zone_of)
from .authority import preference, who
from .claims import claims_from_launch, minutes_apart

CLOCK_CONFLICT_MIN = 10.0
"""Launch times of one event more than this many minutes apart are a conflict."""

SITE_CONFLICT_KM = 30.0
"""Placed launch sites of one event more than this far apart are a conflict."""

DIRECTION_CONFLICT_DEG = 45.0


def rank_key(claim: Claim) -> tuple[Any, ...]:
    """The best-value rule as a sort key (module docstring); the smallest key wins."""
    return (claim.vague, _place_generality(claim), int(claim.tier), claim.background,
            -published_key(claim.published), claim.alternative,
            preference(claim.authority), claim.report_hash, claim.ordinal)


def _place_generality(claim: Claim) -> int:
    """How wide an area a place stated as text leaves (rule 2 of the module docstring): 0 a
    distance from a landmark, 1 a landmark alone, 2 a sea, ocean or country alone (or a place
    the gazetteer does not hold); 0 for every other field."""
    if LAUNCH_FIELD[claim.field].kind is not Kind.TEXT or not isinstance(claim.value, str):
        return 0
    return _text_place_generality(claim.value)


@functools.lru_cache(maxsize=4096)
def _text_place_generality(text: str) -> int:
    # Each claim is ranked again on every fusion of its day: remember the answer per text.
    if geo.states_offset(text):
        return 0
    return 1 if geo.names_landmark(text) else 2


def _on_the_day(launch: Launch, day: date | None) -> Launch:
    """An undated launch that joined ``day``, its time moved to that day's clock: the JCS's
    "18:30" (Seoul) of a 2016 launch is 18:00 in Pyongyang, which used UTC+8:30 then."""
    zone = zone_of(launch.country)
    if day is None or launch.date_local is not None or launch.time_zone is None or \
            launch.time_local is None or zone is None:
        return launch
    return launch.model_copy(update={
        "time_local": dated_clock(launch.time_local, launch.time_zone, zone, day)})


def fuse(event_id: str, country: str | None, date_local: date | None,
         refs: Sequence[LaunchRef]) -> Event:
    """The event of the matched launches ``refs`` (module docstring)."""
    ordered = sorted(refs, key=lambda ref: ref.order_key)
    claims_by_ref = [claims_from_launch(_on_the_day(ref.launch, date_local), ref.ordinal,
                                        ref.report, country)
                     for ref in ordered]
    claims = [claim for group in claims_by_ref for claim in group]
    # Each claim's key once: fields and history sort by it again and again.
    keys = {id(claim): rank_key(claim) for claim in claims}

    def key(claim: Claim) -> tuple[Any, ...]:
        return keys[id(claim)]

    by_field: dict[str, list[Claim]] = {name: [] for name in FIELDS}
    for claim in claims:
        by_field[claim.field].append(claim)
    fields = {name: fuse_field(name, found, key=key) for name, found in by_field.items()
              if found}
    # Matching puts launches of one date precision together only (a month is not its 1st).
    precision = ordered[0].launch.date_precision if ordered else "day"
    return Event(id=event_id, country=country, date_local=date_local,
                 date_precision=precision, fields=fields,
                 reports=_reports(ordered, claims_by_ref),
                 revisions=replay(ordered, claims_by_ref, key=key))


def fuse_field(name: str, claims: Iterable[Claim], *,
               key: Callable[[Claim], tuple[Any, ...]] = rank_key) -> EventField:
    """One field's best value, ranked claims, spread and conflict."""
    ranked = sorted(claims, key=key)
    best = next((claim for claim in ranked if claim.counts), None)
    counting = [claim for claim in ranked if claim.counts]
    return EventField(
        name=name, value=None if best is None else best.value, best=best, claims=ranked,
        spread=_spread(name, counting), conflict=_conflict(name, counting),
        launching_state_only=best is not None and best.tier == Tier.LAUNCHING_STATE,
        rule=_rule(best, counting))


def replay(refs: Sequence[LaunchRef], claims_by_ref: Sequence[list[Claim]], *,
           key: Callable[[Claim], tuple[Any, ...]] = rank_key) -> list[Revision]:
    """The event's history: its reports in publication order, each that changed a best value.

    The rank key does not depend on which claims are present, so the best value after each
    report is the better of the previous best and that report's claims.
    """
    current: dict[str, Claim] = {}
    revisions: list[Revision] = []
    by_report: dict[str, list[int]] = {}
    for index, ref in enumerate(refs):
        by_report.setdefault(ref.report.content_hash, []).append(index)
    for report_hash, indexes in by_report.items():
        report = refs[indexes[0]].report
        changes: dict[str, dict[str, Any]] = {}
        new_claims = [claim for index in indexes for claim in claims_by_ref[index] if claim.counts]
        for name in FIELDS:
            candidates = [c for c in new_claims if c.field == name]
            if not candidates:
                continue
            challenger = min(candidates, key=key)
            held = current.get(name)
            if held is not None and key(held) <= key(challenger):
                continue
            current[name] = challenger
            if held is None or held.value != challenger.value or \
                    held.qualifier != challenger.qualifier:
                changes[name] = {"from": None if held is None else held.shown(),
                                 "to": challenger.shown(), "by": who(challenger)}
        if changes:
            revisions.append(Revision(number=len(revisions) + 1, report_hash=report_hash,
                                      source=report.source, publisher=report.publisher,
                                      published=report.published, changes=changes))
    return revisions


def _reports(refs: Sequence[LaunchRef], claims_by_ref: Sequence[list[Claim]]) -> list[EventReport]:
    out: dict[str, EventReport] = {}
    for ref, claims in zip(refs, claims_by_ref):
        info: ReportInfo = ref.report
        authorities = sorted({c.authority for c in claims if c.authority}, key=preference)
        if info.content_hash in out:
            known = out[info.content_hash]
            out[info.content_hash] = known.model_copy(update={
                "ordinals": [*known.ordinals, ref.ordinal],
                "authorities": sorted(set(known.authorities) | set(authorities), key=preference)})
            continue
        out[info.content_hash] = EventReport(
            content_hash=info.content_hash, source=info.source, publisher=info.publisher,
            title=info.title, url=info.url, published=info.published, ordinals=[ref.ordinal],
            authorities=authorities)
    return list(out.values())


def _spread(name: str, claims: list[Claim]) -> Spread | None:
    if not claims:
        return None
    values = list(dict.fromkeys(claim.shown() for claim in claims))
    if LAUNCH_FIELD[name].kind not in (Kind.NUMBER, Kind.COUNT):
        return Spread(values=values)
    lows = [c.low if c.low is not None else c.number for c in claims if c.number is not None]
    highs = [c.high if c.high is not None else c.number for c in claims if c.number is not None]
    return Spread(low=min(lows), high=max(highs), values=values)


def _conflict(name: str, claims: list[Claim]) -> bool:
    if len(claims) < 2:
        return False
    kind = LAUNCH_FIELD[name].kind
    if kind is Kind.NUMBER:
        intervals = [c.interval() for c in claims]
        return any(a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])
                   for a, b in itertools.combinations(intervals, 2))
    if kind is Kind.CLOCK:
        return any((gap := minutes_apart(str(a.value), str(b.value))) is not None
                   and gap > CLOCK_CONFLICT_MIN for a, b in itertools.combinations(claims, 2))
    if kind is Kind.PLACE:
        points = [geo.SitePoint(name=str(c.value), lat_deg=c.lat_deg, lon_deg=c.lon_deg)
                  for c in claims if c.lat_deg is not None and c.lon_deg is not None]
        return any(geo.site_distance_km(a, b) > SITE_CONFLICT_KM
                   for a, b in itertools.combinations(points, 2))
    if kind is Kind.TEXT:
        return False
    if kind is Kind.COMPASS:
        degrees = [d for d in (direction_deg(str(c.value)) for c in claims) if d is not None]
        return any(abs((a - b + 180) % 360 - 180) > DIRECTION_CONFLICT_DEG
                   for a, b in itertools.combinations(degrees, 2))
    # Names, counts and yes-or-no: any two values that differ.
    distinct = {_normal(c.value) for c in claims if not c.vague}
    return len(distinct) > 1


def _normal(value: Any) -> Any:
    return value.strip().casefold() if isinstance(value, str) else value


def _rule(best: Claim | None, claims: list[Claim]) -> str:
    """Why the best value was chosen, in a sentence."""
    if best is None:
        return "no source that may be chosen states it"
    tier = Tier(best.tier)
    if tier == Tier.LAUNCHING_STATE:
        return ("the launching state's own claim, used because no other source states it")
    peers = [c for c in claims if c.tier == best.tier and not c.vague]
    text = f"{tier.label} source"
    if len({c.report_hash for c in peers}) > 1:
        when = best.published.isoformat() if best.published else "undated"
        text += f"; the latest report of that tier ({when})"
    return text
