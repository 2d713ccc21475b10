"""The alert tables: the messages sent under the alert rules, and the rules added through the
API (the alerts file's rules are read from the file, not stored).

``alerts`` holds one row per message (:class:`~launchwatch.model.alert.Alert`): what is
queried as columns (event, rule, sequence, type, status, time) and the whole record as JSON.
The unique (event, rule, sequence) is what makes "one alert per event per rule" hold when two
processes dispatch at once: the second insert of a message fails and is not sent.  ``claimed``
is when a dispatcher last claimed the message for sending (first: its ``sent`` time); a
message still ``pending`` long after it was claimed was left by a dispatcher that died.  An alert
has no foreign key to its event: the event may be withdrawn (merged into another), and its
messages, the Cancel included, stay.  Times are UTC without tzinfo, as in ``tables.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..model.alert import Alert, Rule
from .tables import JSON_DOCUMENT, Base, utc_naive


class AlertRow(Base):
    """One alert message."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("event_id", "rule", "sequence"),)

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), index=True)
    rule: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    msg_type: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), index=True)
    sent: Mapped[datetime] = mapped_column(DateTime, index=True)
    claimed: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)

    @staticmethod
    def values(alert: Alert) -> dict[str, Any]:
        return {"id": alert.id, "event_id": alert.event_id, "rule": alert.rule,
                "sequence": alert.sequence, "msg_type": alert.msg_type,
                "status": alert.status, "sent": utc_naive(alert.sent),
                "claimed": utc_naive(alert.sent), "data": alert.model_dump(mode="json")}


class AlertRuleRow(Base):
    """An alert rule added through the API, replaced by name."""

    __tablename__ = "alert_rules"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    stored_at: Mapped[datetime] = mapped_column(DateTime)

    @staticmethod
    def values(rule: Rule, stored_at: datetime) -> dict[str, Any]:
        return {"name": rule.name, "data": rule.model_dump(mode="json", exclude_defaults=True),
                "stored_at": utc_naive(stored_at)}
