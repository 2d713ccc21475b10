"""Exports take records: the events, and the stored reports a format carries over, which the
caller loads (:func:`reports_wanted` names them)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from launchwatch.errors import StoreError
from launchwatch.exchange import FORMATS, export_events, read_events_json, reports_wanted
from launchwatch.exchange.cns import PUBLISHER
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.queries import reports

from .test_geojson import launched_event

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
    assert [row["Launch Agency/Authority"] for row in given] != \
        [row["Launch Agency/Authority"] for row in alone]
    assert {row["Launch Agency/Authority"] for row in alone} == {"Unknown"}
    # The test outcome is a fused field: the event holds it even without CNS's rows.
    assert {row["Test Outcome"] for row in alone} == {"Success"}
    # CNS's rows keep their F1; rows written from events alone are numbered from 1.
    assert [row["F1"] for row in given] == ["105", "101", "102", "103", "104"]
    assert [row["F1"] for row in alone] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("format", [f for f in FORMATS if f != "cns"])
def test_the_other_formats_want_no_reports(format: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "cns.sqlite3") as store:
        Pipeline(store).import_cns(SAMPLE, assess=False)
        events = store.events()
    assert reports_wanted(events, format) == []
    assert export_events(events, format, tmp_path / f"out.{format}") > 0


@pytest.mark.parametrize("format", FORMATS)
def test_an_export_into_a_missing_folder_says_so_and_writes_nothing(format: str,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "missing" / f"events.{format}"
    with pytest.raises(StoreError, match="the folder .*missing does not exist; create it"):
        export_events([launched_event()], format, out)
    assert not (tmp_path / "missing").exists()


def test_an_export_onto_a_folder_or_an_unwritable_path_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="this is a folder; give a file name in it"):
        export_events([launched_event()], "json", tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user whom permissions do not stop")
        with pytest.raises(StoreError, match="cannot write the export .*folder you may write"):
            export_events([launched_event()], "json", locked / "events.json")
        assert list(locked.iterdir()) == []  # no .partial left behind
    finally:
        locked.chmod(0o700)


def test_the_json_export_has_its_documented_shape_clean_numbers_and_reads_back(
        tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    event = launched_event(rings_km=(4000.0, 4500.000000001, 5100.0))
    export_events([event], "json", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert list(document) == ["format", "generator", "events"]
    assert document["format"] == "launchwatch-events/1"
    written = document["events"][0]
    assert {"id", "country", "date_local", "fields", "reports", "revisions",
            "assessment"} <= set(written)
    assert written["assessment"]["reach"]["value"]["rings_km"] == [4000, 4500, 5100]
    assert written["fields"]["distance_km"]["value"] == 787  # an integer where whole
    (back,) = read_events_json(out.read_text(encoding="utf-8"))
    assert back.id == event.id and back.value("missile_name") == event.value("missile_name")
    assert back.value("distance_km") == 787
