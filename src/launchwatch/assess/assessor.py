"""The assessor: what the physics and the geography make of an event's best values.

For one :class:`~launchwatch.model.Event` an :class:`Assessor` computes the six figures of an
:class:`~launchwatch.model.Assessment` (the records, with their typed parts, are in
:mod:`launchwatch.model.assessment`), each with the inputs it used and the assumptions it made,
or the reason it could not be computed:

``launch_point``
    the site's coordinates: as a report gave them, else the gazetteer's entry for the name.
``trajectory``
    :func:`launchwatch.physics.reconstruct` on the reported range and apogee (and flight
    time): the fitted flight, the consistency verdict when a flight time is given, and the
    minimum-energy range with its Monte Carlo interval.  The range is the one on a non-rotating
    Earth, the same in every direction, which is what a range ring draws (the turning Earth
    adds range eastward and takes it westward: ``physics.rotating_range``).
``landing_point``
    from a stated relative location ("about 250 km west of Okushiri Island",
    :func:`launchwatch.geo.resolve_relative`), else the geodesic from the site along the
    reported direction for the reported distance (:func:`launchwatch.geo.destination`); with
    no direction, toward the sea the sources name ("into the East Sea": its label point,
    +-45 degrees, said so in the assumptions).  A point that lands on land when the sources
    name a sea is flagged in ``landing_zone``.
``landing_zone``
    :func:`launchwatch.geo.classify` of the landing point: land or sea, which sea, whose
    maritime zone, and whether that agrees with the EEZ verdict the sources gave.
``overflight``
    the countries whose land the geodesic ground track from site to landing point crosses
    (:class:`launchwatch.geo.GroundTrack`).
``reach``
    range rings (the minimum-energy range and its interval) and the cities within it with
    the time of flight to each (:class:`launchwatch.assess.places_in_reach.Reach`).

Nothing here computes ballistics or geodesy itself.  An assessment records the hash of its
inputs (:func:`assessment_inputs`) and the assessor's settings (:attr:`Assessor.method`); the
pipeline recomputes it only when either changes, and stamps when it was computed
(``computed_at``) with its clock.

The engines load when a figure first uses them: loading launchwatch.physics and the geo
modules takes 0.4-0.5 s (measured), which storing an event, which needs only
:func:`assessment_inputs`, should not pay.  :mod:`launchwatch.geo` loads its modules on first
use itself (``geo.resolve_relative``); physics and :mod:`.places_in_reach` are imported inside the
figures that use them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from .. import geo
from ..errors import GeoError, LaunchwatchError
from ..units import compass_half_width_deg
from ..model import (Assessment, AssessmentInputs, Event, Figure, FlownLandingInputs,
                     LandingPointAssumptions, LandingPointFigure, LandingPointValue,
                     LandingZoneFigure, LaunchPointFigure, LaunchPointValue, OverflightFigure,
                     ReachFigure, RelativeLandingInputs, Stated, TrajectoryAssumptions,
                     TrajectoryFigure, TrajectoryValue, direction_deg, range_text,
                     reaches_anywhere)

ASSESSMENT_VERSION = "2"
"""Bumped when the assessment's method changes, so that stored assessments are recomputed."""

_PHYSICS_CLASSES = {"SRBM", "MRBM", "IRBM", "ICBM", "SLBM"}
_LOWER_BOUNDS = {"at least", "over", "more than"}
_RELATIVE = re.compile(r"\d.*\b(?:km|kilomet(?:er|re)s?|miles?|nautical)\b.*\b(?:of|from|off)\b",
                       re.IGNORECASE)


class Assessor(Protocol):
    """The assessor role: one event in, its assessment out.

    An assessment depends on :func:`assessment_inputs` alone (the pipeline recomputes it when
    their hash changes), so the store hands an assessor the event's best values and placed
    sites without the rest of its claims.  ``computed_at`` is the pipeline's to set."""

    method: str

    def inputs_hash(self, event: Event) -> str: ...

    def assess(self, event: Event) -> Assessment: ...


def assessment_inputs(event: Event) -> AssessmentInputs:
    """What an event's assessment depends on: its best values and the site's point."""
    def stated(name: str) -> Stated | None:
        found = event.quantity(name)
        return None if found is None else Stated(value=found.value, qualifier=found.qualifier)

    return AssessmentInputs(
        country=event.country, launch_site=event.launch_site, launch_point=event.launch_point,
        missile_class=event.missile_class, distance_km=stated("distance_km"),
        apogee_km=stated("apogee_km"), flight_time_s=stated("flight_time_s"),
        direction=event.value("direction"), landing_area=event.value("landing_area"),
        inside_japan_eez=event.value("inside_japan_eez"))


