"""CSV in the columns of the CNS North Korea Missile Test Database: read, import, write.

The CNS database (James Martin Center for Nonproliferation Studies) has one row per missile:
a salvo of three is three rows with the same date, time and facility.  Its columns are
:data:`COLUMNS`; files in the wild also spell them in camel case (``LaunchTimeUTC``,
``DistanceTravelled``), which :func:`column_key` folds to the same key.  Cells are free text:
"Unknown", "N/A", "approximately 700 km", "between 25 and 90 km", "over 2,000 km".

**Import.**  The rows of one day become one report (:func:`cns_days`), credited to the
authority ``CNS``, whose launches are the day's salvos (:func:`group_rows`: rows of one
facility minutes apart; count = number of rows; the largest distance and apogee, the others
kept as alternatives).  The pipeline stores them and they go through fusion like any other
report (:meth:`launchwatch.pipeline.Pipeline.import_cns`), so CNS rows and the news reports of
the same launch make one event, and two salvos CNS lists for one day stay two events.  The
report's text is the rows written out as ``Column: value`` lines, so every value has its
evidence, and the same rows imported twice (or re-imported from an export) are one report.
``Date`` is the launch's local date in North Korea; ``Launch Time (UTC)`` is converted to North
Korean time (UTC+9, UTC+8:30 from 2015-08-15 to 2018-05-04, through the ``Asia/Pyongyang``
time zone).  A row that cannot be read is reported with its line number and the others are
imported; each day is stored in one transaction.

**Export.**  :func:`event_to_rows` writes an event as one row per missile; columns the event
does not hold (agency, facility location, outcome, ...) come from the CNS rows behind it when
there are any.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..errors import IngestError, LaunchwatchError
from ..events.authority import CNS
from ..events.matching import MAX_TIME_GAP_MIN
from ..model import Event, Evidence, Extraction, Launch, Quantity, Report, Tier

if TYPE_CHECKING:
    from ..store import Store

COLUMNS: tuple[str, ...] = (
    "F1", "Date", "Date Entered/Updated", "Launch Time (UTC)", "Missile Name", "Missile Type",
    "Launch Agency/Authority", "Facility Name", "Facility Location", "Other Name",
    "Facility Latitude", "Facility Longitude", "Landing Location", "Apogee",
    "Distance Travelled", "Confirmation Status", "Test Outcome", "Additional Information",
    "Source(s)")

PUBLISHER = "CNS North Korea Missile Test Database"
SALVO = "Salvo"  # the line in a CNS report's text that says which of the day's launches a row is
COUNTRY = "North Korea"
_ZONE = ZoneInfo("Asia/Pyongyang")

# Columns fusion does not hold: carried from the CNS rows behind an event to its export.
PASS_THROUGH = ("Launch Agency/Authority", "Facility Location", "Other Name",
                "Confirmation Status", "Test Outcome", "Additional Information", "Source(s)")

_UNKNOWN = {"", "unknown", "unk", "n/a", "na", "none", "not available", "not known", "-", "--",
            "?", "tbd", "unconfirmed"}
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%y", "%d-%b-%Y", "%b %d, %Y",
                 "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE)
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
_CLASSES = {"srbm": "SRBM", "crbm": "SRBM", "mrbm": "MRBM", "irbm": "IRBM", "icbm": "ICBM",
            "slbm": "SLBM", "slv": "SLV", "satellite launch vehicle": "SLV", "mlrs": "MLRS",
            "hgv": "hypersonic", "hypersonic": "hypersonic", "cruise": "cruise", "lacm": "cruise",
            "ascm": "cruise", "cruise missile": "cruise", "unknown": "unknown"}
_TYPE_OF_CLASS = {"hypersonic": "HGV", "cruise": "Cruise", "unknown": "Unknown"}


def column_key(name: str) -> str:
    """'Launch Time (UTC)' and 'LaunchTimeUTC' -> 'launchtimeutc'."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


_KEY_COLUMN = {column_key(name): name for name in COLUMNS}


