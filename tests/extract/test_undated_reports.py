"""Reports with no publication date: what still dates their launch.

Every report here is invented for these tests.  None carries a ``Published`` header or a date
the page module reads, as on web pages copied without their furniture.  2017-03-22 was a
Wednesday; 2017-03-23 a Thursday.
"""

from __future__ import annotations

from datetime import date, datetime

from launchwatch.extract import default_extractor
from launchwatch.model import DayHint, Launch, Report


def launch_of(text: str, url: str | None = None) -> Launch:
    report = Report(source="test", text=text, url=url)
    extraction = default_extractor().extract(report)
    assert extraction.is_launch_report, f"expected a launch report: {text[:80]}"
    assert extraction.published is None, "these reports must give no publication date"
    return extraction.launches[0]


MONTH_URL = "https://news.example.org/2017/03/missile-test-fails/"




def test_a_calendar_day_on_another_weekday_does_not_date_it() -> None:
    # March 23 is a Thursday: the day the ministry spoke, not the Wednesday of the launch.
    text = ("North Korea fired a missile near Wonsan on Wednesday, the defence ministry in "
            "Seoul said. \"We will brief lawmakers on the missile launch on March 23,\" a "
            "ministry official said.")
    assert launch_of(text, MONTH_URL).date_local is None


def test_a_weekday_with_nothing_else_stays_undated() -> None:
    text = "North Korea fired a ballistic missile into the sea on Wednesday, Seoul said."
    launch = launch_of(text)
    assert launch.date_local is None
    # ... but what it says of the day is kept, for fusion to match (DayHint).
    assert launch.day_hint == DayHint(weekday=2, evidence=launch.day_hint.evidence)
    assert launch.day_hint.evidence is not None and launch.day_hint.evidence.text == "Wednesday"


def test_a_month_and_day_without_a_year_are_kept_as_a_hint() -> None:
    text = "North Korea launched a ballistic missile on July 4, the Joint Chiefs of Staff said."
    hint = launch_of(text).day_hint
    assert hint is not None and (hint.month, hint.day, hint.year) == (7, 4, None)
    assert hint.admits(date(2017, 7, 4)) and not hint.admits(date(2017, 7, 5))


def test_a_dateline_without_a_year_says_when_the_story_was_filed() -> None:
    text = ("Missile lands in the sea\n\n"
            "TOKYO, Oct 04 (Wire) - North Korea fired a ballistic missile that flew over "
            "northern Japan, the government said.")
    hint = launch_of(text).day_hint
    assert hint is not None and hint.filed_on == (10, 4)
    # filed within a week of the launch
    assert hint.admits(date(2022, 10, 4)) and hint.admits(date(2022, 9, 28))
    assert not hint.admits(date(2022, 10, 5)) and not hint.admits(date(2022, 9, 20))


def test_a_url_month_bounds_the_days_a_weekday_can_be() -> None:
    text = "North Korea fired a ballistic missile into the sea on Wednesday, Seoul said."
    hint = launch_of(text, MONTH_URL).day_hint
    assert hint is not None and hint.filed_in == (2017, 3) and hint.weekday == 2
    assert hint.admits(date(2017, 3, 22))            # a Wednesday of that March
    assert not hint.admits(date(2017, 3, 23))        # a Thursday
    assert not hint.admits(date(2018, 3, 21))        # a Wednesday of another year
    assert hint.admits(date(2017, 2, 22))            # the week before the month began


def test_a_dated_launch_has_no_hint() -> None:
    report = Report(source="test", text="North Korea fired a ballistic missile on Wednesday.",
                    published=datetime(2017, 3, 23, 9, 0))
    [launch] = default_extractor().extract(report).launches
    assert launch.date_local == date(2017, 3, 22) and launch.day_hint is None


BLOG_ARCHIVE = "https://defence-notes.blogspot.com/2017_07_08_archive.html"






def test_a_day_someone_spoke_on_does_not_date_the_launch_it_spoke_of() -> None:
    # 2025-01-07 was a Tuesday: the day state media spoke, a day after the test.
    text = ("This photo, released by state media on Jan. 7, 2025, shows the test-firing of a "
            "new hypersonic missile the previous day.\n\n"
            "North Korea on Tuesday hailed its test-firing of a new hypersonic missile the "
            "previous day, state media said.")
    assert launch_of(text).date_local != date(2025, 1, 7)
    # ... and the day before the Tuesday it spoke on is what it says of the launch's day.
    hint = launch_of(text).day_hint
    assert hint is not None and hint.weekday == 0


def test_the_previous_day_counts_back_from_a_weekday_it_was_said_on() -> None:
    # No page date: the Thursday is only a weekday, so the test's day is only "a Wednesday".
    text = "North Korea said on Thursday it had test-fired a new solid-fuel missile the previous day."
    hint = launch_of(text).day_hint
    assert hint is not None and hint.weekday == 2
    assert hint.evidence is not None and hint.evidence.text == "the previous day"


def test_a_launch_hailed_the_day_after_is_dated_the_day_before() -> None:
    text = ("North Korea on Saturday hailed its launch of an intercontinental ballistic "
            "missile the day before, calling it a success.")
    hint = launch_of(text).day_hint
    assert hint is not None and hint.weekday == 4  # a Friday
    # With a page date the same words give the calendar day: published Saturday 2023-07-15.
    report = Report(source="test", text=text, published=datetime(2023, 7, 15, 10, 0))
    [launch] = default_extractor().extract(report).launches
    assert launch.date_local == date(2023, 7, 14)


def test_a_day_of_the_month_in_english_is_kept_as_a_hint() -> None:
    # Korean news in English writes the day of the month alone, as 31일 does.
    launch = launch_of("North Korea fired a long-range ballistic missile into the East Sea "
                       "on the 31st, the Joint Chiefs of Staff said.")
    assert launch.date_local is None
    assert launch.day_hint == DayHint(day=31, evidence=launch.day_hint.evidence)
    assert launch.day_hint.evidence.text == "on the 31st"


def test_a_day_of_the_month_counts_back_from_the_publication_day() -> None:
    # Said on 2 November: the 31st is October's.
    report = Report(source="test", published=datetime(2024, 11, 2, 9),
                    text="North Korea fired a ballistic missile into the East Sea on the 31st, "
                         "the Joint Chiefs of Staff said.")
    assert default_extractor().extract(report).launches[0].date_local == date(2024, 10, 31)


def test_an_ordinal_before_a_noun_is_no_day_of_the_month() -> None:
    report = Report(source="test", published=datetime(2024, 11, 2, 9),
                    text="North Korea fired a ballistic missile on the 75th anniversary of its "
                         "army, the Joint Chiefs of Staff said.")
    assert default_extractor().extract(report).launches[0].date_local == date(2024, 11, 2)
