"""Ingest the real pages of eval-real and compare the fused events with the labelled launches.

Usage: python bench/real_events.py [--real ../shared/eval-real] [--api] [--db FILE] [--verbose]
                                   [--json]

This is the acceptance check, measured: ``launchwatch ingest ../shared/eval-real/reports`` (the
files as they are, no Published header added) into a fresh SQLite file, then ``launchwatch
events list --json --limit 0``.  The number of events should be within 10 % of the number of
distinct (country, launch_date_local) pairs among the labelled launch reports
(``is_launch_report`` true, ``launch_date_local`` not null; the undated labelled launches are
counted apart), and at least 90 % of the events should be dated.

Prints the ingest's wall time and any message it printed besides its summary, the figures
(events, dated events and their share, labelled pairs, events/pairs), the match in both
directions (each labelled pair: is there an event of that country and date; each event: does a
labelled pair match it), the events in excess and the pairs missed by cause, and then the two
lists extraction has to fix: the pairs with no event (with what their reports were extracted
as) and the events with no pair (with their report files and what those files are labelled).
``--verbose`` adds the whole match table, every pair and every event.

Beside them, the fewest events these extractions allow (:func:`lone_beyond`): one per
labelled launch, one more for each report that gives no date and shares nothing identifying
with its launch's other reports, and one for each launch the labels leave undated that shares
nothing with any labelled launch of its state.  No fusion that joins a report only on a shared
fact (missile, figure, clock time) can go below it; where it is above the target, the target
is out of reach of fusion, and only dating more reports from their own text would lower it.

Causes, judged per report from its label: ``distractor`` (the page reports no launch),
``undated`` (extraction gave no date; the label has one), ``label undated`` (the label has no
date; extraction gave one), ``wrong date``, ``wrong country``, ``no launch`` (a labelled launch
report gave no launch), ``two events, one date`` (a pair has more than one event: the extra
ones) and ``merged`` (an event whose reports are labelled with different pairs).  An event with
no pair is "split off" when its files' labelled launch has an event already (fixing it removes
an event) and "alone" when it has none (fixing it turns a missed pair into a match).  Countries
are compared after :data:`COUNTRY_ALIASES` (the labels write "Yemen (Houthis)", the extractor
may write "Yemen").

Note: ``launchwatch events list`` shows 100 events unless given ``--limit 0``.

By default the ingest runs the ``launchwatch`` command beside this Python, as the acceptance
check does, and its output is kept; ``--api`` ingests in this process instead
(``launchwatch.pipeline.Pipeline.ingest``, as bench/events.py does), with the extractor loaded before
the clock starts.  Either way the events' report files are read back from the store.

The pages are read from ../shared at run time only; nothing of them is copied here.  Without
../shared/eval-real the bench prints "skipped" and exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import select  # noqa: E402

from launchwatch.events.matching import shared_identity  # noqa: E402
from launchwatch.model import LaunchRef  # noqa: E402
from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.store import Store  # noqa: E402
from launchwatch.store.event_tables import EventLaunchRow  # noqa: E402
from launchwatch.store.fusing import REF_COLUMNS, refs_of_rows  # noqa: E402
from launchwatch.store.tables import LaunchRow, ReportRow  # noqa: E402

COUNTRY_ALIASES = {"Yemen (Houthis)": "Yemen"}
"""Label country -> the project's name for the same launching state."""

TOLERANCE = 0.10  # events within 10 % of the labelled pairs
DATED_SHARE = 0.90  # at least 90 % of the events dated

Pair = tuple[str, str]  # (country, local date)


def country_name(country: str | None) -> str:
    return COUNTRY_ALIASES.get(country or "", country or "?")


def short(country: str | None, width: int = 13) -> str:
    text = country or "?"
    return text if len(text) <= width else text[:width - 1] + "."


# -- the labels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    id: str
    is_launch: bool
    country: str | None
    date: str | None

    @property
    def pair(self) -> Pair | None:
        return (country_name(self.country), self.date) if self.is_launch and self.date else None

    def shown(self) -> str:
        if not self.is_launch:
            return "distractor"
        return f"{self.country} {self.date or 'undated'}"


def read_labels(real: Path) -> dict[str, Label]:
    labels = {}
    for line in (real / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["id"]] = Label(row["id"], bool(row["is_launch_report"]), row["country"],
                                      row["launch_date_local"])
    return labels


# -- the store's events ----------------------------------------------------------------------


