"""The pipeline: ingest -> extract -> store -> fuse -> assess, the one way every entry point
takes (the CLI, the web app, the CNS importer and the Python API).

    from launchwatch.pipeline import Pipeline
    from launchwatch.store import Store

    with Store.open("launchwatch.sqlite3") as store:
        pipeline = Pipeline(store)
        pipeline.ingest(["samples/reports"], workers=4)   # -> IngestSummary
        pipeline.add(report)                              # -> AddSummary
        pipeline.import_cns("cns.csv")                    # -> CnsImport
        pipeline.refresh()                                # -> RefreshSummary

``Pipeline(store, extractor=None, assessor=None, clock=None)``

``store``
    the :class:`~launchwatch.store.Store` that keeps reports, launches, events, assessments.
``extractor``
    ``Report -> Extraction``; by default :func:`launchwatch.extract.extract_report`, loaded
    when first needed (:func:`load_extractor`).  To extract in worker processes it must be
    picklable.
``assessor``
    an :class:`~launchwatch.assess.assessor.Assessor`; by default
    :class:`~launchwatch.assess.assessor.EngineAssessor` with its default settings.  Its
    ``inputs_hash`` is stored with each event, so that an assessment is recomputed only when
    what it depends on changes (or the assessor's ``method``).
``clock``
    ``() -> datetime``, an aware UTC time; by default ``datetime.now(timezone.utc)``.  It says
    when each report was stored, each event written and each assessment computed: a test
    passes a fixed one.

Methods:

``ingest(sources, *, workers=1, on_progress=None, events=True) -> IngestSummary``
    Read ``sources`` (report files and folders, or :class:`~launchwatch.model.Report`\\ s
    already read, in any mix), skip the reports already stored, extract and store the rest a
    batch at a time (:func:`launchwatch.ingest.ingest_batches`), fuse after each batch, and at
    the end assess every event whose assessment is missing or out of date: those this run
    created or changed, and those a run that was killed left.  ``events=False`` stores only.
``add(report, extraction=None) -> AddSummary``
    Store one report (extracted here unless ``extraction`` is given), fuse, assess the events
    that changed and those the report's launches are in (when out of date); says which
    events the report's launches are in and which were created or updated.  A failure after
    the report was stored says so.
``import_cns(path, *, assess=True) -> CnsImport``
    A CNS CSV file (:mod:`launchwatch.exchange.cns_reader` reads it into one report per
    day): store each day, fuse, assess what is missing or out of date (as ``ingest``).
``fuse() -> EventChanges``
    Fuse the stored launches no event holds yet (cheap when there are none), a few days per
    transaction (:data:`FUSION_STEP_S`); assess nothing.
``refresh() -> RefreshSummary``
    :meth:`fuse`, then assess every event whose assessment is missing or out of date.
``rebuild(*, assess=True) -> RefreshSummary``
    Forget every event and fuse all launches afresh (ids numbered anew; an assessment whose
    event comes back with the same inputs is kept), then assess what is out of date.
``date_context() -> int``
    Date the context the stored reports tie to their launches (a visit, an exercise) and
    store it, joined to the calendars (:mod:`launchwatch.context`); ``ingest`` and ``add``
    run it.
``assess(ids=None, *, on_progress=None) -> int``
    Assess the events (among ``ids``, if given) whose assessment is missing or out of date;
    returns how many were assessed.

**One failure policy.**  Each input stands alone: a report (or a CNS day) that cannot be read,
extracted or stored is written not at all and becomes a
:class:`~launchwatch.errors.LaunchwatchError` that names it (path, line), and the others go on.
Fusing writes a few days at a time, each step one transaction
(:meth:`launchwatch.store.Store.fusing`) that ends after the first day that takes it past
:data:`FUSION_STEP_S`: a day's events are always written whole, and a failure (or a kill)
leaves the days of that step as they were, keeps the steps written before, and leaves the
launches not fused yet to the next fusion.  (A rebuild stays one transaction.)  Assessing
writes a batch of :data:`ASSESSED_PER_BATCH` at a time; a failure keeps the batches written.
The methods over many inputs (``ingest``, ``import_cns``) list every such failure, fusing and
assessing included, in their summary's ``failures`` and return; the others (``add``,
``fuse``, ``refresh``, ``rebuild``, ``assess``) raise it, since there is nothing else for them
to go on with.  Errors that are not :class:`~launchwatch.errors.LaunchwatchError` are bugs and
propagate from every method.

**Crash-safe.**  What a run stores is what it still has to do: a launch in no event waits for
the next fusion, an event whose assessment is missing or out of date (``inputs_hash``) for the
next assessment.  So a run that is killed at any point loses nothing of what it committed,
and the next ``ingest`` or ``import_cns`` (or ``launchwatch serve`` at start, or
``refresh``) finishes its work.  Other processes may write the same store at the same time:
writers take turns on the database (:mod:`launchwatch.store.engine`), and every write
transaction is short, so none waits long.

The decisions are the stages' own: which launches are one event, and its id, are pure
functions of :mod:`launchwatch.events.identity`; the store only reads and writes.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .assess.assessor import Assessor, EngineAssessor
from .context import context_of_reports, shipped_calendar
from .errors import ExtractionError, IngestError, LaunchwatchError
from .events.identity import (InputsHash, days_to_fuse, joining_days, plan_day, plan_undated,
                              undated_ids)
from .events.ids import dated_prefix
from .exchange.cns import DateZone
from .exchange.cns_reader import CnsImport, cns_days, read_cns_csv
from .ingest import ExtractFunction, IngestSummary, ReadResult, ingest_batches, read_path
from .model import Assessment, EventChanges, Extraction, FusionPlan, Report

if TYPE_CHECKING:
    from .store import DayRows, FusionTransaction, PreparedPlan, Store

Clock = Callable[[], datetime]
Progress = Callable[[int], None]
Source = str | os.PathLike[str] | Report | IngestError
T = TypeVar("T")

ASSESSED_PER_BATCH = 50
"""Events assessed between two writes: each batch of assessments is one transaction."""

FUSION_STEP_S = 0.2
"""How long one transaction of a fusion goes on: it ends after the first day that takes it past
this, and the next day begins another.  Other writers (a second ingest, the web saving a
report) wait for it, so it is kept short.  Measured: the 10,000 reports of ``bench/events.py``
stored first and fused at once (what a run after a kill does) took 26 steps, the longest
0.65 s (the first, which also reads what to fuse), and 6.0 s in all against 5.9 s in one
transaction; the bench's own ingest, which fuses after each batch, did not change."""


