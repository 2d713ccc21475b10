"""The store's event methods: fuse stored launches into events, read events, keep assessments.

:meth:`EventStore.refresh_events` fuses every launch fusion has not seen yet.  For each
(state, local date) such a launch falls on, it re-clusters *all* that day's launches
(:func:`launchwatch.events.matching.cluster`, deterministic), gives each cluster the id of the
stored event it shares most launches with (a new report joins an event; it never makes a second
one), fuses each cluster (:func:`launchwatch.events.fusion.fuse`) and writes only the events
whose content changed (``fingerprint``).  All of it is one transaction: a failure leaves the
events as they were.  Re-running it over the same launches changes nothing.

:meth:`EventStore.assess_events` assesses every event whose assessment is missing, was computed
from other inputs (``events.inputs_hash``) or by another method.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, and_, bindparam, case, delete, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..events.fusion import fuse
from ..events.ids import dated_prefix, event_id, event_number, undated_event_id
from ..events.matching import LaunchRef, attach, cluster, same_launch_day
from ..model import Assessment, Event, EventList, Launch, ReportInfo
from .event_tables import AssessmentRow, ClaimRow, EventLaunchRow, EventRow, RevisionRow
from .tables import LaunchRow, ReportRow, join_offset

if TYPE_CHECKING:
    from ..assess.event import Assessor

_IDS_PER_QUERY = 500
_EVENTS = EventRow.__table__
_CLAIMS = ClaimRow.__table__
_REVISIONS = RevisionRow.__table__
_MEMBERS = EventLaunchRow.__table__
_ASSESSMENTS = AssessmentRow.__table__
_ASSESSED_PER_BATCH = 50
_UPDATE_EVENT = _EVENTS.update().where(_EVENTS.c.id == bindparam("event_id"))


@dataclass
class EventChanges:
    """What a refresh did: the ids of events created, changed and removed."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    launches: int = 0

    @property
    def touched(self) -> list[str]:
        return self.created + self.updated

    def to_record(self) -> dict[str, Any]:
        return {"created": len(self.created), "updated": len(self.updated),
                "removed": len(self.removed), "launches": self.launches}


