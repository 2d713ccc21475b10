"""How much a reported figure may differ from the truth: Monte Carlo helpers.

The rounding a figure's digits imply ("about 1,000 km" +-50 km) is
:func:`launchwatch.units.rounding_half_width`, one rule for every stage.  physics-methods.md c
puts public SRBM ranges at +-10-30 % and ICBM apogees at +-2-10 %: wider than rounding, because
authorities disagree; a caller who knows better passes its own half-widths to
:func:`~launchwatch.physics.reconstruction.reconstruct`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["percentile_interval"]


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
