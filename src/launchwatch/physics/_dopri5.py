"""Numba kernel: adaptive Dormand-Prince 5(4) integration of ballistic free flight to impact.

Private to :mod:`launchwatch.physics.numerical_propagator`.  One compiled loop over the batch
(``prange``: the trajectories share nothing), each trajectory with its own step size, so a
short SRBM arc and a 90-minute ICBM arc cost what they need.

Integrator: Dormand & Prince, "A family of embedded Runge-Kutta formulae", J. Comp. Appl. Math.
6 (1980) 19-26, the RK5(4)7M pair with the first-same-as-last property.  Step control as in
Hairer, Norsett & Wanner, *Solving ODEs I*, II.4 (eq. 4.11-4.13): RMS of the error scaled by
``atol + rtol * max(|y0|, |y1|)``, step factor 0.9 err^(-1/5) clipped to [0.2, 10]: the same
norm and factors as ``scipy.integrate.solve_ivp(method="RK45")``, so a tolerance means the
same thing in both.

Events are found on the cubic Hermite interpolant of the step (positions with velocities as
derivatives, velocities with accelerations), then the state at the event is recomputed by one
Dormand-Prince step of the exact length from the start of the step, and refined once by
Newton on the event function, so the event state is as accurate as the integration itself.

Dynamics in the inertial frame: point mass + J2 (``gravity.py``) and drag
a_D = -rho |v_rel| v_rel / (2 beta) with v_rel = v - omega x r (air turning with the Earth),
rho from the USSA76 table of ``atmosphere.py`` interpolated linearly in log(rho) at the
height |r| - R_ellipsoid(geocentric latitude) (exact on the surface; second-order off it).

Outputs per trajectory (columns of the returned ``(N, 16)`` array): impact state (0-5) and time
(6), apogee state (7-12) and time (13), status (14: 0 impact, 1 no impact before ``t_max``),
accepted steps (15).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

# Dormand-Prince RK5(4)7M tableau.
C2, C3, C4, C5 = 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0
A21 = 1.0 / 5.0
A31, A32 = 3.0 / 40.0, 9.0 / 40.0
A41, A42, A43 = 44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0
A51, A52, A53, A54 = 19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0
A61, A62, A63, A64, A65 = (9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0,
                           -5103.0 / 18656.0)
B1, B3, B4, B5, B6 = 35.0 / 384.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0
E1, E3, E4, E5, E6, E7 = (71.0 / 57600.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0,
                          22.0 / 525.0, -1.0 / 40.0)

N_OUT = 16
# Indices into the parameter vector ``par``.
P_MU, P_KJ2, P_OMEGA, P_SURF_A, P_SURF_B, P_RHO_BOTTOM, P_RHO_STEP, P_DRAG_TOP_R = range(8)


@njit(cache=True)
def _surface_height(x, y, z, a, b):
    r2 = x * x + y * y + z * z
    r = math.sqrt(r2)
    s2 = z * z / r2
    return r - a * b / math.sqrt(b * b * (1.0 - s2) + a * a * s2)


@njit(cache=True)
def _derivative(s, out, par, inv_beta, log_rho):
    x, y, z, vx, vy, vz = s[0], s[1], s[2], s[3], s[4], s[5]
    r2 = x * x + y * y + z * z
    r = math.sqrt(r2)
    k = par[P_KJ2] / r2
    z2 = z * z / r2
    common = -par[P_MU] / (r2 * r)
    fxy = common * (1.0 - k * (5.0 * z2 - 1.0))
    fz = common * (1.0 - k * (5.0 * z2 - 3.0))
    ax, ay, az = fxy * x, fxy * y, fz * z
    # Drag only below the top of the density table (1 000 km); a cheap radius test first.
    if inv_beta > 0.0 and r < par[P_DRAG_TOP_R]:
        h = _surface_height(x, y, z, par[P_SURF_A], par[P_SURF_B])
        u = (h - par[P_RHO_BOTTOM]) / par[P_RHO_STEP]
        if u < log_rho.size - 1:
            if u < 0.0:
                u = 0.0
            i = int(u)
            frac = u - i
            rho = math.exp(log_rho[i] + frac * (log_rho[i + 1] - log_rho[i]))
            om = par[P_OMEGA]
            wx, wy, wz = vx + om * y, vy - om * x, vz
            q = -0.5 * rho * inv_beta * math.sqrt(wx * wx + wy * wy + wz * wz)
            ax += q * wx
            ay += q * wy
            az += q * wz
    out[0], out[1], out[2], out[3], out[4], out[5] = vx, vy, vz, ax, ay, az


@njit(cache=True)
def _dp_step(y, f, h, ynew, fnew, tmp, k2, k3, k4, k5, k6, par, inv_beta, log_rho, atol, rtol):
    """One Dormand-Prince step of length h; writes ynew, fnew; returns the scaled error norm."""
    for j in range(6):
        tmp[j] = y[j] + h * A21 * f[j]
    _derivative(tmp, k2, par, inv_beta, log_rho)
    for j in range(6):
        tmp[j] = y[j] + h * (A31 * f[j] + A32 * k2[j])
    _derivative(tmp, k3, par, inv_beta, log_rho)
    for j in range(6):
        tmp[j] = y[j] + h * (A41 * f[j] + A42 * k2[j] + A43 * k3[j])
    _derivative(tmp, k4, par, inv_beta, log_rho)
    for j in range(6):
        tmp[j] = y[j] + h * (A51 * f[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j])
    _derivative(tmp, k5, par, inv_beta, log_rho)
    for j in range(6):
        tmp[j] = y[j] + h * (A61 * f[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j]
                             + A65 * k5[j])
    _derivative(tmp, k6, par, inv_beta, log_rho)
    for j in range(6):
        ynew[j] = y[j] + h * (B1 * f[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j])
    _derivative(ynew, fnew, par, inv_beta, log_rho)
    acc = 0.0
    for j in range(6):
        e = h * (E1 * f[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * fnew[j])
        sc = atol + rtol * max(abs(y[j]), abs(ynew[j]))
        acc += (e / sc) ** 2
    return math.sqrt(acc / 6.0)


@njit(cache=True)
def _hermite(s, h, y0, f0, y1, f1, out):
    """Cubic Hermite interpolant of the step at fraction s (positions and velocities)."""
    s2 = s * s
    s3 = s2 * s
    h00 = 2.0 * s3 - 3.0 * s2 + 1.0
    h10 = s3 - 2.0 * s2 + s
    h01 = -2.0 * s3 + 3.0 * s2
    h11 = s3 - s2
    for j in range(6):
        out[j] = h00 * y0[j] + h10 * h * f0[j] + h01 * y1[j] + h11 * h * f1[j]


@njit(cache=True)
def _event_value(kind, s, par):
    if kind == 0:
        return _surface_height(s[0], s[1], s[2], par[P_SURF_A], par[P_SURF_B])
    return s[0] * s[3] + s[1] * s[4] + s[2] * s[5]


@njit(cache=True)
def _locate(kind, h, y0, f0, y1, f1, g0, g1, tmp, par):
    """Illinois regula falsi for the event on the step's Hermite interpolant; returns s."""
    a, b, ga, gb = 0.0, 1.0, g0, g1
    side = 0
    s = 1.0
    for _ in range(60):
        s = (a * gb - b * ga) / (gb - ga)
        _hermite(s, h, y0, f0, y1, f1, tmp)
        gs = _event_value(kind, tmp, par)
        if gs * gb > 0.0:
            b, gb = s, gs
            if side == -1:
                ga *= 0.5
            side = -1
        else:
            a, ga = s, gs
            if side == 1:
                gb *= 0.5
            side = 1
        if b - a < 1e-13 or gs == 0.0:
            break
    return s


