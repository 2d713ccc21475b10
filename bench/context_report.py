"""The numbers of docs/context.md: CNS launches against the shipped calendar, beside the
published findings.

Usage: python bench/context_report.py [--data ../shared/data/cns-nk-missile-tests.json]
                                      [--draws 10000] [--plot docs/context-peri-event.svg]

Converts the CNS data (nagix JSON, dates in UTC) to a CNS CSV at run time as
bench/cns_roundtrip.py does, imports it with ``launchwatch import cns --dates utc`` into a
temporary database, then prints:

1. tests per quarter, as means over the years, for the five years Cotton (CNS) used
   (2012-Q4 to 2017-Q3) and for 2016-2025, counted three ways: missiles (CNS rows), launches
   (the events launchwatch fuses them into) and launch days (Pyongyang calendar);
2. for exercises and visits, with three windows: the rate ratio under a uniform baseline, the
   observed launch days beside the season-matched and shifted placebos (ratio to their
   mean), and the rate ratios of the Poisson / negative-binomial regressions with year and
   month effects (all kinds asked for fitted jointly);
3. the full ``launchwatch context stats`` output for visits and exercises, -3,+3, and the
   peri-event figure written to ``--plot``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import launchwatch
from launchwatch.api import context_stats
from launchwatch.context.plot import peri_event_figure
from launchwatch.exchange.cns import COLUMNS

sys.path.insert(0, str(Path(__file__).parent))
from cns_roundtrip import DEFAULT_DATA, cns_rows, run  # noqa: E402

PUBLISHED = {1: 4.3, 2: 4.8, 3: 4.2, 4: 0.8}  # Cotton (CNS), Oct 2017, tests per quarter
WINDOWS = ("0,0", "-3,+3", "0,+7")


def quarter_table(db: launchwatch.api.Database, first: date, last: date, title: str) -> None:
    events = [event for event in db.events(country="North Korea")
              if event.date_local and event.date_precision == "day"
              and first <= event.date_local <= last]
    missiles, launches, days = Counter(), Counter(), Counter()
    for event in events:
        quarter = (event.date_local.month - 1) // 3 + 1
        missiles[quarter] += int(event.value("count") or 1)
        launches[quarter] += 1
    for day in {event.date_local for event in events}:
        days[(day.month - 1) // 3 + 1] += 1
    years = {q: sum(1 for y in range(first.year, last.year + 1)
                    if first <= date(y, 3 * q - 2, 1) and date(y, 3 * q, 28) <= last)
             for q in (1, 2, 3, 4)}
    print(f"\n{title} ({first} to {last}; quarters counted: "
          + ", ".join(f"Q{q} x{years[q]}" for q in years) + ")")
    print(f"{'':>10} {'missiles':>9} {'launches':>9} {'days':>6} {'published':>10}")
    for q in (1, 2, 3, 4):
        published = f"{PUBLISHED[q]:.1f}" if first.year == 2012 else "-"
        print(f"{'Q' + str(q):>10} {missiles[q] / years[q]:9.1f} {launches[q] / years[q]:9.1f} "
              f"{days[q] / years[q]:6.1f} {published:>10}")
    print(f"{'total':>10} {sum(missiles.values()):9d} {sum(launches.values()):9d} "
          f"{sum(days.values()):6d}")


def comparison(store: launchwatch.api.Store, draws: int) -> None:
    stats = context_stats(store, kinds=["exercise", "visit"], windows=WINDOWS, since="2016",
                          draws=draws)
    print(f"\nExercises and visits, {stats.first} to {stats.last}: {stats.launch_days} "
          f"launch days, {draws:,} draws per placebo")
    head = (f"{'kind':>9} {'window':>7} {'inside':>6} | {'uniform E':>9} {'RR [95 %]':>18} "
            f"{'p':>6} | {'shuffle mean':>12} {'95 %':>7} {'obs/mean':>8} {'p':>6} | "
            f"{'shift mean':>10} {'obs/mean':>8} {'p':>6} | {'Holm p':>6}")
    print(head)
    for row in stats.windows:
        rr = row.rate_ratio_uniform
        print(f"{row.kind:>9} {row.window:>7} {row.launch_days_inside:6d} | "
              f"{row.expected_uniform:9.1f} {rr.estimate:5.2f} [{rr.low:4.2f}-{rr.high:4.2f}]"
              f"{'':>4} {row.p_uniform:6.3f} | {row.shuffle.mean:12.1f} "
              f"{row.shuffle.low:3.0f}-{row.shuffle.high:<3.0f} "
              f"{row.launch_days_inside / row.shuffle.mean:8.2f} {row.shuffle.p_value:6.3f} | "
              f"{row.shift.mean:10.1f} {row.launch_days_inside / row.shift.mean:8.2f} "
              f"{row.shift.p_value:6.3f} | {row.adjusted.holm if row.adjusted else 1:6.3f}")
    print("\nRegression (year and calendar-month effects, exercise and visit fitted jointly):")
    for fit in stats.regressions:
        cells = "; ".join(
            f"{r.kind} Poisson {r.poisson.estimate:.2f} [{r.poisson.low:.2f}-"
            f"{r.poisson.high:.2f}]" + (f", NB {r.negative_binomial.estimate:.2f} "
                                        f"[{r.negative_binomial.low:.2f}-"
                                        f"{r.negative_binomial.high:.2f}]"
                                        if r.negative_binomial else "")
            for r in fit.rate_ratios if r.poisson)
        alpha = "n/a" if fit.alpha is None else f"{fit.alpha:.3f}"
        print(f"  window {fit.window}: {cells}; Pearson chi2/df "
              f"{fit.pearson_chi2_per_df:.2f}, NB alpha {alpha}, preferred {fit.preferred}, "
              f"dropped years {fit.dropped_years}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--plot", type=Path, default=None)
    options = parser.parse_args()
    if not options.data.is_file():
        print(f"no CNS data at {options.data}; give --data PATH", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="context-report-") as folder:
        source, db_path = Path(folder) / "cns.csv", Path(folder) / "db.sqlite3"
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(cns_rows(json.loads(options.data.read_text(encoding="utf-8"))))
        imported = run("import", "cns", str(source), "--dates", "utc", "--db", str(db_path),
                       "--json")
        if imported.returncode != 0:
            print(imported.stderr, file=sys.stderr)
            return 1
        print("import:", imported.stdout.strip())
        with launchwatch.open(db_path) as db:
            quarter_table(db, date(2012, 10, 1), date(2017, 9, 30),
                          "Tests per quarter, Cotton's five years")
            quarter_table(db, date(2012, 1, 1), date(2017, 10, 25),
                          "Tests per quarter, 2012 to the day of Cotton's article")
            quarter_table(db, date(2016, 1, 1), date(2025, 12, 31), "Tests per quarter, "
                          "2016-2025")
            comparison(db.store, options.draws)
        full = subprocess.run([str(Path(sys.executable).with_name("launchwatch")), "context",
                               "stats", "--kind", "visit", "--kind", "exercise", "--window",
                               "-3,+3", "--since", "2016", "--draws", str(options.draws),
                               "--db", str(db_path)], capture_output=True, text=True,
                              check=False, env={"COLUMNS": "160", "PATH": ""})
        print("\n$ launchwatch context stats --kind visit --kind exercise --window -3,+3 "
              "--since 2016")
        print(full.stdout or full.stderr)
        if options.plot:
            with launchwatch.open(db_path) as db:
                stats = context_stats(db.store, since="2016", draws=options.draws)
            options.plot.write_bytes(peri_event_figure(stats, fmt=options.plot.suffix[1:]))
            print(f"peri-event figure (every kind, -3,+3): {options.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
