"""``launchwatch events``, ``launchwatch import cns`` and ``launchwatch export``: fused events
listed, shown with their sources and assessment, and exchanged with other tools."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import SettingsError
from ..events.authority import who
from ..exchange import export_events as write, reports_wanted
from ..model import (LAUNCH_FIELD, Event, EventList, Figure, LandingPointFigure,
                     LandingZoneFigure, LaunchPointFigure, OverflightFigure, ReachFigure,
                     TrajectoryFigure)
from ..pipeline import Pipeline
from ..api import Store, queries
from ._app import DB_OPTION, JSON_OPTION, app, console, console_err, settings_from_cli

events_app = typer.Typer(help="Fused events: one record per launch from all its reports.",
                         no_args_is_help=True)
import_app = typer.Typer(help="Import launch records kept by other databases.",
                         no_args_is_help=True)
app.add_typer(events_app, name="events")
app.add_typer(import_app, name="import")

COUNTRY_OPTION = typer.Option(None, "--country", help="only this launching state "
                              "(e.g. 'North Korea')")
SINCE_OPTION = typer.Option(None, "--since", metavar="YYYY-MM-DD",
                            help="only launches on or after this local date")
CLASS_OPTION = typer.Option(None, "--class", help="only this missile class (SRBM, MRBM, IRBM, "
                            "ICBM, SLBM, SLV, cruise, hypersonic, MLRS, unknown)")


class ExportFormat(str, Enum):
    cns = "cns"
    geojson = "geojson"
    kml = "kml"
    json = "json"


def _open(db: str | None) -> Store:
    return Store.open(settings_from_cli(db=db).resolved_database_url)


def _since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2022-01-01",
                            field="--since") from None


@events_app.command("list")
def list_events(
    country: str | None = COUNTRY_OPTION,
    since: str | None = SINCE_OPTION,
    missile_class: str | None = CLASS_OPTION,
    limit: int = typer.Option(100, "--limit", min=0, help="at most N events, latest first "
                              "(0: all)"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the fused events, latest first, with their headline assessment.

    Example: launchwatch events list --country "North Korea" --since 2022-01-01 --class ICBM
    """
    first = _since(since)
    with _open(db) as store:
        events = store.events(country=country, since=first, missile_class=missile_class,
                              limit=limit or None)
        total = store.count_events()
    if as_json:
        print(json.dumps(events.records(), ensure_ascii=False))
        return
    if not events:
        console.print("No events match; add reports with: launchwatch ingest PATH"
                      if not total else "No events match these filters.", soft_wrap=True)
        return
    console.print(_events_table(events, total, filtered=bool(country or first or missile_class)))


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
    if event is None:
        console_err.print(f"[red]error:[/red] there is no event {escape(event_id)!r}; list the "
                          "ids with: launchwatch events list", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(event.to_json(), ensure_ascii=False))
        return
    _print_event(event)


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
    console.print(f"{record['created']} events from {record['launches']} launches; "
                  f"{rebuilt.assessed} assessed.", highlight=False)


