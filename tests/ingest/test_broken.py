"""Files that cannot be read: each is reported by name with the reason, the others go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launchwatch.errors import IngestError
from launchwatch.ingest import read_path
from launchwatch.model import Report

from .helpers import BROKEN


def _errors(path: Path) -> list[IngestError]:
    return [item for item in read_path(path) if isinstance(item, IngestError)]


@pytest.mark.parametrize(("name", "line", "reason"), [
    ("latin1.txt", 3, "is not UTF-8 text (byte 0xfc cannot be decoded)"),
    ("bad-date.txt", 3, "'2023-02-30' is not a publication date"),
    ("no-text.html", None, "has no article text"),
    ("empty-feed.rss", None, "is a feed with no entries"),
    ("bad-line.jsonl", 2, "is not valid JSON"),
])
def test_broken_file_is_reported_by_name_line_and_reason(name: str, line: int | None,
                                                         reason: str) -> None:
    [error] = _errors(BROKEN / name)
    assert error.path == str(BROKEN / name)
    assert error.line == line
    assert reason in error.message
    assert str(error).startswith(str(BROKEN / name) + (f":{line}: " if line else ": "))


def test_a_bad_json_line_costs_that_line_only() -> None:
    items = list(read_path(BROKEN / "bad-line.jsonl"))
    assert [type(item) for item in items] == [Report, IngestError, Report]
    assert items[2].source == f"{BROKEN / 'bad-line.jsonl'}#3"


def test_a_folder_of_broken_files_goes_on_past_each() -> None:
    items = list(read_path(BROKEN))
    failed = sorted(Path(item.path).name for item in items if isinstance(item, IngestError))
    assert failed == ["bad-date.txt", "bad-line.jsonl", "empty-feed.rss", "latin1.txt",
                      "no-text.html"]
    assert sum(isinstance(item, Report) for item in items) == 2


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    [error] = _errors(tmp_path)
    assert error.path == str(tmp_path / "gone.txt")
    assert error.message.startswith("cannot be read (No such file or directory)")


def test_missing_path_and_unknown_type(tmp_path: Path) -> None:
    [missing] = _errors(tmp_path / "missing.txt")
    assert missing.message == "does not exist; check the path"
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    [unknown] = _errors(tmp_path / "report.pdf")
    assert "is not a kind of file launchwatch reads" in unknown.message
    assert ".jsonl" in unknown.message and ".html" in unknown.message


def test_utf16_text_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("North Korea fired a missile.".encode("utf-16-le"))
    [error] = _errors(path)
    assert "looks like a UTF-16 or binary file" in error.message


@pytest.mark.parametrize(("line", "field", "reason"), [
    ('["a list"]', None, "holds a JSON list, not an object"),
    ('{"title": "no text"}', "text", "has no report text"),
    ('{"text": "   "}', "text", "has no report text"),
    ('{"text": "x", "title": 7}', "title", "must be a string, not 7"),
    ('{"text": "x", "published": "yesterday"}', "published",
     "'yesterday' is not a publication date"),
])
def test_bad_jsonl_lines(tmp_path: Path, line: str, field: str | None, reason: str) -> None:
    path = tmp_path / "lines.jsonl"
    good = json.dumps({"text": "A missile flew 300 km."})
    path.write_text(f"{good}\n{line}\n{good.replace('300', '400')}\n", encoding="utf-8")
    items = list(read_path(path))
    assert [type(item) for item in items] == [Report, IngestError, Report]
    error = items[1]
    assert (error.line, error.field) == (2, field)
    assert reason in error.message


def test_bad_encoding_on_a_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n')
    items = list(read_path(path))
    assert isinstance(items[0], Report)
    assert items[1].line == 2 and "is not UTF-8 text" in items[1].message


def test_a_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("this is <<< not XML", encoding="utf-8")
    [error] = _errors(path)
    assert error.message.startswith("is not a readable RSS or Atom feed")


def test_a_feed_entry_without_text_is_reported_and_the_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>W</title>'
        "<item><title>Only a title</title><link>https://w.example/1</link></item>"
        "<item><title>T</title><description>A missile flew 500 km.</description></item>"
        "</channel></rss>", encoding="utf-8")
    error, report = list(read_path(path))
    assert isinstance(error, IngestError) and isinstance(report, Report)
    assert error.message.startswith("entry 1 (Only a title) has no text")
    assert report.text == "A missile flew 500 km."


def test_html_in_an_undeclared_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("<html><body><p>Hamh\u00fcng</p></body></html>".encode("latin-1"))
    [error] = _errors(path)
    assert "is not UTF-8 text" in error.message


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Title: Nothing below\n\n   \n", encoding="utf-8")
    [error] = _errors(path)
    assert error.message.startswith("holds no report text")
