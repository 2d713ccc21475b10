"""Timing statistics: do launch days fall inside context windows more often than chance would?

:func:`timing_stats` takes launch days (dates on the launching state's calendar) and context
events, and for each kind and window gives, side by side (context-methods section 3):

1. the observed launch days inside the union of the windows against the count a uniform
   baseline expects, with the rate ratio and its exact conditional interval;
2. two placebos that keep season and tempo (:mod:`.placebo`), with intervals and p-values;
3. Poisson and negative-binomial regressions with year and month effects (:mod:`.regression`);
4. the peri-event histogram, -30..+30 days around the events' first days, with the shuffle's
   envelope;

and, when several kinds or windows are asked for, the placebo p-values adjusted for it.  The
record says what each number assumed and what none of them can show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests

from ..errors import SettingsError
from ..model.context import ContextEvent
from . import placebo, regression
from .stats_days import StudyPeriod, Window, coverage, launch_series, spans, starts
from .stats_notes import assumptions, cannot_show
from .stats_records import (Adjusted, Interval, PeriEvent, Placebo, Regression,
                            RegressionRatio, TimingStats, WindowStats)

DEFAULT_DRAWS = 10_000
#: The seed's date (the launch during the Secretary of State's visit, 2025-01-06).
DEFAULT_SEED = 20250106
DEFAULT_LAGS = 30
#: Context read from a launch's own reports exists only because the launch happened: counting
#: it would find the launches it came from.  Only calendars (shipped and the user's) count.
COUNTED_ORIGINS = ("calendar", "user")


def timing_stats(launch_days: Iterable[date], context: Sequence[ContextEvent], *,
                 first: date, last: date, kinds: Sequence[str] | None = None,
                 windows: Sequence[Window] = (Window(3, 3),), zone: str = "Asia/Pyongyang",
                 episode_gap_days: int = 0, draws: int = DEFAULT_DRAWS,
                 seed: int = DEFAULT_SEED, lags: int = DEFAULT_LAGS,
                 notes: Sequence[str] = ()) -> TimingStats:
    """The statistics for ``kinds`` (all kinds in ``context`` when None) and ``windows`` over
    the days ``first`` to ``last`` of ``zone``'s calendar (module docstring).  ``notes`` are
    the caller's own assumptions (how it chose the launches), printed with the others."""
    if draws < 1:
        raise SettingsError(f"{draws} placebo draws: give at least 1 (10,000 for a p-value "
                            "to three decimals)", field="draws")
    period = StudyPeriod(first, last)
    series = launch_series(launch_days, period, episode_gap_days=episode_gap_days)
    total = int(series.sum())
    if total == 0:
        raise SettingsError(f"no launch day between {first} and {last}; widen --since/"
                            "--until or import launches first", field="since")
    counted = [event for event in context if event.origin in COUNTED_ORIGINS]
    known = sorted({event.kind for event in counted})
    kinds = list(kinds) if kinds else known
    missing = [kind for kind in kinds if kind not in known]
    if missing:
        raise SettingsError(f"no context event of kind {', '.join(missing)}; the calendar "
                            f"holds {', '.join(known) or 'none'}", field="kind")
    by_kind = {kind: [e for e in counted if e.kind == kind] for kind in kinds}

    # Every statistic's day weights, so one set of shuffles serves every kind and window.
    masks: dict[tuple[str, Window], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for kind in kinds:
        for window in windows:
            lo, hi = spans(by_kind[kind], period, window, zone)
            meets = (hi >= 0) & (lo < period.days)
            masks[kind, window] = (coverage(lo[meets], hi[meets], period.days), lo[meets],
                                   hi[meets])
    lag_weights = {kind: _lag_weights(starts(by_kind[kind], period, zone), period.days, lags)
                   for kind in kinds}
    columns = [mask.astype(np.float32) for mask, _, _ in masks.values()]
    weights = np.column_stack(columns + [lag_weights[kind] for kind in kinds])
    shuffles = placebo.shuffled(series, period.strata(), weights, draws, seed)

    rows: list[WindowStats] = []
    skipped: list[str] = []
    for column, ((kind, window), (mask, lo, hi)) in enumerate(masks.items()):
        covered = int(mask.sum())
        if covered in (0, period.days):
            skipped.append(f"{kind} {window.label}: its windows cover "
                           f"{'none' if covered == 0 else 'all'} of the period's days; "
                           "there is nothing to compare")
            continue
        inside = int(series[mask].sum())
        events = by_kind[kind]
        meeting = [e for e in events if _meets(e, period, window, zone)]
        rows.append(WindowStats(
            kind=kind, window=window.label, events=len(meeting),
            events_without_end=sum(1 for e in meeting if e.end is None),
            days_covered=covered, share_of_days=covered / period.days,
            launch_days_inside=inside, expected_uniform=total * covered / period.days,
            rate_ratio_uniform=_uniform_rate_ratio(inside, total, covered, period.days),
            p_uniform=float(scipy_stats.binomtest(inside, total, covered / period.days,
                                                  alternative="greater").pvalue),
            shuffle=_summary("season-matched shuffle", shuffles[:, column], inside, draws,
                             "launch days moved within their year x month"),
            shift=_shifted(lo, hi, series, inside, draws, seed, kind, window)))
    adjustment = _adjust(rows)
    indicators_by_window = {window: {kind: masks[kind, window][0] for kind in kinds}
                            for window in windows}
    regressions = [_regression(series, period, window, indicators)
                   for window, indicators in indicators_by_window.items()]
    offset = len(columns)
    peri = [_peri_event(kind, lag_weights[kind], series, shuffles[:, offset + i * (2 * lags + 1):
                                                                  offset + (i + 1) *
                                                                  (2 * lags + 1)], lags)
            for i, kind in enumerate(kinds)]
    unit = "launch days" if episode_gap_days == 0 else \
        f"episodes (launch days at most {episode_gap_days} days apart merged, counted on " \
        "their first day)"
    return TimingStats(
        first=first, last=last, zone=zone, unit=unit, launch_days=total, days=period.days,
        draws=draws, seed=seed, windows=rows, regressions=regressions, peri_event=peri,
        adjustment=adjustment,
        assumptions=assumptions(unit=unit, zone=zone, draws=draws, seed=seed, rows=rows)
        + skipped + list(notes),
        cannot_show=cannot_show())


def _meets(event: ContextEvent, period: StudyPeriod, window: Window, zone: str) -> bool:
    lo, hi = spans([event], period, window, zone)
    return bool(hi[0] >= 0 and lo[0] < period.days)


def _uniform_rate_ratio(inside: int, total: int, covered: int, days: int) -> Interval:
    """The rate ratio inside vs outside the windows, with the exact conditional interval:
    given the total, the launch days inside are Binomial(total, pi) with
    pi = RR w / (RR w + (T - w)), so the Clopper-Pearson interval of pi maps onto RR."""
    odds = (days - covered) / covered

    def ratio(share: float) -> float:
        return float("inf") if share >= 1 else share / (1 - share) * odds

    ci = scipy_stats.binomtest(inside, total, covered / days).proportion_ci(0.95, "exact")
    return Interval(estimate=ratio(inside / total), low=ratio(ci.low), high=ratio(ci.high),
                    method="exact conditional (Clopper-Pearson on the share inside)")


def _summary(name: str, values: np.ndarray, observed: int, draws: int, how: str,
             covered: np.ndarray | None = None) -> Placebo:
    low, high = placebo.interval(values)
    return Placebo(name=name, how=how, draws=draws, mean=float(values.mean()), low=float(low),
                   high=float(high), p_value=placebo.p_value(values, observed),
                   mean_days_covered=None if covered is None else float(covered.mean()))


def _shifted(lo: np.ndarray, hi: np.ndarray, series: np.ndarray, observed: int, draws: int,
             seed: int, kind: str, window: Window) -> Placebo:
    shortest = max(placebo.SHIFT_MIN_DAYS, window.before + window.after + 1)
    longest = max(placebo.SHIFT_MAX_DAYS, shortest + placebo.SHIFT_MAX_DAYS -
                  placebo.SHIFT_MIN_DAYS)
    counts, covered = placebo.shifted_counts(lo, hi, series, draws,
                                             placebo.shift_seed(seed, kind, window.label),
                                             min_days=shortest, max_days=longest)
    return _summary("shifted windows", counts, observed, draws,
                    f"each event moved by its own {shortest}-{longest} days, either way",
                    covered)


def _adjust(rows: list[WindowStats]) -> str:
    """Holm and Benjamini-Hochberg over the season-matched p-values of every row."""
    if len(rows) < 2:
        return "one kind and window: no adjustment for multiple comparisons was needed"
    raw = [row.shuffle.p_value for row in rows]
    holm = multipletests(raw, method="holm")[1]
    fdr = multipletests(raw, method="fdr_bh")[1]
    for row, h, b in zip(rows, holm, fdr, strict=True):
        row.adjusted = Adjusted(holm=float(h), benjamini_hochberg=float(b))
    return (f"{len(rows)} kind x window tests: the season-matched placebo's p-values are "
            "adjusted by Holm (family-wise error) and Benjamini-Hochberg (false discovery "
            "rate) over all of them")


def _regression(series: np.ndarray, period: StudyPeriod, window: Window,
                indicators: dict[str, np.ndarray]) -> Regression:
    fitted = regression.fit(series, period.years(), period.months(), indicators)
    method = "Wald, exp(b +- 1.96 se)"

    def interval(model: regression.Fitted | None, kind: str) -> Interval | None:
        if model is None or kind not in model.rate_ratios:
            return None
        estimate, low, high = model.rate_ratios[kind]
        return Interval(estimate=estimate, low=low, high=high, method=method)

    return Regression(
        window=window.label,
        rate_ratios=[RegressionRatio(kind=kind, window=window.label,
                                     poisson=interval(fitted.poisson, kind),
                                     negative_binomial=interval(fitted.negative_binomial,
                                                                kind))
                     for kind in indicators],
        pearson_chi2_per_df=fitted.pearson_chi2_per_df, alpha=fitted.alpha,
        lr_p_value=fitted.lr_p_value, preferred=fitted.preferred, cells=fitted.cells,
        dropped_years=fitted.dropped_years, dropped_months=fitted.dropped_months,
        notes=fitted.notes)


def _lag_weights(first_days: np.ndarray, days: int, lags: int) -> np.ndarray:
    """``(T, 2 lags + 1)``: how many events start ``lag`` days before each day, so that a
    launch series times it gives the peri-event histogram (days outside the period drop)."""
    weights = np.zeros((days, 2 * lags + 1), dtype=np.float32)
    for column, lag in enumerate(range(-lags, lags + 1)):
        at = first_days + lag
        at = at[(at >= 0) & (at < days)]
        np.add.at(weights[:, column], at, 1)
    return weights


def _peri_event(kind: str, weights: np.ndarray, series: np.ndarray, shuffles: np.ndarray,
                lags: int) -> PeriEvent:
    low, high = placebo.interval(shuffles)
    observed = series.astype(np.float32) @ weights
    return PeriEvent(kind=kind, starts=int(weights[:, lags].sum()),
                     lags=list(range(-lags, lags + 1)),
                     observed=[int(round(v)) for v in observed],
                     placebo_mean=[float(v) for v in shuffles.mean(axis=0)],
                     placebo_low=[float(v) for v in low], placebo_high=[float(v) for v in high])