@dataclass
class Member:
    """A stored launch of one event (or of none), and the report file it came from."""

    report: str  # file stem: "017"
    role: str  # "reported" or "background"
    country: str | None
    date: str | None
    event_id: str | None


@dataclass
class EventView:
    id: str
    country: str | None
    date: str | None
    members: list[Member] = field(default_factory=list)

    @property
    def pair(self) -> Pair | None:
        return (country_name(self.country), self.date) if self.date else None

    @property
    def reporting(self) -> list[str]:
        """The report files that report this launch (not those that only recall it)."""
        return sorted({m.report for m in self.members if m.role != "background"})

    @property
    def recalling(self) -> list[str]:
        return sorted({m.report for m in self.members if m.role == "background"}
                      - set(self.reporting))

    def files(self) -> str:
        return " ".join(self.reporting + [f"({r})" for r in self.recalling])


def stored_members(db: Path) -> list[Member]:
    """Every stored launch with its report file and event, read from the store's tables."""
    query = (select(LaunchRow.role, LaunchRow.country, LaunchRow.date_local, ReportRow.source,
                    EventLaunchRow.event_id)
             .join(ReportRow, ReportRow.content_hash == LaunchRow.report_hash)
             .outerjoin(EventLaunchRow, EventLaunchRow.launch_id == LaunchRow.id)
             .order_by(ReportRow.source, LaunchRow.ordinal))
    with Store.open(db, migrate=False) as store, store.engine.connect() as connection:
        return [Member(Path(source).stem, role, country,
                       day.isoformat() if day is not None else None, event_id)
                for role, country, day, source, event_id in connection.execute(query)]


# -- ingesting -------------------------------------------------------------------------------


def stored_refs(db: Path) -> dict[str, list[LaunchRef]]:
    """The launches each report file reports (not those it recalls), as fusion reads them."""
    query = select(*REF_COLUMNS).join(ReportRow, ReportRow.content_hash == LaunchRow.report_hash)
    with Store.open(db, migrate=False) as store, store.engine.connect() as connection:
        refs = refs_of_rows(connection.execute(query).all())
    by_report: dict[str, list[LaunchRef]] = {}
    for ref in refs:
        if ref.launch.role != "background":
            by_report.setdefault(Path(ref.report.source).stem, []).append(ref)
    return by_report


def lone_reports(pairs: dict[Pair, list[str]],
                 refs: dict[str, list[LaunchRef]]) -> dict[Pair, list[str]]:
    """For each labelled launch, its reports that no fusion could join to its other reports
    from what was extracted: every launch the report gives is undated, and none shares an
    identifying fact (``launchwatch.events.matching.shared_identity``: the missile, a figure,
    the clock time) with any launch of the launch's other reports.  Joining such a report
    would take a date the text does not give, or a guess that the only launch of its state
    near some day is it."""
    lone: dict[Pair, list[str]] = {}
    for pair, reports in pairs.items():
        for report in reports:
            own = refs.get(report, [])
            if not own or any(ref.launch.date_local is not None for ref in own):
                continue
            others = [ref for other in reports if other != report
                      for ref in refs.get(other, [])]
            if not any(shared_identity(mine, theirs) for mine in own for theirs in others):
                lone.setdefault(pair, []).append(report)
    return lone


def launches_apart(match: Match, refs: dict[str, list[LaunchRef]]) -> list[str]:
    """The reports the labels leave undated whose launch can be none of the labelled ones:
    it shares no identifying fact with any report of a labelled launch of its state.  Each
    is an event of its own, but for one that shares a fact with an earlier one of them."""
    country_of = {report: pair[0] for pair, reports in match.pairs.items()
                  for report in reports}
    apart: list[str] = []
    for label in match.undated_labelled:
        own = refs.get(label.id, [])
        if not own:
            continue
        others = [ref for report, country in country_of.items()
                  if country == country_name(label.country) for ref in refs.get(report, [])]
        others += [ref for report in apart for ref in refs.get(report, [])]
        if not any(shared_identity(mine, theirs) for mine in own for theirs in others):
            apart.append(label.id)
    return apart


def lone_beyond(pairs: dict[Pair, list[str]], lone: dict[Pair, list[str]]) -> list[str]:
    """The lone reports (:func:`lone_reports`) that are events beyond one per labelled launch:
    all of a launch's, but one where every report of the launch is lone (that one is the
    launch's event).  The fewest events the launch reports could make are one per labelled
    launch, one per report here, and one per launch apart (:func:`launches_apart`)."""
    return [report for pair, reports in sorted(lone.items())
            for report in (reports if len(reports) < len(pairs[pair]) else reports[1:])]


