"""When things happened: date expressions, the launch date, and which clauses are background.

Reports mix today's launch with earlier ones ("On Thursday, it fired a Hwasong-17 that flew about
1,000 km").  Each date expression is resolved against the publication date; the first one
attached to the main launch statement fixes the launch date, and any clause that an expression
for another day introduces is *background*: its figures belong to another launch.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from ..model import latest_day_of_month
from .document import lowered, Document, Sentence

_MONTHS_FULL = ("January|February|March|April|May|June|July|August|September|October|"
                "November|December")
_MONTHS = (_MONTHS_FULL + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
           r"Oct\.?|Nov\.?|Dec\.?")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                       rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b(?!\s*(?:km|kilomet|mile|minute))")),
    ("dmy", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS})"
                       rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(rf"\b(?P<month>{_MONTHS_FULL})(?:\s+of)?\s+(?P<year>(?:19|20)\d\d)\b")),
    ("month", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Tt]his|[Uu]ntil"
                         rf"|[Bb]y|[Oo]f)\s+(?:early\s+|late\s+|mid-)?(?P<month>{_MONTHS_FULL})"
                         rf"\b(?!\s+\d)")),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Oo]f|[Uu]ntil|[Bb]efore)\s+(?P<year>(?:19|20)\d\d)"
                        r"\b(?!\s*(?:km|kilomet|mile))")),
    ("weekday", re.compile(rf"\b(?P<weekday>{_WEEKDAYS})(?:'s)?{_PART_OF_DAY}\b")),
    # "on the 31st" (a day of the month, as Korean news in English writes 31일): only where
    # a clause goes on after it, not "on the 75th anniversary" or "on the 10th of October".
    ("dom", re.compile(r"\b[Oo]n\s+the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
                       r"(?=\s*(?:[,.;:)]|$)|\s+(?:at|in|as|and|when|from|into|toward|towards|"
                       r"off|near|over|local|Korean|Korea|Seoul|Tokyo|Japan|morning|afternoon|"
                       r"evening|night)\b)")),
    ("relative", re.compile(r"\b(?P<rel>today|tonight|this morning|this afternoon|this evening|"
                            r"earlier today|yesterday|last night|the previous day|"
                            r"the day before)\b", re.IGNORECASE)),
]
_RELATIONS = ("since", "before", "after", "until", "by", "ahead of", "following", "eve of",
              "prior to", "than")
_REPORTING = frozenset({"said", "says", "say", "told", "reported", "announced", "stated",
                        "confirmed", "added", "claimed", "statement", "report", "reports",
                        "acknowledged", "admitted", "disclosed", "revealed", "published",
                        "released", "described", "called", "hailed", "touted"})
_DATELINE = re.compile(rf"^\s*[A-Z][\w .'/-]*?,\s+(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})"
                       r"(?:,\s*Juche\s+(?P<juche>\d+))?(?:\s*\((?P<year>\d{4})\))?")


@dataclass
class DateExpression:
    """A date written in the text and what it resolves to."""

    kind: str
    text: str
    start: int                 # token span in the document
    end: int
    day: date | None = None    # resolved calendar day
    year: int | None = None
    month: int | None = None
    day_of_month: int | None = None  # as written ("July 4": 4), resolved or not
    weekday: int | None = None
    relational: bool = False   # "since May 9": a reference point, not an event date
    reporting: bool = False    # "said on Friday": when it was said, not when it flew
    opens_when: bool = False   # "on May 9, when ...": introduces an event
    before_saying: bool = False  # "said Friday ... the previous day": the day before it

    @property
    def is_event_date(self) -> bool:
        return (not self.relational or self.opens_when) and not self.reporting

    def same_day(self, other: date | None, other_weekday: int | None = None) -> bool | None:
        """True/False when comparable with the launch day, None when it cannot say."""
        if other is not None:
            if self.day is not None:
                return self.day == other
            if self.month is not None and self.year is not None:
                return (self.year, self.month) == (other.year, other.month) or None
            if self.year is not None:
                return self.year == other.year or None
            if self.weekday is not None:
                return self.weekday == other.weekday()
            if self.month is not None:
                return None if self.month == other.month else False
            return None
        if self.weekday is not None and other_weekday is not None:
            return self.weekday == other_weekday
        return None


@lru_cache(maxsize=4096)
def _parse_month_day(text: str) -> tuple[int, int] | None:
    """Month and day of "Sept. 10" or "6 January" via dateparser (cached: it is slow)."""
    parsed = dateparser.parse(text, languages=["en"],
                              settings={"PREFER_DAY_OF_MONTH": "first",
                                        "RELATIVE_BASE": _FIXED_BASE,
                                        "REQUIRE_PARTS": ["day", "month"]})
    return (parsed.month, parsed.day) if parsed else None


# A leap year, so "February 29" parses; the year itself is discarded.
_FIXED_BASE = datetime(2000, 1, 1)
_MONTH_NUMBER = {name[:3].lower(): i + 1 for i, name in enumerate(_MONTHS_FULL.split("|"))}


def _month_of(text: str) -> int:
    return _MONTH_NUMBER[text[:3].lower()]


def _year_for(month: int, day: int | None, reference: date | None) -> int | None:
    """The year of a month/day written without one: the latest not after the reference."""
    if reference is None:
        return None
    candidate = date(reference.year, month, min(day or 1, 28))
    return reference.year if candidate <= reference + timedelta(days=1) else reference.year - 1


def reference_from_dateline(text: str) -> date | None:
    """'Pyongyang, January 12, Juche 111 (2022) (KCNA) --' gives the date it was written."""
    match = _DATELINE.match(text)
    if not match:
        return None
    year = match.group("year")
    if not year and match.group("juche"):
        year = str(int(match.group("juche")) + 1911)  # Juche 1 = 1912
    if not year:
        return None
    month_day = _parse_month_day(f"{match.group('month')} {match.group('day')}")
    if not month_day:
        return None
    try:
        return date(int(year), *month_day)
    except ValueError:
        return None


def dateline_month_day(text: str) -> tuple[int, int] | None:
    """The month and day of a dateline without a year ("TOKYO, Oct 04 (NHK) -") opening one of
    the text's first lines: the day the story was filed, in some year."""
    for line in text.lstrip().splitlines()[:_DATELINE_LINES]:
        match = _DATELINE.match(line)
        if match and not match.group("year") and not match.group("juche"):
            return _parse_month_day(f"{match.group('month')} {match.group('day')}")
    return None


