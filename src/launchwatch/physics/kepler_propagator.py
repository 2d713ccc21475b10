"""Closed-form free flight in vacuum over a spherical Earth: the Kepler ellipse.

Elements from the state (BMW ch. 2: angular momentum h = r x v, eccentricity vector
e = v x h / mu - r/|r|, parameter p = h^2/mu), true anomaly at the start from
e cos(nu) = p/r - 1 and e sin(nu) = h v_r / mu (BMW 6.2 asymmetric case), impact where the
conic meets the sphere on the way down, nu_i = 2 pi - arccos((p/R - 1)/e), apogee at nu = pi,
times from Kepler's equation M = E - e sin E (BMW 4.2).  No iteration: every state in a
batch costs a few dozen array operations.
"""

from __future__ import annotations

import numpy as np

from .constants import EARTH_MEAN_RADIUS_M, EARTH_MU_M3_S2, OMEGA_EARTH_RAD_S
from .flight import Flight
from .propagator import Propagator, as_states

__all__ = ["KeplerPropagator"]


def _mean_anomaly(nu, e):
    """Mean anomaly for true anomaly nu in [0, 2 pi) (E in [0, 2 pi), BMW 4.2-8)."""
    big_e = 2.0 * np.arctan2(np.sqrt(1.0 - e) * np.sin(nu / 2.0),
                             np.sqrt(1.0 + e) * np.cos(nu / 2.0))
    big_e = np.mod(big_e, 2.0 * np.pi)
    return big_e - e * np.sin(big_e)


class KeplerPropagator(Propagator):
    """Two-body propagation to the sphere of ``surface_radius_m`` (vacuum, no J2, no drag).

    ``rotating=True`` only changes the Earth-fixed views of the result (the Earth turns under
    the ellipse); the ellipse itself is the same.
    """

    def __init__(self, *, surface_radius_m: float = EARTH_MEAN_RADIUS_M,
                 mu_m3_s2: float = EARTH_MU_M3_S2, rotating: bool = True) -> None:
        self.surface_radius_m = surface_radius_m
        self.mu_m3_s2 = mu_m3_s2
        self.omega_rad_s = OMEGA_EARTH_RAD_S if rotating else 0.0

    def propagate(self, state) -> Flight:
        s = as_states(state)
        mu, big_r = self.mu_m3_s2, self.surface_radius_m
        r, v = s[..., :3], s[..., 3:]
        rn = np.linalg.norm(r, axis=-1)
        h_vec = np.cross(r, v)
        hn = np.linalg.norm(h_vec, axis=-1)
        e_vec = np.cross(v, h_vec) / mu - r / rn[..., None]
        e = np.linalg.norm(e_vec, axis=-1)
        p = hn**2 / mu
        rdotv = np.sum(r * v, axis=-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            a = p / (1.0 - e**2)
            nu0 = np.mod(np.arctan2(hn * rdotv / (mu * rn), p / rn - 1.0), 2.0 * np.pi)
            cos_nui = (p / big_r - 1.0) / e
            hits = (e < 1.0) & (np.abs(cos_nui) <= 1.0) & (hn > 0.0)
            nui = 2.0 * np.pi - np.arccos(np.clip(cos_nui, -1.0, 1.0))
            n_inv = np.sqrt(a**3 / mu)
            m0 = _mean_anomaly(nu0, e)
            t_imp = np.where(hits, (_mean_anomaly(nui, e) - m0) * n_inv, np.nan)
            descending = nu0 >= np.pi
            t_apo = np.where(descending, 0.0, (np.pi - m0) * n_inv)
            t_apo = np.where(e < 1.0, t_apo, np.nan)
            p_hat = e_vec / e[..., None]
            w_hat = h_vec / hn[..., None]
            q_hat = np.cross(w_hat, p_hat)
        impact = self._state_at(nui, p, e, p_hat, q_hat)
        impact = np.where(hits[..., None], impact, np.nan)
        apogee = np.where(descending[..., None], s,
                          self._state_at(np.full_like(nu0, np.pi), p, e, p_hat, q_hat))
        apogee_alt = np.linalg.norm(apogee[..., :3], axis=-1) - big_r
        return Flight(initial_state=s, impact_state=impact, impact_time_s=t_imp,
                      apogee_state=apogee, apogee_time_s=t_apo, apogee_altitude_m=apogee_alt,
                      impacted=hits, omega_rad_s=self.omega_rad_s,
                      surface_radius_m=big_r)

    def _state_at(self, nu, p, e, p_hat, q_hat):
        """Position and velocity at true anomaly nu (perifocal frame, BMW 2.5)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            rr = p / (1.0 + e * np.cos(nu))
            pos = rr[..., None] * (np.cos(nu)[..., None] * p_hat + np.sin(nu)[..., None] * q_hat)
            k = np.sqrt(self.mu_m3_s2 / p)[..., None]
            vel = k * (-np.sin(nu)[..., None] * p_hat + (e + np.cos(nu))[..., None] * q_hat)
        return np.concatenate([pos, vel], axis=-1)