@dataclass(frozen=True)
class CnsRow:
    """One row of a CNS file, read and checked; ``cells`` are its text by canonical column."""

    line: int
    cells: dict[str, str]
    date_local: date
    entered: date | None
    time_utc: time | None
    latitude: float | None
    longitude: float | None
    apogee_km: Quantity | None
    distance_km: Quantity | None

    @property
    def f1(self) -> str:
        return self.cells.get("F1", "")

    def cell(self, column: str) -> str | None:
        """A cell's text, None when it says nothing ("", "Unknown", "N/A")."""
        text = self.cells.get(column, "").strip()
        return None if text.lower() in _UNKNOWN else text


@dataclass
class CnsRead:
    """The rows a file holds, and each row that could not be read."""

    rows: list[CnsRow] = field(default_factory=list)
    failures: list[IngestError] = field(default_factory=list)


@dataclass
class CnsImport:
    """What an import did."""

    rows: int = 0
    launches: int = 0
    new: int = 0  # days (reports) stored
    duplicate: int = 0  # days already stored
    events: list[str] = field(default_factory=list)
    failures: list[LaunchwatchError] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"rows": self.rows, "launches": self.launches, "new": self.new,
                "duplicate": self.duplicate, "events": len(self.events),
                "failed": len(self.failures),
                "failures": [{"path": f.path, "line": f.line, "field": f.field,
                              "message": f.message} for f in self.failures]}


# -- reading -----------------------------------------------------------------------------------


def read_cns_csv(path: str | Path) -> CnsRead:
    """Read a CNS CSV file; a bad row is a failure with its line number, the rest are read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc}); check the path",
                          path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save CSV in their code page.
        text = raw.decode("cp1252", errors="replace")
    return read_cns_text(text, source=str(path))


def read_cns_text(text: str, *, source: str = "<csv>") -> CnsRead:
    reader = csv.reader(io.StringIO(text, newline=""))
    out = CnsRead()
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise IngestError("the file is empty; a CNS CSV starts with a header row naming its "
                          "columns (F1, Date, Launch Time (UTC), ...)", path=source) from None
    columns = [_KEY_COLUMN.get(column_key(name)) for name in header]
    if "Date" not in columns:
        raise IngestError("the header has no Date column; the first row must name the CNS "
                          f"columns ({', '.join(COLUMNS[:4])}, ...)", path=source, line=1)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.failures.append(IngestError(f"is not valid CSV ({exc}); fix the quoting",
                                            path=source, line=start))
            line = reader.line_num
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            out.failures.append(IngestError(
                f"has {len(values)} cells but the header names {len(header)} columns; quote "
                "cells that contain commas", path=source, line=start))
            continue
        cells = {column: value.strip() for column, value in zip(columns, values) if column}
        try:
            out.rows.append(_row(start, cells))
        except IngestError as exc:
            out.failures.append(IngestError(exc.message, path=source, line=start,
                                            field=exc.field))
    return out


def _row(line: int, cells: dict[str, str]) -> CnsRow:
    latitude = _coordinate(cells.get("Facility Latitude", ""), "Facility Latitude", 90)
    longitude = _coordinate(cells.get("Facility Longitude", ""), "Facility Longitude", 180)
    return CnsRow(
        line=line, cells=cells,
        date_local=_date(cells.get("Date", ""), "Date", required=True),  # type: ignore[arg-type]
        entered=_date(cells.get("Date Entered/Updated", ""), "Date Entered/Updated"),
        time_utc=_clock(cells.get("Launch Time (UTC)", "")),
        latitude=latitude, longitude=longitude,
        apogee_km=parse_km(cells.get("Apogee", ""), "Apogee"),
        distance_km=parse_km(cells.get("Distance Travelled", ""), "Distance Travelled"))


def _date(text: str, column: str, *, required: bool = False) -> date | None:
    cleaned = text.strip()
    if cleaned.lower() in _UNKNOWN:
        if required:
            raise IngestError("has no date; every row needs the launch's date (YYYY-MM-DD)",
                              field=column)
        return None
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}-\d{1,2}|[A-Za-z]+\.? \d{4}", cleaned):
        raise IngestError(f"gives only a month ({cleaned!r}); launches are matched by day, so "
                          "write the day as YYYY-MM-DD, or leave the row out", field=column)
    raise IngestError(f"cannot read {cleaned!r} as a date; write it as YYYY-MM-DD",
                      field=column)


def _clock(text: str) -> time | None:
    match = _CLOCK.match(text)
    if match is None:
        return None  # "Unknown", "morning": no clock time
    hour, minute = int(match[1]), int(match[2])
    if match[3]:
        hour = hour % 12 + (12 if match[3].lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _coordinate(text: str, column: str, limit: float) -> float | None:
    cleaned = text.strip()
    if cleaned.lower() in _UNKNOWN:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise IngestError(f"cannot read {cleaned!r} as degrees; write a decimal number such as "
                          "39.66", field=column) from None
    if not -limit <= value <= limit:
        raise IngestError(f"{value} is not a valid {column.split()[-1].lower()} (it must lie "
                          f"within +-{limit:g} degrees)", field=column)
    return value


def parse_km(text: str, column: str = "value") -> Quantity | None:
    """A free-text cell as km: '2,800 km', 'approximately 700 km', 'over 2000 km',
    'between 25 and 90 km', '450 miles'; None for 'Unknown', 'N/A' and empty cells."""
    cleaned = text.strip()
    lowered = cleaned.lower()
    if lowered in _UNKNOWN:
        return None
    factor = 1.0
    if re.search(r"\bnautical miles?\b|\bnmi?\b", lowered):
        factor = 1.852
    elif re.search(r"\bmiles?\b|\bmi\b", lowered):
        factor = 1.609344
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
        return f"between {_number(quantity.low)} and {_number(quantity.high)} km"
    prefix = f"{quantity.qualifier} " if quantity.qualifier else ""
    return f"{prefix}{_number(quantity.value)} km"


def missile_class(missile_type: str | None) -> str | None:
    """The launch class for a 'Missile Type' cell ('SRBM', 'HGV', 'Cruise', ...)."""
    if not missile_type:
        return None
    key = missile_type.strip().lower()
    return _CLASSES.get(key) or next((c for word, c in _CLASSES.items() if word in key),
                                     "unknown")


def local_time(day: date, utc: time | None) -> time | None:
    """A CNS launch time (UTC) as North Korean local time on the launch's local date."""
    if utc is None:
        return None
    offset = _ZONE.utcoffset(datetime.combine(day, time(12)))
    return (datetime.combine(day, utc) + offset).time()


