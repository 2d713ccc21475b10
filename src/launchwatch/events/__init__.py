"""events: launches extracted from many reports fused into one record per launch.

* :mod:`.claims` - a launch's stated values as claims, each with its source and evidence;
* :mod:`.authority` - who said it, and the tiers of trust;
* :mod:`.matching` - which launches are the same launch;
* :mod:`.fusion` - the best-value rule, spread, conflicts and revision history;
* :mod:`.event` - the :class:`Event` record and its views;
* :mod:`.ids` - deterministic event ids.

The store runs it (:meth:`launchwatch.store.Store.refresh_events`); this package knows nothing
of databases.
"""

from .authority import CNS, Tier
from .claims import FIELDS, Claim, ReportInfo, claims_from_launch
from .event import Event, EventField, EventList, EventReport, Revision, Spread
from .fusion import fuse, fuse_field, rank_key
from .ids import event_id, undated_event_id
from .matching import LaunchRef, cluster, compatible

__all__ = sorted([
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
])
