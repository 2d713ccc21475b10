"""``launchwatch context``: the context events (a calendar shipped with launchwatch, users'
calendars, what reports say) and the context around a launch.

``context stats`` (timing statistics) registers on the same group, below.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..api import Store, context_event, context_events, export_context, import_context, parse_period
from ..errors import SettingsError
from ..model import ContextEvent, LaunchContext
from ._app import DB_OPTION, JSON_OPTION, app, console, counted, settings_from_cli

context_app = typer.Typer(help="Context events (exercises, visits, summits, ...) and the "
                          "context around launches.", no_args_is_help=True)
app.add_typer(context_app, name="context")

KIND_OPTION = typer.Option(None, "--kind", help="only this kind: exercise, visit, summit, "
                           "unsc, election, statement, anniversary, or a kind of your own")


def _open(db: str | None, *, create: bool = False) -> Store:
    return Store.open(settings_from_cli(db=db).resolved_database_url, create=create)


def _day(text: str | None, option: str) -> date | None:
    """A period as the events filters take it (2024, 2024-03, 2024-03-15): its first day,
    or its last for --until."""
    if not text:
        return None
    try:
        return parse_period(text, end=option == "--until")
    except ValueError as exc:
        raise SettingsError(f"{option} {text!r} is not a date ({exc})", field=option) from None


@context_app.command("import")
def import_calendar(
    file: Path = typer.Argument(..., help="a CSV calendar (columns kind,name,start,end,zone,"
                                "actors,place,source) or an iCalendar .ics file"),
    kind: str | None = typer.Option(None, "--kind", help="kind of the events that name none "
                                    "(an .ics event without CATEGORIES, a CSV row with an "
                                    "empty kind)"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a calendar of your own; importing it again replaces its events (same ids).
    Rows that cannot be read are listed by line and field, the others imported; the exit
    code is 1 if any failed.

    Example: launchwatch context import drills.ics --kind exercise
    """
    with _open(db, create=True) as store:
        read, new = import_context(store, file, default_kind=kind)
    if as_json:
        print(json.dumps({**read.to_record(), "new": new}))
    else:
        console.print(f"Imported {counted(len(read.events), 'context event')} from "
                      f"{escape(str(file))} ({new} new).", highlight=False, soft_wrap=True)
        for problem in read.problems:
            console.print(f"[red]not imported:[/red] {escape(str(problem))}", highlight=False,
                          soft_wrap=True)
    if read.problems:
        raise typer.Exit(1)


@context_app.command("list")
def list_context(
    kind: str | None = KIND_OPTION,
    since: str | None = typer.Option(None, "--since", help="running on or after this day "
                                     "(YYYY-MM-DD)"),
    until: str | None = typer.Option(None, "--until", help="starting on or before this day"),
    origin: list[str] | None = typer.Option(None, "--origin", help="calendar (shipped), "
                                            "user or report; repeat for several"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List context events, by start date.

    Example: launchwatch context list --kind visit --since 2024
    """
    with _open(db) as store:
        events = context_events(store, kinds=[kind] if kind else [],
                                since=_day(since, "--since"), until=_day(until, "--until"),
                                origins=tuple(origin or ()))
    if as_json:
        print(json.dumps([event.model_dump(mode="json") for event in events],
                         ensure_ascii=False))
        return
    # The dates, the kind and the name always; the zone, the origin and the id (for
    # `context show`) where the terminal is wide enough to keep them on one line.
    wide = console.width >= 150
    table = Table(title=counted(len(events), "context event"),
                  caption=None if wide else "zone, origin and id with a wider terminal or "
                  "--json")
    for heading in ("start", "end", "kind", "name") + (("zone", "origin", "id") if wide else ()):
        table.add_column(heading, overflow="fold", no_wrap=heading in ("start", "end"))
    for event in events:
        cells = [event.start.isoformat(), event.end.isoformat() if event.end else "?",
                 escape(event.kind), escape(event.name)]
        if wide:
            cells += [event.zone, event.origin, escape(event.id)]
        table.add_row(*cells)
    console.print(table)


@context_app.command("show")
def show_context(
    event_id: str = typer.Argument(..., metavar="ID", help="a context event's id (from "
                                   "`launchwatch context list`)"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one context event with its dates, zone, actors, place and source.

    Example: launchwatch context show 'calendar:visit:2025-01-06:the-visit-...'
    """
    with _open(db) as store:
        event = context_event(store, event_id)
    if as_json:
        print(json.dumps(event.model_dump(mode="json"), ensure_ascii=False))
        return
    console.print(_event_text(event), highlight=False, soft_wrap=True)


@context_app.command("export")
def export_calendar(
    out: Path = typer.Option(..., "--out", help="CSV file to write"),
    kind: str | None = KIND_OPTION,
    origin: list[str] | None = typer.Option(None, "--origin", help="calendar, user or "
                                            "report; repeat for several (default: all)"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Write context events as a CSV calendar in the columns `context import` reads.

    Example: launchwatch context export --origin user --out my-calendar.csv
    """
    with _open(db) as store:
        count = export_context(store, out, kinds=[kind] if kind else [],
                               origins=tuple(origin or ()))
    if as_json:
        print(json.dumps({"out": str(out), "events": count}))
    else:
        console.print(f"Wrote {counted(count, 'context event')} to {escape(str(out))}.",
                      highlight=False, soft_wrap=True)


# -- context stats: timing statistics (registered here by launchwatch.cli.context_stats) ------


# -- presentation, shared with `launchwatch events show` -----------------------------------------

def context_table(context: Sequence[LaunchContext]) -> Table:
    """The context around a launch: what, where the launch falls against it, the reports'
    words and the source."""
    table = Table(title="Context (on the launching state's calendar; "
                  "calendar entries and what the reports say)", show_lines=True)
    table.add_column("context", overflow="fold")
    table.add_column("dates", overflow="fold")
    table.add_column("evidence and source", overflow="fold")
    for item in context:
        event = item.event
        dates = event.start.isoformat() + (f" to {event.end.isoformat()}"
                                           if event.end and event.end != event.start else "")
        cited = [f"“{escape(words)}”" for words in item.evidence]
        if event.source:
            cited.append(escape(event.source))
        table.add_row(escape(item.text), f"{dates} ({event.zone})", "\n".join(cited))
    return table


def _event_text(event: ContextEvent) -> str:
    dates = event.start.isoformat() + (f" to {event.end.isoformat()}" if event.end else
                                       " (end not known)")
    lines = [f"[bold]{escape(event.name)}[/bold] ({escape(event.kind)}, {event.origin})",
             f"{dates}, dates local to {event.zone}"]
    if event.place:
        lines.append(f"place: {escape(event.place)}")
    if event.actors:
        lines.append(f"actors: {escape('; '.join(event.actors))}")
    if event.source:
        lines.append(f"source: {escape(event.source)}")
    if event.evidence:
        lines.append(f"the report's words: “{escape(event.evidence)}”")
    lines.append(f"id: {escape(event.id)}")
    return "\n".join(lines)
