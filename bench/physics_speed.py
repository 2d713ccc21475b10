"""Speed of launchwatch.physics: prints figures, asserts nothing.

1. Inverse solve + minimum-energy interval (``reconstruct``, 10 000 Monte Carlo samples through
   the closed-form path) per event, over the ballistic rows of flight-tests.csv; median ms.
   Once without rotation, once with a site and an azimuth (rotation-aware MET).
2. The same through the numerical propagator (drag, J2, rotation), 10 000 samples; seconds.
3. 100 000 trajectories with drag, J2 and rotation propagated to impact (compiled RK5(4)).
4. A ``scipy.integrate.solve_ivp`` (RK45) loop over the same dynamics, tolerances and impact
   event, on a random subset; its time per trajectory is scaled to 100 000 and the ratio
   printed, with the agreement of the two on the subset.

Each timing is repeated (``--repeats``) and the median printed: the machine is shared, so the
per-event figures are given as wall and as CPU time (the latter is less disturbed by other
users' processes).

    python bench/physics_speed.py [--csv ../shared/data/flight-tests.csv] [--repeats 3]
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import time
from pathlib import Path

import numpy as np

from launchwatch.physics import NumericalPropagator, ecef_to_inertial, reconstruct, state_from_local
from launchwatch.physics.atmosphere import density_table
from launchwatch.physics.constants import (EARTH_J2, EARTH_MU_M3_S2, OMEGA_EARTH_RAD_S,
                                           WGS84_SEMI_MAJOR_AXIS_M, WGS84_SEMI_MINOR_AXIS_M)

DEFAULT_CSV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "flight-tests.csv"
RTOL, ATOL = 1e-9, 1e-3


def _class_of(missile: str) -> str | None:
    for name in ("ICBM", "SLBM", "IRBM", "MRBM", "SRBM"):
        if name in missile:
            return name
    return None


def ballistic_events(path: Path) -> list[dict]:
    events = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["range_km"] or not row["apogee_km"]:
                continue
            r, h = float(row["range_km"]), float(row["apogee_km"])
            if h / r < 0.15:
                continue
            events.append({"range_km": r, "apogee_km": h,
                           "flight_time_s": float(row["flight_time_s"]) if row["flight_time_s"]
                           else None,
                           "cls": _class_of(row["missile"]),
                           "lat": float(row["launch_lat"]) if row["launch_lat"] else 39.0,
                           "lon": float(row["launch_lon"]) if row["launch_lon"] else 125.7})
    return events


def time_events(events, repeats, **kw) -> tuple[float, float]:
    """Median over runs of the median per-event (wall, CPU) time of ``reconstruct``."""
    walls, cpus = [], []
    for _ in range(repeats):
        per_wall, per_cpu = [], []
        for e in events:
            extra = {}
            if kw.get("rotating"):
                extra = {"site_lat_deg": e["lat"], "site_lon_deg": e["lon"], "azimuth_deg": 90.0}
            wall, cpu = time.perf_counter(), time.process_time()
            reconstruct(e["range_km"], e["apogee_km"], e["flight_time_s"], missile_class=e["cls"],
                        samples=10_000, **extra)
            per_wall.append(time.perf_counter() - wall)
            per_cpu.append(time.process_time() - cpu)
        walls.append(statistics.median(per_wall))
        cpus.append(statistics.median(per_cpu))
    return statistics.median(walls), statistics.median(cpus)


def random_burnout_states(n: int, rng: np.random.Generator):
    """Burnout states from SRBM to ICBM, lofted to flat, from random sites and azimuths."""
    lat = rng.uniform(-60.0, 60.0, n)
    lon = rng.uniform(-180.0, 180.0, n)
    azimuth = rng.uniform(0.0, 360.0, n)
    speed = rng.uniform(1500.0, 7200.0, n)
    angle = rng.uniform(20.0, 85.0, n)
    altitude = rng.uniform(20e3, 400e3, n)
    beta = np.exp(rng.uniform(np.log(2e3), np.log(5e4), n))
    states = ecef_to_inertial(state_from_local(lat, lon, altitude, speed, angle, azimuth))
    return states, beta


class SolveIvpBaseline:
    """The kernel's dynamics in plain Python for solve_ivp: J2, USSA76 table drag, rotating
    air, impact on the WGS84 ellipsoid."""

    def __init__(self) -> None:
        self.bottom, self.step, self.log_rho = density_table()
        self.log_rho = self.log_rho.tolist()
        self.k_j2 = 1.5 * EARTH_J2 * WGS84_SEMI_MAJOR_AXIS_M**2

    def height(self, x, y, z):
        a, b = WGS84_SEMI_MAJOR_AXIS_M, WGS84_SEMI_MINOR_AXIS_M
        r2 = x * x + y * y + z * z
        s2 = z * z / r2
        return math.sqrt(r2) - a * b / math.sqrt(b * b * (1 - s2) + a * a * s2)

    def rhs(self, t, s, inv_beta):
        x, y, z, vx, vy, vz = s
        r2 = x * x + y * y + z * z
        r = math.sqrt(r2)
        k = self.k_j2 / r2
        z2 = z * z / r2
        common = -EARTH_MU_M3_S2 / (r2 * r)
        fxy = common * (1 - k * (5 * z2 - 1))
        fz = common * (1 - k * (5 * z2 - 3))
        ax, ay, az = fxy * x, fxy * y, fz * z
        u = (self.height(x, y, z) - self.bottom) / self.step
        if u < len(self.log_rho) - 1:
            u = max(u, 0.0)
            i = int(u)
            rho = math.exp(self.log_rho[i] + (u - i) * (self.log_rho[i + 1] - self.log_rho[i]))
            wx, wy, wz = vx + OMEGA_EARTH_RAD_S * y, vy - OMEGA_EARTH_RAD_S * x, vz
            q = -0.5 * rho * inv_beta * math.sqrt(wx * wx + wy * wy + wz * wz)
            ax, ay, az = ax + q * wx, ay + q * wy, az + q * wz
        return [vx, vy, vz, ax, ay, az]

    def propagate_one(self, state, beta):
        from scipy.integrate import solve_ivp

        def impact(t, s, inv_beta):
            return self.height(s[0], s[1], s[2])

        impact.terminal = True
        impact.direction = -1
        sol = solve_ivp(self.rhs, (0.0, 4 * 3600.0), state, method="RK45", rtol=RTOL,
                        atol=ATOL, events=impact, args=(1.0 / beta,), first_step=1.0)
        return sol.t_events[0][0], sol.y_events[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--trajectories", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=200,
                        help="trajectories flown by the solve_ivp loop")
    args = parser.parse_args()

    print("launchwatch.physics speed (medians of", args.repeats, "runs; shared 2-core machine)")
    events = ballistic_events(args.csv)
    warm = events[0]
    reconstruct(warm["range_km"], warm["apogee_km"], warm["flight_time_s"], samples=100)
    (w_plain, c_plain) = time_events(events, args.repeats)
    (w_rot, c_rot) = time_events(events, args.repeats, rotating=True)
    print(f"1. inverse solve + MET interval, 10 000 closed-form samples, {len(events)} events: "
          f"median {w_plain * 1e3:.1f} ms/event wall ({c_plain * 1e3:.1f} ms CPU); with site + "
          f"azimuth 90 deg (rotation-aware MET) {w_rot * 1e3:.1f} ms wall "
          f"({c_rot * 1e3:.1f} ms CPU)  [budget 50 ms]")

    # Numerical Monte Carlo (compile first).
    reconstruct(1000.0, 3724.9, 2832.0, missile_class="ICBM", samples=10,
                propagator="numerical")
    num_times = {}
    for label, kw in [("HS-14 2017-07-28, no site", {}),
                      ("HS-14 2017-07-28, Mupyong-ni az 100", {"site_lat_deg": 40.611,
                                                                "site_lon_deg": 126.426,
                                                                "azimuth_deg": 100.0}),
                      ("HS-12 2017-09-15, Sunan az 80", {"site_lat_deg": 39.224,
                                                         "site_lon_deg": 125.670,
                                                         "azimuth_deg": 80.0})]:
        args_ev = (1000.0, 3724.9, 2832.0, "ICBM") if "HS-14" in label else \
            (3700.0, 800.0, 1140.0, "IRBM")
        runs, cpus = [], []
        for _ in range(args.repeats):
            started, cpu = time.perf_counter(), time.process_time()
            reconstruct(*args_ev[:3], missile_class=args_ev[3], samples=10_000,
                        propagator="numerical", **kw)
            runs.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        num_times[label] = (statistics.median(runs), statistics.median(cpus))
    print("2. reconstruct with the numerical propagator (drag, J2, rotation), 10 000 samples "
          "(3 batched propagations each), wall (CPU of both threads): "
          + "; ".join(f"{k}: {w:.2f} s ({c:.2f} s)" for k, (w, c) in num_times.items())
          + "  [budget 2 s]")

    rng = np.random.default_rng(2024)
    states, beta = random_burnout_states(args.trajectories, rng)
    prop = NumericalPropagator(gravity="j2", rotating=True, rtol=RTOL, atol=ATOL)
    prop.propagate(states[:10], beta[:10])          # compile / load the cache
    runs, cpus = [], []
    for _ in range(args.repeats):
        started, cpu = time.perf_counter(), time.process_time()
        flight = prop.propagate(states, beta)
        runs.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    t_batch = statistics.median(runs)
    print(f"3. {args.trajectories:,} trajectories (drag, J2, rotation; rtol {RTOL:g}, atol "
          f"{ATOL:g}) to impact: median {t_batch:.2f} s wall, {statistics.median(cpus):.2f} s "
          f"CPU over 2 threads ({t_batch / args.trajectories * 1e6:.1f} us each; "
          f"{np.mean(flight.impacted) * 100:.1f} % impacted; flight times "
          f"{np.nanmin(flight.impact_time_s):.0f}-{np.nanmax(flight.impact_time_s):.0f} s)  "
          "[budget 10 s]")

    baseline = SolveIvpBaseline()
    pick = rng.choice(args.trajectories, args.subset, replace=False)
    started, cpu = time.perf_counter(), time.process_time()
    results = [baseline.propagate_one(states[i], beta[i]) for i in pick]
    t_loop = time.perf_counter() - started
    cpu_loop = time.process_time() - cpu
    per_traj = t_loop / args.subset
    t_ivp = np.array([r[0] for r in results])
    y_ivp = np.array([r[1] for r in results])
    miss = np.linalg.norm(y_ivp[:, :3] - flight.impact_state[pick, :3], axis=-1)
    dt = np.abs(t_ivp - flight.impact_time_s[pick])
    scaled = per_traj * args.trajectories
    print(f"4. solve_ivp (RK45, same dynamics, rtol/atol and impact event) loop on "
          f"{args.subset} random trajectories of the {args.trajectories:,}: "
          f"{per_traj * 1e3:.1f} ms each, "
          f"scaled to {args.trajectories:,}: {scaled:.0f} s; ratio {scaled / t_batch:.0f}x wall "
          f"(CPU: {cpu_loop / args.subset * args.trajectories / statistics.median(cpus):.0f}x, "
          "the loop on one core against the kernel's two)  [target >= 100x]")
    print(f"   agreement on the subset: impact points within {np.max(miss) * 1e3:.1f} mm (median "
          f"{np.median(miss) * 1e3:.2f} mm), impact times within {np.max(dt) * 1e6:.0f} us")


if __name__ == "__main__":
    main()
