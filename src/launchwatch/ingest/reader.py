"""The ``Reader`` role: one file in, :class:`~launchwatch.model.Report`s out.

A reader never raises for a bad file.  It yields the reports it could read and, in their place,
an :class:`~launchwatch.errors.IngestError` for each file, line or entry it could not read, so
that one bad file in a batch of thousands costs that file and nothing else.

NUL characters, one policy for every reader and the API: a stray NUL is removed
(:func:`~launchwatch.model.without_nul`); a file of which NULs make up more than one character
in :data:`NUL_SHARE_WIDE` is UTF-16, UTF-32 or binary rather than text, and is refused with a
message to save it as UTF-8.
"""

from __future__ import annotations

import gzip
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, ClassVar

from ..errors import IngestError
from ..model import Report, without_nul

ReadResult = Report | IngestError

NUL_SHARE_WIDE = 8
"""Text in which more than one character in this many is NUL is not UTF-8 with stray NULs:
UTF-16 of Latin text is half NULs, UTF-32 three quarters."""


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
        except EOFError:
            yield IngestError("ends before its compressed data does (a truncated .gz file); "
                              "copy or download it again", path=path)
        except RecursionError:
            # Parsers recurse once per level of nesting; a file built to exhaust the stack
            # must cost that file, not the batch.
            yield IngestError("is nested too deeply to be read (elements inside one another "
                              "past Python's recursion limit); it is not a report as a "
                              "publisher writes one, so leave it out", path=path)

    def estimate(self, path: Path) -> int:
        """About how many reports the file holds, cheaply (sizes the progress bar)."""
        return 1

    @abstractmethod
    def _read(self, path: Path) -> Iterator[ReadResult]:
        """Yield reports (or per-item errors); raise IngestError if the whole file is bad."""


def file_suffix(path: Path) -> str:
    """The suffix a reader is chosen by, in lower case: ``.jsonl``, and ``.jsonl.gz`` for a
    gzip-compressed file (the suffix before ``.gz`` names what is inside)."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return path.suffix.lower()


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when its name ends in ``.gz``, so that an
    archive's shards need not be unpacked on disk first."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def decode_utf8(data: bytes, path: Path, *, line: int | None = None) -> str:
    """The bytes as text, or an IngestError that names the file and the line of the bad byte.

    A UTF-8 byte-order mark is dropped, and so are stray NUL characters; text made largely of
    NULs is refused, since it is almost always UTF-16 or binary (module docstring).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = line if line is not None else data.count(b"\n", 0, exc.start) + 1
        raise IngestError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
                          "save it as UTF-8 and ingest it again", path=path, line=where) from None
    if "\x00" in text:
        if _is_wide(text):
            where = line if line is not None else text.count("\n", 0, text.index("\x00")) + 1
            raise IngestError("contains NUL characters, so it looks like a UTF-16 or binary "
                              "file; save it as UTF-8 text and ingest it again", path=path,
                              line=where)
        text = without_nul(text)
    return text


def _is_wide(text: str) -> bool:
    """Whether NULs make up so much of ``text`` that it is UTF-16, UTF-32 or binary."""
    return text.count("\x00") * NUL_SHARE_WIDE > len(text)


def without_stray_nul(data: bytes) -> bytes:
    """The bytes without NUL when they are UTF-8 text with a few stray NULs; otherwise as
    they are (for a parser that reads the encoding a file declares, as feedparser does)."""
    if b"\x00" not in data:
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return data if _is_wide(text) else data.replace(b"\x00", b"")
