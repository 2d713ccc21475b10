"""Reading a CNS CSV file: rows checked, each day a report whose launches are its salvos.

:func:`read_cns_csv` reads and checks the rows (:class:`CnsRow`); a row that cannot be read is
an :class:`~launchwatch.errors.IngestError` with its line number, and the others are read.  So
is a row with a date no report can have (year 1, year 9999:
:func:`launchwatch.model.calendar_problem`), and one whose quote is never closed: the CSV
module would read the rows below it as one of its cells, so the reader reports it at the line
where the quote opened and reads on from the next line.  A date outside the missile era
(:func:`launchwatch.model.era_problem`) and a figure outside its plausible range
(:func:`launchwatch.model.implausible_value`) are kept and flagged in ``warnings``.  NUL
characters are removed, as from every report (:func:`launchwatch.model.without_nul`).
:func:`cns_days` makes the rows of each day one report (:func:`day_report`), credited to the
authority :data:`~launchwatch.model.CNS`, whose launches are the day's salvos
(:func:`group_rows`: rows of one facility minutes apart; count = number of rows; the largest
distance and apogee, the others kept as alternatives).  The report's text is the rows written
out as ``Column: value`` lines, so every value has its evidence, and the same rows read twice
(or read back from an export) are one report.

The pipeline stores the reports and they go through fusion like any other
(:meth:`launchwatch.pipeline.Pipeline.import_cns`, each day in one transaction), so CNS rows
and the news reports of the same launch make one event, and two salvos CNS lists for one day
stay two events.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from ..errors import IngestError, LaunchwatchError
from ..model import (CNS, LAUNCH_FIELD, MAX_TIME_GAP_MIN, QUANTITY_FIELDS, Evidence, Extraction,
                     Kind, Launch, Quantity, Report, calendar_problem, era_problem,
                     implausible_value, without_nul)
from .cns import (COLUMNS, FIELD_COLUMNS, PUBLISHER, SALVO, column_key, format_km,
                  format_number, local_time, parse_km, says_nothing)

CNS_LAUNCHING_STATE = "North Korea"
"""The state every launch of the CNS North Korea Missile Test Database is by: the database
names none, since it lists North Korea's alone."""

_KEY_COLUMN = {column_key(name): name for name in COLUMNS}
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%y", "%d-%b-%Y", "%b %d, %Y",
                 "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_CLASSES = {"srbm": "SRBM", "crbm": "SRBM", "mrbm": "MRBM", "irbm": "IRBM", "icbm": "ICBM",
            "slbm": "SLBM", "slv": "SLV", "satellite launch vehicle": "SLV", "mlrs": "MLRS",
            "hgv": "hypersonic", "hypersonic": "hypersonic", "cruise": "cruise", "lacm": "cruise",
            "ascm": "cruise", "cruise missile": "cruise", "unknown": "unknown"}

# The launch fields whose evidence is one cell of the launch's first row: those CNS has a
# column for, but the figures (the largest of the salvo's rows) and the site's coordinates
# (part of the site's claim).
_FIRST_ROW_FIELDS = tuple(name for name in FIELD_COLUMNS
                          if LAUNCH_FIELD[name].part_of is None
                          and LAUNCH_FIELD[name].kind is not Kind.NUMBER)
_FIGURE_FIELDS = tuple(name for name in QUANTITY_FIELDS if name in FIELD_COLUMNS)


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
        return None if says_nothing(text) else text

    def field_cell(self, name: str) -> str | None:
        """The cell of the column of the launch field ``name``, as :meth:`cell`."""
        return self.cell(FIELD_COLUMNS[name])


@dataclass
class CnsRead:
    """The rows a file holds, each row that could not be read, and each implausible value of
    the rows read (kept as read)."""

    rows: list[CnsRow] = field(default_factory=list)
    failures: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)


@dataclass
class CnsImport:
    """What an import did (:meth:`launchwatch.pipeline.Pipeline.import_cns`)."""

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


@dataclass(frozen=True)
class CnsDay:
    """One day of a CNS file as a report (:func:`day_report`): its launches (salvos) and the
    line of its first row, by which a failure to store it is reported."""

    report: Report
    extraction: Extraction
    line: int
    launches: int


