"""Time the web app with 10,000 events in SQLite: the event list API and the map page.

Usage: python bench/web.py [--events 10000] [--db PATH] [--requests 400] [--loads 5]
                           [--chromium /usr/bin/chromium]

The store: the 339 CNS flight tests (``../shared/data``, read here, never copied into the
project) spread over ``--events`` distinct days from 1984 to 2026, one launch a day, written
as a CNS CSV file and imported with :meth:`launchwatch.pipeline.Pipeline.import_cns` like any
CNS file, so they become as many fused events.  A few dozen events are assessed by the real assessor and
their assessments are copied to the others of the same class (documents of real size without
hours of Monte Carlo).  ``--db`` keeps the store for the next run (it is reused when it
already holds the events).

Then the app is served by Uvicorn on a free port (the way ``launchwatch serve`` runs it) and:

1. ``GET /api/events`` is asked ``--requests`` times over HTTP, a mix of the first page, deep
   pages, and filtered pages (country, class, a year), 100 events a page; its p50, p95 and
   max are printed.  Target (issue 6): p95 <= 50 ms.
2. The map page is loaded ``--loads`` times in headless Chromium, each in a fresh browser
   context (empty cache) and then once more in the same context (warm cache); the time from
   navigation start to ``<html data-map-ready>`` (outlines, markers, list, timeline and the
   first event's rings drawn) is printed.  Target: <= 2 s.

Exits 1 if a target is missed.  The machine's load is printed alongside: on a shared machine,
run it more than once.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.exchange import COLUMNS  # noqa: E402
from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.settings import load_settings  # noqa: E402
from launchwatch.store import Store  # noqa: E402

from app_server import AppServer  # noqa: E402

TARGET_LIST_P95_MS = 50.0
TARGET_MAP_READY_S = 2.0
CNS_DATA = ROOT.parent / "shared" / "data"
TEMPLATES_ASSESSED = 40
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


# -- the store --------------------------------------------------------------------------------

def cns_tests() -> list[dict[str, str]]:
    """The CNS flight tests as CSV cells (facility and missile names resolved)."""
    try:
        tests = json.loads((CNS_DATA / "cns-nk-missile-tests.json").read_text())
        facilities = json.loads((CNS_DATA / "cns-nk-facilities.json").read_text())["facilities"]
        missiles = json.loads((CNS_DATA / "cns-nk-missiles.json").read_text())
    except OSError as exc:
        sys.exit(f"the CNS data are not at {CNS_DATA} ({exc.strerror}); this benchmark reads "
                 "../shared/data")
    rows = []
    for test in (row for time_bin in tests["timeBins"] for row in time_bin["data"]):
        facility = facilities.get(test["facility"], {})
        missile = missiles.get(test["missile"], {})
        clock = str(test["time"]).split(" ")[0]
        rows.append({
            "Launch Time (UTC)": clock if ":" in clock else "Unknown",
            "Missile Name": missile.get("name", "Unknown"),
            "Missile Type": missile.get("type", "Unknown"),
            "Facility Name": facility.get("name", "Unknown"),
            "Facility Latitude": str(facility.get("lat", "Unknown")),
            "Facility Longitude": str(facility.get("lon", "Unknown")),
            "Landing Location": str(test["landing"]).replace("-", " ").title(),
            "Apogee": _km(test["apogee"]),
            "Distance Travelled": _km(test["distance"]),
            "Test Outcome": str(test["outcome"]).title(),
        })
    return rows


def _km(value: object) -> str:
    text = str(value)
    return f"{text} km" if text.replace(".", "").isdigit() else "Unknown"


def build_store(path: Path, n_events: int) -> None:
    """A CNS CSV of one launch a day on ``n_events`` days, imported, then assessed."""
    rng = random.Random(6)
    first, last = date(1984, 1, 1), date(2026, 10, 31)
    span = (last - first).days
    if n_events > span:
        sys.exit(f"--events may be at most {span} (one launch a day, 1984 to 2026)")
    days = sorted(first + timedelta(days=d) for d in rng.sample(range(span), n_events))
    tests = cns_tests()
    with tempfile.TemporaryDirectory(prefix="launchwatch-bench-") as folder:
        csv_path = Path(folder) / "cns.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
            writer.writeheader()
            for f1, day in enumerate(days, start=1):
                cells = dict.fromkeys(COLUMNS, "Unknown")
                cells.update(rng.choice(tests), F1=str(f1), Date=day.isoformat())
                writer.writerow(cells)
        started = time.perf_counter()
        with Store.open(f"sqlite:///{path}") as store:
            summary = Pipeline(store).import_cns(csv_path, assess=False)
            print(f"imported {summary.launches:,} launches into {len(summary.events):,} events "
                  f"in {time.perf_counter() - started:.0f} s", flush=True)
            assess_by_template(store, rng)


def assess_by_template(store: Store, rng: random.Random) -> None:
    """Assess a few events of each class for real; copy those assessments to the others."""
    from launchwatch.store import EventRow

    started = time.perf_counter()
    with store.session() as session:
        rows = session.query(EventRow.id, EventRow.missile_class, EventRow.inputs_hash).all()
    by_class: dict[str | None, list[str]] = {}
    inputs = {}
    for event_id, missile_class, inputs_hash in rows:
        by_class.setdefault(missile_class, []).append(event_id)
        inputs[event_id] = inputs_hash
    templates: dict[str | None, list] = {}
    per_class = max(1, TEMPLATES_ASSESSED // max(1, len(by_class)))
    for missile_class, ids in by_class.items():
        chosen = rng.sample(ids, min(per_class, len(ids)))
        Pipeline(store).assess(ids=chosen)
        templates[missile_class] = [store.assessment(i) for i in chosen]
    done = sum(len(t) for t in templates.values())
    for missile_class, ids in by_class.items():
        for event_id in ids:
            template = rng.choice(templates[missile_class])
            if template.event_id != event_id:
                # The event's own inputs hash: the copy counts as current, so nothing
                # re-assesses it.
                store.save_assessment(template.model_copy(
                    update={"event_id": event_id, "inputs_hash": inputs[event_id]}))
    print(f"assessed {done} events, copied to {len(rows) - done:,} more in "
          f"{time.perf_counter() - started:.0f} s", flush=True)


def events_in(path: Path) -> int:
    if not path.is_file():
        return 0
    with Store.open(f"sqlite:///{path}") as store:
        return store.count_events()


# -- the server -------------------------------------------------------------------------------

def serve(db: Path) -> AppServer:
    """The app over the store ``db``, as ``launchwatch serve`` runs it (``server.app`` is it)."""
    from launchwatch.web import create_app

    settings = load_settings({"database_url": f"sqlite:///{db}"}, environ={},
                             config_path=Path("/nonexistent"))
    return AppServer(create_app(settings))


# -- the measurements -------------------------------------------------------------------------

def list_requests(n: int, total: int, facets: dict,
                  rng: random.Random) -> list[tuple[str, dict]]:
    """A mix of the pages people ask for, each with its kind."""
    mix = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            mix.append(("first page", {}))
        elif kind == 1:
            mix.append(("deep page", {"offset": rng.randrange(0, max(1, total - 100))}))
        elif kind == 2:
            mix.append(("class", {"class": rng.choice(facets["missile_classes"])}))
        elif kind == 3:
            year = rng.choice(facets["years"])
            mix.append(("year", {"from": str(year), "to": str(year)}))
        else:
            mix.append(("country, page", {"country": rng.choice(facets["countries"]),
                                          "offset": rng.randrange(0, 2000)}))
    return mix


def time_list_api(base: str, n: int) -> list[tuple[str, float]]:
    import httpx

    rng = random.Random(1)
    with httpx.Client(base_url=base, timeout=30) as client:
        facets = client.get("/api/facets").json()
        total = client.get("/api/events", params={"limit": 1}).json()["total"]
        for _ in range(20):  # warm the connection and SQLite's page cache
            client.get("/api/events", params={"limit": 100})
        timings = []
        for kind, params in list_requests(n, total, facets, rng):
            started = time.perf_counter()
            response = client.get("/api/events", params={"limit": 100, **params})
            timings.append((kind, (time.perf_counter() - started) * 1000))
            response.raise_for_status()
    return timings


def time_map_page(base: str, loads: int, chromium: str) -> tuple[list[float], list[float], int]:
    """Seconds from navigation start to ready, cold (fresh context) and warm (reloaded)."""
    from playwright.sync_api import sync_playwright

    cold, warm = [], []
    markers = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                away = []
                page.on("request", lambda r: away.append(r.url)
                        if not r.url.startswith(base) else None)
                for times in (cold, warm):
                    page.goto(base + "/", wait_until="commit")
                    page.wait_for_selector("html[data-map-ready]", state="attached",
                                           timeout=60_000)
                    times.append(float(page.evaluate(
                        "() => document.documentElement.dataset.mapReadyMs")) / 1000)
                markers = int(page.locator("#map").get_attribute("data-events"))
                context.close()
                if away:
                    sys.exit(f"the map page asked for something outside the server: {away}")
        finally:
            browser.close()
    return cold, warm, markers


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="keep the store here and reuse it next time")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--chromium", default=os.environ.get("LAUNCHWATCH_TEST_CHROMIUM")
                        or shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()

    folder = None
    db = args.db
    if db is None:
        folder = tempfile.TemporaryDirectory(prefix="launchwatch-bench-web-")
        db = Path(folder.name) / "events.sqlite3"
    if events_in(db) != args.events:
        if db.exists():
            db.unlink()
        build_store(db, args.events)
    print(f"store: {events_in(db):,} events in {db} "
          f"({db.stat().st_size / 1e6:.0f} MB); load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores",
          flush=True)

    with serve(db) as server:
        # The app builds the country outlines, the opening event's geometry and the extractor
        # at start-up, in the background: measure the server it is once that is done.
        started = time.perf_counter()
        server.app.state.warmed.wait(300)
        print(f"server warmed up {time.perf_counter() - started:.1f} s after start-up",
              flush=True)

        timings = time_list_api(server.url, args.requests)
        all_ms = [ms for _, ms in timings]
        p50, p95 = statistics.median(all_ms), percentile(all_ms, 95)
        print(f"GET /api/events (100 a page, {len(all_ms)} requests): p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms, max {max(all_ms):.1f} ms  [target p95 <= "
              f"{TARGET_LIST_P95_MS:.0f} ms]", flush=True)
        kinds = sorted({kind for kind, _ in timings})
        print("  by request: " + "; ".join(
            f"{kind} p50 {statistics.median(ms):.1f} / p95 {percentile(ms, 95):.1f} ms"
            for kind in kinds for ms in [[t for k, t in timings if k == kind]]), flush=True)

        if not Path(args.chromium).is_file():
            sys.exit(f"no Chromium at {args.chromium}; install Debian's chromium")
        cold, warm, markers = time_map_page(server.url, args.loads, args.chromium)
        print(f"map page ready ({markers:,} events on the map), {len(cold)} loads: "
              f"empty cache median {statistics.median(cold):.2f} s, max {max(cold):.2f} s; "
              f"warm cache median {statistics.median(warm):.2f} s, max {max(warm):.2f} s  "
              f"[target <= {TARGET_MAP_READY_S:.0f} s]", flush=True)

    if folder is not None:
        folder.cleanup()
    if p95 > TARGET_LIST_P95_MS or max(cold) > TARGET_MAP_READY_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
