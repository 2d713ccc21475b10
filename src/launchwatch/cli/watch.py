"""``launchwatch watch``: poll feeds, folders and a JSONL drop file; new reports go through
the pipeline, and changed events to the alerts."""

from __future__ import annotations

import json
import logging
import signal
import threading
from pathlib import Path
from types import FrameType

import httpx
import typer
from rich.markup import escape

from ..alerts.dispatch import Dispatcher
from ..alerts.sources import (FEED_INTERVAL_S, FEED_TIMEOUT_S, FOLDER_INTERVAL_S, FeedSource,
                              FolderSource, JsonlSource, SourcePlan, WatchedSource)
from ..alerts.watch import BatchListener, Cycle, Watcher
from ..api import Store, StoredWatchState
from ..errors import SettingsError
from ..ingest import read_path
from ..ingest.feed import feed_reports
from ..ingest.jsonl import jsonl_report
from ..pipeline import Pipeline
from ._app import DB_OPTION, JSON_OPTION, app, console, console_err, counted, settings_from_cli


def watched_sources(plan: SourcePlan, client: httpx.Client, *,
                    interval_s: float = FOLDER_INTERVAL_S,
                    feed_interval_s: float = FEED_INTERVAL_S,
                    feed_timeout_s: float = FEED_TIMEOUT_S) -> list[WatchedSource]:
    """The sources of ``plan``, each reading with the ingest stage's readers."""
    sources: list[WatchedSource] = [
        FeedSource(url, client, feed_reports, interval_s=feed_interval_s,
                   timeout_s=feed_timeout_s) for url in plan.feeds]
    sources += [FolderSource(folder.resolve(), read_path, interval_s=interval_s)
                for folder in plan.folders]
    sources += [JsonlSource(path.resolve(), jsonl_report, interval_s=interval_s)
                for path in plan.jsonl]
    return sources


class PrintedChanges:
    """A :class:`~launchwatch.alerts.watch.BatchListener` that prints the changed events: on
    standard output, or on standard error where standard output carries ``--json`` records."""

    def __init__(self, *, beside_json: bool = False) -> None:
        self.console = console_err if beside_json else console

    def after_batch(self, created: list[str], updated: list[str],
                    withdrawn: list[str]) -> None:
        for word, ids in (("new", created), ("revised", updated), ("withdrawn", withdrawn)):
            for event_id in ids:
                self.console.print(f"{word} event {event_id}", highlight=False)


@app.command()
def watch(
    feed: list[str] = typer.Option([], "--feed", help="an RSS or Atom URL (repeat for more)"),
    folder: list[Path] = typer.Option([], "--folder", help="a folder that receives report "
                                      "files (repeat for more); write NAME.partial and rename "
                                      "it, or the file is taken once its size settles"),
    jsonl: list[Path] = typer.Option([], "--jsonl", help="a JSONL file that grows a report per "
                                     "line (repeat for more)"),
    sources: Path | None = typer.Option(None, "--sources", help="a TOML file with [watch] "
                                        "feeds, folders, jsonl lists"),
    interval: float = typer.Option(FOLDER_INTERVAL_S, "--interval", min=0.05,
                                   help="seconds between looks at folders and JSONL files"),
    feed_interval: float = typer.Option(FEED_INTERVAL_S, "--feed-interval", min=1.0,
                                        help="seconds between fetches of each feed"),
    feed_timeout: float = typer.Option(FEED_TIMEOUT_S, "--feed-timeout", min=0.1,
                                       help="seconds a feed may take to answer"),
    once: bool = typer.Option(False, "--once", help="poll every source once and exit"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Watch sources and run each new report through the pipeline; changed events are
    handed to the alerts.  A restart resumes where the last run stopped.

    Sources file example (--sources watch.toml):

        [watch]
        feeds = ["https://example.org/news.atom"]
        folders = ["incoming"]

    Example: launchwatch watch --folder incoming --feed https://example.org/news.atom
    """
    plan = SourcePlan(list(feed), list(folder), list(jsonl)).check()
    if sources is not None:
        plan = plan.merged(SourcePlan.from_toml(sources))
    if not plan:
        raise SettingsError("there is nothing to watch; give --feed URL, --folder DIR, "
                            "--jsonl FILE or --sources FILE")
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    settings = settings_from_cli(db=db)
    with Store.open(settings.resolved_database_url) as store, httpx.Client() as client:
        pipeline = Pipeline(store)
        # The alerts file's rules and channels (settings: alerts_file); with none, the
        # changed events are printed.
        listener: BatchListener = Dispatcher.from_settings(store, settings) or \
            PrintedChanges(beside_json=as_json)
        watcher = Watcher(watched_sources(plan, client, interval_s=interval,
                                          feed_interval_s=feed_interval,
                                          feed_timeout_s=feed_timeout),
                          pipeline, StoredWatchState(store.engine), listener)
        if once:
            cycle = watcher.run_once(every_source=True)
            _show(cycle, as_json)
            if cycle.problems:
                raise typer.Exit(1)
            return
        pipeline.extractor  # loaded now, not when the first report arrives
        if not as_json:
            console_err.print(f"watching {counted(len(watcher.sources), 'source')} "
                              f"(folders every {interval:g} s, feeds every {feed_interval:g} s); "
                              "Ctrl-C stops", highlight=False)
        stop = threading.Event()

        def _stop(_signal: int, _frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        try:
            watcher.run(stop=stop, on_cycle=lambda cycle: _show(cycle, as_json, quiet=True))
        except KeyboardInterrupt:
            pass


def _show(cycle: Cycle, as_json: bool, *, quiet: bool = False) -> None:
    """A cycle as a JSON line, or a line of text (none for a quiet cycle with nothing in it)."""
    if as_json:
        if not quiet or cycle.reports or cycle.changed or cycle.problems:
            print(json.dumps(cycle.to_record()), flush=True)
        return
    if cycle.reports or not quiet:
        console.print(f"{counted(cycle.reports, 'new report')}: "
                      f"{len(cycle.created)} new, {len(cycle.updated)} revised, "
                      f"{len(cycle.withdrawn)} withdrawn events", highlight=False)
    for problem in cycle.problems:
        console_err.print(escape(str(problem)), style="red", highlight=False, soft_wrap=True)
