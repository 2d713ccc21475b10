"""Score the extractor against labelled reports and measure its throughput.

Usage: python bench/extraction.py [--dev ../shared/eval-dev] [--verbose]

Prints per-field accuracy (numbers within 1 %, places by key name, authorities as sets) and
relevance accuracy for the development set in ../shared/eval-dev and for the project's own
samples/, then reports per second over repeated passes.  Field accuracy is computed over the
reports whose label says they report a launch; for the others only relevance counts.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.extract import extract_report  # noqa: E402
from launchwatch.ingest import read_path  # noqa: E402
from launchwatch.model import Report  # noqa: E402

NUMERIC = ["distance_km", "apogee_km", "flight_time_s", "max_speed_mach", "count",
           "launch_lat", "launch_lon"]
EXACT = ["country", "launch_date_local", "launch_time_local", "missile_class", "missile_name",
         "inside_japan_eez"]
PLACES = ["launch_site", "landing_area"]
FIELDS = ["country", "launch_date_local", "launch_time_local", "launch_site", "launch_lat",
          "missile_class", "missile_name", "count", "distance_km", "apogee_km", "flight_time_s",
          "max_speed_mach", "landing_area", "inside_japan_eez", "reporting_authorities"]
TARGETS = {"relevance": 0.95, "launch_date_local": 0.90, "distance_km": 0.90,
           "apogee_km": 0.90, "flight_time_s": 0.90, "count": 0.90, "missile_class": 0.90,
           "launch_site": 0.85}
_GENERIC = {"the", "of", "area", "vicinity", "province", "near", "in", "an", "a", "island",
            "peninsula", "sea", "city", "county", "north", "south", "east", "west", "waters",
            "approximately", "about", "km", "off", "its", "coast", "base", "port", "eastern",
            "western", "range", "test", "flight"}


def predicted_fields(record: dict) -> dict:
    launch = record["launches"][0] if record["launches"] else {}
    return {
        "country": launch.get("country"),
        "launch_date_local": launch.get("date_local"),
        "launch_time_local": launch.get("time_local"),
        "launch_site": launch.get("launch_site"),
        "launch_lat": launch.get("launch_lat"),
        "launch_lon": launch.get("launch_lon"),
        "missile_class": launch.get("missile_class"),
        "missile_name": launch.get("missile_name"),
        "count": launch.get("count"),
        "distance_km": launch.get("distance_km"),
        "apogee_km": launch.get("apogee_km"),
        "flight_time_s": launch.get("flight_time_s"),
        "max_speed_mach": launch.get("max_speed_mach"),
        "landing_area": launch.get("landing_area"),
        "inside_japan_eez": launch.get("inside_japan_eez"),
        "reporting_authorities": launch.get("reported_by", []),
    }


def _key_names(text: str) -> set[str]:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text.lower())
    return {w for w in words if w not in _GENERIC and len(w) > 2}


def field_correct(name: str, expected, predicted) -> bool:
    if name == "reporting_authorities":
        return set(expected or []) == set(predicted or [])
    if expected is None or predicted is None:
        return expected is None and predicted is None
    if name in NUMERIC:
        return abs(float(predicted) - float(expected)) <= 0.01 * abs(float(expected)) + 1e-9
    if name in PLACES:
        want, got = _key_names(str(expected)), _key_names(str(predicted))
        return bool(want & got) or (not want and not got)
    if name == "missile_name":
        return str(expected).lower().replace(" ", "-") == str(predicted).lower().replace(" ", "-")
    return expected == predicted


def load_set(folder: Path, labels_path: Path) -> list[tuple[dict, Report]]:
    labels = [json.loads(line) for line in labels_path.read_text().splitlines() if line.strip()]
    reports = {}
    for path in sorted(folder.iterdir()):
        for item in read_path(path):
            if isinstance(item, Report):
                reports[path.stem] = item
    return [(label, reports[label["id"]]) for label in labels if label["id"] in reports]


def score(name: str, pairs: list[tuple[dict, Report]], verbose: bool) -> dict[str, float]:
    hits = {f: 0 for f in FIELDS}
    launches = 0
    relevant_ok = 0
    for label, report in pairs:
        record = extract_report(report).to_record()
        predicted_relevant = record["is_launch_report"]
        relevant_ok += predicted_relevant == label["is_launch_report"]
        if verbose and predicted_relevant != label["is_launch_report"]:
            print(f"  {label['id']}: relevance expected {label['is_launch_report']}")
        if not label["is_launch_report"]:
            continue
        launches += 1
        got = predicted_fields(record)
        for field in FIELDS:
            ok = field_correct(field, label.get(field), got[field])
            hits[field] += ok
            if verbose and not ok:
                print(f"  {label['id']} {field}: expected {label.get(field)!r} "
                      f"got {got[field]!r}")
    results = {"relevance": relevant_ok / len(pairs)}
    results.update({f: hits[f] / launches for f in FIELDS})
    print(f"\n{name}: {len(pairs)} reports, {launches} launch reports")
    for field, value in results.items():
        target = TARGETS.get(field)
        mark = "" if target is None else (" ok" if value >= target else f" BELOW {target:.2f}")
        print(f"  {field:24s} {value:5.3f}{mark}")
    return results


def throughput(reports: list[Report], passes: int = 5) -> tuple[list[float], list[float]]:
    """Reports per wall-clock second and per CPU second of this process, for each pass.

    The CPU figure is the one to compare between runs on a busy machine: it does not count the
    time this process waited for a core."""
    wall_rates, cpu_rates = [], []
    for _ in range(passes):
        wall, cpu = time.perf_counter(), time.process_time()
        for report in reports:
            extract_report(report)
        wall_rates.append(len(reports) / (time.perf_counter() - wall))
        cpu_rates.append(len(reports) / (time.process_time() - cpu))
    return wall_rates, cpu_rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval-dev")
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()

    all_reports: list[Report] = []
    if (args.dev / "labels.jsonl").exists():
        dev = load_set(args.dev / "reports", args.dev / "labels.jsonl")
        score("eval-dev", dev, args.verbose)
        all_reports += [r for _, r in dev]
    else:
        print(f"no development set at {args.dev}; skipping it")
    samples = load_set(ROOT / "samples" / "reports", ROOT / "samples" / "labels.jsonl")
    score("samples (project fixtures)", samples, args.verbose)
    all_reports += [r for _, r in samples]

    # Distinct texts so that no cache makes the repeat passes cheaper than new reports.
    varied = [r.model_copy(update={"text": r.text + f"\n\n(Copy {i}.)", "content_hash": ""})
              for i in range(5) for r in all_reports]
    wall, cpu = throughput(varied, passes=3)
    print(f"\nthroughput: {len(varied)} reports per pass, one process; target >= 200 reports/s")
    print(f"  wall clock: median {statistics.median(wall):.0f} reports/s "
          f"(passes: {', '.join(f'{r:.0f}' for r in wall)})")
    print(f"  CPU time:   median {statistics.median(cpu):.0f} reports/s "
          f"(passes: {', '.join(f'{r:.0f}' for r in cpu)})")


if __name__ == "__main__":
    main()
