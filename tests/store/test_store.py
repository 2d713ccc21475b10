"""The store on SQLite and PostgreSQL: schema on open, round trips, atomic writes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete, event, select, text
from sqlalchemy.exc import IntegrityError

from launchwatch.errors import StoreError
from launchwatch.ingest import IngestSummary, ingest_batches
from launchwatch.model import ContextItem, Evidence, Extraction, Launch, Quantity, Report
from launchwatch.store import (LaunchRow, ReportRow, Store, current_revisions, database_url,
                               head_revisions)

KST = timezone(timedelta(hours=9))
NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)  # when the reports are stored


def _report(text: str = "North Korea fired a missile that flew about 600 km.",
            **fields: object) -> Report:
    return Report(source=fields.pop("source", "wire.txt"), text=text, **fields)  # type: ignore


def _extraction(report: Report, *launches: Launch, context: list[ContextItem] = ()) -> Extraction:
    return Extraction(source=report.source, report_hash=report.content_hash,
                      is_launch_report=bool(launches), launches=list(launches),
                      context=list(context))


def _launch(**fields: object) -> Launch:
    return Launch(**{"country": "North Korea", **fields})  # type: ignore[arg-type]


def test_open_creates_the_schema_at_head(db: Store) -> None:
    assert current_revisions(db.engine) == head_revisions()
    assert db.count_reports() == 0 and db.count_launches() == 0


def test_reopening_a_current_database_runs_no_migration(db_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_url).close()

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("upgrade ran on a current database")

    monkeypatch.setattr("launchwatch.store.migrate.command.upgrade", must_not_run)
    with Store.open(db_url) as store:
        assert current_revisions(store.engine) == head_revisions()


@pytest.mark.parametrize("published", [
    None,
    datetime(2022, 10, 4),  # a date without a time
    datetime(2022, 10, 4, 7, 23, tzinfo=KST),
    datetime(2022, 10, 4, 7, 23, 15),
    datetime(2022, 10, 3, 22, 23, tzinfo=timezone.utc),
    datetime(2022, 10, 4, 4, 53, tzinfo=timezone(timedelta(hours=5, minutes=30))),
])
def test_a_report_reads_back_as_it_was_stored(db: Store, published: datetime | None) -> None:
    report = _report(title="Launch", publisher="Wire", url="https://w.example/1",
                     published=published)
    assert db.add(report, _extraction(report), now=NOW)
    back = db.report(report.content_hash)
    assert back == report
    if published is not None:
        assert back.published.utcoffset() == published.utcoffset()


def test_a_launch_reads_back_whole_and_its_fields_are_columns(db: Store) -> None:
    report = _report()
    launch = _launch(
        date_local=date(2022, 10, 4), time_local=time(7, 22), launch_site="Mupyong-ri",
        launch_lat=40.61, launch_lon=126.42, missile_class="IRBM", missile_name="Hwasong-12",
        count=1, distance_km=Quantity(value=4600, unit="km", qualifier="about"),
        apogee_km=Quantity(value=970, unit="km"), flight_time_s=Quantity(value=1320, unit="s"),
        max_speed_mach=Quantity(value=17, unit="Mach", qualifier="up to"),
        landing_area="Pacific Ocean", inside_japan_eez=False, direction="east",
        reported_by=["JCS"], evidence={"apogee_km": Evidence(start=10, end=16, text="970 km")},
        alternatives={"distance_km": [4500]})
    context = [ContextItem(kind="exercise", text="joint drills",
                           evidence=Evidence(start=0, end=12, text="joint drills"))]
    assert db.add(report, _extraction(report, launch, context=context), now=NOW)
    [stored] = db.launches()
    assert stored.launch == launch
    assert (stored.report_hash, stored.ordinal, stored.source) == (report.content_hash, 0,
                                                                   "wire.txt")
    record = stored.to_record()
    assert record["distance_km"] == 4600 and record["qualifiers"] == {"distance_km": "about",
                                                                      "max_speed_mach": "up to"}
    with db.session() as session:
        row = session.scalars(select(LaunchRow).where(LaunchRow.apogee_km > 900,
                                                      LaunchRow.missile_class == "IRBM")).one()
        assert (row.country, row.date_local, row.time_local, row.distance_km,
                row.flight_time_s, row.max_speed_mach, row.inside_japan_eez) == \
            ("North Korea", date(2022, 10, 4), time(7, 22), 4600, 1320, 17, False)
        report_row = session.get(ReportRow, report.content_hash)
        assert report_row.is_launch_report is True
        assert report_row.context == [context[0].model_dump(mode="json")]


def test_a_report_is_stored_once(db: Store) -> None:
    report = _report()
    assert db.add(report, _extraction(report, _launch()), now=NOW)
    assert not db.add(report.model_copy(update={"source": "other.txt"}),
                      _extraction(report, _launch(), _launch()), now=NOW)
    assert (db.count_reports(), db.count_launches()) == (1, 1)


def test_a_refused_launch_leaves_no_report(db: Store) -> None:
    report = _report()
    with pytest.raises(StoreError) as caught:
        db.add(report, _extraction(report, _launch(), _launch(count=2 ** 70)), now=NOW)
    assert caught.value.path == "wire.txt"
    assert "nothing of it was written" in caught.value.message
    assert (db.count_reports(), db.count_launches()) == (0, 0)
    # The store is still usable afterwards.
    assert db.add(report, _extraction(report, _launch()), now=NOW)


def test_a_batch_is_stored_whole_or_not_at_all(db: Store) -> None:
    first, second, third = (_report(f"Report {n}: a missile flew about {n}00 km.")
                            for n in (1, 2, 3))
    with db.writer() as writer:
        assert writer.add_all([(first, _extraction(first, _launch()), NOW),
                               (second, _extraction(second, _launch(), _launch()), NOW)])
        # One launch no INTEGER column holds: none of the batch is written, and the caller
        # stores the reports one by one to learn which (the ingest stage does).
        assert not writer.add_all([
            (third, _extraction(third, _launch()), NOW),
            (_report("A fourth."), _extraction(_report("A fourth."), _launch(count=2 ** 70)),
             NOW)])
    assert (db.count_reports(), db.count_launches()) == (2, 3)


def test_a_new_batch_of_reports_is_one_transaction(db: Store) -> None:
    reports = [_report(f"Report {n}: a missile flew about {n}0 km.") for n in range(1, 41)]
    commits: list[int] = []

    def committed(_connection: object) -> None:
        commits.append(1)

    event.listen(db.engine, "commit", committed)
    try:
        summary = IngestSummary()
        with db.writer() as writer:
            for _ in ingest_batches(reports, writer, summary=summary, clock=lambda: NOW,
                                    extractor=lambda report: _extraction(report, _launch())):
                pass
    finally:
        event.remove(db.engine, "commit", committed)
    assert (summary.new, db.count_reports()) == (40, 40)
    assert len(commits) == 1


def test_an_extraction_of_another_report_is_refused(db: Store) -> None:
    report, other = _report(), _report("Another text.")
    with pytest.raises(StoreError, match="bug in the caller"):
        db.add(report, _extraction(other), now=NOW)
    assert db.count_reports() == 0


def test_existing_hashes_in_chunks(db: Store) -> None:
    reports = [_report(f"Report {i}.") for i in range(3)]
    for report in reports:
        db.add(report, _extraction(report), now=NOW)
    wanted = [f"{i:064x}" for i in range(1200)] + [r.content_hash for r in reports]
    assert db.existing_hashes(wanted) == {r.content_hash for r in reports}
    assert db.existing_hashes([]) == set()


def test_launches_latest_first_undated_last_and_limited(db: Store) -> None:
    days = [date(2023, 1, 1), None, date(2024, 5, 1), date(2022, 3, 3)]
    for i, day in enumerate(days):
        report = _report(f"Report {i}.", source=f"r{i}")
        db.add(report, _extraction(report, _launch(date_local=day)), now=NOW)
    assert [s.launch.date_local for s in db.launches()] == [date(2024, 5, 1), date(2023, 1, 1),
                                                            date(2022, 3, 3), None]
    assert [s.source for s in db.launches(limit=2)] == ["r2", "r0"]


def test_deleting_a_report_deletes_its_launches(db: Store) -> None:
    report, other = _report(), _report("Other.")
    db.add(report, _extraction(report, _launch(), _launch()), now=NOW)
    db.add(other, _extraction(other, _launch()), now=NOW)
    with db.session() as session, session.begin():
        session.execute(delete(ReportRow).where(ReportRow.content_hash == report.content_hash))
    assert db.count_launches() == 1


def test_a_database_from_a_newer_launchwatch_is_refused(db_url: str) -> None:
    with Store.open(db_url) as store, store.engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('ffff_future')"))
    with pytest.raises(StoreError, match="newer launchwatch"):
        Store.open(db_url)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(fresh_db: Store) -> None:
    with fresh_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with fresh_db.session() as session, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        session.add(LaunchRow(report_hash="0" * 64, ordinal=0, data={}))
        session.flush()


def test_sqlite_file_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "launchwatch.sqlite3"
    with Store.open(str(path)) as store:
        assert store.count_reports() == 0
    assert path.is_file()


@pytest.mark.parametrize(("given", "expected"), [
    ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ("postgres://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///tmp/x.sqlite3", "sqlite:///tmp/x.sqlite3"),
    ("/tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
])
def test_database_url(given: str, expected: str) -> None:
    assert database_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense://"])
def test_unsupported_databases_are_refused_with_advice(url: str) -> None:
    with pytest.raises(StoreError, match="SQLite|database URL"):
        Store.open(url)


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://someone:secret@127.0.0.1:1/launchwatch?connect_timeout=2")
    assert "cannot open the database" in caught.value.message
    assert "secret" not in str(caught.value)


def test_background_launches_are_kept_apart(db: Store) -> None:
    report = _report()
    db.add(report, _extraction(report, _launch(date_local=date(2023, 7, 12)),
                               _launch(role="background", date_local=date(2017, 11, 29))),
           now=NOW)
    assert [s.launch.role for s in db.launches()] == ["reported"]
    assert [s.launch.role for s in db.launches(background=True)] == ["reported", "background"]
    assert (db.count_launches(), db.count_launches(background=False)) == (2, 1)
    with db.session() as session:
        assert session.scalars(select(LaunchRow.date_local)
                               .where(LaunchRow.role == "background")).all() == \
            [date(2017, 11, 29)]
