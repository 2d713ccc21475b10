"""Which reader reads which path: files by suffix (``.jsonl.gz``: what is inside, compressed),
folders recursively."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from .feed import FeedReader
from .html import HtmlReader
from .jsonl import JsonlReader
from .reader import Reader, ReadResult, file_suffix
from .text import TextReader
from .warc import WarcReader

FILE_READERS: tuple[Reader, ...] = (TextReader(), HtmlReader(), FeedReader(), JsonlReader(),
                                    WarcReader())
_BY_SUFFIX = {suffix: reader for reader in FILE_READERS for suffix in reader.suffixes}


class FolderReader(Reader):
    """Every report file under a folder, recursively, in sorted order.

    Hidden files and folders (``.git``, ``.DS_Store``) and files of other types are skipped.
    """

    def estimate(self, path: Path) -> int:
        return sum(_BY_SUFFIX[file_suffix(item)].estimate(item)
                   for item in self.files(path) if isinstance(item, Path))

    def files(self, folder: Path) -> Iterator[Path | IngestError]:
        """The report files under ``folder`` sorted by path, and an error per unreadable folder.

        A folder reached twice through symbolic links is walked once.
        """
        seen: set[Path] = set()

        def walk(current: Path) -> Iterator[Path | IngestError]:
            real = current.resolve()
            if real in seen:
                return
            seen.add(real)
            try:
                entries = sorted(current.iterdir(), key=lambda entry: entry.name)
            except OSError as exc:
                yield IngestError(f"is a folder that cannot be listed ({exc.strerror or exc}); "
                                  "check that you may read it", path=current)
                return
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    yield from walk(entry)
                elif file_suffix(entry) in _BY_SUFFIX:
                    yield entry

        return walk(folder)

    def _read(self, path: Path) -> Iterator[ReadResult]:
        for item in self.files(path):
            if isinstance(item, IngestError):
                yield item
            else:
                yield from _BY_SUFFIX[file_suffix(item)].read(item)


def reader_for(path: str | Path) -> Reader:
    """The reader for a file (by suffix) or folder; IngestError if there is none."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise IngestError("does not exist; check the path", path=path)
    if path.is_dir():
        return FolderReader()
    reader = _BY_SUFFIX.get(file_suffix(path))
    if reader is None:
        known = ", ".join(sorted(_BY_SUFFIX))
        raise IngestError(f"is not a kind of file launchwatch reads; give it one of the suffixes "
                          f"{known}", path=path)
    return reader


def read_path(path: str | Path) -> Iterator[ReadResult]:
    """Yield the reports under ``path`` and an IngestError for each part that cannot be read."""
    try:
        reader = reader_for(path)
    except IngestError as exc:
        yield exc
        return
    yield from reader.read(path)


def read_paths(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    for path in paths:
        yield from read_path(path)


def estimate_reports(paths: Iterable[str | Path]) -> int:
    """About how many reports ``paths`` hold (a progress bar's total), without parsing them."""
    total = 0
    for path in paths:
        try:
            total += reader_for(path).estimate(Path(path))
        except (IngestError, OSError):
            total += 1
    return total
