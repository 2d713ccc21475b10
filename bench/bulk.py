"""Bulk ingest on Dask against the single-process pipeline, on a synthetic news archive
(issue 16).

Usage: python bench/bulk.py [--pages 1000000] [--workers 1,2] [--runs 2] [--keep]
                            [--seed 16] [--pipeline-pages 10000] [--gate-sample 200000]
                            [--partition-reports N] [--drop-archive]

1. The archive: ``--pages`` pages from ``bench/archive_generator.py`` (about 2 % launch
   reports), JSONL shards of 50,000 pages, written once per seed and size into the system's
   temporary folder and reused by later runs (``--drop-archive`` deletes it at the end).
2. The keyword gate alone (``launchwatch.bulk.default_gate``): its recall on the launch
   reports of eval-real and eval-dev (labels.jsonl; must be 1.0), the share of the archive's
   non-launch pages it turns away (goal >= 90 %), per topic, and its cost per page.
3. ``launchwatch.bulk.ingest_archive`` on a local cluster of 1, then 2 worker processes (one
   thread each, Dask's profiler off, as ``launchwatch ingest --engine dask`` starts them),
   ``--runs`` times each, into a fresh SQLite file each time.  The cluster is started and
   each worker's extractor loaded before the clock starts (a run over a real archive pays
   that once, seconds against hours); both are printed apart.  Printed per run: pages per
   second, the share the gate turned away, launch reports found and stored, the stages'
   seconds, the workers' CPU seconds, each worker's peak resident memory (sampled with
   psutil every 0.2 s, and the worker's own ``ru_maxrss``), and the load average before and
   after.
4. The single-process path (``Pipeline.ingest``, what ``launchwatch ingest`` runs without
   ``--engine``, with one process) on the first ``--pipeline-pages`` pages of the same shards:
   pages per second and the time the whole archive would take at that rate.
5. The speed-up from 1 to 2 workers (goal >= 1.8x) and a projection to 32 workers (Amdahl's
   law from the measured serial and parallel parts; the assumptions are printed with it).

``--keep`` keeps the SQLite stores of the runs (their folder is printed).

The numbers depend on the machine and on what else runs on it: the load average is printed
beside every figure.  On a machine with 2 cores the 2-worker run shares them with the client,
which stores the launch reports and hosts the scheduler, and with anything else running there.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import dask  # noqa: E402
import psutil  # noqa: E402  (a dependency of dask.distributed)
from distributed import Client, LocalCluster  # noqa: E402

from archive_generator import (GENERAL_TOPICS, LAUNCH_TOPIC, Archive,  # noqa: E402
                               cached_archive)
from launchwatch.bulk import default_gate, ingest_archive  # noqa: E402
from launchwatch.bulk.engine import LOCAL_WORKER_CONFIG  # noqa: E402
from launchwatch.ingest import read_path  # noqa: E402
from launchwatch.ingest.jsonl import jsonl_report  # noqa: E402
from launchwatch.model import Report  # noqa: E402
from launchwatch.pipeline import Pipeline, load_extractor  # noqa: E402
from launchwatch.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
EVAL_SETS = (SHARED / "eval-real", SHARED / "eval-dev")
SPEED_UP_GOAL = 1.8
MEMORY_GOAL_MB = 1024.0
FILTERED_GOAL = 0.90
PROJECTED_WORKERS = 32
SAMPLE_EVERY_S = 0.2
WARM_TEXT = ("North Korea fired a short-range ballistic missile into the East Sea on Monday, "
             "South Korea's Joint Chiefs of Staff said. It flew about 400 km.")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


# ------------------------------------------------------------------ the gate alone

def eval_reports(folder: Path) -> list[tuple[Report, bool]]:
    """The reports of a labelled set with their ``is_launch_report`` label."""
    labels = {}
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            label = json.loads(line)
            labels[label["id"]] = bool(label["is_launch_report"])
    reports = []
    for path in sorted((folder / "reports").glob("*.txt")):
        for item in read_path(path):
            if isinstance(item, Report) and path.stem in labels:
                reports.append((item, labels[path.stem]))
    return reports


def measure_gate(archive: Archive, sample: int) -> None:
    gate = default_gate()
    print(f"\n== keyword gate alone ({load()})")
    for folder in EVAL_SETS:
        if not (folder / "labels.jsonl").is_file():
            print(f"  {folder.name}: not found at {folder}; recall NOT measured")
            continue
        labelled = eval_reports(folder)
        launches = [report for report, is_launch in labelled if is_launch]
        others = [report for report, is_launch in labelled if not is_launch]
        missed = [report.source for report in launches if not gate.admits(report)]
        passed_others = sum(gate.admits(report) for report in others)
        verdict = "ok" if not missed else "MISSES " + ", ".join(missed)
        print(f"  {folder.name}: recall {(len(launches) - len(missed)) / len(launches):.3f} on "
              f"{len(launches)} launch reports ({verdict}); lets through {passed_others} of "
              f"{len(others)} distractors")
    admitted: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    seconds = 0.0
    for number, raw in enumerate(_lines(archive, sample), start=1):
        record = json.loads(raw)
        report = jsonl_report(raw, Path("archive.jsonl"), number)
        started = time.perf_counter()
        admits = gate.admits(report)
        seconds += time.perf_counter() - started
        seen[record["topic"]] += 1
        admitted[record["topic"]] += admits
    pages = sum(seen.values())
    other = pages - seen[LAUNCH_TOPIC]
    dropped = (other - (sum(admitted.values()) - admitted[LAUNCH_TOPIC])) / other
    verdict = "ok" if dropped >= FILTERED_GOAL else "UNDER GOAL"
    print(f"  synthetic archive, first {pages:,} pages: recall {admitted[LAUNCH_TOPIC]}/"
          f"{seen[LAUNCH_TOPIC]} launch pages; drops {dropped:.1%} of the {other:,} non-launch "
          f"pages (goal >= {FILTERED_GOAL:.0%}: {verdict}); "
          f"{seconds / pages * 1e6:.0f} us a page ({load()})")
    print("  let through, by topic: " + ", ".join(
        f"{topic} {admitted[topic] / seen[topic]:.1%}" for topic in sorted(seen)))


def _lines(archive: Archive, count: int) -> Iterator[bytes]:
    """The first ``count`` lines of the archive, across shards, one at a time."""
    left = count
    for shard in archive.shards:
        with shard.open("rb") as stream:
            for line in islice(stream, left):
                left -= 1
                yield line
        if left <= 0:
            return


# ------------------------------------------------------------------ Dask runs

class WorkerWatch(threading.Thread):
    """Samples the workers' resident memory every SAMPLE_EVERY_S and keeps each one's peak."""

    def __init__(self, pids: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.processes = {address: psutil.Process(pid) for address, pid in pids.items()}
        self.peak_mb = dict.fromkeys(pids, 0.0)
        self.cpu_start = self.cpu_s()
        self._halt = threading.Event()

    def cpu_s(self) -> dict[str, float]:
        times = {}
        for address, process in self.processes.items():
            try:
                cpu = process.cpu_times()
                times[address] = cpu.user + cpu.system
            except psutil.Error:
                times[address] = float("nan")
        return times

    def run(self) -> None:
        while not self._halt.is_set():
            for address, process in self.processes.items():
                try:
                    rss_mb = process.memory_info().rss / 2**20
                except psutil.Error:
                    continue  # a worker that died; the nanny starts another
                self.peak_mb[address] = max(self.peak_mb[address], rss_mb)
            self._halt.wait(SAMPLE_EVERY_S)

    def stop(self) -> dict[str, float]:
        """Stop sampling; the workers' CPU seconds since the watch began."""
        self._halt.set()
        self.join()
        end = self.cpu_s()
        return {address: end[address] - self.cpu_start[address] for address in end}


