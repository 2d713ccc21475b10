"""Time ingesting 10,000 distinct reports into a fresh SQLite file, then the same 10,000 again.

Usage: python bench/ingest.py [--reports 10000] [--extractor real|null] [--workers N] [--events]
                              [--runs 1]

The reports are the project's samples (samples/) with their figures and dates varied, written
to one JSONL file in a temporary folder.  The first pass reads, extracts and stores them all;
the second finds every one a duplicate.  Targets (issue 2): first pass <= 60 s, duplicates
pass <= 10 s.  ``--extractor null`` stores reports with no launches, timing reading and
storing alone.  With one worker the extractor is loaded and warmed on one report before the
clock starts; with more (default: one per CPU core, as ``launchwatch ingest`` does for a batch
this large) the workers' start-up is inside the time.

Issue 2's targets are for reading, extracting and storing; fusing the new launches into events
and assessing those (which ``launchwatch ingest`` also does) are left out unless ``--events``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.ingest import IngestSummary, cpu_count, read_path  # noqa: E402
from launchwatch.model import Extraction, Report  # noqa: E402
from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.store import Store  # noqa: E402

TARGET_FIRST_S = 60.0
TARGET_DUPLICATES_S = 10.0
SAMPLES = [ROOT / "samples" / name for name in ("reports", "reports.jsonl", "feeds", "html")]

# Figures worth varying: a number followed by a unit of distance, height or time, and clock
# times ("7:10 a.m.").
_FIGURE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?= ?(?:km|kilomet|miles?|minutes?|"
                     r"seconds?|metres?|meters?)\b)")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")


def templates() -> list[Report]:
    reports = [item for path in SAMPLES for item in read_path(path) if isinstance(item, Report)]
    if not reports:
        sys.exit(f"no sample reports found under {ROOT / 'samples'}")
    return reports


def varied(template: Report, rng: random.Random) -> dict[str, object]:
    """One JSONL record: the template with its figures moved by up to 15 % and its date moved."""
    def move(match: re.Match[str]) -> str:
        value = int(match[1].replace(",", ""))
        moved = max(1, round(value * rng.uniform(0.85, 1.15)))
        return f"{moved:,}" if "," in match[1] else str(moved)

    def move_clock(match: re.Match[str]) -> str:
        return f"{match[1]}:{rng.randint(0, 59):02d}"

    text = _CLOCK.sub(move_clock, _FIGURE.sub(move, template.text))
    record: dict[str, object] = {"text": text,
                                 "title": template.title, "publisher": template.publisher,
                                 "url": template.url}
    if template.published is not None:
        record["published"] = (template.published
                               + timedelta(days=rng.randint(-900, 900))).isoformat()
    return record


def write_reports(path: Path, count: int, seed: int = 2) -> None:
    """``count`` reports with distinct content hashes, one JSON object per line."""
    rng = random.Random(seed)
    bases = templates()
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as out:
        written = drawn = 0
        while written < count:
            if drawn > 20 * count:
                sys.exit(f"the samples vary into only {written} distinct reports")
            record = varied(bases[drawn % len(bases)], rng)
            drawn += 1
            report = Report(source="-", text=str(record["text"]),
                            title=record["title"])  # type: ignore[arg-type]
            if report.content_hash in seen:
                continue  # this variation came up before; draw another
            seen.add(report.content_hash)
            out.write(json.dumps(record) + "\n")
            written += 1


def null_extractor(report: Report) -> Extraction:
    return Extraction(source=report.source, report_hash=report.content_hash,
                      is_launch_report=False)


def load_extractor(name: str, workers: int) -> Callable[[Report], Extraction]:
    if name == "null":
        return null_extractor
    from launchwatch.extract import extract_report
    if workers <= 1:
        extract_report(templates()[0])  # load lexicons and spaCy before the clock starts
    return extract_report


def cpu_seconds() -> tuple[float, float]:
    """CPU time used so far by this process and by its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed(label: str, run: Callable[[], IngestSummary], count: int, target_s: float) -> None:
    """Print wall-clock and CPU time: on a shared machine the CPU time says what the run would
    take with the cores to itself (about max(this process, workers / cores))."""
    start, (own_start, workers_start) = time.perf_counter(), cpu_seconds()
    summary = run()
    seconds = time.perf_counter() - start
    own_end, workers_end = cpu_seconds()
    verdict = "ok" if seconds <= target_s else "OVER TARGET"
    print(f"{label:<16} {seconds:7.2f} s  {count / seconds:8.0f} reports/s  "
          f"(target <= {target_s:g} s: {verdict})  cpu: this process {own_end - own_start:.1f} s,"
          f" workers {workers_end - workers_start:.1f} s;  new {summary.new}, duplicate "
          f"{summary.duplicate}, failed {summary.failed}, launches {summary.launches} "
          f"(+{summary.background} background), events {len(summary.events)}, "
          f"assessed {summary.assessed}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--extractor", choices=["real", "null"], default="real")
    parser.add_argument("--workers", type=int, default=cpu_count(),
                        help="extraction processes (default: one per CPU core)")
    parser.add_argument("--events", action="store_true",
                        help="also fuse events and assess them, as launchwatch ingest does")
    parser.add_argument("--runs", type=int, default=1, help="repeat on a fresh database")
    args = parser.parse_args()

    extractor = load_extractor(args.extractor, args.workers)
    with tempfile.TemporaryDirectory(prefix="launchwatch-bench-") as folder:
        reports = Path(folder) / "reports.jsonl"
        write_reports(reports, args.reports)
        print(f"{args.reports} distinct reports ({reports.stat().st_size / 1e6:.1f} MB JSONL) "
              f"from {len(templates())} samples; extractor: {args.extractor}, "
              f"{args.workers} worker(s), events {'on' if args.events else 'off'}; "
              f"{cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}")
        for run in range(1, args.runs + 1):
            database = Path(folder) / f"run{run}.sqlite3"
            with Store.open(database) as store:
                def ingest() -> IngestSummary:
                    return Pipeline(store, extractor=extractor).ingest(
                        [reports], workers=args.workers, events=args.events)

                timed(f"run {run} first", ingest, args.reports, TARGET_FIRST_S)
                timed(f"run {run} duplicates", ingest, args.reports, TARGET_DUPLICATES_S)


if __name__ == "__main__":
    main()
