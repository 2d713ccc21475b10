"""``Reading``: one report as the extractor has read it, in one record.

:meth:`.RuleExtractor.extract` builds it in one visible sequence, each step a function of what
the steps before it decided:

1. the report's page and its analysed body and title (:mod:`.page`, :mod:`.document`);
2. the relevance decision and its launch statement (:mod:`.relevance`);
3. the publishing authority and the page's own date (:mod:`.sources`, :mod:`.pagedate`);
4. the dateline and the launching state (:mod:`.launch_day`, :mod:`.launching_state`);
5. the reference date, the dates of every sentence and the launch day (:mod:`.launch_day`);
6. the background: the clauses about other launches (:mod:`.background`).

The field rules (:mod:`.figures`, :mod:`.places`, :mod:`.weapon`, :mod:`.launch_time`,
:mod:`.outcome`, :mod:`.sources`, :mod:`.recalled`) then read the finished record.  What they all ask of it (is
this token background, which sentences are foreground, the evidence behind a token span) are
its methods, so every rule asks the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from ..model import Evidence, Report
from .document import lowered, Document, Sentence
from .page import Page
from .pagedate import PageDate
from .relevance import Decision, Statement
from .timeframe import DateExpression


@dataclass(frozen=True)
class LaunchDay:
    """The day of the reported launch: a calendar day, or only a weekday ("on Monday") when
    the text gives no more, and the date expression that gave it (None when the day is the
    publication day)."""

    day: date | None
    weekday: int | None
    found: DateExpression | None


@dataclass(frozen=True)
class Background:
    """Token ranges whose facts belong to another launch than the reported one, each with the
    date expression that opened it ("On Jan. 14, it fired ...") or None where a phrase, not a
    date, did ("... in its last test")."""

    ranges: list[tuple[int, int]]
    openers: list[DateExpression | None]

    def holds(self, sentence: Sentence) -> bool:
        """Is every token of ``sentence`` background?"""
        return any(a <= sentence.start and sentence.end <= b for a, b in self.ranges)


@dataclass(frozen=True)
class Reading:
    """What was read from one launch report, in the order it was decided."""

    report: Report
    page: Page
    body: Document
    title: Document | None
    decision: Decision
    statement: Statement          # the main launch statement (``decision.statement``)
    publisher_authority: str | None  # "KCNA" when the report is North Korea's own account
    page_date: PageDate | None    # the page's own date, read when the header gives none
    dateline: int                 # token index just past "SEOUL, Nov. 22 --"; 0 if none
    country: str                  # the launching state
    reference: date | None        # the day the report was written
    dates: dict[int, list[DateExpression]]  # by sentence index
    launch_day: LaunchDay
    background: Background

    def in_background(self, token_index: int) -> bool:
        return any(a <= token_index < b for a, b in self.background.ranges)

    def words(self, sentence: Sentence) -> list[str]:
        """The lower-case words of a body sentence."""
        return lowered(self.body.doc)[sentence.start:sentence.end]

    def foreground(self) -> Iterator[Sentence]:
        """Sentences with at least one token that is not background, statement first."""
        first = self.statement.sentence if not self.statement.in_title else None
        ordered = ([first] if first is not None else []) + \
            [s for s in self.body.sentences if s is not first]
        for sentence in ordered:
            if not self.background.holds(sentence):
                yield sentence

    def in_text_order(self) -> list[Sentence]:
        """The sentences of :meth:`foreground`, in the order the text gives them."""
        return [s for s in self.body.sentences if not self.background.holds(s)]

    def evidence(self, start: int, end: int) -> Evidence:
        """The stored text behind body tokens ``start:end``, as evidence for a value."""
        char_start, char_end, text = self.body.char_span(start, end)
        return Evidence(start=char_start, end=char_end, text=text,
                        report_hash=self.report.content_hash)
