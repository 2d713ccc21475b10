"""launchwatch.physics: ballistic flight on a rotating WGS84 Earth, and its inverses.

Knows nothing of reports or databases: SI inside, units in every name, one code path for one
state ``(6,)`` and for a batch ``(N, 6)``.

Closed form (BMW ch. 6): :func:`minimum_energy`, :func:`met_range_km`,
:func:`time_of_flight_s`.
"""

from .minimum_energy import BallisticArc, met_range_km, minimum_energy, time_of_flight_s

__all__ = sorted([
    "BallisticArc",
    "met_range_km",
    "minimum_energy",
    "time_of_flight_s",
])
