"""A report saved through ``POST /api/reports`` (or the paste page) is alerted as one that
``launchwatch ingest`` or ``watch`` takes: a webhook on the loopback address receives the
alert, once; a rule stored through the API is heard too; no rule, no alert; a bad alerts file
refuses the report."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from .conftest import TOKEN
from .test_api import NEW_REPORT

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECRET_ENV = "LAUNCHWATCH_TEST_HOOK_SECRET"


class Hook(BaseHTTPRequestHandler):
    """A webhook receiver that keeps the bodies it was sent."""

    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server protocol
        self.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[str]:
    Hook.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def alerts_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.toml"
    path.write_text(text, encoding="utf-8")
    return path


def post_report(client: TestClient) -> dict:
    answer = client.post("/api/reports", content=NEW_REPORT,
                         headers={**AUTH, "Content-Type": "text/plain"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def test_a_posted_report_is_alerted_once_on_the_rules_webhook(
        make_client: Callable[..., TestClient], hook: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "s3cret")
    path = alerts_file(tmp_path, f"""
[channels.desk]
type = "webhook"
url = "{hook}"
secret_env = "{SECRET_ENV}"
attempts = 1

[[rules]]
name = "everything"
channels = ["desk"]
any_event = true
""")
    client = make_client(api_token=TOKEN, alerts_file=path)
    posted = post_report(client)
    [event] = [link for link in posted["events"] if link["status"] == "created"]
    # The TestClient runs the answer's background task before it returns.
    [body] = Hook.received
    assert event["id"] in json.dumps(body)
    [alert] = client.get("/api/alerts").json()
    assert (alert["event_id"], alert["rule"]) == (event["id"], "everything")
    assert [d["status"] for d in alert["deliveries"]] == ["sent"]
    # The same report again changes nothing: no second alert.
    assert post_report(client)["stored"] is False
    assert len(Hook.received) == 1 and len(client.get("/api/alerts").json()) == 1


def test_a_rule_stored_through_the_api_hears_posted_reports(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_token=TOKEN)
    assert client.get("/api/alerts").json() == []
    stored = client.post("/api/alerts/rules", headers=AUTH, json={
        "name": "short-range", "channels": ["atom"], "launching_state": ["North Korea"]})
    assert stored.status_code == 201, stored.text
    posted = post_report(client)
    [alert] = client.get("/api/alerts").json()
    assert alert["event_id"] == posted["events"][0]["id"] and alert["rule"] == "short-range"


def test_a_report_pasted_and_saved_on_the_page_is_alerted_too(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_token=TOKEN)
    client.post("/api/alerts/rules", headers=AUTH, json={
        "name": "everything", "channels": ["atom"], "any_event": True})
    saved = client.post("/paste", data={"text": NEW_REPORT, "action": "save", "token": TOKEN})
    assert saved.status_code == 303, saved.text
    [alert] = client.get("/api/alerts").json()
    assert saved.headers["location"].startswith(f"/events/{alert['event_id']}?saved=")


def test_without_rules_a_posted_report_is_stored_and_nothing_is_alerted(
        make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_token=TOKEN)
    assert post_report(client)["stored"] is True
    assert client.get("/api/alerts").json() == []


def test_a_bad_alerts_file_refuses_the_report_with_its_reason(
        make_client: Callable[..., TestClient], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    path = alerts_file(tmp_path, f"""
[channels.desk]
type = "webhook"
url = "http://127.0.0.1:9/hook"
attempts = 1
secret_env = "{SECRET_ENV}"

[[rules]]
name = "everything"
channels = ["desk"]
any_event = true
""")
    client = make_client(api_token=TOKEN, alerts_file=path)
    answer = client.post("/api/reports", content=NEW_REPORT,
                         headers={**AUTH, "Content-Type": "text/plain"})
    assert answer.status_code == 500
    error = answer.json()["error"]
    assert SECRET_ENV in error["message"]
    # Nothing was stored: the same report, once the secret is set, is new.
    monkeypatch.setenv(SECRET_ENV, "s3cret")
    assert post_report(client)["stored"] is True
