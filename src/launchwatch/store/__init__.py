"""Store: reports and launches in SQLite (default) or PostgreSQL, schema kept by Alembic.

    with Store.open("sqlite:///launchwatch.sqlite3") as store:
        store.add(report, extraction, now=ingested_at)  # an aware UTC time
        for stored in store.launches(limit=10):
            print(stored.launch.to_record())

The store only stores: which launches are one event is decided by :mod:`launchwatch.events`
and written through :meth:`Store.fusing`; :class:`launchwatch.pipeline.Pipeline` runs the
stages over it.
"""

from .alert_store import AlertStore
from .alert_tables import AlertRow, AlertRuleRow
from .context_tables import ContextEventRow
from .engine import create_store_engine, database_url
from .event_store import EventStore
from .fusing import DayRows, FusionTransaction, PreparedPlan, prepare_plan
from .event_tables import AssessmentRow, ClaimRow, EventLaunchRow, EventRow, RevisionRow
from .migrate import current_revisions, head_revisions, upgrade
from .shard_ledger import ShardLedger
from .shard_tables import ShardRow
from .store import Store, StoredLaunch
from .tables import Base, LaunchRow, ReportRow

__all__ = [
    "AlertRow",
    "AlertRuleRow",
    "AlertStore",
    "AssessmentRow",
    "Base",
    "ClaimRow",
    "ContextEventRow",
    "DayRows",
    "EventLaunchRow",
    "EventRow",
    "EventStore",
    "FusionTransaction",
    "LaunchRow",
    "PreparedPlan",
    "ReportRow",
    "RevisionRow",
    "ShardLedger",
    "ShardRow",
    "Store",
    "StoredLaunch",
    "create_store_engine",
    "current_revisions",
    "database_url",
    "head_revisions",
    "prepare_plan",
    "upgrade",
]
