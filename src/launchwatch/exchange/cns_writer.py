"""Events as rows of the CNS North Korea Missile Test Database's CSV.

**A table's own rows come back as they came.**  An event that CNS rows are behind is written
as those rows, every cell as the file had it, F1 included (the rows are the text of the CNS
reports behind it, :func:`~.cns.parse_report_rows`; the caller loads the reports, the writer
never reads the store).  News reports that joined the event change none of CNS's columns: two
launches of one day keep their own missiles and outcomes, a salvo keeps its row per missile,
"Unconfirmed" stays "Unconfirmed" and an undated row stays "Unknown".

**What launchwatch fused goes beside them**, in the columns after CNS's
(:data:`EVENT_COLUMNS`): the event's id, local date and the best value of each fused field,
from the launch fields' declaration, the same on every row of the event.

**An event no CNS row is behind** is written from its best values, one row per missile
(``count``, 1 when unknown), numbered after the highest F1 of the export.

**Dates and times are in one zone**, which the header names (``Date (UTC)`` and ``Launch Time
(UTC)``, or local both: :func:`~.cns.headings`): by default the zone the CNS rows came in when
they agree, else UTC.  A CNS row's date and time move only when the export's zone differs from
its own and its time is known (a date without a time cannot move: it is written as it came).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, time
from typing import Any

from ..errors import IngestError
from ..model import FIELDS, LAUNCH_FIELD, Event, Report, Tier
from .cns import (COLUMNS, CONFIRMATION_CELLS, DATE_COLUMN, OUTCOME_CELLS, PUBLISHER,
                  TIME_COLUMN, DateZone, format_km, format_number, headings, local_date,
                  local_time, parse_clock, parse_date, parse_report_rows, report_zone, utc_date,
                  utc_time)

EVENT_COLUMNS: tuple[str, ...] = ("Event ID", "Event: Date (local)",
                                  *(f"Event: {LAUNCH_FIELD[name].label}" for name in FIELDS),
                                  "Event: Reports", "Event: Conflicts")
"""The columns after CNS's: what launchwatch fused of the row's event."""

_TYPE_OF_CLASS = {"hypersonic": "HGV", "cruise": "Cruise", "unknown": "Unknown"}


def export_zone(events: Iterable[Event], reports: Mapping[str, Report]) -> DateZone:
    """The zone of an export's dates: that of the CNS reports behind ``events`` when they
    agree, else UTC."""
    zones = {report_zone(reports[r.content_hash].text) for event in events
             for r in event.reports if r.publisher == PUBLISHER and r.content_hash in reports}
    return zones.pop() if len(zones) == 1 else "utc"


def columns(zone: DateZone) -> list[str]:
    """The header of an export in ``zone``: CNS's columns, the date and time named with their
    zone, then :data:`EVENT_COLUMNS`."""
    named = headings(zone)
    return [named.get(column, column) for column in COLUMNS] + list(EVENT_COLUMNS)


def events_to_rows(events: Iterable[Event], reports: Mapping[str, Report], *,
                   dates: DateZone | None = None) -> Iterator[dict[str, str]]:
    """Every event as rows under :func:`columns` (module docstring).  ``reports``: the CNS
    reports behind the events by content hash (:func:`launchwatch.exchange.reports_wanted`
    names them); an event whose CNS report is missing from it is written from its own values.
    ``dates``: the zone of the dates, None for the rows' own (:func:`export_zone`)."""
    events = list(events)
    zone = dates or export_zone(events, reports)
    tables = [_cns_rows(event, reports) for event in events]
    numbers = [int(row["F1"]) for rows in tables for row, _ in rows
               if row.get("F1", "").strip().isdigit()]
    next_f1 = max(numbers, default=0) + 1
    for event, rows in zip(events, tables):
        fused = _event_cells(event)
        if rows:
            for row, row_zone in rows:
                yield {**_zoned(row, row_zone, zone), **fused}
            continue
        written = event_to_rows(event, first_f1=next_f1, dates=zone)
        next_f1 += len(written)
        for row in written:
            yield {**row, **fused}


def _cns_rows(event: Event, reports: Mapping[str, Report]) -> list[tuple[dict[str, str], str]]:
    """The CNS rows behind an event, each with the zone of its dates."""
    rows = []
    for reported in event.reports:
        report = reports.get(reported.content_hash)
        if reported.publisher != PUBLISHER or report is None:
            continue
        zone = report_zone(report.text)
        for ordinal in reported.ordinals:
            rows.extend((row, zone) for row in parse_report_rows(report.text, ordinal))
    return rows


