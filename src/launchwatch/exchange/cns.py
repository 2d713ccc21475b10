"""The CSV of the CNS North Korea Missile Test Database: its columns and how its cells read.

The CNS database (James Martin Center for Nonproliferation Studies) has one row per missile:
a salvo of three is three rows with the same date, time and facility.  Its columns are
:data:`COLUMNS`; files in the wild also spell them in camel case (``LaunchTimeUTC``,
``DistanceTravelled``), which :func:`column_key` folds to the same key.  Cells are free text:
"Unknown", "N/A", "approximately 700 km", "between 25 and 90 km", "over 2,000 km".
``Launch Time (UTC)`` is UTC; ``Date`` is North Korea's local date in CNS's own file, but the
UTC date in CNS-derived data in the wild, so a file's dates have a zone (:data:`DateZone`),
which the importer is told or detects (:mod:`.cns_reader`) and the writer names in its header
(:func:`headings`: ``Date (UTC)`` with ``Launch Time (UTC)``, or ``Date (local)`` with
``Launch Time (local)``).  :func:`local_time`, :func:`utc_time` and :func:`local_date` convert
through the ``Asia/Pyongyang`` time zone (UTC+9, UTC+8:30 from 2015-08-15 to 2018-05-04).
A date may give only its month or year ("1984-09", "September 1984", "1984": the launch's
``date_precision``); ``Unknown`` leaves it undated.

This module is the format both ways share; :mod:`.cns_reader` reads a file into reports
(one per day, credited to the authority :data:`~launchwatch.model.CNS`) and :mod:`.cns_writer`
writes events as rows.  A CNS report's text is its rows written out as ``Column: value`` lines,
each cell as the file had it, after a ``Dates: UTC`` (or ``local``) line that says the zone of
their dates (:func:`report_text_rows` writes them, :func:`parse_report_rows` and
:func:`report_zone` read them back), so that every value has its evidence and the writer
gives CNS's rows back as they came.  Which column holds which launch field is the
launch fields' declaration (:data:`FIELD_COLUMNS`, from :mod:`launchwatch.model.fields`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from ..errors import IngestError
from ..model import LAUNCH_FIELDS, Quantity, calendar_problem
from ..model.clock import zone_of
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
DATES = "Dates"  # the line in a CNS report's text that says the zone of its rows' dates

DateZone = Literal["local", "utc"]
"""The zone of a file's ``Date`` column: North Korea's local date, or the UTC date."""

ZONE_NAMES: dict[str, str] = {"local": "local", "utc": "UTC"}

DATE_COLUMN, TIME_COLUMN = "Date", "Launch Time (UTC)"

OUTCOME_CELLS: dict[str, str] = {"success": "Success", "failure": "Failure",
                                 "partial": "Partial Success"}
"""How CNS writes each test outcome (:data:`launchwatch.model.OUTCOMES`)."""

CONFIRMATION_CELLS: dict[str, str] = {"confirmed": "Confirmed", "unconfirmed": "Unconfirmed"}
"""How CNS writes each confirmation status (:data:`launchwatch.model.CONFIRMATIONS`)."""


def headings(zone: DateZone) -> dict[str, str]:
    """The heading of the date and the time column of a file whose date and time are both in
    ``zone``: 'Date' -> 'Date (UTC)', 'Launch Time (UTC)' -> 'Launch Time (UTC)'."""
    name = ZONE_NAMES[zone]
    return {DATE_COLUMN: f"Date ({name})", TIME_COLUMN: f"Launch Time ({name})"}


def heading_zone(heading: str) -> tuple[str, DateZone] | None:
    """The column and zone a zone-naming heading stands for: 'Date (UTC)' -> ('Date', 'utc'),
    'LaunchTimeLocal' -> ('Launch Time (UTC)', 'local'); None for any other heading (CNS's own
    'Date' names no zone; its 'Launch Time (UTC)' is read as CNS's column)."""
    key = column_key(heading)
    for zone in ("local", "utc"):
        for column, zoned in headings(zone).items():  # type: ignore[arg-type]
            if key == column_key(zoned) and not (zone == "utc" and column == TIME_COLUMN):
                return column, zone  # type: ignore[return-value]
    return None


def parse_outcome(text: str | None) -> str | None:
    """A 'Test Outcome' cell as an outcome: 'Success', 'Failure' ('Failed', 'Fail'), 'Partial
    Success' ('Partial'); None for 'Unknown' and anything else."""
    key = (text or "").strip().casefold()
    if key.startswith("partial"):
        return "partial"
    if key.startswith("success"):
        return "success"
    if key.startswith("fail"):
        return "failure"
    return None


def parse_confirmation(text: str | None) -> str | None:
    """A 'Confirmation Status' cell: 'Confirmed' or 'Unconfirmed'; None for anything else."""
    key = (text or "").strip().casefold()
    return {"confirmed": "confirmed", "unconfirmed": "unconfirmed"}.get(key)

_ZONE = ZoneInfo(zone_of("North Korea"))  # the one map of states to zones
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


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%y", "%d-%b-%Y", "%b %d, %Y",
                 "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
# Dates that give only a month or a year (CNS's launches of 1984-92), finest first.
_PERIOD_FORMATS = (("%Y-%m", "month"), ("%B %Y", "month"), ("%b %Y", "month"),
                   ("%b. %Y", "month"), ("%m/%Y", "month"), ("%Y", "year"))
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE)

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


