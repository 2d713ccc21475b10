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
    the end assess the events created or changed.  ``events=False`` stores only.
``add(report, extraction=None) -> AddSummary``
    Store one report (extracted here unless ``extraction`` is given), fuse, assess the events
    that changed; says which events the report's launches are in and which were created or
    updated.
``import_cns(path, *, assess=True) -> CnsImport``
    A CNS CSV file (:mod:`launchwatch.exchange.cns_reader` reads it into one report per
    day): store each day, fuse, assess the events that changed.
``fuse() -> EventChanges``
    Fuse the stored launches no event holds yet (cheap when there are none); assess nothing.
``refresh() -> RefreshSummary``
    :meth:`fuse`, then assess every event whose assessment is missing or out of date.
``rebuild(*, assess=True) -> RefreshSummary``
    Forget every event and fuse all launches afresh (ids numbered anew; an assessment whose
    event comes back with the same inputs is kept), then assess what is out of date.
``assess(ids=None, *, on_progress=None) -> int``
    Assess the events (among ``ids``, if given) whose assessment is missing or out of date;
    returns how many were assessed.

**One failure policy.**  Each input stands alone: a report (or a CNS day) that cannot be read,
extracted or stored is written not at all and becomes a
:class:`~launchwatch.errors.LaunchwatchError` that names it (path, line), and the others go on.
Fusing is one transaction (:meth:`launchwatch.store.Store.fusing`): when it fails the events
stay as they were, and the launches stored wait for the next fusion.  Assessing writes a batch
of :data:`ASSESSED_PER_BATCH` at a time; a failure keeps the batches written.  The methods
over many inputs (``ingest``, ``import_cns``) list every such failure, fusing and assessing
included, in their summary's ``failures`` and return; the others (``add``, ``fuse``,
``refresh``, ``rebuild``, ``assess``) raise it, since there is nothing else for them to go on
with.  Errors that are not :class:`~launchwatch.errors.LaunchwatchError` are bugs and
propagate from every method.

The decisions are the stages' own: which launches are one event, and its id, are pure
functions of :mod:`launchwatch.events.identity`; the store only reads and writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from .assess.assessor import Assessor, EngineAssessor
from .errors import ExtractionError, IngestError, LaunchwatchError
from .events.identity import days_to_fuse, joining_days, plan_day, plan_undated, undated_ids
from .events.ids import dated_prefix
from .exchange.cns_reader import CnsImport, cns_days, read_cns_csv
from .ingest import ExtractFunction, IngestSummary, ReadResult, ingest_batches, read_path
from .model import Assessment, EventChanges, Extraction, FusionPlan, Report

if TYPE_CHECKING:
    from .store import FusionTransaction, Store

Clock = Callable[[], datetime]
Progress = Callable[[int], None]
Source = str | os.PathLike[str] | Report | IngestError
T = TypeVar("T")

ASSESSED_PER_BATCH = 50
"""Events assessed between two writes: each batch of assessments is one transaction."""


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
        with self.store.writer() as writer:
            batches = ingest_batches(_read(sources), writer, extractor=self.extractor,
                                     clock=self.clock, on_progress=on_progress,
                                     workers=workers, summary=summary)
            with closing(batches):
                for _ in batches:
                    if events:
                        changes = _going_on(summary.failures, self.fuse)
                        if changes is not None:
                            summary.events.update(changes.touched)
        if events and summary.events:
            summary.assessed += _going_on(summary.failures, self.assess, summary.events) or 0
        return summary

    def add(self, report: Report, extraction: Extraction | None = None) -> AddSummary:
        """Store one report, fuse, assess what changed (module docstring)."""
        if extraction is None:
            extraction = self.extractor(report)
        stored = self.store.add(report, extraction, now=self.clock())
        changes = self.fuse()
        added = AddSummary(report=report, extraction=extraction, stored=stored,
                           events=self.store.events_of_report(report.content_hash),
                           created=changes.created, updated=changes.updated)
        if changes.touched:
            added.assessed = self.assess(ids=changes.touched)
        return added

    def import_cns(self, path: str | os.PathLike[str], *, assess: bool = True) -> CnsImport:
        """Import a CNS CSV file: each day one report, stored in its own transaction; bad rows
        and days that cannot be stored are failures with their line (module docstring)."""
        source = str(path)
        read = read_cns_csv(Path(path))
        summary = CnsImport(rows=len(read.rows) + len(read.failures),
                            failures=list(read.failures))
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
            if assess and changes.touched:
                _going_on(summary.failures, self.assess, changes.touched)
        summary.failures.sort(key=lambda f: (f.line is None, f.line or 0))
        return summary

    # -- events ------------------------------------------------------------------------------

    def fuse(self) -> EventChanges:
        """Fuse the stored launches no event holds yet, in one transaction."""
        with self.store.fusing() as transaction:
            return self._fuse(transaction)

    def refresh(self) -> RefreshSummary:
        """Fuse, then assess every event whose assessment is missing or out of date."""
        changes = self.fuse()
        return RefreshSummary(changes=changes, assessed=self.assess())

    def rebuild(self, *, assess: bool = True) -> RefreshSummary:
        """Fuse every stored launch afresh (after a change to the matching rules), then
        assess what is out of date (unless not ``assess``)."""
        with self.store.fusing(rebuild=True) as transaction:
            changes = self._fuse(transaction)
        return RefreshSummary(changes=changes, assessed=self.assess() if assess else 0)

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
            self.store.save_assessments(assessments)
            done += len(assessments)
        return done

    def _fuse(self, transaction: FusionTransaction) -> EventChanges:
        """One refresh inside one transaction: read, let :mod:`launchwatch.events.identity`
        decide, write."""
        now = self.clock()
        inputs_hash = self.assessor.inputs_hash
        unseen = transaction.unfused_launches()
        changes = EventChanges(launches=len(unseen))
        undated = [key.launch_id for key in unseen if key.date_local is None]
        # An undated launch stored before the reports that date its launch waits in an event
        # of its own; new launches of its state may now show which day it is.
        waiting = transaction.waiting_undated(key.country for key in unseen if key.country)
        joining = joining_days(transaction.launch_refs(sorted({*undated, *waiting})),
                               transaction.dated_launch_refs)
        for country, day in days_to_fuse(unseen, joining):
            prefix = dated_prefix(country, day)
            joined_before = transaction.undated_members(prefix)
            refs = transaction.launch_refs_of_day(
                country, day, [*joining.get((country or "", day), []), *joined_before])
            stored = transaction.day_state(prefix, [ref.launch_id for ref in refs])
            _apply(transaction, plan_day(country, day, refs, stored, inputs_hash), changes, now)
        joined = {launch_id for ids in joining.values() for launch_id in ids}
        _apply(transaction, FusionPlan(removed=[waiting[launch_id] for launch_id
                                                in sorted(joined & set(waiting))]),
               changes, now)
        alone = transaction.launch_refs(sorted(set(undated) - joined))
        _apply(transaction, plan_undated(alone, transaction.fingerprints(undated_ids(alone)),
                                         inputs_hash), changes, now)
        return changes


def _apply(transaction: FusionTransaction, plan: FusionPlan, changes: EventChanges,
           now: datetime) -> None:
    transaction.apply(plan, now=now)
    changes.record(plan)


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


__all__ = ["ASSESSED_PER_BATCH", "AddSummary", "Clock", "Pipeline", "RefreshSummary",
           "utc_now"]

