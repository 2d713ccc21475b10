"""Input built to break the readers (issue 12's attack campaign): each bad part is reported by
file, line and field, and the rest of the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from launchwatch.errors import IngestError
from launchwatch.ingest import Reader, ReadResult, parse_published, read_path, split_header
from launchwatch.model import Launch, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from .helpers import FakeExtractor

JCS = "North Korea fired a ballistic missile on Tuesday that flew about 600 km, the JCS said."
MOD = "Japan's defence ministry said the missile flew about 620 km before falling into the sea."


def _jsonl(*records: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# -- nesting (finding 3) -----------------------------------------------------------------------


def test_a_deeply_nested_jsonl_line_is_reported_and_the_other_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(_jsonl({"text": JCS}, "[" * 100_000, {"text": MOD}), encoding="utf-8")
    items = list(read_path(path))
    assert [type(item) for item in items] == [Report, IngestError, Report]
    error = items[1]
    assert (error.path, error.line) == (str(path), 2)
    assert "nested too deeply" in error.message
    assert items[2].source == f"{path}#3"


def test_a_deeply_nested_line_does_not_stop_the_ingest(tmp_path: Path, fresh_db: Store) -> None:
    (tmp_path / "a-wire.jsonl").write_text(_jsonl({"text": JCS}, '{"text": ' + "[" * 100_000),
                                           encoding="utf-8")
    (tmp_path / "b-ministry.txt").write_text(MOD, encoding="utf-8")
    summary = Pipeline(fresh_db, extractor=FakeExtractor()).ingest([tmp_path], events=False)
    assert (summary.read, summary.new, summary.failed) == (2, 2, 1)
    assert summary.failures[0].line == 2 and "nested too deeply" in summary.failures[0].message


class _RecursingReader(Reader):
    """A reader whose parser recurses without end, as one could on a file built for it."""

    def _read(self, path: Path) -> Iterator[ReadResult]:
        def deeper(level: int) -> int:
            return deeper(level + 1)

        yield deeper(0)  # type: ignore[misc]


def test_a_reader_that_recurses_too_deeply_costs_that_file_only(tmp_path: Path) -> None:
    [error] = list(_RecursingReader().read(tmp_path / "deep.xml"))
    assert isinstance(error, IngestError)
    assert error.path == str(tmp_path / "deep.xml") and "nested too deeply" in error.message


# -- publication dates no report can have, and dates outside the missile era (finding 8) -----


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01T00:30+09:00", "1899-12-31",
                                   "9999-12-31", "9999-12-31T23:00-05:00", "3000-01-01",
                                   "Fri, 31 Dec 9999 23:00:00 -0500"])
def test_a_date_no_report_can_have_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=r"from 1900 to 2999\); check the year"):
        parse_published(value)


@pytest.mark.parametrize("value", ["1900-01-01", "1939-12-31", "2083-07-12T21:59:00+09:00",
                                   "2999-12-31", "2999-12-31T23:00-05:00"])
def test_a_date_merely_outside_the_missile_era_is_read(value: str) -> None:
    assert parse_published(value).isoformat().startswith(value[:10])


def test_a_text_header_dated_9999_is_refused_by_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "far.txt"
    path.write_text(f"Title: A launch\nPublished: 9999-12-31T23:00-05:00\n\n{JCS}\n",
                    encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, IngestError)
    assert (error.path, error.line, error.field) == (str(path), 2, "Published")
    assert "9999-12-31T23:00-05:00" in error.message and "check the year" in error.message


def test_a_pasted_header_dated_year_one_is_refused() -> None:
    with pytest.raises(IngestError, match="is not a date any report or launch") as caught:
        split_header(f"Published: 0001-01-01\n\n{JCS}")
    assert (caught.value.line, caught.value.field) == (1, "Published")


def test_a_jsonl_line_dated_year_one_is_refused_and_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(_jsonl({"text": JCS, "published": "0001-01-01T00:30+09:00"},
                           {"text": MOD, "published": "2022-10-04"}), encoding="utf-8")
    error, report = list(read_path(path))
    assert isinstance(error, IngestError) and isinstance(report, Report)
    assert (error.line, error.field) == (1, "published")
    assert report.published == datetime(2022, 10, 4)


def test_page_and_feed_dates_outside_the_era_are_left_out(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Launch</title><meta property='article:published_time' "
        "content='9999-12-31T23:00:00-05:00'></head><body><article><h1>Launch</h1>"
        f"<p>{JCS} {MOD} The launch was the third this month.</p></article></body></html>",
        encoding="utf-8")
    feed = tmp_path / "wire.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<item><guid>a1</guid><title>Launch</title><pubDate>Fri, 31 Dec 9999 23:00:00 -0500"
        f"</pubDate><description>{JCS}</description></item>"
        f"<item><guid>a2</guid><title>Ministry</title><pubDate>Tue, 04 Oct 2022 05:10:00 GMT"
        f"</pubDate><description>{MOD}</description></item></channel></rss>", encoding="utf-8")
    [from_page] = list(read_path(page))
    far, near = list(read_path(feed))
    assert isinstance(from_page, Report) and from_page.published is None
    assert far.published is None
    assert near.published == datetime(2022, 10, 4, 5, 10, tzinfo=timezone.utc)


# -- NUL characters (finding 12) ---------------------------------------------------------------
# One policy for every way in: NUL characters are removed from a report's text, as the API
# does; a file of which they make up much is UTF-16 or binary and is refused.


def test_a_report_made_in_code_has_its_nul_characters_removed() -> None:
    report = Report(source="web", text="North Korea\x00 fired", title="Launch\x00")
    assert (report.text, report.title) == ("North Korea fired", "Launch")
    assert report.content_hash == Report(source="web", text="North Korea fired",
                                         title="Launch").content_hash


@pytest.mark.parametrize(("name", "content"), [
    ("report.txt", f"Title: Launch\n\n{JCS[:11]}\x00{JCS[11:]}\n"),
    ("wire.jsonl", json.dumps({"text": JCS[:11] + "\x00" + JCS[11:], "title": "Launch"}) + "\n"),
    ("page.html", "<html><head><title>Launch</title></head><body><article><h1>Launch</h1>"
                  f"<p>{JCS[:11]}\x00{JCS[11:]} {MOD} The launch was the third this month.</p>"
                  "</article></body></html>"),
    ("wire.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item>"
                 f"<guid>a1</guid><title>Launch</title><description>{JCS[:11]}\x00{JCS[11:]}"
                 "</description></item></channel></rss>"),
])
def test_every_reader_removes_nul_characters(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [report] = list(read_path(path))
    assert isinstance(report, Report), report
    assert "\x00" not in report.text and "\ufffd" not in report.text
    assert JCS in report.text


def test_a_jsonl_line_of_nul_characters_only_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": "\x00\x00 \x00"}) + "\n", encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, IngestError) and "has no report text" in error.message


def test_a_utf16_feed_is_still_read_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "wide.rss"
    path.write_bytes(("<?xml version='1.0' encoding='utf-16'?><rss version='2.0'><channel>"
                      f"<title>Wire</title><item><guid>a1</guid><description>{JCS}"
                      "</description></item></channel></rss>").encode("utf-16"))
    [report] = list(read_path(path))
    assert isinstance(report, Report) and report.text == JCS


# -- implausible values (finding 12) -----------------------------------------------------------


def test_implausible_values_are_flagged_and_stored(tmp_path: Path, fresh_db: Store) -> None:
    (tmp_path / "far.txt").write_text(
        "North Korea fired a ballistic missile that flew 100000000000000000000000000000 km.",
        encoding="utf-8")
    (tmp_path / "near.txt").write_text(JCS, encoding="utf-8")
    summary = Pipeline(fresh_db, extractor=FakeExtractor()).ingest([tmp_path], events=False)
    assert (summary.new, summary.failed, summary.launches) == (2, 0, 2)
    [warning] = summary.warnings
    assert (warning.path, warning.field) == (str(tmp_path / "far.txt"), "distance_km")
    assert "1e+29 km" in warning.message and "kept" in warning.message
    assert fresh_db.count_launches() == 2
    assert summary.to_record()["warnings"] == [{
        "path": str(tmp_path / "far.txt"), "line": None, "field": "distance_km",
        "message": warning.message}]


def test_a_report_dated_in_the_future_is_flagged_and_stored(tmp_path: Path,
                                                           fresh_db: Store) -> None:
    (tmp_path / "later.txt").write_text(f"Published: 2083-07-12T21:59:00+09:00\n\n{JCS}\n",
                                        encoding="utf-8")
    pipeline = Pipeline(fresh_db, extractor=FakeExtractor(),
                        clock=lambda: datetime(2024, 6, 1, tzinfo=timezone.utc))
    summary = pipeline.ingest([tmp_path], events=False)
    assert (summary.new, summary.failed) == (1, 0)
    [warning] = summary.warnings
    assert (warning.path, warning.field) == (str(tmp_path / "later.txt"), "published")
    assert "lies after 2024-06-02 (tomorrow)" in warning.message and "kept" in warning.message


def test_a_launch_dated_9999_is_flagged(tmp_path: Path, fresh_db: Store) -> None:
    (tmp_path / "far.txt").write_text(JCS, encoding="utf-8")
    extractor = FakeExtractor(launches=lambda report: [
        Launch(country="North Korea", date_local=date(9999, 12, 28))])
    summary = Pipeline(fresh_db, extractor=extractor).ingest([tmp_path], events=False)
    [warning] = summary.warnings
    assert warning.field == "date_local" and "9999-12-28" in warning.message
    assert fresh_db.count_launches() == 1
