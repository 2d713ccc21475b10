"""The web's one door to the data: events to list, map and show, reports to extract and save.

Every route reads and writes through :class:`Catalogue`.  Events are the store's fused events
(:mod:`launchwatch.events`) with their assessments (:mod:`launchwatch.assess`), written by the
one :class:`~launchwatch.pipeline.Pipeline` and read through the store's queries
(:mod:`launchwatch.store.queries`: pages, facets, map aggregates), never its tables; this
module only turns them into what a page or the API shows.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar
from urllib.parse import urlencode

import anyio.to_thread

from ..assess.places_in_reach import Reach
from ..errors import LaunchwatchError
from ..events.authority import who
from ..exchange import event_features, export_events, reports_wanted
from ..geo.sites import locate_site
from ..ingest import ExtractFunction
from ..model import LABELS, ContextEvent, Event, EventField, Extraction, LaunchContext, Report
from ..pipeline import Pipeline
from ..settings import load_settings
from ..api import (EventQuery, ListedEvent, Store, context_events, event_context,
                   events_context, queries)
from .highlight import merge_spans
from .read_cache import ReadCache
from .table import DEFAULT_SORT, arrange, is_default
from .schemas import (Claim, EventDetail, EventLink, EventPage, EventSummary, Facets,
                      FieldView, MapData, Place, ReportView, Revision, SourceRef, Span)

T = TypeVar("T")

RunExtraction = Callable[[ExtractFunction, Report], Extraction]
"""Runs an extractor on a report, somewhere: :meth:`Catalogue.extract_with`."""


def _extract_here(extract: ExtractFunction, report: Report) -> Extraction:
    return extract(report)


# The event the map shows first: the latest whose range rings a regional map shows whole, or
# failing that the latest with rings; among at most this many latest events with rings.
FEATURED_MAX_RANGE_KM = 5000.0
FEATURED_CANDIDATES = 50


@dataclass(frozen=True)
class EventFilter(EventQuery):
    """Which events to list or map (:class:`~launchwatch.store.queries.EventQuery`), the
    period as the client wrote it, to give back in links, and the table's search and sort
    (:mod:`.table`), which the table and its download follow and the map leaves aside."""

    # As the client wrote them ("2022", "2022-03").
    written_from: str | None = None
    written_to: str | None = None
    search: str | None = None
    sort: str = DEFAULT_SORT

    def query_string(self, *, sort: str | None = None) -> str:
        """The filters as a URL's query; ``sort`` in place of this one's."""
        sort = sort or self.sort
        pairs = [("country", self.country), ("class", self.missile_class),
                 ("missile", self.missile_name), *(("site", site) for site in self.sites),
                 ("from", self.written_from), ("to", self.written_to),
                 ("outcome", self.outcome), ("q", self.search),
                 ("sort", sort if sort != DEFAULT_SORT else None)]
        return urlencode([(k, v) for k, v in pairs if v])

    @property
    def arranged(self) -> bool:
        """Whether a search or sort of the table's own reorders or narrows the store's list."""
        return not is_default(self.search, self.sort)


@dataclass(frozen=True)
class SaveResult:
    report: Report
    extraction: Extraction
    stored: bool
    events: list[EventLink]


@dataclass
class ExportFile:
    """An export written to a file of its own, open for reading.  Its name is already gone
    from the disk (on POSIX systems), so the space comes back when it is closed: by
    :meth:`chunks`, read to the end or dropped half-way."""

    file: IO[bytes]
    size_bytes: int
    media_type: str
    filename: str

    CHUNK_BYTES = 256 * 1024

    def chunks(self) -> Iterator[bytes]:
        try:
            while chunk := self.file.read(self.CHUNK_BYTES):
                yield chunk
        finally:
            self.file.close()


class ExportTooLarge(Exception):
    """More events match than the export may hold (``max_events``)."""

    def __init__(self, max_events: int) -> None:
        super().__init__(f"more than {max_events} events match")
        self.max_events = max_events


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
    """Events, reports and extraction over one store; what it saves goes through
    ``pipeline`` (by default the pipeline's own extractor and assessor)."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None, *,
                 context_window_days: int | None = None) -> None:
        self.store = store
        # Days around a launch whose context an event shows (None: the merged setting's).
        self.context_window_days = context_window_days if context_window_days is not None \
            else load_settings().context_window_days
        self.pipeline = pipeline or Pipeline(store)
        # Reports are extracted in several threads at once (web.workers), but stored one at a
        # time: one writer, as when the event loop itself saved them.
        self._writing = threading.Lock()
        queries.tune_for_reading(store)
        # Lists, the map and event pages are kept until what they show changes (.read_cache):
        # the lists and the map until any event does, an event's page until that event or the
        # context does.
        self._changes = queries.ChangeCounter(store)
        self._kept = ReadCache(self._changes.read)
        self._events_changed = self._kept.per_version(lambda: queries.events_stamp(store))
        self._context_changed = self._kept.per_version(lambda: queries.context_stamp(store))
        self._event_row_changed = self._kept.per_version(
            lambda event_id: queries.event_stamp(store, event_id))
        # Where reports are extracted (extract_with); here, in the calling thread, by default.
        self._run_extraction: RunExtraction = _extract_here

    @classmethod
    def open(cls, url: str, *, create: bool = True,
             context_window_days: int | None = None) -> Catalogue:
        """The catalogue over the database at ``url``; ``create`` a SQLite file that does
        not exist, else refuse it (:meth:`Store.open`)."""
        return cls(Store.open(url, create=create), context_window_days=context_window_days)

    def close(self) -> None:
        self._changes.close()
        self.store.close()

    def kept(self, key: Hashable, read: Callable[[], T], *, event_id: str | None = None) -> T:
        """``read()``'s answer, kept under ``key`` (:mod:`.read_cache`): for a page or a
        document built from what this catalogue reads.  It is kept until any event changes,
        or, given ``event_id``, until that event or the stored context changes."""
        return self._kept.get(key, read, depends=self._events_changed if event_id is None
                              else partial(self._event_changed, event_id))

    async def kept_on_loop(self, key: Hashable, read: Callable[[], T], *,
                           event_id: str | None = None) -> T:
        """:meth:`kept` for a coroutine on the event loop: an answer that holds at the change
        counter as it stands is given at once, and only a missing or outdated one (a stamp to
        read, a query, a wait for another request reading it) goes to a worker thread.  Under
        load nearly every read is kept, and the hop to a thread and back, with 32 clients'
        threads taking turns at the interpreter lock, cost more than the answer (issue 12)."""
        held = self._kept.peek(key)
        if held is not None:
            return held  # type: ignore[no-any-return]
        return await anyio.to_thread.run_sync(partial(self.kept, key, read, event_id=event_id))

    def _event_changed(self, event_id: str) -> Hashable:
        return self._event_row_changed(event_id), self._context_changed()

    def refresh(self) -> None:
        """Fuse stored launches that no event holds yet (cheap when there are none).

        Assessing is left to whatever stored the launches (``launchwatch ingest``, ``import
        cns``, :meth:`save`) or to ``launchwatch events assess``: a web server that started
        hours of Monte Carlo on a large store would starve its visitors."""
        self.pipeline.fuse()

    # -- events ----------------------------------------------------------------------------

    def page(self, where: EventFilter, *, limit: int, offset: int) -> EventPage:
        """One page of events, latest first (undated last), and how many match in all
        (:func:`launchwatch.store.queries.list_events`)."""
        return self.kept(("page", where, limit, offset),
                         lambda: self._page(where, limit=limit, offset=offset))

    def _page(self, where: EventFilter, *, limit: int, offset: int) -> EventPage:
        if where.arranged:
            found = self._arranged(where)
            return EventPage(total=len(found), limit=limit, offset=offset,
                             events=[_summary(listed) for listed in
                                     found[offset:offset + limit]])
        listing = queries.list_events(self.store, where, limit=limit, offset=offset)
        return EventPage(total=listing.total, limit=limit, offset=offset,
                         events=[_summary(listed) for listed in listing.events])

    def _arranged(self, where: EventFilter) -> list[ListedEvent]:
        """Every event the filters select, as the table's search and sort leave them
        (:func:`.table.arrange`): the store's list read whole, which a search or a sort on
        another column needs (a few ms a thousand events)."""
        total = queries.list_events(self.store, where, limit=0, offset=0).total
        listing = queries.list_events(self.store, where, limit=total, offset=0)
        return arrange(listing.events, where.search, where.sort)

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
        return self.kept(("map", where), lambda: self._map_data(where))

    def _map_data(self, where: EventFilter) -> MapData:
        sites = queries.events_by_site(self.store, where)
        months = queries.events_by_month(self.store, EventQuery(
            country=where.country, missile_class=where.missile_class))
        featured = self.featured(where)
        places: dict[tuple[float, float], Place] = {}
        total = unplaced = 0
        for site in sites:
            name, lat, lon, count = site.launch_site, site.lat_deg, site.lon_deg, site.count
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
            key = site.missile_class or "unknown"
            place.classes[key] = place.classes.get(key, 0) + count
            if site.latest is not None and (place.latest is None or site.latest > place.latest):
                place.latest = site.latest
        return MapData(places=sorted(places.values(), key=lambda p: -p.count), months=months,
                       total=total, unplaced=unplaced, featured=featured)

    def featured(self, where: EventFilter) -> str | None:
        """The id of the event the map shows first (:data:`FEATURED_MAX_RANGE_KM`)."""
        return self.kept(("featured", where), lambda: self._featured(where))

    def _featured(self, where: EventFilter) -> str | None:
        candidates = queries.latest_reaches(self.store, where, limit=FEATURED_CANDIDATES)
        regional = [event_id for event_id, range_km in candidates
                    if range_km is not None and range_km <= FEATURED_MAX_RANGE_KM]
        return (regional or [event_id for event_id, _ in candidates] or [None])[0]

    def facets(self) -> Facets:
        """The countries, classes and years there are events for, to offer as filters."""
        return self.kept(("facets",), self._facets)

    def _facets(self) -> Facets:
        found = queries.facets(self.store)
        return Facets(countries=found.countries, missile_classes=found.missile_classes,
                      years=found.years)

    def fused_event(self, event_id: str) -> Event | None:
        """The event as :mod:`launchwatch.events` keeps it, with its assessment."""
        return self.store.event(event_id)

    def event(self, event_id: str) -> EventDetail | None:
        """One event with its provenance and report texts; None when there is no such event."""
        return self.kept(("event", event_id), lambda: self._event(event_id),
                         event_id=event_id)

    def _event(self, event_id: str) -> EventDetail | None:
        event = self.fused_event(event_id)
        if event is None:
            return None
        stored = queries.reports(self.store, [report.content_hash for report in event.reports])
        texts = {report.content_hash: stored[report.content_hash].text
                 if report.content_hash in stored else "" for report in event.reports}
        return _detail(event, texts).model_copy(
            update={"context": event_context(self.store, event,
                                             window_days=self.context_window_days)})

    def context_events(self, **filters: Any) -> list[ContextEvent]:
        """Context events, shipped and stored (:func:`launchwatch.api.context_events`)."""
        return context_events(self.store, **filters)

    def event_context(self, event_id: str) -> list[LaunchContext] | None:
        """The context around one event's launch; None when there is no such event."""
        event = self.fused_event(event_id)
        return None if event is None else event_context(
            self.store, event, window_days=self.context_window_days)

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
        lat, lon = reach.value.site
        range_km = reach.value.range_km
        found = Reach(lat, lon, range_km).places(min_population=min_population, limit=limit)
        return {"event_id": event.id, "range_km": range_km,
                "site": {"lat_deg": lat, "lon_deg": lon}, "places": found.to_records(),
                "time_of_flight": reach.assumptions.time_of_flight, "reason": None}

    def export(self, format: str, *, event_id: str | None = None,
               where: EventFilter | None = None,
               max_events: int | None = None) -> ExportFile | None:
        """One event (``event_id``) or every event matching ``where`` in an export format of
        :mod:`launchwatch.exchange`, written to a file; None when there is no such event.

        ``max_events``: raise :class:`ExportTooLarge` instead of exporting more events than
        that (:meth:`_matching`).
        """
        if event_id is not None:
            event = self.fused_event(event_id)
            if event is None:
                return None
            events, stem = [event], f"launchwatch-{event.id}"
        else:
            events = self._matching(where or EventFilter(), max_events)
            stem = "launchwatch-events"
        _, media_type, suffix = EXPORTS[format]
        reports = queries.reports(self.store, reports_wanted(events, format))
        with tempfile.TemporaryDirectory(prefix="launchwatch-export-",
                                         ignore_cleanup_errors=True) as folder:
            path = Path(folder) / f"{stem}.{suffix}"
            export_events(events, format, path, reports=reports,  # type: ignore[arg-type]
                          context=events_context(self.store, events,
                                                 window_days=self.context_window_days)
                          if format == "json" else None)
            file = path.open("rb")
        return ExportFile(file=file, size_bytes=os.fstat(file.fileno()).st_size,
                          media_type=media_type, filename=path.name)

    def _matching(self, where: EventFilter, max_events: int | None) -> list[Event]:
        """The events the list shows for ``where`` (:func:`queries.list_events`: names
        compared as written, sites included), latest first; :class:`ExportTooLarge` when
        there are more than ``max_events``, having read no event in full."""
        if where.arranged:
            # The table's search and sort: the events it shows, in its order.
            ids = [listed.id for listed in self._arranged(where)]
            if max_events is not None:
                if len(ids) > max_events:
                    raise ExportTooLarge(max_events)
                return [event for event in map(self.store.event, ids) if event is not None]
            found = {event.id: event for event in queries.events(self.store, where)}
            return [found[event_id] for event_id in ids if event_id in found]
        if max_events is None:
            # Every event: one read of the events these filters select, in the list's order.
            return list(queries.events(self.store, where))
        listing = queries.list_events(self.store, where, limit=max_events + 1, offset=0)
        if listing.total > max_events:
            raise ExportTooLarge(max_events)
        # A few events (at most the cap), each read by its id.
        return [event for event in map(self.store.event, (e.id for e in listing.events))
                if event is not None]

    # -- reports ---------------------------------------------------------------------------

    def extract(self, report: Report) -> Extraction:
        """What the pipeline's extractor finds in ``report`` (loaded on first use), extracted
        where :meth:`extract_with` says."""
        return self._run_extraction(self.pipeline.extractor, report)

    def extract_with(self, run: RunExtraction) -> None:
        """Extract reports with ``run(extractor, report)`` from now on: the web app's worker
        processes (:meth:`launchwatch.web.workers.WorkerPool.extract`), for instance."""
        self._run_extraction = run

    def save(self, report: Report) -> SaveResult:
        """Extract and store ``report``, fuse its launches into events and assess the events
        that changed (:meth:`Pipeline.add`); returns the events the report's launches joined
        or created.  Extracting may run in several threads at once; storing runs in one."""
        extraction = self.extract(report)
        with self._writing:
            added = self.pipeline.add(report, extraction)
        links = [EventLink(id=i, url=event_url(i), status=added.status(i)) for i in added.events]
        return SaveResult(report=added.report, extraction=added.extraction, stored=added.stored,
                          events=links)


