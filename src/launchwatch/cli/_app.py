"""The Typer application and the options every command shares."""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console

from ..settings import Settings, load_settings

app = typer.Typer(help="launchwatch: missile launches from public reports, checked and mapped.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
console_err = Console(stderr=True)

DB_OPTION = typer.Option(None, "--db", help="database URL or SQLite file path "
                         "(overrides LAUNCHWATCH_DATABASE_URL)")
JSON_OPTION = typer.Option(False, "--json", help="print JSON for scripts")


def settings_from_cli(**overrides: Any) -> Settings:
    """Settings with the command line's values on top of config file and environment."""
    db = overrides.pop("db", None)
    if db and "://" not in db:
        db = f"sqlite:///{db}"
    return load_settings({"database_url": db, **overrides})
