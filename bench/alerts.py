"""From a report arriving to the webhook receiving its alert, through ``launchwatch watch``.

Usage: python bench/alerts.py [--trials 20] [--interval 0.5] [--feed-interval 1.0]
                              [--stand-in-assessor]

Two arrivals, each ``--trials`` times, each a new launch on its own day (so each is a new
event, and the "any new event" rule sends one webhook):

* **folder**: a report file written as ``NAME.txt.partial`` and renamed into a watched folder
  (looked at every ``--interval`` seconds; a new file is taken at the first look that finds it
  as the look before did, so it waits one to two intervals);
* **feed**: an entry added to an Atom feed served on 127.0.0.1 (fetched every
  ``--feed-interval`` seconds with If-None-Match).

The whole loop runs as the command does: :class:`launchwatch.alerts.watch.Watcher` in a
thread over a fresh SQLite file, the real extractor and assessor
(``--stand-in-assessor`` skips the physics, for a machine where it cannot run), and
:class:`launchwatch.alerts.dispatch.Dispatcher` with a :class:`WebhookNotifier` posting to a
receiver on the loopback address.  Latency is from the rename (or the entry's publication)
to the receiver's hand on the POST.  Printed: median and worst, and the mean share of each
stage: poll wait (arrival to the start of the cycle that took it), read, extract (with
storing), fuse, assess, dispatch (rules, the signed POST).  Target (issue 14): <= 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from launchwatch.alerts.channels.webhook import WebhookNotifier
from launchwatch.alerts.dispatch import Dispatcher
from launchwatch.alerts.sources import FeedSource, FolderSource
from launchwatch.alerts.watch import STAGES, Cycle, Watcher
from launchwatch.api import Store, StoredWatchState
from launchwatch.ingest import read_path
from launchwatch.ingest.feed import feed_reports
from launchwatch.model.alert import Rule
from launchwatch.pipeline import Pipeline

# The tests' helpers (a feed served on the loopback address, a stand-in assessment).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from alerts.feed_server import FeedServer  # noqa: E402

TARGET_S = 5.0
REPORT = ("North Korea fired a short-range ballistic missile from Sunan, Pyongyang, toward "
          "the East Sea on {day:%B} {day.day}, {day.year}, at 7:{minute:02d} a.m., South "
          "Korea's Joint Chiefs of Staff said.  The missile flew about {range_km} km and "
          "reached an apogee of about 50 km before falling outside Japan's exclusive economic "
          "zone, Japan's Ministry of Defense added.")


class Receiver:
    """A webhook receiver on 127.0.0.1 that notes when each POST arrived."""

    def __init__(self) -> None:
        self.arrived: list[float] = []
        self.changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(204)
                self.end_headers()
                with receiver.changed:
                    receiver.arrived.append(time.perf_counter())
                    receiver.changed.notify_all()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout_s: float = 60.0) -> float:
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.arrived) >= count, timeout_s):
                raise SystemExit(f"no webhook within {timeout_s:g} s (have {len(self.arrived)},"
                                 f" wanted {count})")
            return self.arrived[count - 1]


class StandInAssessor:
    """Skips the physics (``--stand-in-assessor``)."""

    method = "stand-in v1"

    def __init__(self) -> None:
        from fakes import skipped_assessment  # noqa: PLC0415 (the tests' helper, bench only)
        from launchwatch.assess.assessor import assessment_inputs, inputs_hash  # noqa: PLC0415
        self._skipped, self._inputs, self._hash = skipped_assessment, assessment_inputs, \
            inputs_hash

    def inputs_hash(self, event):  # type: ignore[no-untyped-def]
        return self._hash(self._inputs(event))

    def assess(self, event):  # type: ignore[no-untyped-def]
        return self._skipped(event, self.method)


def _report(number: int) -> str:
    day = date(2031, 1, 1) + timedelta(days=3 * number)  # a day of its own: a new event
    return REPORT.format(day=day, minute=number % 60, range_km=300 + number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--feed-interval", type=float, default=1.0)
    parser.add_argument("--stand-in-assessor", action="store_true")
    args = parser.parse_args()

    receiver = Receiver()
    with tempfile.TemporaryDirectory() as scratch, httpx.Client() as client, \
            FeedServer() as feed:
        inbox = Path(scratch) / "inbox"
        inbox.mkdir()
        store = Store.open(Path(scratch) / "bench.sqlite3", create=True)
        pipeline = Pipeline(store, assessor=StandInAssessor() if args.stand_in_assessor
                            else None)
        pipeline.extractor  # loaded before the first arrival, as the command does
        dispatcher = Dispatcher(store, [Rule(name="any-new", channels=["hook"], any_event=True)],
                                {"hook": WebhookNotifier("hook", receiver.url, "bench-secret")})
        feed.add("warm-up", "Launch warm-up", _report(999))
        watcher = Watcher([FolderSource(inbox, read_path, interval_s=args.interval),
                           FeedSource(feed.url, client, feed_reports,
                                      interval_s=args.feed_interval)],
                          pipeline, StoredWatchState(store.engine), dispatcher)
        cycles: list[tuple[float, Cycle]] = []
        stop = threading.Event()
        loop = threading.Thread(target=watcher.run, kwargs={
            "stop": stop, "on_cycle": lambda cycle: cycles.append((time.perf_counter(), cycle))})
        loop.start()
        receiver.wait_for(1)  # the warm-up entry: the assessor's first event loads its data
        results = {"folder": [], "feed": []}
        number = 0
        for kind in ("folder", "feed"):
            for _ in range(args.trials):
                number += 1
                expected = len(receiver.arrived) + 1
                if kind == "folder":
                    partial = inbox / f"report-{number}.txt.partial"
                    partial.write_text(_report(number), encoding="utf-8")
                    arrived = time.perf_counter()
                    partial.rename(inbox / f"report-{number}.txt")
                else:
                    arrived = time.perf_counter()
                    feed.add(str(number), f"Launch {number}", _report(number))
                received = receiver.wait_for(expected)
                results[kind].append(_trial(arrived, received, cycles))
        stop.set()
        loop.join()
        store.close()
    print(f"alerts: arrival -> webhook received, {args.trials} trials each; folders looked at "
          f"every {args.interval:g} s, the feed fetched every {args.feed_interval:g} s; "
          f"assessor: {'stand-in (no physics)' if args.stand_in_assessor else 'the real one'}")
    for kind, trials in results.items():
        totals = [total for total, _ in trials]
        shares = {stage: statistics.fmean(parts[stage] for _, parts in trials) /
                  statistics.fmean(totals) for stage in ("poll wait", *STAGES)}
        verdict = "meets" if max(totals) <= TARGET_S else "MISSES"
        print(f"  {kind:6} median {statistics.median(totals):.2f} s, worst {max(totals):.2f} s "
              f"({verdict} the {TARGET_S:g} s target)")
        print("         share: " + ", ".join(f"{stage} {share:.0%}"
                                             for stage, share in shares.items()))


def _trial(arrived: float, received: float,
           cycles: list[tuple[float, Cycle]]) -> tuple[float, dict[str, float]]:
    """The latency, and the time of each stage of the cycle that took the arrival (the one
    that ended first after the webhook came: it sends the webhook, then ends)."""
    deadline = time.perf_counter() + 5.0
    while not any(ended >= received for ended, _ in cycles) and time.perf_counter() < deadline:
        time.sleep(0.01)
    for ended, cycle in list(cycles):
        if ended >= received and cycle.reports:
            started = ended - sum(cycle.stage_s.values())
            parts = {"poll wait": max(0.0, started - arrived), **cycle.stage_s}
            return received - arrived, parts
    return received - arrived, {"poll wait": received - arrived, **dict.fromkeys(STAGES, 0.0)}


if __name__ == "__main__":
    main()
