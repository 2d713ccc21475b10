"""CNS files built to break the reader (issue 12's attack campaign): a broken quote, dates
outside the missile era, implausible figures and NUL characters; each bad row is reported by
its line, and the rows around it are read."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from launchwatch.exchange import read_cns_text
from launchwatch.exchange.cns import local_time, utc_time
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store


SAMPLE = Path(__file__).parent / "fixtures" / "cns-sample.csv"
SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").splitlines()
QUOTE_OPEN = "a quote opened here is never closed"


def _sample(line: int, old: str, new: str) -> str:
    """The sample file with ``old`` replaced by ``new`` on its ``line`` (1 is the header)."""
    lines = list(SAMPLE_LINES)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines) + "\n"


# -- a broken quote (finding 9) ----------------------------------------------------------------


@pytest.mark.parametrize(("line", "old", "new"), [
    (2, '"KCNA, 15 May 2017"', '"KCNA, 15 May 2017'),   # swallowed row 102 into a 29-cell row
    (5, '"Japan MoD; ROK JCS"', '"Japan MoD; ROK JCS'),  # swallowed rows 105 to 108, no error
    (6, ",ROK JCS", ',"ROK JCS'),                        # swallowed rows 106 to 108, no error
])
def test_an_unclosed_quote_is_reported_where_it_opens_and_the_rows_after_it_read(
        line: int, old: str, new: str) -> None:
    intact = read_cns_text(SAMPLE.read_text(encoding="utf-8"), source="cns.csv")
    broken = read_cns_text(_sample(line, old, new), source="cns.csv")
    opened = [f for f in broken.failures if QUOTE_OPEN in f.message]
    assert [(f.path, f.line) for f in opened] == [("cns.csv", line)]
    assert [r.line for r in broken.rows] == [r.line for r in intact.rows if r.line != line]
    assert [(f.line, f.field) for f in broken.failures if f not in opened] == \
        [(f.line, f.field) for f in intact.failures]


def test_a_quote_left_open_above_more_than_the_csv_field_limit_is_reported() -> None:
    # The CSV module gives up on a cell of more than 131,072 characters ("field larger than
    # field limit"): the quote's row is reported, and the thousand rows below it read.
    row = SAMPLE_LINES[2]
    text = _sample(2, '"KCNA, 15 May 2017"', '"KCNA, 15 May 2017').rstrip("\n") + "\n" + \
        "\n".join(row.replace("102,", f"{2000 + n},", 1) for n in range(1000)) + "\n"
    read = read_cns_text(text, source="cns.csv")
    assert [(f.line, QUOTE_OPEN in f.message) for f in read.failures][0] == (2, True)
    assert len(read.rows) == 4 + 1000


def test_a_quote_left_open_on_the_last_line_is_reported() -> None:
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n") + '\n109,8/10/2019,,Unknown,"KN-25\n'
    read = read_cns_text(text, source="cns.csv")
    assert [(f.line, QUOTE_OPEN in f.message) for f in read.failures][-1] == (10, True)
    assert len(read.rows) == 5


def test_a_cell_that_spans_lines_inside_its_quotes_is_still_read() -> None:
    text = _sample(2, '"Lofted trajectory; KCNA figures."',
                   '"Lofted trajectory;\nKCNA figures, 5/15/2017."')
    read = read_cns_text(text, source="cns.csv")
    assert not [f for f in read.failures if QUOTE_OPEN in f.message]
    assert read.rows[0].cells["Additional Information"] == \
        "Lofted trajectory;\nKCNA figures, 5/15/2017."
    assert [r.line for r in read.rows] == [2, 4, 5, 6, 7]


# -- dates no report can have, and dates outside the missile era (finding 8) -------------------


@pytest.mark.parametrize(("old", "new", "column"), [
    ("10/4/2022,10/5/2022", "9999-12-31,10/5/2022", "Date"),
    ("10/4/2022,10/5/2022", "0001-01-01,10/5/2022", "Date"),
    ("10/4/2022,10/5/2022", "10/4/2022,9999-12-31", "Date Entered/Updated"),
])
def test_a_row_dated_year_one_or_9999_is_refused_by_line_and_column(
        old: str, new: str, column: str) -> None:
    read = read_cns_text(_sample(5, old, new), source="cns.csv")
    [error] = [f for f in read.failures if f.line == 5]
    assert error.field == column and "check the year" in error.message
    assert [r.f1 for r in read.rows] == ["101", "102", "103", "105"]


def test_a_row_dated_in_the_future_is_kept_and_flagged() -> None:
    read = read_cns_text(_sample(5, "10/4/2022,10/5/2022", "10/4/2083,10/5/2083"),
                         source="cns.csv", today=date(2024, 6, 1))
    assert [r.f1 for r in read.rows] == ["101", "102", "103", "104", "105"]
    assert [(w.line, w.field) for w in read.warnings] == [(5, "Date"),
                                                         (5, "Date Entered/Updated")]
    assert "2083-10-04 lies after 2024-06-02 (tomorrow)" in read.warnings[0].message


def test_import_of_rows_dated_9999_and_year_one_stores_and_fuses_the_others(
        fresh_db: Store, tmp_path: Path) -> None:
    path = tmp_path / "cns.csv"
    text = _sample(5, "10/4/2022,10/5/2022", "9999-12-31,9999-12-31")
    path.write_text(text.replace("7/19/2016,7/25/2016", "0001-01-01,0001-01-01"),
                    encoding="utf-8")
    summary = Pipeline(fresh_db).import_cns(path, assess=False)
    assert [(f.line, f.field) for f in summary.failures][:2] == [(5, "Date"), (6, "Date")]
    assert (summary.new, len(summary.events)) == (2, 2)  # 2017, and 2019's salvo of two


def test_launch_times_convert_at_the_ends_of_the_calendar() -> None:
    assert local_time(date(9999, 12, 31), time(20, 58)) == time(5, 58)
    assert utc_time(date(1, 1, 1), time(1, 0)) is not None
    assert utc_time(date(9999, 12, 31), time(5, 58)) == time(20, 58)


# -- implausible figures (finding 12) ----------------------------------------------------------


def test_an_implausible_figure_is_flagged_and_the_row_kept() -> None:
    read = read_cns_text(_sample(3, "600 km", "100000000000000000000000000000 km"),
                         source="cns.csv")
    assert [r.f1 for r in read.rows] == ["101", "102", "103", "104", "105"]
    [warning] = read.warnings
    assert (warning.path, warning.line, warning.field) == ("cns.csv", 3, "Distance Travelled")
    assert "1e+29 km" in warning.message and "kept" in warning.message


def test_plausible_rows_raise_no_flag() -> None:
    assert read_cns_text(SAMPLE.read_text(encoding="utf-8")).warnings == []


# -- NUL characters (finding 12) ---------------------------------------------------------------


def test_nul_characters_are_removed_from_cells() -> None:
    read = read_cns_text(_sample(2, "Kusong Testing Ground", "Kusong\x00 Testing Ground"))
    assert read.rows[0].cells["Facility Name"] == "Kusong Testing Ground"
