"""``launchwatch extract``: one report the extractor fails on does not stop the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import launchwatch.extract
from launchwatch.model import Extraction, Report

# Three short reports written for this test; the second one makes the fake extractor fail.
REPORTS = {
    "a-first.txt": "The coastal state fired one test rocket over the bay on Tuesday.\n",
    "b-breaks.txt": "This bulletin carries the marker TRIP-WIRE that the fake extractor "
                    "refuses.\n",
    "c-last.txt": "Officials said a second rocket was launched from the northern range.\n",
}


@pytest.fixture
def report_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    paths = {}
    for name, text in REPORTS.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")

    def fake_extract(report: Report) -> Extraction:
        if "TRIP-WIRE" in report.text:
            raise ValueError("no rule for this [marker]")
        return Extraction(source=report.source, report_hash=report.content_hash,
                          is_launch_report=False, launches=[])

    # The command imports extract_report from launchwatch.extract when it runs.
    monkeypatch.setattr(launchwatch.extract, "extract_report", fake_extract)
    return paths


def test_a_failing_report_is_named_and_the_others_are_printed(run_cli, report_files) -> None:
    code, out, err = run_cli("extract", *(str(p) for p in report_files.values()))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [r["source"] for r in records] == [str(report_files["a-first.txt"]),
                                              str(report_files["c-last.txt"])]
    errors = [line for line in err.splitlines() if line.strip()]
    assert len(errors) == 1
    assert str(report_files["b-breaks.txt"]) in errors[0]
    assert "ValueError: no rule for this [marker]" in errors[0]
    assert "Traceback" not in err


def test_a_folder_goes_on_past_the_failure_too(run_cli, report_files, tmp_path: Path) -> None:
    code, out, err = run_cli("extract", str(tmp_path))
    assert code == 1
    assert len([line for line in out.splitlines() if line.strip()]) == 2
    assert "b-breaks.txt" in err and "Traceback" not in err


def test_no_failure_exits_0(run_cli, report_files) -> None:
    code, out, err = run_cli("extract", str(report_files["a-first.txt"]),
                             str(report_files["c-last.txt"]))
    assert code == 0, err
    assert len(out.splitlines()) == 2 and err == ""
