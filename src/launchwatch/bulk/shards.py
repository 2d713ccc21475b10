"""An archive cut into shards: the units of work a Dask task reads, and that the ledger records.

- A plain JSONL file (``.jsonl``, ``.ndjson``) is cut into byte ranges of about
  ``partition_reports`` lines; a line belongs to the range it starts in, so the ranges read
  every line once and no task reads the whole file.  Its reports keep the sources the JSONL
  reader gives them (``path#line``).
- A compressed file (``.jsonl.gz``) or a crawl (``.warc``, ``.warc.gz``) cannot be entered in
  the middle: it is one shard (an archive in many such files spreads over the workers).
- Small files (text, HTML, feeds) are grouped ``partition_reports`` to a shard.

A shard's ``key`` names it (the file, and the byte range); its ``fingerprint`` is the size and
modification time of its files, so that a shard whose file changed is read again.  Reading is
the ingest readers' (:func:`launchwatch.ingest.read_path`, and
:func:`launchwatch.ingest.jsonl.jsonl_report` for a range of lines).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from ..ingest import FolderReader, ReadResult, read_path, reader_for
from ..ingest.jsonl import jsonl_report
from ..ingest.reader import file_suffix

_SPLIT_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_ALONE_SUFFIXES = frozenset({".jsonl.gz", ".ndjson.gz", ".warc", ".warc.gz"})
_SAMPLE_BYTES = 1 << 20  # read to estimate the bytes per line of a JSONL file
_COUNT_BLOCK_BYTES = 8 << 20


@dataclass(frozen=True)
class Shard:
    """One unit of work: a byte range of a JSONL file, or whole files."""

    key: str
    fingerprint: str
    paths: tuple[str, ...]
    start: int = 0  # byte range [start, end) of paths[0]; end None: whole files
    end: int | None = None
    pages: int = 0  # about how many reports it holds (a progress bar's measure)

    def read(self) -> Iterator[ReadResult]:
        """Its reports, and an IngestError for each part that cannot be read."""
        if self.end is None:
            for path in self.paths:
                yield from read_path(path)
        else:
            yield from _read_range(Path(self.paths[0]), self.start, self.end)


def plan_shards(paths: Iterable[str | Path],
                partition_reports: int) -> tuple[list[Shard], list[IngestError]]:
    """The shards of ``paths`` (files and folders, read recursively), and an error for each
    path that cannot be read at all."""
    shards: list[Shard] = []
    errors: list[IngestError] = []
    small: list[Path] = []
    for file in _files(paths, errors):
        suffix = file_suffix(file)
        if suffix in _SPLIT_SUFFIXES:
            shards.extend(_ranges(file, partition_reports))
        elif suffix in _ALONE_SUFFIXES:
            shards.append(Shard(key=str(file), fingerprint=_fingerprint([file]),
                                paths=(str(file),), pages=_estimate(file)))
        else:
            small.append(file)
    for first in range(0, len(small), partition_reports):
        group = small[first:first + partition_reports]
        key = str(group[0]) if len(group) == 1 else f"{group[0]} .. {group[-1]} ({len(group)} files)"
        shards.append(Shard(key=key, fingerprint=_fingerprint(group),
                            paths=tuple(str(file) for file in group), pages=len(group)))
    return shards, errors


def _files(paths: Iterable[str | Path], errors: list[IngestError]) -> Iterator[Path]:
    """Every report file under ``paths``, resolved, each once."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        try:
            reader = reader_for(path)
        except IngestError as exc:
            errors.append(exc)
            continue
        found = FolderReader().files(path) if isinstance(reader, FolderReader) else [path]
        for item in found:
            if isinstance(item, IngestError):
                errors.append(item)
                continue
            resolved = item.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield resolved


def _fingerprint(files: list[Path]) -> str:
    parts = []
    for file in files:
        try:
            stat = file.stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append("missing")
    if len(parts) == 1:
        return parts[0]
    return hashlib.sha256("\n".join(parts).encode("ascii")).hexdigest()[:32]


def _estimate(file: Path) -> int:
    try:
        return reader_for(file).estimate(file)
    except (IngestError, OSError):
        return 1


def _ranges(file: Path, partition_reports: int) -> list[Shard]:
    """Byte ranges of about ``partition_reports`` lines each, from the first megabyte's lines
    (no task reads the whole file to plan)."""
    fingerprint = _fingerprint([file])
    try:
        size = file.stat().st_size
        with file.open("rb") as stream:
            sample = stream.read(_SAMPLE_BYTES)
    except OSError:
        return [Shard(key=str(file), fingerprint=fingerprint, paths=(str(file),), pages=1)]
    bytes_per_line = max(1, len(sample) // max(1, sample.count(b"\n")))
    step = max(1, bytes_per_line * partition_reports)
    shards = []
    for start in range(0, max(size, 1), step):
        end = min(size, start + step)
        shards.append(Shard(key=f"{file}@{start}-{end}", fingerprint=fingerprint,
                            paths=(str(file),), start=start, end=end,
                            pages=max(1, (end - start) // bytes_per_line)))
    return shards


def _read_range(path: Path, start: int, end: int) -> Iterator[ReadResult]:
    """The reports of the lines that start in [start, end), numbered as in the whole file."""
    try:
        with path.open("rb") as stream:
            position = 0
            if start > 0:
                # The line running across ``start`` belongs to the range before.
                stream.seek(start - 1)
                position = start - 1 + len(stream.readline())
            line = _lines_before(path, position) + 1
            while position < end:
                raw = stream.readline()
                if not raw:
                    break
                position += len(raw)
                if raw.strip():
                    try:
                        yield jsonl_report(raw, path, line)
                    except IngestError as exc:
                        yield exc
                line += 1
    except OSError as exc:
        yield IngestError(f"cannot be read ({exc.strerror or exc}); check that the file exists "
                          "and that you may read it", path=path)


def _lines_before(path: Path, position: int) -> int:
    """How many lines end before byte ``position`` (a C-speed count, no parsing)."""
    count = 0
    with path.open("rb") as stream:
        left = position
        while left > 0:
            block = stream.read(min(left, _COUNT_BLOCK_BYTES))
            if not block:
                break
            count += block.count(b"\n")
            left -= len(block)
    return count