def warm_worker() -> int:
    """Load the extractor and the gate on a worker (run before the clock starts)."""
    load_extractor()(Report(source="warm-up", text=WARM_TEXT))
    default_gate()
    return os.getpid()


@dataclass
class DaskRun:
    workers: int
    run: int
    wall_s: float
    start_s: float
    warm_s: float
    result: Any
    worker_cpu_s: dict[str, float]
    psutil_peak_mb: dict[str, float]
    client_cpu_s: float
    load_before: str
    load_after: str
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.result.pages / self.wall_s

    @property
    def serial_s(self) -> float:
        """The run's serial part: this process's CPU seconds (storing, reading and writing
        the fusion's days, the context, and the local scheduler, which runs here), which more
        workers do not shorten.  Counted whole, though most of it overlaps the workers' work,
        so it errs slow.  (The stages' wall seconds no longer say it: fusion and assessment
        run on the workers.)"""
        return self.client_cpu_s


def dask_run(archive: Archive, workers: int, run: int, folder: Path,
             partition_reports: int | None) -> DaskRun:
    store_path = folder / f"dask-{workers}w-run{run}.sqlite3"
    started = time.perf_counter()
    with dask.config.set(LOCAL_WORKER_CONFIG):  # as `launchwatch ingest --engine dask`
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    with cluster, Client(cluster) as client:
        start_s = time.perf_counter() - started
        warming = time.perf_counter()
        pids = client.run(warm_worker)
        warm_s = time.perf_counter() - warming
        watch = WorkerWatch(pids)
        watch.start()
        load_before = load()
        client_cpu = time.process_time()
        clock = time.perf_counter()
        result = ingest_archive(archive.shards, f"sqlite:///{store_path}", client=client,
                                partition_reports=partition_reports, progress=False)
        wall_s = time.perf_counter() - clock
        client_cpu_s = time.process_time() - client_cpu
        worker_cpu_s = watch.stop()
        run_result = DaskRun(workers, run, wall_s, start_s, warm_s, result, worker_cpu_s,
                             watch.peak_mb, client_cpu_s, load_before, load())
    if len(worker_cpu_s) != workers:
        run_result.notes.append(f"{len(worker_cpu_s)} worker processes seen")
    return run_result


