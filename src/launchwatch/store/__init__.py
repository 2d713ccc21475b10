"""Store: reports and launches in SQLite (default) or PostgreSQL, schema kept by Alembic.

    with Store.open("sqlite:///launchwatch.sqlite3") as store:
        store.add(report, extraction)
        for stored in store.launches(limit=10):
            print(stored.launch.to_record())
"""

from .engine import create_store_engine, database_url
from .migrate import current_revision, head_revision, upgrade
from .store import Store, StoredLaunch
from .tables import Base, LaunchRow, ReportRow

__all__ = sorted([
    "Base",
    "LaunchRow",
    "ReportRow",
    "Store",
    "StoredLaunch",
    "create_store_engine",
    "current_revision",
    "database_url",
    "head_revision",
    "upgrade",
])
