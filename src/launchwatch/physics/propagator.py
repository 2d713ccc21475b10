"""The propagator role: free flight from a state to impact.

Every concrete propagator (:class:`~launchwatch.physics.kepler_propagator.KeplerPropagator`,
:class:`~launchwatch.physics.numerical_propagator.NumericalPropagator`) takes inertial states
``(6,)`` or ``(..., 6)`` in m and m/s and returns a :class:`~launchwatch.physics.flight.Flight`
with the same leading shape.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ..errors import PhysicsError
from .flight import Flight

__all__ = ["Propagator", "as_states"]


def as_states(state) -> np.ndarray:
    """Check a state array: float, last axis 6, finite."""
    s = np.asarray(state, dtype=float)
    if s.ndim == 0 or s.shape[-1] != 6:
        raise PhysicsError(f"A state needs 6 numbers (x, y, z in m; vx, vy, vz in m/s) on its "
                           f"last axis; got shape {s.shape}.")
    if not np.all(np.isfinite(s)):
        raise PhysicsError("A state contains NaN or infinity; drop those rows before "
                           "propagating.")
    return s


class Propagator(ABC):
    """Propagates free flight (after burnout) to impact, with the apogee on the way."""

    omega_rad_s: float

    @abstractmethod
    def propagate(self, state) -> Flight:
        """Inertial state(s) ``(..., 6)`` at burnout to a :class:`Flight`."""
