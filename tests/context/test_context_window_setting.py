"""The ``context_window_days`` setting decides how far from a launch day its context reaches,
the same in `events show`, the HTTP API and the event page."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from launchwatch.api import event_context
from launchwatch.errors import SettingsError
from launchwatch.model import Report
from launchwatch.pipeline import Pipeline
from launchwatch.settings import load_settings
from launchwatch.store import Store

NO_CONFIG = "/nonexistent/launchwatch.toml"
# A launch on 20 March 2024, and a drill of a user's calendar that ended five days before.
LAUNCH = Report(
    source="window.txt", title="Missile launch", publisher="Test Wire",
    published=datetime(2024, 3, 20, 15, tzinfo=timezone(timedelta(hours=9))),
    text=("North Korea launched a ballistic missile toward the sea off its east coast on "
          "Wednesday, March 20, 2024, South Korea's Joint Chiefs of Staff said. The missile "
          "flew about 600 km."))
DRILL = "the spring drill"
CALENDAR = ("kind,name,start,end,zone,actors,place,source\n"
            f"exercise,{DRILL},2024-03-11,2024-03-15,,,South Korea,\n")


@pytest.fixture
def launch_and_drill(sqlite_url: str, tmp_path: Path, run_cli: Any,
                     monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The database's URL and the launch's event id."""
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", NO_CONFIG)
    monkeypatch.delenv("LAUNCHWATCH_CONTEXT_WINDOW_DAYS", raising=False)
    with Store.open(sqlite_url) as store:
        Pipeline(store).add(LAUNCH)
        [event] = store.events()
    calendar = tmp_path / "drills.csv"
    calendar.write_text(CALENDAR, encoding="utf-8")
    code, _, err = run_cli("context", "import", str(calendar), "--db", sqlite_url)
    assert code == 0, err
    return sqlite_url, event.id


def _drill_shown(context: list[dict[str, Any]]) -> bool:
    return any(item["event"]["name"] == DRILL for item in context)


def test_the_default_week_reaches_the_drill_and_three_days_do_not(
        launch_and_drill: tuple[str, str]) -> None:
    url, _ = launch_and_drill
    with Store.open(url) as store:
        [event] = store.events()
        texts = [c.text for c in event_context(store, event)]
        assert any(DRILL in text and "5 days after" in text for text in texts), texts
        assert not any(DRILL in c.text for c in event_context(store, event, window_days=3))


def test_events_show_follows_the_setting_from_the_environment(
        launch_and_drill: tuple[str, str], run_cli: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, event_id = launch_and_drill
    code, out, _ = run_cli("events", "show", event_id, "--db", url, "--json")
    assert code == 0 and _drill_shown(json.loads(out)["context"])
    monkeypatch.setenv("LAUNCHWATCH_CONTEXT_WINDOW_DAYS", "3")
    code, out, _ = run_cli("events", "show", event_id, "--db", url, "--json")
    assert code == 0 and not _drill_shown(json.loads(out)["context"])


def test_a_negative_window_is_refused_with_the_settings_name() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"context_window_days": -1}, environ={}, config_path=Path(NO_CONFIG))
    assert caught.value.field == "context_window_days"


@pytest.mark.parametrize("days, shown", [(7, True), (3, False)])
def test_the_api_and_the_event_page_follow_the_setting(
        launch_and_drill: tuple[str, str], days: int, shown: bool) -> None:
    # Starlette's own deprecation of httpx in its TestClient, as tests/web/conftest.py.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette")
        from starlette.testclient import TestClient
    from launchwatch.web import create_app

    url, event_id = launch_and_drill
    settings = load_settings({"database_url": url, "context_window_days": days}, environ={},
                             config_path=Path(NO_CONFIG))
    with TestClient(create_app(settings, warm_up=False)) as client:
        assert _drill_shown(client.get(f"/api/events/{event_id}/context").json()) is shown
        assert _drill_shown(client.get(f"/api/events/{event_id}").json()["context"]) is shown
        page = client.get(f"/events/{event_id}").text
        assert (DRILL in page) is shown
        assert ("within a week" if days == 7 else "within 3 days") in page.lower()
