"""WARC files (web crawls, ISO 28500): each HTML page a crawler saved is one report.

A crawl holds much besides pages: the requests, the crawler's ``warcinfo`` and ``metadata``,
revisits, images, scripts, redirects.  Only a ``response`` record whose HTTP status is 200 and
whose content is HTML is a page; everything else is passed over without a word, since it is
what a crawl is made of, not a fault in it.  Each page goes through the same reading as an
HTML file (:func:`~launchwatch.ingest.html.html_report`), with the crawled address as its
source and URL.  ``.warc.gz`` (each record compressed on its own, as crawlers write it) is
read as it is.

warcio reads the records; it comes with the ``dask`` extra (``pip install
launchwatch[dask]``), since crawls are what bulk ingest reads, so it is imported only when a
WARC file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError
from .html import html_report
from .reader import Reader, ReadResult

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcReader(Reader):
    """One report per HTML response of a WARC file; a page without article text is an error
    naming the file and the page's address, and the other pages go on."""

    suffixes = frozenset({".warc", ".warc.gz"})

    def estimate(self, path: Path) -> int:
        # A crawl's pages are a few tens of kilobytes each; the progress bar needs no more.
        try:
            return max(1, path.stat().st_size // 50_000)
        except OSError:
            return 1

    def _read(self, path: Path) -> Iterator[ReadResult]:
        archive_iterator = _archive_iterator(path)
        with path.open("rb") as stream:
            try:
                for record in archive_iterator(stream):
                    if record.format != "warc":
                        # warcio reads the older ARC format too, and takes most text for it.
                        raise IngestError("is not a WARC file: its records do not begin with "
                                          "a WARC/1.0 or WARC/1.1 line; give WARC files the "
                                          "suffix .warc or .warc.gz", path=path)
                    page = _html_page(record)
                    if page is None:
                        continue
                    address, data = page
                    try:
                        yield html_report(data, Path(f"{path}#{address}"),
                                          source=address or str(path), url=address or None)
                    except IngestError as exc:
                        yield exc
            except Exception as exc:  # noqa: BLE001 - warcio raises its own and plain errors
                if isinstance(exc, (OSError, IngestError)):
                    raise
                raise IngestError(f"is not a WARC file that can be read ({type(exc).__name__}: "
                                  f"{exc}); the pages before this point were read",
                                  path=path) from None


def _html_page(record: Any) -> tuple[str, bytes] | None:
    """(address, page bytes) of an HTML response that succeeded, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    address = record.rec_headers.get_header("WARC-Target-URI") or ""
    # content_stream() undoes the chunked transfer and gzip content encodings.
    return address, record.content_stream().read()


def _archive_iterator(path: Path) -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise IngestError("is a WARC file, and reading WARC files needs warcio, which the "
                          "plain install leaves out: pip install launchwatch[dask]",
                          path=path) from None
    return ArchiveIterator
