"""Report metadata written by people: the ``Key: value`` header block and publication dates.

A text report may open with a header block, lines such as::

    Title: North Korea fires ballistic missile over Japan
    Publisher: Pacific Wire Service
    Published: 2022-10-04T07:50+09:00
    URL: https://example.org/2022/10/04/launch

ended by the first blank line.  The block is a header only if every line in it is ``Key: value``
and at least one key is one launchwatch knows, so that a story opening with a dateline
("SEOUL: North Korea fired ...") is not mistaken for one.

Publication dates: a date alone (``2022-10-04``) becomes midnight with no time zone, and that is
the convention for "the date is known, the time is not"; a date with a time keeps the time and,
when given, the UTC offset.  A date no report can have (year 1, year 9999:
:func:`launchwatch.model.calendar_problem`) is refused as :class:`ImplausibleDate`; one merely
outside the missile era is read, and the ingest flags it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import IngestError
from ..model import calendar_problem

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}):[ \t]*(.*?)\s*$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Header keys (lower case) and the Report field each fills.  "source" is a publisher's name
# ("Source: Yonhap") unless it is a link.
_KEYS = {
    "title": "title", "headline": "title",
    "publisher": "publisher", "agency": "publisher", "site": "publisher",
    "published": "published", "date": "published",
    "url": "url", "link": "url",
    "source": "source",
    "author": None, "byline": None, "language": None, "tags": None,
}


class ImplausibleDate(ValueError):
    """A publication date that reads as a date but is none a report can have."""


@dataclass
class Header:
    """The fields a header block gave; ``fields`` holds every line of it by lower-case key."""

    title: str | None = None
    publisher: str | None = None
    published: datetime | None = None
    url: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


def split_header(text: str, path: str | Path | None = None) -> tuple[Header, str]:
    """Split a text report into its header (possibly empty) and its body.

    Raises IngestError, naming the line, when a ``Published:`` value is not a date.
    """
    lines = text.splitlines()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    block = [_HEADER_LINE.match(line) for line in lines[start:end]]
    if not block or not all(block) or not any(m[1].strip().lower() in _KEYS for m in block):
        return Header(), text.strip()

    header = Header()
    for offset, match in enumerate(block):
        name, value = match[1].strip(), match[2]
        key = name.lower()
        header.fields[key] = value
        target = _KEYS.get(key)
        if not value or target is None or target == "source":
            continue
        if target == "published":
            try:
                header.published = parse_published(value)
            except ImplausibleDate as exc:
                raise IngestError(f"{value!r} {exc}", path=path, line=start + offset + 1,
                                  field=name) from None
            except ValueError as exc:
                raise IngestError(f"{value!r} is not a publication date ({exc}); write it as "
                                  "YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00", path=path,
                                  line=start + offset + 1, field=name) from None
        elif getattr(header, target) is None:
            setattr(header, target, value)
    source = header.fields.get("source")
    if source and source.startswith(("http://", "https://")):
        header.url = header.url or source
    elif source:
        header.publisher = header.publisher or source
    return header, "\n".join(lines[end:]).strip()


def parse_published(value: str) -> datetime:
    """A publication date or time as a datetime; raises ValueError with the reason.

    Accepts ISO 8601 (``2022-10-04``, ``2022-10-04T14:10+09:00``, ``...Z``) and the RFC 2822
    form of RSS feeds and e-mail (``Tue, 04 Oct 2022 05:10:00 GMT``).  A date no report can
    have raises :class:`ImplausibleDate`, a ValueError (module docstring).
    """
    published = _parse_datetime(value.strip())
    problem = calendar_problem(published.date())
    if problem:
        raise ImplausibleDate(f"{problem}; check the year, or leave the date out")
    return published


def _parse_datetime(value: str) -> datetime:
    if _DATE_ONLY.match(value):
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    try:
        return datetime.fromisoformat(value)
    except ValueError as iso_error:
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            raise iso_error from None


def has_time(published: datetime) -> bool:
    """False for a date given without a time (stored as midnight with no time zone)."""
    return not (published.tzinfo is None and published.time() == datetime.min.time())