def utc_time(day: date, local: time | None) -> time | None:
    if local is None:
        return None
    offset = _ZONE.utcoffset(datetime.combine(day, time(12)))
    return (datetime.combine(day, local) - offset).time()


# -- rows -> reports ---------------------------------------------------------------------------


def group_rows(rows: Iterable[CnsRow]) -> dict[date, list[list[CnsRow]]]:
    """The rows of each day, grouped into launches (salvos).

    Rows of one facility are one launch while each is within
    :data:`~launchwatch.events.matching.MAX_TIME_GAP_MIN` of the one before (a salvo's missiles
    are minutes apart); a row without a time joins its facility's first launch of the day.
    Days are in date order, launches by time, rows as the file lists them.
    """
    by_day: dict[date, dict[str, list[CnsRow]]] = {}
    for row in rows:
        facility = (row.cell("Facility Name") or "").casefold()
        by_day.setdefault(row.date_local, {}).setdefault(facility, []).append(row)
    out: dict[date, list[list[CnsRow]]] = {}
    for day in sorted(by_day):
        launches: list[list[CnsRow]] = []
        for facility_rows in by_day[day].values():
            timed = sorted((r for r in facility_rows if r.time_utc is not None),
                           key=lambda r: r.time_utc)  # type: ignore[arg-type,return-value]
            groups: list[list[CnsRow]] = []
            for row in timed:
                if groups and _minutes(groups[-1][-1].time_utc, row.time_utc) <= MAX_TIME_GAP_MIN:
                    groups[-1].append(row)
                else:
                    groups.append([row])
            untimed = [r for r in facility_rows if r.time_utc is None]
            if untimed:
                if groups:
                    groups[0].extend(untimed)
                else:
                    groups.append(untimed)
            launches.extend(groups)
        launches.sort(key=lambda g: (g[0].time_utc is None, g[0].time_utc or time(),
                                     g[0].cell("Facility Name") or ""))
        out[day] = launches
    return out


