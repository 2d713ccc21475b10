"""Clock times that name their zone: a launch's local time, its UTC time, and a quote's zone.

A launch's ``time_local`` is a bare clock time in the launching state's zone, and that zone's
offset is not constant: North Korea kept "Pyongyang time", UTC+8:30, from 2015-08-15 to
2018-05-04, and UTC+9 before and after (IANA tz database, ``Asia/Pyongyang``).  A page that
shows "04:58" beside a quote saying "5:28 a.m." must say which clock each reads: the quote is
Seoul's (UTC+9), the launch time Pyongyang's (UTC+8:30).  :func:`zoned` puts the zone, the
offset on that day and the UTC time beside the clock; :meth:`ZonedTime.explain_quote` says
what a quote in another zone reads in the launching state's.

:data:`STATE_ZONES` is the one map from a launching state to the zone of its launch sites;
extract, exchange and the views read it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

STATE_ZONES: dict[str, str] = {
    "North Korea": "Asia/Pyongyang",
    "South Korea": "Asia/Seoul",
    "Japan": "Asia/Tokyo",
    "Iran": "Asia/Tehran",
    "Russia": "Europe/Moscow",
    "China": "Asia/Shanghai",
    "Pakistan": "Asia/Karachi",
    "India": "Asia/Kolkata",
    "Yemen (Houthis)": "Asia/Aden",
    "Israel": "Asia/Jerusalem",
    # Vandenberg, where the United States' test flights of ballistic missiles start.
    "United States": "America/Los_Angeles",
    "France": "Europe/Paris",
    "United Kingdom": "Europe/London",
}
"""The IANA zone of each launching state's launch sites, by the state's name as the extractor
writes it (``Launch.country``)."""

#: The zones a report's clock time may be written in, besides the launching state's: the
#: tracking governments' (Seoul, Tokyo) and UTC, in the order a quote is tried against them.
QUOTE_ZONES: tuple[str, ...] = ("Asia/Seoul", "Asia/Tokyo", "UTC")

# A clock time as reports write it: "5:28 a.m.", "17:05", "0528 KST", "05.28 hrs".
_QUOTED_CLOCK = re.compile(
    r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])(?:[:.h](?P<minute>[0-5]\d)|(?P<glued>[0-5]\d)(?=\s*"
    r"(?:hrs?|hours|KST|JST|GMT|UTC|local)\b))\s*(?P<half>[ap]\.?\s?m\.?)?",
    re.IGNORECASE)

_UTC_KEYS = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT"})
# Written out rather than strftime's %b, which follows the process's locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone_of(country: str | None) -> str | None:
    """The IANA zone of a launching state's launch sites; None for a state not listed."""
    return STATE_ZONES.get(country or "")


UNDATED_CLOCK_DAY = date(2020, 1, 1)
"""The day an undated launch's time is moved to the launching state's zone on: offsets differ
from day to day only for North Korea's 2015-2018 zone (UTC+8:30), and this day is outside it."""


def local_clock(day: date | None, clock: time, stated_zone: str | None,
                local_zone: str | None) -> tuple[date | None, time]:
    """A clock time stated in ``stated_zone`` as the launching state's clock (``local_zone``)
    reads it, and the day there.  Without a day it is read on :data:`UNDATED_CLOCK_DAY`, and
    stays undated; fusion reads it again once the day is known (:func:`dated_clock`).  An
    unknown zone, or the local one, leaves the clock as written."""
    if stated_zone is None or local_zone is None or stated_zone == local_zone:
        return day, clock
    local = ZonedTime.at(day or UNDATED_CLOCK_DAY, clock, stated_zone).in_zone(local_zone).local
    return (local.date() if day is not None else None), local.time().replace(second=0)


def dated_clock(clock: time, stated_zone: str, local_zone: str, day: date) -> time:
    """An undated launch's local time (``clock``, moved from ``stated_zone`` on
    :data:`UNDATED_CLOCK_DAY`) as it reads on ``day``, once the day is known: a Seoul "18:30"
    of 23 April 2016 is 18:00 in Pyongyang, not the 18:30 of the undated reading."""
    stated = ZonedTime.at(UNDATED_CLOCK_DAY, clock, local_zone).in_zone(stated_zone).local
    return ZonedTime.at(day, stated.time(), stated_zone).in_zone(local_zone).local.time()


def latest_day_of_month(day: int, reference: date, *, days_after: int = 0) -> date | None:
    """The latest date that is the ``day``-th of its month ("the 31st", 31일, said on 2
    November: 31 October) in ``reference``'s month or the two before it, and not after
    ``reference`` (or ``days_after`` days past it, for a reference that may lag the launch
    day's calendar); None where none of the three months has such a day."""
    latest = reference + timedelta(days=days_after)
    year, month = reference.year, reference.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= latest:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def zoned(country: str | None, day: date | None, clock: time | None) -> ZonedTime | None:
    """A launch's local date and clock time with its zone, offset and UTC time.

    None when the state, the day or the time is unknown: without the day the offset is not
    known (North Korea's changed twice), and without the state neither is the zone.
    """
    zone = zone_of(country)
    if zone is None or day is None or clock is None:
        return None
    return ZonedTime.at(day, clock, zone)


