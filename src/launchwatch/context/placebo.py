"""Placebo baselines: what the counts would be if the launches had no tie to the context.

Two placebos, each keeping what is not under test (methods: Good, *Permutation, Parametric
and Bootstrap Tests of Hypotheses*, ch. 3; the event-window literature's "placebo dates"):

* **Season-matched shuffle.**  Each draw moves every launch day to a day of the same month of
  the same year, chosen at random without replacement within that year x month (a month with
  five launch days keeps five).  The yearly tempo (the 2018 moratorium, the 2022 surge) and the
  season (the fourth-quarter lull) stay; only the day within the month is left to chance.
* **Shifted windows.**  Each draw moves each context event by its own random offset of 15 to 90
  days (either way, and more than the window's own length), keeping its length; the launches
  stay where they are.  Windows that drift past either end of the period lose those days.

Draws are vectorised: a chunk of draws is a ``(draws, T)`` matrix of placebo launch series,
multiplied with every statistic's day weights at once (a window's mask, a lag of the
peri-event histogram), so every kind shares one set of draws and costs one matrix product.
"""

from __future__ import annotations

import zlib

import numpy as np

#: Draws handled at once: bounds memory at CHUNK x active days x 4 bytes (about 25 MB).
CHUNK = 2_500
#: Offsets of the shifted-window placebo, in days either way (context-methods section 3.2).
SHIFT_MIN_DAYS, SHIFT_MAX_DAYS = 15, 90


def shuffled(series: np.ndarray, strata: np.ndarray, weights: np.ndarray, draws: int,
             seed: int) -> np.ndarray:
    """The statistics ``series @ weights`` over ``draws`` season-matched shuffles.

    ``series`` ``(T,)`` 0/1 launch days; ``strata`` ``(T,)`` contiguous year x month labels;
    ``weights`` ``(T, P)`` one column per statistic.  Returns ``(draws, P)``.  The result
    depends on the series, the strata, ``draws`` and ``seed`` only, not on which statistics
    are asked for, so a kind computed alone or beside others gets the same numbers.
    """
    rng = np.random.default_rng(seed)
    bounds = np.flatnonzero(np.diff(strata)) + 1
    blocks = [(start, stop, int(series[start:stop].sum())) for start, stop in
              zip(np.r_[0, bounds], np.r_[bounds, len(series)], strict=True)]
    # Only months with a launch move anything; the others stay zero in every draw.
    active = [(start, stop, count) for start, stop, count in blocks if count]
    rows = np.concatenate([np.arange(start, stop) for start, stop, _ in active]) if active \
        else np.zeros(0, dtype=np.int64)
    active_weights = np.ascontiguousarray(weights[rows], dtype=np.float32)
    out = np.empty((draws, weights.shape[1]), dtype=np.float64)
    for first in range(0, draws, CHUNK):
        size = min(CHUNK, draws - first)
        placebo = np.zeros((size, len(rows)), dtype=np.float32)
        draw = np.arange(size)[:, None]
        column = 0
        for start, stop, count in active:
            placebo[draw, column + _picks(rng, size, stop - start, count)] = 1.0
            column += stop - start
        out[first:first + size] = placebo @ active_weights
    return out


def _picks(rng: np.random.Generator, size: int, width: int, count: int) -> np.ndarray:
    """``size`` independent draws of ``count`` distinct days out of ``width``: ``(size,
    count)`` ints, each set equally likely.

    Most months hold one to three launch days, so a draw is ``count`` random integers, and a
    row that repeats a day is drawn again (which leaves every set of distinct days equally
    likely); a month crowded with launches takes the ``count`` smallest of ``width`` random
    keys instead, where repeats would make redrawing slow."""
    if count * 3 > width:
        keys = rng.random((size, width))
        return np.argpartition(keys, count - 1, axis=1)[:, :count]
    picks = rng.integers(0, width, size=(size, count))
    while count > 1:
        ordered = np.sort(picks, axis=1)
        repeats = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if repeats.size == 0:
            break
        picks[repeats] = rng.integers(0, width, size=(repeats.size, count))
    return picks


def shifted_counts(firsts: np.ndarray, lasts: np.ndarray, series: np.ndarray, draws: int,
                   seed: int, *, min_days: int = SHIFT_MIN_DAYS,
                   max_days: int = SHIFT_MAX_DAYS) -> tuple[np.ndarray, np.ndarray]:
    """Launch days inside the union of the windows ``[firsts[k], lasts[k]]`` when each is
    moved by its own random offset (``min_days`` to ``max_days``, either way): the counts and
    the days the moved windows cover, each ``(draws,)``.
    """
    if len(firsts) == 0:
        return np.zeros(draws), np.zeros(draws)
    rng = np.random.default_rng(seed)
    offsets = rng.integers(min_days, max_days + 1, size=(draws, len(firsts)))
    offsets *= rng.choice(np.array([-1, 1]), size=offsets.shape)
    counts, covered = counts_in_union(firsts + offsets, lasts + offsets, series)
    return counts.astype(np.float64), covered.astype(np.float64)


def counts_in_union(firsts: np.ndarray, lasts: np.ndarray,
                    series: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of windows ``[firsts[m, k], lasts[m, k]]`` (``(M, K)``), the launch days
    of ``series`` inside their union and the days the union covers within ``0..T-1``.

    No mask is built: sorted by first day, each window adds only its days after the furthest
    end of the windows before it (the days up to that end are covered already)."""
    days = len(series)
    lo = np.clip(firsts, 0, days)
    hi = np.clip(lasts, -1, days - 1)
    order = np.argsort(lo, axis=1, kind="stable")
    lo, hi = np.take_along_axis(lo, order, 1), np.take_along_axis(hi, order, 1)
    reached = np.maximum.accumulate(hi, axis=1)
    before = np.concatenate([np.full((len(lo), 1), -1), reached[:, :-1]], axis=1)
    begin = np.maximum(lo, before + 1)
    new = hi >= begin
    cumulative = np.concatenate([[0], np.cumsum(series)])
    counts = np.where(new, cumulative[np.clip(hi + 1, 0, days)] -
                      cumulative[np.clip(begin, 0, days)], 0).sum(axis=1)
    covered = np.where(new, hi - begin + 1, 0).sum(axis=1)
    return counts, covered


def shift_seed(seed: int, *names: str) -> int:
    """A seed for one kind and window's shifted windows, stable across runs and Python
    processes (``hash()`` of a string is not), so each kind's draws do not depend on which
    other kinds were asked for."""
    return seed ^ zlib.crc32("/".join(names).encode())


def interval(values: np.ndarray, low: float = 2.5, high: float = 97.5) -> tuple[float, float]:
    """The placebo interval: percentiles ``low`` and ``high`` along the draws (axis 0)."""
    lo, hi = np.percentile(values, [low, high], axis=0)
    return lo, hi


def p_value(placebo: np.ndarray, observed: float) -> float:
    """One-sided permutation p-value, (1 + #{draws >= observed}) / (1 + draws): the observed
    series counts as one of the draws, so p is never 0 (Phipson and Smyth 2010)."""
    return float((1 + np.count_nonzero(placebo >= observed - 1e-9)) / (1 + len(placebo)))
