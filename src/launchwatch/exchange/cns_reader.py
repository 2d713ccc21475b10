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

Dates keep the precision the file gives: "1984-09", "September 1984" and "1984" are read as
the period's first day with ``date_precision`` "month" or "year", and "Unknown" as no date (the
row is kept; its launch is an event of its own).  The zone of the Date column
(:data:`~.cns.DateZone`) is the caller's ``dates``, else the one the header names ("Date
(UTC)", as launchwatch's export writes it); a file that names none is read as local dates, as
CNS's own file has them, and :attr:`CnsRead.dates_reason` says so.  A date and a time cannot
tell their zone by themselves (a UTC date and a local date are both read consistently with a
UTC time), so nothing is guessed from the cells.

The pipeline stores the reports and they go through fusion like any other
(:meth:`launchwatch.pipeline.Pipeline.import_cns`, each day in one transaction), so CNS rows
and the news reports of the same launch make one event, and two salvos CNS lists for one day
stay two events.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from ..errors import IngestError, LaunchwatchError
from ..model import (CNS, DATE_PRECISIONS, LAUNCH_FIELD, MAX_TIME_GAP_MIN, QUANTITY_FIELDS,
                     Evidence, Extraction,
                     Kind, Launch, Quantity, Report, era_problem,
                     implausible_value, without_nul)
from .cns import (COLUMNS, DATE_COLUMN, FIELD_COLUMNS, PUBLISHER, TIME_COLUMN, DateZone,
                  column_key, heading_zone, local_date, local_time, parse_clock,
                  parse_confirmation, parse_date, parse_km, parse_outcome, report_text_rows,
                  says_nothing, utc_time)

CNS_LAUNCHING_STATE = "North Korea"
"""The state every launch of the CNS North Korea Missile Test Database is by: the database
names none, since it lists North Korea's alone."""

_KEY_COLUMN = {column_key(name): name for name in COLUMNS}
_CLASSES = {"srbm": "SRBM", "crbm": "SRBM", "mrbm": "MRBM", "irbm": "IRBM", "icbm": "ICBM",
            "slbm": "SLBM", "slv": "SLV", "satellite launch vehicle": "SLV", "mlrs": "MLRS",
            "hgv": "hypersonic", "hypersonic": "hypersonic", "cruise": "cruise", "lacm": "cruise",
            "ascm": "cruise", "cruise missile": "cruise", "unknown": "unknown"}

# The launch fields whose evidence is one cell of the launch's first row: those CNS has a
# column for, but the figures (the largest of the salvo's rows), the site's coordinates
# (part of the site's claim) and the date (matched on, never claimed).
_FIRST_ROW_FIELDS = tuple(name for name in FIELD_COLUMNS
                          if LAUNCH_FIELD[name].part_of is None
                          and LAUNCH_FIELD[name].kind not in (Kind.NUMBER, None))
_FIGURE_FIELDS = tuple(name for name in QUANTITY_FIELDS if name in FIELD_COLUMNS)


@dataclass(frozen=True)
class CnsRow:
    """One row of a CNS file, read and checked; ``cells`` are its text by canonical column."""

    line: int
    cells: dict[str, str]
    day: date | None  # the Date cell, in ``zone``; None: "Unknown"
    precision: str  # "day", "month" or "year": how much of the date the cell gives
    zone: DateZone
    entered: date | None
    time_utc: time | None
    latitude: float | None
    longitude: float | None
    apogee_km: Quantity | None
    distance_km: Quantity | None

    @property
    def date_local(self) -> date | None:
        """The launch's date in North Korea: the Date cell, moved from UTC by the row's time
        where the file's dates are UTC (a UTC date without a time is kept as it is: the local
        date is that day or the next, and nothing says which)."""
        if self.day is not None and self.zone == "utc" and self.precision == "day" \
                and self.time_utc is not None:
            return local_date(self.day, self.time_utc)
        return self.day

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
    dates: DateZone = "local"
    dates_reason: str = ""

    @property
    def imprecise(self) -> int:
        """How many rows give less than a day: a month, a year, or no date at all."""
        return sum(1 for row in self.rows if row.day is None or row.precision != "day")


