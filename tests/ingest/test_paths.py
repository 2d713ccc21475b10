"""Which reader reads which path, and how folders are walked."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchwatch.errors import IngestError
from launchwatch.ingest import (FeedReader, FolderReader, HtmlReader, JsonlReader, TextReader,
                                estimate_reports, read_path, reader_for)
from launchwatch.model import Report

from .helpers import FORMATS


@pytest.mark.parametrize(("name", "reader"), [
    ("a.txt", TextReader), ("a.md", TextReader), ("a.text", TextReader),
    ("a.html", HtmlReader), ("a.HTM", HtmlReader),
    ("a.xml", FeedReader), ("a.rss", FeedReader), ("a.atom", FeedReader),
    ("a.jsonl", JsonlReader), ("a.ndjson", JsonlReader),
])
def test_reader_by_suffix(tmp_path: Path, name: str, reader: type) -> None:
    (tmp_path / name).write_text("x", encoding="utf-8")
    assert type(reader_for(tmp_path / name)) is reader


def test_folders_are_read_recursively_sorted_skipping_hidden_and_other_files(
        tmp_path: Path) -> None:
    def write(relative: str) -> None:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"A missile report kept in {relative}.", encoding="utf-8")

    for relative in ["b.txt", "a/z.md", "a/b.txt", ".hidden.txt", ".git/c.txt", "c/notes.pdf",
                     "c/d.txt"]:
        write(relative)
    assert type(reader_for(tmp_path)) is FolderReader
    sources = [item.source for item in read_path(tmp_path)]
    assert sources == [str(tmp_path / p) for p in ["a/b.txt", "a/z.md", "b.txt", "c/d.txt"]]


def test_a_folder_linked_into_itself_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("A missile.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    items = list(read_path(tmp_path))
    assert [item.source for item in items] == [str(tmp_path / "r.txt")]


def test_estimate_counts_lines_and_entries_without_parsing() -> None:
    assert estimate_reports([FORMATS]) == 10
    assert estimate_reports([FORMATS / "reports.jsonl", FORMATS / "wire.rss",
                             FORMATS / "missing.txt"]) == 3 + 2 + 1


def test_read_path_takes_strings(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("A missile.", encoding="utf-8")
    [report] = read_path(str(tmp_path / "r.txt"))
    assert isinstance(report, Report) and report.source == str(tmp_path / "r.txt")


def test_errors_are_yielded_not_raised(tmp_path: Path) -> None:
    items = list(read_path(tmp_path / "nope"))
    assert len(items) == 1 and isinstance(items[0], IngestError)