FUSION_DAYS_PER_READ = 64
"""Most days a fusion reads in one go (:meth:`launchwatch.store.FusionTransaction.days`).
Measured on the 5,367 launches of 4,921 days of a 200,000-page synthetic archive
(``bench/bulk.py``): reading each day alone took ten statements a day, whose overhead was
most of the fusion's time."""


def utc_now() -> datetime:
    """The default clock: now, in UTC."""
    return datetime.now(timezone.utc)


def load_extractor() -> ExtractFunction:
    """``launchwatch.extract.extract_report``, imported only when the pipeline first needs
    it."""
    # start-up cost: importing launchwatch.extract (spaCy, dateparser, the lexicons) takes about
    # 0.8 s (measured, `python -c "import launchwatch.extract"`: 0.95 s against 0.18 s for
    # launchwatch.model), which the commands that only read or fuse events should not pay.
    try:
        from .extract import extract_report
    except ImportError as exc:
        raise ExtractionError(f"the extractor (launchwatch.extract.extract_report) cannot be "
                              f"loaded ({exc}); reinstall launchwatch") from None
    return extract_report


@dataclass
class RefreshSummary:
    """What :meth:`Pipeline.refresh` or :meth:`Pipeline.rebuild` did."""

    changes: EventChanges
    assessed: int = 0

    def to_record(self) -> dict[str, Any]:
        return {**self.changes.to_record(), "assessed": self.assessed}


@dataclass
class AddSummary:
    """What :meth:`Pipeline.add` did with one report."""

    report: Report
    extraction: Extraction
    stored: bool  # False: the report was stored already
    events: list[str] = field(default_factory=list)  # its launches' events, in launch order
    created: list[str] = field(default_factory=list)  # events this report created
    updated: list[str] = field(default_factory=list)  # events it (or the refresh) changed
    assessed: int = 0

    def status(self, event_id: str) -> Literal["created", "joined", "existing"]:
        """How this report met the event: made it, changed it, or found it as it was."""
        if event_id in self.created:
            return "created"
        return "joined" if event_id in self.updated else "existing"


