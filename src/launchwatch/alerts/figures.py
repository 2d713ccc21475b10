"""What an alert says of its event: the figures with their qualifiers and sources, the areas
for CAP's ``<area>``, and what changed since the message before.

The figures are the event's best values as their sources state them ("about 600 km", with
who said so and whether the sources conflict) and the assessment's headline figures (the
minimum-energy range with its interval, the landing point and zone, the countries overflown,
the cities in reach), each marked ``assessed`` with the assessment's method as its source.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..geo.geodesy import destination
from ..model import LABELS, Event
from ..model.alert import AlertArea, AlertFigure, Change

REPORTED = ("missile_class", "missile_name", "count", "distance_km", "apogee_km",
            "flight_time_s", "max_speed_mach", "launch_site", "landing_area", "inside_japan_eez",
            "outcome")
"""The reported fields an alert carries, in the order it shows them."""

_ARC_POINTS = 9  # points on each arc of a landing sector


def event_figures(event: Event) -> list[AlertFigure]:
    """The event's figures for an alert: when it flew, the reported fields it has, then what
    the assessment found."""
    figures = []
    if event.date_local is not None:
        when = event.date_local.isoformat()
        if event.time_local is not None:
            when += f" {event.time_local.strftime('%H:%M')} local time"
        figures.append(AlertFigure(name="date_local", label="Date", shown=when, value=when,
                                   sources=_sources(event, "date_local")))
    for name in REPORTED:
        found = event.fields.get(name)
        best = found.best if found is not None else None
        if best is None:
            continue
        figures.append(AlertFigure(
            name=name, label=LABELS.get(name, name), shown=best.shown(), value=best.value,
            unit=best.unit, qualifier=best.qualifier, low=best.low, high=best.high,
            sources=_sources(event, name), conflict=found.conflict))
    return figures + _assessed(event)


def _sources(event: Event, name: str) -> list[str]:
    """Who states the field's values, best first, each once."""
    found = event.fields.get(name)
    who: dict[str, None] = {}
    for claim in found.claims if found is not None else ():
        if claim.counts:
            who[claim.authority or claim.publisher or claim.source] = None
    return list(who)


def _assessed(event: Event) -> list[AlertFigure]:
    assessment = event.assessment
    if assessment is None:
        return []
    source = [f"launchwatch assessment ({assessment.method})"]
    figures = []
    trajectory = assessment.trajectory
    if trajectory.ok and trajectory.value.met_range_km is not None:
        value = trajectory.value
        low, high = value.met_range_interval_km or (None, None)
        shown = value.met_range_text or f"{value.met_range_km:,.0f} km"
        if low is not None and high is not None and not value.reaches_anywhere:
            shown += f" (90 % interval {low:,.0f}-{high:,.0f} km)"
        figures.append(AlertFigure(
            name="met_range_km", label="Minimum-energy range", shown=shown,
            value=round(value.met_range_km), unit="km",
            qualifier="at least" if value.met_range_is_lower_bound else None,
            low=low, high=high, sources=source, assessed=True))
    landing = assessment.landing_point
    if landing.ok and landing.value.lat_deg is not None and landing.value.lon_deg is not None:
        point = landing.value
        shown = f"{point.lat_deg:.2f}, {point.lon_deg:.2f}"
        if point.uncertainty_km:
            shown += f" (within about {point.uncertainty_km:,.0f} km)"
        figures.append(AlertFigure(name="landing_point", label="Landing point", shown=shown,
                                   value=shown, qualifier="about", sources=source,
                                   assessed=True))
    zone = assessment.landing_zone
    if zone.ok and zone.value.summary:
        figures.append(AlertFigure(name="landing_zone", label="Landing zone",
                                   shown=zone.value.summary, value=zone.value.summary,
                                   sources=source, assessed=True))
    overflight = assessment.overflight
    if overflight.ok and overflight.value.countries is not None:
        countries = ", ".join(overflight.value.countries) or "none"
        figures.append(AlertFigure(name="overflown", label="Countries overflown",
                                   shown=countries, value=countries, sources=source,
                                   assessed=True))
    reach = assessment.reach
    if reach.ok and reach.value.places:
        largest = max(reach.value.places, key=lambda city: city.population)
        count = reach.value.places_in_reach or len(reach.value.places)
        shown = f"{count:,} cities, the largest {largest.name} ({largest.population:,} people)"
        figures.append(AlertFigure(name="places_in_reach", label="Cities in reach",
                                   shown=shown, value=count, sources=source, assessed=True))
    return figures


