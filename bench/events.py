"""Fuse and assess 10,000 reports end to end into SQLite, and count the events of eval-dev.

Usage: python bench/events.py [--reports 10000] [--runs 2] [--samples 2000]
                              [--dev ../shared/eval-dev] [--data ../shared/data]

**Throughput.**  The reports are written here from the launches of the CNS North Korea Missile
Test Database (``../shared/data/cns-nk-missile-tests.json``, when present; otherwise a built-in
list of twelve launches), each launch told by nine sources as analysts see them: the ROK JCS's
flash and its update, Japan's Ministry of Defense, KCNA's precise figures the next morning, and
five wire stories that repeat and round them.  The database's dated launches are repeated
60, 120, ... years later until there are enough reports, so each copy is a distinct launch on a
distinct day.  Each run ingests them into a fresh SQLite file through the whole pipeline
(``launchwatch.pipeline.Pipeline.ingest``: extract, store, fuse after each batch, assess the
events at the end) and prints reports per second end to end and the share of the time each
stage took.  Target (issue 5): >= 100 reports/s end to end.  Reading files is not included:
the reports are handed over in memory.

**eval-dev.**  Ingests ``../shared/eval-dev/reports`` and prints the number of events next to
the number of distinct launches the labels describe (launch reports, one launch per country
and local date, one per undated report).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.assess.assessor import EngineAssessor  # noqa: E402
from launchwatch.model import Report  # noqa: E402
from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.store import Store  # noqa: E402

TARGET_REPORTS_PER_S = 100.0
KST = timezone(timedelta(hours=9))
PYONGYANG = ZoneInfo("Asia/Pyongyang")
COPY_SHIFT = timedelta(days=21915)  # 60 years: weekdays move, nothing else does

# Used when the CNS data is not there: (local date, local time, site, class, name, count,
# distance km, apogee km).
BUILT_IN = [
    ("2017-05-14", "05:28", "Kusong", "IRBM", "Hwasong-12", 1, 787, 2111.5),
    ("2017-07-28", "23:41", "Mupyong-ni", "ICBM", "Hwasong-14", 1, 998, 3724.9),
    ("2017-09-15", "06:57", "Sunan", "IRBM", "Hwasong-12", 1, 3700, 770),
    ("2017-11-29", "03:17", "Pyongsong", "ICBM", "Hwasong-15", 1, 950, 4475),
    ("2019-07-25", "05:34", "Hodo Peninsula", "SRBM", "KN-23", 2, 600, 50),
    ("2019-10-02", "07:11", "Yonghung Bay", "SLBM", "Pukguksong-3", 1, 450, 910),
    ("2022-03-24", "14:34", "Sunan", "ICBM", "Hwasong-17", 1, 1090, 6248.5),
    ("2022-10-04", "07:23", "Mupyong-ni", "IRBM", "Hwasong-12", 1, 4600, 970),
    ("2022-11-18", "10:15", "Sunan", "ICBM", "Hwasong-17", 1, 1000, 6100),
    ("2023-07-12", "09:59", "Pyongyang", "ICBM", "Hwasong-18", 1, 1001.2, 6648.4),
    ("2024-05-30", "06:14", "Sunan", "SRBM", "KN-25", 18, 350, 100),
    ("2024-10-31", "07:11", "Pyongyang", "ICBM", "Hwasong-19", 1, 1001.2, 7687.5),
]

_CLASS_WORDS = {"SRBM": "short-range ballistic missile", "MRBM": "medium-range ballistic missile",
                "IRBM": "intermediate-range ballistic missile",
                "ICBM": "intercontinental ballistic missile",
                "SLBM": "submarine-launched ballistic missile", "SLV": "space launch vehicle",
                "HGV": "hypersonic missile", "unknown": "ballistic missile"}
_COUNT_WORDS = {1: "a", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_WIRES = ["Pacific Wire Service", "Meridian Press", "Northgate News", "Continental Press Agency",
          "The Capital Ledger", "Asia Defence Weekly"]
_FILLER = ["The launch drew condemnation from Seoul, Tokyo and Washington.",
           "Analysts said the test was part of a pattern of weapons development.",
           "The United Nations bans North Korea from ballistic missile activity.",
           "Officials in Tokyo said no damage to ships or aircraft had been reported.",
           "South Korea's president convened a national security council meeting.",
           "The US Indo-Pacific Command said the launch posed no immediate threat.",
           "Markets in Seoul were little changed after the news.",
           "Diplomats said the Security Council could meet on the launch this week."]


@dataclass(frozen=True)
class Flight:
    """One launch to write reports about."""

    day: date
    at: clock
    site: str
    missile_class: str
    name: str | None
    count: int
    distance_km: float | None
    apogee_km: float | None


def cns_flights(data: Path) -> list[Flight]:
    """The dated launches of the CNS data (nagix JSON: UTC dates and times), one per salvo."""
    tests = json.loads((data / "cns-nk-missile-tests.json").read_text(encoding="utf-8"))
    facilities = json.loads((data / "cns-nk-facilities.json").read_text())["facilities"]
    missiles = json.loads((data / "cns-nk-missiles.json").read_text())
    salvos: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in (r for block in tests["timeBins"] for r in block["data"]):
        if len(row["date"]) != 10:
            continue  # dated to the month only
        salvos.setdefault((row["date"], row["time"], row["facility"]), []).append(row)
    flights: dict[tuple[Any, ...], Flight] = {}
    for (day_text, time_text, facility), rows in salvos.items():
        when = datetime.combine(date.fromisoformat(day_text), clock(9))
        if time_text != "unknown":
            utc = datetime.combine(when.date(), clock.fromisoformat(time_text.split()[0]))
            when = utc.replace(tzinfo=timezone.utc).astimezone(PYONGYANG).replace(tzinfo=None)
        missile = missiles.get(rows[0]["missile"], {})
        site = facilities.get(facility, {}).get("name", "Pyongyang")
        flight = Flight(day=when.date(), at=when.time(), site=site.split()[0],
                        missile_class=missile.get("type", "unknown"), name=missile.get("name"),
                        count=len(rows), distance_km=_number(rows, "distance"),
                        apogee_km=_number(rows, "apogee"))
        key = (flight.day, flight.at, flight.site)
        if key in flights:  # two facilities of one place at one time: one launch, told once
            flight = Flight(**{**flight.__dict__, "count": flights[key].count + flight.count})
        flights[key] = flight
    return sorted(flights.values(), key=lambda f: (f.day, f.at))


def _number(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [float(r[key]) for r in rows if isinstance(r[key], (int, float)) or
              str(r[key]).replace(".", "", 1).isdigit()]
    return max(values) if values else None


def built_in_flights() -> list[Flight]:
    return [Flight(date.fromisoformat(d), clock.fromisoformat(t), s, c, n, k, km, ap)
            for d, t, s, c, n, k, km, ap in BUILT_IN]


def reports_about(flight: Flight, rng: random.Random, serial: int) -> list[Report]:
    """Nine reports of one launch, each source in its own words."""
    seoul = datetime.combine(flight.day, flight.at, tzinfo=PYONGYANG).astimezone(KST)
    weekday = flight.day.strftime("%A")
    what = _CLASS_WORDS.get(flight.missile_class, "ballistic missile")
    count = _COUNT_WORDS.get(flight.count, "several")
    plural = "s" if flight.count > 1 else ""
    area = f"the {flight.site} area"
    when = _clock_text(seoul)
    dateline = f"SEOUL, {seoul.strftime('%b')}. {seoul.day}"
    figures = ""
    if flight.distance_km is not None:
        figures = f"The missile{plural} flew about {_round(flight.distance_km)} km"
        if flight.apogee_km is not None:
            figures += f" at an apogee of about {_round(flight.apogee_km)} km"
        figures += ", the JCS said."
    out = [_report(f"jcs-flash-{serial}", "Hanbit News Agency", seoul + timedelta(minutes=25),
                   f"N. Korea fires {what}{plural} into East Sea",
                   f"{dateline} -- North Korea fired {count} {what}{plural} from {area} at "
                   f"{when} on {weekday}, South Korea's Joint Chiefs of Staff (JCS) said.\n\n"
                   "The JCS said it was analysing the flight with US intelligence authorities.")]
    if figures:
        out.append(_report(
            f"jcs-update-{serial}", "Hanbit News Agency", seoul + timedelta(hours=3),
            f"N. Korea's {what} flew {_round(flight.distance_km)} km: JCS",
            f"{dateline} -- North Korea fired {count} {what}{plural} from {area} at {when} on "
            f"{weekday}, South Korea's Joint Chiefs of Staff (JCS) said.\n\n{figures}"))
        japan = (f"2. The missile{plural} flew about {_round(flight.distance_km * 1.02)} km"
                 + (f" at a maximum altitude of about {_round(flight.apogee_km)} km"
                    if flight.apogee_km is not None else "")
                 + " and fell in the Sea of Japan, outside Japan's exclusive economic zone.")
        out.append(_report(
            f"mod-{serial}", "Japan Ministry of Defense (synthetic)", seoul + timedelta(hours=2),
            f"North Korea's Missile Launch ({flight.day.strftime('%B')} {flight.day.day}, "
            f"{flight.day.year})",
            f"1. At around {when} today, North Korea launched {count} ballistic missile{plural} "
            f"from the vicinity of {flight.site} toward the east.\n\n{japan}"))
    if flight.name and flight.distance_km is not None:
        precise = flight.distance_km * (1 + rng.uniform(-0.01, 0.01))
        apogee = (f" and reached a maximum altitude of {flight.apogee_km * 1.003:,.1f} km"
                  if flight.apogee_km is not None else "")
        out.append(_report(
            f"kcna-{serial}", "KCNA (synthetic)", datetime.combine(
                flight.day + timedelta(days=1), clock(6, 0), tzinfo=KST),
            f"Test-fire of {flight.name} conducted",
            f"Pyongyang, {(flight.day + timedelta(days=1)).strftime('%B')} "
            f"{(flight.day + timedelta(days=1)).day} (KCNA) -- The Missile Administration "
            f"conducted a test-fire of the {flight.name} on {weekday}. The missile flew "
            f"{precise:,.1f} km{apogee} before accurately hitting the target in the East Sea "
            "of Korea."))
    for number in range(9 - len(out)):
        publisher = _WIRES[(serial + number) % len(_WIRES)]
        filler = " ".join(rng.sample(_FILLER, 3))
        rounded = (f" It flew about {_round(flight.distance_km, 100)} km, South Korea's "
                   "military said." if flight.distance_km is not None else "")
        out.append(_report(
            f"wire-{serial}-{number}", publisher, seoul + timedelta(hours=4 + 2 * number),
            f"North Korea launches {what}{plural} ({publisher} {number})",
            f"{dateline} ({publisher}) -- North Korea launched {count} {what}{plural} on "
            f"{weekday} morning, South Korea's military said.{rounded}\n\n{filler}\n\n"
            f"Story {serial}-{number}."))
    return out


def _report(name: str, publisher: str, published: datetime, title: str, body: str) -> Report:
    return Report(source=f"bench/{name}.txt", title=title, publisher=publisher,
                  published=published, text=body)


def _clock_text(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def _round(value: float, step: float = 10) -> str:
    return f"{round(value / step) * step:,.0f}" if value >= step else f"{value:.0f}"


def corpus(n: int, flights: list[Flight], seed: int = 0) -> tuple[list[Report], int]:
    """``n`` reports in publication order, and how many launches they tell of."""
    rng = random.Random(seed)
    told: list[tuple[int, Report]] = []
    seen: set[str] = set()
    launches = 0
    copy = 0
    while len(told) < n:
        for flight in flights:
            shifted = Flight(**{**flight.__dict__, "day": flight.day + COPY_SHIFT * copy})
            for report in reports_about(shifted, rng, launches):
                # Two salvos of one day can give KCNA the same words: one report, told once.
                if report.content_hash not in seen:
                    seen.add(report.content_hash)
                    told.append((launches, report))
            launches += 1
            if len(told) >= n:
                break
        copy += 1
    told = told[:n]
    reports = sorted((report for _, report in told), key=lambda r: r.published)
    return reports, len({serial for serial, _ in told})


@dataclass
class Stages:
    """Seconds spent in each stage of the pipeline: wall clock, and this process's CPU time
    (which other programs on a shared machine do not inflate)."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("extract", "store", "fuse", "assess"), 0.0))
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("extract", "store", "fuse", "assess"), 0.0))

    def timed(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start
                self.cpu[stage] += time.process_time() - start_cpu
        return run


def run_once(reports: list[Report], folder: Path, samples: int, index: int) -> dict[str, Any]:
    from launchwatch.extract import default_extractor, extract_report

    default_extractor()  # load spaCy and the lexicons before the clock starts
    stages = Stages()
    store = Store.open(folder / f"events-{index}.sqlite3")
    pipeline = Pipeline(store, extractor=stages.timed("extract", extract_report),
                        assessor=EngineAssessor(samples=samples))
    pipeline.fuse = stages.timed("fuse", pipeline.fuse)  # type: ignore[method-assign]
    pipeline.assess = stages.timed("assess", pipeline.assess)  # type: ignore[method-assign]
    start, start_cpu = time.perf_counter(), time.process_time()
    summary = pipeline.ingest(iter(reports))
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    events = store.count_events()
    store.close()
    for spent, total in ((stages.seconds, wall), (stages.cpu, cpu)):
        spent["store"] = total - spent["extract"] - spent["fuse"] - spent["assess"]
    return {"wall_s": wall, "cpu_s": cpu, "reports": summary.new, "failed": summary.failed,
            "events": events, "assessed": summary.assessed, "seconds": stages.seconds,
            "cpu": stages.cpu}


def eval_dev(dev: Path, folder: Path) -> tuple[int, int, int]:
    """(launch reports, distinct launches in the labels, events fused from the reports)."""
    labels = [json.loads(line) for line in
              (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    launch_reports = [label for label in labels if label["is_launch_report"]]
    distinct = {(label["country"], label["launch_date_local"]) if label["launch_date_local"]
                else ("undated", label["id"]) for label in launch_reports}
    with Store.open(folder / "eval-dev.sqlite3") as store:
        Pipeline(store).ingest([dev / "reports"])
        events = store.count_events()
    return len(launch_reports), len(distinct), events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2, help="measure this many times")
    parser.add_argument("--samples", type=int, default=EngineAssessor().samples,
                        help="Monte Carlo samples per reconstruction")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval-dev")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()

    if (args.data / "cns-nk-missile-tests.json").is_file():
        flights, origin = cns_flights(args.data), f"the CNS data in {args.data}"
    else:
        flights, origin = built_in_flights(), "the built-in list (no CNS data found)"
    reports, launches = corpus(args.reports, flights)
    print(f"{len(reports)} reports of {launches} launches, written from {len(flights)} launches "
          f"of {origin}")
    with tempfile.TemporaryDirectory(prefix="lw-bench-events-") as tmp:
        folder = Path(tmp)
        rates = []
        for index in range(args.runs):
            result = run_once(reports, folder, args.samples, index)
            rate = result["reports"] / result["wall_s"]
            rates.append(rate)
            print(f"run {index + 1}: {result['reports']} reports in {result['wall_s']:.1f} s = "
                  f"{rate:.0f} reports/s end to end (CPU time {result['cpu_s']:.1f} s = "
                  f"{result['reports'] / result['cpu_s']:.0f} reports per CPU second); "
                  f"{result['events']} events ({result['assessed']} assessed), "
                  f"{result['failed']} failed")
            for label, spent, total in (("wall", result["seconds"], result["wall_s"]),
                                        ("CPU", result["cpu"], result["cpu_s"])):
                shares = ", ".join(f"{stage} {seconds / total:.0%} ({seconds:.1f} s)"
                                   for stage, seconds in spent.items())
                print(f"  {label} time per stage: {shares}")
        verdict = "meets" if min(rates) >= TARGET_REPORTS_PER_S else "misses"
        print(f"end to end: {', '.join(f'{r:.0f}' for r in rates)} reports/s; "
              f"{verdict} the target of >= {TARGET_REPORTS_PER_S:.0f} reports/s "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        if (args.dev / "labels.jsonl").is_file():
            reports_n, distinct, events = eval_dev(args.dev, folder)
            print(f"eval-dev: {reports_n} launch reports describe {distinct} distinct launches "
                  f"(labels); fusion made {events} events "
                  f"({'equal' if distinct == events else 'NOT equal'})")
        else:
            print(f"eval-dev: skipped, no labels at {args.dev}")


if __name__ == "__main__":
    main()
