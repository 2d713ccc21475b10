"""The web's one door to the data: events to list, map and show, reports to extract and save.

Every route reads and writes through :class:`Catalogue`.  Events are the store's fused events
(:mod:`launchwatch.events`, kept by :meth:`Store.refresh_events`) with their assessments
(:mod:`launchwatch.assess`); this module only turns them into what a page or the API shows.
Lists and the map read the ``events`` table's columns, not the events' JSON documents, so that
a page of 10 000 events costs a few indexed queries.
"""

from __future__ import annotations

import tempfile
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, case, event, extract, func, select

from ..errors import LaunchwatchError
from ..events.authority import who
from ..events.sites import locate_site
from ..exchange import event_features, export_events
from ..model import Event, EventField, Extraction, Report
from ..store import AssessmentRow, EventLaunchRow, EventRow, LaunchRow, Store
from .highlight import merge_spans
from .present import LABELS
from .schemas import (Claim, EventDetail, EventLink, EventPage, EventSummary, Facets,
                      FieldView, MapData, Place, ReportView, Revision, SourceRef, Span)

# The event the map shows first: the latest whose range rings a regional map shows whole, or
# failing that the latest with rings; among at most this many latest events with rings.
FEATURED_MAX_RANGE_KM = 5000.0
FEATURED_CANDIDATES = 50


@dataclass(frozen=True)
class EventFilter:
    """Which events to list or map; None means any.  Dates are inclusive."""

    country: str | None = None
    missile_class: str | None = None
    sites: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    # As the client wrote them ("2022", "2022-03"), to give back in links.
    written_from: str | None = None
    written_to: str | None = None

    def query_string(self) -> str:
        pairs = [("country", self.country), ("class", self.missile_class),
                 *(("site", site) for site in self.sites),
                 ("from", self.written_from), ("to", self.written_to)]
        return urlencode([(k, v) for k, v in pairs if v])


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
    known_class = event.missile_class if event.missile_class != "unknown" else None
    what = event.missile_name or known_class or "missile"
    if event.missile_name and known_class:
        what += f" ({known_class})"
    if event.count and event.count > 1:
        what = f"{event.count} × {what}"
    when = event.date_local.isoformat() if event.date_local else "undated"
    return " · ".join(filter(None, [when, what, event.country]))


