"""The CSV of the CNS North Korea Missile Test Database: its columns and how its cells read.

The CNS database (James Martin Center for Nonproliferation Studies) has one row per missile:
a salvo of three is three rows with the same date, time and facility.  Its columns are
:data:`COLUMNS`; files in the wild also spell them in camel case (``LaunchTimeUTC``,
``DistanceTravelled``), which :func:`column_key` folds to the same key.  Cells are free text:
"Unknown", "N/A", "approximately 700 km", "between 25 and 90 km", "over 2,000 km".
``Date`` is the launch's local date in North Korea; ``Launch Time (UTC)`` is UTC
(:func:`local_time` and :func:`utc_time` convert through the ``Asia/Pyongyang`` time zone:
UTC+9, UTC+8:30 from 2015-08-15 to 2018-05-04).

This module is the format both ways share; :mod:`.cns_reader` reads a file into reports
(one per day, credited to the authority :data:`~launchwatch.model.CNS`) and :mod:`.cns_writer`
writes events as rows.  A CNS report's text is its rows written out as ``Column: value`` lines
(:func:`parse_report_rows` reads them back), so that every value has its evidence and a writer
can carry the columns an event does not hold.  Which column holds which launch field is the
launch fields' declaration (:data:`FIELD_COLUMNS`, from :mod:`launchwatch.model.fields`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..errors import IngestError
from ..model import LAUNCH_FIELDS, Quantity
from ..units import MILE_KM, NAUTICAL_MILE_KM

COLUMNS: tuple[str, ...] = (
    "F1", "Date", "Date Entered/Updated", "Launch Time (UTC)", "Missile Name", "Missile Type",
    "Launch Agency/Authority", "Facility Name", "Facility Location", "Other Name",
    "Facility Latitude", "Facility Longitude", "Landing Location", "Apogee",
    "Distance Travelled", "Confirmation Status", "Test Outcome", "Additional Information",
    "Source(s)")

FIELD_COLUMNS: dict[str, str] = {field.name: field.cns_column for field in LAUNCH_FIELDS
                                 if field.cns_column is not None}
"""The column of each launch field CNS keeps, by field name, in the fields' order."""

PUBLISHER = "CNS North Korea Missile Test Database"
SALVO = "Salvo"  # the line in a CNS report's text that says which of the day's launches a row is

_ZONE = ZoneInfo("Asia/Pyongyang")
_UNKNOWN = {"", "unknown", "unk", "n/a", "na", "none", "not available", "not known", "-", "--",
            "?", "tbd", "unconfirmed"}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_RANGE = re.compile(rf"(?:between\s+)?({_NUMBER})\s*(?:km|kilomet\w*)?\s*(?:-|–|to|and)\s*"
                    rf"({_NUMBER})", re.IGNORECASE)
_FIGURE = re.compile(_NUMBER)
_QUALIFIERS = (("at least", "at least"), ("more than", "more than"), ("over", "over"),
               ("exceeding", "more than"), ("in excess of", "more than"), (">", "more than"),
               ("above", "more than"), ("up to", "up to"), ("less than", "less than"),
               ("under", "less than"), ("<", "less than"), ("below", "less than"),
               ("approximately", "about"), ("approx", "about"), ("about", "about"),
               ("around", "about"), ("roughly", "about"), ("some", "about"), ("~", "about"),
               ("nearly", "about"), ("estimated", "about"))


def column_key(name: str) -> str:
    """'Launch Time (UTC)' and 'LaunchTimeUTC' -> 'launchtimeutc'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def says_nothing(text: str) -> bool:
    """Whether a cell states nothing: empty, "Unknown", "N/A", "TBD", ..."""
    return text.strip().lower() in _UNKNOWN


def parse_km(text: str, column: str = "value") -> Quantity | None:
    """A free-text cell as km: '2,800 km', 'approximately 700 km', 'over 2000 km',
    'between 25 and 90 km', '450 miles'; None for 'Unknown', 'N/A' and empty cells."""
    cleaned = text.strip()
    lowered = cleaned.lower()
    if lowered in _UNKNOWN:
        return None
    factor = 1.0
    if re.search(r"\bnautical miles?\b|\bnmi?\b", lowered):
        factor = NAUTICAL_MILE_KM
    elif re.search(r"\bmiles?\b|\bmi\b", lowered):
        factor = MILE_KM
    ranged = _RANGE.search(lowered)
    if ranged:
        low, high = (float(ranged[i].replace(",", "")) * factor for i in (1, 2))
        if low > high:
            low, high = high, low
        return Quantity(value=_tidy((low + high) / 2), unit="km", low=_tidy(low),
                        high=_tidy(high))
    figure = _FIGURE.search(lowered)
    if figure is None:
        raise IngestError(f"cannot read {cleaned!r} as a distance; write km such as '450 km', "
                          "'about 450 km', 'between 25 and 90 km', or 'Unknown'", field=column)
    before = lowered[:figure.start()]
    qualifier = next((name for word, name in _QUALIFIERS if word in before), None)
    return Quantity(value=_tidy(float(figure[0].replace(",", "")) * factor), unit="km",
                    qualifier=qualifier)  # type: ignore[arg-type]


def format_km(quantity: Quantity | None) -> str:
    """The inverse of :func:`parse_km`: 'about 700 km', 'between 25 and 90 km', 'Unknown'."""
    if quantity is None:
        return "Unknown"
    if quantity.low is not None and quantity.high is not None and quantity.low != quantity.high:
        return f"between {format_number(quantity.low)} and {format_number(quantity.high)} km"
    prefix = f"{quantity.qualifier} " if quantity.qualifier else ""
    return f"{prefix}{format_number(quantity.value)} km"


def format_number(value: float) -> str:
    """700.0 -> '700', 125.8035851 -> '125.8035851': every digit the value has (so that it
    reads back the same), as a person writes it, never in e-notation."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    return text if text not in {"", "-0"} else "0"


def local_time(day: date, utc: time | None) -> time | None:
    """A CNS launch time (UTC) as North Korean local time on the launch's local date."""
    if utc is None:
        return None
    return _shifted(utc, _offset_s(day))


def utc_time(day: date, local: time | None) -> time | None:
    """A North Korean local time on ``day`` as the UTC time CNS writes."""
    if local is None:
        return None
    return _shifted(local, -_offset_s(day))


def _offset_s(day: date) -> int:
    offset = _ZONE.utcoffset(datetime.combine(day, time(12)))
    return int(offset.total_seconds()) if offset is not None else 0


def _shifted(clock: time, seconds: int) -> time:
    """A time of day moved by ``seconds``, round the clock.  Only the time is wanted, so no
    date is computed: one would overflow at the ends of the calendar (0001-01-01,
    9999-12-31)."""
    total = (clock.hour * 3600 + clock.minute * 60 + clock.second + seconds) % 86_400
    return time(total // 3600, total // 60 % 60, total % 60, clock.microsecond)


def parse_report_rows(text: str, ordinal: int | None = None) -> list[dict[str, str]]:
    """The rows written in a CNS report's text (``Column: value`` lines, blank between rows);
    with ``ordinal``, only those of the report's launch of that place (0, 1, ...)."""
    rows = []
    for block in text.split("\n\n"):
        row = {}
        salvo = None
        for line in block.splitlines():
            column, _, value = line.partition(": ")
            if column in COLUMNS:
                row[column] = value
            elif column == SALVO:
                salvo = int(value) - 1 if value.isdigit() else None
        if row and (ordinal is None or salvo == ordinal):
            rows.append(row)
    return rows


def _tidy(value: float) -> float:
    return round(value, 6)
