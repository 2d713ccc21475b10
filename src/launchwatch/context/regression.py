"""Poisson and negative-binomial regression of launch days on context windows.

The model (context-methods section 3.3; Cameron and Trivedi, *Regression Analysis of Count
Data*, ch. 3)::

    log E[launch days in cell c] = log(days in c) + b0 + sum_k b_k * in_window_k(c)
                                   + year(c) + month(c)

Unit: the days of one year x month that share one pattern of windows (inside visit windows
and not exercise windows, ...): a *cell*, with its launch days as the count and its number of
days as the exposure.  Because every covariate is constant within a cell, the Poisson fit on
cells gives the same rate ratios as a fit on the daily 0/1 series, at a fraction of the rows;
and the spread of counts across cells is where campaigns show up as overdispersion (Pearson
chi2/df above 1), which the negative binomial (NB2, Var = mu + alpha mu^2) absorbs.

Years and calendar months with no launch day at all are dropped: their fixed effect runs to
minus infinity, and under fixed effects they carry no information on the rate ratios.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import statsmodels.api as sm
from scipy import stats as scipy_stats
from statsmodels.tools.sm_exceptions import ModelWarning

Z_95 = float(scipy_stats.norm.ppf(0.975))
#: Pearson chi2/df above which the counts are called overdispersed.
OVERDISPERSED = 1.2
#: The likelihood-ratio test of alpha = 0 (boundary: half a chi2(1)) must reject at this level
#: for the negative binomial to be preferred.
NB_LEVEL = 0.05
#: An NB alpha below this is at its bound 0: the fit is the Poisson.
ALPHA_AT_BOUND = 1e-4


# A log rate ratio's standard error above this (a factor of e**10 either way at one standard
# error) means the data cannot estimate it: no launch inside the windows, or none outside.
_SEPARATED_SE = 10.0


@dataclass(frozen=True)
class Fitted:
    """One model's rate ratio per indicator, with its 95 % interval."""

    rate_ratios: dict[str, tuple[float, float, float]]
    converged: bool


@dataclass(frozen=True)
class CountRegression:
    """Both fits and the dispersion check."""

    poisson: Fitted
    negative_binomial: Fitted | None
    pearson_chi2_per_df: float
    alpha: float | None
    lr_p_value: float | None
    cells: int
    dropped_years: list[int]
    dropped_months: list[int]
    notes: list[str] = field(default_factory=list)

    @property
    def preferred(self) -> str:
        """'negative binomial' when the counts are overdispersed and the NB fit says so."""
        if (self.negative_binomial is not None and self.pearson_chi2_per_df > OVERDISPERSED
                and self.lr_p_value is not None and self.lr_p_value < NB_LEVEL):
            return "negative binomial"
        return "poisson"


def cells(series: np.ndarray, years: np.ndarray, months: np.ndarray,
          indicators: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                       np.ndarray, np.ndarray]:
    """Days grouped by (year, month, window pattern): counts, exposure (days), year, month,
    and the ``(cells, K)`` 0/1 indicator matrix, all per cell."""
    names = list(indicators)
    pattern = np.zeros(len(series), dtype=np.int64)
    for bit, name in enumerate(names):
        pattern |= indicators[name].astype(np.int64) << bit
    key = (years.astype(np.int64) * 12 + months - 1) << len(names) | pattern
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    counts = np.bincount(inverse, weights=series, minlength=len(unique))
    exposure = np.bincount(inverse, minlength=len(unique)).astype(np.float64)
    bits = ((pattern[first][:, None] >> np.arange(len(names))) & 1).astype(np.float64)
    return counts, exposure, years[first], months[first], bits


