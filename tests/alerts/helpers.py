"""Events with assessments built by hand, for the alert tests: every figure a rule reads is
set here, so a test says which one it changes."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from launchwatch.model import (Assessment, AssessmentInputs, CityInReach, Claim, Event,
                               EventField, LandingPointAssumptions, LandingPointFigure,
                               LandingPointValue, LandingZoneFigure, LandingZoneValue,
                               LaunchPointFigure, OverflightFigure, OverflightValue,
                               ReachFigure, ReachValue, Tier, TrajectoryFigure,
                               TrajectoryValue)
from launchwatch.model.assessment import FlownLandingInputs

SITE = (40.0, 125.0)
LANDING = (41.0, 134.0)
FIRST = datetime(2022, 10, 4, 8, 0, tzinfo=timezone.utc)


def claim(field: str, value: Any, *, unit: str | None = None, qualifier: str | None = None,
          authority: str = "ROK JCS", tier: Tier = Tier.GOVERNMENT,
          published: datetime = FIRST, report: str = "r1") -> Claim:
    return Claim(field=field, value=value, unit=unit, qualifier=qualifier, authority=authority,
                 tier=tier, report_hash=report, source=f"{report}.txt",
                 publisher="Hanbit News Agency", published=published)


def field(*claims: Claim) -> EventField:
    """A field whose best claim is the last given (the latest revision)."""
    best = claims[-1]
    return EventField(name=best.field, value=best.value, best=best,
                      claims=[best, *claims[:-1]])


def assessment(event_id: str, *, met_range_km: float = 4600.0,
               overflown: list[str] | None = None, claimant: str | None = None,
               maritime_zone: str | None = None, landing: tuple[float, float] = LANDING,
               cities: list[tuple[str, int]] = ()) -> Assessment:
    places = [CityInReach(name=name, kind="city", country="Japan", lat_deg=35.7, lon_deg=139.7,
                          population=population, distance_km=1300.0, azimuth_deg=100.0,
                          time_of_flight_s=600.0) for name, population in cities]
    return Assessment(
        event_id=event_id, inputs=AssessmentInputs(), inputs_hash="h", method="test v1",
        launch_point=LaunchPointFigure(status="ok"),
        trajectory=TrajectoryFigure(status="ok", value=TrajectoryValue(
            met_range_km=met_range_km, met_range_interval_km=(met_range_km * 0.9,
                                                             met_range_km * 1.1))),
        landing_point=LandingPointFigure(
            status="ok", value=LandingPointValue(lat_deg=landing[0], lon_deg=landing[1],
                                                 uncertainty_km=40.0, azimuth_deg=80.0),
            inputs=FlownLandingInputs(launch_point=SITE),
            assumptions=LandingPointAssumptions(distance_interval_km=(700.0, 800.0),
                                                bearing_half_width_deg=10.0)),
        landing_zone=LandingZoneFigure(status="ok", value=LandingZoneValue(
            claimant=claimant, maritime_zone=maritime_zone, summary="sea",
            inside_japan_eez=claimant == "Japan" and maritime_zone == "EEZ")),
        overflight=OverflightFigure(status="ok", value=OverflightValue(
            countries=overflown or [])),
        reach=ReachFigure(status="ok", value=ReachValue(site=SITE, range_km=met_range_km,
                                                        rings_km=[met_range_km],
                                                        places=places)))


def event(event_id: str = "KP-2022-10-04-1", *, missile_class: str = "IRBM",
          distances: tuple[float, ...] = (4500.0,), country: str = "North Korea",
          **figures: Any) -> Event:
    """An event whose distance was reported as ``distances`` in turn (the last is the best),
    with an assessment (``figures`` for :func:`assessment`)."""
    reports = [claim("distance_km", km, unit="km", qualifier="about", report=f"r{n}",
                     published=FIRST.replace(hour=8 + n)) for n, km in enumerate(distances)]
    fields = {"missile_class": field(claim("missile_class", missile_class)),
              "distance_km": field(*reports)}
    return Event(id=event_id, country=country, date_local=date(2022, 10, 4), fields=fields,
                 assessment=assessment(event_id, **figures))
