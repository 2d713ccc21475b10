"""The page's own publication date, read from its URL and the top of its text.

Web pages reach us as plain text with no ``Published:`` header, yet most still show when they
were published: in the URL (``/2023/02/18/``, an id like ``XYZ20191129000123``), on a date or
byline line near the top ("June 2, 2019, 8:15 PM", "Posted : 2022-10-04"), in an agency dateline
("SEOUL, Feb. 18 (Yonhap) --", month and day only), or in a stray ``date 2023-03-24`` string
that some pages carry at their very start.

Order of trust; the first source that gives a date wins:

1. **URL** (``source="url"``).  The publisher's CMS writes it when the page is created: it
   cannot be a crawl banner, a photo caption or an older event.  One exception: a reposted page
   (mailing-list archive, aggregator) carries the *repost's* date in its URL; when the page's
   own date line shows a date up to a week *earlier*, that is the original publication and wins.
   (A later date line is an "Updated" stamp or a site's today-banner, so the URL stays.)
2. **Date line** (``"date-line"``): the first line from the top that is a date and little else
   (a time, a weekday, "Updated:", "Published", a byline name), above the start of the body.
   Such lines are furniture put there to date the page; lower ones are the original outlet's
   date on a repost, a photo date, a sidebar.
3. **Dateline** (``"dateline"``): month and day from "CITY, Mon. D (Agency) --", the year from
   the URL's year/month, else the header string, else another full date near the top; the year
   that puts the day nearest that reference wins (a December dateline under a January reference
   is last year's).  Without a year source a dateline gives nothing.  A dateline with its own
   year ("WASHINGTON, Feb. 11, 2019 --", or a Juche year) needs none.
4. **Header string** (``"header-string"``): ``date YYYY-MM-DD`` at the start of a line.  Some
   sites stamp it from the crawl or an index page, and it sometimes precedes the event the
   article reports, so it is the weakest source and never overrides the article's own dateline
   (step 3 takes only its year when their month/day disagree).

A URL with only year/month (``/2017/03/``) vetoes any text date more than a month away from it:
that is a site's "today" banner, not the article's date.  Dates inside prose sentences are not
used: where they disagreed with the other sources on the measured real pages they were the
launch day, an older event or a photo date every time, and using them as a last resort dated
a dozen more undated pages and no dated one.  A missing date is cheaper downstream than a wrong
one (the launch date is resolved against it).  On those pages (164, 101 with a visible date)
this order gets 99 right and none wrong; the sources rarely disagree, and the order above is
the one that is right where they do.

Only the first 1,500 characters (15 lines) of the text and 2,000 of the URL are looked at, so
the cost stays small on any input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import dateparser

__all__ = ["PageDate", "page_date"]

_HEAD_CHARS = 1500        # where date lines and datelines are looked for
_HEAD_LINES = 15          # ... and at most this many non-empty lines
_MAX_URL = 2000
_YEARS = range(1990, 2036)


@dataclass(frozen=True)
class PageDate:
    day: date
    source: str           # "url", "date-line", "dateline" or "header-string"
    start: int | None     # span of the supporting text (None for "url")
    end: int | None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _month_pattern() -> str:
    forms: list[str] = []
    for name in _MONTHS:
        variants = [name, name[:3]] + (["Sept"] if name == "September" else [])
        for form in sorted(variants, key=len, reverse=True):
            forms += [form, form.upper()]        # "March" and "MARCH", not "march" (a verb)
    return "|".join(dict.fromkeys(forms))


# The month must not continue a lower-case word ("Commander"), but may follow a capital:
# pages glue labels to dates ("PUBLISHED ONMay 2, 2021").
_MON = rf"(?<![a-z])(?P<mon>{_month_pattern()})(?![A-Za-z])\.?"
_SP = r"[ \t\u00a0]"        # spaces that stay on one line
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"

_FULL_DATES = [
    # "June 2, 2019", "Feb. 8, 2016", "Nov.03 - 2021", "Tue May 4, 2021"
    re.compile(rf"{_MON}{_SP}*{_DAY}(?:{_SP}*[,-]{_SP}*|{_SP}+){_YEAR}"),
    # "8 February 2016", "12 Mar 2021", "9, Jul. 2019", "18th Feb, 2023"
    re.compile(rf"(?<!\d){_DAY},?{_SP}*{_MON},?{_SP}*{_YEAR}"),
    # "2016-02-08", "2021.04.12", "2018/08/09": year first is never ambiguous
    re.compile(r"(?<![\d.\-/])(?P<year>(?:19|20)\d\d)(?P<sep>[-./])(?P<mon>\d{1,2})(?P=sep)"
               r"(?P<day>\d{1,2})(?![\d])"),
]
# "14/01/2024", "14.01.2024" (day first) and "01/14/2024" (month first): read only where the
# day cannot be a month (:func:`_knowable`), since "05/06/2024" is either.
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.\-/])(?P<day>\d{1,2})(?P<sep>[./-])(?P<mon>\d{1,2})"
                                r"(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)")
_NUMERIC_MONTH_DAY = re.compile(r"(?<![\d.\-/])(?P<mon>\d{1,2})/(?P<day>\d{1,2})/"
                                r"(?P<year>(?:19|20)\d\d)(?!\d)")
# "tirsdag 19. oktober 2021", "martes, 19 de octubre de 2021", "Dienstag, 19. Oktober 2021":
# a date line in the site's own language (blog platforms write their date headers so).  The
# month word is read by dateparser (:func:`_foreign_month`); a word that is no month reads as
# no date.
_FOREIGN_DAY_MONTH = re.compile(
    rf"(?<![\w.])(?P<day>\d{{1,2}})\.?(?:{_SP}+de)?{_SP}+(?P<mon>[^\W\d_]{{3,14}})\.?,?"
    rf"(?:{_SP}+de)?{_SP}+(?P<year>(?:19|20)\d\d)(?!\d)")
_LINE_DATES = (_NUMERIC_DAY_MONTH, _NUMERIC_MONTH_DAY, _FOREIGN_DAY_MONTH)
"""Forms read only on the short lines above the body, where date lines are: a number and a word
in prose are rarely a date, and trying every one would cost more than the rest of the page."""
_FOREIGN_LANGUAGES = ["da", "nb", "nn", "sv", "de", "nl", "fr", "es", "pt", "it", "ca", "ro",
                      "pl", "cs", "sk", "sl", "hr", "hu", "fi", "et", "lv", "lt", "tr", "id",
                      "ms", "vi", "ru", "uk", "bg", "el"]
"""Languages whose month names a date line may be written in (dateparser's codes); a short
list, since guessing among all of them is slower and reads more words as months."""

# " date 2023-03-24 " at the start of a line (KBS World, Kazinform and other pages carry it).
_HEADER = re.compile(r"^[ \t]*(?P<stamp>date[ \t]+(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)"
                     r"(?:-(?P<day>\d\d))?)(?![\d-])", re.MULTILINE)

# "SEOUL, Feb. 18 (Yonhap) --", "TOKYO/OSAKA, March 9, Kyodo", "Sept. 2 (UPI) --",
# "New Delhi, June 3:", "WASHINGTON, Feb. 11, 2019 --", "Pyongyang, May 5, Juche 112 (KCNA)".
# The city is one to four capitalised words at the line start; what follows the date must be
# an agency in brackets, a dash or colon, ", Agency" at the line end, or nothing: prose ("On
# March 18 the army ...") has none.
_CITY = r"[A-Z][\w.'’&-]*(?:[ /][A-Z(][\w.'’()&-]*){0,3}"
_DATELINE = re.compile(
    rf"^[ \t\-–—•]*(?P<body>(?:{_CITY}{_SP}*,{_SP}*)?{_MON}{_SP}*{_DAY}"
    rf"(?:,{_SP}*{_YEAR}|,{_SP}*Juche{_SP}+(?P<juche>\d{{2,3}})(?!\d))?"
    rf"(?:{_SP}*\([^()\n]{{1,30}}\){_SP}*[-–—:]"       # (Agency) --
    rf"|{_SP}*[-–—:]"                                    # -- or :
    rf"|{_SP}*,{_SP}*[A-Z][\w ]{{1,30}}[ \t\r]*$"         # , Agency<end of line>
    rf"|[ \t\r]*$))", re.MULTILINE)                      # <end of line>

# What may sit on a date line beside the date: times, weekdays, labels, links.  Whatever is
# left over is measured; a byline name is short, a sentence is not.
_FURNITURE = re.compile(
    r"https?://\S+|@\S+|\d{1,2}[:.]\d\d(?::\d\d)?|[ap]\.?m\.?\b|"
    r"\b(?:updated?|last|first|posted|published|publish|publication|dated?|released?|press|"
    r"modified|created|written|by|on|at|and|source|local|time|utc|gmt|kst|jst|est|edt|cet|"
    r"ago|years?|min|read|news|"
    r"mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?)\b", re.IGNORECASE)
_LABEL = re.compile(r"^\W*(?:updated?|posted|published|publish|publication|date|dated|"
                    r"last updated|first published)\b", re.IGNORECASE)
_LONG = 120               # characters: a line this long is a paragraph, not furniture
_LONG_LINE = re.compile(rf"^[^\n]{{{_LONG},}}", re.MULTILINE)
_SHORT_LINE = re.compile(rf"^[^\n]{{1,{_LONG - 1}}}$", re.MULTILINE)
# "— Some Name (@handle) June 1, 2024": the signature of an embedded social-media post, dated
# when the post was made, not when the page was.
_EMBEDDED_POST = re.compile(r"\(@\w+\)")
_MAX_LEFTOVER = 24        # letters a date line may carry besides the date (a byline name)

# --- URL ---------------------------------------------------------------------------------
# htmldate.extractors.extract_url_date only knows Y/M/D with separators (its COMPLETE_URL),
# and importing htmldate costs ~130 ms; the same pattern is matched here, plus the compact forms
# news sites use.  Unlike htmldate, "_" is not a separator: Blogger's "2019_03_10_archive"
# names a week of posts, not a publication.
_URL_FULL = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[/-])(?P<mon>\d{1,2})(?P=sep)"
               r"(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<mon>\d\d)/(?P<day>\d{1,2})(?!\d)"),  # 202103/09
    # A YYYYMMDD run: a whole 8-digit run (/20210309/, id...20150611) or the head of a long id
    # that is a date plus a serial (XYZ20191129000123456, 2016080400123).  Runs of 9-11 digits
    # are more often plain counters that happen to start like a date.
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<mon>\d\d)(?P<day>\d\d)(?=\d{4,}|(?!\d))"),
    # 17-05-2011: day first, used only where the day cannot be a month (:func:`_knowable`)
    re.compile(r"(?<!\d)(?P<day>\d{1,2})-(?P<mon>\d{1,2})-(?P<year>(?:19|20)\d\d)(?!\d)"),
]
_NUMERIC_EITHER_WAY = (_URL_FULL[-1], _NUMERIC_DAY_MONTH, _NUMERIC_MONTH_DAY)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mon>0?[1-9]|1[0-2])(?:/|$)")
_URL_HOST = re.compile(r"^[A-Za-z][\w+.-]*://[^/?#]*")


def _valid(year: int, month: int, day: int) -> date | None:
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return {m[:3].lower(): i for i, m in enumerate(_MONTHS, 1)}[text[:3].lower()]


def _from_match(m: re.Match[str]) -> date | None:
    if not _knowable(m):
        return None
    month = _foreign_month(m["mon"]) if m.re is _FOREIGN_DAY_MONTH else _month_number(m["mon"])
    return _valid(int(m["year"]), month, int(m["day"])) if month is not None else None


@lru_cache(maxsize=1024)
def _foreign_month(word: str) -> int | None:
    """The month a month name of :data:`_FOREIGN_LANGUAGES` names ("oktober" -> 10), else
    None.  Cached: a site repeats its date header's words on every page."""
    parsed = dateparser.parse(f"15 {word} 2001", languages=_FOREIGN_LANGUAGES,
                              settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.month if parsed is not None else None


def _knowable(m: re.Match[str]) -> bool:
    """Whether a numeric date that could be read day-first or month-first says which it is:
    its day is over 12, or equals its month (05-01-2016 is not knowable; 17-05-2011 is)."""
    return m.re not in _NUMERIC_EITHER_WAY or int(m["day"]) > 12 or \
        int(m["day"]) == int(m["mon"])


def _url_dates(url: str | None) -> tuple[date | None, tuple[int, int] | None]:
    """The URL's full date, and its year/month (from a full date or a /YYYY/MM/ path)."""
    if not url:
        return None, None
    path = _URL_HOST.sub("", url[:_MAX_URL])
    for pattern in _URL_FULL:
        for m in pattern.finditer(path):
            day = _from_match(m)
            if day:
                return day, (day.year, day.month)
    m = _URL_MONTH.search(path)
    if m and int(m["year"]) in _YEARS:
        return None, (int(m["year"]), int(m["mon"]))
    return None, None


def url_year_month(url: str | None) -> tuple[int, int] | None:
    """The year and month a URL's path shows (``/2017/07/``), even without a day: enough to
    give "July 4" its year when the page shows no full date."""
    return _url_dates(url)[1]


# --- text --------------------------------------------------------------------------------

def _head(text: str) -> str:
    """The top of the page: the first lines, within the first characters."""
    head = text[:_HEAD_CHARS]
    seen = 0
    for m in re.finditer(r"[^\n]*\S[^\n]*", head):
        seen += 1
        if seen == _HEAD_LINES:
            return head[:m.end()]
    return head


def _months_apart(day: date, year_month: tuple[int, int]) -> int:
    return abs(day.year * 12 + day.month - (year_month[0] * 12 + year_month[1]))


def _nearest_year(month: int, day: int, ref: date) -> date | None:
    """The date with this month/day closest to ``ref`` (Dec 31 with a Jan 2 ref: last year)."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid(y, month, day))]
    return min(options, key=lambda d: abs((d - ref).days), default=None)


def _body_start(head: str) -> int:
    """Where the article body has begun: its second paragraph-length line.

    Date lines sit above or just below the headline (one long standfirst or caption may come
    first); dates further down are sidebars, embedded posts and related-article lists.
    """
    long_lines = [m.start() for m in _LONG_LINE.finditer(head)]
    return long_lines[1] if len(long_lines) > 1 else len(head)


Found = tuple[date, int, int]      # a date and its span


def _first_dates(head: str, plausible: Callable[[date], bool]
                 ) -> tuple[Found | None, Found | None]:
    """The first plausible date line (furniture) in ``head``, and the first date in prose."""
    body = _body_start(head)
    matches = [m for p in _FULL_DATES for m in p.finditer(head)]
    matches += [m for line in _SHORT_LINE.finditer(head, 0, body) for p in _LINE_DATES
                for m in p.finditer(head, line.start(), line.end())]
    found = sorted((m.start(), m.end(), d) for m in matches if (d := _from_match(m)))
    first_prose = None
    is_furniture: dict[int, bool] = {}       # by line start: a line is measured once
    for start, end, day in found:
        line_start = head.rfind("\n", 0, start) + 1
        if line_start not in is_furniture:
            line_end = head.find("\n", end)
            line = head[line_start:len(head) if line_end < 0 else line_end]
            # A paragraph-length line is prose whatever it holds (and not worth measuring).
            if start >= body or len(line) >= _LONG or _EMBEDDED_POST.search(line):
                is_furniture[line_start] = False
            else:
                before, after = line[:start - line_start], line[end - line_start:]
                letters = sum(c.isalpha() for c in _FURNITURE.sub(" ", before + " " + after))
                is_furniture[line_start] = letters <= _MAX_LEFTOVER or bool(_LABEL.match(before))
        if not is_furniture[line_start]:
            first_prose = first_prose or (day, start, end)
        elif plausible(day):
            return (day, start, end), first_prose
    return None, first_prose


def page_date(text: str, url: str | None) -> PageDate | None:
    """The publication date the page itself shows, or None; see the module docstring."""
    text = text if isinstance(text, str) else ""
    url = url if isinstance(url, str) else None
    url_day, url_month = _url_dates(url)

    head = _head(text)
    header = _HEADER.search(head)
    header_day = header_month = None
    if header:
        header_month = (int(header["year"]), int(header["mon"]))
        if header["day"]:
            header_day = _valid(int(header["year"]), int(header["mon"]), int(header["day"]))
        # Blank it out (same length, so offsets hold) so that it is not read as a date line.
        head = head[:header.start()] + " " * (header.end() - header.start()) + head[header.end():]

    def plausible(day: date) -> bool:
        # A year/month-only URL vetoes text dates far from it (a site's "today" banner).
        return url_month is None or url_day is not None or _months_apart(day, url_month) <= 1

    line_date, prose_date = _first_dates(head, plausible)

    if url_day:
        # A repost: the page's own date line a few days before the URL's date is the original.
        if line_date and 0 < (url_day - line_date[0]).days <= 7:
            return PageDate(line_date[0], "date-line", line_date[1], line_date[2])
        return PageDate(url_day, "url", None, None)
    if line_date:
        return PageDate(line_date[0], "date-line", line_date[1], line_date[2])

    dateline = _DATELINE.search(head)
    if dateline:
        month, dl_day = _month_number(dateline["mon"]), int(dateline["day"])
        if dateline["year"] or dateline["juche"]:
            # KCNA counts years from 1912 as Juche 1.
            year = int(dateline["year"]) if dateline["year"] else 1911 + int(dateline["juche"])
            day = _valid(year, month, dl_day)
        else:
            if url_month:
                ref = date(url_month[0], url_month[1], 15)
            elif header_month and header_month[0] in _YEARS and 1 <= header_month[1] <= 12:
                ref = header_day or date(header_month[0], header_month[1], 15)
            elif prose_date:
                ref = prose_date[0]
            else:
                ref = None
            day = _nearest_year(month, dl_day, ref) if ref else None
        if day and plausible(day):
            return PageDate(day, "dateline", dateline.start("body"), dateline.end())

    if header_day and plausible(header_day):
        return PageDate(header_day, "header-string", header.start("stamp"), header.end())
    return None