def print_dask_run(done: DaskRun, archive: Archive) -> None:
    result = done.result
    non_launch = archive.pages - archive.launch_pages
    seconds = ", ".join(f"{stage} {value:.1f}" for stage, value in result.seconds.items())
    peaks = ", ".join(f"{mb:.0f}" for mb in done.psutil_peak_mb.values())
    rusage = ", ".join(f"{mb:.0f}" for mb in result.worker_peak_mb.values())
    failed = len(result.failed_shards)
    print(f"  {done.workers} worker(s), run {done.run}: {done.wall_s:7.1f} s  "
          f"{done.rate:7.0f} pages/s  ({done.load_before} before, {done.load_after} after)")
    print(f"      pages {result.pages:,}, gate turned away {result.filtered:,} "
          f"({result.filtered / max(1, result.pages):.1%} of all pages, "
          f"{result.filtered / max(1, non_launch):.1%} of the non-launch ones), extracted "
          f"{result.extracted:,}, launch reports {result.launch_reports:,} (of "
          f"{archive.launch_pages:,} generated), stored {result.stored:,}, duplicates "
          f"{result.duplicates:,}, events {len(result.summary.events):,}, assessed "
          f"{result.summary.assessed:,}, failed shards {failed}")
    print(f"      seconds: {seconds}")
    print(f"      CPU: workers {sum(done.worker_cpu_s.values()):.1f} s "
          f"({', '.join(f'{s:.0f}' for s in done.worker_cpu_s.values())}), client and "
          f"scheduler {done.client_cpu_s:.1f} s; cluster start {done.start_s:.1f} s, "
          f"extractor load on the workers {done.warm_s:.1f} s (both outside the time)")
    print(f"      peak memory per worker: {peaks} MB (psutil RSS), {rusage} MB (ru_maxrss); "
          f"goal <= {MEMORY_GOAL_MB:.0f} MB: "
          f"{'ok' if max(done.psutil_peak_mb.values(), default=0) <= MEMORY_GOAL_MB else 'OVER'}"
          + (f"; {'; '.join(done.notes)}" if done.notes else ""))


# ------------------------------------------------------------------ the single process

def pipeline_run(archive: Archive, pages: int, folder: Path) -> None:
    subset = folder / "pipeline-subset.jsonl"
    lines = list(_lines(archive, pages))
    subset.write_bytes(b"".join(lines))
    extractor = load_extractor()
    extractor(Report(source="warm-up", text=WARM_TEXT))  # spaCy and lexicons off the clock
    print(f"\n== single process: Pipeline.ingest(workers=1), what `launchwatch ingest` runs "
          f"without --engine, on the first {len(lines):,} pages")
    store_path = folder / "pipeline.sqlite3"
    with Store.open(store_path) as store:
        load_before = load()
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        summary = Pipeline(store, extractor=extractor).ingest([subset], workers=1, events=True)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
    rate = len(lines) / seconds
    print(f"  {seconds:7.1f} s  {rate:7.0f} pages/s  ({load_before} before, {load()} after); "
          f"CPU {after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime:.1f} s; new "
          f"{summary.new:,} (every page is stored), launches {summary.launches:,}, events "
          f"{len(summary.events):,}, assessed {summary.assessed:,}, failures "
          f"{len(summary.failures)}")
    print(f"  the whole archive of {archive.pages:,} pages at this rate: "
          f"{_duration(archive.pages / rate)} (scaled from {len(lines):,} pages, not run)")
    PIPELINE_RATE.append(rate)


