"""The seed's launch (North Korea, 6 January 2025) shows "during the visit of the US Secretary
of State to Seoul" in `events show` and on its event page, from a report in our own words;
user calendars import once; the JSON export carries each event's context."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from launchwatch.api import event_context
from launchwatch.cli._app import console
from launchwatch.model import Report
from launchwatch.pipeline import Pipeline
from launchwatch.settings import load_settings
from launchwatch.store import Store

VISIT = "during the visit of the US Secretary of State to Seoul"
REPORT = Report(
    source="own-words.txt", title="North Korea fires missile as top US diplomat visits Seoul",
    publisher="Test Wire",
    published=datetime(2025, 1, 6, 14, tzinfo=timezone(timedelta(hours=9))),
    text=("North Korea launched a ballistic missile toward the sea off its east coast on "
          "Monday, January 6, 2025, South Korea's Joint Chiefs of Staff said. The launch came "
          "during the visit of the U.S. Secretary of State to South Korea for talks with "
          "officials in Seoul. The missile flew about 1,100 km before falling into the water."))


@pytest.fixture
def seeded(sqlite_url: str) -> str:
    with Store.open(sqlite_url) as store:
        Pipeline(store).add(REPORT)
    return sqlite_url


def _event_id(url: str) -> str:
    with Store.open(url) as store:
        [event] = store.events()
    assert event.date_local is not None and event.date_local.isoformat() == "2025-01-06"
    return event.id


def test_events_show_says_during_the_visit(seeded: str, run_cli: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "_width", 240)  # wide enough that no cell folds
    code, out, _ = run_cli("events", "show", _event_id(seeded), "--db", seeded)
    assert code == 0
    assert "Context" in out and VISIT in out
    code, out, _ = run_cli("events", "show", _event_id(seeded), "--db", seeded, "--json")
    context = json.loads(out)["context"]
    visit = next(c for c in context if c["event"]["kind"] == "visit")
    assert visit["text"].startswith(VISIT) and visit["relation"] == "during"
    assert any("visit of the U.S. Secretary of State" in words for words in visit["evidence"])
    assert visit["event"]["source"].startswith("https://")


def test_event_page_and_api_show_the_visit(seeded: str) -> None:
    # Starlette's own deprecation of httpx in its TestClient, as tests/web/conftest.py.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette")
        from starlette.testclient import TestClient
    from launchwatch.web import create_app

    settings = load_settings({"database_url": seeded}, environ={},
                             config_path=Path("/nonexistent/launchwatch.toml"))
    event_id = _event_id(seeded)
    with TestClient(create_app(settings, warm_up=False)) as client:
        page = client.get(f"/events/{event_id}")
        assert page.status_code == 200
        assert VISIT in page.text and 'id="context-heading"' in page.text
        found = client.get(f"/api/events/{event_id}/context").json()
        assert any(item["text"].startswith(VISIT) for item in found)
        assert client.get(f"/api/events/{event_id}").json()["context"]
        visits = client.get("/api/context", params={"kind": "visit", "since": "2025-01-01"})
        assert [v["start"] for v in visits.json()][:1] == ["2025-01-06"]
        assert client.get("/api/events/KP-1999-01-01-9/context").status_code == 404


def test_reimporting_a_calendar_adds_nothing_and_export_round_trips(
        seeded: str, run_cli: Any, tmp_path: Path) -> None:
    calendar = tmp_path / "mine.csv"
    calendar.write_text("kind,name,start,end,zone,actors,place,source\n"
                        "exercise,the winter drill,2025-01-03,2025-01-09,,,South Korea,\n"
                        "visit,a bad row,2025-02-30,,,,Seoul,\n")
    code, out, _ = run_cli("context", "import", str(calendar), "--db", seeded, "--json")
    first = json.loads(out)
    assert code == 1 and first["new"] == 1
    assert [(p["line"], p["field"]) for p in first["problems"]] == [(3, "start")]
    code, out, _ = run_cli("context", "import", str(calendar), "--db", seeded, "--json")
    assert json.loads(out)["new"] == 0
    exported = tmp_path / "out.csv"
    code, _, _ = run_cli("context", "export", "--origin", "user", "--out", str(exported),
                         "--db", seeded)
    assert code == 0
    with Store.open(seeded) as store:
        stored = store.context_events(origins=["user"])
        assert len(stored) == 1
        [event] = store.events()
        assert "during the winter drill (day 4 of 7)" in [c.text for c in
                                                          event_context(store, event)]
    again = tmp_path / "again.sqlite3"
    code, _, _ = run_cli("context", "import", str(exported), "--db", str(again))
    with Store.open(f"sqlite:///{again}") as store:
        assert store.context_events(origins=["user"]) == stored


def test_json_export_has_each_events_context(seeded: str, run_cli: Any,
                                             tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    code, _, _ = run_cli("export", "json", "--out", str(out), "--db", seeded)
    assert code == 0
    [event] = json.loads(out.read_text())["events"]
    assert any(item["text"].startswith(VISIT) for item in event["context"])


def test_context_stats_from_the_command_line_fits_80_columns_and_says_what_it_assumed(
        seeded: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "width", 80)
    code, out, _ = run_cli("context", "stats", "--kind", "visit", "--window", "-3,+3",
                           "--since", "2024", "--draws", "200", "--db", seeded)
    assert code == 0 and "Assumed:" in out and "Holm" in out
    tables = [line for line in out.splitlines() if line.startswith(("┃", "│"))]
    assert tables and max(len(line) for line in tables) <= 80
    code, out, _ = run_cli("context", "stats", "--kind", "visit", "--since", "2024",
                           "--draws", "200", "--json", "--db", seeded)
    [row] = json.loads(out)["windows"]
    # The seed's launch day falls on the visit: inside its window.
    assert (row["kind"], row["launch_days_inside"]) == ("visit", 1)
    code, _, err = run_cli("context", "list", "--since", "2024-13", "--db", seeded)
    assert code == 2 and "--since" in err
