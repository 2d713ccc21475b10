"""launchwatch.physics: ballistic flight on a rotating WGS84 Earth, and its inverses.

Knows nothing of reports or databases.  SI inside, units in every name, one code path for one
state ``(6,)`` and for a batch ``(N, 6)``.  Modules, one job each:

- ``constants``, ``frames`` (geodetic <-> ECEF <-> inertial), ``gravity`` (point mass + J2),
  ``atmosphere`` (USSA76 density);
- ``conic`` (BMW 6.2 closed-form relations), ``minimum_energy`` (MET and time of flight);
- ``propagator`` (the role), ``kepler_propagator``, ``numerical_propagator``, ``flight``;
- ``boost`` (the boost-phase observation model), ``arc_fit`` (range + apogee -> burnout,
  and back to time), ``met_carry`` (lofted test -> minimum-energy range), ``inverse`` (the
  public solvers with result objects), ``reach`` (MET on the turning Earth), ``uncertainty``
  (percentiles; the rounding rule is :mod:`launchwatch.units`), ``reconstruction`` (all of it
  with Monte Carlo intervals), ``refly`` (the same re-flown with drag, J2 and rotation).

Quick figures::

    >>> from launchwatch.physics import minimum_energy
    >>> round(float(minimum_energy(10_000).burnout_speed_m_s))
    7198
"""

from .atmosphere import density_kg_m3, pressure_pa, temperature_k
from .boost import MISSILE_CLASSES, BoostModel
from .flight import Flight
from .frames import (ecef_to_geodetic, ecef_to_inertial, geodetic_to_ecef, inertial_to_ecef,
                     state_from_local)
from .gravity import gravity_m_s2
from .inverse import (ApogeeTimeSolution, MetRangeSolution, RangeApogeeSolution,
                      RangeTimeSolution, solve_apogee_time, solve_met_range, solve_range_apogee,
                      solve_range_time)
from .kepler_propagator import KeplerPropagator
from .minimum_energy import BallisticArc, met_range_km, minimum_energy, time_of_flight_s
from .numerical_propagator import NumericalPropagator
from .propagator import Propagator
from .reconstruction import ConsistencyVerdict, Reconstruction, reconstruct

__all__ = [
    "ApogeeTimeSolution",
    "BallisticArc",
    "BoostModel",
    "ConsistencyVerdict",
    "Flight",
    "KeplerPropagator",
    "MISSILE_CLASSES",
    "MetRangeSolution",
    "NumericalPropagator",
    "Propagator",
    "RangeApogeeSolution",
    "RangeTimeSolution",
    "Reconstruction",
    "density_kg_m3",
    "ecef_to_geodetic",
    "ecef_to_inertial",
    "geodetic_to_ecef",
    "gravity_m_s2",
    "inertial_to_ecef",
    "met_range_km",
    "minimum_energy",
    "pressure_pa",
    "reconstruct",
    "solve_apogee_time",
    "solve_met_range",
    "solve_range_apogee",
    "solve_range_time",
    "state_from_local",
    "temperature_k",
    "time_of_flight_s",
]
