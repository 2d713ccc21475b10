"""The assessment of an event: what the physics and the geography make of its best values.

:mod:`launchwatch.assess` computes six figures for an event, each with its status, its value,
the inputs it was computed from and the assumptions it made, or the reason it was not computed:

``launch_point`` (:class:`LaunchPointFigure`)
    the site's coordinates, as a report gave them or as the gazetteer has the site's name.
``trajectory`` (:class:`TrajectoryFigure`)
    the fitted flight, the consistency verdict when a flight time is given, and the
    minimum-energy range with its Monte Carlo interval.
``landing_point`` (:class:`LandingPointFigure`)
    placed from a stated relative location (with its uncertainty), or flown from the site along
    the reported direction for the reported distance.
``landing_zone`` (:class:`LandingZoneFigure`)
    land or sea, which sea, whose maritime zone, and whether the sources' EEZ verdict agrees.
``overflight`` (:class:`OverflightFigure`)
    the countries whose land the ground track from site to landing point crosses.
``reach`` (:class:`ReachFigure`)
    range rings and the most populous cities within reach, with the time of flight to each.

A figure's value, inputs and assumptions are :class:`Part` records with named, typed fields.
Which fields a computation gives depends on how it went (a landing point placed from a relative
location has an anchor, one flown from the site an azimuth); the JSON holds those it gave and
no nulls for the others, so an assessment read back from the store writes the JSON it was
stored as.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal, Self, Union

from pydantic import (BaseModel, Discriminator, Field, SerializerFunctionWrapHandler, Tag,
                      model_serializer)

Status = Literal["ok", "not computed", "failed"]

Point = tuple[float, float]
"""(lat_deg, lon_deg)."""

Interval = tuple[float | None, float | None]
"""The 5 % and 95 % bounds of a Monte Carlo figure (None where the samples gave none)."""

ANY_POINT_ON_EARTH_KM = 20_000.0
"""A range this long reaches any point on Earth.  No two points of the WGS84 ellipsoid are
farther apart along the surface than pole to pole, 20,003.9 km (meridian arc; Karney 2013), so
20,000 km leaves out at most a cap of 4 km around the antipode, far inside the spread of any
figure derived from reported numbers."""


def reaches_anywhere(range_km: float | None) -> bool:
    """Whether a range (or a lower bound of it) reaches any point on Earth."""
    return range_km is not None and range_km >= ANY_POINT_ON_EARTH_KM


def range_text(range_km: float, *, is_lower_bound: bool = False) -> str:
    """A minimum-energy range in words that cannot mislead: "≥ 20,000 km: any point on Earth"
    when it reaches anywhere (a figure such as 20,015 km would read as a distance, where it
    is the half circumference the computation was capped at), "≥ 12,300 km" for a lower
    bound, else "12,300 km"."""
    if reaches_anywhere(range_km):
        return f"≥ {ANY_POINT_ON_EARTH_KM:,.0f} km: any point on Earth"
    return f"{'≥ ' if is_lower_bound else ''}{range_km:,.0f} km"


class Part(BaseModel):
    """A figure's value, inputs or assumptions (module docstring): the fields the computation
    gave, in the order they are declared; the others are left out of the JSON."""

    @model_serializer(mode="wrap")
    def _given_fields(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        given = self.model_fields_set
        return {name: value for name, value in handler(self).items() if name in given}


class Stated(BaseModel):
    """A best value of the event as its sources state it: the number and its qualifier."""

    value: float
    qualifier: str | None = None


class AssessmentInputs(Part):
    """What an event's assessment depends on: its best values and the site's point
    (:func:`launchwatch.assess.assessor.assessment_inputs`)."""

    country: str | None = None
    launch_site: str | None = None
    launch_point: Point | None = None
    missile_class: str | None = None
    distance_km: Stated | None = None
    apogee_km: Stated | None = None
    flight_time_s: Stated | None = None
    direction: str | None = None
    landing_area: str | None = None
    inside_japan_eez: bool | None = None


class Figure(BaseModel):
    """One assessed figure: its value, what it was computed from, and how; or why it was not
    computed.  Each figure of an :class:`Assessment` is a subclass with its own parts."""

    status: Status
    value: Part = Field(default_factory=Part)
    inputs: Part = Field(default_factory=Part)
    assumptions: Part = Field(default_factory=Part)
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @classmethod
    def skipped(cls, reason: str, **inputs: Any) -> Self:
        """Not computed, for ``reason``, from ``inputs``."""
        return cls(status="not computed", reason=reason, inputs=inputs)

    @classmethod
    def failed(cls, reason: str) -> Self:
        """An engine's error (``reason``) stopped the figure."""
        return cls(status="failed", reason=reason)