# -- lists -------------------------------------------------------------------------------------

def _summary(listed: ListedEvent) -> EventSummary:
    """A listed event as the list and the map show it; a site stored without its point is
    placed by name (:func:`site_position`)."""
    lat, lon = listed.launch_lat, listed.launch_lon
    if lat is None and listed.launch_site:
        lat, lon = site_position(listed.launch_site)
    clock = listed.time_local
    return EventSummary(
        id=listed.id, url=event_url(listed.id), date_local=listed.date_local,
        time_local=clock.strftime("%H:%M") if clock else None, country=listed.country,
        missile_class=listed.missile_class, missile_name=listed.missile_name,
        count=listed.count, launch_site=listed.launch_site, launch_lat=lat, launch_lon=lon,
        distance_km=listed.distance_km, apogee_km=listed.apogee_km,
        flight_time_s=listed.flight_time_s, landing_area=listed.landing_area,
        outcome=listed.outcome, report_count=listed.report_count,
        conflicts=list(listed.conflicts or []))


def site_position(name: str) -> tuple[float | None, float | None]:
    """A site phrase's point as matching and the assessment find it in the gazetteer
    (:func:`launchwatch.geo.sites.locate_site`), or (None, None)."""
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
    # A report's language is its claims' (each claim carries its report's).
    languages: dict[str, str] = {}
    fields = []
    for name, found in event.fields.items():
        for claim in found.claims:
            if claim.language:
                languages.setdefault(claim.report_hash, claim.language)
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
                            language=languages.get(h),
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
        landing_area=event.value("landing_area"), outcome=event.value("outcome"),
        report_count=len(event.reports),
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
                     background=claim.background, language=claim.language,
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
    if reach is not None and reach.ok and reach.value.range_text:
        # A range that reaches anywhere has no rings (a dot at the antipode), only its words.
        radii = reach.value.rings_km or []
        low, high = min(radii, default=0.0), max(radii, default=0.0)
        rings_text.append(f"Minimum-energy range {reach.value.range_text}"
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
