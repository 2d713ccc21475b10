"""Extraction worker processes die with the ingest that started them (issue 12, finding 7: a
killed ingest left its workers running, about 158 MB each)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="finds the worker processes through /proc")

ROOT = Path(__file__).resolve().parents[2]

# An ingest with two workers, each stuck in a minute-long extraction, into a sink that stores
# nothing; it prints its pid when it starts.
INGEST = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from launchwatch.ingest import ingest_batches, read_path
    from tests.ingest.helpers import sleeping_extractor

    class Sink:
        def existing_hashes(self, hashes):
            return set()

        def add(self, report, extraction, *, now):
            return True

        def add_all(self, stored):
            return True

    for _ in ingest_batches(read_path(sys.argv[1]), Sink(), extractor=sleeping_extractor,
                            clock=lambda: datetime.now(timezone.utc), workers=2):
        pass
""")


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, waiting for an init that may never reap it, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _workers_of(parent: int) -> list[int]:
    """The extraction workers ``parent`` has spawned."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def _wait(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_killing_an_ingest_ends_its_worker_processes(tmp_path: Path) -> None:
    for number in range(40):  # three tasks of 16 reports: both workers busy
        (tmp_path / f"report-{number}.txt").write_text(
            f"North Korea fired missile {number} that flew about 600 km.", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    ingest = subprocess.Popen([sys.executable, "-c", INGEST, str(tmp_path)], cwd=ROOT,
                              env=environment)
    workers: list[int] = []
    try:
        assert _wait(lambda: len(_workers_of(ingest.pid)) == 2, 60), \
            "the ingest did not start its two workers within 60 s"
        workers = _workers_of(ingest.pid)
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(10)
        assert _wait(lambda: not any(_alive(pid) for pid in workers), 5), \
            f"workers {[pid for pid in workers if _alive(pid)]} outlived their ingest by 5 s"
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
