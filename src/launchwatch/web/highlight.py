"""Evidence spans -> the pieces of a report's text to show plain or highlighted.

Spans may overlap (a count and a class in the same words) and may come from several fields;
the text is cut at every span boundary so each piece carries the set of fields that cover it.
The pieces are rendered by the template with autoescaping, so a report's own markup is text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .schemas import HighlightSpan


@dataclass(frozen=True)
class Piece:
    text: str
    start: int
    fields: tuple[str, ...] = ()

    @property
    def highlighted(self) -> bool:
        return bool(self.fields)


def merge_spans(spans: Iterable[tuple[int, int, str]], text_length: int) -> list[HighlightSpan]:
    """Non-overlapping, ordered spans, each with the sorted fields covering it.

    Spans outside the text are clipped; empty ones are dropped.
    """
    cuts: set[int] = set()
    clipped = []
    for start, end, field in spans:
        start, end = max(0, start), min(text_length, end)
        if start < end:
            clipped.append((start, end, field))
            cuts.update((start, end))
    bounds = sorted(cuts)
    merged: list[HighlightSpan] = []
    for left, right in zip(bounds, bounds[1:]):
        fields = sorted({field for start, end, field in clipped if start <= left and right <= end})
        if not fields:
            continue
        if merged and merged[-1].end == left and merged[-1].fields == fields:
            merged[-1] = HighlightSpan(start=merged[-1].start, end=right, fields=fields)
        else:
            merged.append(HighlightSpan(start=left, end=right, fields=fields))
    return merged


def pieces(text: str, spans: Iterable[HighlightSpan]) -> list[Piece]:
    """The whole text, cut into plain and highlighted pieces in order."""
    out: list[Piece] = []
    at = 0
    for span in sorted(spans, key=lambda s: s.start):
        start, end = max(span.start, at), min(span.end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append(Piece(text[at:start], at))
        out.append(Piece(text[start:end], start, tuple(span.fields)))
        at = end
    if at < len(text):
        out.append(Piece(text[at:], at))
    return out