@dataclass(frozen=True)
class ZonedTime:
    """One instant as a clock in one zone reads it.  ``local`` is aware, in that zone."""

    local: datetime

    def __post_init__(self) -> None:
        if not isinstance(self.local.tzinfo, ZoneInfo):
            raise ValueError(f"ZonedTime needs a datetime in an IANA zone (a ZoneInfo), not "
                             f"{self.local.tzinfo!r}: build it with ZonedTime.at(day, clock, "
                             f"'Asia/Pyongyang') or zoned(country, day, clock).")

    @classmethod
    def at(cls, day: date, clock: time, zone_key: str) -> ZonedTime:
        """The clock time ``clock`` on ``day`` as read in the zone ``zone_key`` (IANA name)."""
        return cls(datetime.combine(day, clock.replace(tzinfo=None), tzinfo=ZoneInfo(zone_key)))

    @property
    def zone_key(self) -> str:
        """The IANA name of the zone: "Asia/Pyongyang"."""
        return self.local.tzinfo.key  # type: ignore[union-attr]  # checked in __post_init__

    @property
    def utc(self) -> datetime:
        """The same instant in UTC, aware."""
        return self.local.astimezone(timezone.utc)

    @property
    def zone_name(self) -> str:
        """The zone as a reader names it: "Pyongyang time", "Los Angeles time", "UTC"."""
        if self.zone_key in _UTC_KEYS:
            return "UTC"
        return self.zone_key.rsplit("/", 1)[-1].replace("_", " ") + " time"

    @property
    def offset(self) -> str:
        """The zone's offset from UTC on this day: "UTC+9", "UTC+8:30", "UTC-7"."""
        return _offset_text(self.local.utcoffset() or timedelta(0))

    @property
    def text(self) -> str:
        """"04:58 Pyongyang time (UTC+8:30), 20:28 UTC on 5 Jan": the UTC date is written
        only where it is not the local date."""
        if self.zone_key in _UTC_KEYS:
            return f"{self.local:%H:%M} UTC"
        utc = self.utc
        on_day = "" if utc.date() == self.local.date() else f" on {_day_text(utc.date())}"
        return f"{self.local:%H:%M} {self.zone_name} ({self.offset}), {utc:%H:%M} UTC{on_day}"

    @property
    def utc_short(self) -> str:
        """"20:28 UTC 13 May" where the UTC date is not the local one, else "03:02 UTC"."""
        utc = self.utc
        on_day = "" if utc.date() == self.local.date() else f" {_day_text(utc.date())}"
        return f"{utc:%H:%M} UTC{on_day}"

    @property
    def short(self) -> str:
        """"04:58 UTC+8:30": the clock and its offset, for a table cell."""
        return f"{self.local:%H:%M} {self.offset}"

    def in_zone(self, zone_key: str) -> ZonedTime:
        """The same instant as a clock in another zone reads it."""
        return ZonedTime(self.local.astimezone(ZoneInfo(zone_key)))

    def explain_quote(self, quoted: time, quoted_zone: str, written: str | None = None) -> str:
        """Why a report's clock time differs from this one: "the report's 5:28 a.m. is Seoul
        time (UTC+9), 04:58 in Pyongyang (UTC+8:30)".

        ``quoted`` is read in ``quoted_zone`` on whichever day there puts it nearest this
        instant, so a quote just after midnight in Seoul explains a launch just before it in
        Pyongyang; a quote that names another moment (another source's time) is converted all
        the same.  ``written`` is the quote as the report wrote it ("0528 KST"), else the time
        is written the way English reports write it ("5:28 a.m.").
        """
        near = self.in_zone(quoted_zone).local.date()
        candidates = [ZonedTime.at(near + timedelta(days=shift), quoted, quoted_zone)
                      for shift in (-1, 0, 1)]
        quote = min(candidates, key=lambda c: abs(c.utc - self.utc))
        here = quote.in_zone(self.zone_key)
        as_written = written or _twelve_hour(quoted)
        explained = f"the report's {as_written} is {quote.zone_name} ({quote.offset})"
        if quote.zone_key == self.zone_key:
            return explained
        on_day = "" if here.local.date() == quote.local.date() \
            else f" on {_day_text(here.local.date())}"
        place = here.zone_name.removesuffix(" time")
        return f"{explained}, {here.local:%H:%M}{on_day} in {place} ({here.offset})"


def quoted_clock(text: str) -> time | None:
    """The first clock time a quote writes ("5:28 a.m.", "17:05", "0528 KST"); None when it
    writes none."""
    found = _QUOTED_CLOCK.search(text)
    if found is None:
        return None
    hour = int(found["hour"])
    minute = int(found["minute"] or found["glued"])
    half = (found["half"] or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    return time(hour, minute)


def quote_note(launch: ZonedTime, quote: str) -> str | None:
    """Why a report's words give another clock time than the launch's local one: the quote
    read in the first of :data:`QUOTE_ZONES` that puts it at the same instant, explained
    (:meth:`ZonedTime.explain_quote`).  None when the quote reads the local time, writes no
    clock time, or no listed zone accounts for the difference (then it is another moment,
    not another clock)."""
    quoted = quoted_clock(quote)
    if quoted is None or (quoted.hour, quoted.minute) == (launch.local.hour, launch.local.minute):
        return None
    for zone_key in QUOTE_ZONES:
        there = launch.in_zone(zone_key).local
        if (there.hour, there.minute) == (quoted.hour, quoted.minute):
            written = _QUOTED_CLOCK.search(quote).group(0).strip()  # type: ignore[union-attr]
            return launch.explain_quote(quoted, zone_key, written=written)
    return None


def _offset_text(offset: timedelta) -> str:
    """+8:30 -> "UTC+8:30", +9 -> "UTC+9", -7 -> "UTC-7": hours without a leading zero,
    minutes only where there are some, as timeanddate.com and the wire services write it."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _day_text(day: date) -> str:
    """"5 Jan": the day without a leading zero and the month abbreviated."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _twelve_hour(clock: time) -> str:
    """5:28 -> "5:28 a.m.", 17:05 -> "5:05 p.m.", 0:10 -> "12:10 a.m."."""
    hour = clock.hour % 12 or 12
    return f"{hour}:{clock.minute:02d} {'a.m.' if clock.hour < 12 else 'p.m.'}"
