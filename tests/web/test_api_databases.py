"""The API's queries on both databases the store supports: SQLite and PostgreSQL.

The rest of the web tests run on a copy of one SQLite file of the sample reports; these ingest
the samples into each database (``db_url``: PostgreSQL when ``LAUNCHWATCH_TEST_POSTGRES_URL``
is set) and ask every reading endpoint, so that a query SQLite accepts and PostgreSQL refuses
(JSON paths, date parts, string concatenation) is caught.
"""

from __future__ import annotations

import pytest

from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from .conftest import SAMPLES, TOKEN
from .test_api import NEW_REPORT, SECOND_SOURCE, all_events


@pytest.fixture
def db_client(db_url, make_client):
    with Store.open(db_url) as store:
        pipeline = Pipeline(store)
        summary = pipeline.ingest([SAMPLES])
        pipeline.refresh()
    assert summary.failed == 0, summary.failures
    return make_client(db_url=db_url, api_token=TOKEN)


def test_every_reading_endpoint_answers_on_this_database(db_client):
    client = db_client
    events = all_events(client)
    assert len(events) >= 10
    dates = [e["date_local"] for e in events if e["date_local"]]
    assert dates == sorted(dates, reverse=True)
    # Deep pages, filtered pages and undated events at the end.
    pages = [e["id"] for offset in range(0, len(events), 3)
             for e in client.get("/api/events", params={"limit": 3, "offset": offset})
             .json()["events"]]
    assert pages == [e["id"] for e in events]
    srbm = all_events(client, **{"class": "SRBM"})
    assert srbm and all(e["missile_class"] == "SRBM" for e in srbm)
    assert all(e["date_local"].startswith("2022") for e in all_events(client, **{
        "from": "2022", "to": "2022"}))

    data = client.get("/api/map").json()
    assert data["total"] == len(events)
    assert sum(n for _, n in data["months"]) == len(dates)
    assert data["featured"] in {e["id"] for e in events}
    facets = client.get("/api/facets").json()
    assert 2022 in facets["years"] and "SRBM" in facets["missile_classes"]

    featured = data["featured"]
    event = client.get(f"/api/events/{featured}").json()
    assert event["fields"] and event["reports"][0]["spans"]
    geometry = client.get(f"/api/events/{featured}/map").json()
    assert any(f["properties"]["role"] == "range_ring" for f in geometry["features"])
    assert client.get(f"/api/events/{featured}/reach").json()["places"]
    assert client.get(f"/api/events/{featured}/export/cns").status_code == 200
    assert client.get("/api/export/geojson").json()["features"]
    assert client.get(f"/events/{featured}").status_code == 200
    assert client.get("/").status_code == 200


def test_saving_reports_creates_and_joins_events_on_this_database(db_client):
    client = db_client
    auth = {"Authorization": f"Bearer {TOKEN}"}
    created = client.post("/api/reports", json={"text": NEW_REPORT}, headers=auth).json()
    assert [e["status"] for e in created["events"]] == ["created"]
    joined = client.post("/api/reports", json={"text": SECOND_SOURCE}, headers=auth).json()
    assert [e["status"] for e in joined["events"]] == ["joined"]
    event = client.get(joined["events"][0]["url"].replace("/events/", "/api/events/")).json()
    assert event["report_count"] == 2
