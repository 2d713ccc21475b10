"""The assessment of an event: what the physics and the geography make of its best values.

For one :class:`~launchwatch.events.Event` an :class:`Assessor` computes six figures, each with
the inputs it used and the assumptions it made, or the reason it could not be computed:

``launch_point``
    the site's coordinates: as a report gave them, else the gazetteer's entry for the name.
``trajectory``
    :func:`launchwatch.physics.reconstruct` on the reported range and apogee (and flight
    time): the fitted flight, the consistency verdict when a flight time is given, and the
    minimum-energy range with its Monte Carlo interval.  The range is the one on a non-rotating
    Earth, the same in every direction, which is what a range ring draws (the turning Earth
    adds range eastward and takes it westward: ``physics.reach``).
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
    the time of flight to each (:class:`launchwatch.assess.reach.Reach`).

Nothing here computes ballistics or geodesy itself.  An assessment records the hash of its
inputs (:func:`assessment_inputs`) and the assessor's settings (:attr:`Assessor.method`); the
store recomputes it only when either changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from ..events import Event

ASSESSMENT_VERSION = "1"
"""Bumped when the assessment's method changes, so that stored assessments are recomputed."""

_PHYSICS_CLASSES = {"SRBM", "MRBM", "IRBM", "ICBM", "SLBM"}
_LOWER_BOUNDS = {"at least", "over", "more than"}
_RELATIVE = re.compile(r"\d.*\b(?:km|kilomet(?:er|re)s?|miles?|nautical)\b.*\b(?:of|from|off)\b",
                       re.IGNORECASE)

Status = Literal["ok", "not computed", "failed"]


class Figure(BaseModel):
    """One assessed figure: its value, what it was computed from, and how."""

    status: Status
    value: dict[str, Any] = Field(default_factory=dict)
    inputs: dict[str, Any] = Field(default_factory=dict)
    assumptions: dict[str, Any] = Field(default_factory=dict)
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @classmethod
    def skipped(cls, reason: str, **inputs: Any) -> Figure:
        return cls(status="not computed", reason=reason, inputs=inputs)


HEADLINE_KEYS = ("consistent", "met_range_km", "met_range_low_km", "met_range_high_km",
                 "met_range_is_lower_bound", "landing_lat", "landing_lon", "landing_zone",
                 "overflown")


class Assessment(BaseModel):
    """The figures assessed for one event, with the hash of the inputs they came from."""

    event_id: str
    inputs: dict[str, Any]
    inputs_hash: str
    method: str
    computed_at: datetime | None = None
    launch_point: Figure
    trajectory: Figure
    landing_point: Figure
    landing_zone: Figure
    overflight: Figure
    reach: Figure

    FIGURES: ClassVar[tuple[str, ...]] = ("launch_point", "trajectory", "landing_point",
                                          "landing_zone", "overflight", "reach")

    def figures(self) -> dict[str, Figure]:
        return {name: getattr(self, name) for name in self.FIGURES}

    def headline(self) -> dict[str, Any]:
        """The few figures a table shows (None where not computed)."""
        out: dict[str, Any] = dict.fromkeys(HEADLINE_KEYS)
        trajectory = self.trajectory.value
        if self.trajectory.ok:
            out["consistent"] = trajectory.get("consistent")
            out["met_range_km"] = _rounded(trajectory.get("met_range_km"))
            interval = trajectory.get("met_range_interval_km") or [None, None]
            out["met_range_low_km"] = _rounded(interval[0])
            out["met_range_high_km"] = _rounded(interval[1])
            out["met_range_is_lower_bound"] = trajectory.get("met_range_is_lower_bound")
        if self.landing_point.ok:
            out["landing_lat"] = _rounded(self.landing_point.value.get("lat_deg"), 3)
            out["landing_lon"] = _rounded(self.landing_point.value.get("lon_deg"), 3)
        if self.landing_zone.ok:
            out["landing_zone"] = self.landing_zone.value.get("summary")
        if self.overflight.ok:
            out["overflown"] = self.overflight.value.get("countries")
        return out


def empty_headline() -> dict[str, Any]:
    return dict.fromkeys(HEADLINE_KEYS)