def changes(before: Sequence[AlertFigure], after: Sequence[AlertFigure]) -> list[Change]:
    """The figures whose value as shown differs between two messages, in ``after``'s order
    (then those ``after`` no longer has)."""
    old = {figure.name: figure for figure in before}
    new = {figure.name: figure for figure in after}
    found = []
    for name, figure in new.items():
        was = old.get(name)
        if was is None or was.shown != figure.shown:
            found.append(Change(figure=name, label=figure.label,
                                before=was.shown if was else None, after=figure.shown))
    found += [Change(figure=name, label=figure.label, before=figure.shown, after=None)
              for name, figure in old.items() if name not in new]
    return found


# -- areas -------------------------------------------------------------------------------------


def event_areas(event: Event) -> list[AlertArea]:
    """The areas of the assessment: where it landed (its uncertainty circle, and the sector a
    flown landing point may lie in) and the minimum-energy range ring."""
    assessment = event.assessment
    if assessment is None:
        return []
    areas = []
    landing = assessment.landing_point
    point = landing.value
    if landing.ok and point.lat_deg is not None and point.lon_deg is not None:
        areas.append(AlertArea(
            description="Assessed landing point" + (
                f", within about {point.uncertainty_km:,.0f} km" if point.uncertainty_km
                else ""),
            circle=(round(point.lat_deg, 4), round(point.lon_deg, 4),
                    round(point.uncertainty_km or 0.0, 1))))
        sector = _landing_sector(event)
        if sector is not None:
            areas.append(sector)
    reach = assessment.reach
    site = reach.value.site
    if reach.ok and site is not None and reach.value.range_km and \
            not reach.value.reaches_anywhere:
        areas.append(AlertArea(
            description=f"Within the minimum-energy range ({reach.value.range_km:,.0f} km) of "
                        "the launch site",
            circle=(round(site[0], 4), round(site[1], 4), round(reach.value.range_km, 1))))
    return areas


def _landing_sector(event: Event) -> AlertArea | None:
    """The band a landing point flown from the site may lie in: the reported distance's
    interval, the direction give or take its half-width (the assessment's assumptions)."""
    landing = event.assessment.landing_point if event.assessment else None
    if landing is None:
        return None
    start = getattr(landing.inputs, "launch_point", None)
    azimuth = landing.value.azimuth_deg
    half_width = landing.assumptions.bearing_half_width_deg
    interval = landing.assumptions.distance_interval_km
    if start is None or azimuth is None or half_width is None or interval is None:
        return None
    near_km, far_km = interval
    if not (0 < near_km <= far_km):
        return None
    bearings = np.linspace(azimuth - half_width, azimuth + half_width, _ARC_POINTS)
    lat_far, lon_far = destination(start[0], start[1], bearings, far_km)
    lat_near, lon_near = destination(start[0], start[1], bearings[::-1], near_km)
    ring = [(round(float(lat), 4), round(float(lon), 4))
            for lat, lon in zip([*lat_far, *lat_near], [*lon_far, *lon_near], strict=True)]
    ring.append(ring[0])
    return AlertArea(description=f"Landing sector: {near_km:,.0f}-{far_km:,.0f} km from the "
                                 f"site, bearing {azimuth:.0f}° ± {half_width:.0f}°",
                     polygon=ring)
