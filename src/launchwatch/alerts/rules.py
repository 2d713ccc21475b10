"""Alert rules: read from the alerts file (TOML, README "Alerts") or given through the API,
checked, and matched against an event and its assessment.

:func:`match` reads only the records: the event's best values and claims, and the figures of
its :class:`~launchwatch.model.Assessment` (overflight, landing point and zone, minimum-energy
range, cities in reach).  An event without an assessment matches no condition that needs one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import SettingsError
from ..geo.gazetteer import Gazetteer
from ..geo.geodesy import distance_km
from ..model import Event, published_key
from ..model.alert import MISSILE_CLASS_ORDER, Rule
from .toml_file import read_toml

BUILT_IN_CHANNELS = ("atom",)
"""Channels every configuration has: ``atom``, the feed the web app serves at /alerts.atom."""

_TOP_LEVEL = {"base_url", "sender", "rules", "channels"}


@dataclass(frozen=True)
class AlertFile:
    """What an alerts file holds: its rules (checked, places resolved), its channels' tables
    as written (checked by :func:`launchwatch.alerts.channels.notifiers`), and the optional
    ``base_url`` and ``sender`` that override the settings'."""

    path: Path | None
    rules: tuple[Rule, ...] = ()
    channels: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    base_url: str | None = None
    sender: str | None = None

    @property
    def channel_names(self) -> set[str]:
        return {*self.channels, *BUILT_IN_CHANNELS}


def read_alert_file(path: str | Path) -> AlertFile:
    """Read and check an alerts file; a :class:`SettingsError` naming the file, the rule and
    the field says what is wrong."""
    path = Path(path)
    data = read_toml(path, unreadable="cannot read the alerts file",
                     read_hint="check the alerts_file setting",
                     format_hint="README 'Alerts' shows the format")
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise SettingsError(f"unknown key {unknown[0]!r}; an alerts file holds "
                            f"{', '.join(sorted(_TOP_LEVEL))}", path=path, field=unknown[0])
    channels = data.get("channels", {})
    if not isinstance(channels, dict) or not all(isinstance(v, dict)
                                                 for v in channels.values()):
        raise SettingsError("channels must be tables: [channels.NAME] with type = ...",
                            path=path, field="channels")
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise SettingsError("rules must be an array of tables: [[rules]]", path=path,
                            field="rules")
    for key in ("base_url", "sender"):
        if key in data and not isinstance(data[key], str):
            raise SettingsError("must be a string", path=path, field=key)
    rules = checked_rules(raw_rules, channels={*channels, *BUILT_IN_CHANNELS}, path=path)
    return AlertFile(path=path, rules=rules, channels=channels,
                     base_url=data.get("base_url"), sender=data.get("sender"))


def checked_rules(raw_rules: Iterable[Any], *, channels: set[str],
                  path: Path | None = None) -> tuple[Rule, ...]:
    """Rules from their tables, each checked (:func:`checked_rule`), names unique."""
    rules: list[Rule] = []
    for index, raw in enumerate(raw_rules):
        rule = checked_rule(raw, channels=channels, where=f"rules[{index}]", path=path)
        if any(other.name == rule.name for other in rules):
            raise SettingsError(f"a second rule is named {rule.name!r}; give each rule a name "
                                "of its own", path=path, field=f"rules[{index}].name")
        rules.append(rule)
    return tuple(rules)


def checked_rule(raw: Any, *, channels: set[str], where: str = "rule",
                 path: Path | None = None) -> Rule:
    """One rule from its table (TOML or JSON): validated, its channels known, a named place
    resolved to its point.  ``where`` names it in errors ("rules[2]")."""
    if isinstance(raw, Rule):
        raw = raw.model_dump(exclude_defaults=True)
    if not isinstance(raw, dict):
        raise SettingsError("a rule is a table of conditions and channels", path=path,
                            field=where)
    named = f"{where} ({raw['name']!r})" if isinstance(raw.get("name"), str) else where
    try:
        rule = Rule.model_validate(raw)
    except ValidationError as exc:
        problem = exc.errors()[0]
        spot = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{message}; README 'Alerts' lists what a rule may say", path=path,
                            field=f"{named}.{spot}" if spot else named) from None
    unknown = [name for name in rule.channels if name not in channels]
    if unknown:
        raise SettingsError(f"no channel is named {unknown[0]!r}; define it as "
                            f"[channels.{unknown[0]}] or use one of "
                            f"{', '.join(sorted(channels))}", path=path,
                            field=f"{named}.channels")
    return _with_place_resolved(rule, named, path)


def _with_place_resolved(rule: Rule, named: str, path: Path | None) -> Rule:
    near = rule.lands_within
    if near is None or near.lat_deg is not None:
        return rule
    gazetteer = Gazetteer.default()
    assert near.place is not None  # PlaceNear requires a place or a point
    found = gazetteer.city(near.place) or gazetteer.landmark(near.place) or \
        gazetteer.site(near.place)
    if found is None:
        raise SettingsError(f"launchwatch's gazetteer has no place named {near.place!r}; give "
                            "lat_deg and lon_deg instead", path=path,
                            field=f"{named}.lands_within.place")
    point = near.model_copy(update={"lat_deg": found.lat_deg, "lon_deg": found.lon_deg})
    return rule.model_copy(update={"lands_within": point})


