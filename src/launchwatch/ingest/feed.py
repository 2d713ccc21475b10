"""RSS and Atom feeds saved as files: one report per entry, read with feedparser."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser

from ..errors import IngestError
from ..model import Report, calendar_problem
from .header import ImplausibleDate, parse_published
from .html import html_fragment_text, plain_paragraphs
from .reader import Reader, ReadResult, without_stray_nul

_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(?:item|entry)[\s>]")


class FeedReader(Reader):
    """One report per entry: its content (or summary) as text, the feed's title as publisher.

    The file's bytes go to feedparser, never its name: given a string, feedparser would fetch
    URLs, and nothing is downloaded at run time.  Stray NUL characters are removed first
    (feedparser would make each a U+FFFD); a date no report can have (year 9999) is left out,
    as one that cannot be read is.
    """

    suffixes = frozenset({".xml", ".rss", ".atom"})

    def estimate(self, path: Path) -> int:
        try:
            return max(1, len(_ENTRY_TAG.findall(path.read_bytes())))
        except OSError:
            return 1

    def _read(self, path: Path) -> Iterator[ReadResult]:
        return feed_reports(path.read_bytes(), path)


def feed_reports(data: bytes, path: str | Path) -> Iterator[ReadResult]:
    """The reports of a feed's bytes (a saved file, or a fetched answer: ``path`` is its
    path or URL, named in errors and in the source of an entry without id or link); raises
    IngestError when the document as a whole is no feed."""
    try:
        parsed = feedparser.parse(without_stray_nul(data))
    except (ValueError, LookupError) as exc:
        # feedparser reads the XML declaration's encoding name as UTF-8 and looks it up
        # before its own error handling; a garbled declaration is the file's problem.
        raise IngestError(f"is not a readable RSS or Atom feed (its XML declaration names "
                          f"no usable encoding: {exc}); check that the file is the feed's "
                          "XML", path=path) from None
    if not parsed.entries:
        if parsed.bozo:
            raise IngestError(f"is not a readable RSS or Atom feed ({parsed.bozo_exception}); "
                              "check that the file is the feed's XML", path=path)
        raise IngestError("is a feed with no entries; there is nothing to ingest in it",
                          path=path)
    publisher = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        if not text:
            yield IngestError(f"entry {number} ({entry.get('title') or 'untitled'}) has no "
                              "text; the feed carries only its title", path=path)
            continue
        link = entry.get("link") or ""
        yield Report(source=entry.get("id") or link or f"{path}#entry-{number}",
                     text=text, title=entry.get("title") or None, publisher=publisher,
                     url=link if link.startswith(("http://", "https://")) else None,
                     published=_entry_published(entry))


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or ([entry["summary_detail"]] if "summary_detail" in entry
                                     else [])
    texts = []
    for part in parts:
        value = part.get("value") or ""
        texts.append(plain_paragraphs(value) if part.get("type") == "text/plain"
                     else html_fragment_text(value))
    return "\n".join(text for text in texts if text)


def _entry_published(entry: Any) -> datetime | None:
    """The time as the feed wrote it (keeping its UTC offset), else feedparser's UTC reading;
    None when it is none a report can have."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if raw:
            try:
                return parse_published(raw)
            except ImplausibleDate:
                return None
            except ValueError:
                pass
        parsed = entry.get(key + "_parsed")
        if parsed:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                return None
            return None if calendar_problem(moment.date()) else moment
    return None
