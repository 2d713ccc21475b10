"""Fusion's reads and writes: one step of a fusion in one write transaction
(:class:`FusionTransaction`, from :meth:`~launchwatch.store.EventStore.fusing`).

A step reads what fusion has not seen and, for a few days at once, each day's launches with
their reports and what the store holds of the day (:class:`DayRows`); the pipeline plans the
days (:func:`launchwatch.events.plan_day`) and the step writes the plans.

The work between the read and the write may run elsewhere.  :class:`DayRows` are the rows as
read, undecoded, and :func:`prepare_plan` turns a plan into the rows the tables take, without
a database: a bulk ingest sends the rows of a few days to a Dask worker, which decodes them,
plans the days, prepares the rows and sends them back, so that the one process that writes
for all the workers does no more than read and write.  A plan prepared from rows read in an
earlier transaction is written only if the days are still as they were read
(:meth:`FusionTransaction.unchanged`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, Text, and_, bindparam, cast, delete, or_, select
from sqlalchemy.dialects.postgresql import JSONB

from ..model import (FIELDS, LAUNCH_FIELD, DayState, Event, FusionPlan, Kind,
                     Launch, LaunchField, LaunchKey, LaunchRef, ReportInfo, parse_clock)
from .event_tables import AssessmentRow, ClaimRow, EventLaunchRow, EventRow, RevisionRow
from .tables import LaunchRow, ReportRow, join_offset

IDS_PER_QUERY = 500
"""Ids bound in one statement, well under SQLite's limit of bound parameters."""

_EVENTS = EventRow.__table__
_CLAIMS = ClaimRow.__table__
_REVISIONS = RevisionRow.__table__
_MEMBERS = EventLaunchRow.__table__
_ASSESSMENTS = AssessmentRow.__table__


class _EncodedWrites(NamedTuple):
    """The statements that write prepared rows, whose JSON columns hold JSON text already
    encoded (:func:`prepare_plan`, :meth:`EventStore.assessment_row`): the process that
    prepares the rows (a Dask worker) encodes them, not the one that writes."""

    events: Any
    changed_events: Any
    claims: Any
    revisions: Any
    assessments: Any


@lru_cache(maxsize=2)
def _writes_of(postgres: bool) -> _EncodedWrites:
    def encoded(*names: str) -> dict[str, Any]:
        # SQLite keeps JSON as text: the text is bound as it is.  PostgreSQL casts it.
        return {name: cast(bindparam(name, type_=Text), JSONB) if postgres
                else bindparam(name, type_=Text) for name in names}

    return _EncodedWrites(
        events=_EVENTS.insert().values(encoded("data", "conflicts")),
        changed_events=_EVENTS.update().where(_EVENTS.c.id == bindparam("event_id"))
        .values(encoded("data", "conflicts")),
        claims=_CLAIMS.insert().values(encoded("value", "evidence")),
        revisions=_REVISIONS.insert().values(encoded("changes")),
        assessments=_ASSESSMENTS.insert().values(encoded("data")))


def _encoded_writes(connection: Connection) -> _EncodedWrites:
    return _writes_of(connection.dialect.name == "postgresql")


def _ids_in(column: Any) -> Any:
    """``column IN (:ids)``, the list bound at execution (an expanding parameter): the
    statement is built and compiled once, rather than a term built for each value."""
    return column.in_(bindparam("ids", expanding=True))


_MEMBERS_OF = select(EventLaunchRow.launch_id, EventLaunchRow.event_id).where(
    _ids_in(EventLaunchRow.launch_id))
_FINGERPRINTS_OF = select(EventRow.id, EventRow.fingerprint).where(_ids_in(EventRow.id))
_INPUTS_OF = select(EventRow.id, EventRow.inputs_hash).where(_ids_in(EventRow.id))
_DELETE_EVENTS = delete(EventRow).where(_ids_in(EventRow.id))
_DELETE_CLAIMS = _CLAIMS.delete().where(_ids_in(_CLAIMS.c.event_id))
_DELETE_REVISIONS = _REVISIONS.delete().where(_ids_in(_REVISIONS.c.event_id))
_DELETE_MEMBERS = _MEMBERS.delete().where(_ids_in(_MEMBERS.c.launch_id))
_DELETE_ASSESSMENTS = _ASSESSMENTS.delete().where(_ids_in(_ASSESSMENTS.c.event_id))

