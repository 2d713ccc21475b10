"""How values read on a page: field labels and numbers with their qualifiers and units."""

from __future__ import annotations

from datetime import date, time
from typing import Any

# (field, label) in the order an event page lists them.
FIELDS: tuple[tuple[str, str], ...] = (
    ("date_local", "Date (local)"),
    ("time_local", "Time (local)"),
    ("country", "Launching state"),
    ("launch_site", "Launch site"),
    ("missile_class", "Class"),
    ("missile_name", "Missile"),
    ("count", "Number fired"),
    ("distance_km", "Distance flown"),
    ("apogee_km", "Apogee"),
    ("flight_time_s", "Flight time"),
    ("max_speed_mach", "Top speed"),
    ("landing_area", "Landing area"),
    ("inside_japan_eez", "Japan's EEZ"),
    ("direction", "Direction"),
    ("reported_by", "Reported by"),
)
LABELS = dict(FIELDS)

_UNITS = {"distance_km": "km", "apogee_km": "km", "flight_time_s": "s"}


def number(value: float) -> str:
    """1002.0 -> '1,002', 4.5 -> '4.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def display(field: str, value: Any, qualifier: str | None = None) -> str:
    """A value as a person reads it: 'about 500 km', 'Mach 10', 'outside'."""
    if value is None:
        return "—"
    if field == "inside_japan_eez":
        return "inside" if value else "outside"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if field == "max_speed_mach" and isinstance(value, (int, float)):
        text = f"Mach {number(value)}"
    elif field == "flight_time_s" and isinstance(value, (int, float)):
        text = f"{number(value)} s"
        if value >= 120:
            text += f" ({value / 60:.0f} min)"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and field in _UNITS:
        text = f"{number(value)} {_UNITS[field]}"
    else:
        text = str(value)
    return f"{qualifier} {text}" if qualifier else text


def stated_values(launch: Any) -> list[tuple[str, Any, str | None]]:
    """(field, plain value, qualifier) for each field a launch states, in page order."""
    out = []
    for name, _ in FIELDS:
        value = getattr(launch, name, None)
        if value in (None, []):
            continue
        out.append((name, getattr(value, "value", value), getattr(value, "qualifier", None)))
    return out