def _zoned(row: dict[str, str], own: str, zone: DateZone) -> dict[str, str]:
    """A CNS row under the export's headings: every cell as it came, but the date and the
    time moved into ``zone`` where they are in another and can move."""
    named = headings(zone)
    out = {named.get(column, column): row.get(column, "") for column in COLUMNS}
    if own == zone and zone == "utc":
        return out
    try:
        day, precision = parse_date(row.get(DATE_COLUMN, ""), DATE_COLUMN)
    except IngestError:
        day, precision = None, "day"
    clock = parse_clock(row.get(TIME_COLUMN, ""))
    if day is None or precision != "day" or clock is None:
        return out  # nothing to move by, or nothing to move: as it came
    if own == "local" and zone == "utc":
        moment = local_time(day, clock)
        out[named[DATE_COLUMN]] = utc_date(day, moment).isoformat()  # type: ignore[arg-type]
    elif own == "utc" and zone == "local":
        local = local_date(day, clock)
        out[named[DATE_COLUMN]] = local.isoformat()
        out[named[TIME_COLUMN]] = _hhmm(local_time(local, clock))
    else:  # local dates in a local export: only the time, CNS's UTC, moves
        out[named[TIME_COLUMN]] = _hhmm(local_time(day, clock))
    return out


def event_to_rows(event: Event, *, first_f1: int = 1,
                  dates: DateZone = "utc") -> list[dict[str, str]]:
    """The event as CNS rows from its best values, one per missile (``count``, 1 when
    unknown), under the headings of ``dates`` (:func:`columns`, without the event's own)."""
    named = headings(dates)
    day, clock = event.date_local, event.time_local
    point = event.mapped_launch_point
    count = event.value("count")
    missiles = count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 1
    tracked = any(c.tier <= Tier.GOVERNMENT for f in event.fields.values() for c in f.claims)
    confirmation = event.value("confirmation") or ("confirmed" if tracked else "unconfirmed")
    sources = [r.url or r.source for r in event.reports if r.publisher != PUBLISHER]
    entered = event.last_published.date().isoformat() if event.last_published else "Unknown"
    cells = {
        named[DATE_COLUMN]: _date_cell(event, dates),
        "Date Entered/Updated": entered,
        named[TIME_COLUMN]: _time_cell(day, clock, dates),
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
        "Confirmation Status": CONFIRMATION_CELLS.get(confirmation, "Unknown"),
        "Test Outcome": OUTCOME_CELLS.get(event.value("outcome") or "", "Unknown"),
        "Additional Information": _information(event),
        "Source(s)": " | ".join(sources) or "Unknown",
    }
    return [{"F1": str(first_f1 + index), **cells} for index in range(missiles)]


def _date_cell(event: Event, zone: DateZone) -> str:
    """The event's date as CNS writes it, to its precision ('2022-10-06', '1984-09', '1984',
    'Unknown'), moved to UTC where its time allows."""
    day = event.date_local
    if day is None:
        return "Unknown"
    if event.date_precision == "year":
        return f"{day.year:04d}"
    if event.date_precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    clock = event.time_local
    if zone == "utc" and clock is not None:
        return utc_date(day, clock).isoformat()
    return day.isoformat()


def _time_cell(day: date | None, clock: time | None, zone: DateZone) -> str:
    if day is None or clock is None:
        return "Unknown"
    return _hhmm(clock if zone == "local" else utc_time(day, clock))


def _hhmm(clock: time | None) -> str:
    return clock.strftime("%H:%M") if clock is not None else "Unknown"


def _event_cells(event: Event) -> dict[str, str]:
    """The :data:`EVENT_COLUMNS` of an event's rows."""
    day = event.date_local
    cells = {"Event ID": event.id,
             "Event: Date (local)": "" if day is None else
             day.isoformat()[:{"day": 10, "month": 7, "year": 4}[event.date_precision]]}
    for name in FIELDS:
        found = event.fields.get(name)
        cells[f"Event: {LAUNCH_FIELD[name].label}"] = found.shown() if found else ""
    cells["Event: Reports"] = str(len(event.reports))
    cells["Event: Conflicts"] = ", ".join(event.conflicts)
    return cells


def write_cns_csv(rows: Iterable[dict[str, str]], out: io.TextIOBase | Any, *,
                  header: Sequence[str] | None = None) -> int:
    """Write rows under their header (the keys of the first row, else ``header``, else the
    columns of a UTC export); returns the number of rows."""
    iterator = iter(rows)
    first = next(iterator, None)
    fieldnames = list(first) if first is not None else list(header or columns("utc"))
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    if first is None:
        return 0
    writer.writerow(first)
    n = 1
    for row in iterator:
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
    count = len(event.reports)
    parts.append(f"launchwatch event {event.id} from {count} report{'' if count == 1 else 's'}.")
    return " ".join(parts)
