"""Atom: the alerts as a feed (RFC 4287) that the web app serves at ``/alerts.atom``.

The ``atom`` channel sends nothing itself: a message whose rule names it is in the store, and
the feed is read from there.  Each entry links to the event's page and to the message as CAP
(``/alerts/<id>.xml``, type ``application/cap+xml``), as CAP feeds do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from ...model.alert import Alert, Delivery
from .cap import CAP_MEDIA_TYPE
from .xml_namespace import XmlNamespace

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml"
FEED_CHANNEL = "atom"
_ATOM = XmlNamespace(ATOM_NAMESPACE)


class FeedNotifier:
    """The ``atom`` channel: the message is in the feed once it is stored."""

    name = FEED_CHANNEL

    def deliver(self, alert: Alert) -> Delivery:
        return Delivery(channel=self.name, status="sent", attempts=1,
                        at=datetime.now(timezone.utc))


def atom_feed(alerts: Sequence[Alert], *, base_url: str, updated: datetime) -> bytes:
    """The feed of ``alerts`` (latest first); ``updated`` is the feed's time when it holds
    none."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM_NAMESPACE)
    feed = ET.Element(_ATOM.tag("feed"))
    _ATOM.add(feed, "id", f"{base}/alerts.atom")
    _ATOM.add(feed, "title", "launchwatch alerts")
    _ATOM.add(feed, "updated", _time(alerts[0].sent if alerts else updated))
    author = ET.SubElement(feed, _ATOM.tag("author"))
    _ATOM.add(author, "name", "launchwatch")
    ET.SubElement(feed, _ATOM.tag("link"), rel="self", href=f"{base}/alerts.atom",
                  type=ATOM_MEDIA_TYPE)
    ET.SubElement(feed, _ATOM.tag("link"), rel="alternate", href=f"{base}/alerts",
                  type="text/html")
    for alert in alerts:
        entry = ET.SubElement(feed, _ATOM.tag("entry"))
        _ATOM.add(entry, "id", f"{base}/alerts/{alert.id}")
        _ATOM.add(entry, "title", f"{alert.msg_type}: {alert.headline}")
        _ATOM.add(entry, "updated", _time(alert.sent))
        ET.SubElement(entry, _ATOM.tag("category"), term=alert.msg_type)
        ET.SubElement(entry, _ATOM.tag("category"), term=f"rule:{alert.rule}")
        ET.SubElement(entry, _ATOM.tag("link"), rel="alternate", href=alert.map_link,
                      type="text/html")
        ET.SubElement(entry, _ATOM.tag("link"), rel="related", href=f"{base}/alerts/{alert.id}.xml",
                      type=CAP_MEDIA_TYPE)
        content = _ATOM.add(entry, "content", alert.text())
        content.set("type", "text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()
