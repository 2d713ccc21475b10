"""The report this project started from must give what its expected.json says."""

import json
from pathlib import Path

import pytest

from launchwatch.extract import extract_report
from launchwatch.ingest import read_path
from launchwatch.model import Report

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the project")
def test_seed_report_matches_expected():
    expected = json.loads((SEED / "expected.json").read_text())
    report = next(r for r in read_path(SEED / "report.txt") if isinstance(r, Report))
    record = extract_report(report).to_record()
    assert record["is_launch_report"] is expected["is_launch_report"]
    launch = record["launches"][0]
    assert launch["country"] == expected["country"]
    assert launch["date_local"] == expected["date_local"]
    assert launch["time_local"] == expected["time_local"]
    assert launch["launch_site"] == expected["launch_site"]
    assert launch["missile_class"] == expected["missile_class"]
    assert launch["missile_name"] == expected["missile_name"]
    assert launch["count"] == expected["count"]
    assert launch["distance_km"] == expected["distance_km"]
    assert launch["qualifiers"] == expected["qualifiers"]
    assert launch["apogee_km"] == expected["apogee_km"]
    assert launch["flight_time_s"] == expected["flight_time_s"]
    assert launch["landing_area"] == expected["landing_area"]
    assert launch["inside_japan_eez"] == expected["inside_japan_eez"]
    assert launch["reported_by"] == expected["reported_by"]
    context = " | ".join(item["text"] for item in record["context"]).lower()
    for needle in ("blinken", "unprecedented measures", "national security council",
                   "security council"):
        assert needle in context, f"context should mention {needle!r}: {context}"
