"""The ``Reader`` role: one file in, :class:`~launchwatch.model.Report`s out.

A reader never raises for a bad file.  It yields the reports it could read and, in their place,
an :class:`~launchwatch.errors.IngestError` for each file, line or entry it could not read, so
that one bad file in a batch of thousands costs that file and nothing else.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from ..errors import IngestError
from ..model import Report

ReadResult = Report | IngestError


class Reader(ABC):
    """Reads one kind of file into reports; concrete readers are named ``{How}Reader``."""

    #: File name suffixes (lower case, with the dot) this reader is chosen for.
    suffixes: ClassVar[frozenset[str]] = frozenset()

    def read(self, path: str | Path) -> Iterator[ReadResult]:
        """Yield a report for each one the file holds, an error for each part it cannot read."""
        path = Path(path)
        try:
            yield from self._read(path)
        except IngestError as exc:
            yield exc
        except OSError as exc:
            yield IngestError(f"cannot be read ({exc.strerror or exc}); check that the file "
                              "exists and that you may read it", path=path)

    def estimate(self, path: Path) -> int:
        """About how many reports the file holds, cheaply (sizes the progress bar)."""
        return 1

    @abstractmethod
    def _read(self, path: Path) -> Iterator[ReadResult]:
        """Yield reports (or per-item errors); raise IngestError if the whole file is bad."""


def decode_utf8(data: bytes, path: Path, *, line: int | None = None) -> str:
    """The bytes as text, or an IngestError that names the file and the line of the bad byte.

    A UTF-8 byte-order mark is dropped.  NUL characters are refused: UTF-8 text never holds
    them, and a file that does is almost always UTF-16 or binary.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = line if line is not None else data.count(b"\n", 0, exc.start) + 1
        raise IngestError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
                          "save it as UTF-8 and ingest it again", path=path, line=where) from None
    if "\x00" in text:
        where = line if line is not None else text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError("contains NUL characters, so it looks like a UTF-16 or binary file; "
                          "save it as UTF-8 text and ingest it again", path=path, line=where)
    return text