@dataclass
class Ingested:
    wall_s: float
    summary: str
    messages: list[str]
    events: list[dict[str, Any]]  # id, country, date_local


def launchwatch_command() -> list[str]:
    beside = Path(sys.executable).with_name("launchwatch")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("launchwatch")
    if found:
        return [found]
    sys.exit("real_events: no launchwatch command beside this Python or on PATH; run it with "
             ".venv/bin/python or use --api")


def ingest_cli(reports: Path, db: Path) -> Ingested:
    """The acceptance check's two commands, as they are."""
    command = launchwatch_command()
    start = time.perf_counter()
    done = subprocess.run([*command, "ingest", str(reports), "--db", str(db)],
                          capture_output=True, text=True, env=_plain_env())
    wall = time.perf_counter() - start
    lines = [line.rstrip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    summary = next((line for line in lines if line.startswith("Read ")), "")
    messages = [line for line in lines if line != summary]
    if done.returncode:
        messages.append(f"(launchwatch ingest exited {done.returncode})")
    listed = subprocess.run([*command, "events", "list", "--json", "--limit", "0",
                             "--db", str(db)], capture_output=True, text=True, env=_plain_env())
    if listed.returncode:
        sys.exit(f"real_events: launchwatch events list failed ({listed.returncode}):\n"
                 f"{listed.stderr.strip()}")
    events = [{"id": e["id"], "country": e["country"], "date_local": e["date_local"]}
              for e in json.loads(listed.stdout)]
    return Ingested(wall, summary, messages, events)


def _plain_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("LAUNCHWATCH_DATABASE_URL", None)  # --db decides
    env["COLUMNS"] = "200"
    return env


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname.lower()}: {record.name}: {record.getMessage()}")


def ingest_api(reports: Path, db: Path) -> Ingested:
    """The same ingest in this process, as bench/events.py does it."""
    from launchwatch.extract import default_extractor

    default_extractor()  # load spaCy and the lexicons before the clock starts
    kept = _Kept()
    logging.getLogger().addHandler(kept)
    try:
        with warnings.catch_warnings(record=True) as caught, Store.open(db) as store:
            warnings.simplefilter("always")
            start = time.perf_counter()
            result = Pipeline(store).ingest([reports])
            wall = time.perf_counter() - start
            events = [{"id": e.id, "country": e.country,
                       "date_local": e.date_local.isoformat() if e.date_local else None}
                      for e in store.events(assessments=False)]
    finally:
        logging.getLogger().removeHandler(kept)
    summary = (f"Read {result.read} reports: {result.new} new, {result.duplicate} duplicate, "
               f"{result.failed} failed; {result.launches} launches found (and "
               f"{result.background} earlier launches recalled).")
    messages = [str(failure) for failure in result.failures] + kept.lines + \
        [f"{w.category.__name__}: {w.message} ({Path(w.filename).name}:{w.lineno})"
         for w in caught]
    return Ingested(wall, summary, messages, events)


# -- matching --------------------------------------------------------------------------------


def report_cause(label: Label | None, country: str | None, date: str | None) -> str | None:
    """Why a report extracted as (country, date) is not its label's pair; None if it is."""
    if label is None:
        return "unlabelled"
    if not label.is_launch:
        return "distractor"
    if label.date is None:
        return "label undated" if date else None
    if date is None:
        return "undated"
    if country_name(country) != country_name(label.country):
        return "wrong country"
    if date != label.date:
        return "wrong date"
    return None


