"""``launchwatch events``, ``launchwatch import cns`` and ``launchwatch export``: fused events
listed, shown with their sources and assessment, and exchanged with other tools."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from .. import bulk
from ..events.authority import who
from ..exchange import export_events as write, reports_wanted
from ..model import (Claim, Event, EventList, Figure, LandingPointFigure, LandingZoneFigure,
                     LaunchContext, LaunchPointFigure, OverflightFigure, ReachFigure,
                     TrajectoryFigure)
from ..model.clock import ZonedTime, quote_note, zoned
from ..pipeline import Pipeline
from ..api import Store, event_context, events_context, queries
from . import _event_columns as columns
from .context import context_table
from .ingest import Engine
from ._app import (DB_OPTION, JSON_OPTION, app, console, console_err, counted,
                   settings_from_cli)
from ._filters import (CLASS_OPTION, COUNTRY_OPTION, MISSILE_OPTION, OUTCOME_OPTION,
                       SINCE_OPTION, SITE_OPTION, UNTIL_OPTION, Filters)

events_app = typer.Typer(help="Fused events: one record per launch from all its reports.",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import launch records kept by other databases.",
                         no_args_is_help=True)
app.add_typer(events_app, name="events")
app.add_typer(import_app, name="import")

STDOUT = Path("-")
"""``--out -``: standard output."""


class ExportFormat(str, Enum):
    cns = "cns"
    geojson = "geojson"
    kml = "kml"
    json = "json"


def _open(db: str | None, *, create: bool = False) -> Store:
    """The database ``--db`` names; one that does not exist is refused unless ``create`` (the
    commands that store reports)."""
    return Store.open(settings_from_cli(db=db).resolved_database_url, create=create)


@events_app.command("list")
def list_events(
    country: str | None = COUNTRY_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    missile_class: str | None = CLASS_OPTION,
    missile: str | None = MISSILE_OPTION,
    site: list[str] | None = SITE_OPTION,
    outcome: str | None = OUTCOME_OPTION,
    limit: int = typer.Option(100, "--limit", min=0, help="at most N events, latest first "
                              "(0: all)"),
    shown: str | None = typer.Option(
        None, "--columns", metavar="A,B,...", help="the columns to show, in order: "
        + ", ".join(columns.COLUMNS) + " (default: those that fit the terminal; piped, "
        "all but state, as tab-separated values)"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the fused events, latest first, with their headline assessment.  Times are the
    launching state's clock with its offset from UTC that day, and UTC beside it.

    Example: launchwatch events list --country DPRK --since 2022 --columns id,date,apogee
    """
    filters = Filters(country=country, since=since, until=until, missile_class=missile_class,
                      missile=missile, sites=tuple(site or ()), outcome=outcome)
    wanted = columns.chosen(shown)
    with _open(db) as store:
        events = queries.events(store, filters.query(store), limit=limit or None)
        total = store.count_events()
    if as_json:
        print(json.dumps(events.records(), ensure_ascii=False))
        return
    if not console.is_terminal:
        _print_tsv(events, wanted or [columns.COLUMNS[n] for n in columns.DEFAULT_COLUMNS])
        return
    if not events:
        console.print("No events match; add reports with: launchwatch ingest PATH"
                      if not total else "No events match these filters.", soft_wrap=True)
        return
    console.print(_events_table(events, total, filtered=filters.any, wanted=wanted))


