"""The Dask cluster a bulk run uses: a running scheduler's, or a local one started for the run.

Dask is an extra (``pip install launchwatch[dask]``): it is imported here, when a command asks
for ``--engine dask``, and its absence is a :class:`~launchwatch.errors.SettingsError` that
says what to install, never an ImportError from deep inside.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from ..errors import SettingsError
from ..ingest import cpu_count

INSTALL_HINT = "pip install launchwatch[dask]"

LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Dask settings of the workers of a local cluster.  Dask's statistical profiler samples each
worker's stack every 10 ms and keeps the call trees of the last 1,000 one-second cycles, per
task too, and the extractor's stacks are deep: measured on one worker extracting 100,000
pages of the synthetic archive, 64 cycles held 1.6 MB (pickled) and the worker's resident
memory was 647 MB against 631 MB without the profiler; a backfill of hours fills all 1,000
cycles.  The dashboard's profile page stays empty.  The workers of a remote cluster are
started by their owner: ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` does the same
there."""


def require_distributed() -> ModuleType:
    """``dask.distributed``, or a SettingsError that says how to install it."""
    try:
        import dask.distributed
    except ImportError as exc:
        raise SettingsError(f"--engine dask needs Dask, which the plain install leaves out "
                            f"({exc}); install it with: {INSTALL_HINT}") from None
    return dask.distributed


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` on the scheduler at ``scheduler`` (``tcp://host:8786``), or on a
    local cluster of ``workers`` processes (None or 0: one per CPU core) started here and
    stopped at the end.

    Local workers are processes of one thread each: the extractor is pure Python and holds
    the GIL, so threads would take turns rather than run side by side.
    """
    distributed = require_distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise SettingsError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check "
                                "the address (tcp://host:8786) and that the scheduler runs, or "
                                "leave --scheduler out to run on this machine",
                                field="dask_scheduler") from None
        with client:
            yield client
        return
    import dask  # installed with dask.distributed, which require_distributed() found

    with dask.config.set(LOCAL_WORKER_CONFIG):  # the workers take the settings at spawn
        cluster = distributed.LocalCluster(n_workers=workers or cpu_count(),
                                           threads_per_worker=1, processes=True)
    with cluster, distributed.Client(cluster) as client:
        yield client


def dashboard_link(client: Any, *, local: bool) -> str | None:
    """Where the cluster's dashboard is, when its scheduler serves one: a remote scheduler
    says so; a local one serves it only when bokeh is installed here."""
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return None
    if local and importlib.util.find_spec("bokeh") is None:
        return None
    return str(client.dashboard_link)
