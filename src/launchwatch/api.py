"""The database as a notebook sees it: ``launchwatch.open(db_url)``.

    >>> import launchwatch
    >>> db = launchwatch.open("sqlite:///launchwatch.sqlite3")
    >>> frame = db.events(country="North Korea", since="2022-01-01").to_dataframe()
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

from .errors import SettingsError
from .exchange import FORMATS, CnsImport, export_events, reports_wanted
from .ingest import IngestSummary
from .model import Event, EventList
from .pipeline import Pipeline
from .settings import load_settings
from .store import Store, StoredLaunch, queries
from .store.queries import EventQuery, ListedEvent


# The command line and the web app reach the store through this module (imports go one way:
# edges, API, pipeline, stages), so the store and its queries are part of the API.
__all__ = ["Database", "EventQuery", "ListedEvent", "Store", "StoredLaunch", "queries"]


class Database:
    """Events, launches and reports in one launchwatch database (open it with
    :func:`launchwatch.open`)."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline(store)

    @classmethod
    def open(cls, db_url: str | os.PathLike[str] | None = None) -> Database:
        """Open ``db_url`` (a SQLAlchemy URL or a SQLite file path); None opens the database
        the settings name (``LAUNCHWATCH_DATABASE_URL``, else the default SQLite file)."""
        url = str(db_url) if db_url is not None else load_settings().resolved_database_url
        return cls(Store.open(url))

    def events(self, *, country: str | None = None, since: date | str | None = None,
               until: date | str | None = None, missile_class: str | None = None,
               limit: int | None = None) -> EventList:
        """Events, latest first; ``.to_dataframe()`` turns them into a pandas DataFrame."""
        return self.store.events(country=country, since=_date(since, "since"),
                                 until=_date(until, "until"), missile_class=missile_class,
                                 limit=limit)

    def event(self, event_id: str) -> Event | None:
        """One event with its provenance and assessment; None when there is none."""
        return self.store.event(event_id)

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
        return f"launchwatch.Database({self.store!r})"


def _date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{value!r} is not a date; write it as YYYY-MM-DD",
                            field=name) from None
