"""Minimum-energy range from a launch site toward a bearing, on the turning Earth (closed form).

physics-methods.md a4: in the inertial frame the burnout velocity is v_rel + omega x r, and
the Earth turns omega t under the missile; eastward shots gain range, westward shots lose it.
The flight is the Kepler ellipse of the inertial state over a sphere of radius
``EARTH_MEAN_RADIUS_M`` (vacuum); the impact point is rotated back through -omega t_ff to the
Earth-fixed frame and measured from the site along the great circle.

Two small searches per sample, both vectorised over the batch:

- the flight-path angle that maximises the Earth-fixed range: start at the non-rotating
  optimum (BMW 6.2-18 generalised, :func:`~launchwatch.physics.conic.best_range_angle_rad`) and
  take two parabolic steps (3 deg, then 0.75 deg brackets); the range is flat at the optimum,
  so the residual error in range is second order (metres);
- the launch azimuth: a4 asks for the impact to lie on the great circle toward the aim
  bearing, so the azimuth is corrected by the bearing miss, three times (the miss shrinks
  tenfold each time).

The boost is flown on the Earth-fixed sphere along the launch azimuth (``boost_range_m``) and
the burnout is ``burnout_altitude_m`` above it; rotation during the boost is in the burnout's
Earth-relative velocity already.  Spherical (geocentric) latitude is used for the site.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .conic import arc_time_s, best_range_angle_rad
from .constants import EARTH_MEAN_RADIUS_M, HALF_CIRCUMFERENCE_M, OMEGA_EARTH_RAD_S

__all__ = ["RotatingMet", "fly_from_site", "met_range_rotating", "met_range_rotating_like"]

R_E = EARTH_MEAN_RADIUS_M


@dataclass(frozen=True)
class RotatingMet:
    """Arrays, SI: range (inf where unbounded), angle, launch azimuth, free-flight time."""

    range_m: np.ndarray
    flight_path_angle_rad: np.ndarray
    launch_azimuth_deg: np.ndarray
    free_flight_time_s: np.ndarray
    bearing_residual_deg: np.ndarray


def _unit(lat_rad, lon_rad):
    cl = np.cos(lat_rad)
    return cl * np.cos(lon_rad), cl * np.sin(lon_rad), np.sin(lat_rad)


def fly_from_site(speed_m_s, flight_path_angle_rad, launch_azimuth_deg, burnout_altitude_m,
                  boost_range_m, site_lat_deg, site_lon_deg, *, omega_rad_s=OMEGA_EARTH_RAD_S):
    """Closed-form flight from a site on the turning sphere.

    Returns ``(range_m, bearing_deg, free_flight_time_s, path_angle_rad)``: great-circle
    distance and bearing from the site to the Earth-fixed impact point, and the angle the
    flight sweeps (boost plus free flight, inertial; beyond pi the impact is past the
    antipode and the distance folds back).  The burnout point is the site's unit vector
    turned by delta = boost range / R along the launch direction d; the direction of travel
    there is -sin(delta) u + cos(delta) d.  Components are kept as separate arrays (no
    ``(N, 3)`` cross products) for speed.
    """
    lat_s, lon_s = np.radians(site_lat_deg), np.radians(site_lon_deg)
    sx, sy, sz = _unit(lat_s, lon_s)
    ex, ey = -np.sin(lon_s), np.cos(lon_s)
    nx, ny, nz = -np.sin(lat_s) * np.cos(lon_s), -np.sin(lat_s) * np.sin(lon_s), np.cos(lat_s)
    az = np.radians(launch_azimuth_deg)
    sa, ca = np.sin(az), np.cos(az)
    dx, dy, dz = sa * ex + ca * nx, sa * ey + ca * ny, ca * nz
    delta = np.asarray(boost_range_m, float) / R_E
    cd, sd = np.cos(delta), np.sin(delta)
    ux, uy, uz = cd * sx + sd * dx, cd * sy + sd * dy, cd * sz + sd * dz
    tx, ty, tz = -sd * sx + cd * dx, -sd * sy + cd * dy, -sd * sz + cd * dz
    r_b = R_E + np.asarray(burnout_altitude_m, float)
    v = np.asarray(speed_m_s, float)
    cg, sg = np.cos(flight_path_angle_rad), np.sin(flight_path_angle_rad)
    # Earth-relative velocity in ECEF, plus omega x r (r = r_b * u).
    vx = v * (cg * tx + sg * ux) - omega_rad_s * r_b * uy
    vy = v * (cg * ty + sg * uy) + omega_rad_s * r_b * ux
    vz = v * (cg * tz + sg * uz)
    v_i = np.sqrt(vx * vx + vy * vy + vz * vz)
    v_up = vx * ux + vy * uy + vz * uz
    gamma_i = np.arcsin(np.clip(v_up / v_i, -1.0, 1.0))
    psi, t_ff = arc_time_s(v_i, gamma_i, r_b, R_E)
    # Horizontal direction of the inertial velocity; the impact lies psi along it.
    hx, hy, hz = vx - v_up * ux, vy - v_up * uy, vz - v_up * uz
    hn = np.sqrt(hx * hx + hy * hy + hz * hz)
    cp, sp = np.cos(psi), np.sin(psi) / hn
    ix, iy, iz = cp * ux + sp * hx, cp * uy + sp * hy, cp * uz + sp * hz
    # Earth-fixed: turn back through omega t_ff about z.
    th = omega_rad_s * t_ff
    ct, st = np.cos(th), np.sin(th)
    fx, fy = ct * ix + st * iy, -st * ix + ct * iy
    distance = R_E * np.arccos(np.clip(sx * fx + sy * fy + sz * iz, -1.0, 1.0))
    # Bearing from the site: the impact direction's east and north components there.
    bearing = np.degrees(np.arctan2(ex * fx + ey * fy, nx * fx + ny * fy + nz * iz))
    return distance, bearing, t_ff, psi + delta


def _parabola_vertex(x0, step, f_minus, f_0, f_plus):
    """Vertex of the parabola through (x0-step, x0, x0+step), kept within one step of x0."""
    denom = f_minus - 2.0 * f_0 + f_plus
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = 0.5 * step * (f_minus - f_plus) / denom
    shift = np.where((denom < 0.0) & np.isfinite(shift), np.clip(shift, -step, step), 0.0)
    return x0 + shift


def met_range_rotating_like(reference: RotatingMet, reference_speed_m_s,
                            reference_altitude_m, speed_m_s, burnout_altitude_m, boost_range_m,
                            site_lat_deg, site_lon_deg, *, omega_rad_s=OMEGA_EARTH_RAD_S
                            ) -> RotatingMet:
    """The rotating MET for a batch of samples near a solved reference, in one flight each.

    Each sample keeps its own non-rotating optimum angle shifted by the reference's
    rotation shift, and flies the reference's launch azimuth.  The range is stationary in
    both (optimum angle; great-circle bearing), so sharing the corrections costs second-order
    error, for a tenth of the cost of a full search: below 1e-4 for IRBM-class spreads and
    ~1 % at the 5th/95th percentiles of lofted-ICBM spreads toward 10 000-13 000 km; samples
    near the antipode (open-ended intervals anyway) differ more.
    """
    _, gamma_ref = best_range_angle_rad(reference_speed_m_s, R_E + reference_altitude_m, R_E)
    shift = np.nan_to_num(reference.flight_path_angle_rad - gamma_ref)
    psi0, gamma = best_range_angle_rad(speed_m_s, R_E + np.asarray(burnout_altitude_m), R_E)
    unbounded = ~np.isfinite(psi0)
    gamma = np.where(unbounded, np.radians(20.0), gamma + shift)
    azimuth = np.broadcast_to(reference.launch_azimuth_deg, np.shape(gamma))
    distance, b, t_ff, sweep = fly_from_site(speed_m_s, gamma, azimuth, burnout_altitude_m,
                                             boost_range_m, site_lat_deg, site_lon_deg,
                                             omega_rad_s=omega_rad_s)
    folded = ~(sweep * R_E < 0.995 * HALF_CIRCUMFERENCE_M)
    distance = np.where(unbounded | folded, np.inf, distance)
    bearing = np.asarray(reference.launch_azimuth_deg) + np.asarray(reference.bearing_residual_deg)
    residual = (bearing - b + 180.0) % 360.0 - 180.0
    return RotatingMet(range_m=distance, flight_path_angle_rad=gamma, launch_azimuth_deg=azimuth,
                       free_flight_time_s=t_ff, bearing_residual_deg=residual)


def met_range_rotating(speed_m_s, burnout_altitude_m, boost_range_m, site_lat_deg,
                       site_lon_deg, bearing_deg, *, omega_rad_s=OMEGA_EARTH_RAD_S
                       ) -> RotatingMet:
    """Minimum-energy range toward ``bearing_deg`` from a site, Earth turning (module doc)."""
    speed = np.asarray(speed_m_s, float)
    h_b = np.asarray(burnout_altitude_m, float)
    r_boost = np.asarray(boost_range_m, float)
    shape = np.broadcast(speed, h_b, r_boost, np.asarray(bearing_deg, float)).shape
    speed, h_b, r_boost = (np.broadcast_to(x, shape) for x in (speed, h_b, r_boost))
    bearing = np.broadcast_to(np.asarray(bearing_deg, float), shape)
    psi0, gamma = best_range_angle_rad(speed, R_E + h_b, R_E)
    unbounded = ~np.isfinite(psi0)
    gamma = np.where(unbounded, np.radians(20.0), gamma)
    azimuth = bearing.copy()

    def fly(g, az):
        return fly_from_site(speed, g, az, h_b, r_boost, site_lat_deg, site_lon_deg,
                             omega_rad_s=omega_rad_s)

    for step_deg in (3.0, 0.75):
        step = np.radians(step_deg)
        f_minus, f_0, f_plus = (fly(gamma + d, azimuth)[0] for d in (-step, 0.0, step))
        gamma = _parabola_vertex(gamma, step, f_minus, f_0, f_plus)
        for _ in range(1 if step_deg > 1 else 2):
            _, b, _, _ = fly(gamma, azimuth)
            azimuth = azimuth + ((bearing - b + 180.0) % 360.0 - 180.0)
    distance, b, t_ff, sweep = fly(gamma, azimuth)
    residual = (bearing - b + 180.0) % 360.0 - 180.0
    folded = ~(sweep * R_E < 0.995 * HALF_CIRCUMFERENCE_M)   # NaN (no impact) counts too
    distance = np.where(unbounded | folded, np.inf, distance)
    return RotatingMet(range_m=distance, flight_path_angle_rad=gamma,
                       launch_azimuth_deg=(azimuth + 360.0) % 360.0, free_flight_time_s=t_ff,
                       bearing_residual_deg=residual)