class Catalogue:
    """Events, reports and extraction over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        if store.engine.dialect.name == "sqlite":
            event.listen(store.engine, "connect", _sqlite_for_reading)
            store.engine.dispose()  # connections made before the listener lack it

    @classmethod
    def open(cls, url: str) -> Catalogue:
        return cls(Store.open(url))

    def close(self) -> None:
        self.store.close()

    def refresh(self) -> None:
        """Fuse stored launches that no event holds yet (cheap when there are none).

        Assessing is left to whatever stored the launches (``launchwatch ingest``, ``import
        cns``, :meth:`save`) or to ``launchwatch events assess``: a web server that started
        hours of Monte Carlo on a large store would starve its visitors."""
        self.store.refresh_events()

    # -- events ----------------------------------------------------------------------------

    def page(self, where: EventFilter, *, limit: int, offset: int) -> EventPage:
        """One page of events, latest first (undated last), and how many match in all.

        Dated and undated events are read apart, so that the dated ones come in the order of
        the ``date_local`` index instead of a sort of every matching row
        (:func:`_dated_page`).
        """
        undated_only = EventRow.date_local.is_(None)
        with self.store.engine.connect() as connection:
            counted = select(func.count()).select_from(EventRow)
            total = connection.scalar(_filtered(counted, where))
            undated = connection.scalar(_filtered(counted, where).where(undated_only))
            dated = total - undated
            rows = []
            if offset < dated:
                rows = _dated_page(connection, where, limit=limit, offset=offset)
            if len(rows) < limit and offset + len(rows) < total:
                rows += connection.execute(
                    _filtered(select(*_SUMMARY_COLUMNS), where).where(undated_only)
                    .order_by(EventRow.id)
                    .limit(limit - len(rows)).offset(max(0, offset - dated))).all()
        return EventPage(total=total, limit=limit, offset=offset,
                         events=[_summary(row) for row in rows])

    def map_data(self, where: EventFilter) -> MapData:
        """The map's and the timeline's data, aggregated by the database: the places events
        were launched from (how many, which classes, the latest date) and the number of
        events in each month.

        Places follow every filter; the months follow country and class only, so that the
        timeline shows the whole record with the chosen period marked on it.  A site named
        without coordinates is placed by the gazetteer lookup the assessment itself uses
        (:func:`site_position`), once per name.  Sites at the same point (to 0.001 degree)
        are one place.
        """
        site = (EventRow.launch_site, EventRow.launch_lat, EventRow.launch_lon,
                EventRow.missile_class)
        by_site = _filtered(select(*site, func.count(), func.max(EventRow.date_local)),
                            where).group_by(*site)
        year, month = extract("year", EventRow.date_local), extract("month", EventRow.date_local)
        by_month = (_filtered(select(year, month, func.count()),
                              EventFilter(country=where.country,
                                          missile_class=where.missile_class))
                    .where(EventRow.date_local.is_not(None)).group_by(year, month)
                    .order_by(year, month))
        with self.store.engine.connect() as connection:
            sites = connection.execute(by_site).all()
            months = connection.execute(by_month).all()
            featured = _featured(connection, where)
        places: dict[tuple[float, float], Place] = {}
        total = unplaced = 0
        for name, lat, lon, missile_class, count, latest in sites:
            total += count
            if lat is None and name:
                lat, lon = site_position(name)
            if lat is None or lon is None:
                unplaced += count
                continue
            place = places.setdefault((round(lat, 3), round(lon, 3)),
                                      Place(lat=lat, lon=lon, count=0))
            place.count += count
            if name and name not in place.sites:
                place.sites.append(name)
            key = missile_class or "unknown"
            place.classes[key] = place.classes.get(key, 0) + count
            if latest is not None and (place.latest is None or latest > place.latest):
                place.latest = latest
        return MapData(places=sorted(places.values(), key=lambda p: -p.count),
                       months=[(f"{int(y):04d}-{int(m):02d}", n) for y, m, n in months],
                       total=total, unplaced=unplaced, featured=featured)

    def featured(self, where: EventFilter) -> str | None:
        """The event the map shows first (:data:`FEATURED_MAX_RANGE_KM`)."""
        with self.store.engine.connect() as connection:
            return _featured(connection, where)

    def facets(self) -> Facets:
        """The countries, classes and years there are events for, to offer as filters."""
        year = extract("year", EventRow.date_local)
        with self.store.session() as session:
            countries = session.scalars(select(EventRow.country).distinct()
                                        .where(EventRow.country.is_not(None))).all()
            classes = session.scalars(select(EventRow.missile_class).distinct()
                                      .where(EventRow.missile_class.is_not(None))).all()
            years = session.scalars(select(year).distinct()
                                    .where(EventRow.date_local.is_not(None))).all()
        return Facets(countries=sorted(countries), missile_classes=sorted(classes),
                      years=sorted(int(y) for y in years))

    def fused_event(self, event_id: str) -> Event | None:
        """The event as :mod:`launchwatch.events` keeps it, with its assessment."""
        return self.store.event(event_id)

    def event(self, event_id: str) -> EventDetail | None:
        """One event with its provenance and report texts; None when there is no such event."""
        event = self.fused_event(event_id)
        if event is None:
            return None
        texts = {}
        for report in event.reports:
            stored = self.store.report(report.content_hash)
            texts[report.content_hash] = stored.text if stored is not None else ""
        return _detail(event, texts)

    def event_map(self, event_id: str) -> dict[str, Any] | None:
        """One event's geometry as a GeoJSON FeatureCollection (:func:`event_geometry`)."""
        event = self.fused_event(event_id)
        return None if event is None else event_geometry(event)

    def places_in_reach(self, event_id: str, *, min_population: int,
                        limit: int) -> dict[str, Any] | None:
        """The cities within the event's minimum-energy range, nearest first, with the time
        of flight to each; None when there is no such event.  ``places`` is empty, with the
        ``reason``, when the event has no assessed range or site."""
        event = self.fused_event(event_id)
        if event is None:
            return None
        reach = event.assessment.reach if event.assessment is not None else None
        if reach is None or not reach.ok:
            return {"event_id": event.id, "range_km": None, "site": None, "places": [],
                    "reason": reach.reason if reach is not None else
                    "the event has not been assessed yet"}
        from ..assess.reach import Reach

        lat, lon = reach.value.site
        range_km = reach.value.range_km
        found = Reach(lat, lon, range_km).places(min_population=min_population, limit=limit)
        return {"event_id": event.id, "range_km": range_km,
                "site": {"lat_deg": lat, "lon_deg": lon}, "places": found.to_records(),
                "time_of_flight": reach.assumptions.time_of_flight, "reason": None}

    def export(self, format: str, *, event_id: str | None = None,
               where: EventFilter | None = None) -> tuple[bytes, str, str] | None:
        """One event (``event_id``) or every event matching ``where`` in an export format of
        :mod:`launchwatch.exchange`: (body, media type, file name); None when there is no such
        event."""
        if event_id is not None:
            event = self.fused_event(event_id)
            if event is None:
                return None
            events, stem = [event], f"launchwatch-{event.id}"
        else:
            where = where or EventFilter()
            events = [e for e in self.store.events(country=where.country, since=where.date_from,
                                                   until=where.date_to,
                                                   missile_class=where.missile_class)
                      if not where.sites or e.launch_site in where.sites]
            stem = "launchwatch-events"
        _, media_type, suffix = EXPORTS[format]
        with tempfile.TemporaryDirectory(prefix="launchwatch-export-") as folder:
            path = Path(folder) / f"{stem}.{suffix}"
            export_events(events, format, path, store=self.store)  # type: ignore[arg-type]
            return path.read_bytes(), media_type, path.name

    # -- reports ---------------------------------------------------------------------------

    def extract(self, report: Report) -> Extraction:
        from ..extract import extract_report

        return extract_report(report)

    def save(self, report: Report) -> SaveResult:
        """Extract and store ``report``, fuse its launches into events and assess the events
        that changed; returns the events the report's launches joined or created."""
        extraction = self.extract(report)
        stored = self.store.add(report, extraction)
        changes = self.store.refresh_events()
        with self.store.session() as session:
            ids = list(dict.fromkeys(session.scalars(
                select(EventLaunchRow.event_id)
                .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
                .where(LaunchRow.report_hash == report.content_hash,
                       EventLaunchRow.event_id.is_not(None))
                .order_by(LaunchRow.ordinal))))
        if changes.touched:
            self.store.assess_events(ids=changes.touched)
        created, updated = set(changes.created), set(changes.updated)
        links = [EventLink(id=i, url=event_url(i),
                           status="created" if i in created else
                           "joined" if i in updated else "existing") for i in ids]
        return SaveResult(report=report, extraction=extraction, stored=stored, events=links)


