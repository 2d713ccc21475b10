"""The records fusion exchanges with the store: stored launches in, a plan of writes out.

The events stage decides (:mod:`launchwatch.events.day`); the store keeps what it decided
(:meth:`launchwatch.store.Store.fusing`).  Between them:

* :class:`LaunchKey` - a launch fusion has not seen yet: its row id, state and local date;
* :class:`LaunchRef` - a stored launch as matching sees it: row id, report, place in the
  report, the launch itself;
* :class:`DayState` - what the store holds of one state's day: its events' fingerprints and
  which event each launch is in;
* :class:`FusionPlan` - what fusion decided: the events to write (:class:`EventWrite`), the
  ids to delete and which event each launch is in now;
* :class:`EventChanges` - what a refresh did, summed over its plans;
* :data:`MAX_TIME_GAP_MIN` - how far apart two times of one launch may be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Protocol

from .event import Event, ReportInfo
from .report import Launch

MAX_TIME_GAP_MIN = 120.0
"""Launch times further apart than this (minutes) are different launches: a salvo may span an
hour, 08:10 to 09:20, and sources quote its first or its last missile.  Matching
(:mod:`launchwatch.events.matching`) tells launches apart by it, and the CNS reader
(:mod:`launchwatch.exchange.cns_reader`) groups a day's rows into salvos by it."""


@dataclass(frozen=True)
class LaunchKey:
    """A stored launch that no event holds yet: where fusion has to look."""

    launch_id: int
    country: str | None
    date_local: date | None


@dataclass(frozen=True)
class LaunchRef:
    """A stored launch as matching sees it: its row id, its report and the launch itself."""

    launch_id: int
    report: ReportInfo
    ordinal: int
    launch: Launch

    @property
    def order_key(self) -> tuple[float, str, int]:
        """The canonical order of launches: report publication time, report hash, ordinal."""
        return (self.report.published_key, self.report.content_hash, self.ordinal)

    @cached_property
    def minute_of_day(self) -> int | None:
        clock = self.launch.time_local
        return None if clock is None else clock.hour * 60 + clock.minute


@dataclass(frozen=True)
class DayState:
    """What the store holds of one state's day: the fingerprint of each stored event of that
    day (by id) and the event each of the day's launches is in (None: seen, in no event; a
    launch fusion has not seen is absent)."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    members: dict[int, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class EventWrite:
    """An event to write: new (``created``) or changed since it was stored.

    ``fingerprint`` is the hash of the event's content (an unchanged event is never written);
    ``inputs_hash`` the hash of what its assessment depends on."""

    event: Event
    fingerprint: str
    inputs_hash: str
    created: bool


@dataclass
class FusionPlan:
    """What fusion decided for some launches, for the store to write: the events new or
    changed (in order), the ids of events to delete, and the event each launch is in now
    (only the launches whose event changed; None: seen, in no event)."""

    writes: list[EventWrite] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    members: dict[int, str | None] = field(default_factory=dict)

    @property
    def created(self) -> list[str]:
        return [write.event.id for write in self.writes if write.created]

    @property
    def updated(self) -> list[str]:
        return [write.event.id for write in self.writes if not write.created]


class PlanOutline(Protocol):
    """What a plan creates, changes and removes, by event id: a
    :class:`FusionPlan`, or the rows the store makes of one."""

    @property
    def created(self) -> list[str]: ...

    @property
    def updated(self) -> list[str]: ...

    removed: list[str]


@dataclass
class EventChanges:
    """What a refresh did: the ids of events created, changed and removed, and how many
    launches it fused."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    launches: int = 0

    @property
    def touched(self) -> list[str]:
        return self.created + self.updated

    def record(self, plan: FusionPlan | PlanOutline) -> None:
        """Count what ``plan`` does."""
        self.created.extend(plan.created)
        self.updated.extend(plan.updated)
        self.removed.extend(plan.removed)

    def to_record(self) -> dict[str, Any]:
        return {"created": len(self.created), "updated": len(self.updated),
                "removed": len(self.removed), "launches": self.launches}
