"""``launchwatch events``, ``import cns`` and ``export``: thin commands over the library."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from launchwatch.cli import app, main
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from .helpers import at, extraction, launch, report
from .test_store import CountingAssessor

SAMPLE = Path(__file__).resolve().parents[1] / "exchange" / "fixtures" / "cns-sample.csv"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", "/nonexistent/launchwatch.toml")
    monkeypatch.delenv("LAUNCHWATCH_DATABASE_URL", raising=False)
    # The engines are tested elsewhere; here the commands only need an assessor.
    monkeypatch.setattr("launchwatch.pipeline.EngineAssessor", CountingAssessor)
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    path = str(tmp_path / "launchwatch.sqlite3")
    with Store.open(path) as store:
        pipeline = Pipeline(store, assessor=CountingAssessor())
        for name, hour, item in [
                ("jcs", 8, launch(time_local="07:23", distance_km=4500, missile_class="IRBM",
                                  reported_by=["ROK JCS"])),
                ("mod", 10, launch(time_local="07:22", distance_km=4600, apogee_km=970,
                                   flight_time_s=1320, reported_by=["Japan MoD"])),
                ("kcna", 23, launch(missile_name="Hwasong-12", apogee_km=1413.6,
                                    reported_by=["KCNA"]))]:
            source = report(name, published=at(hour))
            pipeline.add(source, extraction(source, item))
    return path


def test_events_list_table_and_json(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["events", "list", "--db", db_path], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "KP-2022-10-04-1" in result.stdout and "Hwasong-12†" in result.stdout
    assert "apogee" in result.stdout  # the conflict column
    as_json = runner.invoke(app, ["events", "list", "--db", db_path, "--json"])
    [record] = json.loads(as_json.stdout)
    assert (record["id"], record["distance_km"], record["conflicts"]) == \
        ("KP-2022-10-04-1", 4600, ["apogee_km"])
    assert record["met_range_km"] == 4600  # the counting assessor's stand-in


@pytest.mark.parametrize(("options", "count"), [
    (["--country", "North Korea"], 1), (["--country", "Iran"], 0),
    (["--since", "2022-10-04"], 1), (["--since", "2023-01-01"], 0),
    (["--class", "irbm"], 1), (["--class", "ICBM"], 0)])
def test_events_list_filters(runner: CliRunner, db_path: str, options: list[str],
                             count: int) -> None:
    result = runner.invoke(app, ["events", "list", "--db", db_path, "--json", *options])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == count


def test_a_bad_date_is_a_message_not_a_traceback(db_path: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["launchwatch", "events", "list", "--db", db_path,
                                      "--since", "last week"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "'last week' is not a date; write it as YYYY-MM-DD" in err
    assert "Traceback" not in err


def test_events_show(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["events", "show", "kp-2022-10-04-1", "--db", db_path],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("apogee_km *", "about 970 km", "1,413.6 km", "Japan MoD", "missile_name †",
                 "Revisions", "Assessment", "not computed"):
        assert text in result.stdout, text
    as_json = json.loads(runner.invoke(app, ["events", "show", "KP-2022-10-04-1", "--db",
                                             db_path, "--json"]).stdout)
    assert [c["authority"] for c in as_json["fields"]["apogee_km"]["claims"]] == \
        ["Japan MoD", "KCNA"]
    missing = runner.invoke(app, ["events", "show", "KP-1999-01-01-1", "--db", db_path])
    assert missing.exit_code == 1
    assert "there is no event 'KP-1999-01-01-1'" in missing.stderr


def test_import_cns_lists_bad_rows_by_line(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cns.sqlite3")
    result = runner.invoke(app, ["import", "cns", str(SAMPLE), "--db", db])
    assert result.exit_code == 1
    assert "Read 8 rows: 4 launches on 4 days (0 already stored), 3 rows failed" in result.stdout
    assert f"{SAMPLE}:7: Date: cannot read '31/31/2019' as a date" in result.stderr
    as_json = runner.invoke(app, ["import", "cns", str(SAMPLE), "--db", db, "--json"])
    record = json.loads(as_json.stdout)
    assert (record["duplicate"], record["events"], record["failed"]) == (4, 0, 3)
    listed = json.loads(runner.invoke(app, ["events", "list", "--db", db, "--json"]).stdout)
    assert len(listed) == 4


@pytest.mark.parametrize("format", ["cns", "geojson", "kml", "json"])
def test_export(runner: CliRunner, db_path: str, tmp_path: Path, format: str) -> None:
    out = tmp_path / f"events.{format}"
    result = runner.invoke(app, ["export", format, "--out", str(out), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert f"for 1 events to {out}" in result.stdout
    text = out.read_text(encoding="utf-8")
    if format == "cns":
        [row] = list(csv.DictReader(text.splitlines()))
        assert (row["Date"], row["Launch Time (UTC)"], row["Distance Travelled"]) == \
            ("2022-10-04", "22:22", "about 4600 km")
    elif format == "json":
        assert json.loads(text)["events"][0]["id"] == "KP-2022-10-04-1"
    elif format == "geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    else:
        assert "<Folder>" in text and "KP-2022-10-04-1" in text


def test_an_unknown_export_format_is_refused(runner: CliRunner, db_path: str,
                                             tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "shapefile", "--out", str(tmp_path / "x"), "--db",
                                 db_path])
    assert result.exit_code == 2 and "shapefile" in result.output


def test_rebuild_and_assess(runner: CliRunner, db_path: str) -> None:
    rebuilt = json.loads(runner.invoke(app, ["events", "rebuild", "--db", db_path,
                                             "--json"]).stdout)
    # The event comes back with the same inputs, so its assessment is kept, not recomputed.
    assert (rebuilt["created"], rebuilt["launches"], rebuilt["assessed"]) == (1, 3, 0)
    assessed = json.loads(runner.invoke(app, ["events", "assess", "--db", db_path,
                                              "--json"]).stdout)
    assert assessed == {"assessed": 0}
