"""exchange: events in and out of launchwatch in the formats analysts use.

* :mod:`.cns` - the CSV of the CNS North Korea Missile Test Database: its columns and cells;
  :mod:`.cns_reader` reads a file into reports (one per day, the pipeline imports them),
  :mod:`.cns_writer` writes events as its rows;
* :mod:`.geojson` - sites, landing points, ground tracks and range rings as GeoJSON;
* :mod:`.kml` - the same as KML for Google Earth;
* :mod:`.events_json` - full events with provenance as JSON.

The writers take records (events, and the reports a format carries over) and never read the
store: whoever calls them loads what they write.  :func:`export_events` writes any of them to
a file; :func:`reports_wanted` says which stored reports it needs.
"""

from __future__ import annotations

from .._lazy import lazy_exports
from .cns import COLUMNS, parse_km
from .cns_reader import CnsDay, CnsImport, CnsRead, CnsRow, cns_days, read_cns_csv, read_cns_text
from .cns_writer import event_to_rows, events_to_rows, write_cns_csv
from .events_json import events_to_json, read_events_json
from .export import FORMATS, ExportFormat, export_events, reports_wanted
from .geojson import event_features, events_to_geojson

__all__ = [
    "COLUMNS",
    "CnsDay",
    "CnsImport",
    "CnsRead",
    "CnsRow",
    "ExportFormat",
    "FORMATS",
    "cns_days",
    "event_features",
    "event_to_rows",
    "events_to_geojson",
    "events_to_json",
    "events_to_kml",
    "events_to_rows",
    "export_events",
    "parse_km",
    "read_cns_csv",
    "read_cns_text",
    "read_events_json",
    "reports_wanted",
    "write_cns_csv",
]

# The KML writer loads fastkml, lxml and pygeoif (about 80 ms) on first use, not with the
# package that every CLI command imports.
__getattr__, __dir__ = lazy_exports(__name__, {"events_to_kml": ".kml"}, globals())
