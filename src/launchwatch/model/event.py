"""The event: one launch as all its reports describe it, with the provenance of every value.

A :class:`Claim` is one value of one field of a launch, as one report states it, with who made
it (its :class:`Tier` of trust), when the report came out and the span of text that supports
it.  An :class:`Event` holds, for each field, an :class:`EventField`: the best value, the claim
it came from, every claim behind it (best first), the spread and whether the sources conflict.
It lists its reports and its revision history, and carries its
:class:`~launchwatch.model.Assessment` when read from the store.

:mod:`launchwatch.events` makes these records (claims from launches, the ranking, fusion);
:mod:`launchwatch.exchange` writes them as CNS rows, GeoJSON, KML and JSON.  Views that need no
other stage are methods here: :meth:`Event.to_record` (a flat row), :meth:`Event.to_json`
(everything, with provenance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..units import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS, azimuth_deg
from .assessment import Assessment, empty_headline
from .fields import FIELDS, QUANTITY_FIELDS, UNITS
from .frame import events_frame
from .report import DatePrecision, Evidence, Quantity

if TYPE_CHECKING:
    import pandas

# Values that say a field is not known rather than state it.
_VAGUE = {"missile_class": {"unknown"}}

# Report times without a UTC offset are taken to be in UTC+9 (Seoul and Tokyo), where the
# sources that report most launches publish; only the order of reports depends on it.
_NAIVE_ZONE = timezone(timedelta(hours=9))


class Tier(IntEnum):
    """How far a claim's source is trusted; lower wins (the tiers and who is in each:
    :mod:`launchwatch.events.authority`)."""

    TRACKING = 0
    GOVERNMENT = 1
    DATABASE = 2
    MEDIA = 3
    LAUNCHING_STATE = 4
    UNATTRIBUTED = 5

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


CNS = "CNS"
"""The authority of the claims imported from the CNS North Korea Missile Test Database: a
compiled record, of tier :attr:`Tier.DATABASE`."""


# -- reports and claims ------------------------------------------------------------------------


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
    language: str | None = None  # ISO 639-1 code of the report's text ("ja"), as stored

    @property
    def published_key(self) -> float:
        """Seconds since the epoch, for ordering reports; unknown times sort first.

        A date without a time (midnight without an offset) is the start of that day: a report
        that does not say when in the day it came out does not override one that does.
        """
        return published_key(self.published)


@lru_cache(maxsize=4096)
def published_key(published: datetime | None) -> float:
    """A publication time as seconds since the epoch (naive times in UTC+9); None first."""
    if published is None:
        return -math.inf
    if published.tzinfo is None:
        published = published.replace(tzinfo=_NAIVE_ZONE)
    return published.timestamp()


def parse_clock(text: str | None) -> time | None:
    """'07:23' -> time(7, 23); None or unreadable -> None."""
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        return None


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
    language: str | None = None
    """The report's language (ISO 639-1, "ja", "ko", "en"): the evidence is in its text."""

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
        if self.qualifier in LOWER_BOUND_QUALIFIERS:
            return (number * (1 - tolerance), math.inf)
        if self.qualifier in UPPER_BOUND_QUALIFIERS:
            return (-math.inf, number * (1 + tolerance))
        return (number * (1 - tolerance), number * (1 + tolerance))

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


# -- directions --------------------------------------------------------------------------------

def direction_deg(text: str | None) -> float | None:
    """A compass direction ('ENE', 'east', 'north-east') as an azimuth in degrees."""
    return azimuth_deg(text)


# -- the event ---------------------------------------------------------------------------------


class Spread(BaseModel):
    """How far the sources range: lowest and highest value (numbers), and the distinct values
    stated, best first."""

    model_config = ConfigDict(frozen=True)

    low: float | None = None
    high: float | None = None
    values: list[str] = Field(default_factory=list)


class EventField(BaseModel):
    """One field of an event: best value, where it came from, and every claim behind it."""

    name: str
    value: str | float | int | bool | None = None
    best: Claim | None = None
    claims: list[Claim] = Field(default_factory=list)
    spread: Spread | None = None
    conflict: bool = False
    launching_state_only: bool = False
    rule: str = ""

    def quantity(self) -> Quantity | None:
        """The best value as a :class:`Quantity` (numeric fields only)."""
        best = self.best
        if best is None or best.number is None or best.unit is None:
            return None
        return Quantity(value=best.number, unit=best.unit, qualifier=best.qualifier,
                        low=best.low, high=best.high)

    def shown(self) -> str:
        """The best value as a person writes it, '' when there is none."""
        return self.best.shown() if self.best is not None else ""


class EventReport(BaseModel):
    """A report behind an event, and which of its launches (by place in it) belong here."""

    content_hash: str
    source: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    ordinals: list[int] = Field(default_factory=list)
    authorities: list[str] = Field(default_factory=list)