def inputs_hash(inputs: AssessmentInputs) -> str:
    text = json.dumps([ASSESSMENT_VERSION, inputs.model_dump()], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EngineAssessor:
    """The assessor that runs launchwatch's physics and geography engines (module docstring).

    ``samples`` and ``seed`` set the Monte Carlo of the reconstruction; ``places_limit`` and
    ``min_population`` which cities in reach are listed.
    """

    def __init__(self, *, samples: int = 2000, seed: int = 0, places_limit: int = 25,
                 min_population: int = 1_000_000) -> None:
        self.samples = samples
        self.seed = seed
        self.places_limit = places_limit
        self.min_population = min_population

    @property
    def method(self) -> str:
        return (f"engines v{ASSESSMENT_VERSION}; samples={self.samples}; seed={self.seed}; "
                f"places={self.places_limit}>={self.min_population}")

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        inputs = assessment_inputs(event)
        launch_point = _guarded(LaunchPointFigure, self.launch_point, inputs)
        trajectory = _guarded(TrajectoryFigure, self.trajectory, inputs)
        landing_point = _guarded(LandingPointFigure, self.landing_point, inputs, launch_point)
        landing_zone = _guarded(LandingZoneFigure, self.landing_zone, inputs, landing_point)
        overflight = _guarded(OverflightFigure, self.overflight, inputs, launch_point,
                              landing_point)
        reach = _guarded(ReachFigure, self.reach, inputs, launch_point, trajectory)
        return Assessment(event_id=event.id, inputs=inputs, inputs_hash=inputs_hash(inputs),
                          method=self.method,
                          launch_point=launch_point, trajectory=trajectory,
                          landing_point=landing_point, landing_zone=landing_zone,
                          overflight=overflight, reach=reach)

    # -- figures -----------------------------------------------------------------------------

    def launch_point(self, inputs: AssessmentInputs) -> LaunchPointFigure:
        name = inputs.launch_site
        if inputs.launch_point is not None:
            lat, lon = inputs.launch_point
            return LaunchPointFigure(
                status="ok", value=LaunchPointValue(lat_deg=lat, lon_deg=lon, name=name,
                                                    source="report"),
                inputs={"launch_site": name})
        if not name:
            return LaunchPointFigure.skipped("no source names the launch site")
        found = geo.locate_site(name)
        if found is None:
            return LaunchPointFigure.skipped(f"the gazetteer knows no site called {name!r}",
                                             launch_site=name)
        return LaunchPointFigure(
            status="ok", value=LaunchPointValue(lat_deg=found.lat_deg, lon_deg=found.lon_deg,
                                                name=found.name, source="gazetteer"),
            inputs={"launch_site": name},
            assumptions={"site": f"{name!r} taken to be the gazetteer's {found.name}"})

    def trajectory(self, inputs: AssessmentInputs) -> TrajectoryFigure:
        distance, apogee, flight_time = inputs.distance_km, inputs.apogee_km, inputs.flight_time_s
        used = {"distance_km": distance, "apogee_km": apogee, "flight_time_s": flight_time,
                "missile_class": inputs.missile_class}
        if inputs.missile_class == "cruise":
            return TrajectoryFigure.skipped("a cruise missile does not fly a ballistic "
                                            "trajectory", **used)
        if distance is None or apogee is None:
            return TrajectoryFigure.skipped("a trajectory needs both the distance flown and the "
                                            "apogee", **used)
        # start-up cost: loading launchwatch.physics costs 0.4-0.5 s (module docstring).
        from ..physics import reconstruct

        missile_class = inputs.missile_class
        if missile_class not in _PHYSICS_CLASSES:
            missile_class = None
        notes = {}
        for name, given in (("distance_km", distance), ("apogee_km", apogee),
                            ("flight_time_s", flight_time)):
            if given is not None and given.qualifier in _LOWER_BOUNDS:
                notes[name] = (f"given as a lower bound ({given.qualifier} {given.value:g});"
                               " taken as the figure")
        result = reconstruct(distance.value, apogee.value,
                             None if flight_time is None else flight_time.value,
                             missile_class=missile_class, samples=self.samples, seed=self.seed)
        record = result.to_dict()
        value = TrajectoryValue.model_validate(
            {key: record[key] for key in TrajectoryValue.model_fields if key in record})
        if value.met_range_km is not None and math.isfinite(value.met_range_km):
            # The range in words, so that no page shows a capped 20,015 km as a distance.
            value.reaches_anywhere = reaches_anywhere(value.met_range_km)
            value.met_range_text = range_text(
                value.met_range_km, is_lower_bound=bool(value.met_range_is_lower_bound))
        if result.status != "ok":
            return TrajectoryFigure(status="not computed", value=value, inputs=used,
                                    assumptions=record.get("assumptions", {}),
                                    reason="; ".join(result.notes) or result.status)
        return TrajectoryFigure(status="ok", value=value, inputs=used,
                                assumptions=TrajectoryAssumptions.model_validate(
                                    {**record.get("assumptions", {}), **notes}))

    def landing_point(self, inputs: AssessmentInputs,
                      launch_point: LaunchPointFigure) -> LandingPointFigure:
        area, direction, distance = inputs.landing_area, inputs.direction, inputs.distance_km
        site = _point(launch_point.value) if launch_point.ok else None
        reason = None
        # geo.states_offset also reads Japanese and Korean ("奥尻島の西約250キロ").
        if area and (_RELATIVE.search(area) or geo.states_offset(area)):
            try:
                located = geo.resolve_relative(area, launch_site=site, toward=site)
            except GeoError as exc:
                reason = f"the landing area could not be placed ({exc.message})"
            else:
                return LandingPointFigure(
                    status="ok",
                    value=LandingPointValue(
                        lat_deg=located.lat_deg, lon_deg=located.lon_deg,
                        method="relative location", uncertainty_km=located.uncertainty_km,
                        anchor=located.anchor.name, bearing_deg=located.bearing_deg),
                    inputs=RelativeLandingInputs(landing_area=area, launch_point=site),
                    assumptions=LandingPointAssumptions(
                        distance_interval_km=(located.distance_low_km, located.distance_high_km),
                        bearing_half_width_deg=located.bearing_half_width_deg,
                        bearing_from=located.bearing_from))
        azimuth = direction_deg(direction)
        used = FlownLandingInputs(launch_point=site, direction=direction, distance_km=distance,
                                  landing_area=area)
        assumptions = LandingPointAssumptions(path="geodesic from the site")
        if azimuth is not None and direction is not None:
            assumptions.direction = (f"the compass direction {direction} "
                                     f"(±{compass_half_width_deg(direction):g}°)")
        elif site is not None and area:
            azimuth, water = _bearing_to_water(site, area)
            if azimuth is not None:
                assumptions.direction = (f"no direction given: toward the {water}'s label "
                                         "point (±45°)")
        if site is None or azimuth is None or distance is None:
            missing = [name for name, value in (("launch site", site), ("direction", azimuth),
                                                ("distance", distance)) if value is None]
            return LandingPointFigure(
                status="not computed", inputs=used,
                reason=(reason + "; " if reason else "") + "no relative location, and no "
                + ", ".join(missing) + " to fly from the site")
        lat, lon = geo.destination(site[0], site[1], azimuth, distance.value)
        return LandingPointFigure(
            status="ok", value=LandingPointValue(lat_deg=float(lat), lon_deg=float(lon),
                                                 method="site, direction and distance",
                                                 azimuth_deg=azimuth),
            inputs=used, assumptions=assumptions)

    def landing_zone(self, inputs: AssessmentInputs,
                     landing_point: LandingPointFigure) -> LandingZoneFigure:
        if not landing_point.ok:
            return LandingZoneFigure.skipped("no landing point")
        lat, lon = _point(landing_point.value)
        zone = geo.classify(lat, lon).to_record()
        reported = inputs.inside_japan_eez
        agrees = None if reported is None else bool(reported) == bool(zone["inside_japan_eez"])
        notes = []
        summary = _zone_summary(zone)
        if zone["surface"] == "land" and inputs.landing_area and \
                _names_water(inputs.landing_area):
            notes.append(f"the sources put the landing in {inputs.landing_area!r} but the "
                         f"point is on land: its {landing_point.value.method} are "
                         "approximate")
            # What the sources say leads; the estimate on land is only how far off it is.
            summary = f"sea per sources; estimated point on land ({summary})"
        if agrees is False:
            notes.append("the sources' EEZ verdict differs from the point's zone")
        return LandingZoneFigure(
            status="ok", value={**zone, "summary": summary,
                                "reported_inside_japan_eez": reported,
                                "agrees_with_report": agrees, "notes": notes},
            inputs={"landing_point": (lat, lon), "inside_japan_eez": reported},
            assumptions={"zones": "Natural Earth 10 m land; 200-nmi zones from coastlines "
                                  "with median lines (launchwatch.geo.eez)"})

    def overflight(self, inputs: AssessmentInputs, launch_point: LaunchPointFigure,
                   landing_point: LandingPointFigure) -> OverflightFigure:
        if not (launch_point.ok and landing_point.ok):
            return OverflightFigure.skipped("needs both the launch point and the landing point")
        direction = landing_point.assumptions.direction or ""
        if direction.startswith("no direction given"):
            # A point flown toward a sea's label point is good to +-45 degrees: the countries
            # a track to it crosses would be a guess presented as a finding.
            return OverflightFigure.skipped("the landing point is only a direction toward a "
                                            "sea (±45°): no track to follow")
        start, end = _point(launch_point.value), _point(landing_point.value)
        track = geo.GroundTrack.geodesic(*start, *end)
        return OverflightFigure(
            status="ok",
            value={"countries": track.overflown_countries(),
                   "passages": [p.to_record() for p in track.overflights()],
                   "track_length_km": track.length_km},
            inputs={"launch_point": start, "landing_point": end},
            assumptions={"track": "geodesic from launch point to landing point (the turning "
                                  "Earth bends a real track by tens of km over long flights)"})

    def reach(self, inputs: AssessmentInputs, launch_point: LaunchPointFigure,
              trajectory: TrajectoryFigure) -> ReachFigure:
        if not launch_point.ok:
            return ReachFigure.skipped("no launch point")
        if not trajectory.ok or not trajectory.value.met_range_km:
            return ReachFigure.skipped("no minimum-energy range (needs a reconstructed "
                                       "trajectory)")
        # start-up cost: .places_in_reach loads NumPy, pyproj and the gazetteer (module docstring).
        from .places_in_reach import Reach

        met = float(trajectory.value.met_range_km)
        interval = trajectory.value.met_range_interval_km or (None, None)
        lat, lon = _point(launch_point.value)
        reach = Reach(lat, lon, met, launch_point.value.name)
        # The most populous cities in reach say more than the nearest ones (which, for any
        # missile, are the launching state's own).
        in_reach = reach.places(min_population=self.min_population)
        population = [in_reach.candidates[i].population or 0 for i in in_reach.candidate_index]
        biggest = sorted(range(len(in_reach)), key=lambda i: -population[i])
        places = [in_reach[i].to_record() for i in biggest[:self.places_limit]]
        # A ring at or past the antipode's distance is a dot there, not a limit: none is
        # drawn, for the figure or for a bound of its interval (model.reaches_anywhere).
        bound = bool(trajectory.value.met_range_is_lower_bound)
        rings = [] if reaches_anywhere(met) else \
            [r for r in (interval[0], met, interval[1]) if r and not reaches_anywhere(r)]
        return ReachFigure(
            status="ok",
            value={"site": (lat, lon), "rings_km": rings, "range_km": met,
                   "range_is_lower_bound": bound, "reaches_anywhere": reaches_anywhere(met),
                   "range_text": range_text(met, is_lower_bound=bound),
                   "places": places, "places_in_reach": len(in_reach)},
            inputs={"launch_point": (lat, lon), "met_range_km": met,
                    "met_range_interval_km": interval},
            assumptions={"rings": "no ring: the range reaches any point on Earth"
                                  if reaches_anywhere(met) else
                                  "geodesic rings at the minimum-energy range and its 5-95 % "
                                  "interval (those short of any point on Earth)",
                         "places": f"the {self.places_limit} most populous cities of at least "
                                   f"{self.min_population:,} people in reach",
                         "time_of_flight": "minimum-energy free flight, boost phase not "
                                           "included"})


F = TypeVar("F", bound=Figure)


def _guarded(figure: type[F], compute: Callable[..., F], *args: Any) -> F:
    """Run one figure; an engine's error becomes a failed figure, not a failed assessment."""
    try:
        return compute(*args)
    except LaunchwatchError as exc:
        return figure.failed(exc.message)
    except (ValueError, ArithmeticError) as exc:
        return figure.failed(f"{type(exc).__name__}: {exc}")


def _point(value: LaunchPointValue | LandingPointValue) -> tuple[float, float]:
    """(lat, lon) of a computed point (a figure that is ok has both)."""
    assert value.lat_deg is not None and value.lon_deg is not None
    return (value.lat_deg, value.lon_deg)


def _bearing_to_water(site: tuple[float, float], area: str) -> tuple[float | None, str | None]:
    """Azimuth from the site to the label point of the sea the landing area names ("the East
    Sea"); None for oceans, whose label points say nothing of a direction."""
    water = geo.Gazetteer.default().water_in(area)
    if water is None or water.kind == "ocean":
        return None, None
    azimuth, _ = geo.inverse(site[0], site[1], water.lat_deg, water.lon_deg)
    return float(azimuth) % 360.0, water.name


def _names_water(area: str) -> bool:
    return geo.Gazetteer.default().water_in(area) is not None


def _zone_summary(zone: dict[str, Any]) -> str:
    """'sea: Sea of Japan, EEZ of Japan' or 'land: Japan'."""
    if zone.get("surface") == "land":
        return f"land: {zone.get('country') or 'unknown country'}"
    parts = [zone.get("sea") or zone.get("water") or "open sea"]
    if zone.get("maritime_zone") and zone.get("claimant"):
        parts.append(f"{zone['maritime_zone']} of {zone['claimant']}")
    return "sea: " + ", ".join(parts)

