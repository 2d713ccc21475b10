"""Alert rules and the alert messages sent under them.

A :class:`Rule` says which events someone wants to hear of (each condition it sets must hold)
and on which channels.  An :class:`Alert` is one message about one event under one rule: the
first is of type ``Alert``, every later one an ``Update`` (figures revised) or a ``Cancel``
(the event was withdrawn), each referring to the messages before it, as the Common Alerting
Protocol 1.2 orders them (OASIS CAP 1.2, section 3.2.1, ``msgType`` and ``references``).

Every message carries the figures as the sources state them (qualifier and sources with each),
the areas drawn from the assessment, the link to the event's page, what changed since the
message before, and how each channel took it (:class:`Delivery`).

:mod:`launchwatch.alerts` matches rules and writes messages; :mod:`launchwatch.store` keeps
them; the web app lists them.  These records are what they exchange.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MessageType = Literal["Alert", "Update", "Cancel"]
DeliveryStatus = Literal["pending", "sent", "failed"]

MISSILE_CLASS_ORDER: tuple[str, ...] = ("SRBM", "MRBM", "IRBM", "ICBM")
"""Range classes, shortest first: a rule's ``class_at_least`` matches its class and those
after it.  Other classes (SLBM, hypersonic, ...) say what flew, not how far, and match no
range-class condition."""

RULE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
CHANNEL_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
# A rule's name goes into CAP identifiers, which may hold no space, comma, '<' or '&'
# (CAP 1.2, section 3.2.1, identifier): the patterns keep them out.

class PlaceNear(BaseModel):
    """``lands_within``: the landing point at most ``km`` from a place, named (a city, island
    or site of the gazetteer) or given as ``lat_deg``/``lon_deg``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    km: float = Field(gt=0)
    place: str | None = Field(None, max_length=200)
    lat_deg: float | None = Field(None, ge=-90, le=90)
    lon_deg: float | None = Field(None, ge=-180, le=180)

    @model_validator(mode="after")
    def _one_place(self) -> PlaceNear:
        if (self.lat_deg is None) != (self.lon_deg is None):
            raise ValueError("give both lat_deg and lon_deg, or a place name instead")
        if self.place is None and self.lat_deg is None:
            raise ValueError("name a place (place = \"Tokyo\") or give lat_deg and lon_deg")
        return self

    @property
    def shown(self) -> str:
        where = self.place or f"{self.lat_deg:.3f}, {self.lon_deg:.3f}"
        return f"within {self.km:,g} km of {where}"


class RevisionThreshold(BaseModel):
    """``revised``: the best value of ``figure`` differs from the first value reported by more
    than ``percent`` of the first value, or by more than ``absolute`` (in the figure's unit)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    figure: Literal["distance_km", "apogee_km", "flight_time_s", "max_speed_mach"]
    percent: float | None = Field(None, gt=0)
    absolute: float | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _one_threshold(self) -> RevisionThreshold:
        if (self.percent is None) == (self.absolute is None):
            raise ValueError("give exactly one of percent and absolute")
        return self

    @property
    def shown(self) -> str:
        by = f"{self.percent:g} %" if self.percent is not None else f"{self.absolute:g}"
        return f"{self.figure} revised by more than {by}"


class Rule(BaseModel):
    """Which events to alert on, and where (module docstring).  Every condition given must
    hold; ``any_event`` alone matches every event."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=RULE_NAME_PATTERN)
    channels: list[str] = Field(min_length=1)
    description: str | None = Field(None, max_length=500)
    any_event: bool = False
    class_at_least: Literal["SRBM", "MRBM", "IRBM", "ICBM"] | None = None
    overflies: str | None = Field(None, max_length=100)
    lands_in_eez: str | None = Field(None, max_length=100)
    lands_within: PlaceNear | None = None
    range_over_km: float | None = Field(None, gt=0)
    places_in_reach_over: int | None = Field(None, gt=0)
    launching_state: list[str] | None = Field(None, min_length=1)
    revised: RevisionThreshold | None = None

    CONDITIONS: ClassVar[tuple[str, ...]] = ("any_event", "class_at_least", "overflies", "lands_in_eez",
                                   "lands_within", "range_over_km", "places_in_reach_over",
                                   "launching_state", "revised")

    @model_validator(mode="before")
    @classmethod
    def _state_as_list(cls, data: object) -> object:
        # launching_state = "North Korea" reads as the list of one.
        if isinstance(data, dict) and isinstance(data.get("launching_state"), str):
            return {**data, "launching_state": [data["launching_state"]]}
        return data

    @model_validator(mode="after")
    def _some_condition(self) -> Rule:
        if not self.conditions:
            raise ValueError("a rule needs at least one condition (" +
                             ", ".join(self.CONDITIONS) + "); any_event = true matches every "
                             "event")
        for channel in self.channels:
            if re.match(CHANNEL_NAME_PATTERN, channel) is None:
                raise ValueError(f"channel name {channel!r} may hold only letters, digits, "
                                 "'_', '.' and '-'")
        return self

    @property
    def conditions(self) -> list[str]:
        """The conditions this rule sets, in declaration order."""
        return [name for name in self.CONDITIONS
                if getattr(self, name) not in (None, False)]


# -- the messages ------------------------------------------------------------------------------


class AlertFigure(BaseModel):
    """One figure of an alert: as a person reads it (``shown``: "about 600 km"), its number,
    unit and qualifier where it has them, and who states it (``sources``; for an assessed
    figure, the assessment's method)."""

    name: str
    label: str
    shown: str
    value: float | str | bool | None = None
    unit: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    sources: list[str] = Field(default_factory=list)
    conflict: bool = False
    assessed: bool = False


class Change(BaseModel):
    """A figure that differs from the message before (None: it had none, or has none now)."""

    figure: str
    label: str
    before: str | None
    after: str | None

    @property
    def shown(self) -> str:
        return f"{self.label}: {self.before or 'none'} -> {self.after or 'none'}"


class AlertArea(BaseModel):
    """An area of the event for CAP's ``<area>``: a circle (centre and radius) or a closed
    polygon of (lat, lon) points, first point repeated last."""

    description: str
    circle: tuple[float, float, float] | None = None  # (lat_deg, lon_deg, radius_km)
    polygon: list[tuple[float, float]] | None = None


class Delivery(BaseModel):
    """How one channel took one message: attempts made, and the last error if it failed."""

    channel: str
    status: DeliveryStatus = "pending"
    attempts: int = 0
    error: str | None = None
    at: datetime | None = None


class Reference(BaseModel):
    """An earlier message, as CAP's ``references`` names it: sender, identifier, sent."""

    sender: str
    identifier: str
    sent: datetime


class Alert(BaseModel):
    """One message about one event under one rule (module docstring).  ``sequence`` 0 is the
    ``Alert``; the store keeps one message per (event, rule, sequence).  ``certainty`` is
    "Observed" when a tracking or government source reported the launch, else "Likely"."""

    id: str
    event_id: str
    rule: str
    sequence: int = Field(ge=0)
    msg_type: MessageType
    sent: datetime
    sender: str
    references: list[Reference] = Field(default_factory=list)
    headline: str
    certainty: Literal["Observed", "Likely"] = "Likely"
    reasons: list[str] = Field(default_factory=list)
    figures: list[AlertFigure] = Field(default_factory=list)
    areas: list[AlertArea] = Field(default_factory=list)
    map_link: str
    changes: list[Change] = Field(default_factory=list)
    note: str | None = None
    deliveries: list[Delivery] = Field(default_factory=list)

    @property
    def status(self) -> DeliveryStatus:
        """``failed`` when any channel failed, ``sent`` when all took it, else ``pending``."""
        states = {delivery.status for delivery in self.deliveries}
        if "failed" in states:
            return "failed"
        return "pending" if "pending" in states else "sent"

    @property
    def reference(self) -> Reference:
        return Reference(sender=self.sender, identifier=self.id, sent=self.sent)

    def figure(self, name: str) -> AlertFigure | None:
        return next((f for f in self.figures if f.name == name), None)

    def text(self) -> str:
        """The message as plain text (an e-mail's body, an Atom entry's content): headline,
        why, what changed, the figures with their sources, the map link."""
        lines = [f"{self.msg_type}: {self.headline}", ""]
        if self.note:
            lines += [self.note, ""]
        if self.reasons:
            lines += [f"Rule {self.rule!r}:", *(f"  - {reason}" for reason in self.reasons), ""]
        if self.changes:
            lines += ["What changed:", *(f"  - {change.shown}" for change in self.changes), ""]
        if self.figures:
            lines.append("Figures:")
            for figure in self.figures:
                who = ", ".join(figure.sources) or "unattributed"
                flag = "; sources disagree" if figure.conflict else ""
                lines.append(f"  {figure.label}: {figure.shown} ({who}{flag})")
            lines.append("")
        lines.append(f"Map: {self.map_link}")
        return "\n".join(lines)
