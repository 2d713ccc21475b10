"""The store's read queries for the web and the CLI, on SQLite and PostgreSQL: pages latest
first with undated events last, filters, facets, map aggregates, reports by hash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from launchwatch.model import Extraction, Launch, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.queries import (EventQuery, events_by_month, events_by_site, facets,
                                       latest_reaches, list_events, reports, tune_for_reading)

CNS_SAMPLE = Path(__file__).resolve().parents[1] / "exchange" / "fixtures" / "cns-sample.csv"
# The CNS sample's events, latest first.
DATED = ["KP-2022-10-04-1", "KP-2019-07-25-1", "KP-2017-05-14-1", "KP-2016-07-19-1"]


@pytest.fixture
def events_db(db: Store) -> Store:
    """The CNS sample's four events, assessed, and one undated event from a report."""
    pipeline = Pipeline(db)
    pipeline.import_cns(CNS_SAMPLE)
    report = Report(source="undated.txt", text="North Korea fired a ballistic missile.")
    pipeline.add(report, Extraction(source=report.source, report_hash=report.content_hash,
                                    is_launch_report=True,
                                    launches=[Launch(country="North Korea",
                                                     missile_class="SRBM")]))
    return db


def _ids(store: Store, query: EventQuery, *, limit: int = 100, offset: int = 0) -> list[str]:
    return [event.id for event in list_events(store, query, limit=limit, offset=offset).events]


def test_a_page_is_latest_first_with_undated_events_last(events_db: Store) -> None:
    listing = list_events(events_db, EventQuery(), limit=100, offset=0)
    assert listing.total == 5
    assert [event.id for event in listing.events[:4]] == DATED
    undated = listing.events[4]
    assert (undated.date_local, undated.missile_class, undated.report_count) == \
        (None, "SRBM", 1)
    # Pages of two meet without a gap or an overlap, across the undated boundary.
    pages = [_ids(events_db, EventQuery(), limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [i for page in pages for i in page] == [event.id for event in listing.events]
    assert _ids(events_db, EventQuery(), limit=2, offset=5) == []
    first = listing.events[0]
    assert (first.time_local.isoformat(), first.missile_name, first.launch_site,
            first.apogee_km, first.conflicts) == \
        ("07:23:00", "Hwasong-12", "Mupyong-ni Arms Plant", 970.0, [])


def test_filters_select_by_country_class_site_and_period(events_db: Store) -> None:
    assert _ids(events_db, EventQuery(missile_class="IRBM")) == [DATED[0], DATED[2]]
    assert _ids(events_db, EventQuery(sites=("Hwangju", "Hodo Peninsula"))) == \
        [DATED[1], DATED[3]]
    assert _ids(events_db, EventQuery(date_from=date(2017, 5, 14),
                                      date_to=date(2019, 12, 31))) == DATED[1:3]
    assert list_events(events_db, EventQuery(country="South Korea"), limit=10,
                       offset=0).total == 0
    # The class filter on a deep page, served by the date index.
    assert _ids(events_db, EventQuery(missile_class="SRBM"), limit=1, offset=1) == [DATED[3]]


def test_facets_and_the_map_aggregates(events_db: Store) -> None:
    found = facets(events_db)
    assert (found.countries, found.missile_classes, found.years) == \
        (["North Korea"], ["IRBM", "SRBM"], [2016, 2017, 2019, 2022])
    sites = sorted(events_by_site(events_db, EventQuery(missile_class="SRBM")),
                   key=lambda site: site.launch_site or "")
    assert [(s.launch_site, s.count, s.latest) for s in sites] == [
        (None, 1, None), ("Hodo Peninsula", 1, date(2019, 7, 25)),
        ("Hwangju", 1, date(2016, 7, 19))]
    assert events_by_month(events_db, EventQuery(missile_class="IRBM")) == \
        [("2017-05", 1), ("2022-10", 1)]


def test_latest_reaches_and_reports_by_hash(events_db: Store) -> None:
    reaches = latest_reaches(events_db, EventQuery(), limit=10)
    assert [event_id for event_id, _ in reaches] == [DATED[0], DATED[2]]
    assert all(4000 < range_km < 5000 for _, range_km in reaches)
    assert latest_reaches(events_db, EventQuery(), limit=1) == reaches[:1]
    hashes = [r.content_hash for e in events_db.events() for r in e.reports]
    found = reports(events_db, [*hashes, "0" * 64])
    assert sorted(found) == sorted(hashes)
    assert all(found[h] == events_db.report(h) for h in hashes)


def test_tuning_for_reading_sets_the_sqlite_cache_once(fresh_db: Store) -> None:
    tune_for_reading(fresh_db)
    tune_for_reading(fresh_db)
    with fresh_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA mmap_size")).scalar() == 1 << 30
        assert connection.execute(text("PRAGMA cache_size")).scalar() == -65536