class Assessor(Protocol):
    """The assessor role: one event in, its assessment out.

    An assessment depends on :func:`assessment_inputs` alone (the store recomputes it when
    their hash changes), so the store hands an assessor the event's best values and placed
    sites without the rest of its claims."""

    method: str

    def inputs_hash(self, event: Event) -> str: ...

    def assess(self, event: Event) -> Assessment: ...


def assessment_inputs(event: Event) -> dict[str, Any]:
    """What an event's assessment depends on: its best values and the site's point."""
    def quantity(name: str) -> dict[str, Any] | None:
        found = event.quantity(name)
        return None if found is None else {"value": found.value, "qualifier": found.qualifier}

    point = event.launch_point
    return {
        "country": event.country, "launch_site": event.launch_site,
        "launch_point": list(point) if point else None,
        "missile_class": event.missile_class,
        "distance_km": quantity("distance_km"), "apogee_km": quantity("apogee_km"),
        "flight_time_s": quantity("flight_time_s"),
        "direction": event.value("direction"), "landing_area": event.value("landing_area"),
        "inside_japan_eez": event.value("inside_japan_eez"),
    }


def inputs_hash(inputs: dict[str, Any]) -> str:
    text = json.dumps([ASSESSMENT_VERSION, inputs], sort_keys=True, default=str)
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
        launch_point = _guarded(self.launch_point, inputs)
        trajectory = _guarded(self.trajectory, inputs)
        landing_point = _guarded(self.landing_point, inputs, launch_point)
        landing_zone = _guarded(self.landing_zone, inputs, landing_point)
        overflight = _guarded(self.overflight, inputs, launch_point, landing_point)
        reach = _guarded(self.reach, inputs, launch_point, trajectory)
        return Assessment(event_id=event.id, inputs=inputs, inputs_hash=inputs_hash(inputs),
                          method=self.method, computed_at=datetime.now(timezone.utc),
                          launch_point=launch_point, trajectory=trajectory,
                          landing_point=landing_point, landing_zone=landing_zone,
                          overflight=overflight, reach=reach)

    # -- figures -----------------------------------------------------------------------------

    def launch_point(self, inputs: dict[str, Any]) -> Figure:
        name = inputs["launch_site"]
        if inputs["launch_point"] is not None:
            lat, lon = inputs["launch_point"]
            return Figure(status="ok", value={"lat_deg": lat, "lon_deg": lon, "name": name,
                                              "source": "report"},
                          inputs={"launch_site": name})
        if not name:
            return Figure.skipped("no source names the launch site")
        from ..events.sites import locate_site

        found = locate_site(name)
        if found is None:
            return Figure.skipped(f"the gazetteer knows no site called {name!r}",
                                  launch_site=name)
        return Figure(status="ok", value={"lat_deg": found.lat_deg, "lon_deg": found.lon_deg,
                                          "name": found.name, "source": "gazetteer"},
                      inputs={"launch_site": name},
                      assumptions={"site": f"{name!r} taken to be the gazetteer's {found.name}"})

    def trajectory(self, inputs: dict[str, Any]) -> Figure:
        distance, apogee, flight_time = (inputs["distance_km"], inputs["apogee_km"],
                                         inputs["flight_time_s"])
        used = {"distance_km": distance, "apogee_km": apogee, "flight_time_s": flight_time,
                "missile_class": inputs["missile_class"]}
        if inputs["missile_class"] == "cruise":
            return Figure.skipped("a cruise missile does not fly a ballistic trajectory", **used)
        if distance is None or apogee is None:
            return Figure.skipped("a trajectory needs both the distance flown and the apogee",
                                  **used)
        from ..physics import reconstruct

        missile_class = inputs["missile_class"]
        if missile_class not in _PHYSICS_CLASSES:
            missile_class = None
        notes = {}
        for name, given in (("distance_km", distance), ("apogee_km", apogee),
                            ("flight_time_s", flight_time)):
            if given is not None and given["qualifier"] in _LOWER_BOUNDS:
                notes[name] = (f"given as a lower bound ({given['qualifier']} {given['value']:g});"
                               " taken as the figure")
        result = reconstruct(distance["value"], apogee["value"],
                             None if flight_time is None else flight_time["value"],
                             missile_class=missile_class, samples=self.samples, seed=self.seed)
        record = result.to_dict()
        value = {key: record.get(key) for key in (
            "status", "consistent", "consistency", "met_range_km", "met_range_interval_km",
            "met_range_is_lower_bound", "burnout_speed_m_s", "burnout_angle_deg",
            "burnout_altitude_km", "predicted_flight_time_s", "predicted_flight_time_interval_s",
            "residuals", "notes")}
        if result.status != "ok":
            return Figure(status="not computed", value=value, inputs=used,
                          assumptions=record.get("assumptions", {}),
                          reason="; ".join(result.notes) or result.status)
        return Figure(status="ok", value=value, inputs=used,
                      assumptions={**record.get("assumptions", {}), **notes})

    def landing_point(self, inputs: dict[str, Any], launch_point: Figure) -> Figure:
        area, direction, distance = (inputs["landing_area"], inputs["direction"],
                                     inputs["distance_km"])
        site = ((launch_point.value["lat_deg"], launch_point.value["lon_deg"])
                if launch_point.ok else None)
        reason = None
        if area and _RELATIVE.search(area):
            from ..errors import GeoError
            from ..geo import resolve_relative

            try:
                located = resolve_relative(area, launch_site=site, toward=site)
            except GeoError as exc:
                reason = f"the landing area could not be placed ({exc.message})"
            else:
                record = located.to_record()
                return Figure(status="ok", value={
                    "lat_deg": located.lat_deg, "lon_deg": located.lon_deg,
                    "method": "relative location", "uncertainty_km": located.uncertainty_km,
                    "anchor": record["anchor"]["name"], "bearing_deg": located.bearing_deg},
                    inputs={"landing_area": area, "launch_point": site},
                    assumptions={"distance_interval_km": record["distance_interval_km"],
                                 "bearing_half_width_deg": located.bearing_half_width_deg,
                                 "bearing_from": located.bearing_from})
        from ..events.event import direction_deg

        azimuth = direction_deg(direction)
        used = {"launch_point": site, "direction": direction, "distance_km": distance,
                "landing_area": area}
        assumptions: dict[str, Any] = {"path": "geodesic from the site"}
        if azimuth is not None:
            assumptions["direction"] = (f"the compass direction {direction} "
                                        f"(+-{11.25 if len(direction) == 3 else 22.5} deg)")
        elif site is not None and area:
            azimuth, water = _bearing_to_water(site, area)
            if azimuth is not None:
                assumptions["direction"] = (f"no direction given: toward the {water}'s label "
                                            "point (+-45 deg)")
        if site is None or azimuth is None or distance is None:
            missing = [name for name, value in (("launch site", site), ("direction", azimuth),
                                                ("distance", distance)) if value is None]
            return Figure.skipped((reason + "; " if reason else "") +
                                  "no relative location, and no " + ", ".join(missing) +
                                  " to fly from the site", **used)
        from ..geo import destination

        lat, lon = destination(site[0], site[1], azimuth, distance["value"])
        return Figure(status="ok", value={"lat_deg": float(lat), "lon_deg": float(lon),
                                          "method": "site, direction and distance",
                                          "azimuth_deg": azimuth},
                      inputs=used, assumptions=assumptions)

    def landing_zone(self, inputs: dict[str, Any], landing_point: Figure) -> Figure:
        if not landing_point.ok:
            return Figure.skipped("no landing point")
        from ..geo import classify

        lat, lon = landing_point.value["lat_deg"], landing_point.value["lon_deg"]
        zone = classify(lat, lon).to_record()
        reported = inputs["inside_japan_eez"]
        agrees = None if reported is None else bool(reported) == bool(zone["inside_japan_eez"])
        notes = []
        if zone["surface"] == "land" and inputs["landing_area"] and \
                _names_water(inputs["landing_area"]):
            notes.append(f"the sources put the landing in {inputs['landing_area']!r} but the "
                         f"point is on land: its {landing_point.value.get('method')} are "
                         "approximate")
        if agrees is False:
            notes.append("the sources' EEZ verdict differs from the point's zone")
        return Figure(status="ok", value={**zone, "summary": _zone_summary(zone),
                                          "reported_inside_japan_eez": reported,
                                          "agrees_with_report": agrees, "notes": notes},
                      inputs={"landing_point": [lat, lon], "inside_japan_eez": reported},
                      assumptions={"zones": "Natural Earth 10 m land; 200-nmi zones from "
                                            "coastlines with median lines (launchwatch.geo.eez)"})

    def overflight(self, inputs: dict[str, Any], launch_point: Figure,
                   landing_point: Figure) -> Figure:
        if not (launch_point.ok and landing_point.ok):
            return Figure.skipped("needs both the launch point and the landing point")
        from ..geo import GroundTrack

        start = (launch_point.value["lat_deg"], launch_point.value["lon_deg"])
        end = (landing_point.value["lat_deg"], landing_point.value["lon_deg"])
        track = GroundTrack.geodesic(*start, *end)
        passages = [p.to_record() for p in track.overflights()]
        return Figure(status="ok", value={"countries": track.overflown_countries(),
                                          "passages": passages,
                                          "track_length_km": track.length_km},
                      inputs={"launch_point": list(start), "landing_point": list(end)},
                      assumptions={"track": "geodesic from launch point to landing point "
                                            "(the turning Earth bends a real track by tens of "
                                            "km over long flights)"})

    def reach(self, inputs: dict[str, Any], launch_point: Figure, trajectory: Figure) -> Figure:
        if not launch_point.ok:
            return Figure.skipped("no launch point")
        if not trajectory.ok or not trajectory.value.get("met_range_km"):
            return Figure.skipped("no minimum-energy range (needs a reconstructed trajectory)")
        from .reach import Reach

        met = float(trajectory.value["met_range_km"])
        interval = trajectory.value.get("met_range_interval_km") or [None, None]
        lat, lon = launch_point.value["lat_deg"], launch_point.value["lon_deg"]
        reach = Reach(lat, lon, met, launch_point.value.get("name"))
        # The most populous cities in reach say more than the nearest ones (which, for any
        # missile, are the launching state's own).
        in_reach = reach.places(min_population=self.min_population)
        population = [in_reach.candidates[i].population or 0 for i in in_reach.candidate_index]
        biggest = sorted(range(len(in_reach)), key=lambda i: -population[i])
        places = [in_reach[i].to_record() for i in biggest[:self.places_limit]]
        rings = [r for r in (interval[0], met, interval[1]) if r]
        return Figure(status="ok", value={"site": [lat, lon], "rings_km": rings,
                                          "range_km": met, "places": places,
                                          "places_in_reach": len(in_reach)},
                      inputs={"launch_point": [lat, lon], "met_range_km": met,
                              "met_range_interval_km": interval},
                      assumptions={"rings": "geodesic rings at the minimum-energy range and "
                                            "its 5-95 % interval",
                                   "places": f"the {self.places_limit} most populous cities "
                                             f"of at least {self.min_population:,} people in "
                                             "reach",
                                   "time_of_flight": "minimum-energy free flight, boost phase "
                                                     "not included"})


