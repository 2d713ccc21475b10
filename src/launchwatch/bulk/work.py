"""What a Dask worker does with one shard: read it, gate each page, extract the survivors.

The worker returns only the launch reports with their extractions (a few in a hundred pages of
an archive) and the counts, so that little travels back to the client, which stores them
(:mod:`launchwatch.bulk.archive`).  It writes nothing itself: SQLite takes one writer, and a
store written from the client alone needs no database access from the workers.

Module-level functions and picklable records only: the scheduler sends them to other
processes and machines.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import LaunchwatchError
from ..ingest import ExtractFunction, extract_safely
from ..model import Extraction, Report
from ..pipeline import load_extractor
from .gate import default_gate
from .shards import Shard


@dataclass
class ShardOutcome:
    """What one shard gave: its launch reports, its failures, and counts and seconds."""

    key: str
    fingerprint: str
    pages: int = 0  # reports read
    filtered: int = 0  # turned away by the gate
    extracted: int = 0  # read by the extractor
    found: list[tuple[Report, Extraction]] = field(default_factory=list)  # launch reports
    failures: list[LaunchwatchError] = field(default_factory=list)  # unreadable, unextractable
    read_s: float = 0.0
    gate_s: float = 0.0
    extract_s: float = 0.0


def process_shard(shard: Shard, *, extractor: ExtractFunction | None = None,
                  gate: bool = True, language: str | None = None) -> ShardOutcome:
    """Read ``shard``, gate and extract its reports (the default extractor when None, loaded
    once per worker process); ``language`` overrides each report's (``--lang``)."""
    extract = extractor if extractor is not None else load_extractor()
    admits: Callable[[Report], bool] = default_gate().admits if gate else _everything
    outcome = ShardOutcome(key=shard.key, fingerprint=shard.fingerprint)
    seen: set[str] = set()
    clock = time.perf_counter
    started = clock()
    for item in shard.read():
        if isinstance(item, LaunchwatchError):
            outcome.failures.append(item)
            continue
        outcome.pages += 1
        if item.content_hash in seen:  # a page twice in one shard is read once
            continue
        seen.add(item.content_hash)
        if language is not None:
            item = item.model_copy(update={"language": language})
        gated = clock()
        passed = admits(item)
        extracting = clock()
        outcome.gate_s += extracting - gated
        if not passed:
            outcome.filtered += 1
            continue
        outcome.extracted += 1
        extraction = extract_safely(extract, item)
        outcome.extract_s += clock() - extracting
        if isinstance(extraction, LaunchwatchError):
            outcome.failures.append(extraction)
        elif extraction.is_launch_report:
            outcome.found.append((item, extraction))
    outcome.read_s = clock() - started - outcome.gate_s - outcome.extract_s
    return outcome


def peak_memory_mb() -> float:
    """This process's peak resident memory, in MB (run on each worker at the end of a run)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes (getrusage(2) on each).
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _everything(_report: Report) -> bool:
    return True
