"""When it flew: the day a report was written, the dates it gives, and the launch day.

A report's dates are relative to the day it was written ("on Monday", "last week"), so that
day comes first: the header's publication date in the launching state's zone, else the page's
own (URL, date line, dateline), else a KCNA-style dateline with a Juche year.  Every sentence's
dates are then resolved against it; a dateline ("SEOUL, May 28 --") says when the story was
filed, not when anything flew.  The launch day is the first event date the most trusted
sentences give, in the order :func:`find_launch_day` lists.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from spacy.tokens import Doc

from ..model import DayHint, Evidence, PublishedDate, Report
from .document import lowered, Document, Sentence
from .fields import mentions_missile
from .launching_state import launching_state_speaks
from .lexicon import Lexicon
from .pagedate import PageDate, url_year_month
from .reading import LaunchDay, Reading
from .relevance import Statement, mentions_launch
from .timeframe import (DateExpression, dateline_month_day, find_dates,
                        reference_from_dateline)

_SAYING_GOVERNORS = frozenset({"announced", "announces", "confirmed", "confirms", "reported",
                               "claimed", "claims", "acknowledged", "hailed"})
_LEDE_PARAGRAPHS = 2
# "SEOUL, Feb. 18 (Yonhap) --", "WASHINGTON —", "PAPEETE, France (AFP) —",
# "Seoul, Jan. 7 (Jiji Press)--", "Seoul:": a place in capitals, or a place followed by a date
# or an agency in brackets, then a dash or a colon.  A lede that opens "North Korea fired two
# missiles Monday — ..." is none.
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"^\s*(?:[A-Z]{2,}[A-Z.'/&-]*(?:[ ,]+[A-Z][\w.'/&-]*){0,4}"
    rf"|[A-Z][\w.'/&-]*(?:[ ,]+[A-Z][\w.'/&-]*){{0,3}},\s*{_MONTH_ABBR}\s*\d{{1,2}}"
    r"|[A-Z][\w.'/&-]*(?:[ ,]+[A-Z][\w.'/&-]*){0,3}(?=\s*\())"
    r"(?:,\s*[A-Z]?[\w.' ]{0,20}\d{0,2})?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–|-\s|:\s)")


def published_date(report: Report, page_date: PageDate | None) -> PublishedDate | None:
    """Where the report's date came from, for the record."""
    if report.published is not None:
        return PublishedDate(day=report.published.date(), source="header")
    if page_date is None:
        return None
    evidence = None
    if page_date.start is not None and page_date.end is not None:
        evidence = Evidence(start=page_date.start, end=page_date.end,
                            text=report.text[page_date.start:page_date.end],
                            report_hash=report.content_hash)
    return PublishedDate(day=page_date.day, source=page_date.source, evidence=evidence)


def reference_date(published: datetime | None, page_date: PageDate | None, body: Document,
                   local_zone: str | None) -> date | None:
    """The day the report was written: its header's (in the launching state's zone, where
    the header gives a time zone), else the page's own (URL, date line, dateline), else a
    KCNA-style dateline with a Juche year."""
    if published is not None:
        if published.tzinfo is not None and local_zone:
            published = published.astimezone(ZoneInfo(local_zone))
        return published.date()
    if page_date is not None:
        return page_date.day
    return reference_from_dateline(body.doc.text.lstrip())


def dateline_end(body: Document) -> int:
    """Token index just past a dateline ("SEOUL, Nov. 22 --", "Seoul, Jan. 7 (Jiji Press)--",
    "WASHINGTON —"), at the start of the first sentence of the story; 0 when there is none."""
    if not body.sentences:
        return 0
    first = body.sentences[0]
    match = _DATELINE.match(first.text)
    if match is None:
        return 0
    span = body.doc.char_span(first.char_start + match.start(), first.char_start + match.end(),
                              alignment_mode="expand")
    return span.end if span is not None else 0


def dates_by_sentence(body: Document, reference: date | None, url: str | None,
                      dateline: int, lexicon: Lexicon) -> dict[int, list[DateExpression]]:
    """The date expressions of every body sentence, by sentence index, resolved against
    ``reference``; without one, a URL's year and month give a month and day their year."""
    launch_words = lexicon.words("launch_verbs")
    year_month = url_year_month(url) if reference is None else None
    dates = {s.index: find_dates(body, s, reference, launch_words, year_month)
             for s in body.sentences}
    for expression in dates.get(0, []):
        if expression.end <= dateline:
            expression.reporting = True  # "SEOUL, May 28 --": when it was filed
    return dates


def stale_header(found: PageDate | None, launch_day: LaunchDay, reference: date | None) -> bool:
    """Does the article contradict a stray header date it was resolved against?

    Some pages carry a "date 2024-01-19" string that belongs to another article (the
    weakest of the page's dates, see :mod:`.pagedate`).  A report comes out within a day
    of the launch it reports, so a weekday or "yesterday" that the header date puts two days
    or more before it says the header is not this article's."""
    if found is None or found.source != "header-string" or reference is None:
        return False
    day, expression = launch_day.day, launch_day.found
    return day is not None and expression is not None and \
        expression.kind in {"weekday", "relative"} and (reference - day).days > 1


