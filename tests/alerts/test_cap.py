"""CAP 1.2 messages: Alert, then Update with references, then Cancel.

The OASIS schema (CAP-v1.2.xsd) could not be obtained offline, so the check below encodes
what it requires of the elements launchwatch writes: the namespace, each parent's children in
the schema's sequence order with the required ones present, the enumerated values, and the
patterns of ``sent`` (dateTime with an explicit offset, no "Z"), ``references``, ``circle``
and ``polygon`` (CAP 1.2 sections 3.2.1-3.2.4 and 3.3.2).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from launchwatch.alerts.channels import CapNotifier
from launchwatch.alerts.channels.cap import CAP_NAMESPACE, cap_xml
from launchwatch.alerts.dispatch import Dispatcher
from launchwatch.alerts.rules import checked_rule
from launchwatch.model.alert import Alert, Delivery

from .helpers import event

NS = "{" + CAP_NAMESPACE + "}"

# Each element's children in the schema's order: (name, required, repeatable).
SEQUENCES = {
    "alert": [("identifier", 1, 0), ("sender", 1, 0), ("sent", 1, 0), ("status", 1, 0),
              ("msgType", 1, 0), ("source", 0, 0), ("scope", 1, 0), ("restriction", 0, 0),
              ("addresses", 0, 0), ("code", 0, 1), ("note", 0, 0), ("references", 0, 0),
              ("incidents", 0, 0), ("info", 0, 1)],
    "info": [("language", 0, 0), ("category", 1, 1), ("event", 1, 0),
             ("responseType", 0, 1), ("urgency", 1, 0), ("severity", 1, 0),
             ("certainty", 1, 0), ("audience", 0, 0), ("eventCode", 0, 1),
             ("effective", 0, 0), ("onset", 0, 0), ("expires", 0, 0), ("senderName", 0, 0),
             ("headline", 0, 0), ("description", 0, 0), ("instruction", 0, 0),
             ("web", 0, 0), ("contact", 0, 0), ("parameter", 0, 1), ("resource", 0, 1),
             ("area", 0, 1)],
    "parameter": [("valueName", 1, 0), ("value", 1, 0)],
    "area": [("areaDesc", 1, 0), ("polygon", 0, 1), ("circle", 0, 1), ("geocode", 0, 1),
             ("altitude", 0, 0), ("ceiling", 0, 0)],
}
VALUES = {
    "status": {"Actual", "Exercise", "System", "Test", "Draft"},
    "msgType": {"Alert", "Update", "Cancel", "Ack", "Error"},
    "scope": {"Public", "Restricted", "Private"},
    "category": {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
                 "Transport", "Infra", "CBRNE", "Other"},
    "urgency": {"Immediate", "Expected", "Future", "Past", "Unknown"},
    "severity": {"Extreme", "Severe", "Moderate", "Minor", "Unknown"},
    "certainty": {"Observed", "Likely", "Possible", "Unlikely", "Unknown"},
}
SENT = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d"
POINT = r"-?\d+(\.\d+)?,-?\d+(\.\d+)?"
NOW = datetime(2022, 10, 4, 9, 0, tzinfo=timezone.utc)


def check_cap(xml: bytes) -> ET.Element:
    """Raise AssertionError where ``xml`` breaks what the CAP 1.2 schema requires (module
    docstring); return the root."""
    root = ET.fromstring(xml)
    assert root.tag == NS + "alert"
    _check_children(root)
    assert re.fullmatch(SENT, root.findtext(NS + "sent"))
    for identifier in (root.findtext(NS + "identifier"), root.findtext(NS + "sender")):
        assert identifier and not re.search(r"[\s,<&]", identifier)
    references = root.findtext(NS + "references")
    if references is not None:
        for reference in references.split(" "):
            sender, identifier, sent = reference.split(",")
            assert sender and identifier and re.fullmatch(SENT, sent)
    for area in root.iter(NS + "area"):
        for circle in area.findall(NS + "circle"):
            assert re.fullmatch(POINT + r" \d+(\.\d+)?", circle.text)
        for polygon in area.findall(NS + "polygon"):
            points = polygon.text.split(" ")
            assert len(points) >= 4 and points[0] == points[-1]
            assert all(re.fullmatch(POINT, point) for point in points)
    return root


def _check_children(element: ET.Element) -> None:
    name = element.tag.removeprefix(NS)
    assert element.tag.startswith(NS), f"{element.tag} is not in the CAP 1.2 namespace"
    if name in VALUES:
        assert element.text in VALUES[name], f"{name}: {element.text!r}"
    sequence = SEQUENCES.get(name)
    if sequence is None:
        assert len(element) == 0, f"{name} has children"
        assert (element.text or "").strip(), f"{name} is empty"
        return
    children = [child.tag.removeprefix(NS) for child in element]
    order = [entry[0] for entry in sequence]
    assert all(child in order for child in children), f"{name}: unknown among {children}"
    assert children == sorted(children, key=order.index), f"{name}: out of order {children}"
    for child, required, repeatable in sequence:
        count = children.count(child)
        assert count >= required, f"{name} lacks {child}"
        assert repeatable or count <= 1, f"{name} repeats {child}"
    for child in element:
        _check_children(child)


class Book:
    def __init__(self) -> None:
        self.events = {}
        self.stored: list[Alert] = []

    def event(self, event_id):
        return self.events.get(event_id)

    def alerts_of_events(self, ids):
        return [a for a in self.stored if a.event_id in ids]

    def alerted_events_gone(self):
        return []

    def claim_alert(self, alert):
        self.stored.append(alert)
        return True

    def save_alert(self, alert):
        pass

    def alert_rules(self):
        return []

    def failed_alerts(self, since, abandoned_before):
        return []

    def claim_redelivery(self, alert, *, now, abandoned_before):
        return False


def messages() -> list[Alert]:
    """Alert, Update (revised distance), Cancel (withdrawn) for one event."""
    book = Book()
    rule = checked_rule({"name": "long-range", "channels": ["atom"],
                         "class_at_least": "IRBM"}, channels={"atom"})
    alerts = Dispatcher(book, [rule], {"atom": _Taken()}, base_url="https://lw.example",
                        clock=lambda: NOW)
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0,))
    alerts.dispatch(created=["KP-2022-10-04-1"])
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0, 4600.0))
    alerts.dispatch(updated=["KP-2022-10-04-1"])
    del book.events["KP-2022-10-04-1"]
    alerts.dispatch(withdrawn=["KP-2022-10-04-1"])
    return book.stored


class _Taken:
    name = "atom"

    def deliver(self, alert: Alert) -> Delivery:
        return Delivery(channel="atom", status="sent", attempts=1)


def test_alert_update_and_cancel_are_valid_cap_1_2() -> None:
    first, update, cancel = messages()
    roots = [check_cap(cap_xml(message)) for message in (first, update, cancel)]
    assert [r.findtext(NS + "msgType") for r in roots] == ["Alert", "Update", "Cancel"]
    assert roots[0].findtext(NS + "sent") == "2022-10-04T09:00:00-00:00"


def test_the_update_references_the_first_alert() -> None:
    first, update, _ = messages()
    root = ET.fromstring(cap_xml(update))
    assert root.findtext(NS + "references") == \
        f"launchwatch@lw.example,{first.id},2022-10-04T09:00:00-00:00"
    assert "Distance flown: about 4,500 km -> about 4,600 km" in \
        root.find(NS + "info").findtext(NS + "description")


def test_a_withdrawal_is_a_cancel_that_references_both_and_says_why() -> None:
    first, update, cancel = messages()
    root = ET.fromstring(cap_xml(cancel))
    assert root.findtext(NS + "references").split(" ")[1].split(",")[1] == update.id
    assert "withdrawn" in root.findtext(NS + "note") and root.find(NS + "info") is None


def test_the_areas_come_from_the_assessment() -> None:
    first = messages()[0]
    areas = ET.fromstring(cap_xml(first)).find(NS + "info").findall(NS + "area")
    circles = [a.findtext(NS + "circle") for a in areas if a.find(NS + "circle") is not None]
    assert "41.0000,134.0000 40.0" in circles  # landing point with its uncertainty
    assert "40.0000,125.0000 4600.0" in circles  # the minimum-energy range ring
    polygon = next(a.findtext(NS + "polygon") for a in areas
                   if a.find(NS + "polygon") is not None)
    assert len(polygon.split(" ")) == 19  # two arcs of 9 points, closed


def test_the_cap_channel_writes_each_message_to_its_folder(tmp_path) -> None:
    first = messages()[0]
    delivery = CapNotifier("cap-out", tmp_path / "cap").deliver(first)
    assert delivery.status == "sent"
    check_cap((tmp_path / "cap" / f"{first.id}.xml").read_bytes())
