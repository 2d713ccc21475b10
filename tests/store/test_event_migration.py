"""Migration 0002 (events, claims, revisions, assessments) on SQLite and PostgreSQL: a database
of reports from before it gains events, and going back removes them and nothing else."""

from __future__ import annotations

from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect

from launchwatch.model import Extraction, Launch, Quantity, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store, create_store_engine, current_revisions, head_revisions
from launchwatch.store.migrate import alembic_config
from launchwatch.store.tables import LaunchRow, ReportRow

EVENT_TABLES = {"events", "event_launches", "event_claims", "event_revisions", "assessments"}


def _report_rows() -> tuple[dict, dict]:
    report = Report(source="jcs.txt", text="North Korea fired a missile that flew 600 km.",
                    published=datetime(2019, 7, 25, 8, 0, tzinfo=timezone.utc))
    launch = Launch(country="North Korea", date_local=date(2019, 7, 25),
                    distance_km=Quantity(value=600, unit="km", qualifier="about"),
                    reported_by=["ROK JCS"])
    extraction = Extraction(source=report.source, report_hash=report.content_hash,
                            is_launch_report=True, launches=[launch])
    values = LaunchRow.values(report.content_hash, 0, launch)
    for later in ("role", "date_precision", "outcome", "confirmation"):
        values.pop(later, None)  # columns that revisions after 0001 add
    report_values = ReportRow.values(report, extraction, datetime.now(timezone.utc))
    report_values.pop("language", None)  # a column revision 0008 adds
    return report_values, values


def test_reports_stored_before_events_existed_become_events(db_url: str) -> None:
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
        assert not EVENT_TABLES & set(inspect(engine).get_table_names())
        report, launch = _report_rows()
        with engine.begin() as connection:
            connection.execute(ReportRow.__table__.insert(), [report])
            connection.execute(LaunchRow.__table__.insert(), [launch])
    finally:
        engine.dispose()
    with Store.open(db_url) as store:
        assert current_revisions(store.engine) == head_revisions()
        assert Pipeline(store).fuse().created == ["KP-2019-07-25-1"]
        assert store.event("KP-2019-07-25-1").distance_km.value == 600


def test_going_back_before_events_keeps_the_reports(db_url: str) -> None:
    with Store.open(db_url) as store:
        item = Report(source="jcs.txt", text="North Korea fired a missile that flew 600 km.")
        store.add(item, Extraction(source=item.source, report_hash=item.content_hash,
                                   is_launch_report=True,
                                   launches=[Launch(country="North Korea",
                                                    date_local=date(2019, 7, 25))]),
                  now=datetime(2024, 6, 1, tzinfo=timezone.utc))
        Pipeline(store).fuse()
    engine = create_store_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0001")
        tables = set(inspect(engine).get_table_names())
        assert not EVENT_TABLES & tables and {"reports", "launches"} <= tables
        with engine.connect() as connection:
            # Only the columns revision 0001 made: later ones are gone after the downgrade.
            hashes = sa.select(ReportRow.__table__.c.content_hash)
            assert connection.execute(hashes).all() != []
    finally:
        engine.dispose()
