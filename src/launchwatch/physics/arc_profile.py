"""How high a ballistic flight is along its ground range: the profile of the arc through apogee.

A map in three dimensions (KML's flight paths) draws a flight as the curve above its ground
track.  The curve drawn here is the Kepler ellipse that leaves the surface, passes the apogee
and comes down at the surface a given ground range away: the arc that
:func:`~launchwatch.physics.conic.arc_through_apogee` fits to a reported range and apogee, with
burnout at the launch point.  Leaving out the boost phase (its first few per cent of the ground
range, where the missile climbs more steeply than the ellipse) changes the picture, not the
figures: apogee, range and landing point are the reported ones.
"""

from __future__ import annotations

import numpy as np

from .conic import arc_through_apogee, eccentricity, q_parameter
from .constants import EARTH_MEAN_RADIUS_M, KM

__all__ = ["arc_altitude_km"]


def arc_altitude_km(range_km, apogee_km, fraction, *,
                    earth_radius_m: float = EARTH_MEAN_RADIUS_M) -> np.ndarray:
    """Altitude above the sphere (km) at ``fraction`` (0 at launch, 1 at impact) of the ground
    range of the surface-to-surface ellipse ``range_km`` long with its apogee at ``apogee_km``.

    The three arguments broadcast: one flight at N fractions is ``(), (), (N,)``, M flights at
    N fractions ``(M, 1), (M, 1), (N,)``.  NaN where no such ellipse exists (an apogee too low
    for the range, a range beyond half the circumference).
    """
    radius = earth_radius_m
    psi = np.asarray(range_km, float) * KM / radius
    apogee_radius = radius + np.asarray(apogee_km, float) * KM
    speed, gamma, _ = arc_through_apogee(radius, radius, apogee_radius, psi, with_time=False)
    # The ellipse r = p / (1 + e cos nu) in BMW's form: p = r Q cos^2 gamma (6.2-3), and the
    # launch lies where r equals the surface radius on the rising side of apogee (nu = pi).
    q = q_parameter(speed, radius)
    e = eccentricity(q, gamma)
    p = radius * q * np.cos(gamma) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        nu_launch = np.arccos(np.clip((p / radius - 1.0) / e, -1.0, 1.0))
        nu = nu_launch + np.asarray(fraction, float) * psi
        altitude_m = p / (1.0 + e * np.cos(nu)) - radius
    # The ends lie on the surface by construction; rounding must not put them below it.
    return np.maximum(altitude_m, 0.0) / KM
