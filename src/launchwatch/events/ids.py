"""Event ids: readable, deterministic, never autoincremented.

``KP-2022-11-03-1`` is North Korea's first launch event of 3 November 2022 (local date), ``-2``
its second that day, numbered in order of launch time when fusion first sees them together.
An event keeps its id when later reports join it.  A launch whose date no report resolves is an
event of its own, named after the report and the launch's place in it:
``KP-undated-3f9c2a71d0-0``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

# ISO 3166-1 alpha-2 codes of the states whose launches are reported most; others get a code
# made from their name (and a hash, so that two names never share one).  No two states share a
# code: a day's events are found by their ids' prefix, so two states of one code would fuse
# over each other's events.  Yemen's code is the Houthis', who launch from its territory (the
# lexicon reads "Yemen" as them); a launch a source gives to the Republic of Yemen is rare
# enough for a made code.
COUNTRY_CODES = {
    "North Korea": "KP", "South Korea": "KR", "Japan": "JP", "China": "CN", "Russia": "RU",
    "Iran": "IR", "Pakistan": "PK", "India": "IN", "United States": "US", "Israel": "IL",
    "France": "FR", "United Kingdom": "GB", "Yemen (Houthis)": "YE", "Syria": "SY",
    "Iraq": "IQ", "Saudi Arabia": "SA", "Turkey": "TR", "Ukraine": "UA", "Taiwan": "TW",
}
_ID = re.compile(r"^(?P<prefix>[A-Z0-9]+-\d{4}-\d{2}-\d{2})-(?P<number>\d+)$")


def country_code(country: str | None) -> str:
    if not country:
        return "XX"
    if country in COUNTRY_CODES:
        return COUNTRY_CODES[country]
    letters = re.sub(r"[^A-Za-z]", "", country).upper()[:3] or "X"
    return letters + hashlib.sha256(country.encode("utf-8")).hexdigest()[:3].upper()


def dated_prefix(country: str | None, date_local: date) -> str:
    return f"{country_code(country)}-{date_local.isoformat()}"


def event_id(country: str | None, date_local: date, number: int) -> str:
    """The id of the ``number``-th (from 1) event of ``country`` on ``date_local``."""
    return f"{dated_prefix(country, date_local)}-{number}"


def event_number(event_id_: str) -> int | None:
    """1 for ``KP-2022-11-03-1``; None for an undated event's id."""
    match = _ID.match(event_id_)
    return int(match["number"]) if match else None


def undated_event_id(country: str | None, report_hash: str, ordinal: int) -> str:
    """The id of the event of one undated launch (the ``ordinal``-th of its report)."""
    return f"{country_code(country)}-undated-{report_hash[:10]}-{ordinal}"