class FusionTransaction:
    """Reads and writes of one step of a fusion, in one transaction
    (:meth:`EventStore.fusing`)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._bytewise = connection.dialect.name == "sqlite"

    def _of_days(self, column: Any, prefixes: Iterable[str]) -> list[Any]:
        """Terms of an OR that hold for the ids in ``column`` that start with one of
        ``prefixes`` and a dash, the ids of states' days, and possibly for ids of other days
        of the same states between them: the caller keeps those of its days.

        On SQLite a range rather than ``LIKE 'prefix-%'``: its LIKE is case-insensitive and so
        cannot use the index of ids, and every day of a fusion scanned every event, which
        made a fusion's cost grow with the square of its days.  SQLite compares text byte by
        byte, so a state's range from its first day's prefix and a dash to its last day's and
        a ``.`` (which follows ``-``) holds those days' ids (an id's prefix is upper case and
        free of wildcards).  One range a state, rather than one a day: the days a fusion reads
        together are consecutive days to fuse, and a term costs more to build than the ids
        between them cost to read.  PostgreSQL keeps the LIKE: it is case-sensitive there,
        and a range under a language's collation, which passes over punctuation, would not be
        the same set.
        """
        if not self._bytewise:
            return [column.like(prefix + "-%") for prefix in prefixes]
        spans: dict[str, tuple[str, str]] = {}
        for prefix in prefixes:
            code = prefix[:-len("-YYYY-MM-DD")]
            low, high = spans.get(code, (prefix, prefix))
            spans[code] = (min(low, prefix), max(high, prefix))
        return [and_(column >= low + "-", column < high + ".") for low, high in spans.values()]

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
        return refs_of_rows(self._launch_rows(launch_ids))

    def _launch_rows(self, launch_ids: Iterable[int]) -> list[Any]:
        ids = sorted(launch_ids)
        rows: list[Any] = []
        for start in range(0, len(ids), IDS_PER_QUERY):
            rows.extend(self._ref_rows(_ids_in(LaunchRow.id),
                                       {"ids": ids[start:start + IDS_PER_QUERY]}))
        return rows

    def dated_launch_refs(self, country: str) -> list[LaunchRef]:
        """Every launch of ``country`` that has a date, with its report, by id."""
        return refs_of_rows(self._ref_rows(and_(LaunchRow.country == country,
                                                LaunchRow.date_local.is_not(None))))

    def days(self, wanted: Sequence[tuple[str | None, date, str, Sequence[int]]],
             ) -> list[tuple[list[LaunchRef], DayState]]:
        """:meth:`day_rows`, decoded: each day's launches and its state."""
        return [(rows.refs(), rows.state) for rows in self.day_rows(wanted)]

    def day_rows(self, wanted: Sequence[tuple[str | None, date, str, Sequence[int]]],
                 ) -> list[DayRows]:
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
        # Bound at execution (expanding), so that the statement is built once a state, not
        # once a value.
        dated_terms, bound = [], {}
        for number, (country, days) in enumerate(dates.items()):
            bound[f"days{number}"] = days
            dated_terms.append(and_(
                LaunchRow.country.is_(None) if country is None
                else LaunchRow.country == bindparam(f"country{number}", country),
                LaunchRow.date_local.in_(bindparam(f"days{number}", expanding=True))))
        rows = [*self._ref_rows(or_(*dated_terms), bound), *self._launch_rows(
            {launch_id for ids in extra.values() for launch_id in ids})]
        by_launch = {row.id: row for row in rows}
        prefix_of_date = {(country, day): prefix for country, day, prefix, _ in wanted}
        of_day: dict[str, list[Any]] = {prefix: [] for prefix in prefixes}
        for row in rows:
            if row.date_local is not None:
                of_day[prefix_of_date[row.country, row.date_local]].append(row)
        for prefix, ids in extra.items():
            of_day[prefix].extend(by_launch[launch_id] for launch_id in set(ids)
                                  if launch_id in by_launch)
            of_day[prefix].sort(key=lambda row: row.id)
        members = self._members([row.id for row in rows])
        fingerprints = self._day_fingerprints(prefixes)
        return [DayRows(country=country, day=day, prefix=prefix,
                        launches=[tuple(row) for row in of_day[prefix]],
                        state=DayState(fingerprints=fingerprints[prefix],
                                       members={row.id: members[row.id] for row in of_day[prefix]
                                                if row.id in members}))
                for country, day, prefix, _ in wanted]

    def unchanged(self, days: Sequence[DayRows]) -> bool:
        """Whether each of ``days`` is still as it was read (in an earlier transaction): its
        events have the fingerprints read and its launches are in the events read.  Its
        plan, made from those rows, may then be written as it is."""
        fingerprints = self._day_fingerprints([rows.prefix for rows in days])
        members = self._members([launch[0] for rows in days for launch in rows.launches])
        return all(fingerprints[rows.prefix] == rows.state.fingerprints
                   and all(members.get(launch[0], _UNSEEN) ==
                           rows.state.members.get(launch[0], _UNSEEN)
                           for launch in rows.launches)
                   for rows in days)

    def _day_fingerprints(self, prefixes: Sequence[str]) -> dict[str, dict[str, str]]:
        """The fingerprints of the events of the days ``prefixes`` name, by day and id."""
        fingerprints: dict[str, dict[str, str]] = {prefix: {} for prefix in prefixes}
        for terms in _chunks(self._of_days(EventRow.id, prefixes)):
            for event_id, fingerprint in self.connection.execute(
                    select(EventRow.id, EventRow.fingerprint).where(or_(*terms))).all():
                day = fingerprints.get(_day_of(event_id))
                if day is not None:
                    day[event_id] = fingerprint
        return fingerprints

    def _undated_members(self, prefixes: Sequence[str]) -> list[tuple[int, str]]:
        """The undated launches in the events of the days ``prefixes`` name, with the event."""
        found: list[tuple[int, str]] = []
        wanted = set(prefixes)
        for terms in _chunks(self._of_days(EventLaunchRow.event_id, prefixes)):
            found.extend((row.launch_id, row.event_id) for row in self.connection.execute(
                select(EventLaunchRow.launch_id, EventLaunchRow.event_id)
                .join(LaunchRow, LaunchRow.id == EventLaunchRow.launch_id)
                .where(or_(*terms), LaunchRow.date_local.is_(None)))
                if _day_of(row.event_id) in wanted)
        return found

    def _members(self, launch_ids: Sequence[int]) -> dict[int, str | None]:
        """The event each of ``launch_ids`` is in (None: seen, in no event); those fusion has
        not seen are left out."""
        found: dict[int, str | None] = {}
        for start in range(0, len(launch_ids), IDS_PER_QUERY):
            found.update(self.connection.execute(
                _MEMBERS_OF, {"ids": launch_ids[start:start + IDS_PER_QUERY]}).all())
        return found

    def fingerprints(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The fingerprints of those of ``event_ids`` that are stored."""
        found: dict[str, str] = {}
        for start in range(0, len(event_ids), IDS_PER_QUERY):
            found.update(self.connection.execute(
                _FINGERPRINTS_OF, {"ids": event_ids[start:start + IDS_PER_QUERY]}).all())
        return found

    def _ref_rows(self, where: Any, bound: dict[str, Any] | None = None) -> list[Any]:
        """The rows of launches with their reports (:data:`REF_COLUMNS`), by launch id;
        ``bound``: the values of ``where``'s parameters."""
        return list(self.connection.execute(_REFS.where(where).order_by(LaunchRow.id),
                                            bound).all())

    # -- writing -----------------------------------------------------------------------------

    def apply(self, plan: FusionPlan | PreparedPlan, *, now: datetime) -> None:
        """Write ``plan`` (made ready here if it is not already, with ``now`` as its events'
        ``updated_at``): its events, the deletions, then the memberships."""
        prepared = plan if isinstance(plan, PreparedPlan) else prepare_plan(plan, now=now)
        _write_events(self.connection, prepared)
        for start in range(0, len(prepared.removed), IDS_PER_QUERY):
            self.connection.execute(_DELETE_EVENTS,
                                    {"ids": prepared.removed[start:start + IDS_PER_QUERY]})
        _set_members(self.connection, prepared.members)

    def save_assessment_rows(self, rows: Sequence[dict[str, Any]]) -> int:
        """Store assessment rows made elsewhere (:meth:`EventStore.assessment_row`) in this
        transaction; those whose event's inputs have changed since are left out.  How many
        were stored."""
        return save_assessment_rows(self.connection, rows)


_UNSEEN = object()
"""What :meth:`FusionTransaction.unchanged` compares a launch fusion has not seen as."""

REF_COLUMNS = (LaunchRow.id, LaunchRow.country, LaunchRow.date_local, LaunchRow.ordinal,
               cast(LaunchRow.data, Text).label("data"), ReportRow.content_hash,
               ReportRow.source, ReportRow.publisher, ReportRow.title, ReportRow.url,
               ReportRow.published, ReportRow.published_utc_offset_min, ReportRow.text,
               ReportRow.language)
"""What fusion reads of a launch and its report; the launch as its stored JSON text, which
:func:`refs_of_rows` decodes (wherever that runs)."""

_REFS = select(*REF_COLUMNS).join(ReportRow, ReportRow.content_hash == LaunchRow.report_hash)


@dataclass(frozen=True)
class DayRows:
    """What the store holds of one state's day for fusion (:meth:`FusionTransaction.day_rows`):
    its launches as rows of :data:`REF_COLUMNS`, undecoded, and its
    :class:`~launchwatch.model.DayState`.  Plain data, to send to another process."""

    country: str | None
    day: date
    prefix: str  # of the day's event ids: KP-2022-11-03
    launches: list[tuple[Any, ...]]
    state: DayState

    def refs(self) -> list[LaunchRef]:
        return refs_of_rows(self.launches)


def refs_of_rows(rows: Iterable[Sequence[Any]]) -> list[LaunchRef]:
    """The launches of rows of :data:`REF_COLUMNS`, each report's record made once."""
    reports: dict[str, ReportInfo] = {}
    refs = []
    for (launch_id, _country, _day, ordinal, data, content_hash, source, publisher, title, url,
         published, offset_min, text, language) in rows:
        info = reports.get(content_hash)
        if info is None:
            info = reports[content_hash] = ReportInfo(
                content_hash=content_hash, source=source, publisher=publisher, title=title,
                url=url, published=join_offset(published, offset_min), text=text,
                language=language)
        refs.append(LaunchRef(launch_id=launch_id, report=info, ordinal=ordinal,
                              launch=Launch.model_validate_json(data)))
    return refs


@dataclass
class PreparedPlan:
    """A :class:`~launchwatch.model.FusionPlan` as the rows the tables take
    (:func:`prepare_plan`), and what it creates, changes and removes."""

    created_rows: list[dict[str, Any]] = field(default_factory=list)
    updated_rows: list[dict[str, Any]] = field(default_factory=list)
    claim_rows: list[dict[str, Any]] = field(default_factory=list)
    revision_rows: list[dict[str, Any]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    members: dict[int, str | None] = field(default_factory=dict)

    @property
    def created(self) -> list[str]:
        return [row["id"] for row in self.created_rows]

    @property
    def updated(self) -> list[str]:
        return [row["event_id"] for row in self.updated_rows]


def prepare_plan(plan: FusionPlan, *, now: datetime) -> PreparedPlan:
    """The rows that write ``plan`` (``now``: its events' ``updated_at``); no database."""
    prepared = PreparedPlan(removed=list(plan.removed), members=dict(plan.members))
    for write in plan.writes:
        event = write.event
        document = event.to_json()
        values = _event_columns(event)
        values.update(fingerprint=write.fingerprint, data=json.dumps(document),
                      conflicts=json.dumps(values["conflicts"]),
                      inputs_hash=write.inputs_hash, updated_at=stored_utc(now))
        if write.created:
            prepared.created_rows.append({"id": event.id, **values})
        else:
            prepared.updated_rows.append({"event_id": event.id, **values})
        prepared.claim_rows.extend(_claim_rows(event, document))
        prepared.revision_rows.extend(
            {"event_id": event.id, "number": revision.number,
             "report_hash": revision.report_hash, "published": stored_utc(revision.published),
             "changes": json.dumps(revision.changes)} for revision in event.revisions)
    return prepared


def save_assessment_rows(connection: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Store assessment rows, replacing those of the same events, except those whose event's
    inputs hash is no longer theirs (module docstring of :mod:`.event_store`); how many were
    stored.  Inside the caller's transaction, which takes its turn."""
    if not rows:
        return 0
    ids = [row["event_id"] for row in rows]
    current: dict[str, str | None] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        current.update(connection.execute(
            _INPUTS_OF, {"ids": ids[start:start + IDS_PER_QUERY]}).all())
    fresh = [row for row in rows if current.get(row["event_id"], "") == row["inputs_hash"]]
    for start in range(0, len(fresh), IDS_PER_QUERY):
        connection.execute(_DELETE_ASSESSMENTS, {
            "ids": [row["event_id"] for row in fresh[start:start + IDS_PER_QUERY]]})
    if fresh:
        connection.execute(_encoded_writes(connection).assessments, fresh)
    return len(fresh)


def _day_of(event_id: str) -> str:
    """The prefix of a dated event's id, the day it names: ``KP-2022-11-03`` of
    ``KP-2022-11-03-1``."""
    return event_id.rpartition("-")[0]


def _chunks(terms: list[Any], size: int = IDS_PER_QUERY // 2) -> Iterator[list[Any]]:
    """``terms`` of an OR in groups small enough for one statement's bound parameters."""
    for start in range(0, len(terms), size):
        yield terms[start:start + size]


def _write_events(connection: Connection, prepared: PreparedPlan) -> None:
    """Write a plan's events, each statement once for them all (a fusion writes a few days'
    events at a time, and a statement's overhead is more than its rows'): the rows of new
    events, the rows of changed ones with their claims and revisions replaced."""
    # Core statements with bound parameters: compiled once and cached, unlike ORM .values().
    statements = _encoded_writes(connection)
    if prepared.created_rows:
        connection.execute(statements.events, prepared.created_rows)
    if prepared.updated_rows:
        connection.execute(statements.changed_events, prepared.updated_rows)
        ids = prepared.updated
        for start in range(0, len(ids), IDS_PER_QUERY):
            chunk = ids[start:start + IDS_PER_QUERY]
            connection.execute(_DELETE_CLAIMS, {"ids": chunk})
            connection.execute(_DELETE_REVISIONS, {"ids": chunk})
    if prepared.claim_rows:
        connection.execute(statements.claims, prepared.claim_rows)
    if prepared.revision_rows:
        connection.execute(statements.revisions, prepared.revision_rows)


def _claim_rows(event: Event, document: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of an event's claims, their JSON columns encoded; the evidence taken as the
    document already holds it in JSON form (dumping each claim's evidence again would cost
    more than the rest of the write)."""
    rows = []
    for name, found in event.fields.items():
        dumped = document["fields"][name]["claims"]
        for claim, as_json in zip(found.claims, dumped):
            rows.append({
                "event_id": event.id, "field": name, "number": claim.number, "unit": claim.unit, "qualifier": claim.qualifier,
                "authority": claim.authority, "tier": int(claim.tier),
                "chosen": claim is found.best, "alternative": claim.alternative,
                "report_hash": claim.report_hash, "ordinal": claim.ordinal,
                "published": stored_utc(claim.published),
                "value": json.dumps(claim.value), "evidence": json.dumps(as_json["evidence"])})
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
        "first_published": stored_utc(event.first_published),
        "last_published": stored_utc(event.last_published)})
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
    for start in range(0, len(ids), IDS_PER_QUERY):
        connection.execute(_DELETE_MEMBERS, {"ids": ids[start:start + IDS_PER_QUERY]})
    connection.execute(_MEMBERS.insert(), [{"launch_id": launch, "event_id": changed[launch]}
                                                for launch in ids])



@lru_cache(maxsize=4096)
def stored_utc(moment: datetime | None) -> datetime | None:
    """UTC without tzinfo, as the tables keep times; a naive time is kept as it is.
    (Cached: every claim of a report carries the report's time.)"""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)
