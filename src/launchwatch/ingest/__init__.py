"""Ingest: report files in, :class:`~launchwatch.model.Report`s out, and into the store.

Readers, one per format, all yielding reports (and an ``IngestError`` for each part of a file
they cannot read): :class:`TextReader` (plain text and Markdown with an optional ``Key: value``
header), :class:`HtmlReader`, :class:`FeedReader` (RSS and Atom), :class:`JsonlReader`
(also ``.jsonl.gz``), :class:`WarcReader` (the HTML pages of a web crawl) and
:class:`FolderReader`.  :func:`read_path` picks the reader for a path; :func:`ingest_batches`
extracts and stores what they read, a batch at a time
(:meth:`launchwatch.pipeline.Pipeline.ingest` runs it and fuses after each batch).
"""

from .feed import FeedReader
from .header import ImplausibleDate, has_time, parse_published, split_header
from .html import HtmlReader
from .jsonl import JsonlReader
from .paths import FILE_READERS, FolderReader, estimate_reports, read_path, read_paths, reader_for
from .batches import (ExtractFunction, IngestSummary, ReportSink, cpu_count, extract_safely,
                      ingest_batches)
from .reader import Reader, ReadResult
from .text import TextReader
from .warc import WarcReader

__all__ = [
    "ExtractFunction",
    "FILE_READERS",
    "FeedReader",
    "FolderReader",
    "HtmlReader",
    "ImplausibleDate",
    "IngestSummary",
    "JsonlReader",
    "ReadResult",
    "Reader",
    "ReportSink",
    "TextReader",
    "WarcReader",
    "cpu_count",
    "estimate_reports",
    "extract_safely",
    "has_time",
    "ingest_batches",
    "parse_published",
    "read_path",
    "read_paths",
    "reader_for",
    "split_header",
]
