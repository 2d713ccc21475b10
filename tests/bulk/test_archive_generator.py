"""The synthetic news archive of the bulk-ingest bench (bench/archive_generator.py): seeded,
the mix it promises, and pages the JSONL reader and the extractor take as real input."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from launchwatch.extract import extract_report
from launchwatch.ingest import read_path
from launchwatch.model import Report

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    name = "bench_archive_generator"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" /
                                                      "archive_generator.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[name]


generator = _generator()


def test_the_same_seed_writes_the_same_archive_byte_for_byte(tmp_path: Path) -> None:
    first = generator.write_archive(tmp_path / "a", 3_000, seed=7, shard_pages=1_000)
    again = generator.write_archive(tmp_path / "b", 3_000, seed=7, shard_pages=1_000, jobs=2)
    other = generator.write_archive(tmp_path / "c", 3_000, seed=8, shard_pages=1_000)
    assert [p.read_bytes() for p in first.shards] == [p.read_bytes() for p in again.shards]
    assert first.shards[0].read_bytes() != other.shards[0].read_bytes()


def test_shards_hold_the_pages_asked_for_and_the_manifest_counts_them(tmp_path: Path) -> None:
    archive = generator.write_archive(tmp_path, 2_500, seed=1, shard_pages=1_000)
    assert [p.name for p in archive.shards] == ["shard-0000.jsonl", "shard-0001.jsonl",
                                                "shard-0002.jsonl"]
    assert [len(p.read_text(encoding="utf-8").splitlines()) for p in archive.shards] == \
        [1_000, 1_000, 500]
    assert archive.pages == 2_500
    reread = generator.read_archive(tmp_path)
    assert reread is not None and reread.topics == archive.topics


def test_a_half_written_archive_is_not_taken_for_a_cached_one(tmp_path: Path) -> None:
    archive = generator.cached_archive(1_200, seed=3, cache=tmp_path, shard_pages=500)
    archive.shards[-1].unlink()  # as if a run was killed while writing
    assert generator.read_archive(archive.folder) is None
    rewritten = generator.cached_archive(1_200, seed=3, cache=tmp_path, shard_pages=500)
    assert all(p.is_file() for p in rewritten.shards)


def test_the_mix_is_two_percent_launch_reports_with_some_in_japanese_and_korean() -> None:
    records = list(generator.shard_records(seed=16, shard=0, count=20_000))
    topics = Counter(r["topic"] for r in records)
    assert topics["launch"] / len(records) == pytest.approx(0.02, abs=0.003)
    assert topics["missile-news"] / len(records) == pytest.approx(0.04, abs=0.005)
    assert set(topics) >= {"space", "word-trap", "economy", "sport", "weather", "culture",
                           "politics", "science"}
    languages = Counter(r.get("language", "en") for r in records if r["topic"] == "launch")
    assert languages["ja"] > 0 and languages["ko"] > 0 and languages["en"] > 0.8 * sum(
        languages.values())


def test_every_line_is_a_report_to_the_jsonl_reader_and_texts_rarely_repeat(
        tmp_path: Path) -> None:
    archive = generator.write_archive(tmp_path, 5_000, seed=2, shard_pages=5_000)
    results = list(read_path(archive.shards[0]))
    reports = [r for r in results if isinstance(r, Report)]
    assert len(reports) == len(results) == 5_000
    assert all(r.published is not None and r.title and r.url for r in reports)
    assert 1990 <= min(r.published.year for r in reports)  # type: ignore[union-attr]
    assert max(r.published.year for r in reports) <= 2026  # type: ignore[union-attr]
    distinct = {r.content_hash for r in reports}
    assert len(distinct) >= 0.999 * len(reports)


def test_launch_pages_name_the_gazetteers_sites_and_the_lexicons_missile_classes() -> None:
    vocabulary = generator.vocabulary()
    site_names = {site.name for sites in vocabulary.sites.values() for site in sites}
    weapons = {m.name for ms in vocabulary.missiles.values() for m in ms} | {
        phrase for phrase, *_ in generator.CLASSES.values()}
    records = [r for r in generator.shard_records(seed=4, shard=0, count=5_000)
               if r["topic"] == "launch" and "language" not in r]
    assert records
    for record in records:
        assert any(name in record["text"] for name in site_names), record["text"]
        assert any(weapon in record["text"] for weapon in weapons), record["text"]


def test_the_extractor_finds_the_launches_and_no_launch_in_general_news() -> None:
    records = list(generator.shard_records(seed=9, shard=0, count=3_000))
    launches = [r for r in records if r["topic"] == "launch"][:30]
    general = [r for r in records if r["topic"] in generator.GENERAL_TOPICS][:30]

    def is_launch_report(record: dict[str, str]) -> bool:
        report = Report(source="generated", text=record["text"], title=record["title"])
        return extract_report(report).is_launch_report

    assert len(launches) == 30 and all(map(is_launch_report, launches))
    assert not any(map(is_launch_report, general))


def test_a_record_is_one_json_object_per_line_with_the_readers_keys(tmp_path: Path) -> None:
    archive = generator.write_archive(tmp_path, 50, seed=5, shard_pages=50)
    for line in archive.shards[0].read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert {"text", "title", "publisher", "url", "published", "topic"} <= set(record)
