"""Shards: byte ranges of a JSONL file read every line once, numbered as in the whole file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from launchwatch.bulk.shards import plan_shards
from launchwatch.errors import IngestError
from launchwatch.ingest import read_path
from launchwatch.model import Report


def _lines(path: Path, count: int) -> Path:
    rows = []
    for k in range(count):
        # Lines of uneven length, a blank line and a bad one among them.
        rows.append("" if k == 7 else "{not json" if k == 11 else
                    json.dumps({"text": f"Page {k}: " + "words " * (k % 9)}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_byte_ranges_read_each_line_once_with_its_number(tmp_path: Path) -> None:
    path = _lines(tmp_path / "pages.jsonl", 40)
    shards, errors = plan_shards([path], partition_reports=6)
    assert errors == [] and len(shards) > 4
    whole = [(item.source, item.text) if isinstance(item, Report) else (item.path, item.line)
             for item in read_path(path)]
    ranged = [(item.source, item.text) if isinstance(item, Report) else (item.path, item.line)
              for shard in shards for item in shard.read()]
    assert ranged == whole


def test_compressed_files_and_crawls_are_one_shard_and_small_files_are_grouped(
        tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "one"}) + "\n" + json.dumps({"text": "two"}) + "\n")
    for k in range(5):
        (tmp_path / f"note-{k}.txt").write_text(f"Note {k}", encoding="utf-8")
    shards, errors = plan_shards([tmp_path, tmp_path / "missing.jsonl"], partition_reports=2)
    assert [type(error) for error in errors] == [IngestError]
    assert [len(shard.paths) for shard in shards] == [1, 2, 2, 1]
    assert [item.text for item in shards[0].read()] == ["one", "two"]  # type: ignore[union-attr]
    assert len({shard.key for shard in shards}) == len(shards)


def test_a_changed_file_has_another_fingerprint(tmp_path: Path) -> None:
    path = _lines(tmp_path / "pages.jsonl", 3)
    [before], _ = plan_shards([path], partition_reports=10)
    path.write_text(path.read_text(encoding="utf-8") + '{"text": "a new page"}\n',
                    encoding="utf-8")
    [after], _ = plan_shards([path], partition_reports=10)
    assert before.fingerprint != after.fingerprint
