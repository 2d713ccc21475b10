"""Without Dask, --engine dask says what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from launchwatch.bulk import ingest_archive
from launchwatch.cli import main
from launchwatch.errors import SettingsError


def test_a_missing_dask_says_to_install_the_extra(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if absent
    with pytest.raises(SettingsError, match=r"pip install launchwatch\[dask\]"):
        ingest_archive([tmp_path], tmp_path / "store.sqlite3")
    monkeypatch.setattr(sys, "argv", ["launchwatch", "ingest", "--engine", "dask", "--db",
                                      str(tmp_path / "store.sqlite3"), str(tmp_path)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    assert "pip install launchwatch[dask]" in " ".join(capsys.readouterr().err.split())
