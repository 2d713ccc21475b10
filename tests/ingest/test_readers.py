"""Every reader, on a sample of its format written for these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from launchwatch.ingest import (FILE_READERS, FeedReader, FolderReader, HtmlReader, JsonlReader,
                                Reader, TextReader, WarcReader, has_time)
from launchwatch.model import Report, content_hash

from .helpers import FORMATS

KST = timezone(timedelta(hours=9))

# (reader, sample, number of reports in it): one case per reader at least.
CASES = [
    (TextReader(), FORMATS / "launch.md", 1),
    (TextReader(), FORMATS / "dateline.txt", 1),
    (HtmlReader(), FORMATS / "article.html", 1),
    (FeedReader(), FORMATS / "wire.rss", 2),
    (FeedReader(), FORMATS / "bulletins.atom", 2),
    (JsonlReader(), FORMATS / "reports.jsonl", 3),
    (FolderReader(), FORMATS, 10),
    # An HTML page among a crawl's other records (tests/bulk/test_warc.py's write_crawl).
    (WarcReader(), FORMATS.parent / "crawl" / "news.warc.gz", 1),
]


def _reports(reader: Reader, path: Path) -> list[Report]:
    items = list(reader.read(path))
    assert all(isinstance(item, Report) for item in items), items
    return items


def test_every_reader_has_a_case() -> None:
    readers = {type(reader) for reader in FILE_READERS} | {FolderReader}
    assert readers == {type(reader) for reader, _, _ in CASES}


@pytest.mark.parametrize(("reader", "path", "count"), CASES,
                         ids=[f"{type(r).__name__}-{p.name}" for r, p, _ in CASES])
def test_reader_yields_reports_with_text_source_and_hash(reader: Reader, path: Path,
                                                         count: int) -> None:
    reports = _reports(reader, path)
    assert len(reports) == count
    assert reader.estimate(path) == count
    for report in reports:
        assert report.text.strip() == report.text and report.text
        assert report.source
        assert report.content_hash == content_hash((report.title or "") + "\n" + report.text)
    assert len({report.content_hash for report in reports}) == count


def test_markdown_header_fills_the_fields_and_is_not_text() -> None:
    [report] = _reports(TextReader(), FORMATS / "launch.md")
    assert report.title == "North Korea fires two short-range missiles toward the East Sea"
    assert report.publisher == "Harbor Light News (invented)"
    assert report.url == "https://news.example.org/2023/03/14/two-missiles"
    assert report.published == datetime(2023, 3, 14, 9, 20, tzinfo=KST)
    assert report.published.utcoffset() == timedelta(hours=9)
    assert report.source == str(FORMATS / "launch.md")
    assert report.text.startswith("# Two missiles fired from Jangyon\n")
    assert "Publisher" not in report.text and "Author" not in report.text


def test_a_dateline_is_text_not_a_header() -> None:
    [report] = _reports(TextReader(), FORMATS / "dateline.txt")
    assert report.title is None and report.published is None
    assert report.text.startswith("SEOUL: A North Korean missile")
    assert report.text.endswith("near Sunan.")


def test_html_main_text_and_metadata() -> None:
    [report] = _reports(HtmlReader(), FORMATS / "article.html")
    assert report.title == "Missile overflies Japan for first time in five years"
    assert report.publisher == "Eastern Sea Observer"
    assert report.url == "https://observer.example.net/world/2022/10/04/overflight"
    assert report.published == datetime(2022, 10, 4, 8, 5, tzinfo=KST)
    assert "travelled around 4,500 km" in report.text
    assert "Sport" not in report.text and "Copyright" not in report.text
    # Paragraphs stay apart, lines within one are joined.
    assert "\nThe missile travelled" in report.text
    assert "that crossed over northern Japan" in report.text


def test_rss_entries() -> None:
    first, second = _reports(FeedReader(), FORMATS / "wire.rss")
    assert first.source == "wire-2024-0114-01"  # the guid
    assert second.source == "https://wire.example.com/2024/01/24/cruise"  # no guid: the link
    assert first.publisher == second.publisher == "Peninsula Wire (invented)"
    assert first.title == "Ballistic missile fired into Yellow Sea"
    assert first.url == "https://wire.example.com/2024/01/14/yellow-sea"
    assert first.published == datetime(2024, 1, 14, 15, 40, tzinfo=KST)
    assert first.published.utcoffset() == timedelta(hours=9)
    assert first.text == ("North Korea fired a ballistic missile from the Pyongyang area at "
                          "about 2:55 p.m. on Sunday.\nIt flew some 1,000 km, the Joint Chiefs "
                          "of Staff said.")


def test_atom_entries() -> None:
    first, second = _reports(FeedReader(), FORMATS / "bulletins.atom")
    assert first.source == "urn:example:defence-bulletins:2023-07-12"
    assert first.url == "https://bulletins.example.jp/2023/07/12.html"
    assert first.published == datetime(2023, 7, 12, 11, 30, tzinfo=KST)
    assert first.publisher == "Defence Bulletins (invented)"
    assert first.text.startswith("At around 10:00 today North Korea launched one ballistic "
                                 "missile of ICBM class")
    assert "\nIt flew about 1,000 km" in first.text
    # A plain-text summary, no link and only an <updated> time.
    assert second.url is None
    assert second.published == datetime(2023, 7, 12, 15, 0, tzinfo=KST)
    assert second.text == ("The missile is estimated to have landed about 250 km west of "
                           "Okushiri Island, outside the exclusive economic zone.")


def test_jsonl_lines() -> None:
    first, second, third = _reports(JsonlReader(), FORMATS / "reports.jsonl")
    path = FORMATS / "reports.jsonl"
    # Line 2 is blank: sources keep the real line numbers.
    assert [r.source for r in (first, second, third)] == [f"{path}#1", f"{path}#3", f"{path}#4"]
    assert first.title == "Short-range launch"
    assert first.publisher == "Wire One (invented)"
    assert first.url == "https://one.example.org/a"
    assert first.published == datetime(2022, 5, 12)
    assert not has_time(first.published)
    assert second.published == datetime(2022, 5, 12, 18, 46, tzinfo=KST)
    assert has_time(second.published)
    assert third.title is None and third.published is None


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    body = ("<p>North Korea fired a missile from Hamh\u00fcng that flew about 600 km before "
            "falling into the sea, the military said on Thursday morning.</p>") * 3
    page.write_bytes(f'<html><head><meta charset="iso-8859-1"></head><body><article>{body}'
                     "</article></body></html>".encode("latin-1"))
    [report] = _reports(HtmlReader(), page)
    assert "Hamh\u00fcng" in report.text


def test_html_site_name_from_the_page_title(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    body = ("<p>North Korea fired two missiles from the Hamju area early on Thursday; both flew "
            "about 450 km before falling into the sea, the military said.</p>") * 3
    page.write_text("<html><head><title>Two missiles fired | Harbour Courier</title>"
                    '<meta property="og:title" content="Two missiles fired"></head><body>'
                    f"<article><h1>Two missiles fired</h1>{body}</article></body></html>",
                    encoding="utf-8")
    [report] = _reports(HtmlReader(), page)
    assert (report.title, report.publisher) == ("Two missiles fired", "Harbour Courier")
