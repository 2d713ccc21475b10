"""The placebo machinery: shuffles keep each year x month's launch count, shifted windows are
counted over their union, a planted effect is found and no effect gives p-values spread
evenly."""

from __future__ import annotations

import numpy as np
import pytest

from launchwatch.context import placebo


def month_strata(days: int, width: int = 30) -> np.ndarray:
    return np.arange(days) // width


def planted(rng: np.random.Generator, days: int, windows: np.ndarray, base: float,
            inside: float) -> np.ndarray:
    """Launch days at rate ``base`` per day, ``inside`` within the windows."""
    rate = np.where(windows, inside, base)
    return (rng.random(days) < rate).astype(np.int64)


def test_every_shuffle_keeps_each_months_launch_count() -> None:
    rng = np.random.default_rng(1)
    strata = month_strata(360)
    series = (rng.random(360) < 0.2).astype(np.int64)
    series[:30] = 1  # a month where every day holds a launch
    per_month = (strata[:, None] == np.arange(12)[None, :]).astype(np.float32)
    draws = placebo.shuffled(series, strata, per_month, 300, seed=7)
    assert draws.shape == (300, 12)
    assert np.all(draws == series @ per_month)


@pytest.mark.parametrize("draws", [1, 7, placebo.CHUNK + 3])
def test_shuffles_have_the_asked_shape_and_repeat_with_their_seed(draws: int) -> None:
    series = np.zeros(90, dtype=np.int64)
    series[[3, 40, 41, 80]] = 1
    weights = np.eye(90, dtype=np.float32)[:, :5]
    first = placebo.shuffled(series, month_strata(90), weights, draws, seed=3)
    assert first.shape == (draws, 5)
    assert np.array_equal(first, placebo.shuffled(series, month_strata(90), weights, draws,
                                                  seed=3))


def test_a_series_without_launches_shuffles_to_zeros() -> None:
    draws = placebo.shuffled(np.zeros(60, dtype=np.int64), month_strata(60),
                             np.ones((60, 2), dtype=np.float32), 10, seed=1)
    assert draws.shape == (10, 2) and not draws.any()


def test_shuffled_days_are_spread_evenly_within_the_month() -> None:
    series = np.zeros(30, dtype=np.int64)
    series[[0, 1, 2]] = 1
    hits = placebo.shuffled(series, month_strata(30), np.eye(30, dtype=np.float32), 20_000,
                            seed=11).mean(axis=0)
    assert np.allclose(hits, 3 / 30, atol=0.015)


def test_the_union_count_matches_a_mask_built_day_by_day() -> None:
    rng = np.random.default_rng(5)
    series = (rng.random(200) < 0.3).astype(np.int64)
    firsts = rng.integers(-20, 210, size=(50, 6))
    lasts = firsts + rng.integers(-1, 25, size=(50, 6))
    counts, covered = placebo.counts_in_union(firsts, lasts, series)
    for row in range(50):
        mask = np.zeros(200, dtype=bool)
        for lo, hi in zip(firsts[row], lasts[row], strict=True):
            mask[max(lo, 0):max(min(hi, 199) + 1, 0)] = True
        assert counts[row] == series[mask].sum()
        assert covered[row] == mask.sum()


def test_shifted_windows_keep_their_length_and_shape() -> None:
    series = np.ones(1000, dtype=np.int64)
    counts, covered = placebo.shifted_counts(np.array([400, 600]), np.array([409, 604]),
                                             series, 50, seed=2)
    assert counts.shape == covered.shape == (50,)
    assert np.all(covered <= 15) and np.all(counts == covered)
    none, days = placebo.shifted_counts(np.zeros(0, dtype=int), np.zeros(0, dtype=int),
                                        series, 4, seed=2)
    assert none.tolist() == [0, 0, 0, 0] and days.tolist() == [0, 0, 0, 0]


def test_p_value_counts_the_observed_series_as_a_draw() -> None:
    assert placebo.p_value(np.array([1.0, 2.0, 3.0]), 2) == 3 / 4
    assert placebo.p_value(np.array([1.0, 2.0, 3.0]), 9) == 1 / 4


def windows_every(days: int, every: int, length: int) -> np.ndarray:
    return (np.arange(days) % every) < length


def test_a_planted_effect_is_found() -> None:
    rng = np.random.default_rng(2016)
    days = 3650
    windows = windows_every(days, 45, 5)
    series = planted(rng, days, windows, base=0.03, inside=0.12)
    observed = int(series[windows].sum())
    draws = placebo.shuffled(series, month_strata(days), windows[:, None].astype(np.float32),
                             2000, seed=1)[:, 0]
    assert placebo.p_value(draws, observed) < 0.01
    assert observed > np.percentile(draws, 97.5)


def test_without_an_effect_p_values_spread_evenly_over_seeds() -> None:
    """200 series drawn under the shuffle's own null (launch days placed at random within
    each month), 500 draws each: about 5 % of p-values below 0.05, about half below 0.5
    (permutation p-values of counts are discrete, so the bands are loose)."""
    days = 720
    strata = month_strata(days)
    windows = windows_every(days, 20, 4)
    weights = windows[:, None].astype(np.float32)
    p_values = []
    for seed in range(200):
        rng = np.random.default_rng(seed)
        series = (rng.random(days) < 0.08).astype(np.int64)
        draws = placebo.shuffled(series, strata, weights, 500, seed=seed + 10_000)[:, 0]
        p_values.append(placebo.p_value(draws, int(series[windows].sum())))
    p_values = np.asarray(p_values)
    assert 0.01 <= np.mean(p_values <= 0.05) <= 0.10
    assert 0.35 <= np.mean(p_values <= 0.5) <= 0.65
    assert 0.40 <= p_values.mean() <= 0.62
