"""The background: clauses whose facts belong to another launch than the reported one.

Reports recall earlier launches beside the new one ("On Thursday, it fired a cruise missile
...", "In its last test, the missile flew 1,000 km"), and their figures must not be read as
the new launch's.  A clause turns to the background where a date that is not the launch day
opens it, where a background phrase ("last month", "in its last test") or an aggregate ("more
than 60 this year") begins, and turns back where the launch day is named again.  A sentence
that begins with a pronoun ("It flew ...") in the same paragraph goes on in the background
where the previous one ended in it.  Each range keeps the date that opened it, which is the
recalled launch's day (see :mod:`.recalled`).
"""

from __future__ import annotations

from .document import Document, Hit, Sentence, lowered
from .reading import Background, LaunchDay
from .relevance import Statement, aggregates
from .timeframe import DateExpression

_PRONOUN_STARTS = frozenset({"it", "they", "that", "those", "both", "each", "this"})

# Where a clause turns: (token index, turns to background?, the date that turns it).
_Switch = tuple[int, bool, DateExpression | None]


def find_background(body: Document, statement: Statement,
                    dates: dict[int, list[DateExpression]], launch_day: LaunchDay) -> Background:
    """Token ranges whose facts belong to another launch than the reported one."""
    ranges: list[tuple[int, int]] = []
    openers: list[DateExpression | None] = []
    previous_ended_background = False
    previous_paragraph = -1
    for sentence in body.sentences:
        first_word = sentence.span[0].lower_ if len(sentence.span) else ""
        inherit = (previous_ended_background and sentence.paragraph == previous_paragraph
                   and first_word in _PRONOUN_STARTS)
        switches = _switches(body, sentence, dates[sentence.index], launch_day)
        in_background = inherit
        mark = sentence.start
        opener = openers[-1] if inherit and openers else None
        for where, background, expression in switches:
            if sentence is statement.sentence and where <= statement.verb_start:
                continue
            if background and in_background and expression is not None and \
                    where > mark and (opener is None or opener.day != expression.day):
                # "on Jan. 14 ..., and on Jan. 17 ...": a second earlier launch.
                ranges.append((mark, where))
                openers.append(opener)
                mark, opener = where, expression
            elif background and not in_background:
                in_background, mark, opener = True, where, expression
            elif not background and in_background:
                ranges.append((mark, where))
                openers.append(opener)
                in_background = False
            elif background and opener is None:
                opener = expression
        if in_background:
            ranges.append((mark, sentence.end))
            openers.append(opener)
        previous_ended_background = in_background
        previous_paragraph = sentence.paragraph
    return Background(ranges, openers)


def _switches(body: Document, sentence: Sentence, dates: list[DateExpression],
              launch_day: LaunchDay) -> list[_Switch]:
    """Where the sentence turns to the background (another day's date, a background phrase,
    an aggregate) and back (the launch day's date), in text order."""
    switches: list[_Switch] = []
    for expression in dates:
        if not expression.is_event_date:
            continue
        same = expression.same_day(launch_day.day, launch_day.weekday)
        if same is False:
            where = expression.start
            if expression.opens_when and expression.relational:
                where = expression.end
            switches.append((where, True, expression))
        elif same is True and expression.kind not in {"year", "month", "my"}:
            switches.append((expression.start, False, None))
    # "the previous day" is a background phrase, but where it names the launch day (the
    # state's media, a day later) it is the launch's own date, not another launch's.
    launch_dates = [(d.start, d.end) for d in dates
                    if d.is_event_date and d.same_day(launch_day.day, launch_day.weekday)]
    for hit in sentence.hits:
        if hit.kind == "CUE" and hit.value == "background_phrases":
            if not any(a <= hit.start and hit.end <= b for a, b in launch_dates) and \
                    not _earlier_in_the_news(body, sentence, hit):
                switches.append((hit.start, True, None))
    if aggregates(body, sentence):
        switches.append((sentence.start, True, None))
    switches.sort(key=lambda item: (item[0], item[1]))
    return switches


def _earlier_in_the_news(body: Document, sentence: Sentence, hit: Hit) -> bool:
    """"Previously, the JCS announced that it had detected a missile ...": the sentence tells
    what was said earlier about the reported launch (Korean news in English writes 앞서 so),
    not of an earlier launch; "Previously, the North had fired ..." does not."""
    lower = lowered(body.doc)
    return hit.start == sentence.start and lower[hit.start] == "previously" and \
        hit.end < sentence.end and lower[hit.end] == "," and \
        any(h.kind == "CUE" and h.value == "reporting_verbs" for h in sentence.hits)
