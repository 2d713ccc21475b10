"""``launchwatch events``, ``import cns`` and ``export``: thin commands over the library."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from launchwatch import __version__
from launchwatch.cli import app, main
from launchwatch.cli._app import counted
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
    (["--class", "irbm"], 1), (["--class", "ICBM"], 0),
    (["--country", "DPRK"], 1), (["--missile", "hwasong 12"], 1), (["--until", "2022"], 1),
    (["--until", "2022-09"], 0), (["--outcome", "unknown"], 1), (["--outcome", "failure"], 0)])
def test_events_list_filters(runner: CliRunner, db_path: str, options: list[str],
                             count: int) -> None:
    result = runner.invoke(app, ["events", "list", "--db", db_path, "--json", *options])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == count


def test_piped_list_is_tab_separated_and_columns_are_chosen(runner: CliRunner,
                                                            db_path: str) -> None:
    result = runner.invoke(app, ["events", "list", "--db", db_path], env={"COLUMNS": "40"})
    header, row = result.stdout.splitlines()
    names = header.split("\t")
    assert names[:4] == ["id", "date", "time", "utc"] and "outcome" in names
    cells = dict(zip(names, row.split("\t")))
    # Not folded at 40 columns, and the times name their zone: Pyongyang's clock is UTC+9.
    assert (cells["id"], cells["date"], cells["time"], cells["utc"]) == \
        ("KP-2022-10-04-1", "2022-10-04", "07:22 UTC+9", "2022-10-03 22:22")
    chosen = runner.invoke(app, ["events", "list", "--db", db_path, "--columns",
                                 "apogee,id"])
    # Japan MoD's "about 970 km" is the best apogee (marked ~), not KCNA's.
    assert chosen.stdout.splitlines() == ["apogee\tid", "~970\tKP-2022-10-04-1"]
    wrong = runner.invoke(app, ["events", "list", "--db", db_path, "--columns", "id,colour"])
    assert wrong.exit_code == 2
    assert "'colour' is not a column" in wrong.stderr and "apogee" in wrong.stderr


def test_an_80_column_terminal_gets_the_columns_that_fit(runner: CliRunner, db_path: str,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    screen = io.StringIO()
    monkeypatch.setattr("launchwatch.cli.events.console",
                        Console(file=screen, width=80, force_terminal=True, color_system=None))
    result = runner.invoke(app, ["events", "list", "--db", db_path])
    assert result.exit_code == 0, result.output
    lines = screen.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    table = "\n".join(lines)
    assert "1 event" in table and "KP-2022-10-04-1" in table and "07:22 UTC+9" in table
    assert "more columns with a wider terminal or --columns" in table


@pytest.mark.parametrize(("options", "message"), [
    (["--country", "Narnia"], "the launching states are"),
    (["--missile", "Scud-Z"], "Hwasong-11A"), (["--outcome", "fine"], "success, failure"),
    (["--class", "BRBM"], "SRBM, MRBM"), (["--until", "soon"], "2022-03-15")])
def test_unknown_filter_values_list_the_valid_ones(db_path: str, options: list[str],
                                                   message: str,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["launchwatch", "events", "list", "--db", db_path,
                                      *options])
    with pytest.raises(SystemExit) as stopped:
        main()
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and message in " ".join(err.split())
    assert "Traceback" not in err


def test_version_and_export_to_standard_output(runner: CliRunner, db_path: str) -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout == f"launchwatch {__version__}\n"
    result = runner.invoke(app, ["export", "json", "--out", "-", "--db", db_path,
                                 "--country", "dprk"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"][0]["id"] == "KP-2022-10-04-1"
    assert "Wrote 1 JSON record for 1 event to standard output." in result.stderr


def test_counts_are_written_with_their_plurals() -> None:
    assert [counted(n, "event") for n in (0, 1, 2, 1500)] == \
        ["0 events", "1 event", "2 events", "1,500 events"]
    assert counted(1, "launch") == "1 launch" and counted(3, "launch") == "3 launches"
    assert counted(2, "more column") == "2 more columns"


def test_a_bad_date_is_a_message_not_a_traceback(db_path: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["launchwatch", "events", "list", "--db", db_path,
                                      "--since", "last week"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "'last week' is not a date (write a year, month or day" in " ".join(err.split())
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
    # The file's header names no zone: local dates, and the summary says why.
    assert "Dates read as local dates: the file does not say" in result.stdout
    assert "0 rows dated to less than a day" in result.stdout
    assert record["dates"] == "local"


def test_import_cns_takes_the_zone_of_its_dates(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cns.sqlite3")
    result = runner.invoke(app, ["import", "cns", str(SAMPLE), "--db", db, "--dates", "utc",
                                 "--json"])
    assert json.loads(result.stdout)["dates"] == "utc"
    listed = json.loads(runner.invoke(app, ["events", "list", "--db", db, "--json"]).stdout)
    # 20:34 UTC on 25 July 2019 is 05:34 on the 26th in Pyongyang.
    assert "KP-2019-07-26-1" in {event["id"] for event in listed}


@pytest.mark.parametrize("command", [["events", "list"], ["events", "show", "KP-2022-10-04-1"],
                                     ["export", "json", "--out", "x.json"]])
def test_reading_commands_refuse_a_database_that_does_not_exist(
        tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mistyped = tmp_path / "typo" / "launchwatch.sqlite3"
    monkeypatch.setattr(sys, "argv", ["launchwatch", *command, "--db", str(mistyped)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code != 0
    err = "".join(capsys.readouterr().err.split())  # the console wraps long paths
    assert f"{mistyped}:nodatabaseexistsatthispath" in err
    assert "launchwatchingest" in err and "Traceback" not in err
    assert not mistyped.parent.exists()


@pytest.mark.parametrize("format", ["cns", "geojson", "kml", "json"])
def test_export(runner: CliRunner, db_path: str, tmp_path: Path, format: str) -> None:
    out = tmp_path / f"events.{format}"
    result = runner.invoke(app, ["export", format, "--out", str(out), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert f"for 1 event to {out}" in result.stdout
    text = out.read_text(encoding="utf-8")
    if format == "cns":
        [row] = list(csv.DictReader(text.splitlines()))
        # No CNS row is behind the event: a UTC export, its date and time both in UTC (07:22
        # in Pyongyang on the 4th is 22:22 UTC on the 3rd).
        assert (row["Date (UTC)"], row["Launch Time (UTC)"], row["Distance Travelled"]) == \
            ("2022-10-03", "22:22", "about 4600 km")
        assert row["Event ID"] == "KP-2022-10-04-1"
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
