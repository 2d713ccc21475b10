"""The context-event record: dates moved onto the launching state's calendar, and where a
launch day falls against an event."""

from __future__ import annotations

from datetime import date

import pytest

from launchwatch.model.context import ContextEvent, LaunchContext, window_days

VISIT = ContextEvent(id="t-visit", kind="visit", name="the visit of a foreign minister to Seoul",
                     start=date(2025, 1, 5), end=date(2025, 1, 7))


@pytest.mark.parametrize(("day", "relation", "text"), [
    (date(2025, 1, 3), "before", "2 days before the visit of a foreign minister to Seoul began"),
    (date(2025, 1, 6), "during", "during the visit of a foreign minister to Seoul (day 2 of 3)"),
    (date(2025, 1, 8), "after", "the day after the visit of a foreign minister to Seoul ended"),
])
def test_a_launch_day_against_a_visit(day, relation, text):
    seen = LaunchContext.of(VISIT, day, "Asia/Pyongyang")
    assert (seen.relation, seen.text, seen.length_days) == (relation, text, 3)


def test_a_new_york_day_is_the_next_day_in_pyongyang():
    vote = ContextEvent(id="t-vote", kind="unsc", name="a Council vote", start=date(2024, 2, 29),
                        zone="America/New_York")
    assert vote.days_in("Asia/Pyongyang") == (date(2024, 3, 1), date(2024, 3, 1))
    assert LaunchContext.of(vote, date(2024, 2, 29), "Asia/Pyongyang").text == \
        "a Council vote the next day"


def test_an_event_cannot_end_before_it_starts_and_windows_cross_month_ends():
    with pytest.raises(ValueError, match="before it starts"):
        ContextEvent(id="x", kind="exercise", name="drill", start=date(2025, 3, 10),
                     end=date(2025, 3, 1))
    assert window_days(date(2025, 3, 1), date(2025, 3, 1), -3, 3) == (date(2025, 2, 26),
                                                                      date(2025, 3, 4))
