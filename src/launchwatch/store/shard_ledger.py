"""Which shards of an archive a bulk ingest has finished (``bulk_shards``, :mod:`.shard_tables`).

The bulk ingest (:mod:`launchwatch.bulk`) decides what a shard is and when it is finished; this
module only reads and writes the rows.  A shard is recorded after its reports are stored, in a
transaction of its own: a run killed between the two stores nothing twice when it is run
again (reports are keyed by content hash), it only reads that shard again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Engine, delete, select

from .engine import as_store_error, reading, writing
from .shard_tables import ShardRow
from .tables import utc_naive

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
        with as_store_error("read the shard ledger"), reading(self.engine) as connection:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                rows = connection.execute(select(_SHARDS.c.key, _SHARDS.c.fingerprint).where(
                    _SHARDS.c.key.in_(keys[start:start + _KEYS_PER_QUERY])))
                done.update(key for key, fingerprint in rows
                            if fingerprints[key] == fingerprint)
        return done

    def record(self, key: str, fingerprint: str, *, pages: int, launch_reports: int,
               now: datetime) -> None:
        """Record the shard ``key`` as finished (replacing an older record of it)."""
        with as_store_error("record a finished shard"), writing(self.engine) as connection:
            connection.execute(delete(_SHARDS).where(_SHARDS.c.key == key))
            connection.execute(_SHARDS.insert(), [{
                "key": key, "fingerprint": fingerprint, "pages": pages,
                "launch_reports": launch_reports, "finished_at": utc_naive(now)}])