# -- reading -----------------------------------------------------------------------------------


def read_cns_csv(path: str | Path, *, today: date | None = None) -> CnsRead:
    """Read a CNS CSV file; a bad row is a failure with its line number, the rest are read.

    ``today`` (UTC, by default the system clock's) ends the missile era: a later date is
    flagged.
    """
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
    return read_cns_text(text, source=str(path), today=today)


def read_cns_text(text: str, *, source: str = "<csv>", today: date | None = None) -> CnsRead:
    """Read a CNS CSV text (:func:`read_cns_csv`); line numbers are those of the text."""
    today = today or datetime.now(timezone.utc).date()
    lines = _PhysicalLines(without_nul(text))
    reader = csv.reader(lines)
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
    while True:
        first = lines.taken  # the record's first line, counted from 0
        start = first + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if lines.taken - first < 2:
                out.failures.append(IngestError(f"is not valid CSV ({exc}); fix the quoting",
                                                path=source, line=start))
                continue
            values = None  # a quoted cell ran over lines until the CSV module gave up on it
        if values is None or _quote_never_closed(lines.lines[first:lines.taken], values,
                                                 columns, at_end=lines.taken == len(lines.lines)):
            out.failures.append(IngestError(
                "a quote opened here is never closed, so the rows below it would be read as "
                "part of one of its cells; close the quote, or write a quote inside a cell as "
                "two (\"\")", path=source, line=start))
            lines.taken = first + 1  # read on from the next line, with a reader of no state
            reader = csv.reader(lines)
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            out.failures.append(IngestError(
                f"has {len(values)} cells but the header names {len(header)} columns; quote "
                "cells that contain commas", path=source, line=start))
            continue
        cells = {column: value.strip() for column, value in zip(columns, values) if column}
        try:
            row = _row(start, cells)
        except IngestError as exc:
            out.failures.append(IngestError(exc.message, path=source, line=start,
                                            field=exc.field))
            continue
        out.rows.append(row)
        out.warnings.extend(IngestError(f"{problem}; the row is kept: check the cell and correct "
                                        "it if it is wrong", path=source, line=start,
                                        field=column)
                            for column, problem in _doubts(row, today))
    return out


def _doubts(row: CnsRow, today: date) -> Iterator[tuple[str, str]]:
    """The row's implausible values: (column, why)."""
    for column, day in (("Date", row.date_local), ("Date Entered/Updated", row.entered)):
        if day is not None and (problem := era_problem(day, today=today)):
            yield column, f"{day.isoformat()} {problem}"
    for name in _FIGURE_FIELDS:
        quantity = getattr(row, name)
        problem = implausible_value(name, quantity) if quantity is not None else None
        if problem:
            yield FIELD_COLUMNS[name], problem


class _PhysicalLines:
    """The lines of a text as the CSV module splits them, and how many it has taken, so that
    a record's physical lines are known and reading can go back to one of them."""

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text, newline="").readlines()
        self.taken = 0

    def __iter__(self) -> _PhysicalLines:
        return self

    def __next__(self) -> str:
        if self.taken >= len(self.lines):
            raise StopIteration
        self.taken += 1
        return self.lines[self.taken - 1]


def _quote_never_closed(record: list[str], values: list[str], columns: list[str | None], *,
                        at_end: bool) -> bool:
    """Whether a record's quoted cell ran over its line for want of a closing quote.

    A cell may hold line breaks inside its quotes; a quote left open instead either runs to
    the end of the file or is closed by the first quote of a later row, and then the lines it
    ran over read as rows of their own.
    """
    if len(record) < 2 and not at_end:
        return False
    if at_end:
        try:
            list(csv.reader(record, strict=True))
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                return True
    if not any("\n" in value or "\r" in value for value in values):
        return False
    return any(_reads_as_row(line, columns) for line in record[1:])


