"""The peri-event histogram as a figure: launch days at each lag from the context events'
first days, against the season-matched placebo's mean and 2.5-97.5 % envelope.

One panel per kind, sharing the lag axis; SVG for the web page, PNG or SVG for the command
line (matplotlib's own renderers, no display needed).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .stats_records import PeriEvent, TimingStats

FORMATS = ("svg", "png")


def peri_event_figure(stats: TimingStats, *, fmt: str = "svg",
                      kinds: Sequence[str] | None = None) -> bytes:
    """The figure of ``stats.peri_event`` (those of ``kinds`` when given) as ``fmt`` bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a figure format; use svg or png")
    panels = [peri for peri in stats.peri_event if kinds is None or peri.kind in kinds]
    rows = max(len(panels), 1)
    # A bare Figure, not pyplot: no global figure registry, no GUI backend, safe in a server.
    figure = Figure(figsize=(7.5, 1.9 * rows + 0.9))
    axes = figure.subplots(rows, 1, sharex=True, squeeze=False)
    for axis, peri in zip(axes[:, 0], panels, strict=False):
        _panel(axis, peri)
    axes[0, 0].legend(fontsize=7, loc="upper right", frameon=False)
    axes[-1, 0].set_xlabel("days from the context event's first day "
                           f"({stats.zone} calendar)")
    figure.suptitle(f"Launch days around context events, {stats.first} to {stats.last}\n"
                    f"grey: season-matched placebo, mean and 2.5-97.5 % of {stats.draws:,} "
                    "draws", fontsize=9)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def _panel(axis: Axes, peri: PeriEvent) -> None:
    axis.fill_between(peri.lags, peri.placebo_low, peri.placebo_high, step="mid",
                      color="0.85", label="placebo 2.5-97.5 %")
    axis.step(peri.lags, peri.placebo_mean, where="mid", color="0.45", linewidth=1,
              label="placebo mean")
    axis.bar(peri.lags, peri.observed, width=0.8, color="#b03a2e", alpha=0.85,
             label="launch days")
    axis.axvline(0, color="black", linewidth=0.6)
    axis.set_ylabel("launch days", fontsize=8)
    axis.set_title(f"{peri.kind} ({peri.starts} events)", fontsize=9, loc="left")
    axis.tick_params(labelsize=8)
