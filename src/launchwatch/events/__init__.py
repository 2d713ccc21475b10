"""events: launches extracted from many reports fused into one record per launch.

* :mod:`.claims` - a launch's stated values as claims, each with its source and evidence;
* :mod:`.authority` - who said it, and the tiers of trust;
* :mod:`.matching` - which launches are the same launch;
* :mod:`.fusion` - the best-value rule, spread, conflicts and revision history;
* :mod:`.ids` - deterministic event ids.

The records it makes (:class:`~launchwatch.model.Claim`, :class:`~launchwatch.model.Event` and
its fields) live in :mod:`launchwatch.model`; they are exported here too.

The store runs it (:meth:`launchwatch.store.Store.refresh_events`); this package knows nothing
of databases.
"""

from ..model import (FIELDS, Claim, Event, EventField, EventList, EventReport, ReportInfo,
                     Revision, Spread, Tier)
from .authority import CNS, who
from .claims import claims_from_launch
from .fusion import fuse, fuse_field, rank_key
from .ids import event_id, undated_event_id
from .matching import LaunchRef, cluster, compatible

__all__ = [
    "CNS",
    "Claim",
    "Event",
    "EventField",
    "EventList",
    "EventReport",
    "FIELDS",
    "LaunchRef",
    "ReportInfo",
    "Revision",
    "Spread",
    "Tier",
    "claims_from_launch",
    "cluster",
    "compatible",
    "event_id",
    "fuse",
    "fuse_field",
    "rank_key",
    "undated_event_id",
    "who",
]
