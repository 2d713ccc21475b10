"""The context around a launch day: window arithmetic across month ends and time zones, the
texts, and a report's words cited on the calendar entry they match."""

from __future__ import annotations

from datetime import date

from launchwatch.context import context_around
from launchwatch.context.reading import context_event
from launchwatch.model import ContextEvent, window_days


def event(kind: str, name: str, start: date, end: date | None, zone: str = "Asia/Seoul",
          origin: str = "calendar") -> ContextEvent:
    return context_event(origin=origin, kind=kind, name=name, start=start, end=end, zone=zone,
                         actors=[], place=None, source="https://example.org")  # type: ignore[arg-type]


def texts(launch_day: date, events: list[ContextEvent], zone: str = "Asia/Seoul",
          **window: int) -> list[str]:
    return [c.text for c in context_around(launch_day, zone, events, **window)]


def test_window_days_cross_month_and_year_ends() -> None:
    assert window_days(date(2025, 1, 30), date(2025, 2, 2), -3, 3) == (date(2025, 1, 27),
                                                                       date(2025, 2, 5))
    assert window_days(date(2024, 12, 30), date(2024, 12, 30), 7, 7) == (date(2024, 12, 23),
                                                                         date(2025, 1, 6))
    assert window_days(date(2024, 2, 27), date(2024, 2, 27), 0, 3) == (date(2024, 2, 27),
                                                                       date(2024, 3, 1))


def test_texts_during_before_and_after() -> None:
    drill = event("exercise", "Freedom Shield 2025", date(2025, 3, 10), date(2025, 3, 20))
    visit = event("visit", "the visit of the minister to Seoul", date(2025, 3, 25),
                  date(2025, 3, 26))
    vote = event("unsc", "the Council vote", date(2025, 3, 23), date(2025, 3, 23))
    assert texts(date(2025, 3, 12), [drill]) == ["during Freedom Shield 2025 (day 3 of 11)"]
    assert texts(date(2025, 3, 22), [drill, visit, vote]) == [
        "the Council vote the next day", "2 days after Freedom Shield 2025 ended",
        "3 days before the visit of the minister to Seoul began"]


def test_window_across_a_month_end_includes_and_excludes_at_its_edges() -> None:
    # Launch on 2 March 2024 (a leap year): seven days back is 24 February.
    edge = event("visit", "the edge visit", date(2024, 2, 24), date(2024, 2, 24))
    beyond = event("visit", "the visit beyond", date(2024, 2, 23), date(2024, 2, 23))
    ahead = event("summit", "the summit", date(2024, 3, 9), date(2024, 3, 9))
    assert texts(date(2024, 3, 2), [edge, beyond, ahead]) == [
        "7 days after the edge visit", "7 days before the summit"]
    assert texts(date(2024, 3, 2), [edge, beyond, ahead], before_days=3, after_days=3) == []


def test_a_new_york_evening_event_lands_on_the_next_seoul_day() -> None:
    # A vote on 31 January in New York is on 1 February on Seoul's calendar: a launch on
    # 1 February is on the day of the vote, not the day after.
    vote = event("unsc", "the Council vote", date(2025, 1, 31), date(2025, 1, 31),
                 zone="America/New_York")
    assert vote.days_in("Asia/Seoul") == (date(2025, 2, 1), date(2025, 2, 1))
    assert texts(date(2025, 2, 1), [vote]) == ["during the Council vote"]
    assert texts(date(2025, 1, 31), [vote]) == ["the Council vote the next day"]


def test_a_report_item_is_cited_on_the_calendar_entry_it_matches() -> None:
    visit = event("visit", "the visit of the US Secretary of State to Seoul",
                  date(2025, 1, 5), date(2025, 1, 7))
    said = visit.model_copy(update={
        "id": "report:abc:10", "origin": "report", "name": "the visit of Mr B. to Korea",
        "start": date(2025, 1, 6), "end": date(2025, 1, 6), "report_hash": "abc" * 20,
        "evidence": "fired during the visit of Mr B. to Korea", "dated": "launch day"})
    [shown] = context_around(date(2025, 1, 6), "Asia/Pyongyang", [visit, said])
    assert shown.text == "during the visit of the US Secretary of State to Seoul (day 2 of 3)"
    assert shown.evidence == ["fired during the visit of Mr B. to Korea"]
    assert shown.report_hashes == ["abc" * 20]


def test_a_report_item_without_a_match_is_only_reported_around_the_launch() -> None:
    said = event("meeting", "an emergency meeting", date(2025, 1, 6), date(2025, 1, 6),
                 origin="report").model_copy(update={"evidence": "held an emergency meeting",
                                                     "dated": "launch day"})
    [shown] = context_around(date(2025, 1, 6), "Asia/Seoul", [said])
    assert shown.text == "reported around the launch: an emergency meeting"
    assert shown.evidence == ["held an emergency meeting"]
