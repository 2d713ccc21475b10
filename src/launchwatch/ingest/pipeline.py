"""Ingest: read reports, skip those already stored, extract the launches of the rest, store each.

Duplicates are found by content hash before extraction, a few hundred reports per query, so a
re-ingest of a whole archive costs reading it and little more.  Each new report is stored with
its launches in its own transaction; a report that cannot be read, extracted or stored is
listed in the summary with the reason, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExtractionError, LaunchwatchError
from ..model import Extraction, Report
from .paths import read_paths
from .reader import ReadResult

if TYPE_CHECKING:
    from ..store import Store

Extractor = Callable[[Report], Extraction]
Progress = Callable[[int], None]

CHUNK_SIZE = 256


@dataclass
class IngestSummary:
    """What an ingest did: counts of reports, and each failure with where and why."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    launches: int = 0
    failures: list[LaunchwatchError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_record(self) -> dict[str, Any]:
        return {"read": self.read, "new": self.new, "duplicate": self.duplicate,
                "failed": self.failed, "launches": self.launches,
                "failures": [{"path": f.path, "line": f.line, "field": f.field,
                              "message": f.message} for f in self.failures]}


def default_extractor() -> Extractor:
    """``launchwatch.extract.extract_report``, imported only when an ingest needs it."""
    try:
        from ..extract import extract_report
    except ImportError as exc:
        raise ExtractionError(f"the extractor (launchwatch.extract.extract_report) cannot be "
                              f"loaded ({exc}); reinstall launchwatch") from None
    return extract_report


def ingest_paths(paths: Iterable[str | Path], store: Store, *, extractor: Extractor | None = None,
                 on_progress: Progress | None = None) -> IngestSummary:
    """Ingest the report files and folders ``paths`` into ``store``."""
    return ingest_reports(read_paths(paths), store, extractor=extractor, on_progress=on_progress)


def ingest_reports(items: Iterable[ReadResult], store: Store, *,
                   extractor: Extractor | None = None,
                   on_progress: Progress | None = None) -> IngestSummary:
    """Ingest reports (and record the read errors among them) into ``store``.

    ``extractor`` defaults to the real one; ``on_progress(n)`` is told of each item done.
    """
    extract = extractor or default_extractor()
    summary = IngestSummary()
    added: set[str] = set()
    for chunk in _chunks(items, CHUNK_SIZE):
        stored = store.existing_hashes(item.content_hash for item in chunk
                                       if isinstance(item, Report))
        for item in chunk:
            if isinstance(item, LaunchwatchError):
                summary.failures.append(item)
            else:
                summary.read += 1
                if item.content_hash in stored or item.content_hash in added:
                    summary.duplicate += 1
                else:
                    _ingest_new(item, store, extract, summary, added)
            if on_progress is not None:
                on_progress(1)
    return summary


def _ingest_new(report: Report, store: Store, extract: Extractor, summary: IngestSummary,
                added: set[str]) -> None:
    try:
        extraction = extract(report)
    except LaunchwatchError as exc:
        summary.failures.append(exc if exc.path else type(exc)(
            exc.message, path=report.source, line=exc.line, field=exc.field))
        return
    except Exception as exc:  # noqa: BLE001 - one report's extractor bug must not end the batch
        summary.failures.append(ExtractionError(
            f"the extractor failed on it ({type(exc).__name__}: {exc}); this is a bug in "
            "launchwatch, please report it with this report attached", path=report.source))
        return
    try:
        is_new = store.add(report, extraction)
    except LaunchwatchError as exc:
        summary.failures.append(exc)
        return
    if is_new:
        summary.new += 1
        summary.launches += len(extraction.launches)
        added.add(report.content_hash)
    else:
        summary.duplicate += 1


def _chunks(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk

