"""The launch fields: each thing a report can state about a launch, declared once.

A :class:`~launchwatch.model.Launch` has an attribute per field, the store a column of
``launches`` and ``events`` per field, fusion a best value per claimed field, pages a label
and the CNS format a column for some.  Each of them reads the field here:

``name``
    the attribute and column, unit in the name (``distance_km``);
``type``
    the Python type of its value.  A figure's value is a ``float`` in ``unit``, which a
    :class:`~launchwatch.model.Launch` holds as a :class:`~launchwatch.model.Quantity` (with
    its qualifier and range) and a column as the number;
``kind``
    how its claims are read and compared (:class:`Kind`), which decides their spread and when
    they conflict (:mod:`launchwatch.events.fusion`).  None for the fields no claim is made
    of: the state and the date, which launches are matched on
    (:mod:`launchwatch.events.matching`), and the site's latitude and longitude, which travel
    with the site's claims (``part_of``);
``unit``
    of a figure (``km``, ``s``, ``Mach``), or of the degrees of a point;
``cns_column``
    its column in the CNS North Korea Missile Test Database (:mod:`launchwatch.exchange.cns`),
    None when CNS keeps none;
``label``
    as a page names it; ``heading``, the column heading of the terminal's events table;
``max_chars``
    the longest value, where it is short enough for the store to say so (class names);
``plausible``
    the lowest and highest value a report can plausibly give, for a number
    (:func:`launchwatch.model.plausibility` flags a value outside them; it never drops one).

From the declaration come :data:`FIELDS`, :data:`QUANTITY_FIELDS`, :data:`UNITS` and
:data:`LABELS`, the columns of :mod:`launchwatch.store.tables`, the CNS reader's and writer's
column mappings and the CLI's headings.  A new field is a line here and an attribute of
:class:`~launchwatch.model.Launch` (a test checks that they agree), then a migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import Enum


class Kind(str, Enum):
    """How the claims of a field are read and compared."""

    NUMBER = "number"
    """A figure with its unit and qualifier: the spread runs from the lowest value any claim
    allows to the highest; two claims conflict when their intervals do not overlap."""
    COUNT = "count"
    """A whole number: spread as for a figure; claims conflict when they differ."""
    CLOCK = "clock"
    """A time of day, 'HH:MM': claims conflict when they are too far apart."""
    PLACE = "place"
    """A site's name, with its point when the source gives one: claims conflict when two
    placed points are too far apart; names alone never do."""
    COMPASS = "compass"
    """A compass word ('ENE', 'north-east'): claims conflict when their azimuths are too far
    apart."""
    NAME = "name"
    """A name from a short list (a class, a missile): claims conflict when they differ."""
    TEXT = "text"
    """Free text (a landing area): claims never conflict."""
    BOOL = "bool"
    """Yes or no: claims conflict when they differ."""


@dataclass(frozen=True)
class LaunchField:
    """One launch field (module docstring)."""

    name: str
    type: type
    kind: Kind | None
    label: str
    heading: str | None = None
    unit: str | None = None
    cns_column: str | None = None
    part_of: str | None = None
    max_chars: int | None = None
    plausible: tuple[float, float] | None = None

    @property
    def claimed_as(self) -> str | None:
        """The field whose claims carry this one's value: itself, the field it is part of,
        or None (a field no claim is made of)."""
        return self.part_of or (self.name if self.kind is not None else None)


LAUNCH_FIELDS: tuple[LaunchField, ...] = (
    LaunchField("country", str, None, "Launching state"),
    LaunchField("date_local", date, None, "Date (local)", cns_column="Date"),
    # How much of date_local the source gave: "day", or only the "month" or the "year" (CNS
    # lists a few launches of 1984-92 so), the date then being the period's first day.
    # Matching never takes a launch of one precision for one of another
    # (:mod:`launchwatch.events.matching`).
    LaunchField("date_precision", str, None, "Date precision", max_chars=8),
    LaunchField("time_local", time, Kind.CLOCK, "Time (local)", "time",
                cns_column="Launch Time (UTC)"),
    LaunchField("launch_site", str, Kind.PLACE, "Launch site", "site",
                cns_column="Facility Name"),
    LaunchField("launch_lat", float, None, "Launch site latitude", unit="deg",
                cns_column="Facility Latitude", part_of="launch_site", plausible=(-90, 90)),
    LaunchField("launch_lon", float, None, "Launch site longitude", unit="deg",
                cns_column="Facility Longitude", part_of="launch_site", plausible=(-180, 180)),
    LaunchField("missile_class", str, Kind.NAME, "Class", "class", cns_column="Missile Type",
                max_chars=16),
    LaunchField("missile_name", str, Kind.NAME, "Missile", "name", cns_column="Missile Name"),
    # The most North Korea fired in a day is about two dozen (2 November 2022); a hundred
    # allows for salvos of rocket artillery.
    LaunchField("count", int, Kind.COUNT, "Number fired", "n", plausible=(1, 100)),
    # No two places on Earth are farther apart along its surface than half its equatorial
    # circumference, 20,037.5 km (WGS 84, NIMA TR8350.2).
    LaunchField("distance_km", float, Kind.NUMBER, "Distance flown", "distance km", unit="km",
                cns_column="Distance Travelled", plausible=(0, 20_040)),
    # The highest a missile test has gone is 7,687.5 km (Hwasong-19, 31 October 2024, as
    # KCNA gave it); 20,000 km is more than twice that.
    LaunchField("apogee_km", float, Kind.NUMBER, "Apogee", "apogee km", unit="km",
                cns_column="Apogee", plausible=(0, 20_000)),
    # The longest test flight lasted 5,156 s (the same Hwasong-19); four hours is nearly
    # three times that.
    LaunchField("flight_time_s", float, Kind.NUMBER, "Flight time", "flight s", unit="s",
                plausible=(0, 14_400)),
    # Orbital speed is about Mach 23 and escape speed Mach 33 (at the sea-level speed of
    # sound, 340 m/s, as reports count Mach); forty leaves room above both.
    LaunchField("max_speed_mach", float, Kind.NUMBER, "Top speed", unit="Mach",
                plausible=(0, 40)),
    LaunchField("landing_area", str, Kind.TEXT, "Landing area", cns_column="Landing Location"),
    LaunchField("inside_japan_eez", bool, Kind.BOOL, "Japan's EEZ"),
    LaunchField("direction", str, Kind.COMPASS, "Direction"),
    # Whether the test worked, as a source judges it: "success", "failure" or "partial"
    # (:data:`OUTCOMES`); None when no source says.
    LaunchField("outcome", str, Kind.NAME, "Outcome", "outcome", cns_column="Test Outcome",
                max_chars=16),
    # Whether the launch is confirmed (a tracking or government source, or the launching
    # state, says it happened) or only reported: "confirmed" or "unconfirmed".
    LaunchField("confirmation", str, Kind.NAME, "Confirmation",
                cns_column="Confirmation Status", max_chars=16),
)
"""Every launch field, in the order a launch's record lists them."""

DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
"""How much of a date a source gives, finest first (the values of ``date_precision``)."""

OUTCOMES: tuple[str, ...] = ("success", "failure", "partial")
"""The test outcomes a source can state (the values of ``outcome``)."""

CONFIRMATIONS: tuple[str, ...] = ("confirmed", "unconfirmed")
"""The confirmation statuses (the values of ``confirmation``)."""

LAUNCH_FIELD: dict[str, LaunchField] = {field.name: field for field in LAUNCH_FIELDS}
"""The launch fields by name."""

#: The fields fusion chooses a best value for, in the order they are shown.  Country and date
#: are not among them: they are what a launch is matched on (:mod:`launchwatch.events.matching`).
FIELDS: tuple[str, ...] = tuple(f.name for f in LAUNCH_FIELDS if f.kind is not None)

#: The figures: a :class:`~launchwatch.model.Quantity` on a launch, a number with a unit in a
#: claim.
QUANTITY_FIELDS: tuple[str, ...] = tuple(f.name for f in LAUNCH_FIELDS if f.kind is Kind.NUMBER)

#: The unit of each figure.
UNITS: dict[str, str] = {f.name: f.unit for f in LAUNCH_FIELDS
                         if f.kind is Kind.NUMBER and f.unit is not None}

#: Each field's label, as pages show it.
LABELS: dict[str, str] = {f.name: f.label for f in LAUNCH_FIELDS}
