"""The launch's day and clock time from a Japanese report, in Pyongyang's terms.

Japanese reports give days of the month ("6日", "同日" for the day just named, "本日", "けさ")
against the publication date, and clock times in Japan Standard Time ("午前7時39分ごろ",
"午後0時1分" = 12:01, "14時50分頃").  The time is converted to the launching state's zone on
that day (:class:`launchwatch.model.ZonedTime`: North Korea's UTC+8:30 from 2015-08-15 to
2018-05-04), and the day follows the converted time.

A time the text bounds ("14時50分頃までに": by about 14:50) or rounds ("午前7時前") is no
launch time; neither are times of the impact, of an overflight or of an announcement, which
come after the launch word's clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from ...model import local_clock
from ..languages import CjkSentence

_DATE = re.compile(r"(?:(?P<y>\d{4})年\s?)?(?:(?P<m>\d{1,2})月\s?)?(?P<d>\d{1,2})日(?!間|本|付|号|目|連続|ぶり|後|以内|以来|分|程度)")
_RELATIVE = re.compile(r"本日|きょう|今日|けさ|今朝|今夜|今晩|昨日|きのう|昨夜|前日|同日")
_CLOCK = re.compile(r"(?P<half>午前|午後)?\s?(?P<h>\d{1,2})時(?!間)(?:\s?(?P<min>\d{1,2})分|(?P<han>半))?"
                    r"(?P<tail>ごろ|頃|過ぎ|すぎ|前|台|までに|まで)?")
_AFTER_LAUNCH = re.compile(r"落下|通過|発表|会見|消失|着弾|記者|解除|発令")
JAPAN_ZONE = "Asia/Tokyo"
_LOCAL_MARK = re.compile(r"現地時間|平壌時間|北朝鮮時間")


@dataclass(frozen=True)
class DayMention:
    day: date | None
    start: int
    end: int
    relative: str | None = None
    month: int | None = None         # as written ("3月6日"), resolved or not
    day_of_month: int | None = None  # as written ("6日")


def dates_in(text: str, offset: int, reference: date | None,
             previous: date | None) -> list[DayMention]:
    """The days a sentence names, in order; ``previous`` is the day last named before it
    (what "同日" refers to)."""
    found: list[DayMention] = []
    for match in _DATE.finditer(text):
        found.append(DayMention(_resolve(match, reference), offset + match.start(),
                                offset + match.end(),
                                month=int(match.group("m")) if match.group("m") else None,
                                day_of_month=int(match.group("d"))))
    for match in _RELATIVE.finditer(text):
        word = match.group()
        if word == "同日":
            day = previous or reference
        elif word in {"昨日", "きのう", "昨夜", "前日"}:
            day = reference - timedelta(days=1) if reference else None
        else:
            day = reference
        found.append(DayMention(day, offset + match.start(), offset + match.end(), word))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(match: re.Match[str], reference: date | None) -> date | None:
    """A written day as a date: a full date as written, a day of the month in the reference
    date's month (or the month before, for a day still to come in it)."""
    day = int(match.group("d"))
    try:
        if match.group("y") and match.group("m"):
            return date(int(match.group("y")), int(match.group("m")), day)
        if reference is None:
            return None
        if match.group("m"):
            month = int(match.group("m"))
            year = reference.year - (1 if month > reference.month + 1 else 0)
            return date(year, month, day)
        if day <= reference.day + 1:
            return date(reference.year, reference.month, min(day, 28) if day > 28 and
                        reference.month == 2 else day)
        last_month = reference.replace(day=1) - timedelta(days=1)
        return last_month.replace(day=day)
    except ValueError:
        return None


@dataclass(frozen=True)
class ClockMention:
    value: time
    start: int
    end: int
    local: bool           # stated in the launching state's own time


def launch_clock(sentence: CjkSentence, before: int) -> ClockMention | None:
    """The first clock time of ``sentence`` that reads as the launch's: before character
    ``before`` (the launch word), not bounded or rounded, and with no impact, overflight or
    announcement between it and the launch word."""
    for match in _CLOCK.finditer(sentence.text):
        start = sentence.start + match.start()
        if start >= before:
            break
        tail = match.group("tail")
        if tail in {"前", "台", "までに", "まで", "過ぎ", "すぎ"} or \
                sentence.text.startswith("まで", match.end()):
            continue
        if match.group("min") is None and not match.group("han") and tail is None:
            continue
        between = sentence.text[match.end():before - sentence.start]
        if _AFTER_LAUNCH.search(between):
            continue
        hour = int(match.group("h"))
        minute = int(match.group("min") or (30 if match.group("han") else 0))
        if match.group("half") == "午後" and hour < 12:
            hour += 12
        if hour > 23 or minute > 59:
            continue
        context = sentence.text[max(0, match.start() - 12):match.end() + 12]
        return ClockMention(time(hour, minute), start, sentence.start + match.end(),
                            bool(_LOCAL_MARK.search(context)))
    return None


def to_local(day: date | None, clock: ClockMention,
             local_zone: str | None) -> tuple[date | None, time]:
    """A Japan Standard Time clock (or one stated in local time) in the launching state's
    zone, and the day it falls on there."""
    return local_clock(day, clock.value, None if clock.local else JAPAN_ZONE, local_zone)
