"""Reading the store for the web and the command line: pages of events, facets, map aggregates.

The web and the CLI read through these functions and the :class:`~launchwatch.store.Store`
methods, never through the tables, so that a change of schema stays inside ``store/``.  They
return records (:class:`~launchwatch.model.Report`) or the small dataclasses below.

Lists and the map read the ``events`` table's columns, not the events' JSON documents, so that
a page of 10 000 events costs a few indexed queries::

    tune_for_reading(store)
    listing = list_events(store, EventQuery(country="North Korea"), limit=100, offset=0)
    print(listing.total, [event.id for event in listing.events])

Which events is an :class:`EventQuery`, made from what a person wrote by
:func:`launchwatch.store.filters.parse_filters`.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, bindparam, event, extract, func, select

from ..model import EventList, Report
from .context_tables import ContextEventRow
from .engine import reading
from .event_store import _event_from
from .event_tables import AssessmentRow, EventRow
from .filters import UNKNOWN_OUTCOME, EventQuery
from .store import Store
from .tables import ReportRow

# Hashes per IN (...) list: well under every database's limit on bound parameters.
_HASHES_PER_QUERY = 500


class ListedEvent(NamedTuple):
    """One event as a list shows it: the best value of each headline field, as stored.

    ``launch_lat``/``launch_lon`` are the stored point (degrees), None for a site the
    extractor could not place; a reader may look the site's name up itself.  (A named tuple:
    a page builds a hundred, which as frozen dataclasses would cost 0.15 ms more.)"""

    id: str
    date_local: date | None
    time_local: time | None
    country: str | None
    missile_class: str | None
    missile_name: str | None
    count: int | None
    launch_site: str | None
    launch_lat: float | None
    launch_lon: float | None
    distance_km: float | None
    apogee_km: float | None
    flight_time_s: float | None
    landing_area: str | None
    report_count: int
    conflicts: list[str]
    outcome: str | None


@dataclass(frozen=True)
class EventListing:
    """One page of events and how many match in all."""

    total: int
    events: list[ListedEvent]


@dataclass(frozen=True)
class EventFacets:
    """The countries, classes and years there are events for, each sorted."""

    countries: list[str] = field(default_factory=list)
    missile_classes: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


class SiteCount(NamedTuple):
    """How many events of one class were launched from one site, and the latest one's date.

    ``lat_deg``/``lon_deg`` are the stored point, None where the site was not placed."""

    launch_site: str | None
    lat_deg: float | None
    lon_deg: float | None
    missile_class: str | None
    count: int
    latest: date | None


# -- tuning -------------------------------------------------------------------------------------

# SQLite reads for a web server: the database memory-mapped (reads without a system call
# per page) and a larger page cache per connection.  An events row holds the whole event as
# JSON, so a page of a list or the map's scan of every event touches many pages.
SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 65536


def tune_for_reading(store: Store) -> None:
    """Set a SQLite store's connections up for many reads (:data:`SQLITE_MMAP_BYTES`,
    :data:`SQLITE_CACHE_KIB`); nothing for PostgreSQL, whose server keeps its own cache."""
    if store.engine.dialect.name != "sqlite":
        return
    if not event.contains(store.engine, "connect", _sqlite_for_reading):
        event.listen(store.engine, "connect", _sqlite_for_reading)
    store.engine.dispose()  # connections made before the listener lack it


def _sqlite_for_reading(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


# -- changes ------------------------------------------------------------------------------------

class ChangeCounter:
    """A number that moves whenever a transaction commits to the store, in this process or
    another: what a reader compares to tell whether an answer it kept still holds.

    On a SQLite file it is ``PRAGMA data_version`` read on a connection of its own, which
    never writes: SQLite changes that number, on that connection, whenever any *other*
    connection commits (SQLite's documentation, "PRAGMA data_version"), and reading it costs
    a look at the WAL index, not a query (a few microseconds).  A connection of the store's
    pool would not do: its own commits leave the number alone.  Elsewhere (PostgreSQL, a
    SQLite database in memory) there is no such number as cheap, and :meth:`read` gives
    None: keep nothing.
    """

    def __init__(self, store: Store) -> None:
        url = store.engine.url
        path = url.database if url.get_backend_name() == "sqlite" else None
        self._connection: sqlite3.Connection | None = None
        if path and path != ":memory:" and not path.startswith("file:"):
            # Used from the web's worker threads in turn (the lock), never two at once.
            self._connection = sqlite3.connect(path, check_same_thread=False,
                                               isolation_level=None)
        self._lock = threading.Lock()

    def read(self) -> int | None:
        """The number now; None where the store has none (the class docstring)."""
        if self._connection is None:
            return None
        with self._lock:
            return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


# What a kept answer was read from, read cheaply, to tell after a commit whether the answer
# still holds (web.read_cache).  Each changes whenever what it covers changes.

def events_stamp(store: Store) -> tuple[Any, ...]:
    """A stamp of every event and every assessment: what lists, facets and the map show.

    Events are covered by a digest of their ids and fingerprints (each a hash of the event's
    whole document, rewritten whenever the event is), so the stamp moves when any event is
    written, added or removed, whatever the writer's clock says; assessments by a digest of
    what each was computed from (its event's inputs and the method) and the latest time one
    was computed.  A report that changes no event leaves it as it was.  One scan of the
    columns, not of the documents: about 5 ms for 5,000 events in SQLite.
    """
    with reading(store.engine) as connection:
        events_row = connection.execute(select(
            func.count(), func.max(EventRow.updated_at),
            _digest_of(connection, EventRow.id + EventRow.fingerprint))).one()
        assessments_row = connection.execute(select(
            func.count(), func.max(AssessmentRow.computed_at),
            _digest_of(connection, AssessmentRow.event_id + AssessmentRow.inputs_hash
                       + AssessmentRow.method))).one()
    return (*events_row[:2], _hashed(events_row[2]), *assessments_row[:2],
            _hashed(assessments_row[2]))


def event_stamp(store: Store, event_id: str) -> tuple[Any, ...]:
    """A stamp of one event and its assessment (None when there is no such event): what its
    page shows but the reports' texts, which never change, and the context around it
    (:func:`context_stamp`).  One lookup by key."""
    with reading(store.engine) as connection:
        found = connection.execute(_EVENT_STAMP, {"event_id": event_id}).one_or_none()
    return None if found is None else tuple(found)


# Built once (a statement's columns are checked each time it is built): a page's check.
_EVENT_STAMP = (select(EventRow.updated_at, EventRow.fingerprint, AssessmentRow.inputs_hash,
                       AssessmentRow.method, AssessmentRow.computed_at)
                .outerjoin(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                .where(EventRow.id == bindparam("event_id")))


def context_stamp(store: Store) -> tuple[Any, ...]:
    """A stamp of the stored context events (the calendar shipped with launchwatch never
    changes while it runs): how many, and when the latest was stored.  A context event stored
    again is stored with its writer's time, so this moves with every write of the table
    while the writers' clocks move forward."""
    with reading(store.engine) as connection:
        return tuple(connection.execute(
            select(func.count(), func.max(ContextEventRow.stored_at))).one())


def _digest_of(connection: Connection, text: Any) -> Any:
    """The column expression ``text`` of every row, joined into one string by the database:
    SQLite's ``group_concat`` in the order of its scan, PostgreSQL's ``string_agg``."""
    if connection.dialect.name == "postgresql":
        return func.string_agg(text, "")
    return func.group_concat(text, "")


def _hashed(joined: str | None) -> str | None:
    return None if joined is None else hashlib.blake2b(joined.encode(),
                                                       digest_size=16).hexdigest()


# -- lists --------------------------------------------------------------------------------------

_LISTED_COLUMNS = (EventRow.id, EventRow.date_local, EventRow.time_local, EventRow.country,
                   EventRow.missile_class, EventRow.missile_name, EventRow.count,
                   EventRow.launch_site, EventRow.launch_lat, EventRow.launch_lon,
                   EventRow.distance_km, EventRow.apogee_km, EventRow.flight_time_s,
                   EventRow.landing_area, EventRow.report_count, EventRow.conflicts,
                   EventRow.outcome)

_LATEST_FIRST = (EventRow.date_local.desc(), EventRow.time_local.desc(), EventRow.id)

# Built once: a statement's columns are checked each time it is built, a tenth of a page's
# time in Python; filters and limits are added to copies.
_LISTED = select(*_LISTED_COLUMNS)
_COUNTED = select(func.count()).select_from(EventRow)


def list_events(store: Store, query: EventQuery, *, limit: int, offset: int) -> EventListing:
    """Events ``offset`` to ``offset + limit`` of those ``query`` selects, latest first
    (undated last, by id), and how many it selects in all.

    Dated and undated events are read apart, so that the dated ones come in the order of
    the ``date_local`` index instead of a sort of every matching row (:func:`_dated_page`).
    """
    undated_only = EventRow.date_local.is_(None)
    with reading(store.engine) as connection:
        total = connection.scalar(_filtered(_COUNTED, query)) or 0
        undated = connection.scalar(_filtered(_COUNTED, query).where(undated_only)) or 0
        dated = total - undated
        rows = []
        if offset < dated:
            rows = _dated_page(connection, query, limit=limit, offset=offset)
        if len(rows) < limit and offset + len(rows) < total:
            rows += connection.execute(
                _filtered(_LISTED, query).where(undated_only)
                .order_by(EventRow.id)
                .limit(limit - len(rows)).offset(max(0, offset - dated))).all()
    return EventListing(total=total, events=[ListedEvent._make(row) for row in rows])


def _dated_page(connection: Connection, query: EventQuery, *, limit: int,
                offset: int) -> list[Any]:
    """Dated events ``offset`` to ``offset + limit``, latest first.

    A deep page is found in the ``date_local`` index alone: the date of its first event, and
    how many events are later than that date, are read there; then only the rows from that
    date on are read, skipping the few of that same date that precede the page.  An offset
    read through the rows themselves would visit every row before the page (25 ms at offset
    7 000 of 10 000 events in SQLite, against about 1 ms).
    """
    dated = _filtered(_LISTED, query, listing=True).where(
        EventRow.date_local.is_not(None))
    if offset == 0:
        return list(connection.execute(dated.order_by(*_LATEST_FIRST).limit(limit)).all())
    first_day = connection.scalar(
        _filtered(select(EventRow.date_local), query).where(EventRow.date_local.is_not(None))
        .order_by(EventRow.date_local.desc()).limit(1).offset(offset))
    later = connection.scalar(_filtered(_COUNTED, query)
                              .where(EventRow.date_local > first_day))
    return list(connection.execute(dated.where(EventRow.date_local <= first_day)
                                   .order_by(*_LATEST_FIRST).limit(limit)
                                   .offset(offset - later)).all())


def _filtered(statement: Select, query: EventQuery, *, listing: bool = False) -> Select:
    """``statement`` restricted to the events ``query`` selects.

    ``listing``: for a statement that reads the latest events first, the class is compared as
    an expression (``missile_class || ''``), which no index serves, so that the database walks
    the date index from the latest event and stops after a page, instead of gathering every
    event of the class through the class index and sorting them all (a class is a large share
    of the events, never a handful: 0.5 ms instead of 13 ms for a page of 10 000 events in
    SQLite, whose rows each hold a whole event).
    """
    if query.country:
        statement = statement.where(EventRow.country == query.country)
    if query.missile_class:
        column = EventRow.missile_class.concat("") if listing else EventRow.missile_class
        statement = statement.where(column == query.missile_class)
    if query.missile_name:
        statement = statement.where(EventRow.missile_name == query.missile_name)
    if query.sites:
        statement = statement.where(EventRow.launch_site.in_(query.sites))
    if query.outcome == UNKNOWN_OUTCOME:
        statement = statement.where(EventRow.outcome.is_(None))
    elif query.outcome:
        statement = statement.where(EventRow.outcome == query.outcome)
    if query.date_from is not None:
        statement = statement.where(EventRow.date_local >= query.date_from)
    if query.date_to is not None:
        statement = statement.where(EventRow.date_local <= query.date_to)
    return statement


def events(store: Store, query: EventQuery, *, limit: int | None = None) -> EventList:
    """The events ``query`` selects in full (claims, reports, revisions, assessment), latest
    first and undated last, as :func:`list_events` orders them: for a table or an export."""
    statement = (_filtered(select(EventRow.data, AssessmentRow.data), query)
                 .outerjoin(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                 .order_by(EventRow.date_local.is_(None), *_LATEST_FIRST).limit(limit))
    with reading(store.engine) as connection:
        return EventList(_event_from(*row) for row in connection.execute(statement))


def facets(store: Store) -> EventFacets:
    """The countries, classes and years there are events for, to offer as filters."""
    year = extract("year", EventRow.date_local)
    with store.engine.connect() as connection:
        countries = connection.scalars(select(EventRow.country).distinct()
                                       .where(EventRow.country.is_not(None))).all()
        classes = connection.scalars(select(EventRow.missile_class).distinct()
                                     .where(EventRow.missile_class.is_not(None))).all()
        years = connection.scalars(select(year).distinct()
                                   .where(EventRow.date_local.is_not(None))).all()
    return EventFacets(countries=sorted(countries), missile_classes=sorted(classes),
                       years=sorted(int(y) for y in years))


# -- the map ------------------------------------------------------------------------------------

def events_by_site(store: Store, query: EventQuery) -> list[SiteCount]:
    """The events ``query`` selects counted by site, stored point and class, with the latest
    date of each, aggregated by the database."""
    site = (EventRow.launch_site, EventRow.launch_lat, EventRow.launch_lon,
            EventRow.missile_class)
    by_site = _filtered(select(*site, func.count(), func.max(EventRow.date_local)),
                        query).group_by(*site)
    with store.engine.connect() as connection:
        return [SiteCount._make(row) for row in connection.execute(by_site)]


def events_by_month(store: Store, query: EventQuery) -> list[tuple[str, int]]:
    """How many dated events ``query`` selects in each month with any: ("2022-03", 4), oldest
    first."""
    year, month = extract("year", EventRow.date_local), extract("month", EventRow.date_local)
    by_month = (_filtered(select(year, month, func.count()), query)
                .where(EventRow.date_local.is_not(None)).group_by(year, month)
                .order_by(year, month))
    with store.engine.connect() as connection:
        return [(f"{int(y):04d}-{int(m):02d}", n) for y, m, n in connection.execute(by_month)]


def latest_reaches(store: Store, query: EventQuery, *,
                   limit: int) -> list[tuple[str, float | None]]:
    """The latest ``limit`` dated events ``query`` selects whose assessment found a reach,
    latest first: (event id, minimum-energy range in km)."""
    reach_ok = AssessmentRow.data[("reach", "status")].as_string() == "ok"
    range_km = AssessmentRow.data[("reach", "value", "range_km")].as_float()
    statement = (_filtered(select(EventRow.id, range_km), query)
                 .join(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                 .where(EventRow.date_local.is_not(None), reach_ok)
                 .order_by(*_LATEST_FIRST).limit(limit))
    with store.engine.connect() as connection:
        return [(event_id, km) for event_id, km in connection.execute(statement)]


# -- reports ------------------------------------------------------------------------------------

def reports(store: Store, hashes: Iterable[str]) -> dict[str, Report]:
    """The stored reports of ``hashes`` by content hash (those not stored are left out), in
    one query per few hundred."""
    wanted = list(dict.fromkeys(hashes))
    found: dict[str, Report] = {}
    with store.session() as session:
        for start in range(0, len(wanted), _HASHES_PER_QUERY):
            chunk = wanted[start:start + _HASHES_PER_QUERY]
            for row in session.scalars(select(ReportRow)
                                       .where(ReportRow.content_hash.in_(chunk))):
                found[row.content_hash] = row.to_report()
    return found
