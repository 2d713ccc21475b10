"""The CNS North Korea Missile Test Database through an import and an export, cell by cell.

Usage: python bench/cns_roundtrip.py [--data ../shared/data/cns-nk-missile-tests.json]

Reads the CNS data as nagix/nk-missile-tests publishes it (``{"timeBins": [{"data": [{date,
time, missile, facility, landing, apogee, distance, outcome, description, ...}]}]}``; its
dates and times are UTC, "21:15 (UTC)", and eight tests of 1984-92 are dated to the month
only), at run time, from wherever it is: it is not copied into the project.  Writes it as a
CNS CSV in a temporary folder, one row per missile, every cell as the data has it; imports it
with ``launchwatch import cns --dates utc`` and exports it with ``launchwatch export cns``,
both as a user would run them; then compares each row that comes back with the row that went
in, column by column, and prints:

* the import's exit status and its summary (rows, launches, rows dated to less than a day);
* how many rows came back with every CNS cell identical, and the first few that did not.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from launchwatch.exchange.cns import COLUMNS, headings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cns-nk-missile-tests.json"


def cns_rows(data: dict) -> list[dict[str, str]]:
    """The nagix JSON as CNS rows: F1 numbered in the data's order, cells as the data has
    them (its keys for names: "scud-b", "tonghae"), Date in UTC as the data's."""
    rows = []
    tests = [test for block in data["timeBins"] for test in block["data"]]
    for f1, test in enumerate(tests, 1):
        clock = str(test.get("time", "unknown")).replace("(UTC)", "").strip()
        rows.append({
            "F1": str(f1), "Date": test["date"], "Launch Time (UTC)": clock,
            "Missile Name": str(test.get("missile", "unknown")),
            "Facility Name": str(test.get("facility", "unknown")),
            "Landing Location": str(test.get("landing", "unknown")),
            "Apogee": _km(test.get("apogee")), "Distance Travelled": _km(test.get("distance")),
            "Test Outcome": str(test.get("outcome", "unknown")),
            "Additional Information": str(test.get("description", ""))})
    return rows


def _km(value: object) -> str:
    """A figure of the data: a number of km, or "unknown"."""
    return f"{value} km" if isinstance(value, (int, float)) else str(value or "unknown")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    launchwatch = Path(sys.executable).with_name("launchwatch")
    return subprocess.run([str(launchwatch), *args], capture_output=True, text=True,
                          check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    options = parser.parse_args()
    if not options.data.is_file():
        print(f"no CNS data at {options.data}; give --data PATH", file=sys.stderr)
        return 2
    original = cns_rows(json.loads(options.data.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="cns-roundtrip-") as folder:
        source, out, db = (Path(folder) / name for name in ("cns.csv", "out.csv", "db.sqlite3"))
        with source.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(original)
        imported = run("import", "cns", str(source), "--dates", "utc", "--db", str(db),
                       "--json")
        summary = json.loads(imported.stdout) if imported.stdout.strip() else {}
        exported = run("export", "cns", "--out", str(out), "--db", str(db))
        if exported.returncode != 0:
            print(exported.stderr, file=sys.stderr)
            return 1
        with out.open(encoding="utf-8", newline="") as handle:
            back = {row["F1"]: row for row in csv.DictReader(handle)}
    named = headings("utc")
    identical, differing = 0, []
    for row in original:
        returned = back.get(row["F1"])
        changed = [column for column in COLUMNS
                   if returned is None or returned.get(named.get(column, column), "") !=
                   row.get(column, "")]
        if changed:
            differing.append((row["F1"], changed))
        else:
            identical += 1
    print(f"import exit status: {imported.returncode}")
    print(f"rows in: {len(original)}; read: {summary.get('rows')}; launches: "
          f"{summary.get('launches')}; failed: {summary.get('failed')}; "
          f"dated to less than a day: {summary.get('imprecise_dates')}; "
          f"dates: {summary.get('dates_reason')}")
    print(f"rows out: {len(back)}; rows back with every CNS cell identical: {identical} of "
          f"{len(original)}")
    for f1, columns in differing[:5]:
        print(f"  F1 {f1} differs in: {', '.join(columns)}")
    return 0 if imported.returncode == 0 and identical == len(original) else 1


if __name__ == "__main__":
    sys.exit(main())