class Revision(BaseModel):
    """A report that changed best values: ``changes[field] = {from, to, by}``."""

    number: int
    report_hash: str
    source: str
    publisher: str | None = None
    published: datetime | None = None
    changes: dict[str, dict[str, Any]] = Field(default_factory=dict)


class Event(BaseModel):
    """One launch, fused from every report of it (module docstring)."""

    id: str
    country: str | None = None
    date_local: date | None = None
    date_precision: DatePrecision = "day"
    fields: dict[str, EventField] = Field(default_factory=dict)
    reports: list[EventReport] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list)
    assessment: Assessment | None = None

    # -- values ------------------------------------------------------------------------------

    def value(self, name: str) -> Any:
        """The best value of field ``name`` (None when no source states it)."""
        found = self.fields.get(name)
        return None if found is None else found.value

    def quantity(self, name: str) -> Quantity | None:
        found = self.fields.get(name)
        return None if found is None else found.quantity()

    @property
    def time_local(self) -> time | None:
        return parse_clock(self.value("time_local"))

    @property
    def distance_km(self) -> Quantity | None:
        return self.quantity("distance_km")

    @property
    def apogee_km(self) -> Quantity | None:
        return self.quantity("apogee_km")

    @property
    def flight_time_s(self) -> Quantity | None:
        return self.quantity("flight_time_s")

    @property
    def max_speed_mach(self) -> Quantity | None:
        return self.quantity("max_speed_mach")

    @property
    def missile_class(self) -> str | None:
        return self.value("missile_class")

    @property
    def launch_site(self) -> str | None:
        return self.value("launch_site")

    @property
    def launch_point(self) -> tuple[float, float] | None:
        """(lat, lon) of the launch site as the best-ranked source that placed it gives it."""
        found = self.fields.get("launch_site")
        for claim in found.claims if found else ():
            if claim.counts and claim.lat_deg is not None and claim.lon_deg is not None:
                return (claim.lat_deg, claim.lon_deg)
        return None

    @property
    def mapped_launch_point(self) -> tuple[float, float] | None:
        """Where a map or an export puts the launch site: as a source placed it
        (:attr:`launch_point`), else where the assessment found the site's name."""
        point = self.launch_point
        if point is None and self.assessment is not None and self.assessment.launch_point.ok:
            value = self.assessment.launch_point.value
            if value.lat_deg is not None and value.lon_deg is not None:
                point = (value.lat_deg, value.lon_deg)
        return point

    @property
    def conflicts(self) -> list[str]:
        """The fields whose sources disagree."""
        return [name for name, f in self.fields.items() if f.conflict]

    @property
    def authorities(self) -> list[str]:
        names: dict[str, None] = {}
        for report in self.reports:
            names.update(dict.fromkeys(report.authorities))
        return list(names)

    @property
    def first_published(self) -> datetime | None:
        times = [r.published for r in self.reports if r.published is not None]
        return min(times, key=published_key) if times else None

    @property
    def last_published(self) -> datetime | None:
        times = [r.published for r in self.reports if r.published is not None]
        return max(times, key=published_key) if times else None

    # -- views -------------------------------------------------------------------------------

    def to_record(self) -> dict[str, Any]:
        """A flat row: the best values, sources and conflicts, and the assessment's headline
        figures (for tables and DataFrames)."""
        record: dict[str, Any] = {"id": self.id, "country": self.country,
                                  "date_local": self.date_local.isoformat()
                                  if self.date_local else None,
                                  "date_precision": self.date_precision}
        for name in FIELDS:
            record[name] = self.value(name)
            if name == "launch_site":
                point = self.launch_point
                record["launch_lat"], record["launch_lon"] = point if point else (None, None)
        record["qualifiers"] = {name: f.best.qualifier for name, f in self.fields.items()
                                if name in QUANTITY_FIELDS and f.best and f.best.qualifier}
        record["reports"] = len(self.reports)
        record["authorities"] = self.authorities
        record["conflicts"] = self.conflicts
        record["launching_state_only"] = [name for name, f in self.fields.items()
                                          if f.launching_state_only]
        record["revisions"] = len(self.revisions)
        record.update(empty_headline() if self.assessment is None else
                      self.assessment.headline())
        return record

    def to_json(self) -> dict[str, Any]:
        """Everything, with provenance: each field's claims, reports, revisions, assessment."""
        return self.model_dump(mode="json")


class EventList(list[Event]):
    """Events as :meth:`Store.events` returns them; :meth:`to_dataframe` for notebooks."""

    def records(self) -> list[dict[str, Any]]:
        return [event.to_record() for event in self]

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per event (:meth:`Event.to_record`), indexed by event id, each column
        typed for analysis, with ``launched_utc`` (:mod:`launchwatch.model.frame`)."""
        return events_frame(self, _record_columns())


def _record_columns() -> list[str]:
    return list(Event(id="x").to_record())
