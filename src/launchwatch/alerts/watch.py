"""The watch loop: poll the sources, run what arrived through the one pipeline, tell the
alerts which events changed.

One cycle (:meth:`Watcher.run_once`):

1. poll each source that is due (:mod:`.sources`); a source that fails is retried after a
   growing delay (:class:`~.sources.Backoff`), and the others go on;
2. store the reports (``intake.ingest(reports, events=False)``: read reports already stored
   are dropped by content hash);
3. store the sources' cursors (:class:`~.watch_state.SeenLedger`) - after step 2, so that a
   run killed between the two reads the same reports again and stores nothing twice;
4. fuse and assess (``intake.fuse()``, ``intake.assess()``: everything stale, including what
   a killed run left);
5. hand the changed events to the :class:`BatchListener` - those fusion reports, and every
   event the store says changed since the last cycle that got this far (so a run killed
   after step 4 loses nothing: its events are handed over by the next run), then record the
   moment.

The listener may therefore hear of an event twice after a kill (never of a report twice); it
keeps one alert per event and rule, and a repeated change with no new figures is no
revision.  An event withdrawn (fused into another) by a run killed before step 5 is the one
thing not recovered: the store keeps no trace of it.

``intake`` is :class:`launchwatch.pipeline.Pipeline` (the stages do not import the pipeline,
so it is passed in); ``state`` is :class:`launchwatch.store.watch_state.StoredWatchState`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from ..errors import LaunchwatchError
from ..model import EventChanges, Report
from .sources import Backoff, Taken, WatchedSource
from .watch_state import SeenLedger, WatchStateStore

log = logging.getLogger(__name__)

STAGES = ("read", "extract", "fuse", "assess", "dispatch")
"""The stages a cycle times (:attr:`Cycle.stage_s`); "extract" includes storing the reports."""


class BatchListener(Protocol):
    """Told, after each cycle that changed events, which were created, updated and withdrawn
    (:class:`launchwatch.alerts.dispatch.Dispatcher` matches them against the rules)."""

    def after_batch(self, created: list[str], updated: list[str],
                    withdrawn: list[str]) -> None: ...


class _Ingested(Protocol):
    failures: list[LaunchwatchError]


class Intake(Protocol):
    """What the watch loop needs of the pipeline."""

    clock: Callable[[], datetime]

    def ingest(self, sources: Iterable[Report], *, events: bool = ...) -> _Ingested: ...

    def fuse(self) -> EventChanges: ...

    def assess(self, ids: Iterable[str] | None = ...) -> int: ...


@dataclass
class SourceStatus:
    """How a source is doing: its failures in a row and the last one's reason."""

    key: str
    failures: int = 0
    last_error: str | None = None
    next_due_s: float = 0.0  # on the loop's monotonic clock
    reports: int = 0  # taken since the loop started

    def to_record(self) -> dict[str, object]:
        return {"source": self.key, "failures": self.failures, "last_error": self.last_error,
                "reports": self.reports}


@dataclass
class Cycle:
    """What one cycle did."""

    started: datetime
    polled: list[str] = field(default_factory=list)
    reports: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    problems: list[LaunchwatchError] = field(default_factory=list)
    stage_s: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.withdrawn)

    def to_record(self) -> dict[str, object]:
        return {"started": self.started.isoformat(), "polled": self.polled,
                "reports": self.reports, "created": self.created, "updated": self.updated,
                "withdrawn": self.withdrawn,
                "problems": [str(problem) for problem in self.problems],
                "stage_s": {name: round(seconds, 4) for name, seconds in self.stage_s.items()}}


