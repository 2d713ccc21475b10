"""The store's alert methods: keep the alert messages and the rules added through the API.

The dispatcher (:mod:`launchwatch.alerts.dispatch`) decides which message to send; the store
only answers what was sent before and writes what is sent now.  A message is written first
as ``pending`` (:meth:`AlertStore.claim_alert`, refused when that event, rule and sequence
has a message already: another process is sending it), then with how its channels took it
(:meth:`AlertStore.save_alert`).  A message to send again (failed, or left ``pending`` by a
dispatcher that died) is claimed by one update that only one dispatcher's can match
(:meth:`AlertStore.claim_redelivery`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import (ColumnElement, Engine, and_, delete, exists, func, insert, or_, select,
                        update)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import aliased

from ..errors import StoreError
from ..model.alert import Alert, Rule
from .alert_tables import AlertRow, AlertRuleRow
from .engine import database_reason, writing
from .event_tables import EventRow
from .tables import utc_naive

_IDS_PER_QUERY = 500


class AlertStore:
    """Alert methods of :class:`~launchwatch.store.Store` (a mixin: it needs ``engine``)."""

    engine: Engine

    # -- messages ----------------------------------------------------------------------------

    def claim_alert(self, alert: Alert) -> bool:
        """Write ``alert`` before it is sent; False (writing nothing) when its event, rule and
        sequence has a message already."""
        try:
            with writing(self.engine) as connection:
                connection.execute(insert(AlertRow), [AlertRow.values(alert)])
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            raise StoreError(f"the alert {alert.id} could not be stored "
                             f"({database_reason(exc)}); it was not sent") from None
        return True

    def save_alert(self, alert: Alert) -> None:
        """Write ``alert`` again, with its deliveries, over its claimed row."""
        values = AlertRow.values(alert)
        try:
            with writing(self.engine) as connection:
                connection.execute(update(AlertRow).where(AlertRow.id == alert.id)
                                   .values(status=values["status"], data=values["data"]))
        except SQLAlchemyError as exc:
            raise StoreError(f"how the alert {alert.id} was delivered could not be stored "
                             f"({database_reason(exc)})") from None

    def failed_alerts(self, since: datetime, abandoned_before: datetime) -> list[Alert]:
        """Messages to send again, first sent at or after ``since``, that no later message
        about the same event and rule supersedes, oldest first: those a channel failed to
        take, and those still ``pending`` from a claim made before ``abandoned_before`` (the
        dispatcher that claimed them died before it saved how they went)."""
        later = aliased(AlertRow)
        query = (select(AlertRow.data)
                 .where(_to_send_again(abandoned_before), AlertRow.sent >= utc_naive(since))
                 .where(~exists().where(and_(later.event_id == AlertRow.event_id,
                                             later.rule == AlertRow.rule,
                                             later.sequence > AlertRow.sequence)))
                 .order_by(AlertRow.sent, AlertRow.id))
        with self.engine.connect() as connection:
            return [Alert.model_validate(data) for data in connection.scalars(query)]

    def claim_redelivery(self, alert: Alert, *, now: datetime,
                         abandoned_before: datetime) -> bool:
        """Claim a message to send again (``pending``, claimed ``now``); False when it is no
        longer one (:meth:`failed_alerts`): another dispatcher claimed it first."""
        try:
            with writing(self.engine) as connection:
                claimed = connection.execute(
                    update(AlertRow)
                    .where(AlertRow.id == alert.id, _to_send_again(abandoned_before))
                    .values(status="pending", claimed=utc_naive(now))).rowcount
        except SQLAlchemyError as exc:
            raise StoreError(f"the alert {alert.id} could not be claimed for sending again "
                             f"({database_reason(exc)}); it was not sent") from None
        return claimed == 1

    def alert(self, alert_id: str) -> Alert | None:
        with self.engine.connect() as connection:
            data = connection.scalar(select(AlertRow.data).where(AlertRow.id == alert_id))
        return None if data is None else Alert.model_validate(data)

    def alerts(self, *, limit: int = 100, event_id: str | None = None,
               status: str | None = None) -> list[Alert]:
        """Messages, latest first, optionally of one event or with one status."""
        query = select(AlertRow.data).order_by(AlertRow.sent.desc(), AlertRow.id.desc())
        if event_id is not None:
            query = query.where(AlertRow.event_id == event_id)
        if status is not None:
            query = query.where(AlertRow.status == status)
        with self.engine.connect() as connection:
            rows = connection.scalars(query.limit(limit))
            return [Alert.model_validate(data) for data in rows]

    def alerts_of_events(self, event_ids: Iterable[str]) -> list[Alert]:
        """Every message about these events, by event, rule and sequence."""
        wanted = list(dict.fromkeys(event_ids))
        found: list[Alert] = []
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _IDS_PER_QUERY):
                chunk = wanted[start:start + _IDS_PER_QUERY]
                found += [Alert.model_validate(data) for data in connection.scalars(
                    select(AlertRow.data).where(AlertRow.event_id.in_(chunk))
                    .order_by(AlertRow.event_id, AlertRow.rule, AlertRow.sequence))]
        return found

    def alerted_events_gone(self) -> list[str]:
        """Events with messages not yet cancelled that the store no longer holds (withdrawn:
        merged into another event, or removed by a rebuild)."""
        cancel = aliased(AlertRow)
        query = (select(AlertRow.event_id).distinct()
                 .where(~exists().where(and_(cancel.event_id == AlertRow.event_id,
                                             cancel.rule == AlertRow.rule,
                                             cancel.msg_type == "Cancel")))
                 .where(~exists().where(EventRow.id == AlertRow.event_id))
                 .order_by(AlertRow.event_id))
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    # -- rules added through the API --------------------------------------------------------

    def alert_rules(self) -> list[Rule]:
        with self.engine.connect() as connection:
            rows = connection.scalars(select(AlertRuleRow.data).order_by(AlertRuleRow.name))
            return [Rule.model_validate(data) for data in rows]

    def save_alert_rule(self, rule: Rule, *, now: datetime) -> bool:
        """Store ``rule``, replacing the stored rule of its name; whether it is new."""
        try:
            with writing(self.engine) as connection:
                gone = connection.execute(delete(AlertRuleRow)
                                          .where(AlertRuleRow.name == rule.name)).rowcount
                connection.execute(insert(AlertRuleRow), [AlertRuleRow.values(rule, now)])
        except SQLAlchemyError as exc:
            raise StoreError(f"the alert rule {rule.name!r} could not be stored "
                             f"({database_reason(exc)}); nothing was written") from None
        return not gone


def _to_send_again(abandoned_before: datetime) -> ColumnElement[bool]:
    """A message a channel failed to take, or one left ``pending`` by a claim older than
    ``abandoned_before`` (a message stored before claims were timed: by its ``sent``)."""
    return or_(AlertRow.status == "failed",
               and_(AlertRow.status == "pending",
                    func.coalesce(AlertRow.claimed, AlertRow.sent) < utc_naive(abandoned_before)))
