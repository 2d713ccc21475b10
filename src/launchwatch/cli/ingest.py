"""``launchwatch ingest`` and ``launchwatch launches``: reports into the store, launches out."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.progress import TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from ..alerts.dispatch import Dispatcher
from ..bulk import BulkResult, ingest_archive
from ..errors import IngestError
from ..ingest import IngestSummary, cpu_count, estimate_reports, read_paths
from ..model import Quantity
from ..pipeline import Pipeline
from ..api import Store, StoredLaunch
from .extract import language_option
from ._app import (DB_OPTION, JSON_OPTION, app, console, console_err, counted,
                   settings_from_cli)

# Failures listed one per line on the terminal; --json lists them all.
_FAILURES_SHOWN = 50


class Engine(str, Enum):
    """Where ``launchwatch ingest`` extracts."""

    local = "local"
    dask = "dask"


# Below this many reports, starting worker processes (each loads the extractor, a second or
# two) costs more than it saves.
PARALLEL_MIN_REPORTS = 1000


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="report files (.txt .md .html .xml .rss .atom "
                                       ".jsonl .jsonl.gz .warc .warc.gz) and folders of them, "
                                       "read recursively"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
    workers: int | None = typer.Option(None, "--workers", min=0, help="extract in N processes; 0: one "
                                f"per CPU core for batches of {PARALLEL_MIN_REPORTS} reports "
                                "or more, else 1; with --engine dask: the local cluster's "
                                "worker processes (0: one per core)"),
    lang: str = typer.Option(None, "--lang", metavar="CODE",
                             help="the reports' language (ISO 639-1: en, ja, ko) instead of "
                             "detecting it for each"),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this process and "
                                  "its worker processes; dask: a Dask cluster, for archives "
                                  "(gates out other news, stores only launch reports, resumes "
                                  "where a killed run stopped; README 'Archives on Dask')"),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                         help="with --engine dask: a running Dask scheduler "
                                         "(tcp://host:8786) instead of a local cluster of "
                                         "--workers processes"),
) -> None:
    """Read reports, extract the launches they state and store both.

    A report already stored (same text) is skipped.  A file that cannot be read is listed with
    the reason and the others go on; the exit code is 1 if any failed.

    Example: launchwatch ingest samples/reports news.jsonl

    Example: launchwatch ingest --engine dask --workers 8 archive/*.jsonl.gz crawl.warc.gz
    """
    language = language_option(lang)
    if engine is Engine.dask:
        _ingest_on_dask(paths, db=db, as_json=as_json, workers=workers, scheduler=scheduler,
                        language=language)
        return
    settings = settings_from_cli(db=db, ingest_workers=workers)
    workers = settings.ingest_workers
    with Store.open(settings.resolved_database_url) as store:
        # Alerts follow every way reports come in, not only `launchwatch watch`: an event
        # ingested by hand would otherwise never be alerted.  Built first, so that a bad
        # alerts file stops the command before it stores anything.
        alerts = Dispatcher.from_settings(store, settings)
        total = estimate_reports(paths)
        if workers == 0:
            workers = cpu_count() if total >= PARALLEL_MIN_REPORTS else 1
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console_err, transient=True,
                      disable=total < settings.batch_progress_min) as progress:
            task = progress.add_task("ingest", total=total)
            sources = paths if language is None else (
                item if isinstance(item, IngestError) else
                item.model_copy(update={"language": language}) for item in read_paths(paths))
            summary = Pipeline(store).ingest(sources, workers=workers,
                                             on_progress=lambda n: progress.advance(task, n))
        if alerts is not None:
            alerts.dispatch(updated=sorted(summary.events))
    if as_json:
        console.print_json(json.dumps(summary.to_record()))
    else:
        _print_summary(summary)
    if summary.failures:
        raise typer.Exit(1)


def _ingest_on_dask(paths: list[Path], *, db: str | None, as_json: bool, workers: int | None,
                    scheduler: str | None, language: str | None) -> None:
    """``ingest --engine dask``: the archive on a Dask cluster (:func:`ingest_archive`), then
    the alerts of the events it changed."""
    settings = settings_from_cli(db=db, dask_workers=workers, dask_scheduler=scheduler)
    url = settings.resolved_database_url
    with Store.open(url) as store:
        alerts = Dispatcher.from_settings(store, settings)  # a bad alerts file stops it first
        result = ingest_archive(paths, url, scheduler=settings.dask_scheduler,
                                workers=settings.dask_workers, language=language,
                                progress=not as_json)
        if alerts is not None:
            alerts.dispatch(updated=sorted(result.summary.events))
    if as_json:
        console.print_json(json.dumps(result.to_record()))
    else:
        _print_bulk(result)
    if result.summary.failures:
        raise typer.Exit(1)


def _print_bulk(result: BulkResult) -> None:
    share = result.filtered / result.pages if result.pages else 0.0
    skipped = sum(1 for shard in result.shards if shard.status == "skipped")
    console.print(f"Read {counted(result.pages, 'page')} in "
                  f"{counted(len(result.shards) - skipped, 'shard')} on "
                  f"{counted(result.workers, 'worker')} ({skipped} finished before); "
                  f"{result.filtered} turned away by the keyword gate ({share:.0%}), "
                  f"{result.extracted} extracted, {result.launch_reports} launch reports: "
                  f"{result.stored} new, {result.duplicates} already stored; "
                  f"{counted(len(result.summary.events), 'event')} changed, "
                  f"{result.summary.assessed} assessed; {result.seconds['total']:.1f} s.",
                  highlight=False, soft_wrap=True)
    _print_summary_failures(result.summary)


@app.command()
def launches(
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
    limit: int = typer.Option(100, "--limit", min=0, help="show at most N launches, latest "
                              "first (0: all)"),
    background: bool = typer.Option(False, "--background", help="also list the earlier "
                                    "launches reports recall"),
) -> None:
    """List the stored launches, latest first.

    Example: launchwatch launches --limit 20
    """
    settings = settings_from_cli(db=db)
    with Store.open(settings.resolved_database_url) as store:
        stored = store.launches(limit=limit or None, background=background)
        total = store.count_launches(background=background)
    if as_json:
        console.print_json(json.dumps([item.to_record() for item in stored]))
        return
    if not stored:
        console.print("No launches stored yet; add reports with: launchwatch ingest PATH")
        return
    console.print(_launch_table(stored, total, roles=background))


def _print_summary(summary: IngestSummary) -> None:
    recalled = f" (and {counted(summary.background, 'earlier launch')} recalled)" \
        if summary.background else ""
    console.print(f"Read {counted(summary.read, 'report')}: {summary.new} new, "
                  f"{summary.duplicate} duplicate, {summary.failed} failed; "
                  f"{counted(summary.launches, 'launch')} found{recalled}.", highlight=False,
                  soft_wrap=True)
    _print_summary_failures(summary)


def _print_summary_failures(summary: IngestSummary) -> None:
    for failure in summary.failures[:_FAILURES_SHOWN]:
        console_err.print(escape(str(failure)), style="red", highlight=False, soft_wrap=True)
    if summary.failed > _FAILURES_SHOWN:
        console_err.print(f"... and {summary.failed - _FAILURES_SHOWN} more (--json lists all)",
                          soft_wrap=True)
    for warning in summary.warnings[:_FAILURES_SHOWN]:
        console_err.print(f"check: {escape(str(warning))}", style="yellow", highlight=False,
                          soft_wrap=True)
    if len(summary.warnings) > _FAILURES_SHOWN:
        console_err.print(f"... and {len(summary.warnings) - _FAILURES_SHOWN} more values to "
                          "check (--json lists all)", soft_wrap=True)


def _launch_table(stored: list[StoredLaunch], total: int, *, roles: bool) -> Table:
    title = f"{len(stored)} launches" if len(stored) == total else \
        f"latest {len(stored)} of {total} launches (--limit 0 shows all)"
    table = Table(title=title)
    if roles:
        table.add_column("role")
    for name, justify in (("date", "left"), ("time", "left"), ("country", "left"),
                          ("class", "left"), ("name", "left"), ("count", "right"),
                          ("distance km", "right"), ("apogee km", "right"),
                          ("flight time s", "right"), ("site", "left"),
                          ("landing area", "left"), ("source", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for item in stored:
        launch = item.launch
        table.add_row(
            *([launch.role] if roles else []), _cell(launch.date_local),
            _cell(launch.time_local and launch.time_local.strftime("%H:%M")),
            _cell(launch.country), _cell(launch.missile_class),
            _cell(launch.missile_name), _cell(launch.count), _number(launch.distance_km),
            _number(launch.apogee_km), _number(launch.flight_time_s), _cell(launch.launch_site),
            _cell(launch.landing_area), _short_source(item.source))
    return table


def _short_source(source: str) -> str:
    """A file's name without its folders (URLs as they are): the table is narrow."""
    return source if "://" in source or source.startswith("urn:") else Path(source).name


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _number(quantity: Quantity | None) -> str:
    """'about 4,500' for Quantity(4500, 'km', 'about'): the qualifier is part of the figure."""
    if quantity is None:
        return ""
    return f"{quantity.qualifier} {quantity.value:,g}" if quantity.qualifier \
        else f"{quantity.value:,g}"
