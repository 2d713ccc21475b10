"""The event: one launch as all its reports describe it, with the provenance of every value.

An :class:`Event` holds, for each field, an :class:`EventField`: the best value, the claim it
came from, every claim behind it (best first), the spread and whether the sources conflict.
It lists its reports and its revision history, and carries its assessment when read from the
store.  Views are methods: :meth:`Event.to_record` (a flat row), :meth:`Event.to_json`
(everything, with provenance), :meth:`Event.to_cns_rows`, :meth:`Event.to_geojson`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..assess.event import Assessment, empty_headline
from ..model import Quantity
from .claims import FIELDS, QUANTITY_FIELDS, Claim, parse_clock

if TYPE_CHECKING:
    import pandas

_COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW",
            "NW", "NNW")
_COMPASS_WORDS = {"north": "N", "northeast": "NE", "north-east": "NE", "east": "E",
                  "southeast": "SE", "south-east": "SE", "south": "S", "southwest": "SW",
                  "south-west": "SW", "west": "W", "northwest": "NW", "north-west": "NW",
                  "east-northeast": "ENE", "east-southeast": "ESE", "north-northeast": "NNE",
                  "north-northwest": "NNW", "south-southeast": "SSE", "south-southwest": "SSW",
                  "west-northwest": "WNW", "west-southwest": "WSW"}


def direction_deg(text: str | None) -> float | None:
    """A compass direction ('ENE', 'east', 'north-east') as an azimuth in degrees."""
    if not text:
        return None
    key = text.strip()
    key = _COMPASS_WORDS.get(key.lower(), key.upper())
    if key in _COMPASS:
        return _COMPASS.index(key) * 22.5
    return None


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
        return min(times, key=_utc_key) if times else None

    @property
    def last_published(self) -> datetime | None:
        times = [r.published for r in self.reports if r.published is not None]
        return max(times, key=_utc_key) if times else None

    # -- views -------------------------------------------------------------------------------

    def to_record(self) -> dict[str, Any]:
        """A flat row: the best values, sources and conflicts, and the assessment's headline
        figures (for tables and DataFrames)."""
        record: dict[str, Any] = {"id": self.id, "country": self.country,
                                  "date_local": self.date_local.isoformat()
                                  if self.date_local else None}
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

    def to_cns_rows(self, first_f1: int = 1) -> list[dict[str, str]]:
        """The event as rows of the CNS North Korea Missile Test Database (one per missile)."""
        from ..exchange.cns import event_to_rows

        return event_to_rows(self, first_f1=first_f1)

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection: launch site, landing point, ground track, range rings."""
        from ..exchange.geojson import event_features

        return {"type": "FeatureCollection", "features": event_features(self)}


class EventList(list[Event]):
    """Events as :meth:`Store.events` returns them; :meth:`to_dataframe` for notebooks."""

    def records(self) -> list[dict[str, Any]]:
        return [event.to_record() for event in self]

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per event (:meth:`Event.to_record`), indexed by event id."""
        import pandas

        frame = pandas.DataFrame.from_records(self.records(), columns=_record_columns())
        if not frame.empty:
            frame["date_local"] = pandas.to_datetime(frame["date_local"])
        return frame.set_index("id")


def _record_columns() -> list[str]:
    return list(Event(id="x").to_record())


def _utc_key(moment: datetime) -> float:
    from .claims import published_key

    return published_key(moment)
