"""Field labels as pages show them; values are written by the events stage (``Claim.shown``)."""

LABELS: dict[str, str] = {
    "date_local": "Date (local)",
    "time_local": "Time (local)",
    "country": "Launching state",
    "launch_site": "Launch site",
    "missile_class": "Class",
    "missile_name": "Missile",
    "count": "Number fired",
    "distance_km": "Distance flown",
    "apogee_km": "Apogee",
    "flight_time_s": "Flight time",
    "max_speed_mach": "Top speed",
    "landing_area": "Landing area",
    "inside_japan_eez": "Japan's EEZ",
    "direction": "Direction",
}
