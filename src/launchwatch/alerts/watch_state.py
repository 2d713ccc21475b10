"""What the watch loop has seen, and the one rule that keeps a restart from losing or
repeating anything: a source's cursor is stored only after the reports it covers are.

The store keeps the cursors (:class:`launchwatch.store.watch_state.StoredWatchState` is the
implementation of :class:`WatchStateStore`); :class:`SeenLedger` holds them in memory between
polls and writes only those that moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from ..model.watch import SourceCursor


class WatchStateStore(Protocol):
    """Where the watch loop's memory is kept between runs."""

    def load_cursors(self) -> dict[str, SourceCursor]: ...

    def save_cursors(self, cursors: Sequence[SourceCursor], *, now: datetime) -> None: ...

    def dispatched_through(self) -> datetime | None: ...

    def mark_dispatched(self, moment: datetime) -> None: ...

    def events_changed_since(self, moment: datetime) -> list[str]: ...


class SeenLedger:
    """The cursors of every source, read once from ``store`` and written back as they move."""

    def __init__(self, store: WatchStateStore) -> None:
        self.store = store
        self._cursors = store.load_cursors()

    def cursor(self, source: str) -> SourceCursor:
        """The source's cursor as stored (a fresh one for a source never polled)."""
        return self._cursors.get(source) or SourceCursor(source)

    def commit(self, cursors: Sequence[SourceCursor], *, now: datetime) -> None:
        """Store these cursors (call it once the reports they cover are stored)."""
        moved = [cursor for cursor in cursors if cursor != self._cursors.get(cursor.source)]
        if moved:
            self.store.save_cursors(moved, now=now)
            self._cursors.update((cursor.source, cursor) for cursor in moved)


__all__ = ["SeenLedger", "WatchStateStore"]