def find_launch_day(statement: Statement, body: Document, title: Document | None,
                    dates: dict[int, list[DateExpression]], dateline: int,
                    reference: date | None, published: bool, country: str,
                    lexicon: Lexicon) -> LaunchDay:
    """The launch day, from the first of these that gives one:

    1. the statement's own event date ("fired ... on Monday");
    2. an event date in a sentence about the launch in the first two paragraphs;
    3. the day a neighbour's military or government said it ("..., the ministry said on
       Monday": they report a launch the day it happens; the launching state's own media
       report it later, so their day is no launch day);
    4. an event date in a sentence about the launch further into the lede;
    5. the headline's date; else the day the report was published (``published``: the
       reference is a header's or page's date, not a dateline's), unless the statement puts
       the launch at some earlier time ("last month"): then the day is unknown.
    """
    own, said = _statement_dates(statement, body.doc, dates, dateline, country)
    near, far = _lede_dates(statement.sentence, body, dates, lexicon)
    headline = _headline_dates(title, reference, lexicon)
    month_day = None
    for expression in own + near + said + far + headline:
        if expression.kind in {"year", "month", "my"}:
            continue
        if expression.day is not None:
            return LaunchDay(expression.day, expression.day.weekday(), expression)
        if expression.weekday is not None:
            return LaunchDay(None, expression.weekday, expression)
        month_day = month_day or expression
    if reference is not None and published and not _at_some_earlier_time(statement):
        return LaunchDay(reference, reference.weekday(), None)
    # "on July 4" with no year to give it: no day, but the month and day for fusion to match
    # (:func:`day_hint`).
    return LaunchDay(None, None, month_day)


def day_hint(reading: Reading) -> DayHint | None:
    """What the report states of an undated launch's day: the weekday or the month and day
    the launch day's expression gives, and the year and month its URL was filed under (where
    the report has no date of its own to count from).  None when the launch is dated or the
    report states nothing of its day."""
    launch_day = reading.launch_day
    if launch_day.day is not None:
        return None
    found = launch_day.found
    return DayHint.stated(
        year=found.year if found else None,
        month=found.month if found else None,
        day=found.day_of_month if found else None,
        weekday=launch_day.weekday,
        filed_in=url_year_month(reading.report.url) if reading.reference is None else None,
        filed_on=dateline_month_day(reading.body.doc.text) if reading.reference is None
        else None,
        evidence=reading.evidence(found.start, found.end)
        if found is not None and found.start < len(reading.body.doc) else None)


def _at_some_earlier_time(statement: Statement) -> bool:
    """Does the statement place the launch before the report without saying when ("conducted
    a test-firing last month, a source said Thursday")?"""
    return not statement.in_title and any(
        h.kind == "CUE" and h.value == "background_phrases" for h in statement.sentence.hits)


def _statement_dates(statement: Statement, doc: Doc, dates: dict[int, list[DateExpression]],
                     dateline: int, country: str
                     ) -> tuple[list[DateExpression], list[DateExpression]]:
    """The statement's own event dates, and the dates on which it says someone said so."""
    own: list[DateExpression] = []
    said: list[DateExpression] = []
    if statement.in_title:
        return own, said
    sentence = statement.sentence
    announced = _announced_noun(statement, doc)
    for d in dates[sentence.index]:
        if d.is_event_date and (d.day or d.weekday is not None or d.month
                                 or d.day_of_month):
            # "announced the launch of X on Friday": the day of the announcement; but "hailed
            # the test of X the previous day" counts back from it to the test's day.
            announcement = announced and d.start > statement.verb_start and not d.before_saying
            (said if announcement else own).append(d)
        elif d.reporting and (d.day or d.weekday is not None) and not d.relational \
                and d.start >= dateline:
            said.append(d)
    if _at_some_earlier_time(statement) or launching_state_speaks(doc, sentence, country):
        said = []  # "... last month, a source said Thursday"; "KCNA said on Friday"
    return own, said


def _lede_dates(statement: Sentence, body: Document, dates: dict[int, list[DateExpression]],
                lexicon: Lexicon) -> tuple[list[DateExpression], list[DateExpression]]:
    """Event dates of the other sentences about the launch: in the first two paragraphs
    (near) and in the two after them (far)."""
    near: list[DateExpression] = []
    far: list[DateExpression] = []
    for sentence in body.sentences:
        if sentence is statement or sentence.paragraph > _LEDE_PARAGRAPHS + 2:
            continue
        if not mentions_launch(body, sentence, lexicon) and \
                not (sentence.paragraph == 0 and mentions_missile(body.doc, sentence)):
            continue
        # "The Saturday launch comes two days before ...": dates after a background
        # phrase belong to another event.
        cut = min((h.start for h in sentence.hits
                   if h.kind == "CUE" and h.value == "background_phrases"),
                  default=sentence.end)
        found = [d for d in dates[sentence.index]
                 if d.is_event_date and (d.day or d.weekday is not None) and d.start < cut]
        (near if sentence.paragraph < _LEDE_PARAGRAPHS else far).extend(found)
    return near, far


def _headline_dates(title: Document | None, reference: date | None,
                    lexicon: Lexicon) -> list[DateExpression]:
    """The headline's event dates with a calendar day."""
    headline: list[DateExpression] = []
    if title is None:
        return headline
    launch_words = lexicon.words("launch_verbs")
    for sentence in title.sentences:
        headline += [d for d in find_dates(title, sentence, reference, launch_words)
                     if d.is_event_date and d.day]
    return headline


def _announced_noun(statement: Statement, doc: Doc) -> bool:
    """Is the statement 'X announced/confirmed the launch of ...' (a noun statement
    brought in by a verb of saying, whose dates are the saying's)?"""
    if statement.form != "noun":
        return False
    start = max(statement.sentence.start, statement.verb_start - 10)
    return bool(set(lowered(doc)[start:statement.verb_start]) & _SAYING_GOVERNORS)
