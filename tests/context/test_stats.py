"""timing_stats end to end on synthetic calendars: a planted tie is found by every method, an
absent one is not; what the record says it assumed; bad requests named."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from launchwatch.context.stats import timing_stats
from launchwatch.context.stats_days import Window
from launchwatch.errors import SettingsError
from launchwatch.model import ContextEvent

FIRST, LAST = date(2016, 1, 1), date(2023, 12, 31)
DAYS = (LAST - FIRST).days + 1


def calendar(seed: int, kind: str, count: int, length: int, origin: str = "calendar") -> list[
        ContextEvent]:
    rng = np.random.default_rng(seed)
    events = []
    for number, offset in enumerate(sorted(rng.choice(DAYS - 20, count, replace=False))):
        start = FIRST + timedelta(days=int(offset))
        events.append(ContextEvent(id=f"{origin}:{kind}:{number}", kind=kind,
                                   name=f"{kind} {number}", start=start,
                                   end=start + timedelta(days=length - 1), origin=origin))
    return events


def launches(seed: int, planted: list[ContextEvent] = ()) -> list[date]:
    """Launch days at random (fewer in the fourth quarter), plus two inside each planted
    event's days."""
    rng = np.random.default_rng(seed)
    days = [FIRST + timedelta(days=int(i)) for i in rng.choice(DAYS, 160, replace=False)]
    days = [day for day in days if day.month < 10 or rng.random() < 0.3]
    for event in planted:
        days += [event.start, event.start + timedelta(days=1)]
    return days


def test_a_planted_tie_is_found_by_the_baselines_and_the_regression() -> None:
    visits = calendar(1, "visit", 30, 3)
    drills = calendar(2, "exercise", 20, 10)
    stats = timing_stats(launches(3, visits), visits + drills, first=FIRST, last=LAST,
                         windows=[Window(1, 1)], draws=2000, seed=5)
    visit = next(row for row in stats.windows if row.kind == "visit")
    assert visit.launch_days_inside > visit.shuffle.high
    assert visit.shuffle.p_value < 0.01 and visit.shift.p_value < 0.01
    assert visit.rate_ratio_uniform.low > 1.5 and visit.p_uniform < 0.001
    fitted = next(r for r in stats.regressions[0].rate_ratios if r.kind == "visit")
    assert fitted.poisson is not None and fitted.poisson.low > 1.5
    drill = next(row for row in stats.windows if row.kind == "exercise")
    assert drill.shuffle.p_value > 0.01
    assert visit.adjusted is not None and visit.adjusted.holm >= visit.shuffle.p_value
    assert "Holm" in stats.adjustment and "Benjamini-Hochberg" in stats.adjustment


def test_the_peri_event_histogram_peaks_on_the_planted_days() -> None:
    visits = calendar(1, "visit", 30, 3)
    stats = timing_stats(launches(3, visits), visits, first=FIRST, last=LAST, draws=500,
                         lags=10)
    (peri,) = stats.peri_event
    assert peri.lags == list(range(-10, 11)) and peri.starts == 30
    at = {lag: count for lag, count in zip(peri.lags, peri.observed, strict=True)}
    assert at[0] >= 30 and at[1] >= 30
    assert at[0] > peri.placebo_high[10]
    assert all(low <= mean <= high for low, mean, high in
               zip(peri.placebo_low, peri.placebo_mean, peri.placebo_high, strict=True))


def test_the_same_seed_gives_the_same_numbers_whatever_else_is_asked() -> None:
    visits, drills = calendar(1, "visit", 30, 3), calendar(2, "exercise", 20, 10)
    days = launches(4)
    alone = timing_stats(days, visits + drills, first=FIRST, last=LAST, kinds=["visit"],
                         draws=300, seed=9)
    both = timing_stats(days, visits + drills, first=FIRST, last=LAST, draws=300, seed=9)
    visit = next(row for row in both.windows if row.kind == "visit")
    assert alone.windows[0].shuffle == visit.shuffle
    assert alone.windows[0].shift == visit.shift
    assert alone.adjustment.startswith("one kind and window")


def test_context_read_from_reports_is_not_counted() -> None:
    visits = calendar(1, "visit", 30, 3)
    reported = calendar(6, "visit", 30, 3, origin="report")
    days = launches(3, reported)
    stats = timing_stats(days, visits + reported, first=FIRST, last=LAST, draws=200)
    assert stats.windows[0].events == 30
    assert any("left out" in line for line in stats.assumptions)


def test_the_record_says_what_it_assumed_and_cannot_show() -> None:
    visits = calendar(1, "visit", 10, 2)
    visits.append(ContextEvent(id="calendar:visit:open", kind="visit", name="open-ended",
                               start=date(2018, 4, 1)))
    stats = timing_stats(launches(2), visits, first=FIRST, last=LAST, draws=100,
                         episode_gap_days=2, notes=["the caller's own note"])
    assert stats.unit.startswith("episodes")
    assert stats.windows[0].events_without_end == 1
    text = " ".join(stats.assumptions)
    for words in ("Uniform baseline", "Season-matched shuffle", "Shifted windows",
                  "Regression", "no known end", "the caller's own note"):
        assert words in text
    assert any(line.startswith("Direction") for line in stats.cannot_show)
    assert any(line.startswith("Coverage") for line in stats.cannot_show)
    assert stats.model_dump_json()


@pytest.mark.parametrize(("options", "field"), [
    ({"kinds": ["parade"]}, "kind"), ({"draws": 0}, "draws"),
    ({"first": date(2030, 1, 1), "last": date(2030, 12, 31)}, "since")])
def test_bad_requests_are_named(options: dict, field: str) -> None:
    arguments = {"first": FIRST, "last": LAST, **options}
    with pytest.raises(SettingsError) as raised:
        timing_stats(launches(1), calendar(1, "visit", 5, 1), **arguments)
    assert raised.value.field == field
