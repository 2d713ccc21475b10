"""What ``launchwatch watch`` has seen, kept in the store so that a restart resumes.

The watch loop (:mod:`launchwatch.alerts.watch`) decides; this module only reads and writes
its three tables (``watch_sources``, ``watch_items``, ``watch_marks`` in :mod:`.tables`) and
answers one question of the events table: which events changed since a moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, select

from ..model.watch import SourceCursor
from .engine import as_store_error, reading, writing
from .event_tables import EventRow
from .tables import WatchItemRow, WatchMarkRow, WatchSourceRow, utc_naive

_SOURCES = WatchSourceRow.__table__
_ITEMS = WatchItemRow.__table__
_MARKS = WatchMarkRow.__table__
_DISPATCHED = "dispatched"


class StoredWatchState:
    """The watch loop's memory in one database (``StoredWatchState(store.engine)``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load_cursors(self) -> dict[str, SourceCursor]:
        """Every source's cursor, by source key."""
        with as_store_error("read the watch state"), reading(self.engine) as connection:
            cursors = {row.source: SourceCursor(row.source, row.etag, row.last_modified,
                                                row.offset, row.line)
                       for row in connection.execute(select(_SOURCES))}
            for row in connection.execute(select(_ITEMS)):
                if row.source in cursors:
                    cursors[row.source].seen[row.item] = row.fingerprint
        return cursors

    def save_cursors(self, cursors: Sequence[SourceCursor], *, now: datetime) -> None:
        """Replace the stored cursors of these sources, all in one transaction."""
        if not cursors:
            return
        keys = [cursor.source for cursor in cursors]
        with as_store_error("save the watch state"), writing(self.engine) as connection:
            connection.execute(delete(_ITEMS).where(_ITEMS.c.source.in_(keys)))
            connection.execute(delete(_SOURCES).where(_SOURCES.c.source.in_(keys)))
            connection.execute(_SOURCES.insert(), [
                {"source": cursor.source, "etag": cursor.etag,
                 "last_modified": cursor.last_modified, "offset": cursor.offset,
                 "line": cursor.line, "updated_at": utc_naive(now)} for cursor in cursors])
            items = [{"source": cursor.source, "item": item, "fingerprint": fingerprint}
                     for cursor in cursors for item, fingerprint in cursor.seen.items()]
            if items:
                connection.execute(_ITEMS.insert(), items)

    def dispatched_through(self) -> datetime | None:
        """The start of the last cycle whose changes all reached the alerts (aware UTC), or
        None before the first."""
        with as_store_error("read the watch state"), reading(self.engine) as connection:
            moment = connection.execute(select(_MARKS.c.moment).where(
                _MARKS.c.name == _DISPATCHED)).scalar_one_or_none()
        return None if moment is None else moment.replace(tzinfo=timezone.utc)

    def mark_dispatched(self, moment: datetime) -> None:
        """Record that every event changed before ``moment`` reached the alerts."""
        with as_store_error("save the watch state"), writing(self.engine) as connection:
            connection.execute(delete(_MARKS).where(_MARKS.c.name == _DISPATCHED))
            connection.execute(_MARKS.insert(), [{"name": _DISPATCHED,
                                                  "moment": utc_naive(moment)}])

    def events_changed_since(self, moment: datetime) -> list[str]:
        """Ids of the events fusion wrote at ``moment`` or later, oldest change first."""
        events = EventRow.__table__
        with as_store_error("read the changed events"), reading(self.engine) as connection:
            return list(connection.execute(
                select(events.c.id).where(events.c.updated_at >= utc_naive(moment))
                .order_by(events.c.updated_at, events.c.id)).scalars())
