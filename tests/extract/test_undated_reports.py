"""Reports with no publication date: what still dates their launch.

Every report here is invented for these tests.  None carries a ``Published`` header or a date
the page module reads, as on web pages copied without their furniture.  2017-03-22 was a
Wednesday; 2017-03-23 a Thursday.
"""

from __future__ import annotations

from datetime import date

from launchwatch.extract import default_extractor
from launchwatch.model import Launch, Report


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
    assert launch_of(text).date_local is None


BLOG_ARCHIVE = "https://defence-notes.blogspot.com/2017_07_08_archive.html"






def test_a_day_someone_spoke_on_does_not_date_the_launch_it_spoke_of() -> None:
    # 2025-01-07 was a Tuesday: the day state media spoke, a day after the test.
    text = ("This photo, released by state media on Jan. 7, 2025, shows the test-firing of a "
            "new hypersonic missile the previous day.\n\n"
            "North Korea on Tuesday hailed its test-firing of a new hypersonic missile the "
            "previous day, state media said.")
    assert launch_of(text).date_local != date(2025, 1, 7)
