"""The context around one launch: every context event whose days, on the launching state's
calendar, come within a window of the launch day, each as a :class:`LaunchContext` ("during
the visit of ... (day 1 of 2)", "2 days after Freedom Shield 2023 ended").

A report's context joined to calendar entries (:func:`.reports.joined`, worked out again here,
so that a calendar imported after the report counts) is not listed twice:
the calendar entry is shown, citing the report's words.  A report's context joined to none
is shown as the report put it; when the report stated no date it is "reported around the
launch", which is all the report says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import ContextEvent, LaunchContext, window_days
from ..settings import Settings
from .reports import joined

WINDOW_DAYS: int = Settings.model_fields["context_window_days"].default
"""Days before and after the launch day in which context events are shown when a caller
names no window: the ``context_window_days`` setting's default, declared once there.  The
CLI, the HTTP API and the pages pass the setting's merged value instead."""


def context_around(launch_day: date, zone: str, events: Iterable[ContextEvent], *,
                   before_days: int = WINDOW_DAYS,
                   after_days: int = WINDOW_DAYS) -> list[LaunchContext]:
    """The context events that come within ``before_days`` before and ``after_days`` after
    ``launch_day`` (a day on the calendar of ``zone``), nearest first."""
    low, high = window_days(launch_day, launch_day, before_days, after_days)
    shown: dict[str, LaunchContext] = {}
    cited: list[ContextEvent] = []
    for event in events:
        first, last = event.days_in(zone)
        if event.origin == "report":
            cited.append(event)
        elif first <= high and last >= low:
            shown[event.id] = LaunchContext.of(event, launch_day, zone)
    for report in cited:
        # Joined afresh: a calendar imported after the report was dated counts too.
        targets = [shown[i] for i in joined(report, [c.event for c in shown.values()])]
        for context in targets:
            _cite(context, report)
        if not targets:
            first, last = report.days_in(zone)
            if first <= high and last >= low:
                shown[report.id] = _reported(report, launch_day, zone)
    return sorted(shown.values(), key=lambda c: (_distance(c), c.event.start, c.event.id))


def _cite(context: LaunchContext, report: ContextEvent) -> None:
    if report.evidence and report.evidence not in context.evidence:
        context.evidence.append(report.evidence)
    if report.report_hash and report.report_hash not in context.report_hashes:
        context.report_hashes.append(report.report_hash)


def _reported(report: ContextEvent, launch_day: date, zone: str) -> LaunchContext:
    """A report's own context: dated by the report, or only "reported around the launch"."""
    context = LaunchContext.of(report, launch_day, zone)
    if report.dated != "stated":
        context.text = f"reported around the launch: {report.name}"
    _cite(context, report)
    return context


def _distance(context: LaunchContext) -> int:
    return 0 if context.relation == "during" else context.days
