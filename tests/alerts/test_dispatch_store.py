"""The dispatcher over a real store and pipeline, and what the web app shows of it: a
webhook receiver that is down gets its retries, then the alert is marked failed, and the
alerts page, the API, the Atom feed and the CAP route show it."""

from __future__ import annotations

import socket
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest

from launchwatch.alerts.channels import FeedNotifier
from launchwatch.alerts.dispatch import Dispatcher
from launchwatch.alerts.rules import checked_rule
from launchwatch.model import Event, Extraction, Report
from launchwatch.pipeline import Pipeline
from launchwatch.settings import load_settings
from launchwatch.store import Store

from events.helpers import at, extraction, launch, report
from fakes import skipped_assessment

from starlette.exceptions import StarletteDeprecationWarning

warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient` is "
                        r"deprecated", category=StarletteDeprecationWarning)
from starlette.testclient import TestClient  # noqa: E402

from launchwatch.web import create_app  # noqa: E402

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=timezone.utc)
TOKEN = "test-token-0123456789"


class FakeAssessor:
    method = "fake v1"

    def inputs_hash(self, event: Event) -> str:
        return skipped_assessment(event, self.method).inputs_hash

    def assess(self, event: Event):
        return skipped_assessment(event, self.method)


def _extract(item: Report) -> Extraction:
    """'600 IRBM ...': the distance and class are the text's first two words."""
    km, missile_class = item.text.split()[:2]
    return extraction(item, launch(distance_km=float(km), missile_class=missile_class,
                                   reported_by=["ROK JCS"]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def setup(tmp_path: Path, sqlite_url: str):
    alerts_file = tmp_path / "alerts.toml"
    alerts_file.write_text(
        '[channels.desk]\ntype = "webhook"\n'
        f'url = "http://127.0.0.1:{free_port()}/hook"\n'  # nothing listens: the receiver is down
        'secret_env = "DESK_SECRET"\nattempts = 3\nbackoff_s = 0\n'
        '[[rules]]\nname = "long-range"\nchannels = ["desk", "atom"]\n'
        'class_at_least = "IRBM"\n')
    settings = load_settings({"database_url": sqlite_url, "alerts_file": str(alerts_file),
                              "base_url": "https://lw.example", "api_token": TOKEN},
                             environ={}, config_path=Path("/nonexistent/launchwatch.toml"))
    return settings


def test_a_down_receiver_leaves_a_failed_alert_the_web_app_shows(setup, sqlite_url) -> None:
    with Store.open(sqlite_url) as store:
        pipeline = Pipeline(store, extractor=_extract, assessor=FakeAssessor(),
                            clock=lambda: NOW)
        changes = pipeline.add(report("first", published=at(9), text="4500 IRBM fired"))
        alerts = Dispatcher.from_settings(store, setup, environ={"DESK_SECRET": "s"})
        sent = alerts.dispatch(created=changes.created)
        assert [a.msg_type for a in sent] == ["Alert"]
        alert = store.alert(sent[0].id)
        assert alert.status == "failed"
        desk = next(d for d in alert.deliveries if d.channel == "desk")
        assert (desk.status, desk.attempts) == ("failed", 3) and "ConnectError" in desk.error
        assert store.alerted_events_gone() == []

    app = create_app(setup, warm_up=False)
    with TestClient(app) as client:
        page = client.get("/alerts")
        assert page.status_code == 200
        assert 'class="alert-failed"' in page.text and "desk: failed after 3 attempts" in \
            page.text
        assert f'href="/events/{alert.event_id}"' in page.text and "long-range" in page.text
        listed = client.get("/api/alerts", params={"status": "failed"}).json()
        assert [a["id"] for a in listed] == [alert.id]
        feed = client.get("/alerts.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        assert alert.id in feed.text
        cap = client.get(f"/alerts/{alert.id}.xml")
        assert cap.headers["content-type"] == "application/cap+xml"
        assert "<msgType>Alert</msgType>" in cap.text
        assert client.get("/alerts/nothing.xml").status_code == 404


def test_rules_are_posted_with_the_token_and_checked(setup) -> None:
    app = create_app(setup, warm_up=False)
    rule = {"name": "over-japan", "channels": ["desk"], "overflies": "Japan"}
    with TestClient(app) as client:
        assert client.post("/api/alerts/rules", json=rule).status_code in (401, 403)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        posted = client.post("/api/alerts/rules", json=rule, headers=auth)
        assert posted.status_code == 201 and posted.json()["overflies"] == "Japan"
        assert [r["name"] for r in client.get("/api/alerts/rules").json()] == ["over-japan"]
        bad = client.post("/api/alerts/rules", headers=auth,
                          json={**rule, "channels": ["pager"]})
        assert bad.status_code == 422 and "pager" in bad.json()["error"]["message"]


def test_an_alerted_event_the_store_no_longer_holds_is_found_for_its_cancel(
        sqlite_url) -> None:
    with Store.open(sqlite_url) as store:
        pipeline = Pipeline(store, extractor=_extract, assessor=FakeAssessor(),
                            clock=lambda: NOW)
        created = pipeline.add(report("first", published=at(9), text="4500 IRBM fired")).created
        rule = checked_rule({"name": "any", "channels": ["atom"], "any_event": True},
                            channels={"atom"})
        alerts = Dispatcher(store, [rule], {"atom": FeedNotifier()}, clock=lambda: NOW)
        first, = alerts.dispatch(created=created)
        ghost = first.model_copy(update={"id": "launchwatch-KP-1999-01-01-1-any-0",
                                         "event_id": "KP-1999-01-01-1"})
        assert store.claim_alert(ghost)
        assert store.alerted_events_gone() == ["KP-1999-01-01-1"]
        cancel, = alerts.dispatch()
        assert (cancel.event_id, cancel.msg_type) == ("KP-1999-01-01-1", "Cancel")
        assert store.alerted_events_gone() == []