def _guarded(compute: Any, *args: Any) -> Figure:
    """Run one figure; an engine's error becomes a failed figure, not a failed assessment."""
    from ..errors import LaunchwatchError

    try:
        return compute(*args)
    except LaunchwatchError as exc:
        return Figure(status="failed", reason=exc.message)
    except (ValueError, ArithmeticError) as exc:
        return Figure(status="failed", reason=f"{type(exc).__name__}: {exc}")


def _bearing_to_water(site: tuple[float, float], area: str) -> tuple[float | None, str | None]:
    """Azimuth from the site to the label point of the sea the landing area names ("the East
    Sea"); None for oceans, whose label points say nothing of a direction."""
    from ..geo import Gazetteer, inverse

    water = Gazetteer.default().water(area)
    if water is None or water.kind == "ocean":
        return None, None
    azimuth, _ = inverse(site[0], site[1], water.lat_deg, water.lon_deg)
    return float(azimuth) % 360.0, water.name


def _names_water(area: str) -> bool:
    from ..geo import Gazetteer

    return Gazetteer.default().water(area) is not None


def _zone_summary(zone: dict[str, Any]) -> str:
    """'sea: Sea of Japan, EEZ of Japan' or 'land: Japan'."""
    if zone.get("surface") == "land":
        return f"land: {zone.get('country') or 'unknown country'}"
    parts = [zone.get("sea") or zone.get("water") or "open sea"]
    if zone.get("maritime_zone") and zone.get("claimant"):
        parts.append(f"{zone['maritime_zone']} of {zone['claimant']}")
    return "sea: " + ", ".join(parts)


def _rounded(value: Any, digits: int = 0) -> Any:
    if value is None:
        return None
    try:
        return round(float(value), digits) if digits else round(float(value))
    except (TypeError, ValueError):
        return None
