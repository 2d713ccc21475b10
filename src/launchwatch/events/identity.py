"""Event identity: which stored launches are one event, and what that event is called.

Pure functions over records: given the launches of one state's day and what the store holds of
that day (:class:`~launchwatch.model.DayState`), :func:`plan_day` returns a
:class:`~launchwatch.model.FusionPlan`, the events to write, the ids to delete and the new
memberships, which the store writes as it is (:meth:`launchwatch.store.Store.fusing`).  The
pipeline (:meth:`launchwatch.pipeline.Pipeline.fuse`) reads, calls these, and writes.

**One day.**  Fusion re-clusters *all* of a state's launches of one local date
(:func:`launchwatch.events.matching.cluster`, deterministic; the launches reports recall are
attached to the group they match, :func:`~launchwatch.events.matching.attach`).  Each group
takes the id of the stored event it shares most launches with (a new report joins an event;
it never makes a second one); a stored event goes to at most one group, the group sharing most
launches first.  The other groups get the lowest numbers the day has free, in order of their
earliest launch time (unknown times last), then of their first launch.  Each group is fused
(:func:`launchwatch.events.fusion.fuse`); only the events whose content changed
(:func:`fingerprint`) are written, and the stored events no group kept are deleted.

**Undated launches.**  A launch whose report resolves no date joins the dated launch of its
state that it evidently is (:func:`joining_days`, through
:func:`~launchwatch.events.matching.same_launch_day`); until then it is an event of its own
(:func:`plan_undated`), named after its report and its place in it.  Undated launches whose
reports together name one day (:func:`~launchwatch.events.matching.days_together`) join that
day as if it were dated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, time
from typing import Any

from ..model import DayState, Event, EventWrite, FusionPlan, LaunchKey, LaunchRef, Tier
from .authority import tier_of
from .fusion import fuse
from .ids import event_id, event_number, undated_event_id
from .matching import attach, cluster, days_together, same_launch_day

InputsHash = Callable[[Event], str]
"""The hash of what an event's assessment depends on (``Assessor.inputs_hash``)."""


def fingerprint(event: Event) -> str:
    """The hash of an event's content: fusion builds an event's fields and claims in a fixed
    order, so the same event always serialises to the same text."""
    return hashlib.sha256(event.model_dump_json().encode("utf-8")).hexdigest()


def days_to_fuse(unseen: Iterable[LaunchKey],
                 joining: Iterable[tuple[str, date]] = ()) -> list[tuple[str | None, date]]:
    """The (state, local date) pairs a refresh re-fuses, in order: the days of the launches
    fusion has not seen, and the days undated launches join (``joining``)."""
    days = {(key.country or "", key.date_local) for key in unseen if key.date_local is not None}
    days |= set(joining)
    return [(country or None, day) for country, day in sorted(days)]


def joining_days(undated: Iterable[LaunchRef],
                 dated_of: Callable[[str], Sequence[LaunchRef]],
                 fresh: Collection[int] | None = None,
                 ) -> dict[tuple[str, date], list[int]]:
    """The undated launches that evidently are a dated launch of one day, by (state, day),
    and those whose reports together name a day (:func:`~.matching.days_together`).

    ``dated_of(country)`` gives the state's dated launches (the store's
    ``dated_launch_refs``); it is asked once per state.  Launches reports recall, launches
    of no state and a compiled table's undated rows join nothing: a table that leaves a date
    out does not know it, and a guess from likeness would put words in its mouth.
    ``fresh``: the ids of the launches fusion has not seen (None: all of them)."""
    refs = [ref for ref in undated if ref.launch.role != "background" and ref.launch.country
            and not _compiled(ref)]
    joining: dict[tuple[str, date], list[int]] = {}
    for country in sorted({ref.launch.country for ref in refs}):  # type: ignore[type-var]
        dated = [other for other in dated_of(country) if other.launch.role != "background"]
        left = []
        for ref in refs:
            if ref.launch.country != country:
                continue
            day = same_launch_day(ref, dated)
            if day is not None:
                joining.setdefault((country, day), []).append(ref.launch_id)
            else:
                left.append(ref)
        for day, together in days_together(left, fresh).items():
            joining.setdefault((country, day), []).extend(ref.launch_id for ref in together)
    return joining


def _compiled(ref: LaunchRef) -> bool:
    """Whether a launch is a row of a compiled table (CNS): every body it cites is one."""
    cited = ref.launch.reported_by
    return bool(cited) and all(tier_of(body, ref.launch.country) == Tier.DATABASE
                               for body in cited)


