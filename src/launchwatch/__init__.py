"""launchwatch: ballistic-missile launches from public reports, checked and mapped.

This module is the public Python API; everything else may change between releases.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from ._version import __version__
from .errors import (ExtractionError, GeoError, IngestError, LaunchwatchError, PhysicsError,
                     SettingsError, StoreError)
from .model import (Assessment, Claim, ContextItem, Event, EventField, EventList, Evidence,
                    Extraction, Launch, Quantity, Report)

if TYPE_CHECKING:
    from .api import Database

# Loaded on first use (PEP 562), so that ``import launchwatch`` stays fast: launchwatch.api
# (the store, SQLAlchemy, the pipeline) takes 0.65 s to import (measured: 0.83 s for
# launchwatch.api against 0.18 s for launchwatch) that reading a record type should not pay.
_LAZY = {"Database": "launchwatch.api"}


def open(db_url: str | os.PathLike[str] | None = None, *,  # noqa: A001
         create: bool = False) -> Database:
    """Open a launchwatch database for analysis: ``launchwatch.open("events.sqlite3")``.

    ``db_url`` is a SQLite file path or a SQLAlchemy URL (``postgresql://user@host/db``); None
    opens the one the settings name.  ``db.events().to_dataframe()`` gives the events as a
    pandas DataFrame; ``db.event(id)`` one event with its sources and assessment.  A SQLite
    file that does not exist is refused unless ``create`` (to import or ingest into).
    """
    return __getattr__("Database").open(db_url, create=create)


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())

__all__ = [
    "Assessment",
    "Claim",
    "ContextItem",
    "Database",
    "Event",
    "EventField",
    "EventList",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "GeoError",
    "IngestError",
    "Launch",
    "LaunchwatchError",
    "PhysicsError",
    "Quantity",
    "Report",
    "SettingsError",
    "StoreError",
    "__version__",
    "open",
]
