"""exchange: events in and out of launchwatch in the formats analysts use.

* :mod:`.cns` - CSV in the CNS North Korea Missile Test Database's columns, both ways;
* :mod:`.geojson` - sites, landing points, ground tracks and range rings as GeoJSON;
* :mod:`.kml` - the same as KML for Google Earth;
* :mod:`.events_json` - full events with provenance as JSON.

:func:`export_events` writes any of them to a file.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import StoreError
from .cns import (COLUMNS, CnsImport, CnsRead, CnsRow, event_to_rows, events_to_rows,
                  import_cns, parse_km, read_cns_csv, read_cns_text, write_cns_csv)
from .events_json import events_to_json, read_events_json
from .geojson import event_features, events_to_geojson
from .kml import events_to_kml

if TYPE_CHECKING:
    from ..model import Event
    from ..store import Store

ExportFormat = Literal["cns", "geojson", "kml", "json"]
FORMATS: tuple[str, ...] = ("cns", "geojson", "kml", "json")


def export_events(events: Sequence[Event], format: ExportFormat, out: str | Path, *,
                  store: Store | None = None) -> int:
    """Write ``events`` to the file ``out`` in ``format``; returns how many items were written
    (CNS rows, GeoJSON features, KML folders or JSON events).  The file is written whole or not
    at all: a temporary file is renamed into place."""
    path = Path(out)
    if format == "cns":
        # The CNS database lists launches oldest first.
        ordered = sorted(events, key=lambda e: (e.date_local or date.max,
                                                e.value("time_local") or "", e.id))
        buffer = io.StringIO()
        count = write_cns_csv(events_to_rows(ordered, store), buffer)
        text = buffer.getvalue()
    elif format == "geojson":
        collection = events_to_geojson(events)
        count, text = len(collection["features"]), json.dumps(collection, indent=1) + "\n"
    elif format == "kml":
        count, text = len(events), events_to_kml(events)
    elif format == "json":
        count, text = len(events), json.dumps(events_to_json(events), indent=1,
                                              ensure_ascii=False) + "\n"
    else:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8", newline="")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the export ({exc.strerror or exc}); give an --out path "
                         "in a folder you may write to", path=path) from None
    return count


__all__ = [
    "COLUMNS",
    "CnsImport",
    "CnsRead",
    "CnsRow",
    "FORMATS",
    "event_features",
    "event_to_rows",
    "events_to_geojson",
    "events_to_json",
    "events_to_kml",
    "events_to_rows",
    "export_events",
    "import_cns",
    "parse_km",
    "read_cns_csv",
    "read_cns_text",
    "read_events_json",
    "write_cns_csv",
]