@events_app.command("assess")
def assess_events(db: str | None = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Assess every event whose assessment is missing or out of date.

    Example: launchwatch events assess
    """
    with _open(db) as store:
        assessed = Pipeline(store).refresh().assessed
    if as_json:
        print(json.dumps({"assessed": assessed}))
        return
    console.print(f"{assessed} events assessed.", highlight=False)


@import_app.command("cns")
def import_cns_file(
    file: Path = typer.Argument(..., metavar="FILE.csv", help="CSV in the columns of the CNS "
                                "North Korea Missile Test Database"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a CNS North Korea Missile Test Database CSV: each launch (its missiles' rows)
    becomes a report fused with the news reports of the same launch.  Rows that cannot be read
    are listed by line and the others imported; the exit code is 1 if any failed.

    Example: launchwatch import cns cns_missile_test_database.csv
    """
    with _open(db) as store:
        summary = Pipeline(store).import_cns(file)
    if as_json:
        print(json.dumps(summary.to_record()))
    else:
        console.print(f"Read {summary.rows} rows: {summary.launches} launches on "
                      f"{summary.new + summary.duplicate} days ({summary.duplicate} already "
                      f"stored), {len(summary.failures)} rows failed; {len(summary.events)} "
                      "events created or updated.", highlight=False, soft_wrap=True)
        for failure in summary.failures:
            console_err.print(escape(str(failure)), style="red", highlight=False,
                              soft_wrap=True)
    if summary.failures:
        raise typer.Exit(1)


@app.command("export")
def export_events(
    format: ExportFormat = typer.Argument(..., help="cns (CSV in the CNS database's columns), "
                                          "geojson, kml or json (full events with provenance)"),
    out: Path = typer.Option(..., "--out", help="file to write"),
    country: str | None = COUNTRY_OPTION,
    since: str | None = SINCE_OPTION,
    missile_class: str | None = CLASS_OPTION,
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Export the events (all, or those the filters select) to a file.

    Example: launchwatch export geojson --out events.geojson --since 2022-01-01
    """
    first = _since(since)
    with _open(db) as store:
        events = store.events(country=country, since=first, missile_class=missile_class)
        count = write(events, format.value, out,
                      reports=queries.reports(store, reports_wanted(events, format.value)))
    record = {"format": format.value, "out": str(out), "events": len(events), "items": count}
    if as_json:
        print(json.dumps(record))
        return
    unit = {"cns": "CNS rows", "geojson": "GeoJSON features", "kml": "KML folders",
            "json": "JSON records"}[format.value]
    console.print(f"Wrote {count} {unit} for {len(events)} events to {escape(str(out))}.",
                  highlight=False, soft_wrap=True)


# -- presentation ------------------------------------------------------------------------------


def _events_table(events: EventList, total: int, filtered: bool) -> Table:
    title = f"{len(events)} events" if len(events) == total and not filtered else \
        f"{len(events)} of {total} events"
    table = Table(title=title)
    # A launch field's column is headed as the fields' declaration says (model.fields).
    for heading, justify in (("id", "left"), (_heading("time_local"), "left"),
                             (_heading("missile_class"), "left"),
                             (_heading("missile_name"), "left"), (_heading("count"), "right"),
                             (_heading("distance_km"), "right"), (_heading("apogee_km"), "right"),
                             (_heading("flight_time_s"), "right"),
                             (_heading("launch_site"), "left"), ("sources", "right"),
                             ("conflicts", "left"), ("min-energy range km", "right"),
                             ("verdict", "left"), ("landing", "left")):
        table.add_column(heading, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for event in events:
        record = event.to_record()
        table.add_row(
            event.id, _cell(record["time_local"]), _cell(record["missile_class"]),
            _marked(event, "missile_name"), _cell(record["count"]),
            _figure(event, "distance_km"), _figure(event, "apogee_km"),
            _figure(event, "flight_time_s"), _cell(record["launch_site"]),
            str(record["reports"]), ", ".join(_short(c) for c in record["conflicts"]),
            _met(record), _verdict(record), _cell(record["landing_zone"]))
    return table


def _print_event(event: Event) -> None:
    when = event.date_local.isoformat() if event.date_local else "undated"
    console.print(f"[bold]{escape(event.id)}[/bold]  {escape(event.country or 'unknown state')}"
                  f", {when}; {len(event.reports)} reports, {len(event.revisions)} revisions",
                  highlight=False)
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
                           f"{_when(c.published)}{' (alternative)' if c.alternative else ''}"
                           f"{' (recalled)' if c.background else ''}"
                           f"{'' if c.counts else ' (not used: no source)'}"
                           for c in found.claims)
        fields.add_row(name + mark, escape(found.shown()),
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
    _print_assessment(event)


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


def _figure(event: Event, name: str) -> str:
    found = event.fields.get(name)
    if found is None or found.best is None:
        return ""
    number = found.best.number
    text = f"{number:,g}" if number is not None else str(found.value)
    if found.best.qualifier:
        text = {"about": "~", "more than": ">", "over": ">", "at least": "≥", "up to": "≤",
                "less than": "<"}.get(found.best.qualifier, "") + text
    if found.launching_state_only:
        text += "†"
    return text


def _marked(event: Event, name: str) -> str:
    found = event.fields.get(name)
    if found is None or found.value is None:
        return ""
    return escape(str(found.value)) + ("†" if found.launching_state_only else "")


def _met(record: dict[str, Any]) -> str:
    if record["met_range_km"] is None:
        return ""
    bound = "≥" if record.get("met_range_is_lower_bound") else ""
    text = f"{bound}{record['met_range_km']:,}"
    if record["met_range_low_km"] is not None and record["met_range_high_km"] is not None:
        text += f" ({record['met_range_low_km']:,}-{record['met_range_high_km']:,})"
    return text


def _verdict(record: dict[str, Any]) -> str:
    return {True: "consistent", False: "inconsistent", None: ""}[record["consistent"]]


def _heading(name: str) -> str:
    """A launch field's heading in a terminal table."""
    field = LAUNCH_FIELD[name]
    return field.heading or field.label


def _short(name: str) -> str:
    return name.removesuffix("_km").removesuffix("_s").replace("_", " ")


def _cell(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _when(moment: Any) -> str:
    return f", {moment.isoformat(sep=' ', timespec='minutes')}" if moment else ""