# SQLite reads for a web server: the database memory-mapped (reads without a system call
# per page) and a larger page cache per connection.  An events row holds the whole event as
# JSON, so a page of a list or the map's scan of every event touches many pages.
SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 65536


def _sqlite_for_reading(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


# -- lists: the events table's columns --------------------------------------------------------

_SUMMARY_COLUMNS = (EventRow.id, EventRow.date_local, EventRow.time_local, EventRow.country,
                    EventRow.missile_class, EventRow.missile_name, EventRow.count,
                    EventRow.launch_site, EventRow.launch_lat, EventRow.launch_lon,
                    EventRow.distance_km, EventRow.apogee_km, EventRow.flight_time_s,
                    EventRow.landing_area, EventRow.report_count, EventRow.conflicts)


def _latest_first() -> list[Any]:
    return [case((EventRow.date_local.is_(None), 1), else_=0), *_LATEST_FIRST]


_LATEST_FIRST = (EventRow.date_local.desc(), EventRow.time_local.desc(), EventRow.id)


def _dated_page(connection: Any, where: EventFilter, *, limit: int, offset: int) -> list[Any]:
    """Dated events ``offset`` to ``offset + limit``, latest first.

    A deep page is found in the ``date_local`` index alone: the date of its first event, and
    how many events are later than that date, are read there; then only the rows from that
    date on are read, skipping the few of that same date that precede the page.  An offset
    read through the rows themselves would visit every row before the page (25 ms at offset
    7 000 of 10 000 events in SQLite, against about 1 ms).
    """
    dated = _filtered(select(*_SUMMARY_COLUMNS), where, listing=True).where(
        EventRow.date_local.is_not(None))
    if offset == 0:
        return connection.execute(dated.order_by(*_LATEST_FIRST).limit(limit)).all()
    first_day = connection.scalar(
        _filtered(select(EventRow.date_local), where).where(EventRow.date_local.is_not(None))
        .order_by(EventRow.date_local.desc()).limit(1).offset(offset))
    later = connection.scalar(_filtered(select(func.count()).select_from(EventRow), where)
                              .where(EventRow.date_local > first_day))
    return connection.execute(dated.where(EventRow.date_local <= first_day)
                              .order_by(*_LATEST_FIRST).limit(limit)
                              .offset(offset - later)).all()


def _featured(connection: Any, where: EventFilter) -> str | None:
    """The id of the event the map shows first (:data:`FEATURED_MAX_RANGE_KM`)."""
    reach_ok = AssessmentRow.data[("reach", "status")].as_string() == "ok"
    query = (_filtered(select(EventRow.id, AssessmentRow.data[("reach", "value", "range_km")]
                              .as_float()), where)
             .join(AssessmentRow, AssessmentRow.event_id == EventRow.id)
             .where(EventRow.date_local.is_not(None), reach_ok)
             .order_by(*_LATEST_FIRST).limit(FEATURED_CANDIDATES))
    candidates = connection.execute(query).all()
    regional = [event_id for event_id, range_km in candidates
                if range_km is not None and range_km <= FEATURED_MAX_RANGE_KM]
    return (regional or [event_id for event_id, _ in candidates] or [None])[0]


def _filtered(query: Select, where: EventFilter, *, listing: bool = False) -> Select:
    """``query`` restricted to the events ``where`` selects.

    ``listing``: for a query that reads the latest events first, the class is compared as an
    expression (``missile_class || ''``), which no index serves, so that the database walks
    the date index from the latest event and stops after a page, instead of gathering every
    event of the class through the class index and sorting them all (a class is a large share
    of the events, never a handful: 0.5 ms instead of 13 ms for a page of 10 000 events in
    SQLite, whose rows each hold a whole event).
    """
    if where.country:
        query = query.where(EventRow.country == where.country)
    if where.missile_class:
        column = EventRow.missile_class.concat("") if listing else EventRow.missile_class
        query = query.where(column == where.missile_class)
    if where.sites:
        query = query.where(EventRow.launch_site.in_(where.sites))
    if where.date_from is not None:
        query = query.where(EventRow.date_local >= where.date_from)
    if where.date_to is not None:
        query = query.where(EventRow.date_local <= where.date_to)
    return query


def _summary(row: Any) -> EventSummary:
    (id_, day, clock, country, missile_class, name, count, site, lat, lon, distance, apogee,
     flight_time, landing, reports, conflicts) = row
    if lat is None and site:
        lat, lon = site_position(site)
    return EventSummary(
        id=id_, url=event_url(id_), date_local=day,
        time_local=clock.strftime("%H:%M") if clock else None, country=country,
        missile_class=missile_class, missile_name=name, count=count, launch_site=site,
        launch_lat=lat, launch_lon=lon, distance_km=distance, apogee_km=apogee,
        flight_time_s=flight_time, landing_area=landing, report_count=reports,
        conflicts=list(conflicts or []))


def site_position(name: str) -> tuple[float | None, float | None]:
    """A site phrase's point as the events stage finds it in the gazetteer, or (None, None)."""
    try:
        found = locate_site(name)
    except LaunchwatchError:
        return None, None
    return (found.lat_deg, found.lon_deg) if found is not None else (None, None)


# -- one event: provenance ----------------------------------------------------------------------

def _detail(event: Event, texts: dict[str, str]) -> EventDetail:
    """The page's and the API's view of a fused event: each field's best value with the
    claims that state it, the other values and theirs, and each report's text with the spans
    every claim rests on."""
    reports = {report.content_hash: report for report in event.reports}
    marks: dict[str, list[tuple[int, int, str]]] = {h: [] for h in reports}
    fields = []
    for name, found in event.fields.items():
        for claim in found.claims:
            if claim.evidence is not None and claim.report_hash in marks:
                marks[claim.report_hash].append((claim.evidence.start, claim.evidence.end, name))
        fields.append(_field_view(name, found, reports))
    summary = _event_summary(event)
    headline = event.assessment.headline() if event.assessment is not None else {}
    return EventDetail(
        **summary.model_dump(), fields=fields,
        reports=[ReportView(report_hash=h, source=r.source, title=r.title,
                            publisher=r.publisher, url=r.url, published=r.published,
                            text=texts.get(h, ""), authorities=list(r.authorities),
                            spans=merge_spans(marks[h], len(texts.get(h, ""))))
                 for h, r in reports.items()],
        revisions=[Revision(number=revision.number, at=revision.published, field=name,
                            old=change.get("from"), new=change.get("to"), by=change.get("by"),
                            report_hash=revision.report_hash, publisher=revision.publisher)
                   for revision in event.revisions
                   for name, change in revision.changes.items()],
        assessment=event.assessment.model_dump(mode="json") if event.assessment else None,
        headline={k: v for k, v in headline.items() if v not in (None, [])},
        exports=export_links(event.id))


def _event_summary(event: Event) -> EventSummary:
    point = event.mapped_launch_point

    def number(name: str) -> float | None:
        quantity = event.quantity(name)
        return quantity.value if quantity is not None else None

    count = event.value("count")
    clock = event.time_local
    return EventSummary(
        id=event.id, url=event_url(event.id), date_local=event.date_local,
        time_local=clock.strftime("%H:%M") if clock else None, country=event.country,
        missile_class=event.value("missile_class"), missile_name=event.value("missile_name"),
        count=count if isinstance(count, int) and not isinstance(count, bool) else None,
        launch_site=event.launch_site, launch_lat=point[0] if point else None,
        launch_lon=point[1] if point else None, distance_km=number("distance_km"),
        apogee_km=number("apogee_km"), flight_time_s=number("flight_time_s"),
        landing_area=event.value("landing_area"), report_count=len(event.reports),
        conflicts=event.conflicts)


def _field_view(name: str, found: EventField, reports: dict[str, Any]) -> FieldView:
    """Claims grouped by the value they state: the best value's group first."""
    groups: dict[str, list[Any]] = {}
    for claim in found.claims:
        groups.setdefault(claim.shown(), []).append(claim)
    best_key = found.best.shown() if found.best is not None else None

    def view(shown: str, claims: list[Any]) -> Claim:
        first = claims[0]
        return Claim(value=first.value, display=shown, qualifier=first.qualifier,
                     sources=[_source(c, reports) for c in claims])

    return FieldView(
        name=name, label=LABELS.get(name, name.replace("_", " ")),
        best=view(best_key, groups[best_key]) if best_key in groups else None,
        conflicts=[view(shown, claims) for shown, claims in groups.items()
                   if shown != best_key],
        conflict=found.conflict, rule=found.rule)


def _source(claim: Any, reports: dict[str, Any]) -> SourceRef:
    report = reports.get(claim.report_hash)
    evidence = claim.evidence
    return SourceRef(report_hash=claim.report_hash, publisher=claim.publisher,
                     title=report.title if report is not None else None,
                     published=claim.published, who=who(claim), authority=claim.authority,
                     tier=claim.tier.label, alternative=claim.alternative,
                     background=claim.background,
                     evidence=Span(start=evidence.start, end=evidence.end, text=evidence.text)
                     if evidence is not None else None)


# -- one event: geometry ------------------------------------------------------------------------

def event_geometry(event: Event) -> dict[str, Any]:
    """The event's GeoJSON export (:func:`launchwatch.exchange.event_features`: launch site,
    landing point, ground track, range rings, told apart by ``properties.role``), drawn for a
    web map (:func:`_toward_pacific`).  The collection's ``properties`` hold the event's title
    and its rings in words."""
    summary = _event_summary(event)
    features = event_features(event)
    if summary.launch_lon is not None:
        for feature in features:
            feature["geometry"] = _toward_pacific(feature["geometry"], summary.launch_lon)
    rings_text = []
    reach = event.assessment.reach if event.assessment is not None else None
    if reach is not None and reach.ok:
        met, radii = reach.value.range_km, reach.value.rings_km
        low, high = min(radii), max(radii)
        rings_text.append(f"Minimum-energy range {met:,.0f} km"
                          + (f" ({low:,.0f}–{high:,.0f} km)" if high > low else ""))
    return {"type": "FeatureCollection", "features": features,
            "properties": {"title": event_title(summary), "rings": rings_text,
                           "date_local": summary.date_local.isoformat()
                           if summary.date_local else None}}


# Lines are drawn within the band of longitudes from 135 degrees west to 225 degrees east of
# the launch site: the world the map draws (its outlines repeat one turn east), centred east of
# the site because launches from East Asia fly and reach out over the Pacific.
_BAND_CENTRE_EAST_OF_SITE_DEG = 45.0


def _toward_pacific(geometry: dict[str, Any], site_lon_deg: float) -> dict[str, Any]:
    """Each line piece that GeoJSON cuts at +-180 degrees (RFC 7946 3.1.9) moved by whole
    turns of longitude into the band above, so that a ring or track from East Asia runs on
    across the Pacific instead of jumping to the map's far west."""
    centre = site_lon_deg + _BAND_CENTRE_EAST_OF_SITE_DEG

    def moved(line: list[list[float]]) -> list[list[float]]:
        mean = sum(point[0] for point in line) / len(line)
        turn = 360.0 * round((centre - mean) / 360.0)
        return [[point[0] + turn, *point[1:]] for point in line] if turn else line

    if geometry["type"] == "LineString":
        return {**geometry, "coordinates": moved(geometry["coordinates"])}
    if geometry["type"] == "MultiLineString":
        return {**geometry, "coordinates": [moved(line) for line in geometry["coordinates"]]}
    return geometry


EXPORTS: dict[str, tuple[str, str, str]] = {
    # format: (label, media type, file suffix); the formats of launchwatch.exchange
    "geojson": ("GeoJSON", "application/geo+json", "geojson"),
    "kml": ("KML (Google Earth)", "application/vnd.google-earth.kml+xml", "kml"),
    "cns": ("CNS CSV rows", "text/csv; charset=utf-8", "csv"),
    "json": ("JSON with provenance", "application/json", "json"),
}


def export_links(event_id: str) -> dict[str, str]:
    return {label: f"/api/events/{event_id}/export/{name}"
            for name, (label, _, _) in EXPORTS.items()}
