"""The ``launchwatch`` command: a thin Typer layer over the library.

Each sub-module registers the commands of one stage on :data:`app`.  Errors from the library
(:class:`~launchwatch.errors.LaunchwatchError`) become a one-line message and an exit code here,
never a traceback.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from ..errors import LaunchwatchError
from ._app import app, console_err

# Importing a module registers its commands on ``app``.
# (command modules are imported below as they are added)
from . import context as _context  # noqa: F401,E402
from . import context_stats as _context_stats  # noqa: F401,E402
from . import geo as _geo  # noqa: F401,E402
from . import events as _events  # noqa: F401,E402
from . import extract as _extract  # noqa: F401,E402
from . import ingest as _ingest  # noqa: F401,E402
from . import serve as _serve  # noqa: F401,E402
from . import trajectory as _trajectory  # noqa: F401,E402
from . import watch as _watch  # noqa: F401,E402


def main() -> None:
    try:
        app()
    except LaunchwatchError as exc:
        # Escaped: "[dask]" in "pip install launchwatch[dask]" is not rich markup.
        console_err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)


__all__ = ["app", "main"]
