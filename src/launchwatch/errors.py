"""One exception hierarchy for launchwatch.

Every message is a sentence addressed to the user that says what went wrong and what to do.
Exceptions carry the data a caller needs (``path``, ``line``, ``field``); the CLI and the web
layer translate them to exit codes and HTTP responses, nowhere else.

    LaunchwatchError
    ├── SettingsError      a setting has a bad value
    ├── IngestError        a report file could not be read or parsed
    ├── ExtractionError    the extractor could not process a report
    ├── PhysicsError       inputs that no ballistic flight can satisfy
    ├── GeoError           a place could not be resolved
    ├── StoreError         the database could not be opened or written
    ├── ContextError       a context calendar (CSV, .ics) or one of its rows could not be read
    └── UnknownEventError  no event has the id asked for (also a KeyError)
"""

from __future__ import annotations

from pathlib import Path


class LaunchwatchError(Exception):
    """Base class of every error launchwatch raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        if self.field:
            where += f"{self.field}: "
        return where + self.message


class SettingsError(LaunchwatchError):
    """A setting has a value launchwatch cannot use."""

    exit_code = 2


class IngestError(LaunchwatchError):
    """A report file could not be read or parsed."""


class ExtractionError(LaunchwatchError):
    """The extractor could not process a report."""


class PhysicsError(LaunchwatchError):
    """The inputs describe no possible ballistic flight."""

    exit_code = 2


class GeoError(LaunchwatchError):
    """A place name or relative location could not be resolved."""

    exit_code = 2


class StoreError(LaunchwatchError):
    """The database could not be opened, migrated or written."""


class ContextError(LaunchwatchError):
    """A context calendar (CSV or iCalendar) or one of its rows could not be read."""


class UnknownEventError(LaunchwatchError, KeyError):
    """No event has the id asked for.  A KeyError too, as a lookup by key that missed, so
    that ``except KeyError`` in a notebook catches it (its message stays a sentence:
    LaunchwatchError's ``__str__`` comes first)."""
