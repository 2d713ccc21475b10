"""Stable ids of context events: the same entry read twice gets the same id, so importing a
calendar again replaces its rows instead of adding them twice."""

from __future__ import annotations

import hashlib
import re
from datetime import date

_SLUG_CHARS = 48


def context_id(origin: str, kind: str, start: date, name: str) -> str:
    """``origin:kind:start:slug-hash``: readable, and unique for each name (the slug is cut
    short; the hash of the whole name keeps two long names that begin alike apart)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:_SLUG_CHARS].rstrip("-")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{origin}:{kind}:{start.isoformat()}:{slug}-{digest}"


def report_context_id(report_hash: str, start_char: int) -> str:
    """A report's context item: the report and where in its text the item's words start."""
    return f"report:{report_hash[:16]}:{start_char}"
