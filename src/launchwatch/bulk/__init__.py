"""Bulk work on Dask: a news archive of millions of pages into the store, and the assessments
of a large rebuild, on a laptop's cores or on a cluster.

    from launchwatch.bulk import ingest_archive

    result = ingest_archive(["crawl/"], "sqlite:///study.sqlite3", workers=8)

:func:`ingest_archive` (``launchwatch ingest --engine dask``) reads, gates and extracts on the
workers and stores from here (:mod:`.archive`); :func:`assess_events` (``launchwatch events
assess --engine dask``) spreads the assessments (:mod:`.assess`).  Dask is an extra
(``pip install launchwatch[dask]``), imported only when one of them runs.

It orchestrates the stages as :mod:`launchwatch.pipeline` does, and uses it: its place in the
import layers is between ``launchwatch.api`` and ``launchwatch.pipeline``.
"""

from .archive import BulkResult, ShardStatus, ingest_archive
from .assess import assess_events, assess_on_dask
from .engine import INSTALL_HINT, dask_client
from .gate import KeywordGate, default_gate

__all__ = [
    "BulkResult",
    "INSTALL_HINT",
    "KeywordGate",
    "ShardStatus",
    "assess_events",
    "assess_on_dask",
    "dask_client",
    "default_gate",
    "ingest_archive",
]