@events_app.command("show")
def show_event(
    event_id: str = typer.Argument(..., metavar="ID", help="event id, e.g. KP-2022-10-04-1"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one event: each field's best value, its sources and conflicts, the revision
    history and the assessment with its inputs and assumptions.

    Example: launchwatch events show KP-2022-10-04-1
    """
    with _open(db) as store:
        event = store.event(event_id)
        context = event_context(store, event) if event is not None else []
    if event is None:
        console_err.print(f"[red]error:[/red] there is no event {escape(event_id)!r}; list the "
                          "ids with: launchwatch events list --columns id,date",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps({**event.to_json(),
                          "context": [item.model_dump(mode="json") for item in context]},
                         ensure_ascii=False))
        return
    _print_event(event, context)


@events_app.command("rebuild")
def rebuild_events(db: str | None = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Fuse every stored launch afresh (after a change to the matching rules), then assess.

    Example: launchwatch events rebuild
    """
    with _open(db) as store:
        rebuilt = Pipeline(store).rebuild()
    record = rebuilt.to_record()
    if as_json:
        print(json.dumps(record))
        return
    console.print(f"{counted(record['created'], 'event')} from "
                  f"{counted(record['launches'], 'launch')}; {rebuilt.assessed} assessed.",
                  highlight=False)


@events_app.command("assess")
def assess_events(
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: in this process; "
                                  "dask: batches of events on a Dask cluster, for large "
                                  "rebuilds (README 'Archives on Dask')"),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                         help="with --engine dask: a running Dask scheduler "
                                         "(tcp://host:8786) instead of a local cluster"),
    workers: int | None = typer.Option(None, "--workers", min=0, help="with --engine dask: "
                                       "the local cluster's worker processes (0: one per "
                                       "core)"),
) -> None:
    """Assess every event whose assessment is missing or out of date.

    Example: launchwatch events assess

    Example: launchwatch events assess --engine dask --workers 8
    """
    if engine is Engine.dask:
        settings = settings_from_cli(db=db, dask_workers=workers, dask_scheduler=scheduler)
        assessed = bulk.assess_events(settings.resolved_database_url,
                                      scheduler=settings.dask_scheduler,
                                      workers=settings.dask_workers,
                                      progress=not as_json).assessed
    else:
        with _open(db) as store:
            assessed = Pipeline(store).refresh().assessed
    if as_json:
        print(json.dumps({"assessed": assessed}))
        return
    console.print(f"{counted(assessed, 'event')} assessed.", highlight=False)


class DatesOption(str, Enum):
    """The zone of a CNS file's Date column."""

    local = "local"
    utc = "utc"


