"""The event tables: fused events, the claims behind them, their history and assessments.

* ``events``: one row per event; the best values as columns for querying, the whole
  :class:`~launchwatch.model.Event` (claims, spread, reports, revisions) as JSON in ``data``,
  and ``fingerprint``, a hash of ``data``, so that re-fusing an unchanged event writes nothing.
  ``inputs_hash`` is the hash of what the assessment depends on.
* ``event_launches``: which launch (row of ``launches``) fusion has put in which event.  A row
  with a NULL ``event_id`` is a launch fusion has seen and put in no event: a background
  launch (an earlier launch a report recalls) that no event of its day matches.
* ``event_claims``: every claim of every event, one row each, so that SQL can ask "every apogee
  KCNA claimed" without reading JSON.
* ``event_revisions``: each report that changed an event's best values, with the changes.
* ``assessments``: the assessment of an event, with the hash of the inputs it was computed
  from and the method's settings; recomputed when either changes.

Event ids are deterministic (:mod:`launchwatch.events.ids`), never autoincremented.  Times are
UTC without tzinfo, as in ``tables.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .tables import JSON_DOCUMENT, Base, LaunchFields

EVENT_ID_LENGTH = 40


class EventRow(LaunchFields, Base):
    """An event: best values as columns, the whole event as JSON."""

    __tablename__ = "events"
    __table_args__ = (Index(None, "country", "date_local"), Index(None, "date_local"),
                      Index(None, "missile_class"))

    id: Mapped[str] = mapped_column(String(EVENT_ID_LENGTH), primary_key=True)
    report_count: Mapped[int] = mapped_column(Integer)
    conflicts: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    first_published: Mapped[datetime | None] = mapped_column(DateTime)
    last_published: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)


class EventLaunchRow(Base):
    """Which event a stored launch belongs to (NULL: seen, in no event)."""

    __tablename__ = "event_launches"
    __table_args__ = (Index(None, "event_id"),)

    launch_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("launches.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str | None] = mapped_column(
        String(EVENT_ID_LENGTH), ForeignKey("events.id", ondelete="SET NULL"))


class ClaimRow(Base):
    """One claim of one event: a field's value as one report states it."""

    __tablename__ = "event_claims"
    __table_args__ = (Index(None, "event_id"), Index(None, "field"), Index(None, "report_hash"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(
        String(EVENT_ID_LENGTH), ForeignKey("events.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[Any] = mapped_column(JSON_DOCUMENT)
    number: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(16))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    authority: Mapped[str | None] = mapped_column(Text)
    tier: Mapped[int] = mapped_column(Integer)
    chosen: Mapped[bool] = mapped_column(Boolean)
    alternative: Mapped[bool] = mapped_column(Boolean)
    report_hash: Mapped[str] = mapped_column(
        String(64), ForeignKey("reports.content_hash", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    published: Mapped[datetime | None] = mapped_column(DateTime)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOCUMENT)


class RevisionRow(Base):
    """A report that changed an event's best values."""

    __tablename__ = "event_revisions"

    event_id: Mapped[str] = mapped_column(
        String(EVENT_ID_LENGTH), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[datetime | None] = mapped_column(DateTime)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)


class AssessmentRow(Base):
    """An event's assessment and what it was computed from."""

    __tablename__ = "assessments"

    event_id: Mapped[str] = mapped_column(
        String(EVENT_ID_LENGTH), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    inputs_hash: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
