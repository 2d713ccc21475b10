"""Record, or compare with, the outputs a user sees: the golden outputs of a restructuring.

Usage:
    python bench/golden_outputs.py record DIR     # write the outputs into DIR
    python bench/golden_outputs.py compare DIR    # write them again and diff them with DIR

The outputs come from a fresh SQLite database holding the project's sample reports and the
CNS sample rows (tests/exchange/fixtures/cns-sample.csv), through the command line a user
runs: ``events list --json``, ``events show ID --json`` for every event, and every ``export``
format.  A restructuring that changes no behaviour changes none of these files; the diff
names each one that differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.cli import app  # noqa: E402

SAMPLES = ROOT / "samples" / "reports"
CNS_SAMPLE = ROOT / "tests" / "exchange" / "fixtures" / "cns-sample.csv"
FORMATS = {"cns": "csv", "geojson": "geojson", "kml": "kml", "json": "json"}


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    if result.exit_code not in (0, 1):
        raise SystemExit(f"launchwatch {' '.join(args)} exited {result.exit_code}:\n"
                         f"{result.output}")
    return result.stdout


def write_outputs(folder: Path) -> list[Path]:
    """Build the sample database and write every output into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    written = []
    with tempfile.TemporaryDirectory(prefix="lw-golden-") as work:
        db = str(Path(work) / "golden.sqlite3")
        _run(runner, "ingest", str(SAMPLES), "--db", db)
        _run(runner, "import", "cns", str(CNS_SAMPLE), "--db", db)
        listing = _run(runner, "events", "list", "--json", "--limit", "0", "--db", db)
        written.append(_write(folder / "events-list.json", listing))
        for event in json.loads(listing):
            shown = _run(runner, "events", "show", event["id"], "--json", "--db", db)
            written.append(_write(folder / "events-show" / f"{event['id']}.json", shown))
        for name, suffix in FORMATS.items():
            out = Path(work) / f"export.{suffix}"
            _run(runner, "export", name, "--out", str(out), "--db", db)
            written.append(_write(folder / f"export.{suffix}", out.read_text(encoding="utf-8")))
    return written


# When a thing was computed or written changes from run to run; what was computed does not.
_MOMENT = re.compile(r'("[a-z_]*_at"\s*:\s*)"[^"]*"')


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_MOMENT.sub(r'\1"<moment>"', text), encoding="utf-8")
    return path


def compare(golden: Path) -> int:
    """Write the outputs again and print how each differs from ``golden``; 1 if any does."""
    with tempfile.TemporaryDirectory(prefix="lw-golden-now-") as now:
        fresh = write_outputs(Path(now))
        names = {p.relative_to(now) for p in fresh}
        recorded = {p.relative_to(golden) for p in golden.rglob("*") if p.is_file()}
        differing = 0
        for name in sorted(names | recorded, key=str):
            before = (golden / name).read_text(encoding="utf-8").splitlines() \
                if name in recorded else []
            after = (Path(now) / name).read_text(encoding="utf-8").splitlines() \
                if name in names else []
            if before != after:
                differing += 1
                print(f"differs: {name}")
                for line in list(difflib.unified_diff(before, after, lineterm="", n=1))[:40]:
                    print(f"    {line}")
        print(f"{len(names | recorded)} outputs compared, {differing} differ")
        return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.action == "record":
        written = write_outputs(args.folder)
        print(f"{len(written)} outputs written to {args.folder}")
        return 0
    return compare(args.folder)


if __name__ == "__main__":
    raise SystemExit(main())
