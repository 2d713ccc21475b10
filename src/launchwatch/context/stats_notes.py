"""The words that go with the timing statistics: what they assumed and what they cannot show.

Kept apart from the arithmetic so that the CLI, the HTTP API and the web page print the same
sentences, and a change of method changes its description in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from .stats_records import WindowStats


def assumptions(*, unit: str, zone: str, draws: int, seed: int,
                rows: Sequence[WindowStats]) -> list[str]:
    """What the numbers rest on, one sentence each."""
    notes = [
        f"Unit: {unit} on the {zone} calendar; several missiles on one day count once.",
        "Context: the shipped and user calendars only.  Context read from the launch reports "
        "is left out, because it exists only where a launch did.",
        "Windows run from the days before each event's first day to the days after its last; "
        "dates kept in another zone are read as local noon there and moved onto the launching "
        "state's calendar; a day two windows cover counts once.",
        "Uniform baseline: every day of the period equally likely to hold a launch.  Expected "
        "= launch days x days covered / days in the period; the rate ratio (inside vs outside "
        "the windows) has an exact conditional 95 % interval (Clopper-Pearson on the share "
        "of launch days inside).  Launches bunch by season and year, so this baseline "
        "overstates any tie.",
        f"Season-matched shuffle ({draws:,} draws, seed {seed}): each launch day moved to a "
        "random day of its own year and month; keeps yearly tempo and season.  Interval: "
        "2.5-97.5 % of the draws; p = (1 + draws >= observed) / (1 + draws), one-sided.",
        "Shifted windows (as many draws, seeded from the same seed, the kind and the window): "
        "each context event moved by its own 15-90 "
        "days (more than the window's length), either way, its length kept; the launches "
        "stay.  Windows pushed past the period's ends lose those days.",
        "Regression: launch days per year x month x window pattern with log(days) as offset, "
        "year and calendar-month effects and every kind's window indicator at once (Poisson "
        "and NB2 negative binomial, both by maximum likelihood); rate ratio exp(b) with a Wald "
        "95 % interval.  Years and months with no launch day are dropped.  The negative "
        "binomial is preferred when Pearson chi2/df exceeds 1.2 and the likelihood-ratio "
        "test of alpha = 0 rejects at 5 %.",
    ]
    open_ended = sum(row.events_without_end for row in rows)
    if open_ended:
        notes.append(f"{open_ended} window(s) belong to events with no known end: they are "
                     "counted from their first day only, which makes their windows too "
                     "short.")
    return notes


def cannot_show() -> list[str]:
    """What no count of days can show, one sentence each."""
    return [
        "Direction: a rate ratio above 1 does not say the launches were timed to the "
        "context.  Some drills and visits are scheduled, extended or moved because of "
        "launches (Vigilant Storm 2022 was extended after the 2-3 November launches).",
        "Overlap: windows of different kinds share days (April holds exercises, the 15 and "
        "25 April anniversaries and often visits).  The counts and placebos treat each kind "
        "alone; only the joint regression holds the others fixed, and only as far as their "
        "days differ.",
        "Coverage: the answer is about the calendar's events only.  Visits or drills the "
        "calendar lacks sit in the baseline's days, which pulls a rate ratio towards 1.",
        "Small numbers: with a handful of launch days inside the windows the intervals are "
        "wide and one launch more or less can move a p-value across 0.05.",
        "Intent: counts of days cannot say what a launch was meant to signal, or to whom.",
    ]
