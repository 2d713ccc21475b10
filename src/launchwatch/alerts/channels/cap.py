"""CAP 1.2: an alert as an OASIS Common Alerting Protocol message, and a channel that writes
each message to a folder (where a CAP aggregator or a web server picks it up).

Element names, their order and their values follow the CAP 1.2 specification (OASIS Standard,
1 July 2010, section 3.2 "Message Element and Attribute Definitions"):

* ``<alert>``: identifier, sender, sent, status, msgType, source, scope, note, references,
  info.  ``sent`` is written with its offset, UTC as ``-00:00`` (3.3.2: no "Z");
  ``references`` lists each earlier message as ``sender,identifier,sent``, separated by
  spaces (3.2.1).  An ``Update`` references every message before it; a ``Cancel`` too, and
  says why in ``note``.
* ``<info>``: category, event, urgency, severity, certainty, senderName, headline,
  description, web, parameter*, area*.  Urgency is "Past" (launchwatch hears of a launch from
  reports, after the flight), severity "Unknown" (it does not judge harm), certainty
  "Observed" when a tracking or government source reported it, else "Likely".
* ``<area>``: areaDesc, polygon* ("lat,lon" pairs, first = last), circle* ("lat,lon radius",
  radius in km), from the assessment (:func:`launchwatch.alerts.figures.event_areas`).
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

from ...model.alert import Alert, AlertArea, Delivery, Reference
from .retry import DeliveryFailed, RetryPolicy, deliver
from .xml_namespace import XmlNamespace

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_MEDIA_TYPE = "application/cap+xml"
EVENT_NAME = "Ballistic missile launch"
_CAP = XmlNamespace(CAP_NAMESPACE)


def cap_time(moment: datetime) -> str:
    """A CAP dateTime: seconds, an explicit offset, UTC as -00:00 (CAP 1.2, 3.3.2)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc).replace(microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "-00:00"


def cap_reference(reference: Reference) -> str:
    return f"{reference.sender},{reference.identifier},{cap_time(reference.sent)}"


def cap_xml(alert: Alert) -> bytes:
    """The message as CAP 1.2 XML (UTF-8, with its declaration)."""
    ET.register_namespace("", CAP_NAMESPACE)
    root = ET.Element(_CAP.tag("alert"))
    _CAP.add(root, "identifier", alert.id)
    _CAP.add(root, "sender", alert.sender)
    _CAP.add(root, "sent", cap_time(alert.sent))
    _CAP.add(root, "status", "Actual")
    _CAP.add(root, "msgType", alert.msg_type)
    _CAP.add(root, "source", f"launchwatch rule {alert.rule}")
    _CAP.add(root, "scope", "Public")
    if alert.note:
        _CAP.add(root, "note", alert.note)
    if alert.references:
        _CAP.add(root, "references", " ".join(cap_reference(r) for r in alert.references))
    if alert.msg_type != "Cancel":
        _info(root, alert)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _info(root: ET.Element, alert: Alert) -> None:
    info = ET.SubElement(root, _CAP.tag("info"))
    _CAP.add(info, "language", "en")
    _CAP.add(info, "category", "Security")
    _CAP.add(info, "event", EVENT_NAME)
    _CAP.add(info, "urgency", "Past")
    _CAP.add(info, "severity", "Unknown")
    _CAP.add(info, "certainty", alert.certainty)
    _CAP.add(info, "senderName", "launchwatch")
    _CAP.add(info, "headline", alert.headline[:160])
    _CAP.add(info, "description", alert.text())
    _CAP.add(info, "web", alert.map_link)
    for figure in alert.figures:
        parameter = ET.SubElement(info, _CAP.tag("parameter"))
        _CAP.add(parameter, "valueName", figure.label)
        who = ", ".join(figure.sources) or "unattributed"
        _CAP.add(parameter, "value", f"{figure.shown} ({who})")
    for area in alert.areas:
        _area(info, area)


def _area(info: ET.Element, area: AlertArea) -> None:
    element = ET.SubElement(info, _CAP.tag("area"))
    _CAP.add(element, "areaDesc", area.description)
    if area.polygon:
        _CAP.add(element, "polygon", " ".join(f"{lat:.4f},{lon:.4f}" for lat, lon in area.polygon))
    if area.circle:
        lat, lon, radius_km = area.circle
        _CAP.add(element, "circle", f"{lat:.4f},{lon:.4f} {radius_km:.1f}")


class CapNotifier:
    """Writes each message as ``<folder>/<identifier>.xml``, whole or not at all (written to
    a temporary file in the folder, then renamed over)."""

    def __init__(self, name: str, folder: str | Path, *, policy: RetryPolicy | None = None
                 ) -> None:
        self.name = name
        self.folder = Path(folder)
        self.policy = policy or RetryPolicy(attempts=2, backoff_s=0.1)

    def deliver(self, alert: Alert) -> Delivery:
        data = cap_xml(alert)

        def attempt() -> None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.folder / f"{alert.id}.xml")
            except OSError as exc:
                raise DeliveryFailed(f"cannot write to {self.folder} ({exc.strerror or exc})"
                                     ) from None

        return deliver(self.name, attempt, self.policy)

    def __repr__(self) -> str:
        return f"CapNotifier({self.name!r}, {str(self.folder)!r})"
