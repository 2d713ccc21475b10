"""Events as JSON with their full provenance: every field's claims, reports, revisions and
the assessment with its inputs and assumptions (:meth:`Event.to_json`).

The document, format ``launchwatch-events/1``::

    {"format": "launchwatch-events/1",      # this shape; a change to it gets a new number
     "generator": "launchwatch 0.4.0",      # the version that wrote it
     "events": [                            # one Event.to_json() each, in the order given:
       {"id": ..., "country": ..., "date_local": ..., "fields": {name: {value, best, claims,
        spread, conflict, ...}}, "reports": [...], "revisions": [...], "assessment": {...}}]}

Numbers are written clean (:mod:`.numbers`: six decimals at most, whole numbers as integers,
null for a number that is not finite), so a file does not change with float noise; every value
the model reads back (:func:`read_events_json`) survives the trip.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._version import __version__
from ..errors import IngestError
from ..model import Event, LaunchContext
from .numbers import clean

FORMAT = "launchwatch-events/1"


def events_to_json(events: Iterable[Event],
                   context: Mapping[str, Sequence[LaunchContext]] | None = None
                   ) -> dict[str, Any]:
    """The document of the module docstring; with ``context`` (by event id) each event has
    a "context" list too (read back, it is left out: it is not part of the event)."""
    def document(event: Event) -> dict[str, Any]:
        data = event.to_json()
        if context is not None:
            data["context"] = [item.model_dump(mode="json") for item in context.get(event.id, [])]
        return clean(data)

    return {"format": FORMAT, "generator": f"launchwatch {__version__}",
            "events": [document(event) for event in events]}


def events_json_text(events: Iterable[Event],
                     context: Mapping[str, Sequence[LaunchContext]] | None = None) -> str:
    """The document as a file's text (UTF-8 as it is, indented for a reader)."""
    return json.dumps(events_to_json(events, context), indent=1, ensure_ascii=False,
                      allow_nan=False) + "\n"


def read_events_json(text: str) -> list[Event]:
    """Events written by :func:`events_to_json`, read back."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"is not JSON ({exc}); give a file written by `launchwatch export "
                          "json`") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise IngestError(f"is not a launchwatch events file (format {FORMAT!r}); give a file "
                          "written by `launchwatch export json`")
    return [Event.model_validate(item) for item in document["events"]]
