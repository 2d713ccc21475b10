"""JSON Lines: one report per line, ``{"text": ..., "title": ..., "published": ...}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..model import Report, without_nul
from .header import ImplausibleDate, parse_published
from .reader import Reader, ReadResult, decode_utf8, open_binary

_OPTIONAL_TEXT = ("title", "publisher", "url")


class JsonlReader(Reader):
    """One report per non-blank line (of the decompressed text for ``.jsonl.gz``); ``text`` is
    required, ``title``, ``publisher``, ``url`` and ``published`` are optional and other keys are ignored.  A bad line is reported with
    its number and the other lines go on; the report's source is ``path#line``.  NUL
    characters (``\\u0000``) are removed from the text, as from every report
    (:func:`~launchwatch.model.without_nul`).
    """

    suffixes = frozenset({".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"})

    def estimate(self, path: Path) -> int:
        try:
            with open_binary(path) as stream:
                return max(1, sum(1 for line in stream if line.strip()))
        except (OSError, EOFError):
            return 1

    def _read(self, path: Path) -> Iterator[ReadResult]:
        with open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                try:
                    yield jsonl_report(raw, path, number)
                except IngestError as exc:
                    yield exc


def jsonl_report(raw: bytes, path: Path, line: int) -> Report:
    """The report of one line (numbered ``line``) of a JSONL file, or an IngestError naming
    the line and what is wrong with it."""
    try:
        record = json.loads(decode_utf8(raw, path, line=line))
    except json.JSONDecodeError as exc:
        raise IngestError(f"is not valid JSON ({exc.msg} at column {exc.colno}); each line must "
                          "be one JSON object such as {\"text\": \"...\"}", path=path,
                          line=line) from None
    except RecursionError:
        # Python's decoder recurses once per level of nesting: '[' * 100000 would end the
        # whole ingest, not only this line.
        raise IngestError("is nested too deeply to be read (arrays or objects inside one "
                          "another past Python's recursion limit); each line must be one flat "
                          "JSON object such as {\"text\": \"...\"}", path=path,
                          line=line) from None
    if not isinstance(record, dict):
        raise IngestError(f"holds a JSON {type(record).__name__}, not an object; each line must "
                          "be one JSON object such as {\"text\": \"...\"}", path=path, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not without_nul(text).strip():
        raise IngestError("has no report text; give each line a non-empty \"text\" string",
                          path=path, line=line, field="text")
    fields: dict[str, Any] = {}
    for key in _OPTIONAL_TEXT:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"must be a string, not {json.dumps(value)}", path=path, line=line,
                              field=key)
        fields[key] = value or None
    published = record.get("published")
    if published is not None:
        try:
            fields["published"] = parse_published(str(published))
        except ImplausibleDate as exc:
            raise IngestError(f"{published!r} {exc}", path=path, line=line,
                              field="published") from None
        except ValueError as exc:
            raise IngestError(f"{published!r} is not a publication date ({exc}); write it as "
                              "YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00", path=path, line=line,
                              field="published") from None
    return Report(source=f"{path}#{line}", text=without_nul(text).strip(), **fields)
