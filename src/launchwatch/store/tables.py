"""The tables: one row per report (keyed by its content hash) and one per launch it states.

Launch rows hold the launch fields as columns, for querying (:class:`LaunchFields`, one column
per field of :data:`launchwatch.model.LAUNCH_FIELDS`, typed by the field's Python type), and the
whole :class:`~launchwatch.model.Launch` (quantities with qualifiers, evidence) as JSON, so that
the record read back is the record stored.  A schema change here needs a migration in
``migrations/versions`` (``alembic revision --autogenerate``; see ``migrations/__init__.py``).

Times: ``reports.published`` is the wall-clock time the report states with its UTC offset in
``published_utc_offset_min`` (NULL when none was given; midnight with no offset means a date
without a time); ``ingested_at`` is UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy import MetaData, Text, Time, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column
from sqlalchemy.types import TypeEngine

from ..model import LAUNCH_FIELDS, Extraction, Launch, LaunchField, Quantity, Report

JSON_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    # Named constraints, so that later migrations can alter them (SQLite's batch mode needs
    # the names) and the names are the same on every database.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


class ReportRow(Base):
    """A report as it was read, and what the extractor said about it as a whole."""

    __tablename__ = "reports"

    content_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    published_utc_offset_min: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    is_launch_report: Mapped[bool] = mapped_column(Boolean)
    language: Mapped[str | None] = mapped_column(String(8))
    context: Mapped[list[dict[str, Any]]] = mapped_column(JSON_DOCUMENT)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)

    @staticmethod
    def values(report: Report, extraction: Extraction, ingested_at: datetime) -> dict[str, Any]:
        """The column values for ``report`` (``ingested_at`` in UTC)."""
        published, offset_min = _split_offset(report.published)
        return {
            "content_hash": report.content_hash, "source": report.source, "url": report.url,
            "publisher": report.publisher, "title": report.title, "published": published,
            "published_utc_offset_min": offset_min, "text": report.text,
            "is_launch_report": extraction.is_launch_report,
            "language": extraction.language or report.language,
            "context": [item.model_dump(mode="json") for item in extraction.context],
            "ingested_at": ingested_at.astimezone(timezone.utc).replace(tzinfo=None),
        }

    def to_report(self) -> Report:
        return Report(source=self.source, text=self.text, title=self.title,
                      publisher=self.publisher, url=self.url,
                      published=join_offset(self.published, self.published_utc_offset_min),
                      content_hash=self.content_hash, language=self.language)


# The column type of a launch field's Python type (a figure's value is its float).
_COLUMN_TYPE: dict[type, type[TypeEngine[Any]]] = {
    str: Text, date: Date, time: Time, int: Integer, float: Float, bool: Boolean}


def _launch_column(field: LaunchField) -> MappedColumn[Any]:
    """A launch field's column: its value (a figure's number), NULL when not stated."""
    if field.type is str and field.max_chars is not None:
        return mapped_column(String(field.max_chars), nullable=True)
    return mapped_column(_COLUMN_TYPE[field.type], nullable=True)


class LaunchFields:
    """The launch fields as queryable columns, shared by launches and events: one per field of
    :data:`launchwatch.model.LAUNCH_FIELDS`, of its name and typed by its Python type."""


for _field in LAUNCH_FIELDS:
    setattr(LaunchFields, _field.name, _launch_column(_field))
del _field


class LaunchRow(LaunchFields, Base):
    """One launch as one report states it; ``ordinal`` is its place in the report (0, 1, ...);
    ``role`` is "reported" for the launch the report is about, "background" for one it recalls.
    """

    __tablename__ = "launches"
    __table_args__ = (UniqueConstraint("report_hash", "ordinal"),
                      Index(None, "date_local"), Index(None, "country"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_hash: Mapped[str] = mapped_column(
        String(64), ForeignKey("reports.content_hash", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16), index=True, server_default="reported")
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)

    @staticmethod
    def values(report_hash: str, ordinal: int, launch: Launch) -> dict[str, Any]:
        values: dict[str, Any] = {"report_hash": report_hash, "ordinal": ordinal,
                                  "role": launch.role, "data": launch.model_dump(mode="json")}
        for field in LAUNCH_FIELDS:
            value = getattr(launch, field.name)
            values[field.name] = value.value if isinstance(value, Quantity) else value
        return values

    def to_launch(self) -> Launch:
        return Launch.model_validate(self.data)


class WatchSourceRow(Base):
    """Where ``launchwatch watch`` left one source (:class:`~launchwatch.model.watch.SourceCursor`):
    a feed's validators, a JSONL file's offset and line."""

    __tablename__ = "watch_sources"

    source: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    offset: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class WatchItemRow(Base):
    """One item a watched source had when it was last taken: a feed entry or a folder's file,
    with its fingerprint (content hash, or size and modification time)."""

    __tablename__ = "watch_items"

    source: Mapped[str] = mapped_column(
        Text, ForeignKey("watch_sources.source", ondelete="CASCADE"), primary_key=True)
    item: Mapped[str] = mapped_column(Text, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(128))


class WatchMarkRow(Base):
    """A moment the watch loop has finished with: ``dispatched`` is the start of the last
    cycle whose changed events were all handed to the alerts."""

    __tablename__ = "watch_marks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    moment: Mapped[datetime] = mapped_column(DateTime)


def _split_offset(published: datetime | None) -> tuple[datetime | None, int | None]:
    """(wall-clock time without tzinfo, UTC offset in minutes or None)."""
    if published is None or published.tzinfo is None:
        return published, None
    offset = published.utcoffset()
    minutes = None if offset is None else round(offset.total_seconds() / 60)
    return published.replace(tzinfo=None), minutes


def join_offset(published: datetime | None, offset_min: int | None) -> datetime | None:
    """The publication time as the report gave it, from the two columns that hold it."""
    if published is None or offset_min is None:
        return published
    return published.replace(tzinfo=timezone(timedelta(minutes=offset_min)))


def utc_naive(moment: datetime) -> datetime:
    """A time as the tables keep it: UTC without tzinfo (a naive time is taken as UTC already)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
