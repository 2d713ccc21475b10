"""The store: reports and their launches in SQLite or PostgreSQL.

Each report is written with its launches in one transaction, so a failure leaves either the
whole report or nothing.  Reports are keyed by content hash; storing one twice stores it once.
The store asks no clock: whoever stores a report says when (``now``, from the pipeline's
clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, case, func, insert, select, true
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..errors import StoreError
from ..model import Extraction, Launch, Report
from .engine import create_store_engine, database_reason, for_writing
from .alert_store import AlertStore
from .context_store import ContextStore
from .event_store import EventStore
from .migrate import upgrade
from .tables import LaunchRow, ReportRow, join_offset

# Hashes per IN (...) list: well under every database's limit on bound parameters.
_HASHES_PER_QUERY = 500


@dataclass(frozen=True)
class StoredLaunch:
    """A launch read back from the store, with the report it came from."""

    launch: Launch
    report_hash: str
    ordinal: int
    source: str
    title: str | None
    publisher: str | None
    published: datetime | None

    def to_record(self) -> dict[str, Any]:
        """The launch's flat record (as ``launchwatch extract`` prints it) and its report."""
        return {**self.launch.to_record(), "report_hash": self.report_hash,
                "source": self.source, "title": self.title, "publisher": self.publisher,
                "published": self.published.isoformat() if self.published else None}