def fit(series: np.ndarray, years: np.ndarray, months: np.ndarray,
        indicators: dict[str, np.ndarray]) -> CountRegression:
    """Both models over the daily ``series`` ``(T,)`` with ``indicators`` ``{name: (T,)}``."""
    counts, exposure, year, month, bits = cells(series, years, months, indicators)
    notes: list[str] = []
    dropped_years = [int(y) for y in np.unique(year) if counts[year == y].sum() == 0]
    dropped_months = [int(m) for m in np.unique(month) if counts[month == m].sum() == 0]
    keep = ~np.isin(year, dropped_years) & ~np.isin(month, dropped_months)
    counts, exposure, year, month, bits = (a[keep] for a in (counts, exposure, year, month,
                                                              bits))
    names = list(indicators)
    usable = [k for k, name in enumerate(names) if 0 < bits[:, k].sum() < len(bits)
              and _varies_in_exposure(bits[:, k], exposure)]
    for k, name in enumerate(names):
        if k not in usable:
            notes.append(f"{name}: its windows cover all or none of the days kept, so the "
                         "regression cannot estimate its rate ratio")
    design = np.column_stack([np.ones(len(counts)), bits[:, usable],
                              _dummies(year), _dummies(month)])
    labels = [names[k] for k in usable]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # The discrete-choice models, not the GLM: Newton (and BFGS) solve a small Hessian
        # where the GLM's IRLS pays a least-squares SVD per iteration.  The NB starts from
        # the Poisson fit; BFGS, because Newton diverges when alpha sits at its bound 0.
        poisson = sm.Poisson(counts, design, exposure=exposure).fit(disp=0, method="newton",
                                                                    maxiter=100)
        negbin = sm.NegativeBinomial(counts, design, exposure=exposure,
                                     loglike_method="nb2").fit(
            start_params=np.append(poisson.params, 0.5), disp=0, method="bfgs",
            maxiter=500)
    # Overflow warnings of the line search are noise; convergence warnings are reported.
    notes.extend(f"statsmodels: {str(w.message).splitlines()[0]}" for w in caught
                 if issubclass(w.category, ModelWarning))
    fitted_mean = poisson.predict(design, exposure=exposure)
    chi2_df = float(((counts - fitted_mean) ** 2 / fitted_mean).sum() /
                    max(len(counts) - design.shape[1], 1))
    converged = bool(negbin.mle_retvals.get("converged", False))
    # BFGS stops short ("precision loss") when alpha runs into its bound; there the NB is
    # the Poisson whether or not the optimiser calls it converged.
    at_bound = bool(np.isfinite(negbin.params[-1])) and float(negbin.params[-1]) < ALPHA_AT_BOUND
    nb_ok = converged and not at_bound and bool(np.all(np.isfinite(negbin.bse)))
    alpha: float | None = float(negbin.params[-1]) if nb_ok else None
    lr_p: float | None = None
    if nb_ok:
        lr = max(0.0, 2.0 * (negbin.llf - poisson.llf))
        lr_p = float(0.5 * scipy_stats.chi2.sf(lr, 1)) if lr > 0 else 1.0
    elif at_bound:
        # At alpha = 0 the NB is the Poisson; its Hessian is singular there, which is why
        # statsmodels may warn, and there is nothing further to report.
        alpha, lr_p = 0.0, 1.0
        notes[:] = [note for note in notes if not note.startswith("statsmodels:")]
        notes.append("the negative binomial's alpha is at its bound 0 (no overdispersion): "
                     "its rate ratios are the Poisson fit's")
    else:
        notes.append("the negative binomial did not converge; only the Poisson fit is given")
    poisson_ratios = _rate_ratios(poisson.params, poisson.bse, labels,
                                  bool(poisson.mle_retvals.get("converged", False)))
    return CountRegression(
        poisson=poisson_ratios,
        negative_binomial=_rate_ratios(negbin.params[:-1], negbin.bse[:-1], labels, True)
        if nb_ok else poisson_ratios if at_bound else None,
        pearson_chi2_per_df=chi2_df, alpha=alpha, lr_p_value=lr_p, cells=len(counts),
        dropped_years=dropped_years, dropped_months=dropped_months, notes=notes)


def _varies_in_exposure(column: np.ndarray, exposure: np.ndarray) -> bool:
    return bool(exposure[column == 1].sum() > 0 and exposure[column == 0].sum() > 0)


def _dummies(values: np.ndarray) -> np.ndarray:
    """One 0/1 column per value but the first (the reference level)."""
    levels = np.unique(values)
    return (values[:, None] == levels[None, 1:]).astype(np.float64)


def _rate_ratios(params: np.ndarray, bse: np.ndarray, labels: list[str],
                 converged: bool) -> Fitted:
    """exp(b) with the Wald interval exp(b +- 1.96 se), for the indicator columns (1..K).

    An indicator with no launch day inside its windows (or with every one) has no finite
    estimate: the fit drives b towards infinity with a standard error to match.  Such a kind
    is left out (shown as "-"), not given a ratio of 0 or an interval of [0, inf]."""
    ratios = {}
    for k, label in enumerate(labels, start=1):
        beta, se = float(params[k]), float(bse[k])
        if not (np.isfinite(beta) and np.isfinite(se)) or se > _SEPARATED_SE:
            continue
        ratios[label] = (float(np.exp(beta)), float(np.exp(beta - Z_95 * se)),
                         float(np.exp(beta + Z_95 * se)))
    return Fitted(rate_ratios=ratios, converged=converged)