PIPELINE_RATE: list[float] = []


def _duration(seconds: float) -> str:
    return (f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"
            if seconds >= 60 else f"{seconds:.0f} s")


# ------------------------------------------------------------------ summary

def summarise(runs: list[DaskRun], archive: Archive) -> None:
    print(f"\n== summary ({load()})")
    by_workers: dict[int, list[DaskRun]] = {}
    for done in runs:
        by_workers.setdefault(done.workers, []).append(done)
    rates = {n: statistics.median(d.rate for d in group) for n, group in by_workers.items()}
    for n, group in sorted(by_workers.items()):
        print(f"  {n} worker(s): median {rates[n]:.0f} pages/s over {len(group)} run(s) "
              f"({', '.join(f'{d.rate:.0f} [{d.load_before}]' for d in group)}); peak memory "
              f"per worker {max(max(d.psutil_peak_mb.values()) for d in group):.0f} MB")
    if PIPELINE_RATE:
        best = max(rates.values())
        print(f"  single process (Pipeline, 1 process): {PIPELINE_RATE[0]:.0f} pages/s; Dask "
              f"at its best here is {best / PIPELINE_RATE[0]:.1f}x that")
    if 1 in by_workers and 2 in by_workers:
        one, two = by_workers[1], by_workers[2]
        speed_up = rates[2] / rates[1]
        verdict = "ok" if speed_up >= SPEED_UP_GOAL else "UNDER GOAL"
        print(f"  speed-up 1 -> 2 workers: {speed_up:.2f}x measured on the whole run (goal >= "
              f"{SPEED_UP_GOAL}x: {verdict})")
        shards = [statistics.median(d.result.seconds["shards"] for d in group)
                  for group in (one, two)]
        cpu = [statistics.median(sum(d.worker_cpu_s.values()) for d in group)
               for group in (one, two)]
        serial = statistics.median(d.serial_s for d in one)
        fused = [statistics.median(d.result.seconds["fuse"] for d in group)
                 for group in (one, two)]
        print(f"    the shards alone (read, gate, extract, store): {shards[0]:.1f} s -> "
              f"{shards[1]:.1f} s, {shards[0] / shards[1]:.2f}x; the fusion (planned and "
              f"assessed on the workers): {fused[0]:.1f} s -> {fused[1]:.1f} s, "
              f"{fused[0] / fused[1]:.2f}x")
        print(f"    if each worker had a core of its own (T = S + worker CPU / n, S = {serial:.1f}"
              f" s, this process's CPU): workers' CPU {cpu[0]:.1f} s with 1, "
              f"{cpu[1]:.1f} s with 2 -> {(serial + cpu[0]) / (serial + cpu[1] / 2):.2f}x")
        total = [statistics.median(sum(d.worker_cpu_s.values()) + d.client_cpu_s
                                   for d in group) for group in (one, two)]
        print(f"    on this machine's {os.cpu_count()} cores, shared by the workers and this "
              f"process: at best T(2) = all CPU / 2 = {total[1] / 2:.1f} s against T(1) >= "
              f"the worker's CPU {cpu[0]:.1f} s -> at most "
              f"{cpu[0] / (total[1] / 2):.2f}x")
    if 1 in by_workers:
        project(by_workers[1], by_workers.get(2, []), archive)


