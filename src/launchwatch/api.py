"""The database as a notebook sees it: ``launchwatch.open(db_url)``.

    >>> import launchwatch
    >>> db = launchwatch.open("sqlite:///launchwatch.sqlite3")
    >>> frame = db.events(country="DPRK", since="2022", outcome="failure").to_dataframe()
    >>> db.event("KP-2022-10-04-1").fields["apogee_km"].claims

A :class:`Database` is a thin handle on the :class:`~launchwatch.store.Store` and the
:class:`~launchwatch.pipeline.Pipeline` over it; everything it returns is a record of
:mod:`launchwatch.model` (events with their claims, spread, revisions and assessment).
``import launchwatch`` does not load this module until :func:`launchwatch.open` is called.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .context import (DEFAULT_ZONE, CalendarRead, context_around, matching, read_calendar,
                      shipped_calendar, write_calendar_csv)
from .context.stats import DEFAULT_DRAWS, DEFAULT_SEED, TimingStats, timing_stats
from .context.stats_days import Window, period_bound
from .errors import SettingsError, UnknownEventError
from .exchange import FORMATS, CnsImport, export_events, reports_wanted
from .ingest import IngestSummary
from .model import ContextEvent, Event, EventList, LaunchContext, zone_of
from .pipeline import Pipeline, utc_now
from .settings import load_settings
from .store import Store, StoredLaunch, queries
from .store.filters import EventQuery, parse_filters, parse_period
from .store.queries import ListedEvent
from .store.watch_state import StoredWatchState


# The command line and the web app reach the store through this module (imports go one way:
# edges, API, pipeline, stages), so the store and its queries are part of the API.
__all__ = ["Database", "EventQuery", "ListedEvent", "Store", "StoredLaunch",
           "StoredWatchState", "event_query", "queries"]


def event_query(store: Store, **written: Any) -> EventQuery:
    """The filters as a person wrote them (``country``, ``missile_class``, ``missile_name``,
    ``sites``, ``since``, ``until``, ``outcome``), checked and made the names the store holds:
    the one parser of the command line, the HTTP API and :meth:`Database.events`
    (:func:`launchwatch.store.filters.parse_filters`)."""
    return parse_filters(store, written, vocabulary=_written_names)


def _written_names(kind: str) -> dict[str, str]:
    # start-up cost: the extractor's lexicon module loads spaCy (1.2 s measured), which a
    # filter pays only for a name the store does not hold (an alias such as "DPRK").
    from .extract.lexicon import written_names

    return written_names(kind)


# -- context: the shipped calendar and the stored (users', reports') context events -----------

def context_events(store: Store, *, kinds: list[str] | tuple[str, ...] = (),
                   since: date | None = None, until: date | None = None,
                   origins: list[str] | tuple[str, ...] = ()) -> list[ContextEvent]:
    """The shipped calendar's events and the stored ones, by start date, filtered as
    :meth:`Store.context_events` filters (``origins``: calendar, report, user)."""
    shipped = matching(shipped_calendar(), kinds=kinds, since=since, until=until) \
        if not origins or "calendar" in origins else []
    stored_origins = [origin for origin in origins if origin != "calendar"]
    stored = store.context_events(kinds=kinds, since=since, until=until,
                                  origins=stored_origins) \
        if not origins or stored_origins else []
    return sorted([*shipped, *stored], key=lambda event: (event.start, event.kind, event.id))


def context_event(store: Store, event_id: str) -> ContextEvent:
    """One context event by id, shipped or stored; UnknownEventError when there is none."""
    found = next((event for event in shipped_calendar() if event.id == event_id.strip()),
                 None) or store.context_event(event_id)
    if found is None:
        raise UnknownEventError(f"there is no context event {event_id!r}; `launchwatch context "
                                "list` lists the ids", field="event_id")
    return found


def event_context(store: Store, event: Event, *,
                  window_days: int | None = None) -> list[LaunchContext]:
    """The context around ``event``'s launch day, on the launching state's calendar: the
    calendars' events within ``window_days`` before and after (None: the
    ``context_window_days`` setting), and what its reports say
    (:func:`launchwatch.context.context_around`).  None for an event without a date."""
    return events_context(store, [event], window_days=window_days)[event.id]


def events_context(store: Store, events: Sequence[Event], *,
                   window_days: int | None = None) -> dict[str, list[LaunchContext]]:
    """:func:`event_context` of each of ``events``, by id, in three queries whatever their
    number."""
    if window_days is None:
        window_days = load_settings().context_window_days
    days = [event.date_local for event in events if event.date_local is not None]
    if not days:
        return {event.id: [] for event in events}
    reach = timedelta(days=window_days + 2)  # the zones may move a date by a day either way
    nearby = context_events(store, since=min(days) - reach, until=max(days) + reach,
                            origins=("calendar", "user"))
    reported: dict[str, list[ContextEvent]] = {}
    for item in store.context_events(origins=["report"], report_hashes=[
            report.content_hash for event in events for report in event.reports]):
        reported.setdefault(item.report_hash or "", []).append(item)
    found = {}
    for event in events:
        if event.date_local is None:
            found[event.id] = []
            continue
        day = event.date_local
        near = [item for item in nearby
                if item.start <= day + reach and item.last_day >= day - reach]
        said = [item for report in event.reports for item in reported.get(report.content_hash, [])]
        found[event.id] = context_around(day, zone_of(event.country) or DEFAULT_ZONE,
                                         [*near, *said], before_days=window_days,
                                         after_days=window_days)
    return found


def import_context(store: Store, path: str | os.PathLike[str], *,
                   default_kind: str | None = None) -> tuple[CalendarRead, int]:
    """Read a user's calendar (CSV, or iCalendar ``.ics``) and store its events (origin
    "user"); the rows that could not be read are in the result's ``problems``, the others
    are stored.  Returns the reading and how many events were new."""
    read = read_calendar(path, default_kind=default_kind)
    return read, store.save_context(read.events, now=utc_now())


def export_context(store: Store, out: str | os.PathLike[str], **filters: Any) -> int:
    """Write the context events (filters as :func:`context_events`) as a CSV calendar that
    ``import_context`` reads back; returns how many."""
    events = context_events(store, **filters)
    Path(out).write_text(write_calendar_csv(events), encoding="utf-8")
    return len(events)


def context_stats(store: Store, *, kinds: Sequence[str] = (), windows: Sequence[str] = ("-3,+3",),
                  since: str = "2016", until: str | None = None, country: str = "North Korea",
                  episode_gap_days: int = 0, draws: int = DEFAULT_DRAWS,
                  seed: int = DEFAULT_SEED) -> TimingStats:
    """Timing statistics of ``country``'s launch days against the calendars' context events
    (:func:`launchwatch.context.stats.timing_stats`).  ``since`` and ``until`` as a year,
    month or day; ``until`` defaults to the end of the last year the calendars cover."""
    context = context_events(store, origins=("calendar", "user"))
    last = period_bound(until, end=True, option="--until") if until else \
        date(max(event.last_day for event in context).year, 12, 31)
    first = period_bound(since, end=False, option="--since")
    events = queries.events(store, event_query(store, country=country), limit=None)
    dated = [event.date_local for event in events
             if event.date_local is not None and event.date_precision == "day"]
    vague = sum(1 for event in events if event.date_local is not None
                and event.date_precision != "day" and first <= event.date_local <= last)
    notes = [f"Launches: {country}'s events in the database, by their local date"
             + (f"; {vague} dated to a month or less are left out." if vague else ".")]
    if not until:
        notes.append(f"The period ends on {last}, the end of the last year the calendars "
                     "cover: later launches have no context to be compared with.")
    return timing_stats(dated, context, first=first, last=last, kinds=list(kinds) or None,
                        windows=[Window.parse(text) for text in windows],
                        zone=zone_of(country) or DEFAULT_ZONE,
                        episode_gap_days=episode_gap_days, draws=draws, seed=seed, notes=notes)


class Database:
    """Events, launches and reports in one launchwatch database (open it with
    :func:`launchwatch.open`)."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline(store)

    @classmethod
    def open(cls, db_url: str | os.PathLike[str] | None = None, *,
             create: bool = False) -> Database:
        """Open ``db_url`` (a SQLAlchemy URL or a SQLite file path); None opens the database
        the settings name (``LAUNCHWATCH_DATABASE_URL``, else the default SQLite file).

        A SQLite file that does not exist is refused (a mistyped path would read as an empty
        database) unless ``create``: ``launchwatch.open("new.sqlite3", create=True)`` starts
        one to import or ingest into."""
        url = str(db_url) if db_url is not None else load_settings().resolved_database_url
        return cls(Store.open(url, create=create))

    def events(self, *, country: str | None = None, since: date | str | None = None,
               until: date | str | None = None, missile_class: str | None = None,
               missile: str | None = None, site: str | list[str] | None = None,
               outcome: str | None = None, limit: int | None = None) -> EventList:
        """Events, latest first; ``.to_dataframe()`` turns them into a pandas DataFrame.

        The filters are those of ``launchwatch events list``: names in any case or as an
        alias ("DPRK", "KN-23"), dates as a year, a month or a day ("2022", "2022-03-15"),
        ``site`` one or several, ``outcome`` success, failure, partial or unknown.  A value
        launchwatch does not know raises :class:`SettingsError` listing those it does.
        """
        query = event_query(self.store, country=country, missile_class=missile_class,
                            missile_name=missile, sites=[site] if isinstance(site, str)
                            else site or (), since=_written(since), until=_written(until),
                            outcome=outcome)
        return queries.events(self.store, query, limit=limit)

    def event(self, event_id: str) -> Event:
        """One event with its provenance and assessment; :class:`UnknownEventError` (a
        KeyError) when there is none."""
        event = self.store.event(event_id)
        if event is None:
            raise UnknownEventError(f"there is no event {event_id!r} in this database; "
                                    "db.events().to_dataframe().index lists the ids",
                                    field="event_id")
        return event

    def launches(self, *, limit: int | None = None) -> list[StoredLaunch]:
        """The launches as each report states them, latest first."""
        return self.store.launches(limit=limit)

    def ingest(self, *paths: str | os.PathLike[str], workers: int = 1) -> IngestSummary:
        """Read, extract, store, fuse and assess the reports in ``paths``."""
        return self.pipeline.ingest([Path(p) for p in paths], workers=workers)

    def import_cns(self, path: str | os.PathLike[str]) -> CnsImport:
        """Import a CSV in the CNS North Korea Missile Test Database's columns."""
        return self.pipeline.import_cns(path)

    def export(self, format: str, out: str | os.PathLike[str], **filters: Any) -> int:
        """Write the events (``filters`` as for :meth:`events`) as cns, geojson, kml or json."""
        if format not in FORMATS:
            raise SettingsError(f"{format!r} is not an export format; use one of "
                                f"{', '.join(FORMATS)}", field="format")
        events = self.events(**filters)
        return export_events(events, format, Path(out),  # type: ignore[arg-type]
                             reports=queries.reports(self.store,
                                                     reports_wanted(events, format)),
                             context=events_context(self.store, events)
                             if format == "json" else None)

    def context(self, *, kind: str | None = None, since: date | None = None,
                until: date | None = None) -> list[ContextEvent]:
        """Context events (the shipped calendar's, users' and reports'), by start date."""
        return context_events(self.store, kinds=[kind] if kind else [], since=since,
                              until=until)

    def event_context(self, event_id: str, *,
                      window_days: int | None = None) -> list[LaunchContext]:
        """The context around one event's launch day ("during the visit of ...")."""
        return event_context(self.store, self.event(event_id), window_days=window_days)

    def import_context(self, path: str | os.PathLike[str], *,
                       kind: str | None = None) -> CalendarRead:
        """Import a user's calendar (CSV or ``.ics``); bad rows are named in ``problems``."""
        return import_context(self.store, path, default_kind=kind)[0]

    def context_stats(self, **options: Any) -> TimingStats:
        """Timing statistics against the context calendars (options as
        :func:`context_stats`: ``kinds``, ``windows``, ``since``, ``until``, ``draws`` ...)."""
        return context_stats(self.store, **options)

    def refresh(self) -> int:
        """Fuse launches no event holds yet and assess what is out of date; returns the number
        of events assessed."""
        return self.pipeline.refresh().assessed

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # Short, for a notebook's output cell; the password of a PostgreSQL URL hidden.
        url = self.store.engine.url.render_as_string(hide_password=True)
        return f"<launchwatch database {url}>"


def _written(day: date | str | None) -> str | None:
    """A date as the filters take it: a ``date`` written as its day."""
    return day.isoformat() if isinstance(day, date) else day