class Watcher:
    """The loop over ``sources`` (module docstring)."""

    def __init__(self, sources: Sequence[WatchedSource], intake: Intake,
                 state: WatchStateStore, listener: BatchListener | None = None, *,
                 backoff: Backoff | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        keys = [source.key for source in sources]
        if len(set(keys)) != len(keys):
            raise ValueError(f"a source is watched twice: {sorted(keys)}")
        self.sources = list(sources)
        self.intake = intake
        self.state = state
        self.listener = listener
        self.backoff = backoff or Backoff()
        self.monotonic = monotonic
        self.ledger = SeenLedger(state)
        self.status = {source.key: SourceStatus(source.key) for source in self.sources}
        self._dispatched = state.dispatched_through()
        if self._dispatched is None:
            # The first run alerts on what arrives from now on, not on the whole history.
            self._dispatched = intake.clock()
            state.mark_dispatched(self._dispatched)

    def run_once(self, *, every_source: bool = False) -> Cycle:
        """One cycle over the sources that are due (all of them with ``every_source``)."""
        cycle = Cycle(started=self.intake.clock())
        tick = time.perf_counter()
        taken = self._poll(cycle, every_source)
        reports = [report for result in taken for report in result.reports]
        cycle.reports = len(reports)
        tick = _lap(cycle, "read", tick)
        if reports:
            cycle.problems.extend(self.intake.ingest(reports, events=False).failures)
        self.ledger.commit([result.cursor for result in taken if result.cursor is not None],
                           now=cycle.started)
        tick = _lap(cycle, "extract", tick)
        changes = self._step(cycle, self.intake.fuse) or EventChanges()
        tick = _lap(cycle, "fuse", tick)
        self._step(cycle, self.intake.assess)
        tick = _lap(cycle, "assess", tick)
        self._hand_over(cycle, changes)
        _lap(cycle, "dispatch", tick)
        return cycle

    def run(self, *, stop: threading.Event | None = None, cycles: int | None = None,
            on_cycle: Callable[[Cycle], None] | None = None) -> None:
        """Cycle until ``stop`` is set (or ``cycles`` are done), sleeping until the next
        source is due."""
        stop = stop or threading.Event()
        done = 0
        while not stop.is_set() and (cycles is None or done < cycles):
            cycle = self.run_once()
            done += 1
            if on_cycle is not None:
                on_cycle(cycle)
            stop.wait(max(0.0, self.next_due_s() - self.monotonic()))

    def next_due_s(self) -> float:
        """When the next source is due, on the monotonic clock."""
        return min((status.next_due_s for status in self.status.values()),
                   default=self.monotonic())

    # -- steps -------------------------------------------------------------------------------

    def _poll(self, cycle: Cycle, every_source: bool) -> list[Taken]:
        taken = []
        for source in self.sources:
            status = self.status[source.key]
            now_s = self.monotonic()
            if not every_source and status.next_due_s > now_s:
                continue
            cycle.polled.append(source.key)
            try:
                result = source.poll(self.ledger.cursor(source.key))
            except LaunchwatchError as exc:
                status.failures += 1
                status.last_error = str(exc)
                delay_s = self.backoff.delay_s(status.failures)
                status.next_due_s = now_s + delay_s
                cycle.problems.append(exc)
                log.warning("%s (failure %d in a row; next try in %.1f s)", exc,
                            status.failures, delay_s)
                continue
            if status.failures:
                log.info("%s answers again after %d failures", source.key, status.failures)
            status.failures, status.last_error = 0, None
            status.next_due_s = now_s + source.interval_s
            status.reports += len(result.reports)
            cycle.problems.extend(result.problems)
            taken.append(result)
        return taken

    def _step(self, cycle: Cycle, step: Callable[[], object]) -> object:
        try:
            return step()
        except LaunchwatchError as exc:
            cycle.problems.append(exc)
            log.warning("%s", exc)
            return None

    def _hand_over(self, cycle: Cycle, changes: EventChanges) -> None:
        """Tell the listener what changed, then record how far that went (module
        docstring, step 5)."""
        assert self._dispatched is not None
        checked_at = self.intake.clock()
        recent = self.state.events_changed_since(self._dispatched)
        cycle.created = list(dict.fromkeys(changes.created))
        known = set(cycle.created)
        cycle.updated = [event_id for event_id in dict.fromkeys([*changes.updated, *recent])
                         if event_id not in known]
        cycle.withdrawn = list(dict.fromkeys(changes.removed))
        if not (recent or cycle.changed):
            return  # nothing changed since the mark: it need not move
        if self.listener is not None and cycle.changed:
            try:
                self.listener.after_batch(cycle.created, cycle.updated, cycle.withdrawn)
            except LaunchwatchError as exc:
                cycle.problems.append(exc)
                log.warning("the alerts could not be sent (%s); the next cycle tries again",
                            exc)
                return
        self.state.mark_dispatched(checked_at)
        self._dispatched = checked_at


def _lap(cycle: Cycle, stage: str, since: float) -> float:
    now = time.perf_counter()
    cycle.stage_s[stage] += now - since
    return now


__all__ = ["STAGES", "BatchListener", "Cycle", "Intake", "SourceStatus", "Watcher"]
