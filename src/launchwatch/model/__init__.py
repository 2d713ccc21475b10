"""The records every stage exchanges: reports in, launches out, events and their assessments.

A stage talks to the next only through these pydantic models, so they are the contract of the
pipeline; they import nothing of launchwatch but each other.

* :mod:`.clock` - :func:`zoned`, :class:`ZonedTime` and :data:`STATE_ZONES`: a launch's
  clock time with its zone, offset and UTC time, and what a quote in another zone reads;
* :mod:`.fields` - the launch fields, each declared once (:data:`LAUNCH_FIELDS`): name, type,
  unit, how its claims compare, CNS column, label;
* :mod:`.report` - :class:`Report`, :class:`Extraction`, :class:`Launch`, :class:`Quantity`,
  :class:`Evidence`: what ingest reads and extract finds;
* :mod:`.event` - :class:`Claim`, :class:`Event` and its fields, reports and revisions: what
  the events stage fuses;
* :mod:`.assessment` - :class:`Assessment` and its typed figures: what the assess stage makes
  of an event;
* :mod:`.plausibility` - :func:`plausibility`, :func:`era_problem` and
  :func:`calendar_problem`: which values lie outside their field's plausible range, which dates
  outside the missile era, and which no report can have;
* :mod:`.context` - :class:`ContextEvent` and :class:`LaunchContext`: dated context (exercises,
  visits, ...) from the shipped calendar, reports and users, and where a launch falls against it;
* :mod:`.fusion` - :class:`LaunchRef`, :class:`DayState`, :class:`FusionPlan` and
  :class:`EventChanges`: what the events stage reads from the store and gives it to write.
"""

from .assessment import (ANY_POINT_ON_EARTH_KM, Assessment, AssessmentInputs, CityInReach,
                         Consistency, Figure, FlownLandingInputs, HEADLINE_KEYS,
                         LandingPointAssumptions, LandingPointFigure, LandingPointInputs,
                         LandingPointValue, LandingZoneAssumptions, LandingZoneFigure,
                         LandingZoneInputs,
                         LandingZoneValue, LaunchPointAssumptions, LaunchPointFigure,
                         LaunchPointInputs, LaunchPointValue, OverflightAssumptions,
                         OverflightFigure, OverflightInputs, OverflightValue, Part, Passage,
                         ReachAssumptions, ReachFigure, ReachInputs, ReachValue,
                         RelativeLandingInputs, Residuals, Stated, Status, TrackPoint,
                         TrajectoryAssumptions, TrajectoryFigure, TrajectoryInputs,
                         TrajectoryValue, empty_headline, range_text, reaches_anywhere)
from .clock import STATE_ZONES, ZonedTime, zone_of, zoned
from .context import (CONTEXT_KINDS, ContextEvent, ContextOrigin, DatedBy, LaunchContext,
                      ReportContext, window_days)
from .event import (CNS, Claim, Event, EventField, EventList, EventReport, ReportInfo, Revision,
                    Spread, Tier, direction_deg, parse_clock, published_key)
from .fields import (CONFIRMATIONS, DATE_PRECISIONS, FIELDS, LABELS, LAUNCH_FIELD, LAUNCH_FIELDS,
                     OUTCOMES, QUANTITY_FIELDS, UNITS, Kind, LaunchField)
from .fusion import (MAX_TIME_GAP_MIN, DayState, EventChanges, EventWrite, FusionPlan, LaunchKey,
                     LaunchRef)
from .plausibility import (DAYS_AHEAD, EARLIEST_DATE, FIRST_DATE_READ, LAST_DATE_READ,
                           Implausible, calendar_problem, era_problem, implausible_value,
                           plausibility)
from .report import (SPECIFIC_CLASSES, Confirmation, ContextItem, DatePrecision, DayHint, Evidence,
                     Extraction, Launch, MissileClass, Outcome, PublishedDate, Qualifier, Quantity,
                     Report, content_hash, without_nul)

__all__ = [
    "ANY_POINT_ON_EARTH_KM",
    "Assessment",
    "AssessmentInputs",
    "CNS",
    "CONFIRMATIONS",
    "CONTEXT_KINDS",
    "CityInReach",
    "Claim",
    "Confirmation",
    "Consistency",
    "ContextEvent",
    "ContextItem",
    "ContextOrigin",
    "DATE_PRECISIONS",
    "DAYS_AHEAD",
    "DatePrecision",
    "DayHint",
    "DatedBy",
    "DayState",
    "EARLIEST_DATE",
    "Event",
    "EventChanges",
    "EventField",
    "EventList",
    "EventReport",
    "EventWrite",
    "Evidence",
    "Extraction",
    "FIELDS",
    "FIRST_DATE_READ",
    "Figure",
    "FlownLandingInputs",
    "FusionPlan",
    "HEADLINE_KEYS",
    "Implausible",
    "Kind",
    "LABELS",
    "LAST_DATE_READ",
    "LAUNCH_FIELD",
    "LAUNCH_FIELDS",
    "LandingPointAssumptions",
    "LandingPointFigure",
    "LandingPointInputs",
    "LandingPointValue",
    "LandingZoneAssumptions",
    "LandingZoneFigure",
    "LandingZoneInputs",
    "LandingZoneValue",
    "Launch",
    "LaunchContext",
    "LaunchField",
    "LaunchKey",
    "LaunchPointAssumptions",
    "LaunchPointFigure",
    "LaunchPointInputs",
    "LaunchPointValue",
    "LaunchRef",
    "MAX_TIME_GAP_MIN",
    "MissileClass",
    "OUTCOMES",
    "Outcome",
    "OverflightAssumptions",
    "OverflightFigure",
    "OverflightInputs",
    "OverflightValue",
    "Part",
    "Passage",
    "PublishedDate",
    "QUANTITY_FIELDS",
    "Qualifier",
    "Quantity",
    "ReachAssumptions",
    "ReachFigure",
    "ReachInputs",
    "ReachValue",
    "RelativeLandingInputs",
    "Report",
    "ReportContext",
    "ReportInfo",
    "Residuals",
    "Revision",
    "SPECIFIC_CLASSES",
    "STATE_ZONES",
    "Spread",
    "Stated",
    "Status",
    "Tier",
    "TrackPoint",
    "TrajectoryAssumptions",
    "TrajectoryFigure",
    "TrajectoryInputs",
    "TrajectoryValue",
    "UNITS",
    "ZonedTime",
    "calendar_problem",
    "content_hash",
    "direction_deg",
    "empty_headline",
    "era_problem",
    "implausible_value",
    "parse_clock",
    "plausibility",
    "published_key",
    "range_text",
    "reaches_anywhere",
    "window_days",
    "without_nul",
    "zone_of",
    "zoned",
]
