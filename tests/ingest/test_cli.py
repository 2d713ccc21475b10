"""``launchwatch ingest`` and ``launchwatch launches``."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from launchwatch.cli import app, main
from launchwatch.cli._app import console
from launchwatch.model import Extraction, Launch, Report
from launchwatch.pipeline import Pipeline

from .helpers import BROKEN, FORMATS, FakeExtractor
from .test_pipeline import FORMAT_LAUNCHES, FORMAT_REPORTS


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr("launchwatch.pipeline.load_extractor", FakeExtractor)
    # Keep the user's own config file and database out of the tests.
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", "/nonexistent/launchwatch.toml")
    monkeypatch.delenv("LAUNCHWATCH_DATABASE_URL", raising=False)
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "data" / "launchwatch.sqlite3")


def test_ingest_prints_a_summary(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["ingest", str(FORMATS), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert (f"Read {FORMAT_REPORTS} reports: {FORMAT_REPORTS} new, 0 duplicate, 0 failed; "
            f"{FORMAT_LAUNCHES} launches found.") in result.stdout
    again = runner.invoke(app, ["ingest", str(FORMATS), "--db", db_path])
    assert f"0 new, {FORMAT_REPORTS} duplicate" in again.stdout


def test_ingest_lists_failures_and_exits_1(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["ingest", str(BROKEN), str(FORMATS / "launch.md"),
                                 "--db", db_path])
    assert result.exit_code == 1
    assert "Read 3 reports: 3 new, 0 duplicate, 5 failed" in result.stdout
    assert f"{BROKEN / 'bad-line.jsonl'}:2: is not valid JSON" in result.stderr
    assert f"{BROKEN / 'latin1.txt'}:3: is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.output


def test_ingest_json(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["ingest", str(BROKEN / "bad-line.jsonl"), "--db", db_path,
                                 "--json"])
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert {k: record[k] for k in ("read", "new", "duplicate", "failed", "launches")} == \
        {"read": 2, "new": 2, "duplicate": 0, "failed": 1, "launches": 2}
    assert record["failures"] == [{"path": str(BROKEN / "bad-line.jsonl"), "line": 2,
                                   "field": None, "message": record["failures"][0]["message"]}]
    assert record["failures"][0]["message"].startswith("is not valid JSON")


def test_ingest_with_a_progress_bar(runner: CliRunner, db_path: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAUNCHWATCH_BATCH_PROGRESS_MIN", "1")
    result = runner.invoke(app, ["ingest", str(FORMATS), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert f"{FORMAT_REPORTS} new" in result.stdout


@pytest.mark.parametrize(("given", "expected"), [(["--workers", "3"], 3), ([], 1)])
def test_ingest_workers(runner: CliRunner, db_path: str, monkeypatch: pytest.MonkeyPatch,
                        given: list[str], expected: int) -> None:
    used: list[int] = []
    real = Pipeline.ingest

    def spy(self: Pipeline, *args: object, workers: int, **kwargs: object) -> object:
        used.append(workers)
        return real(self, *args, workers=1, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Pipeline, "ingest", spy)
    result = runner.invoke(app, ["ingest", str(FORMATS), "--db", db_path, *given])
    assert result.exit_code == 0, result.output
    assert used == [expected]  # a small batch gets one worker unless told otherwise


def test_launches_table_and_json(runner: CliRunner, db_path: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "width", 250)
    runner.invoke(app, ["ingest", str(FORMATS), "--db", db_path])
    table = runner.invoke(app, ["launches", "--db", db_path])
    assert table.exit_code == 0, table.output
    assert f"{FORMAT_LAUNCHES} launches" in table.stdout
    assert "about 4,500" in table.stdout and "North Korea" in table.stdout
    limited = runner.invoke(app, ["launches", "--db", db_path, "--limit", "2"])
    assert f"latest 2 of {FORMAT_LAUNCHES} launches" in limited.stdout
    records = json.loads(runner.invoke(app, ["launches", "--db", db_path, "--json"]).stdout)
    assert len(records) == FORMAT_LAUNCHES
    assert sorted(r["distance_km"] for r in records) == [250, 350, 360, 600, 620, 1000, 1000,
                                                          4500]
    assert {"source", "report_hash", "evidence", "qualifiers"} <= set(records[0])


def test_launches_on_an_empty_store(runner: CliRunner, db_path: str) -> None:
    result = runner.invoke(app, ["launches", "--db", db_path])
    assert result.exit_code == 0
    assert "No launches stored yet" in result.stdout


def test_a_bad_database_url_is_a_message_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["launchwatch", "launches", "--db", "mysql://u@h/db"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "error:" in err and "SQLite or PostgreSQL" in err
    assert "Traceback" not in err


def test_launches_with_background(runner: CliRunner, db_path: str,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def with_background(report: Report) -> Extraction:
        extraction = FakeExtractor()(report)
        recalled = Launch(country="North Korea", role="background", date_local=date(2017, 7, 4))
        return extraction.model_copy(update={"launches": [*extraction.launches, recalled]})

    monkeypatch.setattr("launchwatch.pipeline.load_extractor", lambda: with_background)
    monkeypatch.setattr(console, "width", 250)
    result = runner.invoke(app, ["ingest", str(FORMATS / "launch.md"), "--db", db_path])
    assert "1 launch found (and 1 earlier launch recalled)" in result.stdout
    plain = runner.invoke(app, ["launches", "--db", db_path])
    assert "1 launches" in plain.stdout and "2017-07-04" not in plain.stdout
    both = runner.invoke(app, ["launches", "--db", db_path, "--background"])
    assert "2 launches" in both.stdout and "background" in both.stdout
    assert "2017-07-04" in both.stdout


def test_ingest_names_the_values_to_check(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "misread.txt"
    report.write_text("Title: Misread figure\nPublished: 2024-01-02\n\nThe coastal state fired a "
                      "missile that flew 99999999 km on Monday, officials said.\n",
                      encoding="utf-8")
    code, out, err = run_cli("ingest", str(report), "--db", str(tmp_path / "db.sqlite3"))
    assert code == 0, err
    assert "check:" in err and "misread.txt" in err and "distance" in err
