"""Events as JSON with their full provenance: every field's claims, reports, revisions and
the assessment with its inputs and assumptions (:meth:`Event.to_json`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .._version import __version__
from ..errors import IngestError
from ..model import Event

FORMAT = "launchwatch-events/1"


def events_to_json(events: Iterable[Event]) -> dict[str, Any]:
    return {"format": FORMAT, "generator": f"launchwatch {__version__}",
            "events": [event.to_json() for event in events]}


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