@import_app.command("cns")
def import_cns_file(
    file: Path = typer.Argument(..., metavar="FILE.csv", help="CSV in the columns of the CNS "
                                "North Korea Missile Test Database"),
    dates: DatesOption | None = typer.Option(
        None, "--dates", help="the zone of the Date column: local (North Korea's date, as in "
        "CNS's own file) or utc (as in CNS-derived data); default: as the header names it "
        "(Date (UTC)), else local"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a CNS North Korea Missile Test Database CSV: each launch (its missiles' rows)
    becomes a report fused with the news reports of the same launch.  Rows that cannot be read
    are listed by line and the others imported; the exit code is 1 if any failed.  Dates that
    give only a month or a year, or none ("Unknown"), are imported as such and counted.

    Example: launchwatch import cns cns_missile_test_database.csv
    """
    with _open(db, create=True) as store:
        summary = Pipeline(store).import_cns(file, dates=dates.value if dates else None)
    if as_json:
        print(json.dumps(summary.to_record()))
    else:
        console.print(f"Read {summary.rows} rows: {summary.launches} launches on "
                      f"{summary.new + summary.duplicate} days ({summary.duplicate} already "
                      f"stored), {len(summary.failures)} rows failed; {len(summary.events)} "
                      "events created or updated.", highlight=False, soft_wrap=True)
        console.print(f"Dates read as {summary.dates_reason}; {summary.imprecise} "
                      f"row{'' if summary.imprecise == 1 else 's'} dated to less than a day "
                      "(a month, a year or unknown).", highlight=False, soft_wrap=True)
        for failure in summary.failures:
            console_err.print(escape(str(failure)), style="red", highlight=False,
                              soft_wrap=True)
    if summary.failures:
        raise typer.Exit(1)


@app.command("export")
def export_events(
    format: ExportFormat = typer.Argument(..., help="cns (CSV in the CNS database's columns), "
                                          "geojson, kml or json (full events with provenance)"),
    out: Path = typer.Option(..., "--out", help="file to write; - writes to standard output "
                             "(and the summary to standard error)"),
    country: str | None = COUNTRY_OPTION,
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    missile_class: str | None = CLASS_OPTION,
    missile: str | None = MISSILE_OPTION,
    site: list[str] | None = SITE_OPTION,
    outcome: str | None = OUTCOME_OPTION,
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Export the events (all, or those the filters select) to a file.

    Example: launchwatch export geojson --out events.geojson --since 2022 --outcome failure
    """
    filters = Filters(country=country, since=since, until=until, missile_class=missile_class,
                      missile=missile, sites=tuple(site or ()), outcome=outcome)
    with _open(db) as store:
        events = queries.events(store, filters.query(store))
        reports = queries.reports(store, reports_wanted(events, format.value))
        context = events_context(store, events) if format.value == "json" else None
    count = _export(events, format.value, out, reports, context)
    record = {"format": format.value, "out": str(out), "events": len(events), "items": count}
    # With --out - the file is standard output: the summary goes to standard error.
    summary = console_err if out == STDOUT else console
    if as_json:
        summary.print(json.dumps(record), highlight=False, soft_wrap=True)
        return
    unit = {"cns": "CNS row", "geojson": "GeoJSON feature", "kml": "KML folder",
            "json": "JSON record"}[format.value]
    where = "standard output" if out == STDOUT else escape(str(out))
    summary.print(f"Wrote {counted(count, unit)} for {counted(len(events), 'event')} to "
                  f"{where}.", highlight=False, soft_wrap=True)


def _export(events: EventList, format: str, out: Path, reports: dict[str, Any],
            context: dict[str, list[LaunchContext]] | None = None) -> int:
    """Write the export to ``out``, or through a temporary file to standard output (the
    exchange writes whole files only, so that none is left half-written)."""
    if out != STDOUT:
        return write(events, format, out, reports=reports,  # type: ignore[arg-type]
                     context=context)
    with tempfile.TemporaryDirectory(prefix="launchwatch-export-") as folder:
        path = Path(folder) / f"events.{format}"
        count = write(events, format, path, reports=reports,  # type: ignore[arg-type]
                      context=context)
        sys.stdout.flush()
        with path.open("rb") as file:
            shutil.copyfileobj(file, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return count


# -- presentation ------------------------------------------------------------------------------


def _events_table(events: EventList, total: int, *, filtered: bool,
                 wanted: Sequence[columns.Column] | None) -> Table:
    rows = [columns.cells(event, list(columns.COLUMNS.values())) for event in events]
    shown = wanted or columns.fitting(rows, console.width)
    title = counted(total, "event") if len(events) == total and not filtered else \
        f"{len(events)} of {counted(total, 'event')}"
    left_out = len(columns.DEFAULT_COLUMNS) - len(shown)
    caption = f"{counted(left_out, 'more column')} with a wider terminal or --columns" \
        if wanted is None and left_out > 0 else None
    table = Table(title=title, caption=caption)
    for column in shown:
        table.add_column(column.heading, justify="right" if column.right else "left",
                         overflow="fold", max_width=column.max_width)
    for row in rows:
        table.add_row(*(escape(row[column.name]) for column in shown))
    return table


def _print_tsv(events: EventList, shown: Sequence[columns.Column]) -> None:
    """A header line of column names, then one line per event, tab-separated: what a script
    reading a pipe wants (no folding, no borders, the same columns at any width)."""
    print("\t".join(column.name for column in shown))
    for event in events:
        row = columns.cells(event, shown)
        print("\t".join(" ".join(row[column.name].split()) for column in shown))


def _print_event(event: Event, context: Sequence[LaunchContext] = ()) -> None:
    when = event.date_local.isoformat() if event.date_local else "undated"
    console.print(f"[bold]{escape(event.id)}[/bold]  {escape(event.country or 'unknown state')}"
                  f", {when}; {counted(len(event.reports), 'report')}, "
                  f"{counted(len(event.revisions), 'revision')}", highlight=False)
    launched = zoned(event.country, event.date_local, event.time_local)
    if launched is not None:
        console.print(f"Launched at {launched.text}.", highlight=False)
    fields = Table(title="Fields (best value first; * conflicting sources, "
                   "† the launching state's own claim)", show_lines=True)
    fields.add_column("field")
    fields.add_column("best value")
    fields.add_column("from")
    fields.add_column("all claims", overflow="fold")
    for name, found in event.fields.items():
        best = found.best
        mark = (" *" if found.conflict else "") + (" †" if found.launching_state_only else "")
        claims = "\n".join(f"{escape(c.shown())} — {escape(who(c))}"
                           f"{f' ({c.language})' if c.language else ''}"
                           f"{_when(c.published)}{' (alternative)' if c.alternative else ''}"
                           f"{' (recalled)' if c.background else ''}"
                           f"{'' if c.counts else ' (not used: no source)'}"
                           for c in found.claims)
        best_text = found.shown()
        if name == "time_local" and launched is not None:
            best_text = _zoned_best(launched, best)
        fields.add_row(name + mark, escape(best_text),
                       escape(who(best)) if best else "", claims)
    console.print(fields)
    if event.revisions:
        history = Table(title="Revisions (reports in publication order that changed a value)")
        history.add_column("#", justify="right")
        history.add_column("published")
        history.add_column("report", overflow="fold")
        history.add_column("changes", overflow="fold")
        for revision in event.revisions:
            changes = "\n".join(f"{name}: {escape(str(c['from'] or '—'))} → "
                                f"{escape(str(c['to']))}" for name, c in revision.changes.items())
            history.add_row(str(revision.number), _when(revision.published).strip(" ,") or "?",
                            escape(revision.publisher or revision.source), changes)
        console.print(history)
    if context:
        console.print(context_table(context))
    _print_assessment(event)


def _zoned_best(launched: ZonedTime, best: Claim | None) -> str:
    """The launch time with its zone and UTC, and why the report's words read another clock
    where they do ("the report's 5:28 a.m. is Seoul time ...")."""
    note = quote_note(launched, best.evidence.text) if best and best.evidence else None
    return launched.short + (f"\n({note})" if note else "")


def _print_assessment(event: Event) -> None:
    assessment = event.assessment
    if assessment is None:
        console.print("Not assessed yet; run: launchwatch events assess", highlight=False)
        return
    table = Table(title="Assessment (each figure with what it came from)", show_lines=True)
    table.add_column("figure")
    table.add_column("result", overflow="fold")
    table.add_column("inputs and assumptions", overflow="fold")
    for name, figure in assessment.figures().items():
        if not figure.ok:
            table.add_row(name, f"[dim]{figure.status}: {escape(figure.reason or '')}[/dim]",
                          _inputs(figure.inputs.model_dump(), {}))
            continue
        table.add_row(name, _figure_result(figure),
                      _inputs(figure.inputs.model_dump(), figure.assumptions.model_dump()))
    console.print(table)


def _figure_result(figure: Figure) -> str:
    if isinstance(figure, LaunchPointFigure):
        point = figure.value
        return f"{point.lat_deg:.4f}, {point.lon_deg:.4f} ({escape(str(point.name))}" \
               f", from the {point.source})"
    if isinstance(figure, TrajectoryFigure):
        flight = figure.value
        low, high = flight.met_range_interval_km or (None, None)
        lines = [f"minimum-energy range {flight.met_range_km:,.0f} km"
                 + (f" (5-95 %: {low:,.0f}-{high:,.0f} km)" if low and high else "")
                 + (" (lower bound)" if flight.met_range_is_lower_bound else "")]
        if flight.burnout_speed_m_s:
            lines.append(f"burnout speed {flight.burnout_speed_m_s:,.0f} m/s at "
                         f"{flight.burnout_angle_deg:.1f} deg")
        consistency = flight.consistency
        if consistency:
            lines.append(("consistent: " if consistency.consistent else "NOT consistent: ")
                         + escape(consistency.reason))
        return "\n".join(lines)
    if isinstance(figure, LandingPointFigure):
        landing = figure.value
        text = f"{landing.lat_deg:.3f}, {landing.lon_deg:.3f} ({landing.method})"
        if landing.uncertainty_km:
            text += f", within {landing.uncertainty_km:,.0f} km"
        return escape(text)
    if isinstance(figure, LandingZoneFigure):
        zone = figure.value
        return escape("\n".join([str(zone.summary), *(zone.notes or [])]))
    if isinstance(figure, OverflightFigure):
        return escape(", ".join(figure.value.countries or []) or "no land after the launch "
                      "state's")
    if isinstance(figure, ReachFigure):
        reach = figure.value
        places = reach.places or []
        shown = ", ".join(f"{p.name} ({p.distance_km:,.0f} km"
                          + (f", {p.time_of_flight_s / 60:.0f} min" if p.time_of_flight_s
                             else "") + ")" for p in places[:8])
        rings = ", ".join(f"{r:,.0f}" for r in reach.rings_km or [])
        count = reach.places_in_reach if reach.places_in_reach is not None else len(places)
        return escape(f"rings at {rings} km; {count} cities of 1 million or more in reach, "
                      f"the largest: {shown}")
    return escape(json.dumps(figure.value.model_dump(mode="json"))[:300])


def _inputs(inputs: dict[str, Any], assumptions: dict[str, Any]) -> str:
    parts = [f"{k}={_plain(v)}" for k, v in inputs.items() if v is not None]
    parts += [f"{k}: {_plain(v)}" for k, v in assumptions.items()
              if k in {"path", "direction", "site", "rings", "places", "distance_km",
                       "apogee_km", "flight_time_s", "bearing_from", "missile_class",
                       "boost_duration_s", "earth_model", "monte_carlo_samples"}]
    return escape("; ".join(parts))


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(f"{v:.4f}" if isinstance(v, float) else str(v)
                               for v in value) + "]"
    if isinstance(value, dict) and "value" in value:
        return f"{value.get('qualifier') + ' ' if value.get('qualifier') else ''}{value['value']:g}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _when(moment: Any) -> str:
    return f", {moment.isoformat(sep=' ', timespec='minutes')}" if moment else ""
