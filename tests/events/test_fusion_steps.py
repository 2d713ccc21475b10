"""A fusion in several transactions (``Pipeline.fuse``, :data:`FUSION_STEP_S`) writes what one
transaction writes, and one cut short by a failure is finished by the next fusion: undated
launches that join a day, the events they waited in, and undated launches left alone
included."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

import launchwatch.pipeline as pipeline_module
from launchwatch.errors import StoreError
from launchwatch.store import FusionTransaction, Store

from .helpers import DAY, at, extraction, launch, report, stored_events
from .test_store import NOW, _pipeline


def _add(store: Store, name: str, *launches: Any, **fields: Any) -> None:
    source = report(name, **fields)
    assert store.add(source, extraction(source, *launches), now=NOW)


def _stored(path: Path) -> Store:
    """A store where an undated report waits in an event of its own, and reports of six days
    wait for fusion: one that dates the waiting launch, an undated one that another report
    dates, and an undated one nothing dates."""
    store = Store.open(path)
    _add(store, "blog", launch(date_local=None, missile_name="Hwasong-17", distance_km=1090,
                               apogee_km=6100))
    _pipeline(store).fuse()
    _add(store, "jcs", launch(missile_name="Hwasong-17", distance_km=1090, apogee_km=6100,
                              reported_by=["ROK JCS"]), published=at(9))
    for k, site in enumerate(["Sunan", "Sinpo", "Kusong", "Sohae", "Pyongsong"], start=1):
        day = DAY + timedelta(days=k)
        _add(store, f"day{k}", launch(date_local=day, launch_site=site, time_local="07:00",
                                      distance_km=300 + 50 * k, reported_by=["ROK JCS"]),
             published=at(9, day=day))
        _add(store, f"day{k}-wire", launch(date_local=day, launch_site=site,
                                           distance_km=300 + 50 * k), published=at(12, day=day))
    _add(store, "kcna", launch(date_local=None, missile_name="Hwasong-12", distance_km=4500,
                               apogee_km=970))
    _add(store, "mod", launch(date_local=date(2022, 10, 7), missile_name="Hwasong-12",
                              distance_km=4500, apogee_km=970, reported_by=["Japan MoD"]),
         published=at(10, day=date(2022, 10, 7)))
    _add(store, "rumour", launch(date_local=None, missile_name="Pukguksong-3", distance_km=450))
    return store


@pytest.fixture
def one_step(tmp_path: Path) -> tuple[dict[str, Any], dict[int, str | None], Any]:
    """What one transaction makes of the reports."""
    with _stored(tmp_path / "one.sqlite3") as store:
        changes = _pipeline(store).fuse()
        return (*stored_events(store), changes)


def _counting_steps(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    steps: list[int] = []
    fusing = store.fusing

    @contextmanager
    def counted(**options: Any):
        steps.append(1)
        with fusing(**options) as transaction:
            yield transaction

    monkeypatch.setattr(store, "fusing", counted)
    return steps


def test_a_fusion_a_day_at_a_time_writes_what_one_transaction_writes(
        one_step: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, members, changes = one_step
    assert "KP-2022-10-07-1" in events and len(events["KP-2022-10-04-1"]["reports"]) == 2
    assert [e for e in events if "undated" in e] != [] and len(changes.removed) == 1
    monkeypatch.setattr(pipeline_module, "FUSION_STEP_S", 0.0)
    with _stored(tmp_path / "steps.sqlite3") as store:
        steps = _counting_steps(store, monkeypatch)
        stepped = _pipeline(store).fuse()
        assert len(steps) == 6  # one a day, the last with the undated launches left alone
        assert stored_events(store) == (events, members)
    assert (sorted(stepped.created), sorted(stepped.updated), sorted(stepped.removed),
            stepped.launches) == (sorted(changes.created), sorted(changes.updated),
                                  sorted(changes.removed), changes.launches)


def test_a_fusion_cut_short_keeps_its_days_and_the_next_one_finishes_it(
        one_step: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, members, _ = one_step
    monkeypatch.setattr(pipeline_module, "FUSION_STEP_S", 0.0)
    applied: list[int] = []
    apply = FusionTransaction.apply

    def failing_at_the_fourth_day(transaction: FusionTransaction, plan: Any, **kw: Any) -> None:
        applied.append(1)
        if len(applied) == 7:  # a day's plan and its removals, three times, then this day's
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        apply(transaction, plan, **kw)

    with _stored(tmp_path / "cut.sqlite3") as store:
        monkeypatch.setattr(FusionTransaction, "apply", failing_at_the_fourth_day)
        with pytest.raises(StoreError, match="launches not fused yet wait for the next"):
            _pipeline(store).fuse()
        cut, _ = stored_events(store)
        # The first three days are written as they will stay (the launch that waited undated
        # joined the first, and its event is gone); the others wait.
        assert cut == {event_id: events[event_id] for event_id in
                       ("KP-2022-10-04-1", "KP-2022-10-05-1", "KP-2022-10-06-1")}
        monkeypatch.setattr(FusionTransaction, "apply", apply)
        _pipeline(store).fuse()
        assert stored_events(store) == (events, members)