# -- launch point ------------------------------------------------------------------------------


class LaunchPointValue(Part):
    lat_deg: float | None = None
    lon_deg: float | None = None
    name: str | None = None
    source: Literal["report", "gazetteer"] | None = None


class LaunchPointInputs(Part):
    launch_site: str | None = None


class LaunchPointAssumptions(Part):
    site: str | None = None


class LaunchPointFigure(Figure):
    """The site's coordinates: as a report gave them, else the gazetteer's entry for the name."""

    value: LaunchPointValue = Field(default_factory=LaunchPointValue)
    inputs: LaunchPointInputs = Field(default_factory=LaunchPointInputs)
    assumptions: LaunchPointAssumptions = Field(default_factory=LaunchPointAssumptions)


# -- trajectory --------------------------------------------------------------------------------


class Consistency(BaseModel):
    """Whether range, apogee and flight time fit one ballistic flight within their rounding
    (:class:`launchwatch.physics.reconstruction.ConsistencyVerdict`)."""

    consistent: bool
    reported_flight_time_s: float | None
    reported_interval_s: Interval
    predicted_flight_time_s: float | None
    predicted_interval_s: Interval
    discrepancy_s: float | None
    discrepancy_fraction: float | None
    surface_offset_s: float | None
    reason: str


class Residuals(Part):
    """The fitted flight's figures minus the reported ones."""

    flight_time_s: float | None = None
    apogee_km: float | None = None
    range_km: float | None = None


class TrajectoryValue(Part):
    status: str | None = None
    consistent: bool | None = None
    consistency: Consistency | None = None
    met_range_km: float | None = None
    met_range_interval_km: Interval | None = None
    met_range_is_lower_bound: bool | None = None
    reaches_anywhere: bool = False
    met_range_text: str | None = None
    burnout_speed_m_s: float | None = None
    burnout_angle_deg: float | None = None
    burnout_altitude_km: float | None = None
    predicted_flight_time_s: float | None = None
    predicted_flight_time_interval_s: Interval | None = None
    residuals: Residuals | None = None
    notes: list[str] | None = None


class TrajectoryInputs(Part):
    distance_km: Stated | None = None
    apogee_km: Stated | None = None
    flight_time_s: Stated | None = None
    missile_class: str | None = None


class TrajectoryAssumptions(Part):
    """The reconstruction's assumptions (:meth:`launchwatch.physics.Reconstruction.assumptions`),
    then a note for each input given as a lower bound and taken as the figure."""

    missile_class: str | None = None
    boost_duration_s: float | None = None
    boost_duration_range_s: tuple[float, float] | None = None
    path_fraction: float | None = None
    path_fraction_choices: list[float] | None = None
    pitch_exponent: float | None = None
    pitch_exponent_choices: list[float] | None = None
    burnout_altitude_km: float | None = None
    boost_range_km: float | None = None
    earth_model: str | None = None
    range_half_width_km: float | None = None
    apogee_half_width_km: float | None = None
    flight_time_half_width_s: float | None = None
    monte_carlo_samples: int | None = None
    seed: int | None = None
    met_method: str | None = None
    distance_km: str | None = None
    apogee_km: str | None = None
    flight_time_s: str | None = None


class TrajectoryFigure(Figure):
    """The reconstructed flight and the minimum-energy range with its interval."""

    value: TrajectoryValue = Field(default_factory=TrajectoryValue)
    inputs: TrajectoryInputs = Field(default_factory=TrajectoryInputs)
    assumptions: TrajectoryAssumptions = Field(default_factory=TrajectoryAssumptions)


