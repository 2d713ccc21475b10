"""Load-test the web app on loopback with locust: concurrent readers, optionally one writer.

Usage: python bench/load.py [--users 32] [--seconds 30] [--db PATH_OR_URL]
                            [--writes | --adversarial]

The server is ``launchwatch serve`` in a process of its own, on 127.0.0.1 and a free port,
over a SQLite store of the sample reports (``samples/reports``, ingested into a temporary
file first) or over ``--db`` (for instance the 5,000-event store ``bench/make_store.py`` makes, the one
issue 12's targets are for).
Nothing but loopback is touched.

Locust runs as a library in this process: ``--users`` clients, each sending its next request
as soon as the last is answered (no think time), for ``--seconds`` after all have started.
Each picks, by weight, one of the reads a visitor's browser and an API client make:

* ``GET /api/map`` (the map's places and months), weight 3;
* ``GET /api/events`` (the first page, or one filtered by class or year), weight 4;
* ``GET /events/{id}`` (an event's page, HTML), weight 3;
* ``POST /api/extract`` with a short report (a few hundred bytes), weight 1.

With ``--writes`` one more client posts a new report to ``/api/reports`` (with the API token)
every half second, so reads are measured while the store is written.  With ``--adversarial``
one more client posts a 2 MB report built to be slow to extract (the shapes issue 12 found:
a phrase repeated thousands of times, long runs of ``(`` and ``%``) to ``/api/extract``, again
as soon as it is answered, so reads are measured while the server extracts it; the server
accepts reports of that size for this run (``LAUNCHWATCH_MAX_UPLOAD_BYTES``).

It prints requests per second, the median, p95 and p99 latency and the failures, in all and
per request, the reads alone apart from the writer's or the adversary's requests, the CPU each
side used (client, server and the server's extraction worker processes share this machine, so
the client's share is time the server did not have), the load average at the start and the
end (other work on the machine shows there), and which event loop and HTTP parser the server
runs on (uvloop and httptools when installed).  Issue 12's targets (32 clients, 5,000 events): reads
alone >= 300 requests/s with p99 <= 250 ms; with a writer p99 <= 400 ms and no failures;
while the 2 MB report is extracted, reads p99 <= 400 ms.  Exit status 1 if a run misses them,
so that the figures are read, not assumed.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "reports"
TOKEN = "load-test-token-0123456789"
TARGET_RPS = 300.0
TARGET_P99_MS = 250.0
TARGET_WRITES_P99_MS = 400.0
TARGET_ADVERSARIAL_P99_MS = 400.0
ADVERSARIAL_BYTES = 2_000_000

SHORT_REPORT = ("Title: North Korea fires ballistic missile\nPublisher: Test Wire\n"
                "Published: 2025-03-10T09:30+09:00\n\n"
                "SEOUL -- North Korea fired a short-range ballistic missile from the Sunan area "
                "of Pyongyang at 8:15 a.m. on Monday, South Korea's Joint Chiefs of Staff said. "
                "The missile flew about 600 km and reached an altitude of about 50 km.")


def adversarial_report() -> bytes:
    """About :data:`ADVERSARIAL_BYTES` of text in the shapes that made extraction slow
    (issue 12, finding 2): a clause repeated before its verb's object, and long runs of
    brackets and percent signs, in paragraphs."""
    paragraph = ("North Korea fired " * 400 + "a ballistic missile from Sunan. "
                 + "(" * 2000 + " " + "%" * 2000 + "\n\n")
    return (paragraph * (ADVERSARIAL_BYTES // len(paragraph) + 1))[:ADVERSARIAL_BYTES].encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="how long to measure, after every client has started")
    parser.add_argument("--db", help="serve this store (a SQLite path or a database URL) "
                        "instead of one of the sample reports")
    background = parser.add_mutually_exclusive_group()
    background.add_argument("--writes", action="store_true",
                            help="one more client posts a new report every 0.5 s meanwhile")
    background.add_argument("--adversarial", action="store_true",
                            help="one more client has a 2 MB slow report extracted meanwhile")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="launchwatch-load-") as folder:
        db_url = _store(args.db, Path(folder))
        port = _free_port()
        server = _serve(db_url, port, Path(folder),
                        max_upload_bytes=2 * ADVERSARIAL_BYTES if args.adversarial else None)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_ready(base_url, server)
            event_ids = _event_ids(base_url)
            _wait_until_idle(server.pid)
            print(f"store: {db_url} ({len(event_ids)} events listed first); server pid "
                  f"{server.pid} on {base_url} ({_server_stack(server.pid)}); "
                  f"{os.cpu_count()} CPUs", flush=True)
            return _run(base_url, event_ids, server.pid, args)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


# -- the server ---------------------------------------------------------------------------

def _launchwatch() -> str:
    return str(Path(sys.executable).parent / "launchwatch")


def _store(db: str | None, folder: Path) -> str:
    if db:
        return db if "://" in db else f"sqlite:///{Path(db).resolve()}"
    url = f"sqlite:///{folder / 'samples.sqlite3'}"
    started = time.perf_counter()
    ingest = subprocess.run([_launchwatch(), "ingest", str(SAMPLES), "--db", url],
                            cwd=folder, stdout=subprocess.DEVNULL, env=_environ(folder))
    if ingest.returncode != 0:
        raise SystemExit(f"launchwatch ingest {SAMPLES} failed (exit status "
                         f"{ingest.returncode}, its errors above); nothing to serve")
    print(f"ingested {SAMPLES.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
    return url


def _environ(folder: Path) -> dict[str, str]:
    """The environment without the caller's launchwatch settings, and no config file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAUNCHWATCH_")}
    env["LAUNCHWATCH_CONFIG"] = str(folder / "none.toml")
    env["LAUNCHWATCH_API_TOKEN"] = TOKEN
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db_url: str, port: int, folder: Path,
           max_upload_bytes: int | None) -> subprocess.Popen[bytes]:
    env = _environ(folder)
    if max_upload_bytes:
        env["LAUNCHWATCH_MAX_UPLOAD_BYTES"] = str(max_upload_bytes)
    return subprocess.Popen([_launchwatch(), "serve", "--db", db_url, "--host", "127.0.0.1",
                             "--port", str(port)], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_until_ready(base_url: str, server: subprocess.Popen[bytes]) -> None:
    """Until the map's data answers (the server warms up its caches in the background)."""
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(f"{base_url}/api/map", timeout=5) as answer:
                if answer.status == 200:
                    # One extraction, so the extractor is loaded before the clock starts.
                    request = urllib.request.Request(
                        f"{base_url}/api/extract", data=SHORT_REPORT.encode(),
                        headers={"Content-Type": "text/plain"})
                    with urllib.request.urlopen(request, timeout=60):
                        return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 120 s")


def _wait_until_idle(pid: int, *, limit_s: float = 300.0) -> None:
    """Until the server and its worker processes use under a tenth of a CPU for a second:
    its start-up work in the background (the extraction workers loading the extractor, which
    takes seconds each on a busy machine) done, so that it is not measured."""
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        before = _cpu_seconds(pid) + sum(_children_cpu_seconds(pid).values())
        time.sleep(1.0)
        if _cpu_seconds(pid) + sum(_children_cpu_seconds(pid).values()) - before < 0.1:
            print(f"the server was idle {time.monotonic() - started:.0f} s after it first "
                  "answered", flush=True)
            return
    print(f"the server was still busy {limit_s:.0f} s after it first answered; measuring "
          "anyway", flush=True)


def _event_ids(base_url: str) -> list[str]:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/api/events?limit=200", timeout=30) as answer:
        ids = [event["id"] for event in json.load(answer)["events"]]
    if not ids:
        raise SystemExit("the store holds no event; give --db a store with events")
    return ids


def _cpu_seconds(pid: int) -> float:
    import psutil  # a dependency of locust

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def _children_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds of each live child of ``pid``: the server's extraction worker processes."""
    import psutil

    seconds = {}
    for child in psutil.Process(pid).children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[child.pid] = times.user + times.system
    return seconds


def _server_stack(pid: int) -> str:
    """Which event loop and HTTP parser the server's uvicorn runs on, from the compiled
    modules its process has loaded (Linux's /proc): uvicorn picks uvloop and httptools by
    itself when they are installed, and the pure-Python ones otherwise."""
    try:
        loaded = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return "event loop and HTTP parser unknown (no /proc)"
    loop = "uvloop" if "/uvloop/" in loaded else "asyncio"
    parser = "httptools" if "/httptools/" in loaded else "h11"
    return f"event loop {loop}, HTTP parser {parser}"


# -- the load ---------------------------------------------------------------------------------

# The requests of the writer and the adversary: the reads are the others.
ADVERSARY = "POST /api/extract (2 MB)"
BACKGROUND = {"POST /api/reports", ADVERSARY}


def _figures(entry: Any) -> tuple[int, int, float, float, float]:
    """Requests, failures, and the median, p95 and p99 in ms of a locust stats entry."""
    return (entry.num_requests, entry.num_failures,
            *(entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99)))


