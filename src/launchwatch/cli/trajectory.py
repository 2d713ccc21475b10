"""``launchwatch trajectory``: reconstruct a ballistic flight from reported figures."""

from __future__ import annotations

import json
import math

import typer

from ..errors import PhysicsError
from ._app import JSON_OPTION, app, console


def _site_option(value: str | None) -> tuple[float | None, float | None]:
    if not value:
        return None, None
    try:
        lat_text, lon_text = value.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise PhysicsError(f"--site {value!r}: write the launch site as LAT,LON in degrees, "
                           "e.g. --site 40.61,126.43.") from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 360.0):
        raise PhysicsError(f"--site {value!r}: latitude must be within +-90 deg and longitude "
                           "within -180..360 deg.")
    return lat, lon


def _km(x: float | None, digits: int = 0) -> str:
    if x is None or not math.isfinite(x):
        return "unbounded" if x is not None and math.isinf(x) else "n/a"
    return f"{x:,.{digits}f} km"


@app.command()
def trajectory(
    range_km: float = typer.Option(..., "--range-km", help="reported ground range, km"),
    apogee_km: float = typer.Option(..., "--apogee-km", help="reported apogee, km"),
    flight_time_s: float = typer.Option(None, "--flight-time-s",
                                        help="reported flight time, s (launch to impact)"),
    site: str = typer.Option(None, "--site", metavar="LAT,LON",
                             help="launch site, degrees (with --azimuth-deg: Earth rotation)"),
    azimuth_deg: float = typer.Option(None, "--azimuth-deg",
                                      help="bearing of the flight from the site, degrees"),
    missile_class: str = typer.Option(None, "--class",
                                      help="SRBM, MRBM, IRBM, ICBM or SLBM (boost defaults); "
                                           "inferred from the figures if omitted"),
    samples: int = typer.Option(10_000, "--samples", min=1,
                                help="Monte Carlo samples for the intervals"),
    seed: int = typer.Option(0, "--seed", help="random seed of the Monte Carlo"),
    numerical: bool = typer.Option(False, "--numerical",
                                   help="also re-fly with drag, J2 and rotation"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check reported range / apogee / flight time and infer the minimum-energy range.

    Example: launchwatch trajectory --range-km 1000 --apogee-km 3724.9 --flight-time-s 2832
    --class ICBM --site 40.61,126.43 --azimuth-deg 100
    """
    # start-up cost: physics (NumPy/SciPy solvers) adds 0.15 s to every command
    # when imported at the top; only `trajectory` needs it.
    from ..physics import reconstruct

    lat, lon = _site_option(site)
    result = reconstruct(range_km, apogee_km, flight_time_s, missile_class=missile_class,
                         site_lat_deg=lat, site_lon_deg=lon, azimuth_deg=azimuth_deg,
                         samples=samples, seed=seed,
                         propagator="numerical" if numerical else "kepler")
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, allow_nan=False))
        return
    _print_reconstruction(result)


def _print_reconstruction(r) -> None:
    console.print(f"[bold]Trajectory reconstruction[/bold] ({r.boost.missile_class} boost "
                  "assumptions)", highlight=False)
    reported = (f"range {r.range_km:,g} km (±{r.range_half_width_km:g}), apogee "
                f"{r.apogee_km:,g} km (±{r.apogee_half_width_km:g})")
    if r.flight_time_s is not None:
        reported += f", flight time {r.flight_time_s:,g} s (±{r.flight_time_half_width_s:g})"
    console.print(f"  reported          {reported}", highlight=False)
    if r.status != "ok":
        for note in r.notes:
            console.print(f"  [yellow]note[/yellow]              {note}", highlight=False)
        return
    v_lo, v_hi = r.burnout_speed_interval_m_s
    console.print(f"  burnout           {r.burnout_speed_m_s:,.0f} m/s (5-95 %: {v_lo:,.0f}-"
                  f"{v_hi:,.0f}) at {r.burnout_angle_deg:.1f} deg, {r.burnout_altitude_km:,.0f} km "
                  f"up, {r.boost_range_km:,.0f} km downrange, after {r.boost.boost_duration_s:g} s",
                  highlight=False)
    lo, hi = r.predicted_flight_time_interval_s
    console.print(f"  flight time       predicted {r.predicted_flight_time_s:,.0f} s "
                  f"(5-95 %: {lo:,.0f}-{hi:,.0f} s)", highlight=False)
    if r.consistency is not None:
        c = r.consistency
        verdict = "[green]consistent[/green]" if c.consistent else \
            f"[red]inconsistent[/red] by {abs(c.discrepancy_s):,.0f} s"
        console.print(f"  verdict           {verdict}: {c.reason}", highlight=False)
        a_lo, a_hi = r.predicted_apogee_span_km
        g_lo, g_hi = r.predicted_range_span_km
        console.print(f"  pairwise          (range, time) -> apogee {_km(r.predicted_apogee_km)} "
                      f"({_km(a_lo)} to {_km(a_hi)}); (apogee, time) -> range "
                      f"{_km(r.predicted_range_km)} ({_km(g_lo)} to {_km(g_hi)})",
                      highlight=False)
    lo, hi = r.met_range_interval_km
    bound = ">= " if r.met_range_is_lower_bound else ""
    console.print(f"  min-energy range  {bound}{_km(r.met_range_km)} (5-95 %: {_km(lo)} to "
                  f"{_km(hi)})", highlight=False)
    if r.met_launch_azimuth_deg is not None:
        console.print(f"                    toward {r.azimuth_deg:g} deg on the turning Earth "
                      f"(launch azimuth {r.met_launch_azimuth_deg:.1f} deg); without rotation "
                      f"{_km(r.met_range_no_rotation_km)}", highlight=False)
    if r.numerical is not None:
        n = r.numerical
        lo, hi = n.predicted_flight_time_interval_s
        m_lo, m_hi = n.met_range_interval_km
        console.print(f"  with drag and J2  flight time {n.predicted_flight_time_s:,.0f} s "
                      f"({lo:,.0f}-{hi:,.0f}); min-energy range {_km(n.met_range_km)} "
                      f"({_km(m_lo)} to {_km(m_hi)})"
                      + ("; Earth turning" if n.rotating else "; Earth not turning"),
                      highlight=False)
    for note in r.notes:
        console.print(f"  [yellow]note[/yellow]              {note}", highlight=False)
