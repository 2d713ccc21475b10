"""Filters as people write them, turned into an :class:`EventQuery`: the one parser of the
command line, the HTTP API and the notebook.

A name is taken as the store spells it whatever its case ("north korea"), or as an alias
the vocabulary knows ("DPRK" for North Korea, "KN-23" for the Hwasong-11A); a value that is
neither is refused with the list of the values there are.  Dates are a year, a month or a
day ("2022", "2022-03", "2022-03-15"), a period's first day for ``since`` and its last for
``until``::

    query = parse_filters(store, {"country": "DPRK", "since": "2022"}, vocabulary=names)
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import get_args

from sqlalchemy import func, select

from ..errors import SettingsError
from ..geo.gazetteer import load_sites
from ..geo.sites import locate_site
from ..model import OUTCOMES, MissileClass
from .event_tables import EventRow
from .store import Store

UNKNOWN_OUTCOME = "unknown"
"""The outcome filter's value for events no source gave an outcome for."""

PERIOD_FORMS = "a year, month or day: 2022, 2022-03 or 2022-03-15"


@dataclass(frozen=True)
class EventQuery:
    """Which events to list, map or count; None (or no sites) means any.  Dates are inclusive
    and compared with the event's local date; names are compared exactly, as stored
    (:func:`parse_filters` makes them so).  ``outcome`` is one of
    :data:`~launchwatch.model.OUTCOMES`, or :data:`UNKNOWN_OUTCOME` for events without one."""

    country: str | None = None
    missile_class: str | None = None
    missile_name: str | None = None
    sites: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    outcome: str | None = None


Names = Mapping[str, str]
"""Every written form of a kind of name, in lower case, and the name it stands for."""

Vocabulary = Callable[[str], Names]
"""The aliases of a kind of name ("country", "missile_name"): the extractor's lexicons, read
only when a value is not a stored name (they are slow to load)."""

# The query parameters and options, by the EventQuery field they fill.
FILTERS = {"country": "country", "missile_class": "class", "missile_name": "missile",
           "sites": "site", "date_from": "since", "date_to": "until", "outcome": "outcome"}


def parse_filters(store: Store, written: Mapping[str, str | Iterable[str] | None], *,
                  vocabulary: Vocabulary) -> EventQuery:
    """The query for the filters as written: keys ``country``, ``missile_class``,
    ``missile_name``, ``sites`` (several), ``since``, ``until`` and ``outcome``; a missing,
    None or blank value filters nothing.

    Raises :class:`~launchwatch.errors.SettingsError` naming the filter (``field``) and the
    values it takes, or the form of a date."""
    unknown = set(written) - {"country", "missile_class", "missile_name", "sites", "since",
                              "until", "outcome"}
    if unknown:
        raise SettingsError(f"there is no filter {', '.join(sorted(unknown))}; the filters "
                            f"are {', '.join(FILTERS.values())}")

    def text(key: str) -> str | None:
        value = written.get(key)
        return value.strip() or None if isinstance(value, str) else None

    since = _period(text("since"), end=False, field="since")
    until = _period(text("until"), end=True, field="until")
    if since and until and since > until:
        raise SettingsError(f"since ({text('since')}) is after until ({text('until')}); give "
                            "the earlier date first", field="since")
    sites = written.get("sites") or ()
    sites = [sites] if isinstance(sites, str) else list(sites)
    return EventQuery(
        country=_name(store, "country", text("country"), vocabulary),
        missile_class=_choice(text("missile_class"), get_args(MissileClass), "class"),
        missile_name=_name(store, "missile_name", text("missile_name"), vocabulary),
        sites=tuple(dict.fromkeys(stored for site in sites if site.strip()
                                  for stored in _site(store, site.strip()))),
        date_from=since, date_to=until,
        outcome=_choice(text("outcome"), (*OUTCOMES, UNKNOWN_OUTCOME), "outcome"))


def parse_period(text: str, *, end: bool) -> date:
    """'2022' / '2022-03' / '2022-03-15' -> the first (or, with ``end``, last) day it covers.

    Raises ValueError with the reason.
    """
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"write {PERIOD_FORMS}")
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        return date(year, month, monthrange(year, month)[1] if end else 1)
    return date(year, month, int(parts[2]))


def _period(text: str | None, *, end: bool, field: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_period(text, end=end)
    except ValueError as exc:
        raise SettingsError(f"{text!r} is not a date ({exc})", field=field) from None


def _choice(text: str | None, choices: Iterable[str], field: str) -> str | None:
    """One of a fixed list of values, whatever its case."""
    if text is None:
        return None
    by_lower = {choice.lower(): choice for choice in choices}
    if text.lower() in by_lower:
        return by_lower[text.lower()]
    raise SettingsError(f"{text!r} is not one of {', '.join(by_lower.values())}", field=field)


# The column that holds each kind of name, and what the error calls the kind.
_COLUMNS = {"country": (EventRow.country, "country", "launching states"),
            "missile_name": (EventRow.missile_name, "missile", "missiles")}


def _name(store: Store, kind: str, text: str | None, vocabulary: Vocabulary) -> str | None:
    """The stored spelling of ``text``, else the name an alias of it stands for."""
    if text is None:
        return None
    column, field, plural = _COLUMNS[kind]
    with store.engine.connect() as connection:
        stored = connection.scalar(select(column).where(func.lower(column) == text.lower())
                                   .limit(1))
        if stored is not None:
            return stored
        aliases = vocabulary(kind)
        if text.lower() in aliases:
            return aliases[text.lower()]
        known = set(aliases.values()) | set(connection.scalars(
            select(column).distinct().where(column.is_not(None))))
    raise SettingsError(f"{text!r} is not a name launchwatch knows; the {plural} are "
                        f"{', '.join(sorted(known, key=str.lower))}", field=field)


def _site(store: Store, text: str) -> list[str]:
    """The stored site phrases ``text`` selects: those it spells (in any case), and where it
    names a site of the gazetteer ("Sunan", "Tongchang-ri"), every phrase the sources wrote
    for that site ("Sunan area of Pyongyang"), as the map places them (:func:`locate_site`).
    """
    with store.engine.connect() as connection:
        stored = list(connection.scalars(select(EventRow.launch_site).distinct()
                                         .where(EventRow.launch_site.is_not(None))))
    site = _site_names().get(text.lower())
    found = [phrase for phrase in stored if phrase.lower() == text.lower()
             or site is not None and (located := locate_site(phrase)) is not None
             and located.name == site]
    if found or site is not None:
        return found or [site]  # type: ignore[list-item]
    known = set(_site_names().values()) | set(stored)
    raise SettingsError(f"{text!r} is not a site launchwatch knows; the launch sites are "
                        f"{', '.join(sorted(known, key=str.lower))}", field="site")


@lru_cache(maxsize=1)
def _site_names() -> dict[str, str]:
    """Every name of every site of the gazetteer, in lower case, and the site's name."""
    return {alias.lower(): site.name for site in reversed(load_sites()) for alias in site.names}