def _run(base_url: str, event_ids: list[str], server_pid: int, args: argparse.Namespace) -> int:
    # Imported here: locust patches the standard library for gevent when it is imported, and
    # the store and server above are set up with the plain one.
    import gevent
    from locust import HttpUser, between, constant, task
    from locust.env import Environment
    from locust.stats import StatsEntry

    class Reader(HttpUser):
        host = base_url
        wait_time = constant(0)

        @task(3)
        def map_data(self) -> None:
            self.client.get("/api/map", name="GET /api/map")

        @task(4)
        def events_list(self) -> None:
            params = random.choice([{}, {"class": "SRBM"}, {"from": "2022", "to": "2022"}])
            self.client.get("/api/events", params=params, name="GET /api/events")

        @task(3)
        def event_page(self) -> None:
            self.client.get(f"/events/{random.choice(event_ids)}", name="GET /events/{id}")

        @task(1)
        def extract(self) -> None:
            self.client.post("/api/extract", data=SHORT_REPORT.encode(),
                             headers={"Content-Type": "text/plain"},
                             name="POST /api/extract")

    numbers = count(1)

    class Writer(HttpUser):
        host = base_url
        wait_time = between(0.4, 0.6)
        fixed_count = 1

        @task
        def post_report(self) -> None:
            text = SHORT_REPORT.replace("600 km", f"{600 + next(numbers) % 400} km").replace(
                "2025-03-10", f"2025-0{random.randint(1, 9)}-1{random.randint(0, 9)}")
            self.client.post("/api/reports", data=text.encode(), name="POST /api/reports",
                             headers={"Content-Type": "text/plain",
                                      "Authorization": f"Bearer {TOKEN}"})

    slow_report = adversarial_report()

    class Adversary(HttpUser):
        host = base_url
        wait_time = constant(0)
        fixed_count = 1

        @task
        def post_slow_report(self) -> None:
            # Whatever the server answers (the extraction, or a refusal of a report over its
            # budget) is its answer to this client; the reads are what is measured.
            with self.client.post("/api/extract", data=slow_report, timeout=600,
                                  headers={"Content-Type": "text/plain"},
                                  name=ADVERSARY, catch_response=True) as answer:
                self.answers.append((answer.status_code, answer.elapsed.total_seconds()))
                answer.success()

        answers: list[tuple[int, float]] = []

    users: list[type] = [Reader]
    if args.writes:
        users.append(Writer)
    if args.adversarial:
        users.append(Adversary)
    env = Environment(user_classes=users)
    runner = env.create_local_runner()
    total_users = args.users + (1 if args.writes or args.adversarial else 0)
    runner.start(total_users, spawn_rate=max(total_users, 1))
    while runner.user_count < total_users:
        gevent.sleep(0.05)
    gevent.sleep(1.0)  # every client past its first request: measure from here
    env.stats.reset_all()
    load_average_0 = os.getloadavg()[0]
    client_cpu_0 = _cpu_seconds(os.getpid())
    server_cpu_0 = _cpu_seconds(server_pid)
    workers_cpu_0 = _children_cpu_seconds(server_pid)
    started = time.monotonic()
    gevent.sleep(args.seconds)
    elapsed_s = time.monotonic() - started
    client_cpu_s = _cpu_seconds(os.getpid()) - client_cpu_0
    server_cpu_s = _cpu_seconds(server_pid) - server_cpu_0
    # Workers started during the run count from 0.
    workers_cpu_s = sum(seconds - workers_cpu_0.get(pid, 0.0)
                        for pid, seconds in _children_cpu_seconds(server_pid).items())
    snapshot = {name: _figures(entry) for (name, _), entry in sorted(env.stats.entries.items())}
    overall = _figures(env.stats.total)
    reads = StatsEntry(env.stats, "reads", "")
    for (name, _), entry in env.stats.entries.items():
        if name not in BACKGROUND:
            reads.extend(entry)
    read_figures = _figures(reads)
    errors = [(error.name, error.error, error.occurrences)
              for error in env.stats.errors.values()]
    runner.quit()

    mode = ("reads and one writer" if args.writes else
            "reads while a 2 MB report is extracted" if args.adversarial else "reads alone")
    print(f"\n{args.users} clients, {mode}, {elapsed_s:.1f} s measured")
    print(f"{'request':<26} {'count':>7} {'req/s':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'p99 ms':>7}")
    for name, (requests, failures, p50, p95, p99) in [*snapshot.items(), ("all", overall),
                                                      ("reads", read_figures)]:
        print(f"{name:<26} {requests:>7} {requests / elapsed_s:>7.1f} {failures:>5} "
              f"{p50:>7.0f} {p95:>7.0f} {p99:>7.0f}")
    for name, error, occurrences in errors:
        print(f"failure: {name}: {error} (x{occurrences})")
    cpus = os.cpu_count() or 1
    print(f"CPU over the run: client {client_cpu_s:.1f} s ({client_cpu_s / elapsed_s / cpus:.0%} "
          f"of the machine), server {server_cpu_s:.1f} s "
          f"({server_cpu_s / elapsed_s / cpus:.0%}), its extraction workers "
          f"{workers_cpu_s:.1f} s ({workers_cpu_s / elapsed_s / cpus:.0%}); load average "
          f"{load_average_0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (other "
          "work on the machine counts in it)")

    if args.adversarial:
        print("the 2 MB report's answers (status, s): "
              + (", ".join(f"{status} in {s:.1f}" for status, s in Adversary.answers)
                 or "none within the run"))

    requests, failures, _, _, p99 = overall
    rps = requests / elapsed_s
    if args.writes:
        met = p99 <= TARGET_WRITES_P99_MS and failures == 0
        target = f"p99 <= {TARGET_WRITES_P99_MS:.0f} ms, 0 failures"
    elif args.adversarial:
        # The issue asks only that reads keep their p99 here; short extractions that find
        # both workers busy with the 2 MB report are answered 503 with Retry-After, the
        # bounded queue the same issue asks for, and are counted above, not hidden.
        requests, failures, _, _, p99 = read_figures
        met = p99 <= TARGET_ADVERSARIAL_P99_MS
        target = (f"reads p99 <= {TARGET_ADVERSARIAL_P99_MS:.0f} ms ({failures} busy answers "
                  "among them)")
    else:
        met = rps >= TARGET_RPS and p99 <= TARGET_P99_MS and failures == 0
        target = f">= {TARGET_RPS:.0f} req/s, p99 <= {TARGET_P99_MS:.0f} ms, 0 failures"
    print(f"issue 12's target ({mode}, 32 clients, 5,000 events): {target}: "
          f"{'met' if met else 'missed'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
