"""Reports arriving over HTTP: pasted text, a JSON body or an uploaded file -> a ``Report``.

Pasted text goes through the same header parsing as a text file (a ``Title:`` /
``Published:`` block at the top is read), and an uploaded file through the ingest reader for
its suffix, so a report posted here is stored exactly as ``launchwatch ingest`` would store it.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from ..ingest import (FILE_READERS, ImplausibleDate, parse_published, read_path,
                      split_header)
from ..model import Report
from .errors import ApiError

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
UPLOAD_SUFFIXES = tuple(sorted({s for reader in FILE_READERS for s in reader.suffixes}))


@dataclass
class ReportFields:
    """What a client sent; every field but ``text`` optional."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None


def check_size(data: str | bytes, limit_bytes: int, field: str) -> None:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > limit_bytes:
        raise ApiError(413, "too_large", (
            f"The report is {size:,} bytes, more than the {limit_bytes:,} this server accepts; "
            "shorten it, or raise max_upload_bytes (LAUNCHWATCH_MAX_UPLOAD_BYTES)"), field=field)


def report_from_fields(fields: ReportFields, *, limit_bytes: int) -> Report:
    """A report from pasted text; fields given explicitly win over the text's own header."""
    check_size(fields.text, limit_bytes, "text")
    try:
        header, body = split_header(fields.text)
    except IngestError as exc:
        raise ApiError(422, "invalid", f"The header of the text: {exc.message}",
                       field="text") from None
    if not body.strip():
        raise ApiError(422, "invalid", "The report has no text; paste the story itself, not "
                       "only its header", field="text")
    published = header.published
    if fields.published and fields.published.strip():
        try:
            published = parse_published(fields.published)
        except ImplausibleDate as exc:
            raise ApiError(422, "invalid", f"{fields.published!r}: {exc}",
                           field="published") from None
        except ValueError:
            raise ApiError(422, "invalid", (
                f"{fields.published!r} is not a date; write it as YYYY-MM-DD or "
                "YYYY-MM-DDTHH:MM+09:00"), field="published") from None
    url = _blank_to_none(fields.url) or header.url
    if url and not url.startswith(("http://", "https://")):
        raise ApiError(422, "invalid", f"{url!r} is not a web address; give an http:// or "
                       "https:// URL, or leave it out", field="url")
    return Report(source=_blank_to_none(fields.source) or url or "web",
                  text=body, title=_blank_to_none(fields.title) or header.title,
                  publisher=_blank_to_none(fields.publisher) or header.publisher,
                  url=url, published=published)


def report_from_upload(filename: str | None, data: bytes, *, limit_bytes: int) -> Report:
    """A report from an uploaded file, read by the ingest reader for its suffix.

    A file holding several reports (a feed, JSON Lines) is refused: the web posts one report
    at a time; ``launchwatch ingest`` takes whole files.
    """
    check_size(data, limit_bytes, "file")
    name = _SAFE_NAME.sub("_", Path(filename or "report.txt").name) or "report.txt"
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise ApiError(415, "unsupported_media_type", (
            f"launchwatch cannot read {filename!r}; upload a file ending in "
            f"{', '.join(UPLOAD_SUFFIXES)}, or paste its text"), field="file")
    with tempfile.TemporaryDirectory(prefix="launchwatch-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        results = list(read_path(path))
    for result in results:
        if isinstance(result, IngestError):
            raise ApiError(422, "unreadable_report", result.message, field="file")
    if len(results) != 1:
        raise ApiError(422, "invalid", (
            f"{filename!r} holds {len(results)} reports; upload one report at a time here, or "
            "load the whole file with: launchwatch ingest FILE"), field="file")
    report = results[0]
    return report.model_copy(update={"source": f"upload:{name}"})


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
