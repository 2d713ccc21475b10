"""Context from reports: the context items the extractor finds (:class:`ContextItem`), dated
and made context events (origin "report"), and joined to the calendar's entries.

Dating is kept simple, and says how it dated (``ContextEvent.dated``):

* a date the clause names ("on January 6", "6 Jan", "Jan. 5-7") or a day word ("today",
  "yesterday", "tomorrow", "on Tuesday", "next week", "last week"), read from the report's
  publication date (else the launch day): "stated";
* no date stated: the item is tied to the day of the launch the report is about, "reported
  around the launch" (the report says they go together, not when the visit was): "launch day";
* no launch day either: the publication date, "published".

A weekday is the last such day before the reference day, unless the clause speaks of the
future ("will", "next", "upcoming", "scheduled", "to be held"): then the next one.  A date
without a year takes the year that puts it nearest the reference day.

Joining: a dated item is joined to every calendar entry of its kind whose days, moved to the
item's zone, come within :data:`JOIN_DAYS` days of its own; the per-event context then cites
the calendar entry with the report's words (:mod:`.around`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from ..model import ContextEvent, ContextItem, DatedBy, ReportContext, zone_of
from .ids import report_context_id
from .places import DEFAULT_ZONE

JOIN_DAYS = 3
"""How far apart (days) a report's context and a calendar entry of its kind may be and still
be one thing: a visit reported around a launch may have begun a day or two before."""

# The extractor's kinds as the calendar's: a Security Council meeting is "unsc"; the others
# the calendar has no kind for keep the extractor's name.
_KINDS = {"un_security_council": "unsc"}

_LEADING = re.compile(
    r"^(?:just |only |shortly |days? |hours? |weeks? )?(?:during|amid|amidst|ahead of|before|"
    r"after|following|as|while|since|on the eve of|in the run-up to|days after|days before|"
    r"with|over|against|despite|in response to|in protest (?:of|against))\s+",
    re.IGNORECASE)
_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:\s*[-–]\s*(?P<last>\d{1,2}))?\b"
                        r"(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:\s*[-–]\s*(?P<last>\d{1,2}))?\s+" + _MONTH
                        + r"(?:\s+(?P<year>\d{4}))?", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(?P<next>next\s+|last\s+)?(?P<weekday>" + "|".join(_WEEKDAYS)
                      + r")\b", re.IGNORECASE)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_RELATIVE_WORD = re.compile(r"\b(today|yesterday|tomorrow|next week|last week|this week)\b",
                            re.IGNORECASE)
_FUTURE = re.compile(r"\b(will|next|upcoming|scheduled|to be held|planned|set to|due to)\b",
                     re.IGNORECASE)


def report_context(report: ReportContext) -> list[ContextEvent]:
    """The report's context items as dated context events (none for an item that has no day
    to go by: no date stated, no launch day, no publication date)."""
    zone = zone_of(report.country) or DEFAULT_ZONE
    reference = report.published or report.launch_day
    events = []
    for item in report.items:
        days = stated_days(item.text, reference) if reference else None
        dated: DatedBy
        if days is not None:
            dated = "stated"
        elif report.launch_day is not None:
            days, dated = (report.launch_day, report.launch_day), "launch day"
        elif report.published is not None:
            days, dated = (report.published, report.published), "published"
        else:
            continue
        events.append(ContextEvent(
            id=report_context_id(report.report_hash, item.evidence.start),
            kind=_KINDS.get(item.kind, item.kind), name=context_name(item), start=days[0],
            end=days[1], zone=zone, origin="report", report_hash=report.report_hash,
            evidence=item.evidence.text, dated=dated))
    return events


def context_name(item: ContextItem) -> str:
    """The item's clause as a name that reads after "during": the clause without the word
    that ties it to the launch ("during the visit of ..." -> "the visit of ...")."""
    text = item.text.strip().rstrip(".")
    while (match := _LEADING.match(text)) and match.end() < len(text):
        text = text[match.end():]
    return text


def stated_days(text: str, reference: date) -> tuple[date, date] | None:
    """The first and last day the clause states, read from ``reference`` (the report's
    date); None when it states none."""
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            return _calendar_days(match, reference)
    if match := _RELATIVE_WORD.search(text):
        word = match.group(1).lower()
        if word in _RELATIVE:
            day = reference + timedelta(days=_RELATIVE[word])
            return day, day
        monday = reference - timedelta(days=reference.weekday())
        monday += timedelta(days={"next week": 7, "last week": -7, "this week": 0}[word])
        return monday, monday + timedelta(days=6)
    if match := _WEEKDAY.search(text):
        weekday = _WEEKDAYS.index(match.group("weekday").lower())
        said = (match.group("next") or "").strip().lower()
        ahead = said == "next" or (said != "last" and _FUTURE.search(text) is not None)
        if ahead:
            day = reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
        else:
            day = reference - timedelta(days=(reference.weekday() - weekday - 1) % 7 + 1)
        return day, day
    return None


def _calendar_days(match: re.Match[str], reference: date) -> tuple[date, date] | None:
    month = _MONTHS[match.group("month").lower().rstrip(".")]
    first, last = int(match.group("day")), int(match.group("last") or match.group("day"))
    years = [int(match.group("year"))] if match.group("year") else \
        [reference.year - 1, reference.year, reference.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append((date(year, month, first), date(year, month, last)))
        except ValueError:  # "February 30": not a date; the clause states none
            continue
    candidates = [(start, end) for start, end in candidates if end >= start]
    if not candidates:
        return None
    return min(candidates, key=lambda days: abs((days[0] - reference).days))


def joined(event: ContextEvent, calendar: Iterable[ContextEvent]) -> list[str]:
    """The ids of the calendar entries of ``event``'s kind within :data:`JOIN_DAYS` of its
    days (on ``event``'s calendar)."""
    ids = []
    for entry in calendar:
        if entry.kind != event.kind or entry.origin == "report":
            continue
        first, last = entry.days_in(event.zone)
        if first - timedelta(days=JOIN_DAYS) <= event.last_day and \
                event.start <= last + timedelta(days=JOIN_DAYS):
            ids.append(entry.id)
    return ids


def context_of_reports(reports: Iterable[ReportContext],
                       calendar: list[ContextEvent]) -> list[ContextEvent]:
    """The reports' context items dated (:func:`report_context`), each with the ids of the
    ``calendar`` entries it is joined to (:func:`joined`)."""
    return [event.model_copy(update={"joined": joined(event, calendar)})
            for report in reports for event in report_context(report)]
