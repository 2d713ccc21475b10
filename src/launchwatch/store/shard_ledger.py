"""Which shards of an archive a bulk ingest has finished (``bulk_shards``, :mod:`.shard_tables`).

The bulk ingest (:mod:`launchwatch.bulk`) decides what a shard is and when it is finished; this
module only reads and writes the rows.  A shard is recorded after its reports are stored, in a
transaction of its own: a run killed between the two stores nothing twice when it is run
again (reports are keyed by content hash), it only reads that shard again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from .engine import database_reason, reading, writing
from .shard_tables import ShardRow

_SHARDS = ShardRow.__table__
_KEYS_PER_QUERY = 500


class ShardLedger:
    """The finished shards in one database (``ShardLedger(store.engine)``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def finished(self, fingerprints: Mapping[str, str]) -> set[str]:
        """The keys among ``fingerprints`` (key -> fingerprint) finished with that same
        fingerprint; a shard whose file changed since is not among them."""
        keys = list(fingerprints)
        done: set[str] = set()
        with _guarded("read the shard ledger"), reading(self.engine) as connection:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                rows = connection.execute(select(_SHARDS.c.key, _SHARDS.c.fingerprint).where(
                    _SHARDS.c.key.in_(keys[start:start + _KEYS_PER_QUERY])))
                done.update(key for key, fingerprint in rows
                            if fingerprints[key] == fingerprint)
        return done

    def record(self, key: str, fingerprint: str, *, pages: int, launch_reports: int,
               now: datetime) -> None:
        """Record the shard ``key`` as finished (replacing an older record of it)."""
        with _guarded("record a finished shard"), writing(self.engine) as connection:
            connection.execute(delete(_SHARDS).where(_SHARDS.c.key == key))
            connection.execute(_SHARDS.insert(), [{
                "key": key, "fingerprint": fingerprint, "pages": pages,
                "launch_reports": launch_reports, "finished_at": _naive_utc(now)}])


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


@contextmanager
def _guarded(doing: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot {doing} ({database_reason(exc)}); check that the database "
                         "is reachable and migrated (launchwatch opens it with migrate=True)"
                         ) from None