@dataclass
class Match:
    labels: dict[str, Label]
    events: list[EventView]
    members: list[Member]

    def __post_init__(self) -> None:
        self.pairs: dict[Pair, list[str]] = {}
        for label in self.labels.values():
            if label.pair:
                self.pairs.setdefault(label.pair, []).append(label.id)
        self.by_pair: dict[Pair, list[EventView]] = {}
        for event in self.events:
            if event.pair:
                self.by_pair.setdefault(event.pair, []).append(event)
        self.reported: dict[str, list[Member]] = {}
        for member in self.members:
            if member.role != "background":
                self.reported.setdefault(member.report, []).append(member)

    @property
    def undated_labelled(self) -> list[Label]:
        return [lb for lb in self.labels.values() if lb.is_launch and lb.date is None]

    def pair_events(self, pair: Pair) -> list[EventView]:
        return self.by_pair.get(pair, [])

    def event_matches(self, event: EventView) -> bool:
        return event.pair is not None and event.pair in self.pairs

    def extracted_as(self, report: str) -> str:
        launches = self.reported.get(report, [])
        if not launches:
            return "no launch"
        return ", ".join(f"{short(m.country)} {m.date or 'undated'}" for m in launches)

    def pair_cause(self, pair: Pair) -> str:
        """Why a labelled pair has no event: what its reports were extracted as, most common."""
        causes = Counter()
        for report in self.pairs[pair]:
            launches = self.reported.get(report, [])
            if not launches:
                causes["no launch"] += 1
            for m in launches:
                causes[report_cause(self.labels[report], m.country, m.date) or "?"] += 1
        return causes.most_common(1)[0][0]

    def event_cause(self, event: EventView) -> str:
        """Why a dated or undated event has no pair, judged from its reports' labels."""
        causes = Counter(report_cause(self.labels.get(r), event.country, event.date)
                         or "undated, label undated too" for r in event.reporting)
        if not causes:
            return "no reporting file"
        # Several reports: the cause the most of them share (ties in a fixed order).
        order = ["wrong date", "wrong country", "undated", "label undated", "distractor"]
        return max(causes, key=lambda c: (causes[c], -order.index(c) if c in order else -99))

    def split_from(self, event: EventView) -> list[str]:
        """The other events of the labelled launches this event's files report: an unmatched
        event with one is a piece split off that launch's event."""
        found = []
        for report in event.reporting:
            pair = self.labels[report].pair if report in self.labels else None
            found += [e.id for e in self.pair_events(pair) if e.id != event.id] if pair else []
        return sorted(set(found))

    def merged(self, event: EventView) -> bool:
        pairs = {self.labels[r].pair for r in event.reporting
                 if r in self.labels and self.labels[r].pair}
        return len(pairs) > 1

    def agrees_undated(self, event: EventView) -> bool:
        """An undated event whose every reporting file is labelled an undated launch."""
        return event.date is None and bool(event.reporting) and all(
            r in self.labels and self.labels[r].is_launch and self.labels[r].date is None
            for r in event.reporting)


def build(labels: dict[str, Label], listed: list[dict[str, Any]],
          members: list[Member]) -> Match:
    events = {e["id"]: EventView(e["id"], e["country"], e["date_local"]) for e in listed}
    for member in members:
        if member.event_id in events:
            events[member.event_id].members.append(member)
    return Match(labels, list(events.values()), members)


# -- printing --------------------------------------------------------------------------------


def figures(match: Match, ingested: Ingested,
            refs: dict[str, list[LaunchRef]]) -> dict[str, Any]:
    events = match.events
    beyond = lone_beyond(match.pairs, lone_reports(match.pairs, refs))
    apart = launches_apart(match, refs)
    dated = [e for e in events if e.date]
    pairs = len(match.pairs)
    matched_pairs = [p for p in match.pairs if match.pair_events(p)]
    matched_events = [e for e in events if match.event_matches(e)]
    split_extra = sum(len(match.pair_events(p)) - 1 for p in matched_pairs)
    return {
        "ingest_wall_s": round(ingested.wall_s, 2),
        "ingest_summary": ingested.summary,
        "ingest_messages": ingested.messages,
        "events": len(events),
        "dated_events": len(dated),
        "dated_share": len(dated) / len(events) if events else 0.0,
        "launch_reports": sum(1 for lb in match.labels.values() if lb.is_launch),
        "dated_launch_reports": sum(1 for lb in match.labels.values() if lb.pair),
        "undated_launch_reports": len(match.undated_labelled),
        "pairs": pairs,
        "ratio": len(events) / pairs if pairs else 0.0,
        "pairs_with_event": len(matched_pairs),
        "events_with_pair": len(matched_events),
        "split_extra_events": split_extra,
        "fewest_events": pairs + len(beyond) + len(apart),
        "lone_reports": beyond,
        "launches_apart": apart,
    }


def event_row(match: Match, event: EventView) -> dict[str, Any]:
    return {"id": event.id, "country": event.country, "date": event.date,
            "reports": event.reporting, "recalled_by": event.recalling,
            "matched": match.event_matches(event),
            "cause": None if match.event_matches(event) else match.event_cause(event),
            "split_from": match.split_from(event),
            "merged": match.merged(event),
            "labels": {r: match.labels[r].shown() if r in match.labels else None
                       for r in event.reporting}}