def project(one: list[DaskRun], two: list[DaskRun], archive: Archive) -> None:
    """Amdahl's law, T(n) = S + P / n, from the 1-worker runs' measured parts."""
    wall = statistics.median(d.wall_s for d in one)
    cpu = statistics.median(sum(d.worker_cpu_s.values()) for d in one)
    n = PROJECTED_WORKERS
    print(f"  projection to {n} workers (Amdahl, T(n) = S + P/n, from the 1-worker runs, "
          f"T(1) = {wall:.1f} s):")
    serial = statistics.median(d.serial_s for d in one)
    for label, parallel in (("P = T(1) - S", max(0.0, wall - serial)),
                            ("P = the worker's CPU seconds", cpu)):
        projected = serial + parallel / n
        print(f"    S = {serial:.1f} s, this process's CPU ({serial / wall:.1%} of T(1)); "
              f"{label} = {parallel:.1f} s: T({n}) = {projected:.1f} s -> "
              f"{archive.pages / projected:,.0f} pages/s, speed-up {wall / projected:.1f}x "
              f"(limit {wall / max(serial, 1e-9):.1f}x)")
    if two:
        measured = statistics.median(d.wall_s for d in two)
        speed_up = wall / measured
        share = min(1.0, max(0.0, 2 / speed_up - 1))  # Amdahl solved for the serial share
        fitted = 1 / (share + (1 - share) / n)
        print(f"    fitted to the measured 1 -> 2 speed-up ({speed_up:.2f}x): serial share "
              f"{share:.1%}, speed-up at {n} workers {fitted:.1f}x (meaningless where the 2 "
              f"workers had no second core)")
    print("    assumptions: this process's work neither overlaps the workers' nor speeds up "
          "with them (most of it does overlap, so this errs slow); the workers' part "
          "divides evenly (shards are many and alike; tasks per worker >> 1); the scheduler's "
          "per-task cost and the network are negligible against seconds-long tasks; the store "
          f"(SQLite, one writer) keeps up with {n} workers' launch reports; fusion cost grows "
          "with the events of the run, not with the workers; each worker has a core to itself, "
          "which this machine did not give.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--workers", default="1,2", help="worker counts to run, e.g. 1,2")
    parser.add_argument("--runs", type=int, default=2, help="runs of each worker count")
    parser.add_argument("--keep", action="store_true", help="keep the runs' SQLite stores")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--pipeline-pages", type=int, default=10_000,
                        help="pages the single-process pipeline ingests (0: skip it)")
    parser.add_argument("--gate-sample", type=int, default=200_000,
                        help="pages of the archive the gate alone is measured on (0: skip it)")
    parser.add_argument("--partition-reports", type=int, default=None,
                        help="pages a Dask task reads (default: the dask_partition_reports "
                             "setting)")
    parser.add_argument("--drop-archive", action="store_true",
                        help="delete the cached archive at the end")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",") if n.strip()]

    print(f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
          f"{load()} at the start")
    started = time.perf_counter()
    archive = cached_archive(args.pages, seed=args.seed, jobs=2)
    size_mb = sum(shard.stat().st_size for shard in archive.shards) / 1e6
    print(f"archive: {archive.pages:,} pages in {len(archive.shards)} shards, {size_mb:,.0f} "
          f"MB ({size_mb * 1e6 / archive.pages:,.0f} bytes a page), {archive.launch_pages:,} "
          f"launch reports ({archive.launch_pages / archive.pages:.2%}); ready in "
          f"{time.perf_counter() - started:.1f} s at {archive.folder}")
    print("  topics: " + ", ".join(f"{topic} {count:,}" for topic, count
                                   in sorted(archive.topics.items())))
    assert set(GENERAL_TOPICS) <= set(archive.topics)

    if args.gate_sample > 0:
        measure_gate(archive, min(args.gate_sample, archive.pages))

    folder = Path(tempfile.mkdtemp(prefix="launchwatch-bulk-bench-"))
    try:
        runs: list[DaskRun] = []
        print("\n== Dask: ingest_archive on a LocalCluster, one thread per worker process")
        for run in range(1, args.runs + 1):
            for workers in counts:  # alternate, so that a change of load hits both counts
                try:
                    done = dask_run(archive, workers, run, folder, args.partition_reports)
                except Exception as exc:  # noqa: BLE001 - one failed run must not lose the rest
                    print(f"  {workers} worker(s), run {run}: FAILED ({type(exc).__name__}: "
                          f"{exc}); left out of the summary ({load()})")
                    continue
                print_dask_run(done, archive)
                runs.append(done)
        if args.pipeline_pages:
            pipeline_run(archive, min(args.pipeline_pages, archive.pages), folder)
        summarise(runs, archive)
    finally:
        if args.keep:
            print(f"\nstores kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if args.drop_archive:
            shutil.rmtree(archive.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
