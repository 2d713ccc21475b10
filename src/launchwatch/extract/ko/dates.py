"""Dates and clock times as Korean reports write them.

Korean reports date a launch by the day of the month ("14일", "지난 27일"), by a word
("오늘", "이날", "어제", "전날") or in full ("2017년 2월 12일"), and time it by half of the day
and the clock ("오전 5시 27분께", "오후 0시 1분", "새벽 3시 17분쯤", "밤 11시", "정오께").  A day
alone is resolved against the report's reference day: the latest day of that number on or
before it.  "이날" (that day) is the day the text last named (the caller passes the reference
day where the text has named none).

A date is an *announcement* date, not a launch's, when a verb of saying follows it ("7일
보도했다", "29일 밝혔다") or it dates a publication ("31일자"): it says when a source spoke.
A month or a year without a day ("6월 발사한", "지난해"), and "당시" (at the time), point to
another launch than the one reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Literal

from ...model import latest_day_of_month
from .morphology import KoSentence

DateKind = Literal["full", "month_day", "day", "today", "that_day", "yesterday", "month",
                   "year", "last_year", "last_month"]

_DAY = re.compile(
    r"(?<![\d.])(?:(?P<last>지난|오는|이번|이달)\s*)?"
    r"(?:(?P<year>\d{4})\s*년\s*)?(?:(?P<month>\d{1,2})\s*월\s*)?"
    r"(?P<day>\d{1,2})\s*일(?![본대제정반원환단]|부(?!터))(?P<paper>자)?"
    r"(?!\s*(?:만|간|동안|째|이내|뒤|후|전|이상|가량|정도|사이|까지\s*사이))")
_MONTH = re.compile(r"(?<![\d.])(?:(?P<year>\d{4})\s*년\s*)?(?P<month>\d{1,2})\s*월"
                    r"(?!\s*\d{1,2}\s*일)(?!\s*(?:간|동안|만|째))")
_YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})\s*년(?!\s*\d{1,2}\s*월)(?!\s*(?:간|동안|만))")
_WORDS: dict[str, DateKind] = {"오늘": "today", "금일": "today", "이날": "that_day",
                               "당일": "that_day", "어제": "yesterday", "전날": "yesterday",
                               "지난해": "last_year", "작년": "last_year",
                               "지난달": "last_month", "전월": "last_month"}
_WORD = re.compile("|".join(_WORDS))
_QUOTE_OPEN = "\"'“‘「『"

# "오전 5시 27분께", "오후 0시 1분", "새벽 3시", "밤 11시 41분경", "7시10분쯤", "정오께".
_CLOCK = re.compile(
    r"(?:(?P<half>오전|오후|새벽|아침|밤|저녁|낮|심야)\s*)?(?<![\d:])(?P<hour>\d{1,2})\s*시"
    r"(?:\s*(?P<minute>\d{1,2})\s*분|\s*(?P<half_hour>반))?(?!\s*간)(?!\d)")
_NOON = re.compile(r"정오|자정")


@dataclass(frozen=True)
class DateMention:
    start: int          # offsets in the normalised text
    end: int
    kind: DateKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    announcement: bool = False

    @property
    def names_a_day(self) -> bool:
        return self.kind in ("full", "month_day", "day", "today", "that_day", "yesterday")


@dataclass(frozen=True)
class ClockMention:
    start: int
    end: int
    value: time


def date_mentions(sentence: KoSentence) -> list[DateMention]:
    """Every date the sentence writes, in text order."""
    text, base = sentence.text, sentence.start
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY.finditer(text):
        year = int(match["year"]) if match["year"] else None
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"])
        if not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
            continue
        kind: DateKind = "full" if year and month else "month_day" if month else "day"
        found.append(DateMention(base + match.start(), base + match.end(), kind, year, month,
                                 day, announcement=bool(match["paper"]) or
                                 _announced(sentence, match.end())))
        taken.append(match.span())
    for pattern, kind in ((_MONTH, "month"), (_YEAR, "year")):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            year = int(match["year"]) if match["year"] else None
            month = int(match["month"]) if "month" in pattern.groupindex and match["month"] \
                else None
            if month is not None and not 1 <= month <= 12:
                continue
            found.append(DateMention(base + match.start(), base + match.end(), kind, year,
                                     month))
            taken.append(match.span())
    for match in _WORD.finditer(text):
        found.append(DateMention(base + match.start(), base + match.end(),
                                 _WORDS[match.group()],
                                 announcement=_announced(sentence, match.end())))
    found.sort(key=lambda m: m.start)
    return found


def _announced(sentence: KoSentence, end: int) -> bool:
    """Whether a date ending at ``end`` (offset in the sentence) dates what a source said:
    a quote opens right after it, or the next word is a verb of saying ("7일 보도했다")."""
    rest = sentence.text[end:].lstrip()
    rest = re.sub(r"^\((?:현지시간|한국시간)\)\s*", "", rest)
    return rest[:1] in _QUOTE_OPEN or bool(_ANNOUNCING.match(rest))


_ANNOUNCING = re.compile(r"(?:보도|밝혔|밝히|발표|전했|전하|공개|공표|보고|주장|알렸|게재|설명|통보)")


_STAMP_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)"
                         r"\s*(?P<d>\d{1,2})(?!\d)")


def stamp_date(sentences: list[KoSentence]) -> date | None:
    """The page's own date: the first full date of a line of page furniture ("입력
    2016-10-16 07:55", "등록일 : 2023.04.14", "2024-05-28 09:24").  A full date in the story
    dates an event, not the page, and is not read here."""
    for sentence in sentences:
        if sentence.kind != "furniture":
            continue
        match = _STAMP_DATE.search(sentence.text)
        if match:
            found = _safe(int(match["y"]), int(match["m"]), int(match["d"]))
            if found is not None:
                return found
    return None


def resolve(mention: DateMention, reference: date | None,
            last_named: date | None) -> date | None:
    """The calendar day a mention names: a bare day is the latest such day on or before the
    reference day; "이날" is the day last named (else the reference day)."""
    if mention.kind == "full":
        return _safe(mention.year, mention.month, mention.day)  # type: ignore[arg-type]
    if mention.kind == "that_day":
        return last_named
    if reference is None:
        return None
    if mention.kind == "today":
        return reference
    if mention.kind == "yesterday":
        return reference - timedelta(days=1)
    if mention.kind == "month_day":
        candidate = _safe(reference.year, mention.month, mention.day)  # type: ignore[arg-type]
        if candidate is not None and candidate > reference + timedelta(days=1):
            candidate = _safe(reference.year - 1, mention.month, mention.day)  # type: ignore
        return candidate
    if mention.kind == "day":
        return latest_day_of_month(mention.day, reference,  # type: ignore[arg-type]
                                   days_after=1)
    return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def clock_mentions(sentence: KoSentence) -> list[ClockMention]:
    """Every clock time the sentence writes, read on the 24-hour clock: "오후 0시 1분" is
    12:01, "오후 12시 33분" 12:33, "밤 11시" 23:00, "정오" 12:00.  A time written with a colon
    ("오후 1:17") is a page's time stamp, not a report's, and is not read."""
    text, base = sentence.text, sentence.start
    found: list[ClockMention] = []
    for match in _CLOCK.finditer(text):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if match["half_hour"]:
            minute = 30
        half = match["half"]
        if half in ("오후", "밤", "저녁", "낮") and hour < 12:
            if not (half == "밤" and hour < 5) and not (half == "낮" and hour >= 11):
                hour += 12
        elif half in ("오전", "새벽") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            continue
        found.append(ClockMention(base + match.start(), base + match.end(), time(hour, minute)))
    for match in _NOON.finditer(text):
        value = time(12, 0) if match.group() == "정오" else time(0, 0)
        found.append(ClockMention(base + match.start(), base + match.end(), value))
    found.sort(key=lambda m: m.start)
    return found
