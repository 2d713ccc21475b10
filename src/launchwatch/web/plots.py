"""The flight-profile figure of an event page, as numbers for an SVG template.

The figure compares what was flown with what the same missile could reach: the reported
flight drawn as an arc through launch, apogee and impact (a sketch through the three reported
points, not the computed trajectory), and on the ground line the assessed minimum-energy range
with its 5-95 % interval.  The axes have different scales so that a lofted 1,000 km flight and
its 15,000 km reach fit one figure; ticks say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Profile:
    width: int
    height: int
    ground_y: float
    left: float
    right: float
    top: float
    arc: str  # SVG path data
    apogee_x: float
    apogee_y: float
    apogee_label: str
    range_x: float
    range_label: str
    band_x: float | None
    band_width: float | None
    met_x: float | None
    met_label: str | None
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)


def _ticks(limit: float, count: int, scale: float, origin: float) -> list[Tick]:
    step = _nice_step(limit, count)
    n = int(limit // step)
    return [Tick(at=origin + i * step * scale, label=f"{i * step:,.0f}") for i in range(n + 1)]


def flight_profile(distance_km: float, apogee_km: float, met_range_km: float | None = None,
                   met_interval_km: tuple[float, float] | None = None) -> Profile | None:
    """The figure for a flight of ``distance_km`` peaking at ``apogee_km``; None when the
    figures cannot be drawn (not positive)."""
    if not (distance_km > 0 and apogee_km > 0):
        return None
    far = max([distance_km, met_range_km or 0.0,
               *(v for v in (met_interval_km or ()) if v is not None)])
    x_limit, y_limit = far * 1.05, apogee_km * 1.15
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    sx, sy = plot_w / x_limit, plot_h / y_limit
    ground = TOP + plot_h

    def x(km: float) -> float:
        return round(LEFT + km * sx, 1)

    def y(km: float) -> float:
        return round(ground - km * sy, 1)

    # A quadratic Bezier from launch to impact whose control point is twice the apogee
    # height peaks at the apogee, half way.
    arc = f"M {x(0)} {y(0)} Q {x(distance_km / 2)} {y(2 * apogee_km)} {x(distance_km)} {y(0)}"
    band_x = band_w = met_x = None
    met_label = None
    if met_range_km:
        met_x = x(met_range_km)
        met_label = f"minimum-energy range {met_range_km:,.0f} km"
        if met_interval_km and all(v is not None for v in met_interval_km):
            low, high = met_interval_km
            band_x, band_w = x(low), max(1.0, round((high - low) * sx, 1))
    return Profile(
        width=WIDTH, height=HEIGHT, ground_y=ground, left=LEFT, right=WIDTH - RIGHT, top=TOP,
        arc=arc, apogee_x=x(distance_km / 2), apogee_y=y(apogee_km),
        apogee_label=f"apogee {apogee_km:,.0f} km", range_x=x(distance_km),
        range_label=f"{distance_km:,.0f} km flown", band_x=band_x, band_width=band_w,
        met_x=met_x, met_label=met_label,
        x_ticks=_ticks(x_limit, 6, sx, LEFT),
        y_ticks=[Tick(at=round(ground - t.at, 1), label=t.label)
                 for t in _ticks(y_limit, 4, sy, 0.0)])
