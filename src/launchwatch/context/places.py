"""The zone of a context event's dates, from its place.

Calendars give local dates at the event's place (a Security Council vote on a New York evening
is the next day in Seoul), and an iCalendar time needs a zone to become a local date.  A
place names a city or a country; the first of these words found in it decides.  A place none
of them names is taken to be in :data:`DEFAULT_ZONE`, where most of the events this tool
tracks happen.
"""

from __future__ import annotations

import re

DEFAULT_ZONE = "Asia/Seoul"

# Word -> IANA zone; the words are matched whole and without case.  Order matters only where
# a place names two (the first wins): "Iwakuni / Hiroshima, Japan".
_PLACE_ZONES: tuple[tuple[str, str], ...] = (
    ("pyongyang", "Asia/Pyongyang"), ("north korea", "Asia/Pyongyang"), ("dprk", "Asia/Pyongyang"),
    ("seoul", "Asia/Seoul"), ("panmunjom", "Asia/Seoul"), ("busan", "Asia/Seoul"),
    ("gyeongju", "Asia/Seoul"), ("jeju", "Asia/Seoul"), ("south korea", "Asia/Seoul"),
    ("korea", "Asia/Seoul"),
    ("tokyo", "Asia/Tokyo"), ("osaka", "Asia/Tokyo"), ("hiroshima", "Asia/Tokyo"),
    ("japan", "Asia/Tokyo"),
    ("new york", "America/New_York"), ("washington", "America/New_York"),
    ("camp david", "America/New_York"), ("united states", "America/New_York"),
    ("usa", "America/New_York"),
    ("beijing", "Asia/Shanghai"), ("china", "Asia/Shanghai"),
    ("vladivostok", "Asia/Vladivostok"), ("moscow", "Europe/Moscow"),
    ("singapore", "Asia/Singapore"), ("hanoi", "Asia/Ho_Chi_Minh"),
    ("geneva", "Europe/Zurich"), ("london", "Europe/London"), ("brussels", "Europe/Brussels"),
)
_PATTERNS = [(re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), zone)
             for word, zone in _PLACE_ZONES]


def zone_of_place(place: str | None) -> str | None:
    """The zone of the first city or country ``place`` names; None when it names none."""
    if not place:
        return None
    found = [(match.start(), order, zone) for order, (pattern, zone) in enumerate(_PATTERNS)
             if (match := pattern.search(place))]
    return min(found)[2] if found else None
