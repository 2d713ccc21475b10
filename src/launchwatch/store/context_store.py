"""The store's context methods: keep the context events read from reports and imported from
users' calendars, and read them back (the shipped calendar is not stored: it ships with the
package).

Writing replaces by id: a context event's id is stable (:mod:`launchwatch.context.ids`), so
importing a calendar again, or dating a report's context again, writes each row once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Engine, delete, exists, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import ContextEvent, ContextItem, ReportContext
from .context_tables import ContextEventRow
from .engine import database_reason, writing
from .tables import LaunchRow, ReportRow

_IDS_PER_QUERY = 500


class ContextStore:
    """Context methods of :class:`~launchwatch.store.Store` (a mixin: it needs ``engine``)."""

    engine: Engine

    def save_context(self, events: Sequence[ContextEvent], *, now: datetime) -> int:
        """Store ``events`` (an aware ``now`` says when), each replacing the row of its id, in
        one transaction; returns how many ids were new."""
        if not events:
            return 0
        latest = {event.id: event for event in events}  # a file may give one id twice
        try:
            with writing(self.engine) as connection:
                ids = list(latest)
                old: set[str] = set()
                for start in range(0, len(ids), _IDS_PER_QUERY):
                    chunk = ids[start:start + _IDS_PER_QUERY]
                    old.update(connection.scalars(
                        select(ContextEventRow.id).where(ContextEventRow.id.in_(chunk))))
                    connection.execute(delete(ContextEventRow)
                                       .where(ContextEventRow.id.in_(chunk)))
                connection.execute(insert(ContextEventRow), [
                    ContextEventRow.values(event, now) for event in latest.values()])
        except SQLAlchemyError as exc:
            raise StoreError(f"the context events could not be stored "
                             f"({database_reason(exc)}); nothing was written") from None
        return len(latest) - len(old)

    def context_events(self, *, kinds: Iterable[str] = (), since: date | None = None,
                       until: date | None = None, origins: Iterable[str] = (),
                       report_hashes: Iterable[str] | None = None) -> list[ContextEvent]:
        """Stored context events by start date, optionally of ``kinds``, ``origins``, read
        from ``report_hashes``, and running on some day from ``since`` to ``until`` (the
        dates as stored, local at each event's place)."""
        query = select(ContextEventRow.data).order_by(ContextEventRow.start, ContextEventRow.id)
        if kinds := [kind.lower() for kind in kinds]:
            query = query.where(ContextEventRow.kind.in_(kinds))
        if origins := list(origins):
            query = query.where(ContextEventRow.origin.in_(origins))
        if since is not None:
            query = query.where(func.coalesce(ContextEventRow.end, ContextEventRow.start)
                                >= since)
        if until is not None:
            query = query.where(ContextEventRow.start <= until)
        if report_hashes is not None:
            query = query.where(ContextEventRow.report_hash.in_(list(report_hashes)))
        with self.engine.connect() as connection:
            return [ContextEvent.model_validate(data) for data in connection.scalars(query)]

    def context_event(self, event_id: str) -> ContextEvent | None:
        with self.engine.connect() as connection:
            data = connection.scalar(select(ContextEventRow.data)
                                     .where(ContextEventRow.id == event_id.strip()))
        return None if data is None else ContextEvent.model_validate(data)

    def reports_to_date_context(self, *, limit: int | None = None) -> list[ReportContext]:
        """The stored reports whose context items have no context event yet: each with its
        publication date and the first dated launch it reports (the context stage dates the
        items from them)."""
        has_context = func.coalesce(func.json_array_length(ReportRow.context), 0) > 0 \
            if self.engine.dialect.name == "sqlite" else \
            func.jsonb_array_length(ReportRow.context) > 0
        dated = exists().where(ContextEventRow.report_hash == ReportRow.content_hash)
        query = (select(ReportRow.content_hash, ReportRow.published, ReportRow.context)
                 .where(has_context, ~dated).order_by(ReportRow.content_hash).limit(limit))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
            launches: dict[str, list[tuple[str | None, date]]] = defaultdict(list)
            hashes = [row.content_hash for row in rows]
            for start in range(0, len(hashes), _IDS_PER_QUERY):
                for report_hash, country, day in connection.execute(
                        select(LaunchRow.report_hash, LaunchRow.country, LaunchRow.date_local)
                        .where(LaunchRow.report_hash.in_(hashes[start:start + _IDS_PER_QUERY]),
                               LaunchRow.role == "reported", LaunchRow.date_local.is_not(None))
                        .order_by(LaunchRow.report_hash, LaunchRow.ordinal)):
                    launches[report_hash].append((country, day))
        found = []
        for row in rows:
            country, day = (launches[row.content_hash] or [(None, None)])[0]
            found.append(ReportContext(
                report_hash=row.content_hash,
                published=row.published.date() if row.published else None,
                launch_day=day, country=country,
                items=[ContextItem.model_validate(item) for item in row.context]))
        return found
