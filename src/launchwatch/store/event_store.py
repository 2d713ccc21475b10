"""The store's event methods: keep the events fusion decided on, read them, keep assessments.

The store decides nothing.  Fusion reads and writes through :meth:`EventStore.fusing`: a
write transaction (a :class:`FusionTransaction`) in which the pipeline reads the launches
fusion has not seen, the launches and stored events of a day, and writes each
:class:`~launchwatch.model.FusionPlan` that :mod:`launchwatch.events.identity` makes of them.
A failure anywhere inside leaves the events as that transaction found them.  The pipeline
keeps each such transaction short (a few days' events: :data:`launchwatch.pipeline.FUSION_STEP_S`),
since other writers wait for it; fusions and writes of assessments take turns
(:func:`~launchwatch.store.engine.take_turn`).

Assessments are read and written here too: which events need one (:meth:`events_to_assess`),
the events as an assessor needs them, and the assessments made.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import (Connection, Engine, Text, and_, bindparam, case, cast, delete, func,
                        or_, select)
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import (FIELDS, LAUNCH_FIELD, Assessment, DayState, Event, EventList, EventWrite,
                     FusionPlan, Kind, Launch, LaunchField, LaunchKey, LaunchRef, ReportInfo,
                     parse_clock)
from .engine import database_reason, take_turn, writing
from .event_tables import AssessmentRow, ClaimRow, EventLaunchRow, EventRow, RevisionRow
from .tables import LaunchRow, ReportRow, join_offset

_IDS_PER_QUERY = 500
_EVENTS = EventRow.__table__
_CLAIMS = ClaimRow.__table__
_REVISIONS = RevisionRow.__table__
_MEMBERS = EventLaunchRow.__table__
_ASSESSMENTS = AssessmentRow.__table__
_UPDATE_EVENT = _EVENTS.update().where(_EVENTS.c.id == bindparam("event_id"))


class EventStore:
    """Event methods of :class:`~launchwatch.store.Store` (a mixin: it needs ``engine``)."""

    engine: Engine

    # -- fusion ------------------------------------------------------------------------------

    @contextmanager
    def fusing(self, *, rebuild: bool = False) -> Iterator[FusionTransaction]:
        """One write transaction for a step of a fusion: what is read inside sees what was
        written before (no other fusion or assessment runs meanwhile: they take turns), and a
        failure anywhere inside writes nothing of this step.

        With ``rebuild`` every event is forgotten first (their ids will be numbered anew); an
        assessment whose event comes back with the same inputs hash is kept.  A rebuild is
        all in this one transaction, so that readers never see half of the events.
        """
        try:
            with writing(self.engine) as connection:
                take_turn(connection)
                kept: list[dict[str, Any]] = []
                if rebuild:
                    kept = [dict(row) for row in
                            connection.execute(select(_ASSESSMENTS)).mappings()]
                    connection.execute(delete(EventLaunchRow))
                    connection.execute(delete(EventRow))
                yield FusionTransaction(connection)
                if kept:
                    inputs = dict(connection.execute(
                        select(EventRow.id, EventRow.inputs_hash)).all())
                    restored = [row for row in kept
                                if inputs.get(row["event_id"]) == row["inputs_hash"]]
                    if restored:
                        connection.execute(_ASSESSMENTS.insert(), restored)
        except SQLAlchemyError as exc:
            if rebuild:
                raise StoreError(f"the events could not be rebuilt ({database_reason(exc)}); "
                                 "nothing was changed, so run `launchwatch events rebuild` "
                                 "again") from None
            # Earlier steps of the same fusion may have been written: say only what is true
            # of every step.
            raise StoreError(f"the events could not be updated ({database_reason(exc)}); the "
                             "launches not fused yet wait for the next ingest or `launchwatch "
                             "events assess`") from None

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

    def events_of_report(self, content_hash: str) -> list[str]:
        """The ids of the events the report's launches are in, in the order of its launches
        (each once)."""
        query = (select(EventLaunchRow.event_id)
                 .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
                 .where(LaunchRow.report_hash == content_hash,
                        EventLaunchRow.event_id.is_not(None))
                 .order_by(LaunchRow.ordinal))
        with self.engine.connect() as connection:
            return list(dict.fromkeys(connection.scalars(query)))

    # -- assessments -------------------------------------------------------------------------

    def events_to_assess(self, method: str, ids: Iterable[str] | None = None) -> list[str]:
        """Ids of the events (among ``ids``, if given) whose assessment is missing, was
        computed from other inputs (``events.inputs_hash``) or by another ``method``."""
        query = (select(EventRow.id)
                 .outerjoin(AssessmentRow, AssessmentRow.event_id == EventRow.id)
                 .where(or_(AssessmentRow.event_id.is_(None),
                            AssessmentRow.inputs_hash != EventRow.inputs_hash,
                            AssessmentRow.method != method))
                 .order_by(EventRow.id))
        with self.engine.connect() as connection:
            stale = list(connection.scalars(query))
        if ids is None:
            return stale
        wanted = set(ids)
        return [event_id for event_id in stale if event_id in wanted]

    def events_for_assessment(self, ids: Sequence[str]) -> list[Event]:
        """The events of ``ids`` as an assessor needs them: their best values and their placed
        sites, without the rest of their claims, reports and revisions, which would cost more
        to read back than the assessment itself."""
        return [self.event_for_assessment(text) for text in self.texts_for_assessment(ids)]

    def texts_for_assessment(self, ids: Sequence[str]) -> list[str]:
        """The stored JSON of the events of ``ids``, undecoded, for a process that assesses
        them elsewhere (a Dask worker) to make events of (:meth:`event_for_assessment`): the
        storing process, one for all the workers, then spends nothing on decoding them."""
        texts: list[str] = []
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _IDS_PER_QUERY):
                texts.extend(connection.scalars(select(cast(EventRow.data, Text)).where(
                    EventRow.id.in_(ids[start:start + _IDS_PER_QUERY]))))
        return texts

    @staticmethod
    def event_for_assessment(text: str) -> Event:
        """The event of a stored JSON text (:meth:`texts_for_assessment`) as an assessor needs
        it: its fields, only the placed ones among their claims."""
        document = json.loads(text)
        fields = {name: {**found, "claims": [claim for claim in found["claims"]
                                             if claim.get("lat_deg") is not None]}
                  for name, found in document["fields"].items()}
        return Event.model_validate({"id": document["id"], "country": document["country"],
                                     "date_local": document["date_local"],
                                     "date_precision": document.get("date_precision", "day"),
                                     "fields": fields})

    def save_assessment(self, assessment: Assessment) -> bool:
        return self.save_assessments([assessment]) == 1

    def save_assessments(self, assessments: Sequence[Assessment]) -> int:
        """Store assessments (replacing those of the same events) in one transaction; each
        must say when it was computed.  Returns how many were stored.

        An assessment of inputs its event no longer has is not stored: another writer's
        fusion changed (or removed) the event since it was read, and that writer assesses it
        anew; storing this one could replace the newer assessment with an older one.
        """
        return self.save_assessment_rows([self.assessment_row(a) for a in assessments])

    @staticmethod
    def assessment_row(assessment: Assessment) -> dict[str, Any]:
        """The row :meth:`save_assessment_rows` stores of ``assessment``, which must say when
        it was computed.  No database: a Dask worker makes the rows of its batch, so that the
        storing process does not dump each assessment itself."""
        if assessment.computed_at is None:
            raise StoreError(f"the assessment of {assessment.event_id} says not when it was "
                             "computed; this is a bug in the caller (the pipeline stamps it)")
        return {"event_id": assessment.event_id, "inputs_hash": assessment.inputs_hash,
                "method": assessment.method, "computed_at": _utc(assessment.computed_at),
                "data": assessment.model_dump(mode="json")}

    def save_assessment_rows(self, rows: Sequence[dict[str, Any]]) -> int:
        """:meth:`save_assessments` of rows already made (:meth:`assessment_row`)."""
        if not rows:
            return 0
        ids = [row["event_id"] for row in rows]
        try:
            with writing(self.engine) as connection:
                take_turn(connection)
                current: dict[str, str | None] = {}
                for start in range(0, len(ids), _IDS_PER_QUERY):
                    current.update(connection.execute(
                        select(EventRow.id, EventRow.inputs_hash)
                        .where(EventRow.id.in_(ids[start:start + _IDS_PER_QUERY]))).all())
                fresh = [row for row in rows
                         if current.get(row["event_id"], "") == row["inputs_hash"]]
                if fresh:
                    connection.execute(_ASSESSMENTS.delete().where(
                        _ASSESSMENTS.c.event_id.in_([row["event_id"] for row in fresh])))
                    connection.execute(_ASSESSMENTS.insert(), fresh)
        except SQLAlchemyError as exc:
            raise StoreError(f"the assessments of {len(ids)} events could not be stored "
                             f"({database_reason(exc)}); none of them was written") from None
        return len(fresh)

    def assessment(self, event_id: str) -> Assessment | None:
        with self.engine.connect() as connection:
            data = connection.scalar(select(AssessmentRow.data)
                                     .where(AssessmentRow.event_id == event_id))
        return None if data is None else Assessment.model_validate(data)


class FusionTransaction:
    """Reads and writes of one step of a fusion, in one transaction
    (:meth:`EventStore.fusing`)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._bytewise = connection.dialect.name == "sqlite"

    def _of_days(self, column: Any, prefixes: Iterable[str]) -> list[Any]:
        """Terms of an OR that hold for the ids in ``column`` that start with one of
        ``prefixes`` and a dash: the ids of states' days.

        On SQLite a range rather than ``LIKE 'prefix-%'``: its LIKE is case-insensitive and so
        cannot use the index of ids, and every day of a fusion scanned every event, which
        made a fusion's cost grow with the square of its days.  SQLite compares text byte by
        byte, so the range selects what the LIKE does (an id's prefix is upper case and free
        of wildcards; ``.`` follows ``-``).  PostgreSQL keeps the LIKE: it is case-sensitive
        there, and a range under a language's collation, which passes over punctuation,
        would not be the same set.
        """
        if not self._bytewise:
            return [column.like(prefix + "-%") for prefix in prefixes]
        return [and_(column >= prefix + "-", column < prefix + ".") for prefix in prefixes]

    # -- reading -----------------------------------------------------------------------------

    def unfused_launches(self) -> list[LaunchKey]:
        """Every stored launch that fusion has not seen yet."""
        rows = self.connection.execute(
            select(LaunchRow.id, LaunchRow.country, LaunchRow.date_local)
            .outerjoin(EventLaunchRow, EventLaunchRow.launch_id == LaunchRow.id)
            .where(EventLaunchRow.launch_id.is_(None))).all()
        return [LaunchKey(launch_id=row.id, country=row.country, date_local=row.date_local)
                for row in rows]

    def waiting_undated(self, countries: Iterable[str]) -> dict[int, str]:
        """Undated launches of ``countries`` that sit in an undated event (an event whose id
        has ``-undated-``): launch id -> event id."""
        wanted = sorted(set(countries))
        if not wanted:
            return {}
        rows = self.connection.execute(
            select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
            .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
            .where(LaunchRow.date_local.is_(None), LaunchRow.country.in_(wanted),
                   EventLaunchRow.event_id.like("%-undated-%"))).all()
        return {row.launch_id: row.event_id for row in rows}

    def launch_refs(self, launch_ids: Sequence[int]) -> list[LaunchRef]:
        """The launches of ``launch_ids`` with their reports, by id."""
        ids = sorted(launch_ids)
        refs: list[LaunchRef] = []
        for start in range(0, len(ids), _IDS_PER_QUERY):
            refs.extend(self._refs(LaunchRow.id.in_(ids[start:start + _IDS_PER_QUERY])))
        return refs

    def dated_launch_refs(self, country: str) -> list[LaunchRef]:
        """Every launch of ``country`` that has a date, with its report, by id."""
        return self._refs(and_(LaunchRow.country == country, LaunchRow.date_local.is_not(None)))

    def days(self, wanted: Sequence[tuple[str | None, date, str, Sequence[int]]],
             ) -> list[tuple[list[LaunchRef], DayState]]:
        """What fusion reads of each of several days, in a few queries for them all.

        ``wanted``: ``(country, day, event_prefix, joining)`` for each day, where
        ``event_prefix`` names the day's events (``KP-2022-11-03``; no two alike) and
        ``joining`` are undated launches that join it now.  For each day, in order: its
        launches (those of ``country``, None: of no state, dated ``day``; the undated ones
        already in its events; ``joining``), with their reports, by id; and its
        :class:`~launchwatch.model.DayState`, the fingerprints of its events and the event
        each of those launches is in.

        One read for many days rather than a handful of statements per day: a backfill
        fuses tens of thousands of days, and the statements' own overhead, not the rows they
        read, was most of a fusion's time.
        """
        prefixes = [prefix for _, _, prefix, _ in wanted]
        extra = {prefix: list(joining) for _, _, prefix, joining in wanted}
        for launch_id, event in self._undated_members(prefixes):
            extra[_day_of(event)].append(launch_id)
        dates: dict[str | None, list[date]] = {}
        for country, day, _, _ in wanted:
            dates.setdefault(country, []).append(day)
        dated_terms = [and_(LaunchRow.country.is_(None) if country is None
                            else LaunchRow.country == country, LaunchRow.date_local.in_(days))
                       for country, days in dates.items()]
        refs = [*self._refs(or_(*dated_terms)), *self.launch_refs(
            sorted({launch_id for ids in extra.values() for launch_id in ids}))]
        by_launch = {ref.launch_id: ref for ref in refs}
        prefix_of_date = {(country, day): prefix for country, day, prefix, _ in wanted}
        of_day: dict[str, list[LaunchRef]] = {prefix: [] for prefix in prefixes}
        for ref in refs:
            if ref.launch.date_local is not None:
                of_day[prefix_of_date[ref.launch.country, ref.launch.date_local]].append(ref)
        for prefix, ids in extra.items():
            of_day[prefix].extend(by_launch[launch_id] for launch_id in set(ids)
                                  if launch_id in by_launch)
            of_day[prefix].sort(key=lambda ref: ref.launch_id)
        members = self._members([ref.launch_id for ref in refs])
        fingerprints: dict[str, dict[str, str]] = {prefix: {} for prefix in prefixes}
        for terms in _chunks(self._of_days(EventRow.id, prefixes)):
            for event_id, fingerprint in self.connection.execute(
                    select(EventRow.id, EventRow.fingerprint).where(or_(*terms))).all():
                fingerprints[_day_of(event_id)][event_id] = fingerprint
        return [(of_day[prefix], DayState(
                    fingerprints=fingerprints[prefix],
                    members={ref.launch_id: members[ref.launch_id] for ref in of_day[prefix]
                             if ref.launch_id in members}))
                for prefix in prefixes]

    def _undated_members(self, prefixes: Sequence[str]) -> list[tuple[int, str]]:
        """The undated launches in the events of the days ``prefixes`` name, with the event."""
        found: list[tuple[int, str]] = []
        for terms in _chunks(self._of_days(EventLaunchRow.event_id, prefixes)):
            found.extend((row.launch_id, row.event_id) for row in self.connection.execute(
                select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
                .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
                .where(or_(*terms), LaunchRow.date_local.is_(None))))
        return found

    def _members(self, launch_ids: Sequence[int]) -> dict[int, str | None]:
        """The event each of ``launch_ids`` is in (None: seen, in no event); those fusion has
        not seen are left out."""
        found: dict[int, str | None] = {}
        for start in range(0, len(launch_ids), _IDS_PER_QUERY):
            found.update(self.connection.execute(
                select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
                .where(EventLaunchRow.launch_id.in_(
                    launch_ids[start:start + _IDS_PER_QUERY]))).all())
        return found

    def fingerprints(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The fingerprints of those of ``event_ids`` that are stored."""
        found: dict[str, str] = {}
        for start in range(0, len(event_ids), _IDS_PER_QUERY):
            found.update(self.connection.execute(
                select(EventRow.id, EventRow.fingerprint)
                .where(EventRow.id.in_(event_ids[start:start + _IDS_PER_QUERY]))).all())
        return found

    def _refs(self, where: Any) -> list[LaunchRef]:
        rows = self.connection.execute(
            select(LaunchRow.id, LaunchRow.ordinal, LaunchRow.data, ReportRow.content_hash,
                   ReportRow.source, ReportRow.publisher, ReportRow.title, ReportRow.url,
                   ReportRow.published, ReportRow.published_utc_offset_min, ReportRow.text,
                   ReportRow.language)
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
                    text=row.text, language=row.language)
            refs.append(LaunchRef(launch_id=row.id, report=info, ordinal=row.ordinal,
                                  launch=Launch.model_validate(row.data)))
        return refs

    # -- writing -----------------------------------------------------------------------------

    def apply(self, plan: FusionPlan, *, now: datetime) -> None:
        """Write ``plan``: its events (``now`` is their ``updated_at``), the deletions, then
        the memberships."""
        _write_events(self.connection, plan.writes, now)
        for start in range(0, len(plan.removed), _IDS_PER_QUERY):
            self.connection.execute(delete(EventRow).where(
                EventRow.id.in_(plan.removed[start:start + _IDS_PER_QUERY])))
        _set_members(self.connection, plan.members)


def _day_of(event_id: str) -> str:
    """The prefix of a dated event's id, the day it names: ``KP-2022-11-03`` of
    ``KP-2022-11-03-1``."""
    return event_id.rpartition("-")[0]


def _chunks(terms: list[Any], size: int = _IDS_PER_QUERY // 2) -> Iterator[list[Any]]:
    """``terms`` of an OR in groups small enough for one statement's bound parameters."""
    for start in range(0, len(terms), size):
        yield terms[start:start + size]


def _write_events(connection: Connection, writes: Sequence[EventWrite], now: datetime) -> None:
    """Write events, each statement once for them all (a fusion writes a few days' events at
    a time, and a statement's overhead is more than its rows'): the rows of new events, the
    rows of changed ones with their claims and revisions replaced."""
    if not writes:
        return
    created, updated, claims, revisions = [], [], [], []
    for write in writes:
        event = write.event
        document = event.to_json()
        values = _event_columns(event)
        values.update(fingerprint=write.fingerprint, data=document,
                      inputs_hash=write.inputs_hash, updated_at=_utc(now))
        if write.created:
            created.append({"id": event.id, **values})
        else:
            updated.append({"event_id": event.id, **values})
        claims.extend(_claim_rows(event, document))
        revisions.extend({"event_id": event.id, "number": revision.number,
                          "report_hash": revision.report_hash,
                          "published": _utc(revision.published), "changes": revision.changes}
                         for revision in event.revisions)
    # Core statements with bound parameters: compiled once and cached, unlike ORM .values().
    if created:
        connection.execute(_EVENTS.insert(), created)
    if updated:
        connection.execute(_UPDATE_EVENT, updated)
        ids = [row["event_id"] for row in updated]
        for start in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[start:start + _IDS_PER_QUERY]
            connection.execute(_CLAIMS.delete().where(_CLAIMS.c.event_id.in_(chunk)))
            connection.execute(_REVISIONS.delete().where(_REVISIONS.c.event_id.in_(chunk)))
    if claims:
        connection.execute(_CLAIMS.insert(), claims)
    if revisions:
        connection.execute(_REVISIONS.insert(), revisions)


def _claim_rows(event: Event, document: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of an event's claims, the evidence taken as the document already holds it in
    JSON form (dumping each claim's evidence again would cost more than the rest of the
    write)."""
    rows = []
    for name, found in event.fields.items():
        dumped = document["fields"][name]["claims"]
        for claim, as_json in zip(found.claims, dumped):
            rows.append({
                "event_id": event.id, "field": name, "value": claim.value,
                "number": claim.number, "unit": claim.unit, "qualifier": claim.qualifier,
                "authority": claim.authority, "tier": int(claim.tier),
                "chosen": claim is found.best, "alternative": claim.alternative,
                "report_hash": claim.report_hash, "ordinal": claim.ordinal,
                "published": _utc(claim.published), "evidence": as_json["evidence"]})
    return rows


def _event_columns(event: Event) -> dict[str, Any]:
    """The columns of an event's row: each launch field's best value (a figure's number), the
    point the best-ranked placed site claim gives, and what lists show of its sources."""
    point = event.launch_point
    columns = {"country": event.country, "date_local": event.date_local,
               "date_precision": event.date_precision,
               "launch_lat": point[0] if point else None, "launch_lon": point[1] if point else None}
    for name in FIELDS:
        columns[name] = _column_value(event, LAUNCH_FIELD[name])
    columns.update({
        "report_count": len(event.reports), "conflicts": event.conflicts,
        "first_published": _utc(event.first_published),
        "last_published": _utc(event.last_published)})
    return columns


def _column_value(event: Event, field: LaunchField) -> Any:
    """A claimed field's column value: its best value, a figure's number, a clock time as a
    time, a count only when it is a whole number."""
    if field.kind is Kind.NUMBER:
        quantity = event.quantity(field.name)
        return None if quantity is None else quantity.value
    if field.kind is Kind.CLOCK:
        return parse_clock(event.value(field.name))
    value = event.value(field.name)
    if field.kind is Kind.COUNT and not (isinstance(value, int) and not isinstance(value, bool)):
        return None
    return value


def _set_members(connection: Connection, changed: dict[int, str | None]) -> None:
    """Record which event each launch is in (None: seen, in no event)."""
    if not changed:
        return
    ids = sorted(changed)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        connection.execute(_MEMBERS.delete().where(
            _MEMBERS.c.launch_id.in_(ids[start:start + _IDS_PER_QUERY])))
    connection.execute(_MEMBERS.insert(), [{"launch_id": launch, "event_id": changed[launch]}
                                                for launch in ids])


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