def pair_row(match: Match, pair: Pair) -> dict[str, Any]:
    events = match.pair_events(pair)
    return {"country": pair[0], "date": pair[1], "reports": match.pairs[pair],
            "events": [e.id for e in events],
            "cause": None if events else match.pair_cause(pair),
            "extracted_as": {r: match.extracted_as(r) for r in match.pairs[pair]}}


def excess(match: Match) -> tuple[Counter, Counter]:
    """Events beyond one per pair, and pairs with no event, counted by (cause, how): an
    unmatched event is split off its launch's event when that launch has one, else alone."""
    extra: Counter = Counter()
    for event in match.events:
        if not match.event_matches(event):
            how = "split off" if match.split_from(event) else "alone"
            extra[(match.event_cause(event), how)] += 1
    for pair in match.pairs:
        if len(match.pair_events(pair)) > 1:
            extra[("two events, one date", "split")] += len(match.pair_events(pair)) - 1
    missed = Counter(match.pair_cause(p) for p in match.pairs if not match.pair_events(p))
    return extra, missed


def print_report(match: Match, facts: dict[str, Any], real: Path, mode: str,
                 verbose: bool) -> None:
    ok = "ok" if abs(facts["ratio"] - 1) <= TOLERANCE else "MISSES"
    dated_ok = "ok" if facts["dated_share"] >= DATED_SHARE else "MISSES"
    print(f"eval-real: {len(match.labels)} pages in {real}")
    print(f"ingest ({mode}): {facts['ingest_wall_s']:.1f} s wall")
    print(textwrap.fill(facts["ingest_summary"] or "(no summary line)", 80,
                        initial_indent="  ", subsequent_indent="    "))
    if facts["ingest_messages"]:
        print(f"  {len(facts['ingest_messages'])} message(s) besides the summary:")
        for line in facts["ingest_messages"]:
            print(textwrap.fill(line, 80, initial_indent="    ", subsequent_indent="      "))
    else:
        print("  no errors or warnings")
    print()
    print(f"events             {facts['events']:5d}")
    print(f"  dated            {facts['dated_events']:5d}  {facts['dated_share']:6.1%}"
          f"   (target >= {DATED_SHARE:.0%}: {dated_ok})")
    print(f"labelled pairs     {facts['pairs']:5d}   distinct (country, date) of "
          f"{facts['dated_launch_reports']} dated")
    print(f"                           launch reports; {facts['undated_launch_reports']} "
          f"undated launch reports apart")
    print(f"events / pairs     {facts['ratio']:5.2f}   (target {1 - TOLERANCE:.2f} to "
          f"{1 + TOLERANCE:.2f}: {ok})")
    launches = facts["pairs"] + facts["undated_launch_reports"]
    print(f"events / (pairs + undated launch reports) = {facts['events']} / {launches} = "
          f"{facts['events'] / launches if launches else 0:.2f}")
    fewest, beyond, apart = facts["fewest_events"], facts["lone_reports"], facts["launches_apart"]
    within = int(facts["pairs"] * (1 + TOLERANCE))
    print(f"fewest events these extractions allow: {fewest} = {facts['pairs']} pairs"
          f" + {len(beyond)} + {len(apart)}")
    print(f"  ({fewest / facts['pairs']:.3f} of the pairs; {within} or fewer are within "
          f"{TOLERANCE:.0%}), as:")
    print(textwrap.fill(
        "reports that give no date and share nothing identifying with their launch's other "
        "reports (" + (", ".join(beyond) or "none") + "), and "
        "launches the labels leave undated that share nothing with any labelled launch of "
        "their state (" + (" ".join(apart) or "none") + ")", 80, initial_indent="  ",
        subsequent_indent="  "))
    print(f"pairs with an event {facts['pairs_with_event']:4d} / {facts['pairs']}")
    print(f"events with a pair  {facts['events_with_pair']:4d} / {facts['events']}"
          f"   ({facts['split_extra_events']} of them extra events of a split pair)")

    extra, missed = excess(match)
    print()
    print(f"events beyond one per pair: {facts['events'] - facts['pairs_with_event']}, by cause"
          " (split off: the launch has")
    print("an event already, which these events should have joined; alone: it has none)")
    causes = sorted({cause for cause, _ in extra}, key=lambda c: (-sum(
        n for (cause, _), n in extra.items() if cause == c), c))
    for cause in causes:
        parts = {how: n for (c, how), n in extra.items() if c == cause}
        detail = ", ".join(f"{n} {how}" for how, n in sorted(parts.items()))
        print(f"  {sum(parts.values()):4d}  {cause:27} {detail}")
    print(f"pairs with no event: {sum(missed.values())}, by cause (their reports' extraction)")
    for cause, n in sorted(missed.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {n:4d}  {cause}")
    merged = [e for e in match.events if match.merged(e)]
    print(f"events merging reports of different labelled pairs: {len(merged)}")
    for event in merged:
        print(f"  {event.id}: " + ", ".join(f"{r}={match.labels[r].shown()}"
                                            for r in event.reporting))

    unmatched_pairs = [p for p in sorted(match.pairs) if not match.pair_events(p)]
    print()
    print(f"PAIRS WITH NO EVENT ({len(unmatched_pairs)})")
    print(f"  {'country':13} {'date':10}  {'report':6} extracted as")
    for pair in unmatched_pairs:
        for index, report in enumerate(match.pairs[pair]):
            head = f"{short(pair[0]):13} {pair[1]:10}" if index == 0 else " " * 24
            print(f"  {head}  {report:6} {match.extracted_as(report)}")

    unmatched = [e for e in match.events if not match.event_matches(e)]
    unmatched.sort(key=lambda e: (match.event_cause(e), e.country or "", e.date or "", e.id))
    print()
    print(f"EVENTS WITH NO PAIR ({len(unmatched)}); files in (): only recall the launch")
    for cause in sorted({match.event_cause(e) for e in unmatched}):
        group = [e for e in unmatched if match.event_cause(e) == cause]
        print(f"  {cause} ({len(group)})")
        for event in group:
            labels = "; ".join(f"{r}: {match.labels[r].shown() if r in match.labels else '?'}"
                               for r in event.reporting)
            split = match.split_from(event)
            head = f"    {event.id:23} {event.files():4}"
            if split:
                head = f"{head:32} split off {' '.join(split)}"
            line = f"{head} label {labels}"
            if len(line) <= 80 and not split:
                print(line)
            else:
                print(head)
                print(f"    {'':23} label {labels}")

    if verbose:
        print()
        print(f"MATCH TABLE, PAIRS ({len(match.pairs)})")
        for pair in sorted(match.pairs):
            events = match.pair_events(pair)
            mark = "yes" if len(events) == 1 else f"{len(events)}!" if events else "NO "
            print(f"  {mark:3} {short(pair[0]):13} {pair[1]:10} "
                  f"{' '.join(match.pairs[pair]):20} {' '.join(e.id for e in events)}")
        print()
        print(f"MATCH TABLE, EVENTS ({len(match.events)})")
        for event in sorted(match.events, key=lambda e: (e.country or "", e.date or "~", e.id)):
            mark = "yes" if match.event_matches(event) else "NO "
            print(f"  {mark} {event.id:24} {event.files()}")
        print()
        print("UNDATED LABELLED LAUNCH REPORTS")
        for label in match.undated_labelled:
            print(f"  {label.id} {short(label.country):13} extracted as "
                  f"{match.extracted_as(label.id)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "eval-real",
                        help="the eval-real folder (labels.jsonl and reports/)")
    parser.add_argument("--api", action="store_true",
                        help="ingest in this process instead of running `launchwatch ingest`")
    parser.add_argument("--db", type=Path, default=None,
                        help="keep the SQLite file here (it must not exist yet)")
    parser.add_argument("--verbose", action="store_true", help="also the whole match table")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args()

    reports, labels_file = args.real / "reports", args.real / "labels.jsonl"
    if not (reports.is_dir() and labels_file.is_file()):
        print(f"real_events: skipped, no {labels_file} and {reports}/")
        return
    if args.db is not None and args.db.exists():
        sys.exit(f"real_events: {args.db} exists; name a new file so the ingest starts afresh")
    labels = read_labels(args.real)
    with tempfile.TemporaryDirectory(prefix="lw-bench-real-") as tmp:
        db = args.db or Path(tmp) / "real.sqlite3"
        ingested = (ingest_api if args.api else ingest_cli)(reports, db)
        members, refs = stored_members(db), stored_refs(db)
    match = build(labels, ingested.events, members)
    facts = figures(match, ingested, refs)
    if args.json:
        print(json.dumps({**facts,
                          "pairs_table": [pair_row(match, p) for p in sorted(match.pairs)],
                          "events_table": [event_row(match, e) for e in match.events]},
                         indent=1))
        return
    print_report(match, facts, args.real, "api" if args.api else "launchwatch ingest",
                 args.verbose)


if __name__ == "__main__":
    main()