_DATELINE_LINES = 4
"""A dateline opens the story's first paragraph, after at most a headline and a byline."""


def find_dates(document: Document, sentence: Sentence, reference: date | None,
               launch_words: frozenset[str],
               year_month: tuple[int, int] | None = None) -> list[DateExpression]:
    """Date expressions in ``sentence``, resolved against ``reference`` (the report's date).

    Without a reference, ``year_month`` (the year and month a URL shows) still gives a
    month and day ("July 4") its year."""
    doc = document.doc
    text = sentence.text
    base = sentence.char_start
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            lo, hi = match.span()
            if _overlaps(taken, lo, hi):
                continue
            span = doc.char_span(base + lo, base + hi, alignment_mode="expand")
            if span is None:
                continue
            against = reference
            if against is None and year_month is not None and kind in {"mdy", "dmy"}:
                against = _month_end(*year_month)
            expression = _resolve(kind, match, span.text, span.start, span.end, against)
            if expression is None:
                continue
            bisect.insort(taken, (lo, hi))
            _mark_relations(doc, sentence, expression, launch_words)
            found.append(expression)
    found.sort(key=lambda e: e.start)
    resolve_day_before(found)
    _date_the_weekday(found)
    return found


def _overlaps(taken: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """Does ``lo:hi`` overlap one of ``taken``, sorted spans that do not overlap each other?
    Only the last span starting before ``hi`` can."""
    k = bisect.bisect_left(taken, (hi, -1))
    return k > 0 and taken[k - 1][1] > lo


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _date_the_weekday(expressions: list[DateExpression]) -> None:
    """'Wednesday 30 September 2015', 'Tuesday, June 21': the weekday takes the date beside it."""
    for weekday, following in zip(expressions, expressions[1:]):
        if weekday.kind == "weekday" and following.day is not None and \
                following.kind in {"mdy", "dmy"} and following.start - weekday.end <= 1:
            weekday.day = following.day


def _resolve(kind: str, match: re.Match[str], text: str, start: int, end: int,
             reference: date | None) -> DateExpression | None:
    groups = match.groupdict()
    expression = DateExpression(kind=kind, text=text, start=start, end=end)
    if kind in {"mdy", "dmy"}:
        month_day = _parse_month_day(f"{groups['month']} {groups['day']}")
        if month_day is None:
            return None
        month, day = month_day
        year = int(groups["year"]) if groups.get("year") else _year_for(month, day, reference)
        expression.month = month
        expression.day_of_month = day
        if year is not None:
            try:
                expression.day = date(year, month, day)
            except ValueError:
                return None
            expression.year = year
    elif kind == "dom":
        expression.day_of_month = int(groups["day"])
        if reference is not None:
            expression.day = latest_day_of_month(expression.day_of_month, reference)
            if expression.day is None:
                return None
            expression.month, expression.year = expression.day.month, expression.day.year
    elif kind == "my":
        expression.month = _month_of(groups["month"])
        expression.year = int(groups["year"])
    elif kind == "month":
        expression.month = _month_of(groups["month"])
        expression.year = _year_for(expression.month, None, reference)
        if reference is not None and expression.month == reference.month:
            expression.year = reference.year
    elif kind == "year":
        expression.year = int(groups["year"])
    elif kind == "weekday":
        weekday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday"].index(groups["weekday"].lower())
        expression.weekday = weekday
        if reference is not None:
            expression.day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
    else:
        relative = groups["rel"].lower()
        expression.kind = "relative"
        if reference is not None:
            back = 1 if relative in {"yesterday", "last night", "the previous day",
                                     "the day before"} else 0
            expression.day = reference - timedelta(days=back)
    return expression


def _mark_relations(doc, sentence: Sentence, expression: DateExpression,
                    launch_words: frozenset[str]) -> None:
    before = " ".join(lowered(doc)[max(sentence.start, expression.start - 3):
                                            expression.start])
    lowered_text = expression.text.lower()
    expression.relational = any(before.endswith(r) or lowered_text.startswith(r + " ")
                                for r in _RELATIONS)
    after = lowered(doc)[expression.end:min(sentence.end, expression.end + 3)]
    expression.opens_when = "when" in after[:2] or after[:2] == [",", "which"]
    previous = lowered(doc)[max(sentence.start, expression.start - 2):
                                      expression.start]
    # "said Sunday's launch was ...": a possessive day names the launch's day.
    if expression.kind == "weekday" and expression.text.lower().endswith("'s"):
        return
    if any(w in _REPORTING for w in previous):
        expression.reporting = True
        return
    # "North Korea on Monday said it ...": the date of the statement.
    if after[:1] and after[0] in _REPORTING:
        expression.reporting = True
        return
    # "On Saturday, North Korean state media said the launch was ...": the date of the
    # statement, unless a launch verb comes before the reporting verb.
    if expression.start - sentence.start <= 1:
        for token in doc[expression.end:min(sentence.end, expression.end + 10)]:
            if token.lower_ in launch_words:
                break
            if token.lower_ in _REPORTING:
                expression.reporting = True
                break


def resolve_day_before(expressions: list[DateExpression]) -> None:
    """'said Friday it tested ... the previous day': the day before the statement's day.

    Resolved against the reporting date of the same sentence when it has one (the report's
    date otherwise, as :func:`_resolve` already did).  Where the statement's day is only a
    weekday (a page with no date of its own), the day before is the weekday before it: "on
    Tuesday hailed its test ... the previous day" tested on a Monday."""
    said = next((e for e in expressions
                 if e.reporting and (e.day is not None or e.weekday is not None)), None)
    if said is None:
        return
    for expression in expressions:
        if expression.kind == "relative" and expression.text.lower() in {
                "the day before", "the previous day"} and not expression.relational:
            expression.before_saying = True
            if said.day is not None:
                expression.day = said.day - timedelta(days=1)
            else:
                assert said.weekday is not None
                expression.weekday = (said.weekday - 1) % 7
