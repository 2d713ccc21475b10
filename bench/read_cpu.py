"""CPU time per request of the web app's reads, in process: the figure that holds on a machine
shared with other work, where the wall-clock time of a load test does not.

Usage: python bench/read_cpu.py DB [--requests 40] [--profile NAME] [--uncached]

DB is a SQLite store (``bench/make_store.py`` makes one of 5,000 events).  The app is built
as ``launchwatch serve`` builds it and asked through Starlette's TestClient (no socket):
``--requests`` times each of the reads ``bench/load.py`` sends (the map's data, list pages,
the events page, an event's page and its API document, an extraction), after one request of
each to warm up.  It prints the CPU milliseconds per request (this process, every thread)
and the wall-clock milliseconds beside them.

Twice: once as a visitor meets the store between two writes (the answers a store that did
not change keeps, :mod:`launchwatch.web.read_cache`), and once with a write before every
request, as during an ingest (``--uncached``, or both by default).  ``--profile NAME`` runs
cProfile over the requests of the read of that name and prints the 25 costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sqlite3
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.settings import load_settings  # noqa: E402
from launchwatch.web import create_app  # noqa: E402

warnings.filterwarnings("ignore", message=r"Using `httpx` with `starlette\.testclient`")
from starlette.testclient import TestClient  # noqa: E402

SHORT_REPORT = ("SEOUL -- North Korea fired a short-range ballistic missile from the Sunan "
                "area of Pyongyang at 8:15 a.m. on Monday, South Korea's Joint Chiefs of Staff "
                "said. The missile flew about 600 km and reached an altitude of about 50 km.")


def reads(client: TestClient) -> dict[str, Callable[[], object]]:
    first = client.get("/api/events", params={"limit": 10}).json()["events"]
    event_id = first[0]["id"]
    return {
        "GET /api/map": lambda: client.get("/api/map"),
        "GET /api/map?class": lambda: client.get("/api/map", params={"class": "SRBM"}),
        "GET /api/events": lambda: client.get("/api/events"),
        "GET /api/events?class": lambda: client.get("/api/events", params={"class": "SRBM"}),
        "GET /api/events?year": lambda: client.get("/api/events",
                                                   params={"from": "2022", "to": "2022"}),
        "GET /events": lambda: client.get("/events"),
        "GET /events/{id}": lambda: client.get(f"/events/{event_id}"),
        "GET /api/events/{id}": lambda: client.get(f"/api/events/{event_id}"),
        "POST /api/extract": lambda: client.post("/api/extract", content=SHORT_REPORT,
                                                 headers={"Content-Type": "text/plain"}),
    }


def touch(db: Path) -> Callable[[], None]:
    """A write that changes nothing the reads show, committed by another connection: every
    answer kept from before it is stale."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS bench_touch (n INTEGER)")

    def write() -> None:
        connection.execute("INSERT INTO bench_touch VALUES (1)")

    return write


def measure(requests: dict[str, Callable[[], object]], n: int, before: Callable[[], None],
            profile: str | None) -> None:
    print(f"{'read':<24} {'CPU ms':>8} {'wall ms':>8}")
    for name, request in requests.items():
        answer = request()
        status = getattr(answer, "status_code", 0)
        if status != 200:
            sys.exit(f"{name} answered {status}: {getattr(answer, 'text', '')[:300]}")
        profiler = cProfile.Profile() if name == profile else None
        cpu_s = wall_s = 0.0
        for _ in range(n):
            before()
            cpu_0, wall_0 = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            request()
            if profiler:
                profiler.disable()
            cpu_s += time.process_time() - cpu_0
            wall_s += time.perf_counter() - wall_0
        print(f"{name:<24} {cpu_s / n * 1000:>8.2f} {wall_s / n * 1000:>8.2f}", flush=True)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a SQLite store (bench/make_store.py)")
    parser.add_argument("--requests", type=int, default=40, help="requests of each read")
    parser.add_argument("--profile", help="cProfile the read of this name (as printed)")
    parser.add_argument("--uncached", action="store_true",
                        help="only with a write before every request")
    args = parser.parse_args()
    if not args.db.is_file():
        sys.exit(f"no store at {args.db}; make one with python bench/make_store.py PATH")
    settings = load_settings({"database_url": f"sqlite:///{args.db.resolve()}"}, environ={},
                             config_path=Path("/nonexistent"))
    app = create_app(settings, warm_up=False)
    with TestClient(app) as client:
        requests = reads(client)
        if not args.uncached:
            print(f"\nthe store unchanged between requests ({args.requests} each)")
            measure(requests, args.requests, lambda: None, args.profile)
        print(f"\na write before every request ({args.requests} each)")
        measure(requests, args.requests, touch(args.db), args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
