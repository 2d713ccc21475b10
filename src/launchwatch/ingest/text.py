"""Plain text and Markdown reports, with an optional ``Key: value`` header block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import IngestError
from ..model import Report
from .header import split_header
from .reader import Reader, ReadResult, decode_utf8


class TextReader(Reader):
    """One report per file; the header block (Title, Publisher, Published, URL) is optional.

    Markdown is kept as written: the extractor's evidence spans point into the text as stored.
    """

    suffixes = frozenset({".txt", ".text", ".md", ".markdown"})

    def _read(self, path: Path) -> Iterator[ReadResult]:
        text = decode_utf8(path.read_bytes(), path)
        header, body = split_header(text, path)
        if not body:
            raise IngestError("holds no report text (only a header or nothing at all); add the "
                              "text after a blank line below the header", path=path)
        yield Report(source=str(path), text=body, title=header.title,
                     publisher=header.publisher, url=header.url, published=header.published)