def parse_date(text: str, column: str) -> tuple[date | None, str]:
    """A date cell as (first day, precision): '2017-07-28' -> day, '1984-09' and
    'September 1984' -> month, '1984' -> year; (None, 'day') for 'Unknown'."""
    cleaned = text.strip()
    if says_nothing(cleaned):
        return None, "day"
    for form, precision in (*((f, "day") for f in _DATE_FORMATS), *_PERIOD_FORMATS):
        try:
            day = datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
        problem = calendar_problem(day)
        if problem:
            raise IngestError(f"{day.isoformat()} {problem}; check the year, or leave the row "
                              "out", field=column)
        return day, precision
    raise IngestError(f"cannot read {cleaned!r} as a date; write it as YYYY-MM-DD (or "
                      "YYYY-MM, YYYY, or Unknown when the source gives no more)", field=column)


def parse_clock(text: str) -> time | None:
    """A 'Launch Time' cell as a clock time: '21:15', '21:15 (UTC)', '9:15 pm'; None for
    'Unknown' or 'morning'."""
    match = _CLOCK.match(text)
    if match is None:
        return None  # "Unknown", "morning": no clock time
    hour, minute = int(match[1]), int(match[2])
    if match[3]:
        hour = hour % 12 + (12 if match[3].lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


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


def local_date(day: date, utc: time) -> date:
    """The local date in North Korea of the UTC moment ``day`` ``utc``."""
    moment = datetime.combine(day, utc) + timedelta(seconds=_offset_s(day))
    return moment.date()


def utc_date(day: date, local: time) -> date:
    """The UTC date of the North Korean local moment ``day`` ``local``."""
    moment = datetime.combine(day, local) - timedelta(seconds=_offset_s(day))
    return moment.date()


def _offset_s(day: date) -> int:
    offset = _ZONE.utcoffset(datetime.combine(day, time(12)))
    return int(offset.total_seconds()) if offset is not None else 0


def _shifted(clock: time, seconds: int) -> time:
    """A time of day moved by ``seconds``, round the clock.  Only the time is wanted, so no
    date is computed: one would overflow at the ends of the calendar (0001-01-01,
    9999-12-31)."""
    total = (clock.hour * 3600 + clock.minute * 60 + clock.second + seconds) % 86_400
    return time(total // 3600, total // 60 % 60, total % 60, clock.microsecond)


def report_text_rows(zone: DateZone, launches: list[list[dict[str, str]]]
                     ) -> tuple[str, dict[tuple[int, int, str], tuple[int, int]]]:
    """A CNS report's text: the zone line, then each launch's rows (one per missile) as
    ``Column: value`` lines, each cell as the file had it (a line break in it as ``\\n``).
    Also the span of each cell in the text, by (launch, row, column), for evidence."""
    lines = [f"{DATES}: {ZONE_NAMES[zone]}"]
    position = len(lines[0]) + 1
    spans: dict[tuple[int, int, str], tuple[int, int]] = {}
    for number, rows in enumerate(launches):
        for index, row in enumerate(rows):
            marker = f"{SALVO}: {number + 1}"
            lines.extend(["", marker])
            position += len(marker) + 2
            for column in COLUMNS:
                if column not in row:
                    continue
                line = f"{column}: {_escaped(row[column])}"
                spans[(number, index, column)] = (position + len(column) + 2,
                                                  position + len(line))
                lines.append(line)
                position += len(line) + 1
    return "\n".join(lines), spans


def report_zone(text: str) -> DateZone:
    """The zone of the dates of a CNS report's rows (reports stored before the zone was
    written down held local dates)."""
    first = text.split("\n", 1)[0]
    return "utc" if first == f"{DATES}: {ZONE_NAMES['utc']}" else "local"


def parse_report_rows(text: str, ordinal: int | None = None) -> list[dict[str, str]]:
    """The rows written in a CNS report's text (``Column: value`` lines, blank between rows),
    each cell as the file had it; with ``ordinal``, only those of the report's launch of that
    place (0, 1, ...)."""
    rows = []
    for block in text.split("\n\n"):
        row = {}
        salvo = None
        for line in block.splitlines():
            column, _, value = line.partition(": ")
            if column in COLUMNS:
                row[column] = _unescaped(value)
            elif column == SALVO:
                salvo = int(value) - 1 if value.isdigit() else None
        if row and (ordinal is None or salvo == ordinal):
            rows.append(row)
    return rows


def _escaped(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def _unescaped(text: str) -> str:
    return re.sub(r"\\([\\rn])", lambda m: {"n": "\n", "r": "\r"}.get(m[1], m[1]), text)


def _tidy(value: float) -> float:
    return round(value, 6)
