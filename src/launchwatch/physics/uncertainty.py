"""How much a reported figure may differ from the truth: rounding, and Monte Carlo helpers.

A figure such as "about 1,000 km" is taken as rounded to a step, and the truth as uniform
within half a step of it.  The step is inferred from the figure itself: a decimal figure
(KCNA's 3724.9 km) is good to half its last digit; a whole figure is taken to be rounded to the
largest of 1, 2 or 5 x 10^k that divides it and is at most ``max_fraction`` (10 %) of it, so
1 000 -> step 100 (+-50), 6 000 -> 500 (+-250), 700 -> 50 (+-25), 3 724 -> 1 (+-0.5).  A time
that is a whole number of minutes is treated in minutes (45 min -> +-30 s; 30 min -> +-60 s).
physics-methods.md c puts public SRBM ranges at +-10-30 % and ICBM apogees at +-2-10 %: wider
than rounding, because authorities disagree; a caller who knows better passes its own
half-widths.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

__all__ = ["percentile_interval", "rounding_half_width", "time_rounding_half_width_s"]


def rounding_half_width(value: float, *, max_fraction: float = 0.1) -> float:
    """Half the rounding step inferred from a reported figure (see the module docstring)."""
    if value is None or not np.isfinite(value) or value <= 0:
        return 0.0
    d = Decimal(repr(float(value))).normalize()
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0:
        return 0.5 * 10.0**exponent
    n = int(round(value))
    best = 1
    k = 1
    while k <= n:
        for m in (1, 2, 5):
            step = m * k
            if step <= max_fraction * value and n % step == 0:
                best = max(best, step)
        k *= 10
    return 0.5 * best


def time_rounding_half_width_s(flight_time_s: float, *, max_fraction: float = 0.1) -> float:
    """As :func:`rounding_half_width`, but a whole number of minutes is rounded in minutes."""
    if flight_time_s is None or flight_time_s <= 0:
        return 0.0
    if float(flight_time_s).is_integer() and int(flight_time_s) % 60 == 0:
        return 60.0 * rounding_half_width(flight_time_s / 60.0, max_fraction=max_fraction)
    return rounding_half_width(flight_time_s, max_fraction=max_fraction)


def percentile_interval(samples, low: float = 5.0, high: float = 95.0):
    """(low, high) percentiles of samples that may hold +inf (unbounded) but not NaN.

    Uses the 'inverted_cdf' definition so that an infinite sample is never interpolated into
    a NaN: a percentile that falls among the infinite samples is +inf.
    """
    x = np.asarray(samples, float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(x, [low, high], method="inverted_cdf")
    return (float(lo), float(hi))
