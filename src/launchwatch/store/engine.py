"""Database URLs and engines: SQLite (one file, WAL) by default, PostgreSQL through psycopg 3.

Several processes may write one database at once (two ingests, the web app and an ingest).
On SQLite they take turns on the file's one write lock: every write transaction begins with
``BEGIN IMMEDIATE`` (:func:`writing`), which takes the lock before it reads, and a writer that
finds the lock held waits for it up to :data:`SQLITE_BUSY_TIMEOUT_S` instead of failing with
"database is locked".  (A transaction begun with a plain ``BEGIN`` reads first and asks for the
lock at its first write; when another connection has written in between, the transaction
cannot become a write transaction, and waiting would not help: it fails with SQLITE_BUSY at
once, whatever the timeout.  SQLite's documentation, "Transaction", on deferred, immediate
and exclusive transactions; SQLAlchemy's SQLite dialect documentation, "Serializable isolation
/ Savepoints / Transactional DDL", for emitting the BEGIN from an event listener.)
Readers never wait: WAL lets them read the last committed state while a writer writes, and
the queries of one read transaction all see the same state.  PostgreSQL keeps its default
isolation (read committed), in which each query sees the state of its own start: the writes
that must not interleave take their turn on an advisory lock (:func:`take_turn`), and a read
of several queries that must agree asks for one snapshot (:func:`reading`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ..errors import StoreError

SQLITE_BUSY_TIMEOUT_S = 30.0
"""How long a SQLite writer waits for another's write transaction before it gives up.  The
pipeline keeps its write transactions well below a second (a report, a bounded step of a
fusion, a batch of assessments), so only a rebuild of every event or a migration comes near."""

# The execution option that marks a connection's transactions as writes (:func:`writing`).
_WRITES = "launchwatch_writes"

# The key of the PostgreSQL advisory lock of :func:`take_turn`: "lwtn" in ASCII.
_TURN_LOCK_KEY = 0x6C77_746E


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


def create_store_engine(url: str | Path, *, create: bool = True) -> Engine:
    """An engine for SQLite or PostgreSQL.

    ``create``: a SQLite file that does not exist is made, with its folder, as a command that
    writes wants; without it (a command that only reads) a missing file is a
    :class:`StoreError` naming the path: a mistyped ``--db`` would otherwise read a new, empty
    database and say that no event matches.  The one place this rule lives.
    """
    parsed = database_url(url)
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise StoreError(f"launchwatch stores data in SQLite or PostgreSQL, not {backend}; give a "
                         "SQLite file path or a postgresql:// URL")
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not parsed.database.startswith("file:"):
        if not create and not Path(parsed.database).expanduser().is_file():
            raise StoreError("no database exists at this path; check the --db path (or "
                             "LAUNCHWATCH_DATABASE_URL), or create one by storing reports: "
                             "launchwatch ingest FILE, or launchwatch import cns FILE.csv",
                             path=parsed.database)
        try:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the database ({exc.strerror or exc});"
                             " give a --db path in a folder you may write to",
                             path=parsed.database) from None
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_S} if backend == "sqlite" else {}
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot load the database driver for "
                         f"{parsed.render_as_string(hide_password=True)} ({exc}); use sqlite:/// "
                         "or postgresql:// (psycopg 3)") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def for_writing(connection: Connection) -> Connection:
    """Mark ``connection``'s transactions as writes: on SQLite they begin with
    ``BEGIN IMMEDIATE`` (module docstring); on PostgreSQL nothing changes."""
    return connection.execution_options(**{_WRITES: True})


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (:func:`for_writing`), committed at the end of the block, rolled
    back if it raises."""
    with engine.connect() as connection:
        for_writing(connection)
        with connection.begin():
            yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection whose queries, until the end of the block, all read one state of the
    database (a page and the count above it agree while writers write).  SQLite's read
    transaction in WAL mode does so already; on PostgreSQL this asks for repeatable read."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        yield connection


def take_turn(connection: Connection) -> None:
    """Wait until no other transaction that takes turns (a fusion, a batch of assessments, a
    migration) is under way, and hold the turn until this one ends.

    On SQLite a write transaction holds the turn already (``BEGIN IMMEDIATE``).  PostgreSQL's
    transactions may interleave, so there this takes a transaction advisory lock: two
    fusions never plan one day from the same state (and write its event twice), and two
    assessments of one event never replace each other's row at once.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _TURN_LOCK_KEY})


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


def _sqlite_begin(connection: Connection) -> None:
    # Readers begin a deferred transaction, which takes no lock; writers take the write lock
    # at once (module docstring).
    writes = connection.get_execution_options().get(_WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def database_reason(exc: BaseException) -> str:
    """The database's own words, first line only, without SQLAlchemy's SQL echo."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@contextmanager
def as_store_error(doing: str) -> Iterator[None]:
    """Turn a database error inside the block into a StoreError that says what could not be
    done (``doing``: "read the shard ledger") and what to check, without a traceback."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot {doing} ({database_reason(exc)}); check that the database "
                         "is reachable and migrated (launchwatch opens it with migrate=True)"
                         ) from None