def plan_day(country: str | None, day: date, refs: Sequence[LaunchRef], stored: DayState,
             inputs_hash: InputsHash) -> FusionPlan:
    """The plan for one state's day (module docstring).

    ``refs`` are all the day's launches: those dated that day, and the undated ones that join
    it or joined it before.  ``stored`` holds the fingerprints of the day's stored events and
    the event each of ``refs`` is in."""
    groups = cluster([ref for ref in refs if ref.launch.role != "background"])
    groups = attach([ref for ref in refs if ref.launch.role == "background"], groups)
    ids = group_ids(country, day, groups, stored)
    plan = FusionPlan()
    for index, group in enumerate(groups):
        _write(plan, fuse(ids[index], country, day, group), stored.fingerprints, inputs_hash)
    plan.removed = sorted(set(stored.fingerprints) - set(ids.values()))
    in_event = {ref.launch_id: ids[index] for index, group in enumerate(groups) for ref in group}
    plan.members = _changed({ref.launch_id: in_event.get(ref.launch_id) for ref in refs},
                            stored.members)
    return plan


def group_ids(country: str | None, day: date, groups: Sequence[Sequence[LaunchRef]],
              stored: DayState) -> dict[int, str]:
    """The id of each group (by index) of one day: the stored event it shares most launches
    with, else a fresh number (module docstring)."""
    ids: dict[int, str] = {}
    overlaps = []
    for index, group in enumerate(groups):
        counts: dict[str, int] = {}
        for ref in group:
            owner = stored.members.get(ref.launch_id)
            if owner in stored.fingerprints:
                counts[owner] = counts.get(owner, 0) + 1  # type: ignore[index]
        overlaps.extend((-n, index, owner) for owner, n in counts.items())
    for _, index, owner in sorted(overlaps):
        if index not in ids and owner not in ids.values():
            ids[index] = owner
    taken = {event_number(i) or 0 for i in stored.fingerprints} | \
        {event_number(i) or 0 for i in ids.values()}
    fresh = sorted((index for index in range(len(groups)) if index not in ids),
                   key=lambda index: _group_order(groups[index]))
    number = 1
    for index in fresh:
        while number in taken:
            number += 1
        ids[index] = event_id(country, day, number)
        taken.add(number)
    return ids


def undated_ids(refs: Iterable[LaunchRef]) -> list[str]:
    """The ids the undated events of ``refs`` have (launches reports recall make none)."""
    return [undated_event_id(ref.launch.country, ref.report.content_hash, ref.ordinal)
            for ref in refs if ref.launch.role != "background"]


def plan_undated(refs: Sequence[LaunchRef], fingerprints: Mapping[str, str],
                 inputs_hash: InputsHash) -> FusionPlan:
    """Each undated launch a report reports is an event of its own; one a report recalls is
    seen and in no event.  ``fingerprints`` are those of the stored events of
    :func:`undated_ids`."""
    plan = FusionPlan()
    for ref in refs:
        if ref.launch.role == "background":
            plan.members[ref.launch_id] = None
            continue
        new_id = undated_event_id(ref.launch.country, ref.report.content_hash, ref.ordinal)
        _write(plan, fuse(new_id, ref.launch.country, None, [ref]), fingerprints, inputs_hash)
        plan.members[ref.launch_id] = new_id
    return plan


def _write(plan: FusionPlan, event: Event, fingerprints: Mapping[str, str],
           inputs_hash: InputsHash) -> None:
    """Add ``event`` to the plan's writes unless it is stored as it is."""
    new = fingerprint(event)
    old = fingerprints.get(event.id)
    if new != old:
        plan.writes.append(EventWrite(event=event, fingerprint=new,
                                      inputs_hash=inputs_hash(event), created=old is None))


def _changed(owners: dict[int, str | None],
             current: Mapping[int, str | None]) -> dict[int, str | None]:
    """The memberships that differ from the stored ones (a launch not seen yet differs)."""
    return {launch: owner for launch, owner in owners.items()
            if launch not in current or current[launch] != owner}


def _group_order(group: Sequence[LaunchRef]) -> tuple[Any, ...]:
    """Order of new events of one day: by earliest launch time, unknown times last."""
    times = [ref.launch.time_local for ref in group if ref.launch.time_local is not None]
    return (min(times) if times else time.max, min(ref.order_key for ref in group))
