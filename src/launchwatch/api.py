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
from datetime import date
from pathlib import Path
from typing import Any

from .errors import SettingsError, UnknownEventError
from .exchange import FORMATS, CnsImport, export_events, reports_wanted
from .ingest import IngestSummary
from .model import Event, EventList
from .pipeline import Pipeline
from .settings import load_settings
from .store import Store, StoredLaunch, queries
from .store.filters import EventQuery, parse_filters
from .store.queries import ListedEvent


# The command line and the web app reach the store through this module (imports go one way:
# edges, API, pipeline, stages), so the store and its queries are part of the API.
__all__ = ["Database", "EventQuery", "ListedEvent", "Store", "StoredLaunch", "event_query",
           "queries"]


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
                                                     reports_wanted(events, format)))

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