def _reads_as_row(line: str, columns: list[str | None]) -> bool:
    """Whether a line read alone is a row: no more cells than columns, and a date in Date."""
    try:
        cells = next(csv.reader([line]), [])
    except csv.Error:
        return False
    at = columns.index("Date")
    if not at < len(cells) <= len(columns):
        return False
    try:
        return _date(cells[at], "Date") is not None
    except IngestError:
        return False


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
    if says_nothing(cleaned):
        if required:
            raise IngestError("has no date; every row needs the launch's date (YYYY-MM-DD)",
                              field=column)
        return None
    for form in _DATE_FORMATS:
        try:
            day = datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
        problem = calendar_problem(day)
        if problem:
            raise IngestError(f"{day.isoformat()} {problem}; check the year, or leave the row "
                              "out", field=column)
        return day
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
    if says_nothing(cleaned):
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


def missile_class(missile_type: str | None) -> str | None:
    """The launch class for a 'Missile Type' cell ('SRBM', 'HGV', 'Cruise', ...)."""
    if not missile_type:
        return None
    key = missile_type.strip().lower()
    return _CLASSES.get(key) or next((c for word, c in _CLASSES.items() if word in key),
                                     "unknown")


# -- rows -> reports ---------------------------------------------------------------------------


def cns_days(rows: Sequence[CnsRow], source: str) -> Iterator[CnsDay]:
    """The reports of the days of ``rows`` read from the file ``source``, in date order
    (:meth:`launchwatch.pipeline.Pipeline.import_cns` stores, fuses and assesses them)."""
    for launches in group_rows(rows).values():
        report, extraction = day_report(launches, source)
        yield CnsDay(report=report, extraction=extraction, line=launches[0][0].line,
                     launches=len(launches))


def group_rows(rows: Iterable[CnsRow]) -> dict[date, list[list[CnsRow]]]:
    """The rows of each day, grouped into launches (salvos).

    Rows of one facility are one launch while each is within
    :data:`~launchwatch.model.MAX_TIME_GAP_MIN` of the one before (a salvo's missiles are
    minutes apart); a row without a time joins its facility's first launch of the day.
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
    def evidence(index: int, name: str) -> Evidence:
        start, end = spans[(index, FIELD_COLUMNS[name])]
        return Evidence(start=start, end=end, text=text[start:end], report_hash=report_hash)

    first = min(rows, key=lambda r: (r.time_utc is None, r.time_utc or time()))
    at = rows.index(first)
    launch = Launch(country=CNS_LAUNCHING_STATE, date_local=first.date_local,
                    time_local=local_time(first.date_local, first.time_utc),
                    launch_site=first.field_cell("launch_site"), launch_lat=first.latitude,
                    launch_lon=first.longitude,
                    missile_class=missile_class(  # type: ignore[arg-type]
                        first.field_cell("missile_class")),
                    missile_name=first.field_cell("missile_name"), count=len(rows),
                    landing_area=first.field_cell("landing_area"), reported_by=[CNS])
    for name in _FIRST_ROW_FIELDS:
        if getattr(launch, name) is not None:
            launch.evidence[name] = evidence(at, name)
    for name in _FIGURE_FIELDS:
        stated = [(i, getattr(row, name)) for i, row in enumerate(rows)
                  if getattr(row, name) is not None]
        if not stated:
            continue
        # One row per missile: the launch's figure is the largest (the label rule for salvos);
        # the other missiles' figures stay as alternatives.
        top_index, top = max(stated, key=lambda item: item[1].value)
        setattr(launch, name, top)
        launch.evidence[name] = evidence(top_index, name)
        others: list[dict[str, Any]] = []
        for index, quantity in stated:
            if quantity.value != top.value and quantity.value not in {o["value"] for o in others}:
                others.append({"value": quantity.value, "qualifier": quantity.qualifier,
                               "reported_by": CNS,
                               "evidence": evidence(index, name).model_dump(
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
        return format_number(row.latitude) if row.latitude is not None else "Unknown"
    if column == "Facility Longitude":
        return format_number(row.longitude) if row.longitude is not None else "Unknown"
    if column == "Apogee":
        return format_km(row.apogee_km)
    if column == "Distance Travelled":
        return format_km(row.distance_km)
    return row.cell(column) or "Unknown"
