"""Exports take records: the events, and the stored reports a format carries over, which the
caller loads (:func:`reports_wanted` names them)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from launchwatch.exchange import FORMATS, export_events, reports_wanted
from launchwatch.exchange.cns import PUBLISHER
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.queries import reports

SAMPLE = Path(__file__).parent / "fixtures" / "cns-sample.csv"


def test_a_cns_export_carries_over_the_columns_of_the_reports_given(tmp_path: Path) -> None:
    with Store.open(tmp_path / "cns.sqlite3") as store:
        Pipeline(store).import_cns(SAMPLE, assess=False)
        events = store.events()
        wanted = reports_wanted(events, "cns")
        assert wanted == [r.content_hash for e in events for r in e.reports
                          if r.publisher == PUBLISHER] and wanted
        export_events(events, "cns", tmp_path / "given.csv", reports=reports(store, wanted))
        export_events(events, "cns", tmp_path / "none.csv")
    given = list(csv.DictReader(io.StringIO((tmp_path / "given.csv").read_text())))
    alone = list(csv.DictReader(io.StringIO((tmp_path / "none.csv").read_text())))
    # The CNS's own notes come from its rows; without them the export has only the event's.
    assert [row["Test Outcome"] for row in given] != [row["Test Outcome"] for row in alone]
    assert {row["Test Outcome"] for row in alone} == {"Unknown"}
    assert [row["F1"] for row in given] == [row["F1"] for row in alone]


@pytest.mark.parametrize("format", [f for f in FORMATS if f != "cns"])
def test_the_other_formats_want_no_reports(format: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "cns.sqlite3") as store:
        Pipeline(store).import_cns(SAMPLE, assess=False)
        events = store.events()
    assert reports_wanted(events, format) == []
    assert export_events(events, format, tmp_path / f"out.{format}") > 0
