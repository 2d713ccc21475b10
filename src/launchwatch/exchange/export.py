"""Writing events to a file in any export format, whole or not at all.

The writers take records: the events, and for the CNS format the stored CNS reports behind
them, whose rows supply the columns an event does not hold (:func:`reports_wanted` names them,
the caller loads them)::

    events = store.events(country="North Korea")
    wanted = reports_wanted(events, "cns")
    export_events(events, "cns", "events.csv", reports=queries.reports(store, wanted))
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from ..errors import StoreError
from ..model import Event, LaunchContext, Report
from .cns import PUBLISHER
from .cns_writer import events_to_rows, write_cns_csv
from .events_json import events_json_text
from .geojson import events_to_geojson, geojson_text

ExportFormat = Literal["cns", "geojson", "kml", "json"]
FORMATS: tuple[str, ...] = ("cns", "geojson", "kml", "json")


def reports_wanted(events: Iterable[Event], format: str) -> list[str]:
    """The content hashes of the stored reports whose text ``format`` carries over, for the
    caller to load and give :func:`export_events` as ``reports``: for ``cns``, the CNS
    reports behind the events (their rows hold columns an event does not); none for the
    others."""
    if format != "cns":
        return []
    return list(dict.fromkeys(reported.content_hash for event in events
                              for reported in event.reports
                              if reported.publisher == PUBLISHER))


def export_events(events: Sequence[Event], format: ExportFormat, out: str | Path, *,
                  reports: Mapping[str, Report] | None = None,
                  context: Mapping[str, Sequence[LaunchContext]] | None = None) -> int:
    """Write ``events`` to the file ``out`` in ``format``; returns how many items were written
    (CNS rows, GeoJSON features, KML folders or JSON events).  The file is written whole or not
    at all: a temporary file is renamed into place.

    ``reports``: the reports :func:`reports_wanted` names, by content hash; a CNS report
    missing from it leaves the event's own values in the columns it would have filled.
    ``context``: the context around each event, by id, which the JSON export includes.
    """
    path = Path(out)
    if format == "cns":
        # The CNS database lists launches oldest first.
        ordered = sorted(events, key=lambda e: (e.date_local or date.max,
                                                e.value("time_local") or "", e.id))
        buffer = io.StringIO()
        rows = events_to_rows(ordered, reports or {})
        count = write_cns_csv(rows, buffer)
        text = buffer.getvalue()
    elif format == "geojson":
        collection = events_to_geojson(events)
        count, text = len(collection["features"]), geojson_text(collection)
    elif format == "kml":
        # start-up cost: the KML writer loads fastkml with lxml and pygeoif (about 80 ms),
        # which only a KML export needs.
        from .kml import events_to_kml

        count, text = len(events), events_to_kml(events)
    elif format == "json":
        count, text = len(events), events_json_text(events, context)
    else:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    _write_whole(text, path)
    return count


def _write_whole(text: str, path: Path) -> None:
    """``text`` into ``path`` by way of a temporary file beside it, renamed into place: a
    reader sees the old file or the new one, never half of it."""
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"cannot write the export: the folder {folder} does not exist; "
                         "create it, or give an --out path in a folder that does", path=path)
    if path.is_dir():
        raise StoreError("cannot write the export: this is a folder; give a file name in it, "
                         f"such as {path / 'events'}.<format>", path=path)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8", newline="")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the export ({exc.strerror or exc}); give an --out path "
                         "in a folder you may write to", path=path) from None

