"""The Typer application and the options every command shares."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console

from .._version import __version__
from ..settings import Settings, load_settings

app = typer.Typer(help="launchwatch: missile launches from public reports, checked and mapped.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
console_err = Console(stderr=True)


def _print_version(asked: bool) -> None:
    if asked:
        print(f"launchwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", is_eager=True,
                                          callback=_print_version,
                                          help="print the version and exit")) -> None:
    """launchwatch: missile launches from public reports, checked and mapped."""

DB_OPTION = typer.Option(None, "--db", help="database URL or SQLite file path "
                         "(overrides LAUNCHWATCH_DATABASE_URL)")
JSON_OPTION = typer.Option(False, "--json", help="print JSON for scripts")


def settings_from_cli(**overrides: Any) -> Settings:
    """Settings with the command line's values on top of config file and environment."""
    db = overrides.pop("db", None)
    if db and "://" not in db:
        db = f"sqlite:///{db}"
    return load_settings({"database_url": db, **overrides})


# Nouns whose plural is not the noun and an "s".
_PLURALS = {"launch": "launches", "was": "were", "is": "are", "this": "these"}


def counted(number: int, noun: str) -> str:
    """"1 event", "2 events", "0 launches", "3 more columns": a count and its noun, in the
    plural unless there is one (the noun's last word is the one that takes the plural)."""
    if number == 1:
        return f"1 {noun}"
    head, _, last = noun.rpartition(" ")
    plural = _PLURALS.get(last, last + "s")
    return f"{number:,} {head + ' ' if head else ''}{plural}"
