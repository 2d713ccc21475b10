"""Fixtures shared by the whole suite: databases to test against.

* ``fresh_db``: a :class:`Store` on an empty SQLite file of its own.
* ``db`` / ``db_url``: the same test on SQLite and on PostgreSQL (a schema of its own in the
  database named by ``LAUNCHWATCH_TEST_POSTGRES_URL``).  Without that variable the PostgreSQL
  case is skipped, unless ``LAUNCHWATCH_TEST_REQUIRE`` names ``postgres`` (as in CI), in which
  case it fails: a required backend that is missing is an error, not a skip.
* ``postgres_url``: the PostgreSQL URL itself, for tests of their own.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from launchwatch.store import Store, create_store_engine, database_url

POSTGRES_URL_ENV = "LAUNCHWATCH_TEST_POSTGRES_URL"
REQUIRE_ENV = "LAUNCHWATCH_TEST_REQUIRE"


def required(feature: str) -> bool:
    """Whether ``LAUNCHWATCH_TEST_REQUIRE`` (comma-separated) names ``feature``."""
    names = os.environ.get(REQUIRE_ENV, "").replace(" ", "").lower().split(",")
    return feature in names


def skip_unless_required(feature: str, reason: str) -> None:
    """Skip the test, or fail it when the run requires ``feature``."""
    if required(feature):
        pytest.fail(f"{reason}; {REQUIRE_ENV} requires {feature!r}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The URL of a PostgreSQL database the tests may write to."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        skip_unless_required("postgres", f"set {POSTGRES_URL_ENV} to run this on PostgreSQL")
    engine = create_store_engine(url)
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to connect ends the same way
        pytest.fail(f"{POSTGRES_URL_ENV} is set but the server cannot be reached: {exc}",
                    pytrace=False)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'launchwatch.sqlite3'}"


@pytest.fixture
def fresh_db(sqlite_url: str) -> Iterator[Store]:
    """A store on an empty SQLite file, migrated to the current schema."""
    with Store.open(sqlite_url) as store:
        yield store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    """The URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_url
        return
    with _postgres_schema(request.getfixturevalue("postgres_url")) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Store]:
    """A store on an empty database, once on SQLite and once on PostgreSQL."""
    with Store.open(db_url) as store:
        yield store


@contextmanager
def _postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose search path starts with a new schema of the test's own, dropped after the
    test, so tests never see each other's tables."""
    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    url = database_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = create_store_engine(base_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``launchwatch ARGS...`` in this process; returns (exit code, stdout, stderr)."""
    from launchwatch.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["launchwatch", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
