"""The web's one door to the data: events to list, map and show, reports to extract and save.

Every route reads and writes through :class:`Catalogue`, so the source of events is decided
here and nowhere else.  Until fused events are available (``launchwatch.events``), each
stored launch is shown as an event of its own, with its report as its one source.
"""

from __future__ import annotations

from collections.abc import Iterable
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, case, extract, func, select

from ..errors import LaunchwatchError
from ..model import Extraction, Launch, Report
from ..store import LaunchRow, ReportRow, Store
from .highlight import merge_spans
from .present import LABELS, display, stated_values
from .schemas import (Claim, EventDetail, EventLink, EventPage, EventSummary, Facets,
                      FieldView, MapData, ReportView, SourceRef, Span)

MAP_COLUMNS = ["id", "lat", "lon", "missile_class", "date", "country", "label", "met_range_km"]


@dataclass(frozen=True)
class EventFilter:
    """Which events to list or map; None means any.  Dates are inclusive."""

    country: str | None = None
    missile_class: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    # As the client wrote them ("2022", "2022-03"), to give back in links.
    written_from: str | None = None
    written_to: str | None = None

    def query_string(self) -> str:
        pairs = {"country": self.country, "class": self.missile_class,
                 "from": self.written_from, "to": self.written_to}
        return urlencode({k: v for k, v in pairs.items() if v})


def parse_period(text: str, *, end: bool) -> date:
    """'2022' / '2022-03' / '2022-03-15' -> the first (or, with ``end``, last) day it covers.

    Raises ValueError with the reason.
    """
    text = text.strip()
    parts = text.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError("write a year, a month or a day: 2022, 2022-03 or 2022-03-15")
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        return date(year, month, monthrange(year, month)[1] if end else 1)
    return date(year, month, int(parts[2]))


@dataclass(frozen=True)
class SaveResult:
    report: Report
    extraction: Extraction
    stored: bool
    events: list[EventLink]


def event_url(event_id: str) -> str:
    return f"/events/{event_id}"


def event_title(event: EventSummary) -> str:
    """'2022-01-17 · 2 × KN-23 (SRBM) · North Korea'."""
    what = event.missile_name or event.missile_class or "missile"
    if event.missile_name and event.missile_class:
        what += f" ({event.missile_class})"
    if event.count and event.count > 1:
        what = f"{event.count} × {what}"
    when = event.date_local.isoformat() if event.date_local else "undated"
    return " · ".join(filter(None, [when, what, event.country]))


