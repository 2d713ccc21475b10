"""Times as the pages write them: every clock time names its zone, with UTC beside it.

A launch's time is the launching state's clock (:func:`launchwatch.model.clock.zoned` knows
its zone and that day's offset: Pyongyang kept UTC+8:30 from 2015 to 2018).  A report's
publication time carries the offset the report gave.  Both are written with UTC beside them,
so that a time read on a page never has to be guessed at.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from ..model.clock import ZonedTime, zoned


def launch_time(country: str | None, day: date | None,
                clock: str | time | None) -> ZonedTime | None:
    """The launch's local time in its zone (``clock`` as "HH:MM" or a time); None when the
    state, the day or the time is unknown."""
    if isinstance(clock, str):
        try:
            clock = time.fromisoformat(clock)
        except ValueError:
            return None
    return zoned(country, day, clock)


def instant_text(moment: datetime | date | None) -> str:
    """A publication or revision time: "2022-05-04 12:30 UTC+09:00 (03:30 UTC)"; a time
    given without an offset is written as given with "(zone not stated)"; a bare date as
    the date."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    offset = moment.utcoffset()
    if offset is None:
        return f"{moment:%Y-%m-%d %H:%M} (zone not stated)"
    utc = moment.astimezone(timezone.utc)
    if not offset:
        return f"{utc:%Y-%m-%d %H:%M} UTC"
    day = "" if utc.date() == moment.date() else f" on {utc:%Y-%m-%d}"
    # isoformat ends with the offset as "+09:00".
    return f"{moment:%Y-%m-%d %H:%M} UTC{moment.isoformat()[-6:]} ({utc:%H:%M} UTC{day})"