class Store(EventStore, ContextStore, AlertStore):
    """Reports and launches in one database; open it with :meth:`Store.open`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | Path, *, migrate: bool = True, create: bool = True) -> Store:
        """Open the database at ``url`` and bring its schema up to date.

        ``url`` is a SQLAlchemy URL (``sqlite:///path``, ``postgresql://user@host/db``) or a
        SQLite file path.  ``create``: make a SQLite file that does not exist (for commands
        that write); without it a missing one is a :class:`StoreError` that names the path
        (:func:`~launchwatch.store.engine.create_store_engine`).
        """
        engine = create_store_engine(url, create=create)
        try:
            if migrate:
                upgrade(engine)
            else:
                engine.connect().close()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database {_shown(engine)} "
                             f"({database_reason(exc)}); check the URL, that the server runs "
                             "and that you may write there") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({_shown(self.engine)})"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM session on the store, for queries the methods below do not cover."""
        with Session(self.engine) as session:
            yield session

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def writer(self) -> Iterator[ReportWriter]:
        """A writer holding one connection for a batch of :meth:`ReportWriter.add` calls."""
        with self.engine.connect() as connection:
            yield ReportWriter(self, for_writing(connection))

    def add(self, report: Report, extraction: Extraction, *, now: datetime) -> bool:
        """Store one report with its launches, ingested ``now``; see :meth:`ReportWriter.add`."""
        with self.writer() as writer:
            return writer.add(report, extraction, now=now)

    # -- reading ---------------------------------------------------------------------------

    def existing_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of ``hashes`` are already stored, in one query per few hundred."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _HASHES_PER_QUERY):
                chunk = wanted[start:start + _HASHES_PER_QUERY]
                found.update(connection.scalars(
                    select(ReportRow.content_hash).where(ReportRow.content_hash.in_(chunk))))
        return found

    def report(self, content_hash: str) -> Report | None:
        with self.session() as session:
            row = session.get(ReportRow, content_hash)
            return row.to_report() if row is not None else None

    def launches(self, *, limit: int | None = None,
                 background: bool = False) -> list[StoredLaunch]:
        """Stored launches, latest first (launches without a date last).

        Only the launches reports are about, unless ``background``: then also the earlier
        launches they recall.
        """
        query = (select(LaunchRow, ReportRow.source, ReportRow.title, ReportRow.publisher,
                        ReportRow.published, ReportRow.published_utc_offset_min)
                 .join(ReportRow, LaunchRow.report_hash == ReportRow.content_hash)
                 .where(LaunchRow.role == "reported" if not background else true())
                 .order_by(case((LaunchRow.date_local.is_(None), 1), else_=0),
                           LaunchRow.date_local.desc(), LaunchRow.time_local.desc(),
                           ReportRow.source, LaunchRow.ordinal)
                 .limit(limit))
        with self.session() as session:
            return [StoredLaunch(launch=row.to_launch(), report_hash=row.report_hash,
                                 ordinal=row.ordinal, source=source, title=title,
                                 publisher=publisher, published=join_offset(published, offset))
                    for row, source, title, publisher, published, offset
                    in session.execute(query)]

    def count_reports(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(ReportRow)) or 0

    def count_launches(self, *, background: bool = True) -> int:
        """How many launches are stored (without ``background``: only those reports are about)."""
        query = select(func.count()).select_from(LaunchRow)
        if not background:
            query = query.where(LaunchRow.role == "reported")
        with self.engine.connect() as connection:
            return connection.scalar(query) or 0


class ReportWriter:
    """Stores reports, each in a transaction of its own, over one connection (held by
    :meth:`Store.writer` for a whole batch, which spares a pool round trip per report)."""

    def __init__(self, store: Store, connection: Connection) -> None:
        self.store = store
        self.connection = connection

    def existing_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of ``hashes`` are already stored (:meth:`Store.existing_hashes`)."""
        return self.store.existing_hashes(hashes)

    def add(self, report: Report, extraction: Extraction, *, now: datetime) -> bool:
        """Store ``report`` and the launches extracted from it in one transaction, as ingested
        ``now`` (an aware time).

        Returns False, storing nothing, when the report is already stored.  Raises StoreError
        (with nothing written) when the database refuses it.
        """
        _check_pair(report, extraction)
        try:
            with self.connection.begin():
                self.connection.execute(insert(ReportRow),
                                        ReportRow.values(report, extraction, now))
                if extraction.launches:
                    self.connection.execute(insert(LaunchRow), [
                        LaunchRow.values(report.content_hash, ordinal, launch)
                        for ordinal, launch in enumerate(extraction.launches)])
        except IntegrityError as exc:
            if self.store.existing_hashes([report.content_hash]):
                return False  # stored meanwhile by another process
            raise StoreError(f"could not be stored ({database_reason(exc)}); nothing of it was "
                             "written", path=report.source) from None
        except (SQLAlchemyError, OverflowError) as exc:
            # OverflowError: the sqlite3 module refuses integers beyond 64 bits itself.
            raise StoreError(f"could not be stored ({database_reason(exc)}); nothing of it was "
                             "written", path=report.source) from None
        return True

    def add_all(self, stored: Sequence[tuple[Report, Extraction, datetime]]) -> bool:
        """Store each ``(report, extraction, now)`` as :meth:`add` does, all in one
        transaction: a statement per table for them all, rather than a transaction and two
        statements a report, which were most of a bulk ingest's storing.  Returns False,
        storing none of them, when the database refuses any (one stored meanwhile by another
        process, a value it cannot hold): the caller then stores them one by one with
        :meth:`add`, which says which and why.  The reports must be distinct and not stored
        yet (the ingest stage asked :meth:`existing_hashes`)."""
        for report, extraction, _ in stored:
            _check_pair(report, extraction)
        if not stored:
            return True
        reports = [ReportRow.values(report, extraction, now) for report, extraction, now in stored]
        launches = [LaunchRow.values(report.content_hash, ordinal, launch)
                    for report, extraction, _ in stored
                    for ordinal, launch in enumerate(extraction.launches)]
        try:
            with self.connection.begin():
                self.connection.execute(insert(ReportRow), reports)
                if launches:
                    self.connection.execute(insert(LaunchRow), launches)
        except (SQLAlchemyError, OverflowError):
            return False
        return True


def _check_pair(report: Report, extraction: Extraction) -> None:
    if extraction.report_hash and extraction.report_hash != report.content_hash:
        raise StoreError(f"the extraction given is for report {extraction.report_hash[:12]}, "
                         f"not this one ({report.content_hash[:12]}); this is a bug in the "
                         "caller", path=report.source)


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
