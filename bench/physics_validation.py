"""Validation of launchwatch.physics on reported flight tests: prints figures, asserts nothing.

For every row of flight-tests.csv (by default ../shared/data/flight-tests.csv; the file stays
there, it is not part of the project):

- rows with range, apogee and flight time: the launch-to-impact time predicted from (range,
  apogee) against the reported time (criterion +-5 %), and the consistency verdict, with the
  reason for every row flagged inconsistent;
- rows with an expert standard-trajectory range (``expert_max_range_km``): the minimum-energy
  range inferred from (range, apogee) against it (criterion +-15 %).  Where the expert figure is
  a lower bound (">", "exceed"), ours passes if it is at least 85 % of it; where ours is a
  lower bound (near-orbital tests), it is compared the same way as a point figure;
- depressed rows (apogee / range < 0.15) and failed flights are listed as excluded.

The missile class comes from the ``missile`` column (ICBM, IRBM, MRBM, SRBM, SLBM); rows naming
none get the class inferred from their figures.  No figure is tuned per row.

    python bench/physics_validation.py [--csv PATH] [--samples 10000]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from launchwatch.physics import reconstruct

DEFAULT_CSV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "flight-tests.csv"
TIME_TOLERANCE = 0.05
RANGE_TOLERANCE = 0.15


def missile_class(missile: str) -> str | None:
    for name in ("ICBM", "SLBM", "IRBM", "MRBM", "SRBM"):
        if name in missile:
            return name
    return None


def expert_is_lower_bound(row: dict) -> bool:
    value = row["expert_max_range_km"]
    notes = row["notes"].lower()
    return bool(re.search(rf">\s*{value}", notes) or re.search(r"exceed", notes))


def kcna_alternative(row: dict):
    """(range, apogee, time) with KCNA's figures from the notes' ``ALT:`` list, or None."""
    found = {}
    # "ALT: KCNA apogee=5768.5 km, range=989 km, time=4015 s" or "KCNA range=998 km; KCNA time=..."
    for group in re.findall(r"KCNA ((?:(?:apogee|range|time)=[\d.]+ ?(?:km|s)(?:, )?)+)",
                            row["notes"]):
        for key, value in re.findall(r"(apogee|range|time)=([\d.]+)", group):
            found.setdefault(key, float(value))
    if "apogee" not in found and "time" not in found:
        return None
    return (found.get("range", float(row["range_km"])),
            found.get("apogee", float(row["apogee_km"])),
            found.get("time", float(row["flight_time_s"])))


def fmt(x, digits=0):
    if x is None:
        return "-"
    if x == float("inf"):
        return "inf"
    if x != x:
        return "nan"
    return f"{x:,.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    rows = list(csv.DictReader(open(args.csv, newline="", encoding="utf-8")))
    time_rows, range_rows, excluded, flagged, alternatives = [], [], [], [], []
    for row in rows:
        if not row["range_km"] or not row["apogee_km"]:
            continue
        label = f"{row['date_local']} {row['missile'][:34]}"
        r_km, h_km = float(row["range_km"]), float(row["apogee_km"])
        t_s = float(row["flight_time_s"]) if row["flight_time_s"] else None
        failed = "FAILED" in row["notes"]
        result = reconstruct(r_km, h_km, t_s, missile_class=missile_class(row["missile"]),
                             samples=args.samples, seed=args.seed)
        if result.status != "ok" or failed:
            why = "failed flight (notes)" if failed else \
                f"depressed: apogee/range {h_km / r_km:.3f} < 0.15, outside ballistic inference"
            excluded.append((label, why))
            continue
        if t_s is not None:
            err = result.predicted_flight_time_s / t_s - 1
            c = result.consistency
            time_rows.append((label, result.boost.missile_class, r_km, h_km, t_s,
                              result.predicted_flight_time_s, err, c))
            if not c.consistent:
                flagged.append((label, c))
            alt = kcna_alternative(row)
            if alt is not None:
                alt_result = reconstruct(*alt, missile_class=missile_class(row["missile"]),
                                         samples=args.samples, seed=args.seed)
                alternatives.append((label, alt, alt_result))
        if row["expert_max_range_km"]:
            expert = float(row["expert_max_range_km"])
            lower = expert_is_lower_bound(row)
            ours = result.met_range_km
            ratio = ours / expert
            ok = ratio >= 1 - RANGE_TOLERANCE if lower else abs(ratio - 1) <= RANGE_TOLERANCE
            range_rows.append((label, result.boost.missile_class, r_km, h_km, expert, lower, ours,
                               result.met_range_is_lower_bound, result.met_range_interval_km,
                               ratio, ok))

    print(f"launchwatch.physics validation on {args.csv.name} ({len(rows)} rows; "
          f"{args.samples:,} Monte Carlo samples, seed {args.seed})")
    print()
    print("Flight time predicted from (range, apogee) vs reported, criterion +-5 %")
    print(f"  {'row':47s} {'class':5s} {'range':>7s} {'apogee':>8s} {'reported':>8s} "
          f"{'predicted':>9s} {'error':>7s}  verdict")
    n_ok = 0
    for label, cls, r_km, h_km, t_s, pred, err, c in time_rows:
        within = abs(err) <= TIME_TOLERANCE
        n_ok += within
        verdict = "consistent" if c.consistent else \
            f"INCONSISTENT by {abs(c.discrepancy_s):.0f} s"
        print(f"  {label:47s} {cls:5s} {fmt(r_km, 1):>7s} {fmt(h_km, 1):>8s} {fmt(t_s):>8s} "
              f"{fmt(pred):>9s} {err * 100:+6.1f}%  {'ok  ' if within else 'MISS'} {verdict}")
    n_cons = sum(1 for *_, c in time_rows if c.consistent)
    n_cons_ok = sum(1 for *_, err, c in time_rows if c.consistent and abs(err) <= TIME_TOLERANCE)
    print(f"  within +-5 %: {n_ok}/{len(time_rows)} rows; among rows judged consistent: "
          f"{n_cons_ok}/{n_cons}")
    print()
    print("Rows flagged inconsistent, and why")
    if not flagged:
        print("  none")
    for label, c in flagged:
        print(f"  {label}: reported {c.reported_flight_time_s:,.0f} s, fitting flights "
              f"{c.predicted_interval_s[0]:,.0f}-{c.predicted_interval_s[1]:,.0f} s "
              f"(+1.5 % model allowance); surface-Kepler offset {c.surface_offset_s:+.0f} s "
              f"(ICBMs that fit: about +100..+300 s). {c.reason}.")
    print()
    print("The same rows with KCNA's own figures (from the notes' ALT: list), for comparison")
    for label, (r_km, h_km, t_s), res in alternatives:
        c = res.consistency
        err = res.predicted_flight_time_s / t_s - 1
        print(f"  {label:47s} {fmt(r_km, 1):>7s} {fmt(h_km, 1):>8s} {fmt(t_s):>6s} s: predicted "
              f"{fmt(res.predicted_flight_time_s)} s ({err * 100:+.1f} %), "
              + ("consistent" if c.consistent
                 else f"INCONSISTENT by {abs(c.discrepancy_s):.0f} s"))
    print()
    print("Minimum-energy range inferred from (range, apogee) vs expert, criterion +-15 %")
    print(f"  {'row':47s} {'class':5s} {'expert':>8s} {'ours':>9s} {'5-95 %':>17s} "
          f"{'ratio':>6s}")
    n_r = 0
    for (label, cls, r_km, h_km, expert, lower, ours, our_lower, interval, ratio,
         ok) in range_rows:
        n_r += ok
        e_text = (">" if lower else "") + fmt(expert)
        o_text = (">=" if our_lower else "") + fmt(ours)
        span = f"{fmt(interval[0])}-{fmt(interval[1])}"
        print(f"  {label:47s} {cls:5s} {e_text:>8s} {o_text:>9s} {span:>17s} {ratio:6.2f} "
              f"{'ok' if ok else 'MISS'}")
    print(f"  within criterion: {n_r}/{len(range_rows)} rows")
    print()
    print(f"Excluded from inference ({len(excluded)} rows)")
    for label, why in excluded:
        print(f"  {label}: {why}")


if __name__ == "__main__":
    main()
