"""The page's own publication date, one rule at a time, on pages written for these tests."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchwatch.extract.pagedate import _HEAD_CHARS, PageDate, page_date

BODY = ("The coastal defence command said a test round was fired from the northern range early in "
        "the morning and came down in the sea roughly forty minutes later, without incident.\n")
PLAIN_URL = "https://news.example.org/world/test-round-fired"


def check(result, day, source):
    assert result is not None
    assert (result.day, result.source) == (day, source)
    return result


def span(text, result):
    return text[result.start:result.end]


# --- URL ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url, day", [
    ("https://news.example.org/2023/02/18/test-round-fired/", date(2023, 2, 18)),
    ("https://news.example.org/world/2023-02-18/test-round-fired", date(2023, 2, 18)),
    ("https://news.example.org/2023/2/8/test-round-fired", date(2023, 2, 8)),
    ("https://wire.example.net/view/KWN20191129000123456?section=defence", date(2019, 11, 29)),
    ("https://daily.example.com/data/html/2016/08/04/2016080400123.html?related", date(2016, 8, 4)),
    ("https://herald.example.com/view.php?ud=20240626001234", date(2024, 6, 26)),
    ("https://paper.example.com/article/20220614/news/123456/", date(2022, 6, 14)),
    ("https://wire.example.net/article/defence-test-idUSKBN1AB2CD20150611", date(2015, 6, 11)),
    ("https://portal.example.cn/a/202103/09/WS12ab34cd.html", date(2021, 3, 9)),
    ("http://report.example.ru/news/society/17-05-2011/9876-0/", date(2011, 5, 17)),
])
def test_url_dates(url, day):
    result = check(page_date(BODY, url), day, "url")
    assert (result.start, result.end) == (None, None)


@pytest.mark.parametrize("url", [
    "https://blog.example.org/2016/04/test-round-fired.html",        # year/month only
    "https://news.example.org/2023/02/30/test-round-fired/",         # no 30 February
    "https://news.example.org/1985/05/06/archive-story/",            # outside 1990..2035
    "https://blog.example.org/2019_03_10_archive.html",              # a week's archive page
    "https://news.example.org/articles/2019112345/",                 # a 10-digit counter
    "https://report.example.ru/news/05-06-2011/1234/",               # 5 June or 6 May?
    "https://news.example.org/view?id=85602726",
    "",
])
def test_urls_without_a_full_date_give_nothing(url):
    assert page_date(BODY, url) is None


# --- date lines --------------------------------------------------------------------------

@pytest.mark.parametrize("line, day", [
    ("June 2, 2019, 8:15 PM", date(2019, 6, 2)),
    ("Feb. 8, 2016", date(2016, 2, 8)),
    ("Sept. 14, 2020", date(2020, 9, 14)),
    ("8 February 2016", date(2016, 2, 8)),
    ("2016-02-08", date(2016, 2, 8)),
    ("Updated: 2017-09-15 10:20", date(2017, 9, 15)),
    ("Posted : 2022-10-04", date(2022, 10, 4)),
    ("Published 4 Oct 2022", date(2022, 10, 4)),
    ("PUBLISHED ONMay 2, 2021 7:02 AM", date(2021, 5, 2)),
    ("Wednesday 3 March 2021 | 09:12 GMT", date(2021, 3, 3)),
    ("By Dana Example | March 3, 2021", date(2021, 3, 3)),
    ("Harbour Radio 2021.04.12", date(2021, 4, 12)),
    ("9, Jul. 2019", date(2019, 7, 9)),
    ("NOVEMBER 3, 2021", date(2021, 11, 3)),
    ("Posted: 23/03/2021 | Views 512", date(2021, 3, 23)),  # day first, the day over 12
    ("Updated 23.03.2021 10:15", date(2021, 3, 23)),
    ("Posted: 03/23/2021", date(2021, 3, 23)),  # month first
    ("掲載日: 14/01/2024", date(2024, 1, 14)),
    ("Posted: 07/07/2021", date(2021, 7, 7)),  # either way
    # in the site's own language
    ("tirsdag 19. oktober 2021", date(2021, 10, 19)),
    ("martes, 19 de octubre de 2021", date(2021, 10, 19)),
    ("Dienstag, 19. Oktober 2021", date(2021, 10, 19)),
    ("mercredi 3 mars 2021", date(2021, 3, 3)),
])
def test_date_lines_near_the_top(line, day):
    text = f"Coastal command reports test round\n{line}\n{BODY}"
    result = check(page_date(text, PLAIN_URL), day, "date-line")
    assert span(text, result) in line


@pytest.mark.parametrize("line", ["Posted: 04/05/2021", "Updated 04.05.2021 10:15",
                                  "12 Marines 2021"])
def test_a_numeric_date_that_reads_both_ways_gives_nothing(line):
    # 4 May or 5 April: the page does not say which; "Marines" is no month in any language.
    assert page_date(f"Coastal command reports test round\n{line}\n{BODY}", PLAIN_URL) is None


def test_a_date_inside_a_prose_sentence_is_not_the_page_date():
    text = ("Coastal command reports test round\n"
            "The rocket type was first shown to the press on March 3, 2019, at a parade in the "
            "capital, officials said.\n" + BODY)
    assert page_date(text, PLAIN_URL) is None


def test_the_first_date_line_wins():
    # A repost: the aggregator's date first, the original outlet's date below it.
    text = "Test round fired\n2021-05-12 09:22 source: Harbour Radio\nMay 11, 2021\n" + BODY
    check(page_date(text, PLAIN_URL), date(2021, 5, 12), "date-line")


def test_dates_below_the_start_of_the_body_are_sidebars():
    text = ("Test round fired\n" + BODY * 3 + "Opinion\nA column on the harbour budget\n"
            "12 Mar, 2026\n")
    assert page_date(text, PLAIN_URL) is None


def test_an_embedded_post_signature_is_not_the_page_date():
    text = ("Test round fired\nA watcher posted a clip:\n"
            "— Coast Watcher (@coastwatch) April 2, 2022\n" + BODY)
    assert page_date(text, PLAIN_URL) is None


def test_a_year_month_url_vetoes_a_distant_date_line():
    # A site's "today" banner, years after the article its URL dates.
    url = "https://news.example.org/2017/03/test-round-fired/"
    assert page_date("April 09, 2020\nTest round fired\n" + BODY, url) is None
    check(page_date("March 22, 2017\nTest round fired\n" + BODY, url),
          date(2017, 3, 22), "date-line")


# --- URL against the text ----------------------------------------------------------------

def test_the_url_beats_a_later_date_line():
    text = "Test round fired\nUpdated: 2023-02-20 10:00\n" + BODY
    check(page_date(text, "https://news.example.org/2023/02/18/test/"), date(2023, 2, 18), "url")


def test_a_repost_keeps_its_original_date_line():
    # A list archive dates its URL by the day it received the article, two days after it ran.
    text = "By Dana Example September 3, 2024\n" + BODY
    url = "https://lists.example.org/pipermail/digest/20240905/msg00012.html"
    check(page_date(text, url), date(2024, 9, 3), "date-line")


# --- datelines ---------------------------------------------------------------------------

def test_a_dateline_takes_its_year_from_a_year_month_url():
    text = "Test round fired\nHARBOUR CITY, Feb. 18 (Coast Wire) -- " + BODY
    result = check(page_date(text, "https://blog.example.org/2023/02/test-round.html"),
                   date(2023, 2, 18), "dateline")
    assert span(text, result).startswith("HARBOUR CITY, Feb. 18 (Coast Wire)")


@pytest.mark.parametrize("line", [
    "TOKYO, July 19 (Gulf Agency) -- The launch was watched by officials.",
    "WASHINGTON, July 19 (Wire) - The launch was watched by officials.",
    "Port Town, July 19 (Press Service)--The launch was watched by officials.",
    "TOKYO/OSAKA, July 19, Island Wire",
    "New Delhi, July 19: The launch was watched by officials.",
    "July 19 (Wire) -- The launch was watched by officials.",
])
def test_dateline_forms(line):
    # The header string has the same day, so the year is 2016 whichever source the code took.
    text = f" date 2016-07-19 Test round fired\n{line}\n{BODY}"
    check(page_date(text, PLAIN_URL), date(2016, 7, 19), "dateline")


def test_a_dateline_without_any_year_gives_nothing():
    assert page_date("SEOUL, Feb. 18 (Coast Wire) -- " + BODY, PLAIN_URL) is None


def test_a_dateline_with_its_own_year_is_a_full_date():
    text = "WASHINGTON, Feb. 11, 2019 — Officials said a test round was fired.\n" + BODY
    check(page_date(text, PLAIN_URL), date(2019, 2, 11), "dateline")


def test_a_juche_year_dates_the_dateline():
    text = "Pyongyang, May 5, Juche 112 (State Agency) -- A test round was fired.\n" + BODY
    check(page_date(text, PLAIN_URL), date(2023, 5, 5), "dateline")


def test_a_dateline_takes_its_year_from_another_full_date_on_the_page():
    text = ("Test round fired\nHARBOUR CITY, March 6 (Coast Wire) -- The army said the rocket, "
            "first shown on Oct. 10, 2016, flew 300 km.\n" + BODY)
    check(page_date(text, PLAIN_URL), date(2017, 3, 6), "dateline")


def test_prose_opening_with_a_month_is_not_a_dateline():
    text = " date 2016-07-20 Test round fired\nOn March 18 the army fired two rounds.\n" + BODY
    check(page_date(text, PLAIN_URL), date(2016, 7, 20), "header-string")


# --- the stray header string -------------------------------------------------------------

def test_a_header_string_alone_dates_the_page():
    text = " date 2023-03-24 Photo : Example Agency\n" + BODY
    result = check(page_date(text, PLAIN_URL), date(2023, 3, 24), "header-string")
    assert span(text, result).strip() == "date 2023-03-24"


def test_a_header_string_without_a_day_gives_nothing():
    assert page_date(" date 2023-06 Photo : Example Agency\n" + BODY, PLAIN_URL) is None


def test_the_dateline_beats_a_disagreeing_header_string():
    text = " date 2023-03-24 Test round fired\nSEOUL, March 27 (Coast Wire) -- " + BODY
    check(page_date(text, PLAIN_URL), date(2023, 3, 27), "dateline")


def test_a_december_dateline_under_a_january_header_is_last_year():
    text = " date 2024-01-02 Test round fired\nSEOUL, Dec. 31 (Coast Wire) -- " + BODY
    check(page_date(text, PLAIN_URL), date(2023, 12, 31), "dateline")


def test_a_date_line_beats_dateline_and_header_string():
    text = (" date 2023-03-24 Test round fired\nMarch 28, 2023 10:05\n"
            "SEOUL, March 27 (Coast Wire) -- " + BODY)
    check(page_date(text, PLAIN_URL), date(2023, 3, 28), "date-line")


# --- any input ---------------------------------------------------------------------------

def test_only_the_top_of_the_page_is_read():
    assert page_date(BODY * 40 + "\nMarch 28, 2023\n", PLAIN_URL) is None


def test_no_text_no_url():
    assert page_date("", None) is None
    assert page_date(None, None) is None          # type: ignore[arg-type]


def test_a_huge_text_is_read_as_its_top():
    # Only the head is read, so the cost does not grow with the page (bench/extraction.py
    # times the extractor on real pages; no timing here, the machine's load would decide).
    text = ("Updated: 2021-05-12\n" + BODY * 20000)[:2_000_000]
    top = text[:_HEAD_CHARS]
    assert page_date(text, PLAIN_URL) == page_date(top, PLAIN_URL) == \
        PageDate(date(2021, 5, 12), "date-line", 9, 19)


PIECES = st.sampled_from([
    "SEOUL", ",", " ", "\n", "Feb.", "March", "31", "2", "2023", "1899", "--", "(", ")", "date",
    "-", "Juche", "112", "Updated:", "2023-02-30", "9:50", "PM", "@x", "—", "\u00a0", "\r\n",
    "/2021/", "13", "00", "Sept", "MAY", "th", ":", "By",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=60).map("".join)),
       st.one_of(st.none(), st.text(max_size=200),
                 st.lists(PIECES, max_size=30).map(lambda p: "https://x.example/" + "".join(p))))
def test_never_raises(text, url):
    result = page_date(text, url)
    if result is not None:
        assert 1990 <= result.day.year <= 2035
        if result.start is not None:
            assert 0 <= result.start < result.end <= len(text)
