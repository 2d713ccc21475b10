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


# --- --explain: the real extractor on two reports written for these tests -----------------

LAUNCH_REPORT = ("Title: Coastal state fires two rockets into the sea\n"
                 "Published: 2023-03-03\n\n"
                 "The coastal state fired two short-range missiles into the sea on Friday, the "
                 "neighbouring country's defence ministry said, adding that the missiles flew "
                 "about 300 km before coming down outside its economic zone.\n")
NOT_A_LAUNCH = ("March 3, 2023\n"
                "Parade shows off new missiles in the capital\n\n"
                "Thousands of troops marched through the capital on Friday as new missiles "
                "were shown to foreign guests, the state broadcaster said.\n")


@pytest.fixture
def explained(tmp_path: Path) -> dict[str, Path]:
    paths = {"launch": tmp_path / "launch.txt", "other": tmp_path / "parade.txt"}
    paths["launch"].write_text(LAUNCH_REPORT, encoding="utf-8")
    paths["other"].write_text(NOT_A_LAUNCH, encoding="utf-8")
    return paths


def test_explain_a_launch_report_on_stderr(run_cli, explained) -> None:
    code, out, err = run_cli("extract", "--explain", str(explained["launch"]))
    assert code == 0, err
    # stdout is still one JSON object per line and nothing else
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["is_launch_report"] for r in records] == [True]
    lines = err.splitlines()
    assert lines[:2] == [str(explained["launch"]), "  launch report"]
    assert lines[2].startswith('  - lede states it (verb): "The coastal state fired two')
    assert lines[-1] == "  published: 2023-03-03, from the report's header"
    # readable in an 80-column terminal (the source path is printed whole)
    assert all(len(line) <= 80 for line in lines[1:]), lines
    # a wrapped reason goes on indented
    assert len(lines) > 4 and all(line.startswith("    ") for line in lines[3:-1])


def test_explain_a_non_launch_report_says_why(run_cli, explained) -> None:
    code, out, err = run_cli("extract", "--explain", str(explained["other"]))
    assert code == 0, err
    assert [json.loads(line)["is_launch_report"] for line in out.splitlines()] == [False]
    assert err.splitlines()[:2] == [str(explained["other"]), "  not a launch report"]
    flat = " ".join(err.split())
    assert ('- the headline is about a distractor subject (parade), and states no launch: "Parade shows off new '
            'missiles in the capital"') in flat
    assert 'published: 2023-03-03, from a date line at the top of the page: "March 3, 2023"' \
        in flat
    assert all(len(line) <= 80 for line in err.splitlines()[1:])


def test_explain_follows_each_report_in_turn(run_cli, explained) -> None:
    code, out, err = run_cli("extract", "--explain", "--published", "2023-03-05",
                             str(explained["launch"]), str(explained["other"]))
    assert code == 0, err
    assert len([json.loads(line) for line in out.splitlines()]) == 2
    lines = err.splitlines()
    sources = [k for k, line in enumerate(lines) if not line.startswith(" ")]
    assert [lines[k] for k in sources] == [str(explained["launch"]), str(explained["other"])]
    assert [lines[k + 1] for k in sources] == ["  launch report", "  not a launch report"]
    # the header's date is the header's; the option's date is named as the option's
    assert "published: 2023-03-03, from the report's header" in err
    assert "published: 2023-03-05, from the --published option" in err


def test_explain_with_table_prints_below_the_table(run_cli, explained) -> None:
    code, out, err = run_cli("extract", "--table", "--explain", str(explained["other"]))
    assert code == 0, err
    assert err == ""
    assert out.index("is_launch_report") < out.index("  not a launch report")
    assert "the headline is about a distractor subject (parade)" in out


def test_without_explain_stderr_stays_empty(run_cli, explained) -> None:
    code, out, err = run_cli("extract", str(explained["launch"]), str(explained["other"]))
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 2


def test_explain_says_when_no_date_was_found(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("The coastal state may have launched a missile on Friday, officials said.\n",
                    encoding="utf-8")
    code, out, err = run_cli("extract", "--explain", str(path))
    assert code == 0, err
    assert json.loads(out)["published"] is None
    flat = " ".join(err.split())
    assert "not a launch report - not a statement (verb 'launched' is hedged (may))" in flat
    assert flat.endswith("published: unknown (no date in a header, and none found on the page)")


def test_a_report_over_the_length_limits_is_read_in_part_and_said_so(run_cli,
                                                                     tmp_path: Path) -> None:
    # Over spaCy's 1,000,000 characters, and so over the extractor's MAX_REPORT_CHARS (the
    # reader strips the last space).
    long = tmp_path / "long.txt"
    long.write_text("North Korea fired a ballistic missile. " * 30_000, encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("North Korea fired a ballistic missile on Monday.\n", encoding="utf-8")
    code, out, err = run_cli("extract", str(long), str(short))
    assert code == 0, err
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(long), str(short)]
    assert f"{long}: only the first 200,000 of its 1,169,999 characters were read" in \
        " ".join(err.split())
    assert "Traceback" not in err