def _minutes(earlier: time | None, later: time | None) -> float:
    anchor = date(2000, 1, 1)
    return (datetime.combine(anchor, later) - datetime.combine(anchor, earlier)  # type: ignore
            ).total_seconds() / 60.0


def day_report(launches: Sequence[Sequence[CnsRow]], source: str) -> tuple[Report, Extraction]:
    """One day's rows as one report, each of its launches (salvos) a launch of the report.

    The CNS database lists every missile of the day, so its launches of one day are distinct
    launches, as those of any report are; fusion never merges them.  The text is the rows in a
    fixed order, so that the same rows are the same report whatever order a file has them in.
    """
    ordered = [sorted(rows, key=lambda r: [_canonical(r, c) for c in COLUMNS[1:]])
               for rows in launches]
    lines: list[str] = []
    spans: dict[tuple[int, int, str], tuple[int, int]] = {}
    position = 0
    for number, rows in enumerate(ordered):
        for index, row in enumerate(rows):
            if lines:
                lines.append("")
                position += 1
            marker = f"{SALVO}: {number + 1}"
            lines.append(marker)
            position += len(marker) + 1
            for column in COLUMNS[1:]:
                line = f"{column}: {_canonical(row, column)}"
                spans[(number, index, column)] = (position + len(column) + 2,
                                                  position + len(line))
                lines.append(line)
                position += len(line) + 1
    text = "\n".join(lines)
    all_rows = [row for rows in ordered for row in rows]
    first = all_rows[0]
    entered = [row.entered for row in all_rows if row.entered is not None]
    f1s = [row.f1 for row in all_rows if row.f1]
    where = f"F1={','.join(f1s)}" if f1s else f"line={first.line}"
    report = Report(source=f"cns:{Path(source).name}#{where}", text=text,
                    title=f"{PUBLISHER}: {first.date_local.isoformat()}", publisher=PUBLISHER,
                    published=datetime.combine(max(entered), time()) if entered else None)
    found = [_launch(rows, text, report.content_hash,
                     {k[1:]: v for k, v in spans.items() if k[0] == number})
             for number, rows in enumerate(ordered)]
    return report, Extraction(source=report.source, report_hash=report.content_hash,
                              is_launch_report=True, launches=found)


def _launch(rows: Sequence[CnsRow], text: str, report_hash: str,
            spans: dict[tuple[int, str], tuple[int, int]]) -> Launch:
    """One salvo's rows (one per missile) as a launch, every value with its evidence."""
    def evidence(index: int, column: str) -> Evidence:
        start, end = spans[(index, column)]
        return Evidence(start=start, end=end, text=text[start:end], report_hash=report_hash)

    first = min(rows, key=lambda r: (r.time_utc is None, r.time_utc or time()))
    at = rows.index(first)
    launch = Launch(country=COUNTRY, date_local=first.date_local,
                    time_local=local_time(first.date_local, first.time_utc),
                    launch_site=first.cell("Facility Name"), launch_lat=first.latitude,
                    launch_lon=first.longitude,
                    missile_class=missile_class(first.cell("Missile Type")),  # type: ignore
                    missile_name=first.cell("Missile Name"), count=len(rows),
                    landing_area=first.cell("Landing Location"), reported_by=["CNS"])
    launch.evidence["date_local"] = evidence(at, "Date")
    for name, column in (("time_local", "Launch Time (UTC)"), ("launch_site", "Facility Name"),
                         ("missile_class", "Missile Type"), ("missile_name", "Missile Name"),
                         ("landing_area", "Landing Location")):
        if getattr(launch, name) is not None:
            launch.evidence[name] = evidence(at, column)
    for name, column in (("distance_km", "Distance Travelled"), ("apogee_km", "Apogee")):
        stated = [(i, getattr(row, name)) for i, row in enumerate(rows)
                  if getattr(row, name) is not None]
        if not stated:
            continue
        # One row per missile: the launch's figure is the largest (the label rule for salvos);
        # the other missiles' figures stay as alternatives.
        top_index, top = max(stated, key=lambda item: item[1].value)
        setattr(launch, name, top)
        launch.evidence[name] = evidence(top_index, column)
        others: list[dict[str, Any]] = []
        for index, quantity in stated:
            if quantity.value != top.value and quantity.value not in {o["value"] for o in others}:
                others.append({"value": quantity.value, "qualifier": quantity.qualifier,
                               "reported_by": "CNS",
                               "evidence": evidence(index, column).model_dump(
                                   exclude={"report_hash"})})
        if others:
            launch.alternatives[name] = others
    return launch