class Pipeline:
    """The stages over one store (module docstring)."""

    def __init__(self, store: Store, extractor: ExtractFunction | None = None,
                 assessor: Assessor | None = None, clock: Clock | None = None) -> None:
        self.store = store
        self._extractor = extractor
        self.assessor: Assessor = assessor if assessor is not None else EngineAssessor()
        self.clock: Clock = clock or utc_now

    @property
    def extractor(self) -> ExtractFunction:
        """The extractor, loaded on first use when none was given."""
        if self._extractor is None:
            self._extractor = load_extractor()
        return self._extractor

    def __repr__(self) -> str:
        return f"Pipeline({self.store!r}, assessor={self.assessor.method!r})"

    # -- inputs ------------------------------------------------------------------------------

    def ingest(self, sources: Iterable[Source], *, workers: int = 1,
               on_progress: Progress | None = None, events: bool = True) -> IngestSummary:
        """Read, extract and store ``sources``, fuse after each batch, assess at the end
        (module docstring)."""
        summary = IngestSummary()
        fused = False
        with self.store.writer() as writer:
            batches = ingest_batches(_read(sources), writer, extractor=self.extractor,
                                     clock=self.clock, on_progress=on_progress,
                                     workers=workers, summary=summary)
            with closing(batches):
                for _ in batches:
                    if events:
                        fused = True
                        changes = _going_on(summary.failures, self.fuse)
                        if changes is not None:
                            summary.events.update(changes.touched)
        if events:
            if not fused:  # nothing to read: still fuse what a killed run stored
                changes = _going_on(summary.failures, self.fuse)
                if changes is not None:
                    summary.events.update(changes.touched)
            # Every event whose assessment is missing or out of date, not only this run's:
            # a run killed before it assessed left its events for this one.
            summary.assessed += _going_on(summary.failures, self.assess) or 0
        _going_on(summary.failures, self.date_context)
        return summary

    def add(self, report: Report, extraction: Extraction | None = None) -> AddSummary:
        """Store one report, fuse, assess what changed (module docstring)."""
        if extraction is None:
            extraction = self.extractor(report)
        stored = self.store.add(report, extraction, now=self.clock())
        try:
            changes = self.fuse()
            added = AddSummary(report=report, extraction=extraction, stored=stored,
                               events=self.store.events_of_report(report.content_hash),
                               created=changes.created, updated=changes.updated)
            # The events its launches are in, too: another writer's fusion may have fused them
            # first, and left them to be assessed.
            wanted = [*changes.touched, *added.events]
            if wanted:
                added.assessed = self.assess(ids=wanted)
            self.date_context()
        except LaunchwatchError as exc:
            # The report is stored: say so, whatever the step that failed says of itself.
            kept = "was stored" if stored else "was stored already"
            raise type(exc)(f"the report {kept}, but its events are not up to date yet: "
                            f"{exc.message}", path=exc.path or report.source, line=exc.line,
                            field=exc.field) from None
        return added

    def import_cns(self, path: str | os.PathLike[str], *, assess: bool = True,
                   dates: DateZone | None = None) -> CnsImport:
        """Import a CNS CSV file: each day one report, stored in its own transaction; bad rows
        and days that cannot be stored are failures with their line (module docstring).
        ``dates``: the zone of the file's Date column, "local" or "utc"; None reads it from
        the header, else takes local dates (the summary says which, and why)."""
        source = str(path)
        read = read_cns_csv(Path(path), dates=dates)
        summary = CnsImport(rows=len(read.rows) + len(read.failures),
                            failures=list(read.failures), imprecise=read.imprecise,
                            dates=read.dates, dates_reason=read.dates_reason)
        with self.store.writer() as writer:
            for day in cns_days(read.rows, source):
                summary.launches += day.launches
                try:
                    if writer.add(day.report, day.extraction, now=self.clock()):
                        summary.new += 1
                    else:
                        summary.duplicate += 1
                except LaunchwatchError as exc:
                    summary.failures.append(IngestError(exc.message, path=source,
                                                        line=day.line))
        changes = _going_on(summary.failures, self.fuse)
        if changes is not None:
            summary.events = changes.touched
        if assess:  # as ingest: this import's events and any a killed run left
            _going_on(summary.failures, self.assess)
        summary.failures.sort(key=lambda f: (f.line is None, f.line or 0))
        return summary

    def date_context(self) -> int:
        """Date the context items of the stored reports that have none dated yet
        (:func:`launchwatch.context.context_of_reports`), joined to the shipped calendar and
        the users' calendars, and store them; returns how many were stored."""
        reports = self.store.reports_to_date_context()
        if not reports:
            return 0
        calendar = [*shipped_calendar(), *self.store.context_events(origins=["user"])]
        return self.store.save_context(context_of_reports(reports, calendar), now=self.clock())

    # -- events ------------------------------------------------------------------------------

    def fuse(self) -> EventChanges:
        """Fuse the stored launches no event holds yet, a few days per transaction."""
        fusion = FusionRun(self.clock(), self.assessor.inputs_hash)
        done = False
        while not done:
            with self.store.fusing() as transaction:
                done = fusion.step(transaction, until=time.monotonic() + FUSION_STEP_S)
        return fusion.changes

    def refresh(self) -> RefreshSummary:
        """Fuse, then assess every event whose assessment is missing or out of date."""
        changes = self.fuse()
        return RefreshSummary(changes=changes, assessed=self.assess())

    def rebuild(self, *, assess: bool = True) -> RefreshSummary:
        """Fuse every stored launch afresh (after a change to the matching rules), then
        assess what is out of date (unless not ``assess``)."""
        fusion = FusionRun(self.clock(), self.assessor.inputs_hash)
        with self.store.fusing(rebuild=True) as transaction:
            fusion.step(transaction, until=None)
        return RefreshSummary(changes=fusion.changes, assessed=self.assess() if assess else 0)

    def assess(self, ids: Iterable[str] | None = None, *,
               on_progress: Progress | None = None) -> int:
        """Assess the events (among ``ids``) whose assessment is missing or out of date, a
        batch at a time; returns how many were assessed."""
        stale = self.store.events_to_assess(self.assessor.method, ids)
        done = 0
        for start in range(0, len(stale), ASSESSED_PER_BATCH):
            events = self.store.events_for_assessment(stale[start:start + ASSESSED_PER_BATCH])
            assessments: list[Assessment] = []
            for event in events:
                assessment = self.assessor.assess(event)
                assessment.computed_at = self.clock()
                assessments.append(assessment)
                if on_progress is not None:
                    on_progress(1)
            # An event another writer changed meanwhile is not stored here: that writer
            # assesses it anew.
            done += self.store.save_assessments(assessments)
        return done


