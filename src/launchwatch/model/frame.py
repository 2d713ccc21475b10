"""Events as a pandas DataFrame, typed for analysis: :meth:`EventList.to_dataframe`.

A column of records holds Python objects; pandas keeps a column that mixes values and None as
``object``, where ``frame.apogee_km.mean()`` or ``frame[frame.inside_japan_eez]`` fail or
mislead.  Here every column gets the dtype of what it holds: pandas' nullable ``boolean`` and
``Int64`` (a missing value stays missing, not False or 0), ``float64`` for figures (NaN where
missing), and a timezone-aware ``launched_utc``: the launch's instant in UTC where its time
is known, else midnight UTC of its local date, so that a frame sorts and resamples on one
axis (``date_local`` and ``time_local`` keep what the sources said).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import TYPE_CHECKING, Any, Protocol

from .clock import zoned
from .fields import LAUNCH_FIELDS

if TYPE_CHECKING:
    import pandas

class Framed(Protocol):
    """What a row is made of: an :class:`~launchwatch.model.Event` (named by its protocol,
    since the event module imports this one)."""

    country: str | None
    date_local: date | None

    @property
    def time_local(self) -> time | None: ...

    def to_record(self) -> dict[str, Any]: ...


# The headline figures of an assessment (Assessment.headline) that are not text.
_HEADLINE_DTYPES = {"consistent": "boolean", "met_range_is_lower_bound": "boolean",
                    "reaches_anywhere": "boolean", "met_range_km": "float64",
                    "met_range_low_km": "float64", "met_range_high_km": "float64",
                    "landing_lat": "float64", "landing_lon": "float64"}
_BY_TYPE = {bool: "boolean", int: "Int64", float: "float64"}
_COLUMN_DTYPES = {**{field.name: _BY_TYPE[field.type] for field in LAUNCH_FIELDS
                     if field.type in _BY_TYPE},
                  **_HEADLINE_DTYPES, "reports": "Int64", "revisions": "Int64"}


def events_frame(events: Iterable[Framed], columns: list[str]) -> pandas.DataFrame:
    """One row per event (:meth:`Event.to_record` in ``columns``), indexed by id, typed as
    the module docstring says, with ``launched_utc`` after ``time_local``."""
    import pandas

    events = list(events)
    frame = pandas.DataFrame.from_records([event.to_record() for event in events],
                                          columns=columns)
    for name, dtype in _COLUMN_DTYPES.items():
        if name in frame.columns:
            frame[name] = frame[name].astype(dtype)  # type: ignore[call-overload]
    frame["date_local"] = pandas.to_datetime(frame["date_local"])
    launched = pandas.to_datetime(pandas.Series([_launched_utc(e) for e in events],
                                                dtype=object), utc=True)
    frame.insert(frame.columns.get_loc("time_local") + 1, "launched_utc",  # type: ignore[operator]
                 launched)
    return frame.set_index("id")


def _launched_utc(event: Framed) -> Any:
    at = zoned(event.country, event.date_local, event.time_local)
    if at is not None:
        return at.utc
    return event.date_local.isoformat() if event.date_local else None