@dataclass
class CnsImport:
    """What an import did (:meth:`launchwatch.pipeline.Pipeline.import_cns`)."""

    rows: int = 0
    launches: int = 0
    new: int = 0  # days (reports) stored
    duplicate: int = 0  # days already stored
    imprecise: int = 0  # rows whose date gives less than a day (a month, a year, none)
    dates: DateZone = "local"
    dates_reason: str = ""
    events: list[str] = field(default_factory=list)
    failures: list[LaunchwatchError] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {"rows": self.rows, "launches": self.launches, "new": self.new,
                "duplicate": self.duplicate, "imprecise_dates": self.imprecise,
                "dates": self.dates, "dates_reason": self.dates_reason,
                "events": len(self.events),
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


def read_cns_csv(path: str | Path, *, today: date | None = None,
                 dates: DateZone | None = None) -> CnsRead:
    """Read a CNS CSV file; a bad row is a failure with its line number, the rest are read.

    ``today`` (UTC, by default the system clock's) ends the missile era: a later date is
    flagged.  ``dates``: the zone of the Date column; None reads it from the header, else
    takes local dates (module docstring).
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
    return read_cns_text(text, source=str(path), today=today, dates=dates)


def read_cns_text(text: str, *, source: str = "<csv>", today: date | None = None,
                  dates: DateZone | None = None) -> CnsRead:
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
    columns: list[str | None] = []
    zones: dict[str, DateZone] = {}
    for name in header:
        zoned = heading_zone(name)
        if zoned is not None:
            zones[zoned[0]] = zoned[1]
        columns.append(zoned[0] if zoned is not None else _KEY_COLUMN.get(column_key(name)))
    out.dates, out.dates_reason = _zone(dates, zones, header)
    # A time column the header calls local (launchwatch's export in local dates) is read back
    # as CNS's UTC column.
    local_clock = zones.get(TIME_COLUMN) == "local"
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
            row = _row(start, cells, out.dates, local_clock=local_clock)
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


def _zone(given: DateZone | None, named: dict[str, DateZone],
          header: list[str]) -> tuple[DateZone, str]:
    """The zone of a file's dates and why (module docstring)."""
    if given is not None:
        return given, f"{given} dates, as asked"
    if DATE_COLUMN in named:
        heading = next(h for h in header if heading_zone(h) == (DATE_COLUMN, named[DATE_COLUMN]))
        return named[DATE_COLUMN], f"{named[DATE_COLUMN]} dates, as the header says ({heading})"
    return "local", ("local dates: the file does not say, and a date and a time cannot tell "
                     "(CNS's own file has local dates; give --dates utc if these are UTC)")


def _doubts(row: CnsRow, today: date) -> Iterator[tuple[str, str]]:
    """The row's implausible values: (column, why)."""
    for column, day in (("Date", row.day), ("Date Entered/Updated", row.entered)):
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
        return parse_date(cells[at], "Date")[0] is not None
    except IngestError:
        return False


def _row(line: int, cells: dict[str, str], zone: DateZone, *,
         local_clock: bool = False) -> CnsRow:
    latitude = _coordinate(cells.get("Facility Latitude", ""), "Facility Latitude", 90)
    longitude = _coordinate(cells.get("Facility Longitude", ""), "Facility Longitude", 180)
    day, precision = parse_date(cells.get(DATE_COLUMN, ""), DATE_COLUMN)
    clock = parse_clock(cells.get(TIME_COLUMN, ""))
    if local_clock and clock is not None:
        # Kept as CNS keeps it, in UTC, so that the row is the one it was exported from.
        clock = utc_time(day, clock) if day is not None and precision == "day" else None
        cells = {**cells, TIME_COLUMN: clock.strftime("%H:%M") if clock else "Unknown"}
    return CnsRow(
        line=line, cells=cells, day=day, precision=precision, zone=zone,
        entered=parse_date(cells.get("Date Entered/Updated", ""), "Date Entered/Updated")[0],
        time_utc=clock, latitude=latitude, longitude=longitude,
        apogee_km=parse_km(cells.get("Apogee", ""), "Apogee"),
        distance_km=parse_km(cells.get("Distance Travelled", ""), "Distance Travelled"))


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
    """The reports of the days of ``rows`` read from the file ``source``, in date order, the
    undated rows last (:meth:`launchwatch.pipeline.Pipeline.import_cns` stores, fuses and
    assesses them)."""
    for launches in group_rows(rows).values():
        report, extraction = day_report(launches, source)
        yield CnsDay(report=report, extraction=extraction, line=launches[0][0].line,
                     launches=len(launches))


DayKey = tuple[date | None, str]
"""A day of a CNS file: the launches' local date and its precision (a month is not its 1st)."""


def group_rows(rows: Iterable[CnsRow]) -> dict[DayKey, list[list[CnsRow]]]:
    """The rows of each day, grouped into launches (salvos).

    Rows of one facility are one launch while each is within
    :data:`~launchwatch.model.MAX_TIME_GAP_MIN` of the one before (a salvo's missiles are
    minutes apart); a row without a time joins its facility's first launch of the day.
    Days are in date order (undated last), launches by time, rows as the file lists them.
    """
    by_day: dict[DayKey, dict[str, list[CnsRow]]] = {}
    for row in rows:
        facility = (row.cell("Facility Name") or "").casefold()
        key = (row.date_local, row.precision)
        by_day.setdefault(key, {}).setdefault(facility, []).append(row)
    out: dict[DayKey, list[list[CnsRow]]] = {}
    for key in sorted(by_day, key=lambda k: (k[0] is None, k[0] or date.min,
                                             DATE_PRECISIONS.index(k[1]))):
        launches: list[list[CnsRow]] = []
        for facility_rows in by_day[key].values():
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
        out[key] = launches
    return out


def _minutes(earlier: time | None, later: time | None) -> float:
    anchor = date(2000, 1, 1)
    return (datetime.combine(anchor, later) - datetime.combine(anchor, earlier)  # type: ignore
            ).total_seconds() / 60.0


def day_report(launches: Sequence[Sequence[CnsRow]], source: str) -> tuple[Report, Extraction]:
    """One day's rows as one report, each of its launches (salvos) a launch of the report.

    The CNS database lists every missile of the day, so its launches of one day are distinct
    launches, as those of any report are; fusion never merges them.  The text is the zone of
    the dates and the rows, each cell as the file had it (:func:`~.cns.report_text_rows`), in
    a fixed order, so that the same rows are the same report whatever order a file has them
    in, and the writer gives them back as they came.
    """
    ordered = [sorted(rows, key=lambda r: [r.cells.get(c, "") for c in COLUMNS])
               for rows in launches]
    all_rows = [row for rows in ordered for row in rows]
    first = all_rows[0]
    text, spans = report_text_rows(first.zone, [[row.cells for row in rows] for rows in ordered])
    entered = [row.entered for row in all_rows if row.entered is not None]
    f1s = [row.f1 for row in all_rows if row.f1]
    where = f"F1={','.join(f1s)}" if f1s else f"line={first.line}"
    report = Report(source=f"cns:{Path(source).name}#{where}", text=text,
                    title=f"{PUBLISHER}: {first.cells.get(DATE_COLUMN) or 'Unknown'}",
                    publisher=PUBLISHER,
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
    day = first.date_local
    launch = Launch(country=CNS_LAUNCHING_STATE, date_local=day,
                    date_precision=first.precision,  # type: ignore[arg-type]
                    time_local=local_time(day, first.time_utc) if day else None,
                    launch_site=first.field_cell("launch_site"), launch_lat=first.latitude,
                    launch_lon=first.longitude,
                    missile_class=missile_class(  # type: ignore[arg-type]
                        first.field_cell("missile_class")),
                    missile_name=first.field_cell("missile_name"), count=len(rows),
                    landing_area=first.field_cell("landing_area"),
                    outcome=_salvo_outcome(rows),  # type: ignore[arg-type]
                    confirmation=parse_confirmation(  # type: ignore[arg-type]
                        first.cells.get(FIELD_COLUMNS["confirmation"])),
                    reported_by=[CNS])
    for name in _FIRST_ROW_FIELDS:
        if getattr(launch, name) is not None and (at, FIELD_COLUMNS[name]) in spans:
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


def _salvo_outcome(rows: Sequence[CnsRow]) -> str | None:
    """A salvo's outcome from its missiles' rows: theirs when they agree; "partial" when some
    worked and some failed; None when no row says."""
    stated = {parse_outcome(row.cells.get(FIELD_COLUMNS["outcome"])) for row in rows} - {None}
    if len(stated) == 1:
        return stated.pop()
    return "partial" if stated else None
