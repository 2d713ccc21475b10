"""Database URLs and engines: SQLite (one file, WAL) by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..errors import StoreError


def database_url(url: str | Path) -> URL:
    """The SQLAlchemy URL for ``url``; a bare path means a SQLite file.

    ``postgresql://`` and ``postgres://`` select psycopg 3, the driver launchwatch installs.
    """
    text = str(url)
    if "://" not in text:
        text = f"sqlite:///{Path(text).expanduser()}"
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StoreError(f"{text!r} is not a database URL; give a SQLite file path or a URL such "
                         "as postgresql://user@localhost/launchwatch") from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_store_engine(url: str | Path) -> Engine:
    """An engine for SQLite or PostgreSQL; for a SQLite file its folder is created."""
    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise StoreError(f"launchwatch stores data in SQLite or PostgreSQL, not {backend}; give a "
                         "SQLite file path or a postgresql:// URL")
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not parsed.database.startswith("file:"):
        try:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the database ({exc.strerror or exc});"
                             " give a --db path in a folder you may write to",
                             path=parsed.database) from None
    try:
        engine = create_engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot load the database driver for "
                         f"{parsed.render_as_string(hide_password=True)} ({exc}); use sqlite:/// "
                         "or postgresql:// (psycopg 3)") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (below) instead of the sqlite3 module, which begins
    # only before DML: with it, DDL in migrations and SAVEPOINTs are transactional too.
    # (SQLAlchemy's SQLite dialect documentation, "Serializable isolation / Savepoints /
    # Transactional DDL".)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers (the web app) go on while an ingest writes.  With WAL, synchronous=NORMAL
    # keeps the file consistent after a crash and skips an fsync per commit; a power cut may
    # lose the last commits, which a re-ingest restores.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def database_reason(exc: BaseException) -> str:
    """The database's own words, first line only, without SQLAlchemy's SQL echo."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
