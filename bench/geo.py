"""Benchmark of launchwatch.geo: classify a million points, find the places in reach.

Prints figures; it is not a timed test.  Run: ``.venv/bin/python bench/geo.py [--points N]
[--repeats R]``.  Targets from issue 4: 1,000,000 random points classified (land/sea, country,
sea name, maritime zone, Japan's EEZ) in <= 5 s; places in reach among all the gazetteer's
cities for one ring in <= 100 ms.  Timings are medians of ``--repeats`` runs after a warm-up
(the one-off build of the layers is timed separately).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np


def _median_s(fn, repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"launchwatch.geo benchmark  (pid {os.getpid()}, {os.cpu_count()} CPUs visible)")

    start = time.perf_counter()
    from launchwatch.geo.eez import coastline_zones
    from launchwatch.geo.natural_earth import countries
    from launchwatch.geo.zones import classify_points, land_layer, water_layer
    countries()
    t_read = time.perf_counter() - start
    start = time.perf_counter()
    land = land_layer()
    land.grid  # built on first use; force it here to time it
    t_land = time.perf_counter() - start
    start = time.perf_counter()
    water_layer().grid
    t_water = time.perf_counter() - start
    start = time.perf_counter()
    zones = coastline_zones()
    t_eez = time.perf_counter() - start
    print(f"one-off build: read Natural Earth {t_read:.2f} s, land grid {t_land:.2f} s "
          f"({land.mixed_fraction:.1%} mixed cells), water grid {t_water:.2f} s, "
          f"coastline zones {t_eez:.2f} s ({zones.coast_lat_deg.size:,} coast points)")

    rng = np.random.default_rng(20170915)
    n = args.points
    lat = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))  # uniform on the sphere
    lon = rng.uniform(-180.0, 180.0, n)
    classify_points(lat[:1000], lon[:1000])  # warm-up
    median, runs = _median_s(lambda: classify_points(lat, lon), args.repeats)
    result = classify_points(lat, lon)
    print(f"classify_points: {n:,} random points in {median:.3f} s median "
          f"(runs: {', '.join(f'{t:.3f}' for t in runs)}); target <= 5 s")
    print(f"  land {result.is_land.mean():.1%}, in Japan's EEZ {result.inside_japan_eez.sum():,},"
          f" with a claimant {np.count_nonzero(result.claimant != None):,}")  # noqa: E711
    median_land, _ = _median_s(lambda: land.lookup(lat, lon), args.repeats)
    print(f"  of which land/country lookup alone: {median_land:.3f} s median")

    from launchwatch.assess.places_in_reach import Reach
    from launchwatch.geo.gazetteer import gazetteer
    places = gazetteer()
    start = time.perf_counter()
    n_cities = len(places.city_arrays.lat_deg)
    print(f"cities loaded: {n_cities:,} in {time.perf_counter() - start:.2f} s")
    for site, range_km in (("Sunan", 13000.0), ("Sunan", 3700.0), ("Sohae", 1000.0)):
        reach = Reach.from_site(site, range_km)
        reach.places()  # warm-up
        median, runs = _median_s(reach.places, max(args.repeats, 5))
        found = len(reach.places())
        print(f"places in reach: {site} {range_km:,.0f} km -> {found:,} of {n_cities:,} cities "
              f"in {median * 1000:.1f} ms median (runs: "
              f"{', '.join(f'{t * 1000:.1f}' for t in runs)}); target <= 100 ms")
    median, _ = _median_s(lambda: Reach.from_site("Sunan", 13000.0).ring().to_geojson(),
                          args.repeats)
    print(f"range ring + GeoJSON (721 points, pole inside): {median * 1000:.1f} ms median")


if __name__ == "__main__":
    main()
