"""The migrations build exactly the tables that store/tables.py declares, and undo cleanly."""

from __future__ import annotations

import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from launchwatch.store import Base, Store, create_store_engine, current_revisions, head_revisions
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
        assert current_revisions(engine) == frozenset()
        with Store.open(db_url) as store:
            assert current_revisions(store.engine) == head_revisions()
    finally:
        engine.dispose()


def test_launches_stored_before_the_role_column_get_their_role(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            connection.execute(text(
                "INSERT INTO reports (content_hash, source, text, is_launch_report, context, "
                "ingested_at) VALUES ('h', 's', 't', true, '[]', '2025-01-01 00:00:00')"))
            for ordinal, role in enumerate(["reported", "background"]):
                connection.execute(text(
                    "INSERT INTO launches (report_hash, ordinal, data) VALUES ('h', :ordinal, "
                    ":data)"), {"ordinal": ordinal, "data": json.dumps({"role": role})})
    finally:
        engine.dispose()
    with Store.open(db_url) as store:
        assert [s.launch.role for s in store.launches(background=True)] == ["reported",
                                                                          "background"]
        assert store.count_launches(background=False) == 1
