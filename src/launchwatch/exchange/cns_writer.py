"""Events as rows of the CNS North Korea Missile Test Database's CSV.

:func:`event_to_rows` writes an event as one row per missile.  The columns an event does not
hold (agency, facility location, outcome, ...) come from the CNS rows behind it when there are
any: :func:`events_to_rows` takes the CNS reports behind the events (their text holds the
rows, :func:`~.cns.parse_report_rows`), which the caller loads; the writer never reads the
store.  :func:`launchwatch.exchange.export_events` writes the rows to a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..model import CNS, LAUNCH_FIELD, Event, Report, Tier
from .cns import (COLUMNS, FIELD_COLUMNS, PUBLISHER, format_km, format_number,
                  parse_report_rows, utc_time)

# Columns fusion does not hold: carried from the CNS rows behind an event to its export.
PASS_THROUGH = ("Launch Agency/Authority", "Facility Location", "Other Name",
                "Confirmation Status", "Test Outcome", "Additional Information", "Source(s)")

# The event field whose best value each column writes (the site's coordinates are part of
# the site's claims): where CNS's own claim is the best, the missile's own row is written.
_FIELD_OF_COLUMN = {column: LAUNCH_FIELD[name].claimed_as for name, column in FIELD_COLUMNS.items()
                    if LAUNCH_FIELD[name].claimed_as is not None}

_TYPE_OF_CLASS = {"hypersonic": "HGV", "cruise": "Cruise", "unknown": "Unknown"}


def events_to_rows(events: Iterable[Event],
                   reports: Mapping[str, Report]) -> Iterator[dict[str, str]]:
    """Every event as CNS rows, F1 numbered from 1.  ``reports``: the CNS reports behind the
    events by content hash (:func:`launchwatch.exchange.reports_wanted` names them); their rows
    supply the columns an event does not hold, and an event whose CNS report is missing from
    it is written from its own values."""
    f1 = 1
    for event in events:
        cns_rows: list[dict[str, str]] = []
        for reported in event.reports:
            if reported.publisher != PUBLISHER:
                continue
            report = reports.get(reported.content_hash)
            if report is not None:
                for ordinal in reported.ordinals:
                    cns_rows.extend(parse_report_rows(report.text, ordinal))
        rows = event_to_rows(event, first_f1=f1, cns_rows=cns_rows)
        f1 += len(rows)
        yield from rows


def event_to_rows(event: Event, *, first_f1: int = 1,
                  cns_rows: Sequence[dict[str, str]] = ()) -> list[dict[str, str]]:
    """The event as CNS rows, one per missile (``count``, 1 when unknown).

    ``cns_rows`` are the CNS rows behind the event (from its CNS reports' text), one per
    missile: the columns the event does not hold are carried over from them, and where the
    event's best value is the CNS's own, each missile keeps its row's figure (a salvo's two
    missiles flew 600 and 430 km), so that an export re-imports as the same event.
    """
    day = event.date_local
    clock = event.time_local
    point = event.mapped_launch_point
    count = event.value("count")
    missiles = count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 1
    tracked = any(c.tier <= Tier.GOVERNMENT for f in event.fields.values() for c in f.claims)
    sources = [r.url or r.source for r in event.reports if r.publisher != PUBLISHER]
    entered = event.last_published.date().isoformat() if event.last_published else "Unknown"
    best = {
        "Date": day.isoformat() if day else "Unknown",
        "Date Entered/Updated": entered,
        "Launch Time (UTC)": (utc_time(day, clock).strftime("%H:%M")
                              if day and clock else "Unknown"),
        "Missile Name": event.value("missile_name") or "Unknown",
        "Missile Type": _missile_type(event.value("missile_class")),
        "Launch Agency/Authority": "Unknown",
        "Facility Name": event.value("launch_site") or "Unknown",
        "Facility Location": "Unknown",
        "Other Name": "Unknown",
        "Facility Latitude": format_number(point[0]) if point else "Unknown",
        "Facility Longitude": format_number(point[1]) if point else "Unknown",
        "Landing Location": event.value("landing_area") or "Unknown",
        "Apogee": format_km(event.apogee_km),
        "Distance Travelled": format_km(event.distance_km),
        "Confirmation Status": "Confirmed" if tracked else "Unconfirmed",
        "Test Outcome": "Unknown",
        "Additional Information": _information(event),
        "Source(s)": " | ".join(sources) or "Unknown",
    }
    # A column is carried from the missile's CNS row unless another source's value won.
    own = {"Date", "Date Entered/Updated", *PASS_THROUGH}
    for column, name in _FIELD_OF_COLUMN.items():
        found = event.fields.get(name)
        if found is None or found.best is None or found.best.authority == CNS:
            own.add(column)
    rows = []
    for index in range(missiles):
        carried = cns_rows[min(index, len(cns_rows) - 1)] if cns_rows else {}
        row = {"F1": str(first_f1 + index)}
        for column in COLUMNS[1:]:
            row[column] = carried[column] if column in own and column in carried \
                else best[column]
        rows.append(row)
    return rows


def write_cns_csv(rows: Iterable[dict[str, str]], out: io.TextIOBase | Any) -> int:
    """Write rows under the CNS header; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _missile_type(missile_class: str | None) -> str:
    if not missile_class:
        return "Unknown"
    return _TYPE_OF_CLASS.get(missile_class, missile_class)


def _information(event: Event) -> str:
    """What the event holds that the CNS columns do not, in a sentence or two."""
    parts = []
    if event.flight_time_s is not None:
        parts.append(f"Flight time {event.fields['flight_time_s'].shown()}.")
    if event.max_speed_mach is not None:
        parts.append(f"Maximum speed {event.fields['max_speed_mach'].shown()}.")
    eez = event.value("inside_japan_eez")
    if eez is not None:
        parts.append("Landed inside Japan's EEZ." if eez else "Landed outside Japan's EEZ.")
    if event.conflicts:
        parts.append("Sources disagree on: " + ", ".join(event.conflicts) + ".")
    parts.append(f"launchwatch event {event.id} from {len(event.reports)} report(s).")
    return " ".join(parts)
