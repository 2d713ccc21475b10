"""The assessment's typed figures: read by name, and written back as the JSON they were
stored as (the fixture is the engines' own output for five sample events)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launchwatch.model import (Assessment, Consistency, FlownLandingInputs, LandingPointFigure,
                               LaunchPointFigure, RelativeLandingInputs, Stated,
                               TrajectoryAssumptions, TrajectoryValue)
from launchwatch.physics import reconstruct

STORED = json.loads((Path(__file__).parent / "fixtures" / "assessments.json")
                    .read_text(encoding="utf-8"))


@pytest.mark.parametrize("stored", STORED, ids=[a["event_id"] for a in STORED])
def test_a_stored_assessment_writes_back_the_json_it_was_read_from(stored) -> None:
    # Same keys in the same order, same values, 500 and 500.0 told apart.
    again = Assessment.model_validate(stored).model_dump(mode="json")
    assert json.dumps(again) == json.dumps(stored)
    assert json.dumps(Assessment.model_validate_json(json.dumps(stored))
                      .model_dump(mode="json")) == json.dumps(stored)


def test_figures_are_read_by_name() -> None:
    relative, lofted = (Assessment.model_validate(a) for a in STORED[:2])
    landing = relative.landing_point
    assert isinstance(landing.inputs, RelativeLandingInputs)
    assert (landing.value.method, landing.value.anchor) == ("relative location",
                                                            "Oshima-Oshima")
    assert landing.assumptions.distance_interval_km == (180.0, 220.0)
    assert relative.trajectory.value.consistency.consistent is True
    assert relative.reach.value.places[0].name == "Shanghai"
    assert relative.reach.value.places_in_reach == 535
    assert isinstance(lofted.landing_point.inputs, FlownLandingInputs)
    assert lofted.landing_point.inputs.distance_km == Stated(value=700.0, qualifier="about")
    assert lofted.trajectory.assumptions.apogee_km.startswith("given as a lower bound")
    assert lofted.trajectory.assumptions.distance_km is None  # not given: not in the JSON
    assert "distance_km" not in lofted.model_dump(mode="json")["trajectory"]["assumptions"]


def test_a_figure_not_computed_or_failed_has_empty_parts() -> None:
    skipped = LaunchPointFigure.skipped("the gazetteer knows no site called 'X'",
                                        launch_site="X")
    assert skipped.model_dump(mode="json") == {
        "status": "not computed", "value": {}, "inputs": {"launch_site": "X"},
        "assumptions": {}, "reason": "the gazetteer knows no site called 'X'"}
    failed = LandingPointFigure.failed("GeoError: no land polygons")
    assert not failed.ok and failed.model_dump(mode="json")["inputs"] == {}


def test_the_typed_trajectory_holds_everything_the_reconstruction_gives() -> None:
    # A key the physics adds must be added to the record, or it would be dropped on reading.
    record = reconstruct(1000.0, 6000.0, 4000.0, samples=50, seed=0).to_dict()
    assert set(record["assumptions"]) <= set(TrajectoryAssumptions.model_fields)
    # The range in words is the assessor's (model.range_text), not the physics'.
    physics = set(TrajectoryValue.model_fields) - {"reaches_anywhere", "met_range_text"}
    assert physics <= set(record)
    assert set(record["consistency"]) == set(Consistency.model_fields)
    value = TrajectoryValue.model_validate({k: record[k] for k in physics})
    assert value.model_dump(mode="json") == {k: record[k] for k in physics}
