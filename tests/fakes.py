"""A stand-in assessment for tests that exercise storing and fusing, not the physics."""

from __future__ import annotations

from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.model import (Assessment, Event, LandingPointFigure, LandingZoneFigure,
                               LaunchPointFigure, OverflightFigure, ReachFigure,
                               TrajectoryFigure)

_FIGURES = (("launch_point", LaunchPointFigure), ("landing_point", LandingPointFigure),
            ("landing_zone", LandingZoneFigure), ("overflight", OverflightFigure),
            ("reach", ReachFigure), ("trajectory", TrajectoryFigure))


def skipped_assessment(event: Event, method: str) -> Assessment:
    """An assessment of ``event`` whose every figure is skipped: instant, stored like a real
    one, with the real inputs hash."""
    inputs = assessment_inputs(event)
    return Assessment(event_id=event.id, inputs=inputs, inputs_hash=inputs_hash(inputs),
                      method=method, **{name: figure.skipped("fake") for name, figure in _FIGURES})
