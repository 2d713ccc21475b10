"""What the timing statistics return: typed records the CLI, the HTTP API and a notebook read.

Every record carries the words that go with its numbers (the method of each interval, the
baseline, the caveats), so that no view can print a rate ratio without saying what it rests on.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Interval(BaseModel):
    """An estimate with its 95 % interval and how the interval was got."""

    estimate: float
    low: float
    high: float
    method: str


class Placebo(BaseModel):
    """Launch days inside the windows over the draws of one placebo."""

    name: str = Field(description="'season-matched shuffle' or 'shifted windows'")
    how: str
    draws: int
    mean: float
    low: float = Field(description="2.5 % of the draws")
    high: float = Field(description="97.5 % of the draws")
    p_value: float = Field(description="(1 + draws >= observed) / (1 + draws), one-sided")
    mean_days_covered: float | None = None


class Adjusted(BaseModel):
    """The season-matched placebo's p-value adjusted over every kind and window asked for."""

    holm: float
    benjamini_hochberg: float


class WindowStats(BaseModel):
    """One kind of context with one window."""

    kind: str
    window: str = Field(description="'-3,+3': days before the start, days after the end")
    events: int = Field(description="context events of the kind whose window meets the period")
    events_without_end: int = Field(description="of them, with no known end: their window "
                                    "runs from their first day only")
    days_covered: int
    share_of_days: float
    launch_days_inside: int
    expected_uniform: float = Field(description="launch days x days covered / days in period")
    rate_ratio_uniform: Interval
    p_uniform: float = Field(description="exact binomial test, one-sided, uniform baseline")
    shuffle: Placebo
    shift: Placebo
    adjusted: Adjusted | None = None


class RegressionRatio(BaseModel):
    kind: str
    window: str
    poisson: Interval | None
    negative_binomial: Interval | None


class Regression(BaseModel):
    """The count regressions of one window over every kind asked for, fitted jointly."""

    window: str
    rate_ratios: list[RegressionRatio]
    pearson_chi2_per_df: float
    alpha: float | None = Field(description="NB2 dispersion; None when the NB did not converge")
    lr_p_value: float | None = Field(description="likelihood-ratio test of alpha = 0")
    preferred: str
    cells: int
    dropped_years: list[int]
    dropped_months: list[int]
    notes: list[str]


class PeriEvent(BaseModel):
    """Launch days at each lag from the context events' first days, with the placebo's."""

    kind: str
    starts: int
    lags: list[int]
    observed: list[int]
    placebo_mean: list[float]
    placebo_low: list[float]
    placebo_high: list[float]


class TimingStats(BaseModel):
    """Everything ``launchwatch context stats`` says, with what it assumed."""

    first: date
    last: date
    zone: str
    unit: str = Field(description="'launch days' or 'episodes (launch days at most N apart)'")
    launch_days: int = Field(description="launch days (or episodes) in the period")
    days: int
    draws: int
    seed: int
    windows: list[WindowStats]
    regressions: list[Regression]
    peri_event: list[PeriEvent]
    adjustment: str
    assumptions: list[str]
    cannot_show: list[str]
