"""events: launches extracted from many reports fused into one record per launch.

* :mod:`.claims` - a launch's stated values as claims, each with its source and evidence;
* :mod:`.authority` - who said it, and the tiers of trust;
* :mod:`.matching` - which launches are the same launch;
* :mod:`.fusion` - the best-value rule, spread, conflicts and revision history;
* :mod:`.identity` - which stored launches are one event and its id: the plan of what to
  write, from a day's launches and what the store holds of that day;
* :mod:`.ids` - deterministic event ids.

All of it is pure functions over records; the records it reads and makes
(:class:`~launchwatch.model.LaunchRef`, :class:`~launchwatch.model.FusionPlan`,
:class:`~launchwatch.model.Claim`, :class:`~launchwatch.model.Event` and its fields) live in
:mod:`launchwatch.model` and are exported here too.

The pipeline runs it (:meth:`launchwatch.pipeline.Pipeline.fuse`): it reads from the store,
calls these and has the store write the plan; this package knows nothing of databases.
"""

from ..model import (CNS, FIELDS, Claim, DayState, Event, EventField, EventList, EventReport,
                     FusionPlan, LaunchRef, ReportInfo, Revision, Spread, Tier)
from .authority import who
from .claims import claims_from_launch
from .fusion import fuse, fuse_field, rank_key
from .identity import fingerprint, joining_days, plan_day, plan_undated
from .ids import event_id, undated_event_id
from .matching import cluster, compatible

__all__ = [
    "CNS",
    "Claim",
    "DayState",
    "Event",
    "EventField",
    "EventList",
    "EventReport",
    "FIELDS",
    "FusionPlan",
    "LaunchRef",
    "ReportInfo",
    "Revision",
    "Spread",
    "Tier",
    "claims_from_launch",
    "cluster",
    "compatible",
    "event_id",
    "fingerprint",
    "fuse",
    "fuse_field",
    "joining_days",
    "plan_day",
    "plan_undated",
    "rank_key",
    "undated_event_id",
    "who",
]