class FusionRun:
    """One fusion of the launches no event holds, in steps (:meth:`Pipeline.fuse`).

    The first step reads what fusion has not seen and which days to fuse (with the undated
    launches that join them: :meth:`begin`); each step then fuses day after day, a group of
    days read afresh at a time (:meth:`next_days`, :func:`plan_days`) and each day written
    whole (:meth:`write`), until its time is up, and the next step goes on where it stopped;
    the last makes events of the undated launches no day took (:meth:`finish`).  A step writes
    what one transaction for all would have written of its days (dated launches never change,
    so the days and their undated launches stay what the first step found), and a fusion cut
    short anywhere leaves launches unseen, which the next fusion finds.

    A bulk ingest drives the same run with the planning on its Dask workers
    (:mod:`launchwatch.bulk.fusion`).
    """

    def __init__(self, now: datetime, inputs_hash: InputsHash) -> None:
        self.now = now
        self.inputs_hash = inputs_hash
        self.changes = EventChanges()
        self.days: deque[tuple[str | None, date]] | None = None  # those left to fuse
        self.undated: list[int] = []  # undated launches unseen at the first step
        self.waiting: dict[int, str] = {}  # launch -> the undated event it waits in
        self.joining: dict[tuple[str, date], list[int]] = {}  # undated launches a day takes
        self.steps = 0

    def step(self, transaction: FusionTransaction, *, until: float | None) -> bool:
        """One step, ending after the first day fused past ``until`` (``time.monotonic()``;
        None: fuse everything); whether the fusion is done."""
        self.steps += 1
        self.begin(transaction)
        fused_here = 0
        while self.days:
            if until is not None and fused_here and time.monotonic() > until:
                return False
            # Read a few days at once, more as the step goes on: the first read of a step is
            # one day, so that a step past its time still ends after a day.
            wanted = self.next_days(max(1, min(fused_here, FUSION_DAYS_PER_READ)))
            fused_here += len(wanted)
            self.write(transaction, wanted,
                       plan_days(transaction.day_rows(wanted), self.inputs_hash))
        self.finish(transaction)
        return True

    def begin(self, transaction: FusionTransaction) -> None:
        """Read what fusion has not seen and which days to fuse, unless read already."""
        if self.days is not None:
            return
        unseen = transaction.unfused_launches()
        self.changes.launches = len(unseen)
        self.undated = [key.launch_id for key in unseen if key.date_local is None]
        # An undated launch stored before the reports that date its launch waits in an
        # event of its own; new launches of its state may now show which day it is.
        self.waiting = transaction.waiting_undated(key.country for key in unseen
                                                   if key.country)
        self.joining = joining_days(
            transaction.launch_refs(sorted({*self.undated, *self.waiting})),
            transaction.dated_launch_refs, fresh=set(self.undated))
        self.days = deque(days_to_fuse(unseen, self.joining))

    def next_days(self, most: int) -> list[DayWanted]:
        """Up to ``most`` of the days left, in order, no two that name their events alike
        (two states may share a code): each is read as the days before it left it; as
        :meth:`~launchwatch.store.FusionTransaction.day_rows` takes them."""
        assert self.days is not None, "begin() first"
        wanted: list[DayWanted] = []
        prefixes: set[str] = set()
        while self.days and len(wanted) < most:
            country, day = self.days[0]
            prefix = dated_prefix(country, day)
            if prefix in prefixes:
                break
            prefixes.add(prefix)
            self.days.popleft()
            wanted.append((country, day, prefix, self.joining.get((country or "", day), [])))
        return wanted

    def write(self, transaction: FusionTransaction, wanted: Sequence[DayWanted],
              plan: FusionPlan | PreparedPlan) -> None:
        """Write the plan of the days ``wanted`` (each touches only its own day's events and
        launches), then remove the events the days' newly dated launches waited in, empty
        now."""
        self._apply(transaction, plan)
        self._apply(transaction, FusionPlan(removed=[
            self.waiting[launch_id] for _, _, _, joiners in wanted for launch_id in joiners
            if launch_id in self.waiting]))

    def finish(self, transaction: FusionTransaction) -> None:
        """Make events of the undated launches no day took."""
        joined = {launch_id for ids in self.joining.values() for launch_id in ids}
        left = set(self.undated) - joined
        if self.steps > 1 and left:  # another writer's fusion may have taken some meanwhile
            left &= {key.launch_id for key in transaction.unfused_launches()}
        alone = transaction.launch_refs(sorted(left))
        self._apply(transaction, plan_undated(
            alone, transaction.fingerprints(undated_ids(alone)), self.inputs_hash))

    def _apply(self, transaction: FusionTransaction, plan: FusionPlan | PreparedPlan) -> None:
        transaction.apply(plan, now=self.now)
        self.changes.record(plan)


