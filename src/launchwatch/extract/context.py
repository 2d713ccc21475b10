"""Political context a report ties to a launch: visits, exercises, summits, Security Council
meetings, sanctions, elections, anniversaries and warnings.

The lexicon's context phrases find the trigger; the item's text is the clause around it, which
names who, where and what ("during the visit of U.S. Secretary of State Antony Blinken to South
Korea").
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..model import ContextItem, Evidence
from .document import lowered, Document, Sentence
from .lexicon import Lexicon

# Quotes do not end a clause: 'warned it would take "unprecedented measures" over drills'.
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "--", "(", ")"})
_LEADING_FILLER = frozenset({"and", "but", "while", "which", "also"})
_LAUNCH_DRILL = frozenset({"launching", "firing", "launch", "salvo", "fire", "test"})
_MAX_CHARS = 220


def find_context(document: Document, lexicon: Lexicon, sentences: Iterable[Sentence],
                 in_background: Callable[[int], bool], report_hash: str) -> list[ContextItem]:
    doc = document.doc
    items: list[ContextItem] = []
    seen: set[tuple[int, int]] = set()
    for sentence in sentences:
        for hit in sentence.of_kind("CONTEXT"):
            if in_background(hit.start):
                continue
            kind = hit.value
            if kind == "exercise" and hit.start > sentence.start and \
                    lowered(doc)[hit.start - 1] in _LAUNCH_DRILL:
                continue  # "a launching drill" is the launch itself
            start, end = _clause(document, sentence, hit.start, hit.end)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            char_start, char_end, text = document.char_span(start, end)
            full_text = text
            if len(text) > _MAX_CHARS:
                text = text[:_MAX_CHARS].rsplit(" ", 1)[0] + " ..."
            items.append(ContextItem(kind=kind if kind in _KINDS else "other", text=text,
                                     evidence=Evidence(start=char_start, end=char_end,
                                                       text=full_text, report_hash=report_hash)))
    return items


_KINDS = {"visit", "exercise", "summit", "un_security_council", "statement", "sanctions",
          "election", "anniversary", "meeting"}


def _clause(document: Document, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    lower = lowered(document.doc)  # punctuation reads the same in lower case
    left = start
    while left > sentence.start and lower[left - 1] not in _CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < sentence.end and lower[right] not in _CLAUSE_BREAKS and lower[right] != ".":
        right += 1
    while left < start and lower[left] in _LEADING_FILLER:
        left += 1
    return left, right