# -- matching ----------------------------------------------------------------------------------


def match(rule: Rule, event: Event) -> list[str] | None:
    """Why ``event`` meets ``rule``: one reason per condition, in the rule's order; None when
    any condition fails."""
    reasons = []
    for condition in rule.conditions:
        reason = _CHECKS[condition](rule, event)
        if reason is None:
            return None
        reasons.append(reason)
    return reasons


def _any_event(rule: Rule, event: Event) -> str | None:
    return "a launch was reported"


def _class_at_least(rule: Rule, event: Event) -> str | None:
    shown = event.missile_class
    if shown not in MISSILE_CLASS_ORDER or rule.class_at_least is None:
        return None
    if MISSILE_CLASS_ORDER.index(shown) < MISSILE_CLASS_ORDER.index(rule.class_at_least):
        return None
    return f"class {shown} (at least {rule.class_at_least})"


def _overflies(rule: Rule, event: Event) -> str | None:
    figure = event.assessment.overflight if event.assessment else None
    if figure is None or not figure.ok or rule.overflies is None:
        return None
    wanted = rule.overflies.casefold()
    for country in figure.value.countries or ():
        if country.casefold() == wanted:
            return f"the ground track crosses {country}"
    return None


def _lands_in_eez(rule: Rule, event: Event) -> str | None:
    assert rule.lands_in_eez is not None
    wanted = rule.lands_in_eez.casefold()
    figure = event.assessment.landing_zone if event.assessment else None
    if figure is not None and figure.ok:
        zone = figure.value
        if zone.claimant and zone.claimant.casefold() == wanted and \
                zone.maritime_zone in ("EEZ", "territorial sea"):
            return f"the assessed landing point is in {zone.claimant}'s {zone.maritime_zone}"
        if wanted == "japan" and zone.inside_japan_eez:
            return "the assessed landing point is inside Japan's EEZ"
    if wanted == "japan" and event.value("inside_japan_eez") is True:
        return f"the sources say it landed inside Japan's EEZ ({_sources(event, 'inside_japan_eez')})"
    return None


def _lands_within(rule: Rule, event: Event) -> str | None:
    near = rule.lands_within
    figure = event.assessment.landing_point if event.assessment else None
    if near is None or figure is None or not figure.ok or near.lat_deg is None:
        return None
    point = figure.value
    if point.lat_deg is None or point.lon_deg is None:
        return None
    km = float(distance_km(near.lat_deg, near.lon_deg, point.lat_deg, point.lon_deg))
    if km > near.km:
        return None
    return f"the assessed landing point is {km:,.0f} km from " \
           f"{near.place or 'the point given'} ({near.shown})"


def _range_over_km(rule: Rule, event: Event) -> str | None:
    figure = event.assessment.trajectory if event.assessment else None
    if figure is None or not figure.ok or rule.range_over_km is None:
        return None
    range_km = figure.value.met_range_km
    if range_km is None or range_km <= rule.range_over_km:
        return None
    text = figure.value.met_range_text or f"{range_km:,.0f} km"
    return f"minimum-energy range {text}, over {rule.range_over_km:,g} km"


def _places_in_reach_over(rule: Rule, event: Event) -> str | None:
    figure = event.assessment.reach if event.assessment else None
    if figure is None or not figure.ok or rule.places_in_reach_over is None:
        return None
    big = [city for city in figure.value.places or ()
           if city.population > rule.places_in_reach_over]
    if not big:
        return None
    largest = max(big, key=lambda city: city.population)
    return (f"{len(big)} place(s) of more than {rule.places_in_reach_over:,} people in reach, "
            f"the largest {largest.name} ({largest.population:,})")


def _launching_state(rule: Rule, event: Event) -> str | None:
    wanted = {name.casefold() for name in rule.launching_state or ()}
    if event.country is None or event.country.casefold() not in wanted:
        return None
    return f"launched by {event.country}"


def _revised(rule: Rule, event: Event) -> str | None:
    """The best value against the first value reported (by publication time), as a revision
    of that figure (the first report's figure is what people heard first)."""
    threshold = rule.revised
    found = event.fields.get(threshold.figure) if threshold else None
    if threshold is None or found is None or found.best is None or found.best.number is None:
        return None
    stated = [claim for claim in found.claims if claim.counts and claim.number is not None]
    if len(stated) < 2:
        return None
    first = min(stated, key=lambda claim: published_key(claim.published))
    before, after = first.number, found.best.number
    assert before is not None
    by = abs(after - before)
    limit = threshold.absolute if threshold.absolute is not None else \
        abs(before) * (threshold.percent or 0) / 100
    if by <= limit:
        return None
    return f"{threshold.figure} revised from {first.shown()} to {found.best.shown()} " \
           f"({threshold.shown})"


def _sources(event: Event, name: str) -> str:
    found = event.fields.get(name)
    best = found.best if found else None
    if best is None:
        return "unattributed"
    return best.authority or best.publisher or best.source


_CHECKS = {
    "any_event": _any_event, "class_at_least": _class_at_least, "overflies": _overflies,
    "lands_in_eez": _lands_in_eez, "lands_within": _lands_within,
    "range_over_km": _range_over_km, "places_in_reach_over": _places_in_reach_over,
    "launching_state": _launching_state, "revised": _revised,
}
assert set(_CHECKS) == set(Rule.CONDITIONS)
