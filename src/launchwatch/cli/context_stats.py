"""``launchwatch context stats``: were launches timed to exercises, visits, summits ...?

A thin layer over :func:`launchwatch.api.context_stats`: it prints each kind and window's
counts, rate ratios, placebos and regressions, then what they assumed and what they cannot
show (never the numbers without those), and writes the peri-event figure on ``--plot``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..api import Store, context_stats
from ..context.stats import DEFAULT_DRAWS, DEFAULT_SEED
from ..context.stats_records import Interval, TimingStats
from ..errors import SettingsError
from ._app import DB_OPTION, JSON_OPTION, console, settings_from_cli
from .context import context_app


@context_app.command("stats")
def stats(
    kind: list[str] | None = typer.Option(None, "--kind", help="a kind of context (exercise, "
                                          "visit, summit, unsc, election, statement, "
                                          "anniversary, your own); repeat for several; "
                                          "default: every kind"),
    window: list[str] | None = typer.Option(None, "--window", help="days before the start "
                                            "and after the end, e.g. -3,+3; repeat for "
                                            "several (default -3,+3)"),
    since: str = typer.Option("2016", "--since", help="first year, month or day"),
    until: str | None = typer.Option(None, "--until", help="last year, month or day "
                                     "(default: end of the calendars' last year)"),
    country: str = typer.Option("North Korea", "--country", help="the launching state"),
    episodes: int = typer.Option(0, "--episodes", help="merge launch days at most this many "
                                 "days apart into one episode (0: count launch days)"),
    draws: int = typer.Option(DEFAULT_DRAWS, "--draws", help="placebo draws"),
    seed: int = typer.Option(DEFAULT_SEED, "--seed", help="seed of the placebo draws"),
    plot: Path | None = typer.Option(None, "--plot", help="write the peri-event histogram "
                                     "to this .svg or .png file"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Launch days inside context windows against a uniform baseline, two season-matched
    placebos and Poisson / negative-binomial regressions with year and month effects.

    Example: launchwatch context stats --kind visit --kind exercise --window -3,+3 --since 2016
    """
    fmt = plot.suffix.lower().lstrip(".") if plot else None
    if plot and fmt not in ("svg", "png"):
        raise SettingsError(f"--plot {plot}: write the figure to a .svg or .png file",
                            field="--plot")
    url = settings_from_cli(db=db).resolved_database_url
    with Store.open(url) as store:
        result = context_stats(store, kinds=kind or (), windows=window or ("-3,+3",),
                               since=since, until=until, country=country,
                               episode_gap_days=episodes, draws=draws, seed=seed)
    if plot:
        # start-up cost: matplotlib loads in about half a second; only --plot pays it.
        from ..context.plot import peri_event_figure

        plot.write_bytes(peri_event_figure(result, fmt=fmt or "svg"))
    if as_json:
        sys.stdout.write(result.model_dump_json() + "\n")
        return
    _print(result)
    if plot:
        console.print(f"Peri-event histogram written to {escape(str(plot))}.",
                      highlight=False, soft_wrap=True)


def _print(result: TimingStats) -> None:
    console.print(f"[bold]{result.launch_days} {result.unit}[/bold] in {result.days:,} days, "
                  f"{result.first} to {result.last} ({result.zone} calendar)", highlight=False)
    # Two tables of a few columns each rather than one of nine: each fits 80 columns.
    observed = Table(title="Launch days inside the windows, against a uniform baseline")
    for heading in ("kind", "window", "events", "days covered", "inside", "expected",
                    "rate ratio [95 %]"):
        observed.add_column(heading, overflow="fold")
    placebos = Table(title="Against the placebos (95 % of draws, p) and adjusted for "
                     "several tests")
    for heading in ("kind", "window", "shuffle", "p", "shifted", "p", "Holm p", "BH p"):
        placebos.add_column(heading, overflow="fold")
    for row in result.windows:
        observed.add_row(escape(row.kind), row.window, str(row.events),
                         f"{row.days_covered} ({row.share_of_days:.1%})",
                         str(row.launch_days_inside), f"{row.expected_uniform:.1f}",
                         _ratio(row.rate_ratio_uniform))
        placebos.add_row(escape(row.kind), row.window,
                         f"{row.shuffle.low:.0f}-{row.shuffle.high:.0f}",
                         f"{row.shuffle.p_value:.3f}",
                         f"{row.shift.low:.0f}-{row.shift.high:.0f}",
                         f"{row.shift.p_value:.3f}",
                         f"{row.adjusted.holm:.3f}" if row.adjusted else "-",
                         f"{row.adjusted.benjamini_hochberg:.3f}" if row.adjusted else "-")
    console.print(observed)
    table = placebos
    console.print(table)
    for fit in result.regressions:
        table = Table(title=f"Regression, window {fit.window}: rate ratio [95 %] with year "
                      f"and month effects ({fit.cells} cells; Pearson chi2/df "
                      f"{fit.pearson_chi2_per_df:.2f}; preferred: {fit.preferred})")
        for heading in ("kind", "Poisson", "negative binomial"):
            table.add_column(heading)
        for ratio in fit.rate_ratios:
            table.add_row(escape(ratio.kind), _ratio(ratio.poisson),
                          _ratio(ratio.negative_binomial))
        console.print(table)
        alpha = "did not converge" if fit.alpha is None else f"{fit.alpha:.3f}"
        lr = "" if fit.lr_p_value is None else f", LR test of alpha = 0: p = {fit.lr_p_value:.3f}"
        dropped = f"; years with no launch left out: {fit.dropped_years}" \
            if fit.dropped_years else ""
        console.print(f"NB alpha {alpha}{lr}{dropped}", highlight=False)
        for note in fit.notes:
            console.print(f"  note: {escape(note)}", highlight=False, soft_wrap=True)
    console.print(f"[bold]Multiple comparisons:[/bold] {escape(result.adjustment)}",
                  highlight=False, soft_wrap=True)
    console.print("[bold]Assumed:[/bold]", highlight=False)
    for line in result.assumptions:
        console.print(f"  - {escape(line)}", highlight=False, soft_wrap=True)
    console.print("[bold]Cannot show:[/bold]", highlight=False)
    for line in result.cannot_show:
        console.print(f"  - {escape(line)}", highlight=False, soft_wrap=True)


def _ratio(value: Interval | None) -> str:
    if value is None:
        return "-"
    return f"{value.estimate:.2f} [{value.low:.2f}-{value.high:.2f}]"
