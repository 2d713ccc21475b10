"""The context table: context events read from reports and imported from users' calendars.

``context_events`` holds one row per :class:`~launchwatch.model.ContextEvent` (id is the
record's stable id, so importing the same calendar twice writes each row once), its dates and
kind as columns for querying and the whole record as JSON in ``data``.  The calendar shipped
with launchwatch is not stored (it is read from the package).  Times are UTC without tzinfo,
as in ``tables.py``.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..model import ContextEvent
from .tables import JSON_DOCUMENT, Base


class ContextEventRow(Base):
    """One stored context event; report rows go with their report."""

    __tablename__ = "context_events"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    origin: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    start: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    zone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    report_hash: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("reports.content_hash", ondelete="CASCADE"), index=True,
        nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    stored_at: Mapped[datetime] = mapped_column(DateTime)

    @staticmethod
    def values(event: ContextEvent, stored_at: datetime) -> dict[str, Any]:
        """The column values for ``event`` (``stored_at`` an aware time)."""
        return {
            "id": event.id, "origin": event.origin, "kind": event.kind, "name": event.name,
            "start": event.start, "end": event.end, "zone": event.zone, "place": event.place,
            "source": event.source, "report_hash": event.report_hash,
            "data": event.model_dump(mode="json"),
            "stored_at": stored_at.astimezone(timezone.utc).replace(tzinfo=None),
        }

    def to_event(self) -> ContextEvent:
        return ContextEvent.model_validate(self.data)
