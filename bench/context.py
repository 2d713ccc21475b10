"""How long the timing statistics take: every kind, 10,000 placebo draws, ten years.

Usage: python bench/context.py [--draws 10000] [--repeat 5]

Builds a synthetic ten-year series (2016-2025: 150 launch days, fewer in the fourth quarter)
and a calendar of seven kinds (30 events each, 1 to 10 days long), runs
:func:`launchwatch.context.stats.timing_stats` for all kinds at once with the default window
(placebo shuffles and shifts, regressions, peri-event histograms, adjusted p-values) several
times, and prints each run's seconds and the best and median.  The target is 2 s.  The
first run pays imports and caches; on a shared machine, the median is the figure to quote.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

import numpy as np

from launchwatch.context.stats import timing_stats
from launchwatch.model import CONTEXT_KINDS, ContextEvent

FIRST, LAST = date(2016, 1, 1), date(2025, 12, 31)


def synthetic(seed: int = 1) -> tuple[list[date], list[ContextEvent]]:
    rng = np.random.default_rng(seed)
    days = (LAST - FIRST).days + 1
    launches = [FIRST + timedelta(days=int(i)) for i in rng.choice(days, 190, replace=False)]
    launches = [day for day in launches if day.month < 10 or rng.random() < 0.25][:150]
    context = []
    for kind in CONTEXT_KINDS:
        for number, offset in enumerate(rng.choice(days, 30, replace=False)):
            start = FIRST + timedelta(days=int(offset))
            context.append(ContextEvent(id=f"{kind}:{number}", kind=kind, name=kind,
                                        start=start, end=start + timedelta(
                                            days=int(rng.integers(0, 10)))))
    return launches, context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    launches, context = synthetic()
    seconds = []
    for _ in range(options.repeat):
        start = time.perf_counter()
        stats = timing_stats(launches, context, first=FIRST, last=LAST, draws=options.draws)
        seconds.append(time.perf_counter() - start)
    print(f"timing_stats: {len(stats.windows)} kinds, {stats.launch_days} launch days, "
          f"{stats.days} days, {options.draws:,} draws each for the shuffle and the shift")
    print("runs (s): " + ", ".join(f"{s:.2f}" for s in seconds))
    print(f"best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s "
          f"(target <= 2 s)")


if __name__ == "__main__":
    main()
