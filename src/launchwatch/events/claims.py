"""Claims: one value of one field of a launch, as one source states it, with its evidence.

A :class:`~launchwatch.model.Launch` extracted from a report becomes a claim per stated field
(its best value) plus one per alternative figure the report gives for that field (another
body's number).  Each claim says who made it (:mod:`launchwatch.events.authority`), in which
report, when the report came out, and the span of text that supports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..model import Evidence, Launch
from .authority import Tier, authority_near, publisher_authority, tier_of

#: The fields fusion chooses a best value for, in the order they are shown.  Country and date
#: are not among them: they are what a launch is matched on (:mod:`launchwatch.events.matching`).
FIELDS: tuple[str, ...] = ("time_local", "launch_site", "missile_class", "missile_name", "count",
                           "distance_km", "apogee_km", "flight_time_s", "max_speed_mach",
                           "landing_area", "inside_japan_eez", "direction")
QUANTITY_FIELDS: tuple[str, ...] = Launch.QUANTITY_FIELDS
UNITS = {"distance_km": "km", "apogee_km": "km", "flight_time_s": "s", "max_speed_mach": "Mach"}

# Values that say a field is not known rather than state it.
_VAGUE = {"missile_class": {"unknown"}}

# Report times without a UTC offset are taken to be in UTC+9 (Seoul and Tokyo), where the
# sources that report most launches publish; only the order of reports depends on it.
_NAIVE_ZONE = timezone(timedelta(hours=9))


@dataclass(frozen=True)
class ReportInfo:
    """What fusion needs to know of a report: identity, publisher, time, and (for
    attribution) its text."""

    content_hash: str
    source: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    text: str = field(default="", repr=False, compare=False)

    @property
    def published_key(self) -> float:
        """Seconds since the epoch, for ordering reports; unknown times sort first.

        A date without a time (midnight without an offset) is the start of that day: a report
        that does not say when in the day it came out does not override one that does.
        """
        return published_key(self.published)


@lru_cache(maxsize=4096)
def published_key(published: datetime | None) -> float:
    if published is None:
        return -math.inf
    if published.tzinfo is None:
        published = published.replace(tzinfo=_NAIVE_ZONE)
    return published.timestamp()


class Claim(BaseModel):
    """One value of one field of a launch, as one report states it."""

    model_config = ConfigDict(frozen=True)

    field: str
    value: str | float | int | bool
    unit: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    lat_deg: float | None = None
    lon_deg: float | None = None
    authority: str | None = None
    tier: Tier
    alternative: bool = False
    background: bool = False
    report_hash: str
    ordinal: int = 0
    source: str
    publisher: str | None = None
    published: datetime | None = None
    evidence: Evidence | None = None

    @property
    def launching_state(self) -> bool:
        """Whether the launching state itself makes the claim (KCNA for North Korea)."""
        return self.tier == Tier.LAUNCHING_STATE

    @property
    def vague(self) -> bool:
        """A value that says the field is unknown ("unknown" class)."""
        return self.value in _VAGUE.get(self.field, ())

    @property
    def counts(self) -> bool:
        """Whether the claim may be chosen and enters the spread (unattributed second
        figures do not)."""
        return self.tier < Tier.UNATTRIBUTED

    @property
    def number(self) -> float | None:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            return None
        return float(self.value)

    def interval(self, tolerance: float = 0.05) -> tuple[float, float] | None:
        """The values the claim allows: a stated range, a bound ("at least 500 km"), or the
        figure give or take ``tolerance`` (rounding: "about 1,000 km" and KCNA's 1,001.2 km
        are the same figure)."""
        number = self.number
        if number is None:
            return None
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        if self.qualifier in {"at least", "over", "more than"}:
            return (number * (1 - tolerance), math.inf)
        if self.qualifier in {"up to", "less than"}:
            return (-math.inf, number * (1 + tolerance))
        return (number * (1 - tolerance), number * (1 + tolerance))

    @property
    def who(self) -> str:
        """'ROK JCS via Hanbit News Agency', 'KCNA', 'Pacific Wire Service'."""
        publisher = self.publisher or self.source
        if self.authority is None:
            return publisher
        if self.authority == publisher_authority(self.publisher):
            return self.authority
        return f"{self.authority} via {publisher}"

    def shown(self) -> str:
        """The value as a person writes it: 'about 600 km', 'SRBM', '07:23'."""
        if self.field == "inside_japan_eez":
            return "inside Japan's EEZ" if self.value else "outside Japan's EEZ"
        if self.low is not None and self.high is not None and self.low != self.high:
            text = f"between {self.low:g} and {self.high:g}"
        elif self.number is not None and self.field in UNITS:
            text = f"{self.number:,g}"
        else:
            text = str(self.value)
        if self.qualifier:
            text = f"{self.qualifier} {text}"
        if self.unit and self.unit != "Mach":
            text = f"{text} {self.unit}"
        elif self.unit == "Mach":
            text = f"Mach {text}"
        return text


def claims_from_launch(launch: Launch, ordinal: int, report: ReportInfo,
                       country: str | None) -> list[Claim]:
    """Every claim ``launch`` (the ``ordinal``-th launch of ``report``) makes."""
    claims: list[Claim] = []
    common = {"report_hash": report.content_hash, "ordinal": ordinal, "source": report.source,
              "publisher": report.publisher, "published": report.published,
              "background": launch.role == "background"}
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
    if name in QUANTITY_FIELDS:
        return {"value": _plain(value.value), "unit": UNITS[name], "qualifier": value.qualifier,
                "low": value.low, "high": value.high}
    if name == "time_local":
        return {"value": _clock(value)}
    if name == "launch_site":
        return {"value": value, "lat_deg": launch.launch_lat, "lon_deg": launch.launch_lon}
    return {"value": value}


def _alternative(name: str, other: Any) -> dict[str, Any] | None:
    """An entry of ``Launch.alternatives[name]`` as claim fields (None if unreadable)."""
    raw = other.get("value") if isinstance(other, dict) else other
    if raw is None:
        return None
    if name in QUANTITY_FIELDS:
        try:
            number = float(raw)
        except (TypeError, ValueError):
            return None
        qualifier = other.get("qualifier") if isinstance(other, dict) else None
        return {"value": _plain(number), "unit": UNITS[name], "qualifier": qualifier}
    if name == "time_local":
        return {"value": _clock(raw)}
    if name == "count":
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


def parse_clock(text: str | None) -> time | None:
    """'07:23' -> time(7, 23); None or unreadable -> None."""
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None


def minutes_apart(a: str | None, b: str | None) -> float | None:
    """Minutes between two 'HH:MM' clock times on one day; None if either is unknown."""
    first, second = parse_clock(a), parse_clock(b)
    if first is None or second is None:
        return None
    anchor = date(2000, 1, 1)
    return abs((datetime.combine(anchor, first) - datetime.combine(anchor, second))
               .total_seconds()) / 60.0
