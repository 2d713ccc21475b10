"""The store's event methods: keep the events fusion decided on, read them, keep assessments.

The store decides nothing.  Fusion reads and writes through :meth:`EventStore.fusing`: a
write transaction (a :class:`~launchwatch.store.fusing.FusionTransaction`) in which the pipeline reads the launches
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
from datetime import date
from typing import Any

from sqlalchemy import Engine, Text, case, cast, delete, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import Assessment, Event, EventList
from .engine import database_reason, take_turn, writing
from .event_tables import AssessmentRow, EventLaunchRow, EventRow
from .fusing import IDS_PER_QUERY, FusionTransaction, save_assessment_rows, stored_utc
from .tables import LaunchRow

_ASSESSMENTS = AssessmentRow.__table__


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
            for start in range(0, len(ids), IDS_PER_QUERY):
                texts.extend(connection.scalars(select(cast(EventRow.data, Text)).where(
                    EventRow.id.in_(ids[start:start + IDS_PER_QUERY]))))
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
        it was computed, its document as JSON text.  No database: a Dask worker makes the
        rows of its batch, so that the storing process does not dump or encode each
        assessment itself."""
        if assessment.computed_at is None:
            raise StoreError(f"the assessment of {assessment.event_id} says not when it was "
                             "computed; this is a bug in the caller (the pipeline stamps it)")
        return {"event_id": assessment.event_id, "inputs_hash": assessment.inputs_hash,
                "method": assessment.method, "computed_at": stored_utc(assessment.computed_at),
                "data": json.dumps(assessment.model_dump(mode="json"))}

    def save_assessment_rows(self, rows: Sequence[dict[str, Any]]) -> int:
        """:meth:`save_assessments` of rows already made (:meth:`assessment_row`)."""
        if not rows:
            return 0
        try:
            with writing(self.engine) as connection:
                take_turn(connection)
                return save_assessment_rows(connection, rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"the assessments of {len(rows)} events could not be stored "
                             f"({database_reason(exc)}); none of them was written") from None

    def assessment(self, event_id: str) -> Assessment | None:
        with self.engine.connect() as connection:
            data = connection.scalar(select(AssessmentRow.data)
                                     .where(AssessmentRow.event_id == event_id))
        return None if data is None else Assessment.model_validate(data)


def _event_from(data: dict[str, Any], assessment: dict[str, Any] | None = None) -> Event:
    event = Event.model_validate(data)
    if assessment is not None:
        event.assessment = Assessment.model_validate(assessment)
    return event
