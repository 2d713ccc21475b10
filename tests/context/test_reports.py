"""A report's context items dated: stated dates and day words read from the publication
date, else the launch day ("reported around the launch"); and joined to the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from launchwatch.context import context_of_reports, report_context, shipped_calendar
from launchwatch.context.reports import stated_days
from launchwatch.model import ContextItem, Evidence, ReportContext

MONDAY = date(2025, 1, 6)


@pytest.mark.parametrize("text, days", [
    ("during the visit on January 5-7", (date(2025, 1, 5), date(2025, 1, 7))),
    ("after the drills that ended on 28 Dec.", (date(2024, 12, 28), date(2024, 12, 28))),
    ("a day after the vote on Dec 31, 2024", (date(2024, 12, 31), date(2024, 12, 31))),
    ("the council met yesterday", (date(2025, 1, 5), date(2025, 1, 5))),
    ("as the minister arrived on Saturday", (date(2025, 1, 4), date(2025, 1, 4))),
    ("the council will meet on Tuesday", (date(2025, 1, 7), date(2025, 1, 7))),
    ("ahead of talks next week", (date(2025, 1, 13), date(2025, 1, 19))),
    ("amid warnings over joint exercises", None),
])
def test_stated_days(text: str, days: tuple[date, date] | None) -> None:
    assert stated_days(text, MONDAY) == days


def item(kind: str, text: str, start: int) -> ContextItem:
    return ContextItem(kind=kind, text=text,  # type: ignore[arg-type]
                       evidence=Evidence(start=start, end=start + len(text), text=text))


def test_items_without_a_date_are_tied_to_the_launch_day() -> None:
    report = ReportContext(report_hash="f" * 64, published=date(2025, 1, 7),
                           launch_day=MONDAY, country="North Korea", items=[
                               item("visit", "during the visit of the minister to Seoul", 10),
                               item("un_security_council", "the Council will meet on Friday",
                                    90)])
    visit, council = report_context(report)
    assert (visit.start, visit.dated, visit.zone) == (MONDAY, "launch day", "Asia/Pyongyang")
    assert visit.name == "the visit of the minister to Seoul"  # "during" left out
    assert (council.kind, council.start, council.dated) == ("unsc", date(2025, 1, 10), "stated")
    assert visit.id != council.id and visit.origin == "report"


def test_the_seed_visit_joins_the_shipped_calendar_entry() -> None:
    report = ReportContext(report_hash="e" * 64, launch_day=MONDAY, country="North Korea",
                           items=[item("visit", "during the visit of Mr Blinken to Seoul", 5)])
    [dated] = context_of_reports([report], shipped_calendar())
    [joined] = [e for e in shipped_calendar() if e.id in dated.joined]
    assert joined.name.startswith("the visit of the US Secretary of State to Seoul")
