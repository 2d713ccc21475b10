"""Kill an ingest at random points, run it again, and compare with an uninterrupted run.

Usage: python bench/kill_resume.py [--points 5] [--seed N]

The ingest is ``tests/test_kill_resume.py``'s: 200 report files in the throughput bench's
words, read by the real extractor in a process of its own (``tests/writer_process.py``), with
a fake assessor that takes its time over each event.  It runs once to the end; then, for each
of ``--points`` random points, a fresh store is ingested into, the process is killed with
SIGKILL at that point (a stage drawn among storing, fusing and assessing, and a moment
within it: after a random number of reports stored, or a random time into the fusion or the
assessment as long as the uninterrupted run's took), and the ingest is run again to the end.

Each line says where the kill found the store and whether the resumed store holds what the
uninterrupted one does: every report once, the same launches, events and members, every
event assessed.  Exit status 1 if any differs.  The test runs three such kills in one store;
this bench runs more points, each in a store of its own, and prints them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import test_kill_resume as run  # noqa: E402  (the test's ingest, kill and comparison)

STAGES = ("storing", "fusing", "assessing")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=5, help="kills, each in its own store")
    parser.add_argument("--seed", type=int, default=None, help="the random seed (printed)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)

    with tempfile.TemporaryDirectory(prefix="launchwatch-kill-") as folder_name:
        folder = Path(folder_name)
        reports = folder / "reports"
        run._write_reports(reports)

        whole = folder / "whole.sqlite3"
        started = time.monotonic()
        process = run._ingest(reports, whole)
        if not run._wait(process, whole, run._stored):
            sys.exit("the uninterrupted ingest ended before it stored every report")
        stored_at = time.monotonic()
        run._wait(process, whole, run._fused)
        fused_at = time.monotonic()
        run._finish(process)
        fusing_s, assessing_s = fused_at - stored_at, time.monotonic() - fused_at
        expected = run._contents(whole)
        print(f"uninterrupted: {expected['reports']} reports, {len(expected['events'])} events, "
              f"{len(expected['assessments'])} assessed, in {time.monotonic() - started:.1f} s "
              f"(fusing {fusing_s:.2f} s, assessing {assessing_s:.2f} s); seed {seed}")
        if expected["reports"] != run.REPORTS or expected["stale"]:
            sys.exit("the uninterrupted run did not store and assess everything; nothing to "
                     "compare with")

        failures = 0
        for point in range(1, args.points + 1):
            stage = rng.choice(STAGES)
            killed = folder / f"killed-{point}.sqlite3"
            if stage == "storing":
                stored = rng.randrange(1, run.REPORTS)
                at = f"after {stored} reports stored"
                where = run._kill(run._ingest(reports, killed), killed,
                                  lambda state, n=stored: state.reports >= n, 0)
            elif stage == "fusing":
                delay_s = rng.uniform(0, fusing_s)
                at = f"{delay_s:.2f} s into the fusion"
                where = run._kill(run._ingest(reports, killed), killed, run._stored, delay_s)
            else:
                delay_s = rng.uniform(0, assessing_s)
                at = f"{delay_s:.2f} s into the assessment"
                where = run._kill(run._ingest(reports, killed), killed, run._fused, delay_s)
            run._finish(run._ingest(reports, killed))
            got = run._contents(killed)
            differ = [key for key in ("reports", "report_hashes", "launches", "members",
                                      "events", "assessments", "stale")
                      if got[key] != expected[key]]
            once = len(got["report_hashes"]) == len(set(got["report_hashes"])) == run.REPORTS
            ok = not differ and once and not got["stale"]
            failures += not ok
            print(f"kill {point}: {stage}, {at}; the store then: {where}; after the rerun: "
                  f"{got['reports']} reports (each once: {once}), {len(got['events'])} events, "
                  f"{len(got['assessments'])} assessed, {len(got['stale'])} left to assess: "
                  + ("same as uninterrupted" if ok else f"DIFFERS in {', '.join(differ)}"),
                  flush=True)
    print(f"{args.points - failures} of {args.points} kills resumed to the uninterrupted store")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