DayWanted = tuple[str | None, date, str, list[int]]
"""A day to fuse as :meth:`FusionRun.next_days` gives it: (state, day, the prefix of its
events' ids, the undated launches that join it now)."""


def plan_days(days: Iterable[DayRows], inputs_hash: InputsHash) -> FusionPlan:
    """One plan for several days as read (:meth:`~launchwatch.store.FusionTransaction.day_rows`):
    each day's launches decoded and planned (:func:`~launchwatch.events.plan_day`).  No
    database: a bulk ingest runs it on a worker."""
    return _together(plan_day(rows.country, rows.day, rows.refs(), rows.state, inputs_hash)
                     for rows in days)


def _together(plans: Iterable[FusionPlan]) -> FusionPlan:
    """One plan that writes what ``plans`` write, in order (plans of different days)."""
    together = FusionPlan()
    for plan in plans:
        together.writes.extend(plan.writes)
        together.removed.extend(plan.removed)
        together.members.update(plan.members)
    return together


def _going_on(failures: list[LaunchwatchError], step: Callable[..., T],
              *args: Any) -> T | None:
    """Run a step of a method over many inputs: its failure joins ``failures``."""
    try:
        return step(*args)
    except LaunchwatchError as exc:
        failures.append(exc)
        return None


def _read(sources: Iterable[Source]) -> Iterator[ReadResult]:
    """Reports as they are, and the reports read from each path."""
    for source in sources:
        if isinstance(source, (Report, IngestError)):
            yield source
        else:
            yield from read_path(source)


__all__ = ["ASSESSED_PER_BATCH", "FUSION_STEP_S", "AddSummary", "Clock", "DayWanted",
           "FusionRun", "Pipeline", "RefreshSummary", "plan_days", "utc_now"]

