"""The migrations build exactly the tables that store/tables.py declares, and undo cleanly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

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


@contextmanager
def migrated_to(db_url: str, revision: str) -> Iterator[Connection]:
    """A store built up to ``revision`` only, to write rows as they were then; the next
    ``Store.open`` migrates them to the head."""
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
            yield connection
    finally:
        engine.dispose()


def test_launches_stored_before_the_role_column_get_their_role(db_url: str) -> None:
    with migrated_to(db_url, "0001") as connection:
        connection.execute(text(
            "INSERT INTO reports (content_hash, source, text, is_launch_report, context, "
            "ingested_at) VALUES ('h', 's', 't', true, '[]', '2025-01-01 00:00:00')"))
        for ordinal, role in enumerate(["reported", "background"]):
            connection.execute(text(
                "INSERT INTO launches (report_hash, ordinal, data) VALUES ('h', :ordinal, "
                ":data)"), {"ordinal": ordinal, "data": json.dumps({"role": role})})
    with Store.open(db_url) as store:
        assert [s.launch.role for s in store.launches(background=True)] == ["reported",
                                                                          "background"]
        assert store.count_launches(background=False) == 1


def test_a_message_left_pending_before_claims_were_timed_is_taken_over_by_its_sent_time(
        db_url: str) -> None:
    with migrated_to(db_url, "0009") as connection:
        connection.execute(text(
            "INSERT INTO alerts (id, event_id, rule, sequence, msg_type, status, sent, data) "
            "VALUES ('m', 'KP-2022-10-04-1', 'r', 0, 'Alert', 'pending', "
            "'2022-10-04 09:00:00.000000', :data)"), {"data": json.dumps({
                "id": "m", "event_id": "KP-2022-10-04-1", "rule": "r", "sequence": 0,
                "msg_type": "Alert", "sent": "2022-10-04T09:00:00Z", "sender": "s",
                "headline": "h", "certainty": "Likely", "map_link": "http://lw/e",
                "deliveries": [{"channel": "desk"}]})})
    sent = datetime(2022, 10, 4, 9, 0)
    with Store.open(db_url) as store:
        soon, later = sent + timedelta(minutes=10), sent + timedelta(minutes=40)
        # Still within its dispatcher's lease ten minutes on; taken over forty minutes on.
        assert store.failed_alerts(sent, abandoned_before=soon - timedelta(minutes=30)) == []
        [left] = store.failed_alerts(sent, abandoned_before=later - timedelta(minutes=30))
        assert left.id == "m" and left.deliveries[0].status == "pending"
