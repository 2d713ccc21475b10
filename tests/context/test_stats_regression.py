"""Poisson and negative-binomial regression with year and month effects: a rate ratio planted
in simulated counts is recovered within its interval, and overdispersion is noticed."""

from __future__ import annotations

from datetime import date

import numpy as np

from launchwatch.context import regression
from launchwatch.context.stats_days import StudyPeriod

PERIOD = StudyPeriod(date(2016, 1, 1), date(2023, 12, 31))


def simulate(seed: int, ratio: float, *, dispersion: float | None = None) -> tuple[
        np.ndarray, dict[str, np.ndarray]]:
    """Daily counts with year and month effects (a lull in the fourth quarter, a busy year),
    ``ratio`` times the rate inside the "a" windows, no effect of "b"; with ``dispersion``,
    each year x month's rate is drawn from a gamma (campaigns): negative-binomial counts."""
    rng = np.random.default_rng(seed)
    years, months = PERIOD.years(), PERIOD.months()
    year_effect = rng.uniform(0.5, 2.0, size=years.max() - years.min() + 1)[years - years.min()]
    month_effect = np.where(months >= 10, 0.3, 1.0)
    days = PERIOD.days
    a = (np.arange(days) % 37) < 6
    b = (np.arange(days) % 23) < 4
    rate = 0.06 * year_effect * month_effect * np.where(a, ratio, 1.0)
    if dispersion is not None:
        stratum = PERIOD.strata()
        shock = rng.gamma(1 / dispersion, dispersion, size=stratum.max() + 1)
        rate = rate * shock[stratum]
    return rng.poisson(rate), {"a": a, "b": b}


def test_the_planted_rate_ratio_is_inside_the_poisson_interval_most_of_the_time() -> None:
    covered_a = covered_b = 0
    seeds = range(30)
    for seed in seeds:
        series, indicators = simulate(seed, 2.0)
        fitted = regression.fit(series, PERIOD.years(), PERIOD.months(), indicators)
        _, low, high = fitted.poisson.rate_ratios["a"]
        covered_a += low <= 2.0 <= high
        _, low, high = fitted.poisson.rate_ratios["b"]
        covered_b += low <= 1.0 <= high
    assert covered_a >= 25 and covered_b >= 25  # 95 % intervals: about 28.5 of 30


def test_one_fit_recovers_the_ratio_and_finds_no_overdispersion_in_poisson_counts() -> None:
    series, indicators = simulate(42, 2.5)
    fitted = regression.fit(series, PERIOD.years(), PERIOD.months(), indicators)
    estimate, low, high = fitted.poisson.rate_ratios["a"]
    assert low <= 2.5 <= high and 1.8 < estimate < 3.4
    assert fitted.pearson_chi2_per_df < regression.OVERDISPERSED
    assert fitted.preferred == "poisson"
    assert fitted.negative_binomial is not None


def test_overdispersed_counts_prefer_the_negative_binomial_and_it_recovers_the_ratio() -> None:
    series, indicators = simulate(9, 2.0, dispersion=3.0)
    fitted = regression.fit(series, PERIOD.years(), PERIOD.months(), indicators)
    assert fitted.pearson_chi2_per_df > regression.OVERDISPERSED
    assert fitted.preferred == "negative binomial" and fitted.alpha and fitted.alpha > 0.1
    assert fitted.negative_binomial is not None
    _, low, high = fitted.negative_binomial.rate_ratios["a"]
    assert low <= 2.0 <= high


def test_a_year_without_launches_is_dropped_and_said() -> None:
    series, indicators = simulate(3, 2.0)
    series[PERIOD.years() == 2018] = 0
    fitted = regression.fit(series, PERIOD.years(), PERIOD.months(), indicators)
    assert fitted.dropped_years == [2018]
    assert "a" in fitted.poisson.rate_ratios


def test_a_kind_whose_windows_cover_no_day_is_named_not_fitted() -> None:
    series, indicators = simulate(4, 1.0)
    indicators["never"] = np.zeros(PERIOD.days, dtype=bool)
    fitted = regression.fit(series, PERIOD.years(), PERIOD.months(), indicators)
    assert "never" not in fitted.poisson.rate_ratios
    assert any(note.startswith("never:") for note in fitted.notes)


def test_cells_add_up_to_the_days_and_the_launches() -> None:
    series, indicators = simulate(5, 1.5)
    counts, exposure, year, month, bits = regression.cells(series, PERIOD.years(),
                                                           PERIOD.months(), indicators)
    assert exposure.sum() == PERIOD.days and counts.sum() == series.sum()
    assert bits.shape == (len(counts), 2)
    assert exposure[bits[:, 0] == 1].sum() == indicators["a"].sum()
