"""Users' calendars (CSV and iCalendar): bad rows named by line and field, the others kept;
DTEND exclusive for all-day events; times read on the place's clock; the shipped calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from launchwatch.context import (COLUMNS, parse_calendar_csv, parse_calendar_ics,
                                 read_calendar, shipped_calendar, write_calendar_csv)
from launchwatch.errors import ContextError

CSV = """kind,name,start,end,zone,actors,place,source
visit,the visit of a minister to Seoul,2024-05-02,2024-05-03,,Minister A; Aide B,Seoul,https://example.org/a
exercise,a drill with a bad date,2024-13-01,,,,South Korea,
,a row without a kind,2024-05-04,,,,Seoul,
summit,a summit that ends before it starts,2024-05-10,2024-05-09,,,Tokyo,
unsc,a vote in New York,2024-05-20,,,,New York,
election,a zone nobody knows,2024-05-21,,Mars/Olympus,,,
"""


def test_csv_keeps_good_rows_and_names_each_bad_one_by_line_and_field() -> None:
    read = parse_calendar_csv(CSV, "mine.csv")
    assert [event.name for event in read.events] == ["the visit of a minister to Seoul",
                                                     "a vote in New York"]
    assert [(p.line, p.field) for p in read.problems] == [
        (3, "start"), (4, "kind"), (5, "end"), (7, "zone")]
    assert all(p.path == "mine.csv" for p in read.problems)
    assert "YYYY-MM-DD" in read.problems[0].message
    visit, vote = read.events
    assert visit.actors == ["Minister A", "Aide B"] and visit.origin == "user"
    assert visit.zone == "Asia/Seoul"  # from the place
    assert vote.zone == "America/New_York" and vote.end is None


def test_csv_default_kind_fills_empty_kinds() -> None:
    read = parse_calendar_csv(CSV, "mine.csv", default_kind="meeting")
    assert "a row without a kind" in [event.name for event in read.events]


def test_csv_without_required_columns_is_refused_naming_them() -> None:
    with pytest.raises(ContextError, match="no column start"):
        parse_calendar_csv("kind,name\nvisit,x\n", "bad.csv")


def test_ids_are_stable_so_reimport_does_not_duplicate() -> None:
    first = parse_calendar_csv(CSV, "a.csv").events
    again = parse_calendar_csv(CSV, "b.csv").events
    assert [e.id for e in first] == [e.id for e in again]


def test_export_reads_back_to_the_same_events() -> None:
    events = parse_calendar_csv(CSV, "a.csv").events
    text = write_calendar_csv(events)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert parse_calendar_csv(text, "round.csv").events == events


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:1\r
SUMMARY:the three-day drill\r
DTSTART;VALUE=DATE:20250105\r
DTEND;VALUE=DATE:20250108\r
CATEGORIES:exercise\r
LOCATION:South Korea\r
URL:https://example.org/drill\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2\r
SUMMARY:a broken start\r
DTSTART:2025XX01\r
CATEGORIES:visit\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:3\r
SUMMARY:the evening vote\r
DTSTART;TZID=America/New_York:20250131T200000\r
DTEND:20250201T020000Z\r
CATEGORIES:unsc\r
LOCATION:New York\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:4\r
SUMMARY:no kind at all\r
DTSTART;VALUE=DATE:20250110\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:5\r
SUMMARY:a UTC meeting in Seoul\r
DTSTART:20250109T200000Z\r
DTEND:20250109T220000Z\r
CATEGORIES:meeting\r
LOCATION:Seoul\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_all_day_dtend_is_the_day_after_the_last() -> None:
    read = parse_calendar_ics(ICS, "cal.ics")
    drill = next(e for e in read.events if e.kind == "exercise")
    assert (drill.start, drill.end) == (date(2025, 1, 5), date(2025, 1, 7))
    assert drill.source == "https://example.org/drill" and drill.zone == "Asia/Seoul"


def test_ics_times_become_dates_on_the_place_clock() -> None:
    read = parse_calendar_ics(ICS, "cal.ics")
    vote = next(e for e in read.events if e.kind == "unsc")
    # 20:00 to 21:00 EST on 31 January: one day in New York, though 02:00 UTC is 1 February.
    assert (vote.start, vote.end, vote.zone) == (date(2025, 1, 31), date(2025, 1, 31),
                                                 "America/New_York")
    # ... and the next day on Seoul's calendar.
    assert vote.days_in("Asia/Seoul") == (date(2025, 2, 1), date(2025, 2, 1))
    meeting = next(e for e in read.events if e.kind == "meeting")
    assert meeting.start == date(2025, 1, 10)  # 20:00 UTC is 05:00 the next day in Seoul


def test_ics_bad_events_are_named_by_line_and_field() -> None:
    read = parse_calendar_ics(ICS, "cal.ics")
    # The line each bad event begins on (BEGIN:VEVENT).
    assert [(p.line, p.field) for p in read.problems] == [(13, "DTSTART"), (27, "CATEGORIES")]
    assert len(read.events) == 3


def test_a_file_that_is_not_icalendar_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.ics"
    path.write_text("hello")
    with pytest.raises(ContextError, match="not an iCalendar file"):
        read_calendar(path)


def test_read_calendar_picks_the_format_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "c.ics").write_bytes(ICS)
    (tmp_path / "c.csv").write_text(CSV)
    assert len(read_calendar(tmp_path / "c.ics").events) == 3
    assert len(read_calendar(tmp_path / "c.csv").events) == 2


def test_the_shipped_calendar_reads_whole_with_sources() -> None:
    events = shipped_calendar()
    assert len(events) == 211
    assert len({event.id for event in events}) == 211
    assert all(event.source for event in events)
    assert {event.kind for event in events} == {"exercise", "visit", "summit", "unsc",
                                                "election", "statement", "anniversary"}
    blinken = [e for e in events if e.kind == "visit" and e.start == date(2025, 1, 6)]
    assert blinken[0].name.startswith("the visit of the US Secretary of State to Seoul")
