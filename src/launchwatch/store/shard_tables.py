"""The shard ledger's table: one row per shard of an archive that a bulk ingest finished.

A bulk ingest (:mod:`launchwatch.bulk`) cuts an archive into shards (a file, or a byte range of
a large JSONL file) and records each one here once its launch reports are stored, so that the
same command run again after a kill skips it.  ``fingerprint`` is the file's size and
modification time when the shard was read: a file changed since is read again.  Times are UTC
without tzinfo, as in ``tables.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base


class ShardRow(Base):
    """One shard a bulk ingest finished, with what it found."""

    __tablename__ = "bulk_shards"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(128))
    pages: Mapped[int] = mapped_column(Integer)
    launch_reports: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