class EventStore:
    """Event methods of :class:`~launchwatch.store.Store` (a mixin: it needs ``engine``)."""

    engine: Engine

    # -- fusion ------------------------------------------------------------------------------

    def refresh_events(self) -> EventChanges:
        """Fuse every stored launch that is in no event yet (module docstring)."""
        try:
            with self.engine.begin() as connection:
                return _refresh(connection)
        except SQLAlchemyError as exc:
            raise StoreError(f"the events could not be updated ({_reason(exc)}); nothing was "
                             "changed, run `launchwatch events rebuild` to try again") from None

    def rebuild_events(self) -> EventChanges:
        """Forget every event and fuse all launches afresh, ids numbered anew, in one
        transaction; an assessment whose event comes back with the same inputs is kept."""
        try:
            with self.engine.begin() as connection:
                kept = [dict(row) for row in connection.execute(select(_ASSESSMENTS)).mappings()]
                connection.execute(delete(EventLaunchRow))
                connection.execute(delete(EventRow))
                changes = _refresh(connection)
                inputs = dict(connection.execute(select(EventRow.id, EventRow.inputs_hash)).all())
                restored = [row for row in kept
                            if inputs.get(row["event_id"]) == row["inputs_hash"]]
                if restored:
                    connection.execute(_ASSESSMENTS.insert(), restored)
        except SQLAlchemyError as exc:
            raise StoreError(f"the events could not be rebuilt ({_reason(exc)}); nothing was "
                             "changed") from None
        return changes

    # -- reading -----------------------------------------------------------------------------

    def events(self, *, country: str | None = None, since: date | None = None,
               until: date | None = None, missile_class: str | None = None,
               limit: int | None = None, assessments: bool = True) -> EventList:
        """Stored events, latest first (undated last), optionally filtered."""
        query = select(EventRow.data).order_by(
            case((EventRow.date_local.is_(None), 1), else_=0), EventRow.date_local.desc(),
            EventRow.time_local.desc(), EventRow.id)
        if country:
            query = query.where(func.lower(EventRow.country) == country.lower())
        if since is not None:
            query = query.where(EventRow.date_local >= since)
        if until is not None:
            query = query.where(EventRow.date_local <= until)
        if missile_class:
            query = query.where(func.lower(EventRow.missile_class) == missile_class.lower())
        if assessments:
            query = query.add_columns(AssessmentRow.data).outerjoin(
                AssessmentRow, AssessmentRow.event_id == EventRow.id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.limit(limit)).all()
        return EventList(_event_from(*row) for row in rows)

    def event(self, event_id: str) -> Event | None:
        """One event by id (case-insensitive), with its assessment; None if there is none."""
        query = (select(EventRow.data, AssessmentRow.data)
                 .outerjoin(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                 .where(func.upper(EventRow.id) == event_id.strip().upper()))
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else _event_from(*row)

    def count_events(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(EventRow)) or 0

    # -- assessment --------------------------------------------------------------------------

    def stale_assessments(self, method: str) -> list[str]:
        """Ids of events whose assessment is missing or out of date for ``method``."""
        query = (select(EventRow.id)
                 .outerjoin(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                 .where(or_(AssessmentRow.event_id.is_(None),
                            AssessmentRow.inputs_hash != EventRow.inputs_hash,
                            AssessmentRow.method != method))
                 .order_by(EventRow.id))
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    def assess_events(self, assessor: Assessor | None = None, *,
                      ids: Iterable[str] | None = None,
                      on_progress: Callable[[int], None] | None = None) -> int:
        """Assess the events whose assessment is missing or stale (or only those of ``ids``
        among them); returns how many were assessed.  They are read and written a batch at a
        time, each batch in one transaction."""
        # Deferred: importing launchwatch.assess loads the geography (assess.reach: NumPy,
        # pyproj, the gazetteer), 100-150 ms measured, which reading events does not need.
        from ..assess.event import EngineAssessor

        assessor = assessor or EngineAssessor()
        stale = self.stale_assessments(assessor.method)
        if ids is not None:
            wanted = set(ids)
            stale = [event_id for event_id in stale if event_id in wanted]
        done = 0
        for start in range(0, len(stale), _ASSESSED_PER_BATCH):
            chunk = stale[start:start + _ASSESSED_PER_BATCH]
            with self.engine.connect() as connection:
                documents = connection.scalars(select(EventRow.data).where(
                    EventRow.id.in_(chunk))).all()
            assessments = []
            for document in documents:
                assessments.append(assessor.assess(_assessable(document)))
                if on_progress is not None:
                    on_progress(1)
            self.save_assessments(assessments)
            done += len(assessments)
        return done

    def save_assessment(self, assessment: Assessment) -> None:
        self.save_assessments([assessment])

    def save_assessments(self, assessments: Sequence[Assessment]) -> None:
        """Store assessments (replacing those of the same events) in one transaction."""
        if not assessments:
            return
        now = datetime.now(timezone.utc)
        rows = [{"event_id": a.event_id, "inputs_hash": a.inputs_hash, "method": a.method,
                 "computed_at": _utc(a.computed_at or now), "data": a.model_dump(mode="json")}
                for a in assessments]
        try:
            with self.engine.begin() as connection:
                connection.execute(_ASSESSMENTS.delete().where(
                    _ASSESSMENTS.c.event_id.in_([row["event_id"] for row in rows])))
                connection.execute(_ASSESSMENTS.insert(), rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"the assessments of {len(rows)} events could not be stored "
                             f"({_reason(exc)}); none of them was written") from None

    def assessment(self, event_id: str) -> Assessment | None:
        with self.engine.connect() as connection:
            data = connection.scalar(select(AssessmentRow.data)
                                     .where(AssessmentRow.event_id == event_id))
        return None if data is None else Assessment.model_validate(data)


# -- fusion, inside one transaction ----------------------------------------------------------


def _refresh(connection: Connection) -> EventChanges:
    changes = EventChanges()
    unseen = connection.execute(
        select(LaunchRow.id, LaunchRow.country, LaunchRow.date_local)
        .outerjoin(EventLaunchRow, EventLaunchRow.launch_id == LaunchRow.id)
        .where(EventLaunchRow.launch_id.is_(None))).all()
    changes.launches = len(unseen)
    days = {(row.country or "", row.date_local) for row in unseen if row.date_local is not None}
    undated = [row.id for row in unseen if row.date_local is None]
    # An undated launch stored before the reports that date its launch waits in an event of
    # its own; new launches of its state may now show which day it is.
    waiting = _waiting_undated(connection, {row.country for row in unseen if row.country})
    joining = _undated_joining(connection, sorted({*undated, *waiting}))
    days |= set(joining)
    for country, day in sorted(days):
        _fuse_day(connection, country or None, day, changes, joining.get((country, day), []))
    joined = {i for ids in joining.values() for i in ids}
    for launch_id in sorted(joined & set(waiting)):
        connection.execute(delete(EventRow).where(EventRow.id == waiting[launch_id]))
        changes.removed.append(waiting[launch_id])
    alone = sorted(set(undated) - joined)
    if alone:
        _fuse_undated(connection, alone, changes)
    return changes


def _waiting_undated(connection: Connection, countries: set[str]) -> dict[int, str]:
    """Undated launches of ``countries`` that sit in an undated event: launch id -> event id."""
    if not countries:
        return {}
    rows = connection.execute(
        select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
        .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
        .where(LaunchRow.date_local.is_(None), LaunchRow.country.in_(sorted(countries)),
               EventLaunchRow.event_id.like("%-undated-%"))).all()
    return {row.launch_id: row.event_id for row in rows}


def _undated_joining(connection: Connection, launch_ids: Sequence[int]
                     ) -> dict[tuple[str, date], list[int]]:
    """The undated launches that evidently are a dated launch of one day
    (:func:`launchwatch.events.matching.same_launch_day`), by (country, day)."""
    joining: dict[tuple[str, date], list[int]] = {}
    for start in range(0, len(launch_ids), _IDS_PER_QUERY):
        refs = [ref for ref in _launch_refs(connection, LaunchRow.id.in_(
                    launch_ids[start:start + _IDS_PER_QUERY]))
                if ref.launch.role != "background" and ref.launch.country]
        for country in sorted({ref.launch.country for ref in refs}):
            dated = [other for other in _launch_refs(connection, and_(
                         LaunchRow.country == country, LaunchRow.date_local.is_not(None)))
                     if other.launch.role != "background"]
            for ref in refs:
                if ref.launch.country != country:
                    continue
                day = same_launch_day(ref, dated)
                if day is not None:
                    joining.setdefault((country, day), []).append(ref.launch_id)
    return joining


def _fuse_day(connection: Connection, country: str | None, day: date,
              changes: EventChanges, undated: Sequence[int] = ()) -> None:
    """Re-cluster one state's launches of one day and write the events that changed.

    ``undated`` are launches whose report gives no day but which evidently are one of this
    day's; those that joined the day's events before stay in the clustering."""
    prefix = dated_prefix(country, day)
    joined = connection.scalars(
        select(EventLaunchRow.launch_id)
        .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
        .where(EventLaunchRow.event_id.like(prefix + "-%"), LaunchRow.date_local.is_(None))).all()
    where = [LaunchRow.date_local == day,
             LaunchRow.country.is_(None) if country is None else LaunchRow.country == country]
    refs = _launch_refs(connection, or_(and_(*where),
                                        LaunchRow.id.in_(sorted({*undated, *joined}))))
    reported = [ref for ref in refs if ref.launch.role != "background"]
    groups = cluster(reported)
    groups = attach([ref for ref in refs if ref.launch.role == "background"], groups)

    members = dict(connection.execute(
        select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
        .where(EventLaunchRow.launch_id.in_([ref.launch_id for ref in refs]))).all())
    stored = dict(connection.execute(
        select(EventRow.id, EventRow.fingerprint).where(EventRow.id.like(prefix + "-%"))).all())

    # Each group takes the id of the stored event it shares most launches with.
    ids: dict[int, str] = {}
    overlaps = []
    for index, group in enumerate(groups):
        counts: dict[str, int] = {}
        for ref in group:
            owner = members.get(ref.launch_id)
            if owner in stored:
                counts[owner] = counts.get(owner, 0) + 1
        overlaps.extend((-n, index, owner) for owner, n in counts.items())
    for _, index, owner in sorted(overlaps):
        if index not in ids and owner not in ids.values():
            ids[index] = owner
    taken = {event_number(i) or 0 for i in stored} | {event_number(i) or 0 for i in ids.values()}
    fresh = sorted((index for index in range(len(groups)) if index not in ids),
                   key=lambda index: _group_order(groups[index]))
    number = 1
    for index in fresh:
        while number in taken:
            number += 1
        ids[index] = event_id(country, day, number)
        taken.add(number)

    for index, group in enumerate(groups):
        event = fuse(ids[index], country, day, group)
        _write_event(connection, event, stored.get(event.id), changes)
    for gone in sorted(set(stored) - set(ids.values())):
        connection.execute(delete(EventRow).where(EventRow.id == gone))
        changes.removed.append(gone)
    in_event = {ref.launch_id: ids[index] for index, group in enumerate(groups) for ref in group}
    _set_members(connection, {ref.launch_id: in_event.get(ref.launch_id) for ref in refs},
                 members)


def _fuse_undated(connection: Connection, launch_ids: Sequence[int],
                  changes: EventChanges) -> None:
    """Each undated launch that a report reports is an event of its own."""
    for start in range(0, len(launch_ids), _IDS_PER_QUERY):
        chunk = launch_ids[start:start + _IDS_PER_QUERY]
        refs = _launch_refs(connection, LaunchRow.id.in_(chunk))
        owners: dict[int, str | None] = {}
        for ref in refs:
            if ref.launch.role == "background":
                owners[ref.launch_id] = None
                continue
            new_id = undated_event_id(ref.launch.country, ref.report.content_hash, ref.ordinal)
            fingerprint = connection.scalar(select(EventRow.fingerprint)
                                            .where(EventRow.id == new_id))
            _write_event(connection, fuse(new_id, ref.launch.country, None, [ref]),
                         fingerprint, changes)
            owners[ref.launch_id] = new_id
        _set_members(connection, owners, {})


def _launch_refs(connection: Connection, where: Any) -> list[LaunchRef]:
    rows = connection.execute(
        select(LaunchRow.id, LaunchRow.ordinal, LaunchRow.data, ReportRow.content_hash,
               ReportRow.source, ReportRow.publisher, ReportRow.title, ReportRow.url,
               ReportRow.published, ReportRow.published_utc_offset_min, ReportRow.text)
        .join(ReportRow, ReportRow.content_hash == LaunchRow.report_hash).where(where)
        .order_by(LaunchRow.id)).all()
    reports: dict[str, ReportInfo] = {}
    refs = []
    for row in rows:
        info = reports.get(row.content_hash)
        if info is None:
            info = reports[row.content_hash] = ReportInfo(
                content_hash=row.content_hash, source=row.source, publisher=row.publisher,
                title=row.title, url=row.url,
                published=join_offset(row.published, row.published_utc_offset_min),
                text=row.text)
        refs.append(LaunchRef(launch_id=row.id, report=info, ordinal=row.ordinal,
                              launch=Launch.model_validate(row.data)))
    return refs


def _group_order(group: Sequence[LaunchRef]) -> tuple[Any, ...]:
    """Order of new events of one day: by earliest launch time, unknown times last."""
    times = [ref.launch.time_local for ref in group if ref.launch.time_local is not None]
    return (min(times) if times else time.max, min(ref.order_key for ref in group))


def _write_event(connection: Connection, event: Event, fingerprint: str | None,
                 changes: EventChanges) -> None:
    # Deferred for the start-up cost of launchwatch.assess (see assess_events).
    from ..assess.event import assessment_inputs, inputs_hash

    # Fusion builds an event's fields and claims in a fixed order, so the same event always
    # serialises to the same text.
    new_fingerprint = hashlib.sha256(event.model_dump_json().encode("utf-8")).hexdigest()
    if new_fingerprint == fingerprint:
        return
    document = event.to_json()
    values = _event_columns(event)
    values.update(fingerprint=new_fingerprint, data=document,
                  inputs_hash=inputs_hash(assessment_inputs(event)),
                  updated_at=_utc(datetime.now(timezone.utc)))
    # Core statements with bound parameters: compiled once and cached, unlike ORM .values().
    if fingerprint is None:
        connection.execute(_EVENTS.insert(), [{"id": event.id, **values}])
        changes.created.append(event.id)
    else:
        connection.execute(_UPDATE_EVENT, [{"event_id": event.id, **values}])
        connection.execute(_CLAIMS.delete().where(_CLAIMS.c.event_id == bindparam("event_id")),
                           [{"event_id": event.id}])
        connection.execute(_REVISIONS.delete().where(
            _REVISIONS.c.event_id == bindparam("event_id")), [{"event_id": event.id}])
        changes.updated.append(event.id)
    claims = []
    for name, found in event.fields.items():
        # The evidence as the document already holds it in JSON form (dumping each claim's
        # evidence again would cost more than the rest of the write).
        dumped = document["fields"][name]["claims"]
        for claim, as_json in zip(found.claims, dumped):
            claims.append({
                "event_id": event.id, "field": name, "value": claim.value,
                "number": claim.number, "unit": claim.unit, "qualifier": claim.qualifier,
                "authority": claim.authority, "tier": int(claim.tier),
                "chosen": claim is found.best, "alternative": claim.alternative,
                "report_hash": claim.report_hash, "ordinal": claim.ordinal,
                "published": _utc(claim.published), "evidence": as_json["evidence"]})
    if claims:
        connection.execute(_CLAIMS.insert(), claims)
    if event.revisions:
        connection.execute(_REVISIONS.insert(), [
            {"event_id": event.id, "number": revision.number,
             "report_hash": revision.report_hash, "published": _utc(revision.published),
             "changes": revision.changes} for revision in event.revisions])


def _event_columns(event: Event) -> dict[str, Any]:
    def number(name: str) -> float | None:
        quantity = event.quantity(name)
        return None if quantity is None else quantity.value

    point = event.launch_point
    count = event.value("count")
    return {
        "country": event.country, "date_local": event.date_local,
        "time_local": event.time_local, "missile_class": event.value("missile_class"),
        "missile_name": event.value("missile_name"),
        "count": count if isinstance(count, int) and not isinstance(count, bool) else None,
        "distance_km": number("distance_km"), "apogee_km": number("apogee_km"),
        "flight_time_s": number("flight_time_s"), "max_speed_mach": number("max_speed_mach"),
        "launch_site": event.value("launch_site"),
        "launch_lat": point[0] if point else None, "launch_lon": point[1] if point else None,
        "landing_area": event.value("landing_area"),
        "inside_japan_eez": event.value("inside_japan_eez"),
        "direction": event.value("direction"), "report_count": len(event.reports),
        "conflicts": event.conflicts, "first_published": _utc(event.first_published),
        "last_published": _utc(event.last_published),
    }


def _set_members(connection: Connection, owners: dict[int, str | None],
                 current: dict[int, str | None]) -> None:
    """Record which event each launch is in (None: seen, in no event)."""
    changed = {launch: owner for launch, owner in owners.items()
               if launch not in current or current[launch] != owner}
    if not changed:
        return
    ids = sorted(changed)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        connection.execute(_MEMBERS.delete().where(
            _MEMBERS.c.launch_id.in_(ids[start:start + _IDS_PER_QUERY])))
    connection.execute(_MEMBERS.insert(), [{"launch_id": launch, "event_id": changed[launch]}
                                                for launch in ids])


def _assessable(document: dict[str, Any]) -> Event:
    """The event as an assessor needs it: its best values and its placed sites
    (:func:`launchwatch.assess.event.assessment_inputs`), without the rest of its claims,
    reports and revisions, which would cost more to read back than the assessment itself."""
    fields = {name: {**found, "claims": [claim for claim in found["claims"]
                                         if claim.get("lat_deg") is not None]}
              for name, found in document["fields"].items()}
    return Event.model_validate({"id": document["id"], "country": document["country"],
                                 "date_local": document["date_local"], "fields": fields})


def _event_from(data: dict[str, Any], assessment: dict[str, Any] | None = None) -> Event:
    event = Event.model_validate(data)
    if assessment is not None:
        event.assessment = Assessment.model_validate(assessment)
    return event


@lru_cache(maxsize=4096)
def _utc(moment: datetime | None) -> datetime | None:
    """UTC without tzinfo, as the tables keep times; a naive time is kept as it is.
    (Cached: every claim of a report carries the report's time.)"""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _reason(exc: BaseException) -> str:
    from .store import _reason as reason

    return reason(exc)
