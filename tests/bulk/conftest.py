"""A Dask cluster in this process (workers are threads): fast to start, and what a test
changes in a module (a reader made to fail) the workers see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        yield client