# -- landing point -----------------------------------------------------------------------------


class LandingPointValue(Part):
    lat_deg: float | None = None
    lon_deg: float | None = None
    method: str | None = None
    uncertainty_km: float | None = None
    anchor: str | None = None
    bearing_deg: float | None = None
    azimuth_deg: float | None = None


class FlownLandingInputs(Part):
    """A landing point flown from the site: along the direction, for the distance."""

    launch_point: Point | None = None
    direction: str | None = None
    distance_km: Stated | None = None
    landing_area: str | None = None


class RelativeLandingInputs(Part):
    """A landing point placed from a relative location ("250 km west of Okushiri Island")."""

    landing_area: str | None = None
    launch_point: Point | None = None


def _landing_inputs_kind(inputs: Any) -> str:
    if isinstance(inputs, BaseModel):
        return "relative" if isinstance(inputs, RelativeLandingInputs) else "flown"
    return "relative" if set(inputs) == {"landing_area", "launch_point"} else "flown"


LandingPointInputs = Annotated[
    Union[Annotated[FlownLandingInputs, Tag("flown")],
          Annotated[RelativeLandingInputs, Tag("relative")]],
    Discriminator(_landing_inputs_kind)]


class LandingPointAssumptions(Part):
    distance_interval_km: tuple[float, float] | None = None
    bearing_half_width_deg: float | None = None
    bearing_from: str | None = None
    path: str | None = None
    direction: str | None = None


class LandingPointFigure(Figure):
    """Where the missile came down, and how that was worked out."""

    value: LandingPointValue = Field(default_factory=LandingPointValue)
    inputs: LandingPointInputs = Field(default_factory=FlownLandingInputs)
    assumptions: LandingPointAssumptions = Field(default_factory=LandingPointAssumptions)


# -- landing zone ------------------------------------------------------------------------------


class LandingZoneValue(Part):
    """The landing point's zone (:meth:`launchwatch.geo.Zone.to_record`) and how it compares
    with what the sources said."""

    lat_deg: float | None = None
    lon_deg: float | None = None
    surface: str | None = None
    country: str | None = None
    sea: str | None = None
    water: str | None = None
    claimant: str | None = None
    maritime_zone: str | None = None
    coast_distance_km: float | None = None
    inside_japan_eez: bool | None = None
    summary: str | None = None
    reported_inside_japan_eez: bool | None = None
    agrees_with_report: bool | None = None
    notes: list[str] | None = None


class LandingZoneInputs(Part):
    landing_point: Point | None = None
    inside_japan_eez: bool | None = None


class LandingZoneAssumptions(Part):
    zones: str | None = None


class LandingZoneFigure(Figure):
    """Land or sea, which sea, whose maritime zone."""

    value: LandingZoneValue = Field(default_factory=LandingZoneValue)
    inputs: LandingZoneInputs = Field(default_factory=LandingZoneInputs)
    assumptions: LandingZoneAssumptions = Field(default_factory=LandingZoneAssumptions)


# -- overflight --------------------------------------------------------------------------------


class TrackPoint(BaseModel):
    lat_deg: float
    lon_deg: float
    along_km: float


class Passage(BaseModel):
    """Where the ground track crosses one country's land (:class:`launchwatch.geo.Overflight`)."""

    country: str | None
    entry: TrackPoint
    exit: TrackPoint
    length_km: float


class OverflightValue(Part):
    countries: list[str] | None = None
    passages: list[Passage] | None = None
    track_length_km: float | None = None


class OverflightInputs(Part):
    launch_point: Point | None = None
    landing_point: Point | None = None


class OverflightAssumptions(Part):
    track: str | None = None


class OverflightFigure(Figure):
    """The countries whose land the ground track crosses."""

    value: OverflightValue = Field(default_factory=OverflightValue)
    inputs: OverflightInputs = Field(default_factory=OverflightInputs)
    assumptions: OverflightAssumptions = Field(default_factory=OverflightAssumptions)


# -- reach -------------------------------------------------------------------------------------


