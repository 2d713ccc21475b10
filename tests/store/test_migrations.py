"""The migrations build exactly the tables that store/tables.py declares, and undo cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from launchwatch.store import Base, Store, create_store_engine, current_revision, head_revision
from launchwatch.store.migrate import alembic_config


def test_migrations_match_the_tables(db: Store) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_nothing_and_up_again(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        assert {"reports", "launches"} <= set(inspect(engine).get_table_names())
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert not {"reports", "launches"} & set(inspect(engine).get_table_names())
        assert current_revision(engine) is None
        with Store.open(db_url) as store:
            assert current_revision(store.engine) == head_revision()
    finally:
        engine.dispose()