def _canonical(row: CnsRow, column: str) -> str:
    """A cell as the export writes it, so that a re-imported export is the same report."""
    if column == "Date":
        return row.date_local.isoformat()
    if column == "Date Entered/Updated":
        return row.entered.isoformat() if row.entered else "Unknown"
    if column == "Launch Time (UTC)":
        return row.time_utc.strftime("%H:%M") if row.time_utc else "Unknown"
    if column == "Facility Latitude":
        return _number(row.latitude) if row.latitude is not None else "Unknown"
    if column == "Facility Longitude":
        return _number(row.longitude) if row.longitude is not None else "Unknown"
    if column == "Apogee":
        return format_km(row.apogee_km)
    if column == "Distance Travelled":
        return format_km(row.distance_km)
    return row.cell(column) or "Unknown"


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


# -- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CnsDay:
    """One day of a CNS file as a report (:func:`day_report`): its launches (salvos) and the
    line of its first row, by which a failure to store it is reported."""

    report: Report
    extraction: Extraction
    line: int
    launches: int


def cns_days(rows: Sequence[CnsRow], source: str) -> Iterator[CnsDay]:
    """The reports of the days of ``rows`` read from the file ``source``, in date order
    (:meth:`launchwatch.pipeline.Pipeline.import_cns` stores, fuses and assesses them)."""
    for launches in group_rows(rows).values():
        report, extraction = day_report(launches, source)
        yield CnsDay(report=report, extraction=extraction, line=launches[0][0].line,
                     launches=len(launches))


# -- export ------------------------------------------------------------------------------------


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
        "Facility Latitude": _number(point[0]) if point else "Unknown",
        "Facility Longitude": _number(point[1]) if point else "Unknown",
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


_FIELD_OF_COLUMN = {"Launch Time (UTC)": "time_local", "Missile Name": "missile_name",
                    "Missile Type": "missile_class", "Facility Name": "launch_site",
                    "Facility Latitude": "launch_site", "Facility Longitude": "launch_site",
                    "Landing Location": "landing_area", "Apogee": "apogee_km",
                    "Distance Travelled": "distance_km"}


def write_cns_csv(rows: Iterable[dict[str, str]], out: io.TextIOBase | Any) -> int:
    """Write rows under the CNS header; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def events_to_rows(events: Iterable[Event], store: Store | None = None) -> Iterator[dict[str, str]]:
    """Every event as CNS rows, F1 numbered from 1; with ``store``, the CNS rows behind each
    event supply the columns it does not hold."""
    f1 = 1
    for event in events:
        cns_rows: list[dict[str, str]] = []
        if store is not None:
            for reported in event.reports:
                if reported.publisher == PUBLISHER:
                    report = store.report(reported.content_hash)
                    if report is not None:
                        for ordinal in reported.ordinals:
                            cns_rows.extend(parse_report_rows(report.text, ordinal))
        rows = event_to_rows(event, first_f1=f1, cns_rows=cns_rows)
        f1 += len(rows)
        yield from rows


def _missile_type(missile_class_: str | None) -> str:
    if not missile_class_:
        return "Unknown"
    return _TYPE_OF_CLASS.get(missile_class_, missile_class_)


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


def _number(value: float) -> str:
    """700.0 -> '700', 125.8035851 -> '125.8035851': every digit the value has (so that it
    reads back the same), as a person writes it, never in e-notation."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    return text if text not in {"", "-0"} else "0"


def _tidy(value: float) -> float:
    return round(value, 6)
