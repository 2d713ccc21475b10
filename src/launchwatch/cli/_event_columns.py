"""The columns ``launchwatch events list`` can show, and which of them fit a terminal.

Each column is named once here (the names ``--columns`` takes), with its heading, alignment and
how to read its cell from an event.  On a terminal the table takes the columns of
:data:`DEFAULT_COLUMNS` in order of :data:`PRIORITY` while they fit its width, so that 80
columns show id, date, time, class, missile and outcome rather than fourteen folded columns;
piped, every default column is written as tab-separated values, one event a line, which a
script can cut without meeting a folded cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import typer

from ..model import LAUNCH_FIELD, Event, zoned

# Qualifiers as the one character a narrow cell has room for.
_QUALIFIER_MARKS = {"about": "~", "more than": ">", "over": ">", "at least": "≥", "up to": "≤",
                    "less than": "<"}


@dataclass(frozen=True)
class Column:
    name: str
    heading: str
    cell: Callable[[Event, dict[str, Any]], str]
    right: bool = False
    # Widest a terminal shows the column before folding its text (None: as wide as it is).
    max_width: int | None = None


def _field(name: str) -> Callable[[Event, dict[str, Any]], str]:
    return lambda event, record: _text(record.get(name))


def _heading(name: str) -> str:
    """A launch field's heading as the fields' declaration gives it (model.fields)."""
    field = LAUNCH_FIELD[name]
    return field.heading or field.label


def _time(event: Event, record: dict[str, Any]) -> str:
    """The local clock with its zone's offset that day ("04:58 UTC+8:30"), or the bare clock
    with "local" where the launching state's zone is not known."""
    at = zoned(event.country, event.date_local, event.time_local)
    if at is not None:
        return at.short
    return f"{event.time_local:%H:%M} local" if event.time_local else ""


def _utc(event: Event, record: dict[str, Any]) -> str:
    at = zoned(event.country, event.date_local, event.time_local)
    if at is None:
        return ""
    utc = at.utc
    # The UTC date only where it is not the local one.
    return f"{utc:%H:%M}" if utc.date() == event.date_local else f"{utc:%Y-%m-%d %H:%M}"


def _date(event: Event, record: dict[str, Any]) -> str:
    if event.date_local is None:
        return "undated"
    precision = getattr(event, "date_precision", "day")
    return {"year": f"{event.date_local:%Y}", "month": f"{event.date_local:%Y-%m}"}.get(
        precision, event.date_local.isoformat())


def _figure(name: str) -> Callable[[Event, dict[str, Any]], str]:
    def cell(event: Event, record: dict[str, Any]) -> str:
        found = event.fields.get(name)
        if found is None or found.best is None:
            return ""
        number = found.best.number
        text = f"{number:,g}" if number is not None else str(found.value)
        text = _QUALIFIER_MARKS.get(found.best.qualifier or "", "") + text
        return text + ("†" if found.launching_state_only else "")
    return cell


def _missile(event: Event, record: dict[str, Any]) -> str:
    found = event.fields.get("missile_name")
    if found is None or found.value is None:
        return ""
    return str(found.value) + ("†" if found.launching_state_only else "")


def _range(event: Event, record: dict[str, Any]) -> str:
    """The minimum-energy range; a lower bound marked "≥", and a range that reaches any
    point on Earth said so rather than given as a figure past the antipode."""
    if record["met_range_km"] is None:
        return ""
    if record.get("reaches_anywhere"):
        return "≥ 20,000 (anywhere)"
    bound = "≥" if record.get("met_range_is_lower_bound") else ""
    text = f"{bound}{record['met_range_km']:,}"
    if record["met_range_low_km"] is not None and record["met_range_high_km"] is not None:
        text += f" ({record['met_range_low_km']:,}-{record['met_range_high_km']:,})"
    return text


def _verdict(event: Event, record: dict[str, Any]) -> str:
    return {True: "consistent", False: "inconsistent", None: ""}[record["consistent"]]


def _conflicts(event: Event, record: dict[str, Any]) -> str:
    return ", ".join(name.removesuffix("_km").removesuffix("_s").replace("_", " ")
                     for name in record["conflicts"])


COLUMNS: dict[str, Column] = {column.name: column for column in (
    Column("id", "id", lambda event, record: event.id),
    Column("date", "date", _date),
    Column("time", "time (local)", _time),
    Column("utc", "UTC", _utc),
    Column("country", "state", _field("country"), max_width=16),
    Column("class", _heading("missile_class"), _field("missile_class")),
    Column("missile", "missile", _missile, max_width=18),
    Column("count", _heading("count"), _field("count"), right=True),
    Column("outcome", _heading("outcome"), _field("outcome")),
    Column("distance", _heading("distance_km"), _figure("distance_km"), right=True),
    Column("apogee", _heading("apogee_km"), _figure("apogee_km"), right=True),
    Column("flight_time", _heading("flight_time_s"), _figure("flight_time_s"), right=True),
    Column("site", _heading("launch_site"), _field("launch_site"), max_width=20),
    Column("sources", "sources", lambda event, record: str(record["reports"]), right=True),
    Column("conflicts", "conflicts", _conflicts, max_width=20),
    Column("range", "min-energy range km", _range, right=True),
    Column("verdict", "verdict", _verdict),
    Column("landing", "landing", _field("landing_zone"), max_width=30),
)}

DEFAULT_COLUMNS = ("id", "date", "time", "utc", "class", "missile", "count", "outcome",
                   "distance", "apogee", "flight_time", "site", "sources", "conflicts", "range",
                   "verdict", "landing")
"""What ``events list`` shows without ``--columns``, in this order (piped: all of them)."""

PRIORITY = ("id", "date", "time", "class", "missile", "outcome", "apogee", "distance", "range",
            "utc", "site", "flight_time", "count", "verdict", "sources", "landing", "conflicts")
"""Which default columns a narrow terminal keeps first."""


def chosen(written: str | None) -> list[Column] | None:
    """The columns ``--columns`` names ("id,date,apogee"), in its order; None without it.

    Raises a usage error (exit code 2) naming an unknown column and listing the names there
    are."""
    if written is None:
        return None
    names = [name.strip().lower().replace("-", "_") for name in written.split(",")
             if name.strip()]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown or not names:
        raise typer.BadParameter(f"{', '.join(map(repr, unknown)) or 'no column'} is not a "
                                 f"column of the list; the columns are {', '.join(COLUMNS)}",
                                 param_hint="--columns")
    return [COLUMNS[name] for name in dict.fromkeys(names)]


def fitting(rows: Sequence[dict[str, str]], width: int) -> list[Column]:
    """The default columns that fit ``width`` characters of terminal, taken in
    :data:`PRIORITY` and shown in :data:`DEFAULT_COLUMNS` order; a column empty in every row
    (no event has an outcome yet) is left out."""
    taken: set[str] = set()
    used = 1  # the table's left border
    for name in PRIORITY:
        column = COLUMNS[name]
        cells = [row[name] for row in rows]
        if not any(cells) and name != "id":
            continue
        needed = min(max(len(column.heading), *(len(cell) for cell in cells)),
                     column.max_width or width) + 3  # padding and the border
        if used + needed <= width:
            taken.add(name)
            used += needed
    return [COLUMNS[name] for name in DEFAULT_COLUMNS if name in taken]


def cells(event: Event, columns: Sequence[Column]) -> dict[str, str]:
    """The text of each of ``columns`` for ``event``, by column name."""
    record = event.to_record()
    return {column.name: column.cell(event, record) for column in columns}


def _text(value: Any) -> str:
    return "" if value is None else str(value)