class CityInReach(BaseModel):
    """A city within the minimum-energy range (:meth:`launchwatch.assess.PlaceInReach.to_record`
    of a gazetteer city: cities always have a population)."""

    name: str
    kind: str
    country: str | None
    lat_deg: float
    lon_deg: float
    population: int
    distance_km: float
    azimuth_deg: float
    time_of_flight_s: float | None


class ReachValue(Part):
    """The reach of the minimum-energy range.  When it ``reaches_anywhere`` (module
    :data:`ANY_POINT_ON_EARTH_KM`) ``rings_km`` is empty: a ring at that range would be a dot
    at the antipode, and a map framed on it would push the real flight to its edge.
    ``range_text`` is the range in words (:func:`range_text`).  An assessment stored before
    these two fields existed lacks them (it is read back as stored); the assessor's version
    makes the pipeline recompute it."""

    site: Point | None = None
    rings_km: list[float] | None = None
    range_km: float | None = None
    range_is_lower_bound: bool | None = None
    reaches_anywhere: bool = False
    range_text: str | None = None
    places: list[CityInReach] | None = None
    places_in_reach: int | None = None


class ReachInputs(Part):
    launch_point: Point | None = None
    met_range_km: float | None = None
    met_range_interval_km: Interval | None = None


class ReachAssumptions(Part):
    rings: str | None = None
    places: str | None = None
    time_of_flight: str | None = None


class ReachFigure(Figure):
    """Range rings and the most populous cities within reach."""

    value: ReachValue = Field(default_factory=ReachValue)
    inputs: ReachInputs = Field(default_factory=ReachInputs)
    assumptions: ReachAssumptions = Field(default_factory=ReachAssumptions)


# -- the assessment ----------------------------------------------------------------------------

HEADLINE_KEYS = ("consistent", "met_range_km", "met_range_low_km", "met_range_high_km",
                 "met_range_is_lower_bound", "reaches_anywhere", "landing_lat", "landing_lon",
                 "landing_zone",
                 "overflown")


class Assessment(BaseModel):
    """The figures assessed for one event, with the hash of the inputs they came from."""

    event_id: str
    inputs: AssessmentInputs
    inputs_hash: str
    method: str
    computed_at: datetime | None = None
    launch_point: LaunchPointFigure
    trajectory: TrajectoryFigure
    landing_point: LandingPointFigure
    landing_zone: LandingZoneFigure
    overflight: OverflightFigure
    reach: ReachFigure

    FIGURES: ClassVar[tuple[str, ...]] = ("launch_point", "trajectory", "landing_point",
                                          "landing_zone", "overflight", "reach")

    def figures(self) -> dict[str, Figure]:
        return {name: getattr(self, name) for name in self.FIGURES}

    def headline(self) -> dict[str, Any]:
        """The few figures a table shows (None where not computed)."""
        out: dict[str, Any] = dict.fromkeys(HEADLINE_KEYS)
        if self.trajectory.ok:
            trajectory = self.trajectory.value
            low, high = trajectory.met_range_interval_km or (None, None)
            out["consistent"] = trajectory.consistent
            out["met_range_km"] = _rounded(trajectory.met_range_km)
            out["met_range_low_km"] = _rounded(low)
            out["met_range_high_km"] = _rounded(high)
            out["met_range_is_lower_bound"] = trajectory.met_range_is_lower_bound
            out["reaches_anywhere"] = reaches_anywhere(trajectory.met_range_km)
        if self.landing_point.ok:
            out["landing_lat"] = _rounded(self.landing_point.value.lat_deg, 3)
            out["landing_lon"] = _rounded(self.landing_point.value.lon_deg, 3)
        if self.landing_zone.ok:
            out["landing_zone"] = self.landing_zone.value.summary
        if self.overflight.ok:
            out["overflown"] = self.overflight.value.countries
        return out


def empty_headline() -> dict[str, Any]:
    return dict.fromkeys(HEADLINE_KEYS)


def _rounded(value: float | None, digits: int = 0) -> float | int | None:
    if value is None:
        return None
    try:
        return round(float(value), digits) if digits else round(float(value))
    except (TypeError, ValueError):
        return None