class Catalogue:
    """Events, reports and extraction over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, url: str) -> Catalogue:
        return cls(Store.open(url))

    def close(self) -> None:
        self.store.close()

    # -- events ----------------------------------------------------------------------------

    def page(self, where: EventFilter, *, limit: int, offset: int) -> EventPage:
        """One page of events, latest first, and how many match in all."""
        columns = _summary_columns()
        query = _filtered(select(*columns), where)
        query = query.order_by(*_latest_first()).limit(limit).offset(offset)
        with self.store.session() as session:
            total = session.scalar(_filtered(select(func.count(LaunchRow.id)), where)) or 0
            rows = session.execute(query).all()
        return EventPage(total=total, limit=limit, offset=offset,
                         events=[_summary(row) for row in rows])

    def map_data(self, where: EventFilter) -> MapData:
        """Every matching event as compact rows; ``lat``/``lon`` are null for an event with
        no known place (the timeline still counts it)."""
        query = _filtered(select(LaunchRow.id, LaunchRow.launch_lat, LaunchRow.launch_lon,
                                 LaunchRow.launch_site, LaunchRow.missile_class,
                                 LaunchRow.date_local, LaunchRow.country,
                                 LaunchRow.missile_name), where)
        rows: list[list[Any]] = []
        with self.store.session() as session:
            for (id_, lat, lon, site, missile_class, day, country, name) \
                    in session.execute(query.order_by(*_latest_first())):
                if lat is None and site:
                    lat, lon = site_position(site)
                label = " ".join(filter(None, [day.isoformat() if day else None,
                                               name or missile_class, country]))
                rows.append([str(id_), lat, lon, missile_class,
                             day.isoformat() if day else None, country, label, None])
        return MapData(columns=MAP_COLUMNS, rows=rows, total=len(rows))

    def facets(self) -> Facets:
        """The countries, classes and years there are events for, to offer as filters."""
        year = extract("year", LaunchRow.date_local)
        with self.store.session() as session:
            countries = session.scalars(select(LaunchRow.country).distinct()
                                        .where(LaunchRow.country.is_not(None))).all()
            classes = session.scalars(select(LaunchRow.missile_class).distinct()
                                      .where(LaunchRow.missile_class.is_not(None))).all()
            years = session.scalars(select(year).distinct()
                                    .where(LaunchRow.date_local.is_not(None))).all()
        return Facets(countries=sorted(countries), missile_classes=sorted(classes),
                      years=sorted(int(y) for y in years))

    def event(self, event_id: str) -> EventDetail | None:
        """One event with its provenance; None when there is no such event."""
        if not event_id.isdigit():
            return None
        with self.store.session() as session:
            found = session.execute(select(LaunchRow, ReportRow)
                                    .join(ReportRow, LaunchRow.report_hash ==
                                          ReportRow.content_hash)
                                    .where(LaunchRow.id == int(event_id))).first()
            if found is None:
                return None
            launch_row, report_row = found
            launch = launch_row.to_launch()
            report = report_row.to_report()
        return _detail(str(launch_row.id), launch, report)

    def event_map(self, event_id: str) -> dict[str, Any] | None:
        """One event's geometry as a GeoJSON FeatureCollection: the launch site, and the
        landing point and zone, ground track and range rings when the event has them.
        ``properties`` carries a title and the rings described in words."""
        event = self.event(event_id)
        if event is None:
            return None
        features = []
        if event.launch_lat is not None and event.launch_lon is not None:
            features.append({"type": "Feature",
                             "geometry": {"type": "Point",
                                          "coordinates": [event.launch_lon, event.launch_lat]},
                             "properties": {"kind": "site",
                                            "label": event.launch_site or "launch site"}})
        return {"type": "FeatureCollection", "features": features,
                "properties": {"title": event_title(event), "rings": []}}

    # -- reports ---------------------------------------------------------------------------

    def extract(self, report: Report) -> Extraction:
        from ..extract import extract_report

        return extract_report(report)

    def save(self, report: Report) -> SaveResult:
        """Extract and store ``report``; returns the events its launches joined or created."""
        extraction = self.extract(report)
        stored = self.store.add(report, extraction)
        with self.store.session() as session:
            ids = session.scalars(select(LaunchRow.id)
                                  .where(LaunchRow.report_hash == report.content_hash)
                                  .order_by(LaunchRow.ordinal)).all()
        status = "created" if stored else "existing"
        return SaveResult(report=report, extraction=extraction, stored=stored,
                          events=[EventLink(id=str(i), url=event_url(str(i)), status=status)
                                  for i in ids])


# -- the interim source: stored launches ----------------------------------------------------

def _summary_columns() -> list[Any]:
    return [LaunchRow.id, LaunchRow.date_local, LaunchRow.time_local, LaunchRow.country,
            LaunchRow.missile_class, LaunchRow.missile_name, LaunchRow.count,
            LaunchRow.launch_site, LaunchRow.launch_lat, LaunchRow.launch_lon,
            LaunchRow.distance_km, LaunchRow.apogee_km, LaunchRow.flight_time_s,
            LaunchRow.landing_area]


def _latest_first() -> list[Any]:
    return [case((LaunchRow.date_local.is_(None), 1), else_=0), LaunchRow.date_local.desc(),
            LaunchRow.time_local.desc(), LaunchRow.id.desc()]


def _filtered(query: Select, where: EventFilter) -> Select:
    if where.country:
        query = query.where(LaunchRow.country == where.country)
    if where.missile_class:
        query = query.where(LaunchRow.missile_class == where.missile_class)
    if where.date_from is not None:
        query = query.where(LaunchRow.date_local >= where.date_from)
    if where.date_to is not None:
        query = query.where(LaunchRow.date_local <= where.date_to)
    return query


def _summary(row: Any) -> EventSummary:
    (id_, day, clock, country, missile_class, name, count, site, lat, lon, distance, apogee,
     flight_time, landing) = row
    if lat is None and site:
        lat, lon = site_position(site)
    return EventSummary(
        id=str(id_), url=event_url(str(id_)), date_local=day,
        time_local=clock.strftime("%H:%M") if clock else None, country=country,
        missile_class=missile_class, missile_name=name, count=count, launch_site=site,
        launch_lat=lat, launch_lon=lon, distance_km=distance, apogee_km=apogee,
        flight_time_s=flight_time, landing_area=landing, report_count=1)


def _detail(event_id: str, launch: Launch, report: Report) -> EventDetail:
    lat, lon = launch.launch_lat, launch.launch_lon
    if lat is None and launch.launch_site:
        lat, lon = site_position(launch.launch_site)

    def source(evidence: dict[str, Any] | Any | None, reported_by: Iterable[str]) -> SourceRef:
        span = None
        if evidence is not None:
            data = evidence if isinstance(evidence, dict) else evidence.model_dump()
            span = Span(start=data["start"], end=data["end"], text=data["text"])
        return SourceRef(report_hash=report.content_hash, publisher=report.publisher,
                         title=report.title, published=report.published,
                         reported_by=list(reported_by), evidence=span)

    fields: list[FieldView] = []
    marks: list[tuple[int, int, str]] = []
    for name, plain, qualifier in stated_values(launch):
        evidence = launch.evidence.get(name)
        if evidence is not None:
            marks.append((evidence.start, evidence.end, name))
        conflicts = []
        for other in launch.alternatives.get(name, []):
            other_evidence = other.get("evidence") if isinstance(other, dict) else None
            if other_evidence:
                marks.append((other_evidence["start"], other_evidence["end"], name))
            other_value = other.get("value") if isinstance(other, dict) else other
            other_qualifier = other.get("qualifier") if isinstance(other, dict) else None
            by = [other["reported_by"]] if isinstance(other, dict) and \
                other.get("reported_by") else []
            conflicts.append(Claim(value=_jsonable(other_value),
                                   display=display(name, other_value, other_qualifier),
                                   qualifier=other_qualifier,
                                   sources=[source(other_evidence, by)]))
        fields.append(FieldView(
            name=name, label=LABELS[name],
            best=Claim(value=_jsonable(plain), display=display(name, plain, qualifier),
                       qualifier=qualifier, sources=[source(evidence, launch.reported_by)]),
            conflicts=conflicts))

    def number(name: str) -> float | None:
        quantity = getattr(launch, name)
        return quantity.value if quantity is not None else None

    return EventDetail(
        id=event_id, url=event_url(event_id), date_local=launch.date_local,
        time_local=launch.time_local.strftime("%H:%M") if launch.time_local else None,
        country=launch.country, missile_class=launch.missile_class,
        missile_name=launch.missile_name, count=launch.count, launch_site=launch.launch_site,
        launch_lat=lat, launch_lon=lon, distance_km=number("distance_km"),
        apogee_km=number("apogee_km"), flight_time_s=number("flight_time_s"),
        landing_area=launch.landing_area, report_count=1, fields=fields,
        reports=[ReportView(report_hash=report.content_hash, source=report.source,
                            title=report.title, publisher=report.publisher, url=report.url,
                            published=report.published, text=report.text,
                            spans=merge_spans(marks, len(report.text)))])


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat() if not hasattr(value, "hour") or hasattr(value, "year") \
            else value.strftime("%H:%M")
    return value


@lru_cache(maxsize=4096)
def site_position(name: str) -> tuple[float | None, float | None]:
    """A launch site's coordinates from the gazetteer, (None, None) when it has none."""
    try:
        from ..geo.gazetteer import gazetteer
    except ImportError:
        return None, None
    try:
        place = gazetteer().site(name) or gazetteer().place(name)
    except LaunchwatchError:
        return None, None
    return (place.lat_deg, place.lon_deg) if place is not None else (None, None)
