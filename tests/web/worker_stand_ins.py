"""Stand-in extractors for tests of the web's worker processes (``web.workers``).

A worker process imports an extractor by its module's name, so these live in a module of
their own that imports nothing heavy: the test modules themselves bring the whole web app.
"""

from __future__ import annotations

import os
import time

from launchwatch.errors import ExtractionError
from launchwatch.model import Report


def process_id(report: Report) -> int:
    """Not an extraction: the id of the process that ran it."""
    return os.getpid()


def refuse(report: Report) -> None:
    raise ExtractionError("this stand-in refuses every report", path=report.source)


def die(report: Report) -> None:
    """Ends the worker process at once, as the kernel's out-of-memory killer would."""
    os._exit(9)


def announce_and_sleep(report: Report) -> None:
    """Says on the standard output (which a worker shares with its parent) which process is
    busy with it, then keeps that process busy for ten minutes."""
    print(os.getpid(), flush=True)
    time.sleep(600)


def pause_then_process_id(report: Report) -> int:
    """Not an extraction: keeps its process busy for the report's text in seconds ("0.5"),
    then says which process that was."""
    time.sleep(float(report.text))
    return os.getpid()
