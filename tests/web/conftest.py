"""Fixtures for the web app: a database of the sample reports, app clients, a live server and
Debian's Chromium driven by Playwright.

* ``sample_db``: the URL of a fresh copy (per test) of a SQLite file holding the sample reports,
  ingested once per session.
* ``make_client(**settings)``: a TestClient over an app on ``sample_db`` with those settings.
* ``chromium_path``: the browser to drive; without one the test is skipped, unless
  ``LAUNCHWATCH_TEST_REQUIRE`` names ``browser`` (as in CI), in which case it fails.
* ``live_server``: the app served by Uvicorn on a free port, for the browser.
* ``page``: a Playwright page whose every request is recorded in ``page.requests``.
* ``hostile_event``: the id of an event added to ``sample_db`` whose site name is markup and
  whose report's address is a ``javascript:`` URL, as a text file or JSON Lines line may
  carry them.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from launchwatch.pipeline import Pipeline
from launchwatch.settings import load_settings
from launchwatch.store import Store

# The suite's root conftest (tests/conftest.py, importable as ``conftest``) owns the rule
# for features a run requires.
from conftest import skip_unless_required  # noqa: E402

# Starlette's TestClient warns that it will move from httpx to the httpx2 package; that is
# Starlette's own deprecation, not ours.  Only this message is ignored.
from starlette.exceptions import StarletteDeprecationWarning  # noqa: E402

warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient` is "
                        r"deprecated", category=StarletteDeprecationWarning)
from starlette.testclient import TestClient  # noqa: E402

from launchwatch.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "reports"
CHROMIUM_ENV = "LAUNCHWATCH_TEST_CHROMIUM"
TOKEN = "test-token-0123456789"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--disable-domain-reliability", "--metrics-recording-only"]


def settings_for(db_url: str, **overrides: Any) -> Any:
    """Settings from nothing but ``overrides``: no config file, no environment.  Reports are
    extracted in the server's threads, where a test can replace the extractor, unless a test
    asks for worker processes."""
    return load_settings({"database_url": db_url, "web_extraction_processes": 0,
                          **overrides}, environ={},
                         config_path=Path("/nonexistent/launchwatch.toml"))


@pytest.fixture(scope="session")
def _sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-samples") / "samples.sqlite3"
    with Store.open(f"sqlite:///{path}") as store:
        pipeline = Pipeline(store)
        summary = pipeline.ingest([SAMPLES])
        pipeline.refresh()
    assert summary.failed == 0, summary.failures
    return path


@pytest.fixture
def sample_db(_sample_file: Path, tmp_path: Path) -> str:
    """A copy of the sample database of this test's own, so writes stay in the test."""
    copy = tmp_path / "samples.sqlite3"
    shutil.copyfile(_sample_file, copy)
    return f"sqlite:///{copy}"


# A site name as a report's text could carry it, and an address a file's header could.
HOSTILE_SITE = "<b>Sunan</b><img src=x onerror=\"document.title='pwned'\">"
HOSTILE_URL = "javascript:alert(1)"
# Somewhere in North Korea that no sample names, so the site is a place of its own.
HOSTILE_POINT_DEG = (40.4, 127.4)


@pytest.fixture
def hostile_event(sample_db: str) -> str:
    """Stored as ``launchwatch ingest`` would store such a report: the extractor's launch, its
    site renamed to :data:`HOSTILE_SITE` and placed at :data:`HOSTILE_POINT_DEG`."""
    from datetime import datetime, timedelta, timezone

    from launchwatch.model import Report

    report = Report(source="hostile.txt", title="Hostile report", publisher="Test Wire",
                    url=HOSTILE_URL, text=(
                        "North Korea fired a short-range ballistic missile from the Sunan "
                        "area of Pyongyang at 8:15 a.m. on 10 March 2025, South Korea's Joint "
                        "Chiefs of Staff said. The missile flew about 500 km and reached an "
                        "altitude of about 600 km."),
                    published=datetime(2025, 3, 10, 10, tzinfo=timezone(timedelta(hours=9))))
    with Store.open(sample_db) as store:
        pipeline = Pipeline(store)
        extraction = pipeline.extractor(report)
        lat_deg, lon_deg = HOSTILE_POINT_DEG
        launch = extraction.launches[0].model_copy(update={
            "launch_site": HOSTILE_SITE, "launch_lat": lat_deg, "launch_lon": lon_deg})
        added = pipeline.add(report, extraction.model_copy(update={"launches": [launch]}))
    [event_id] = added.events
    return event_id


@pytest.fixture
def make_client(sample_db: str) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(*, db_url: str | None = None, allow_local_writes: bool = False,
             client: tuple[str, int] = ("127.0.0.1", 50000), **overrides: Any) -> TestClient:
        app = create_app(settings_for(db_url or sample_db, **overrides),
                         allow_local_writes=allow_local_writes, warm_up=False)
        test_client = TestClient(app, client=client, follow_redirects=False)
        test_client.__enter__()
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """Reads open, writes with :data:`TOKEN`."""
    return make_client(api_token=TOKEN)


# -- the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        skip_unless_required("browser", f"no Chromium at {path}; install Debian's chromium "
                             f"(apt-get install chromium) or set {CHROMIUM_ENV}")
    return path


class LiveServer:
    def __init__(self, app: Any) -> None:
        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(sample_db: str) -> Iterator[LiveServer]:
    app = create_app(settings_for(sample_db, api_token=TOKEN), warm_up=False)
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A page on a fresh context; ``page.requests`` lists every URL it asked for and
    ``page.errors`` every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  base_url=live_server.url)
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: tab.errors.append(message.text)
           if message.type == "error" else None)
    yield tab
    context.close()