@njit(cache=True)
def _event_state(kind, t, h, s, y, f, ev, fev, tmp, k2, k3, k4, k5, k6, par, inv_beta,
                 log_rho):
    """Event time and state: a DP step of the located length, then one Newton correction."""
    dt = s * h
    _dp_step(y, f, dt, ev, fev, tmp, k2, k3, k4, k5, k6, par, inv_beta, log_rho, 1.0, 0.0)
    g = _event_value(kind, ev, par)
    if kind == 0:
        r = math.sqrt(ev[0] ** 2 + ev[1] ** 2 + ev[2] ** 2)
        dg = (ev[0] * ev[3] + ev[1] * ev[4] + ev[2] * ev[5]) / r
    else:
        dg = (ev[3] ** 2 + ev[4] ** 2 + ev[5] ** 2
              + ev[0] * fev[3] + ev[1] * fev[4] + ev[2] * fev[5])
    if dg != 0.0:
        dt = dt - g / dg
        _dp_step(y, f, dt, ev, fev, tmp, k2, k3, k4, k5, k6, par, inv_beta, log_rho, 1.0, 0.0)
    return t + dt


@njit(cache=True, parallel=True)
def propagate_batch(states, inv_beta, par, log_rho, rtol, atol, t_max, first_step, max_steps):
    """Propagate ``states`` ``(N, 6)`` (inertial, SI) to impact; returns ``(N, N_OUT)``."""
    n = states.shape[0]
    out = np.full((n, N_OUT), np.nan)
    for i in prange(n):
        y = states[i].copy()
        f = np.empty(6)
        ynew, fnew, tmp = np.empty(6), np.empty(6), np.empty(6)
        k2, k3, k4, k5, k6 = np.empty(6), np.empty(6), np.empty(6), np.empty(6), np.empty(6)
        ev, fev = np.empty(6), np.empty(6)
        ib = inv_beta[i]
        _derivative(y, f, par, ib, log_rho)
        t = 0.0
        h = first_step
        g_imp = _event_value(0, y, par)
        g_apo = _event_value(1, y, par)
        have_apogee = False
        if g_apo <= 0.0:
            have_apogee = True
            out[i, 7:13] = y
            out[i, 13] = 0.0
        out[i, 14] = 1.0
        steps = 0
        rejected = False
        while t < t_max and steps < max_steps:
            if t + h > t_max:
                h = t_max - t
            err = _dp_step(y, f, h, ynew, fnew, tmp, k2, k3, k4, k5, k6, par, ib, log_rho,
                           atol, rtol)
            if err <= 1.0:
                steps += 1
                g_imp_new = _event_value(0, ynew, par)
                g_apo_new = _event_value(1, ynew, par)
                if (not have_apogee) and g_apo > 0.0 and g_apo_new <= 0.0:
                    s = _locate(1, h, y, f, ynew, fnew, g_apo, g_apo_new, tmp, par)
                    te = _event_state(1, t, h, s, y, f, ev, fev, tmp, k2, k3, k4, k5, k6, par,
                                      ib, log_rho)
                    out[i, 7:13] = ev
                    out[i, 13] = te
                    have_apogee = True
                if g_imp > 0.0 and g_imp_new <= 0.0:
                    s = _locate(0, h, y, f, ynew, fnew, g_imp, g_imp_new, tmp, par)
                    te = _event_state(0, t, h, s, y, f, ev, fev, tmp, k2, k3, k4, k5, k6, par,
                                      ib, log_rho)
                    out[i, 0:6] = ev
                    out[i, 6] = te
                    out[i, 14] = 0.0
                    break
                t += h
                for j in range(6):
                    y[j] = ynew[j]
                    f[j] = fnew[j]
                g_imp, g_apo = g_imp_new, g_apo_new
                factor = 10.0 if err == 0.0 else min(10.0, 0.9 * err ** -0.2)
                if rejected:
                    factor = min(1.0, factor)
                rejected = False
            else:
                factor = max(0.2, 0.9 * err ** -0.2)
                rejected = True
            h *= factor
        out[i, 15] = steps
    return out
