"""``launchwatch.open``: the database for notebooks."""

from __future__ import annotations

from pathlib import Path

import pandas
import pytest

import launchwatch
from launchwatch.errors import SettingsError, StoreError

from fresh_interpreter import modules_loaded

SAMPLE = Path(__file__).resolve().parents[1] / "exchange" / "fixtures" / "cns-sample.csv"


def test_open_gives_events_as_a_dataframe(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_store import CountingAssessor

    monkeypatch.setattr("launchwatch.pipeline.EngineAssessor", CountingAssessor)
    with launchwatch.open(tmp_path / "api.sqlite3", create=True) as db:
        summary = db.import_cns(SAMPLE)
        assert len(summary.events) == 4
        frame = db.events(since="2017-01-01").to_dataframe()
        assert isinstance(frame, pandas.DataFrame)
        assert list(frame.index) == ["KP-2022-10-04-1", "KP-2019-07-25-1", "KP-2017-05-14-1"]
        assert frame.loc["KP-2019-07-25-1", "count"] == 2
        assert frame.loc["KP-2017-05-14-1", "apogee_km"] == 2111.5
        assert pandas.api.types.is_datetime64_any_dtype(frame["date_local"])
        assert {"met_range_km", "conflicts", "authorities"} <= set(frame.columns)
        event = db.event("KP-2019-07-25-1")
        assert isinstance(event, launchwatch.Event)
        assert db.export("geojson", tmp_path / "x.geojson") > 0
        with pytest.raises(SettingsError, match="not a date"):
            db.events(since="yesterday")
        with pytest.raises(SettingsError, match="export format"):
            db.export("shp", tmp_path / "x.shp")


def test_an_empty_database_gives_an_empty_frame_with_the_columns(tmp_path: Path) -> None:
    with launchwatch.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}", create=True) as db:
        frame = db.events().to_dataframe()
    assert frame.empty and "distance_km" in frame.columns and frame.index.name == "id"


def test_a_database_that_does_not_exist_is_refused_not_made(tmp_path: Path) -> None:
    mistyped = tmp_path / "no-such-folder" / "evnets.sqlite3"
    with pytest.raises(StoreError, match="no database exists") as caught:
        launchwatch.open(mistyped)
    assert caught.value.path == str(mistyped) and "launchwatch ingest" in str(caught.value)
    assert not mistyped.parent.exists()


def test_importing_launchwatch_loads_no_database_or_numerics() -> None:
    assert modules_loaded("import launchwatch",
                          ["sqlalchemy", "numpy", "pandas", "launchwatch.events"]) == []


def test_the_frame_is_typed_for_analysis_and_lookups_fail_clearly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_store import CountingAssessor

    monkeypatch.setattr("launchwatch.pipeline.EngineAssessor", CountingAssessor)
    with launchwatch.open(tmp_path / "typed.sqlite3", create=True) as db:
        assert repr(db) == f"<launchwatch database sqlite:///{tmp_path / 'typed.sqlite3'}>"
        db.import_cns(SAMPLE)
        frame = db.events(country="DPRK").to_dataframe()
        assert len(frame) == 4
        assert str(frame["launched_utc"].dt.tz) == "UTC"
        # 2017-05-14 05:28 in Pyongyang, then UTC+8:30.
        assert frame.loc["KP-2017-05-14-1", "launched_utc"] == \
            pandas.Timestamp("2017-05-13 20:58", tz="UTC")
        assert str(frame["inside_japan_eez"].dtype) == "boolean"
        assert str(frame["consistent"].dtype) == "boolean"
        assert str(frame["count"].dtype) == "Int64"
        assert frame["apogee_km"].dtype == "float64" and frame["met_range_km"].dtype == "float64"
        with pytest.raises(KeyError) as missing:
            db.event("KP-1999-01-01-1")
        assert isinstance(missing.value, launchwatch.errors.UnknownEventError)
        assert "there is no event 'KP-1999-01-01-1'" in str(missing.value)
        with pytest.raises(SettingsError, match="the launching states are"):
            db.events(country="Atlantis")
