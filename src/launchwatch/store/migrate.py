"""Bring a database's schema up to date with Alembic, from code (no alembic.ini needed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from ..errors import StoreError
from .engine import take_turn, writing

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for launchwatch's migrations, optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> frozenset[str]:
    """The revisions this version of launchwatch expects: one per branch of the migrations.

    Stages add their own tables in their own migrations, so the history may branch from a
    common revision; every branch is applied (``upgrade heads``).
    """
    heads = frozenset(_scripts().get_heads())
    if not heads:
        raise StoreError("launchwatch was installed without its database migrations; "
                         "reinstall it", path=MIGRATIONS)
    return heads


def current_revisions(engine: Engine) -> frozenset[str]:
    """The database's revisions; empty for an empty database."""
    with engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def upgrade(engine: Engine) -> None:
    """Apply the migrations the database lacks, in one transaction; cheap when it lacks none."""
    current = current_revisions(engine)
    if current == head_revisions():
        return
    for revision in sorted(current):
        try:
            _scripts().get_revision(revision)
        except CommandError:
            raise StoreError(f"the database is at schema revision {revision!r}, which this "
                             "version of launchwatch does not know; it was written by a newer "
                             "launchwatch, so upgrade launchwatch") from None
    # Two processes opening a new database at once: the second waits for the first's
    # migrations, then Alembic, reading the revision inside this transaction, finds nothing to do.
    with writing(engine) as connection:
        take_turn(connection)
        command.upgrade(alembic_config(connection), "heads")
