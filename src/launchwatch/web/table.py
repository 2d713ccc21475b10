"""The events table's search and sort: which listed events a search finds, in which order.

The table, its permalink and its download agree because all three go through
:func:`arrange`: the page shows a slice of what it returns, the export writes all of it.

A search is words, each of which must appear (in any case) in one of the event's names:
its id, date, country, class, missile, outcome, launch site or landing area; "hwasong
failure" finds the Hwasong launches that failed.  A sort is a column's key, ``-`` in front
for the other way; events without a value for the column come last either way, and events
that tie keep the list's own order (latest first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import time
from typing import Any

from ..api import ListedEvent

# The columns a table can be sorted by, with the value each compares.
SORTS: dict[str, Callable[[ListedEvent], Any]] = {
    # Within a day, an event without a time before those with one.
    "date": lambda e: (e.date_local, e.time_local is not None, e.time_local or time())
    if e.date_local else None,
    "country": lambda e: _folded(e.country),
    "class": lambda e: _folded(e.missile_class),
    "missile": lambda e: _folded(e.missile_name),
    "outcome": lambda e: _folded(e.outcome),
    "count": lambda e: e.count,
    "distance": lambda e: e.distance_km,
    "apogee": lambda e: e.apogee_km,
    "site": lambda e: _folded(e.launch_site),
    "landing": lambda e: _folded(e.landing_area),
    "reports": lambda e: e.report_count,
}
DEFAULT_SORT = "-date"
# What a query parameter may say: a key of SORTS, maybe reversed.
SORT_PATTERN = "^-?(" + "|".join(SORTS) + ")$"

# A search is at most this many words: a longer one is a paste, not a question.
MAX_WORDS = 12


def is_default(search: str | None, sort: str | None) -> bool:
    """Whether the store's own order and filters give the table (no search, latest first)."""
    return not (search and search.strip()) and (sort or DEFAULT_SORT) == DEFAULT_SORT


def arrange(events: Iterable[ListedEvent], search: str | None,
            sort: str | None) -> list[ListedEvent]:
    """The events a search finds, in the order ``sort`` asks for (module docstring)."""
    words = (search or "").casefold().split()[:MAX_WORDS]
    found = [event for event in events if all(word in _text(event) for word in words)]
    return ordered(found, sort or DEFAULT_SORT)


def ordered(events: Sequence[ListedEvent], sort: str) -> list[ListedEvent]:
    descending = sort.startswith("-")
    key = SORTS[sort.lstrip("-")]
    valued = [(key(event), event) for event in events]
    known = [pair for pair in valued if pair[0] is not None]
    known.sort(key=lambda pair: pair[0], reverse=descending)
    # sorted(reverse=True) keeps ties in their order, as the forward sort does.
    return [event for _, event in known] + [event for value, event in valued if value is None]


def _folded(text: str | None) -> str | None:
    return text.casefold() if text else None


def _text(event: ListedEvent) -> str:
    names = (event.id, event.date_local.isoformat() if event.date_local else None,
             event.country, event.missile_class, event.missile_name,
             event.outcome, event.launch_site, event.landing_area)
    return " ".join(name for name in names if name).casefold()
