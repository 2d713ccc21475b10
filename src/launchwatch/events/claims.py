"""Claims: one value of one field of a launch, as one source states it, with its evidence.

A :class:`~launchwatch.model.Launch` extracted from a report becomes a
:class:`~launchwatch.model.Claim` per stated field (its best value) plus one per alternative
figure the report gives for that field (another body's number).  Each claim says who made it
(:mod:`launchwatch.events.authority`), in which report, when the report came out, and the span
of text that supports it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from ..model import (FIELDS, LAUNCH_FIELD, UNITS, Claim, Evidence, Kind, Launch, ReportInfo,
                     parse_clock)
from .authority import authority_near, tier_of


def claims_from_launch(launch: Launch, ordinal: int, report: ReportInfo,
                       country: str | None) -> list[Claim]:
    """Every claim ``launch`` (the ``ordinal``-th launch of ``report``) makes."""
    claims: list[Claim] = []
    common = {"report_hash": report.content_hash, "ordinal": ordinal, "source": report.source,
              "publisher": report.publisher, "published": report.published,
              "background": launch.role == "background", "language": report.language}
    for name in FIELDS:
        stated = _stated(launch, name)
        if stated is not None:
            authority = _main_authority(launch, name, report)
            claims.append(Claim(field=name, **stated, authority=authority,
                                tier=tier_of(authority, country), alternative=False,
                                evidence=launch.evidence.get(name), **common))
        for other in launch.alternatives.get(name, ()):
            alternative = _alternative(name, other)
            if alternative is None:
                continue
            authority = other.get("reported_by") if isinstance(other, dict) else None
            evidence = other.get("evidence") if isinstance(other, dict) else None
            claims.append(Claim(field=name, **alternative, authority=authority,
                                tier=tier_of(authority, country, alternative=True),
                                alternative=True,
                                evidence=Evidence(**evidence) if evidence else None, **common))
    return claims


def _stated(launch: Launch, name: str) -> dict[str, Any] | None:
    value = getattr(launch, name)
    if value is None:
        return None
    kind = LAUNCH_FIELD[name].kind
    if kind is Kind.NUMBER:
        return {"value": _plain(value.value), "unit": UNITS[name], "qualifier": value.qualifier,
                "low": value.low, "high": value.high}
    if kind is Kind.CLOCK:
        return {"value": _clock(value)}
    if kind is Kind.PLACE:
        return {"value": value, "lat_deg": launch.launch_lat, "lon_deg": launch.launch_lon}
    return {"value": value}


def _alternative(name: str, other: Any) -> dict[str, Any] | None:
    """An entry of ``Launch.alternatives[name]`` as claim fields (None if unreadable)."""
    raw = other.get("value") if isinstance(other, dict) else other
    if raw is None:
        return None
    kind = LAUNCH_FIELD[name].kind
    if kind is Kind.NUMBER:
        try:
            number = float(raw)
        except (TypeError, ValueError):
            return None
        qualifier = other.get("qualifier") if isinstance(other, dict) else None
        return {"value": _plain(number), "unit": UNITS[name], "qualifier": qualifier}
    if kind is Kind.CLOCK:
        return {"value": _clock(raw)}
    if kind is Kind.COUNT:
        try:
            return {"value": int(raw)}
        except (TypeError, ValueError):
            return None
    return {"value": raw}


def _main_authority(launch: Launch, name: str, report: ReportInfo) -> str | None:
    """Which of the bodies the report cites stated its main value for ``name``.

    One body cited: that body.  Several: the body named in the sentence of the value's
    evidence (or the nearest earlier sentence of its paragraph); failing that, the first cited
    body that none of the field's alternative figures is credited to.
    """
    cited = list(launch.reported_by)
    if not cited:
        return None
    if len(cited) == 1:
        return cited[0]
    evidence = launch.evidence.get(name)
    if evidence is not None and report.text:
        found = authority_near(report.text, evidence.start, cited)
        if found is not None:
            return found
    taken = {other.get("reported_by") for other in launch.alternatives.get(name, ())
             if isinstance(other, dict)}
    return next((body for body in cited if body not in taken), cited[0])


def _clock(value: time | str) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)[:5]


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def minutes_apart(a: str | None, b: str | None) -> float | None:
    """Minutes between two 'HH:MM' clock times on one day; None if either is unknown."""
    first, second = parse_clock(a), parse_clock(b)
    if first is None or second is None:
        return None
    anchor = date(2000, 1, 1)
    return abs((datetime.combine(anchor, first) - datetime.combine(anchor, second))
               .total_seconds()) / 60.0
