"""Channels against real receivers on the loopback address: a webhook receiver that checks
the signature, one that is down, an SMTP server (aiosmtpd); and the Atom feed."""

from __future__ import annotations

import email
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree as ET

import pytest

from launchwatch.alerts.channels import (EmailNotifier, FeedNotifier, RetryPolicy,
                                         WebhookNotifier, notifiers)
from launchwatch.alerts.channels.atom import ATOM_NAMESPACE, atom_feed
from launchwatch.alerts.channels.webhook import SIGNATURE_HEADER
from launchwatch.alerts.dispatch import Dispatcher
from launchwatch.alerts.rules import checked_rule
from launchwatch.errors import SettingsError
from launchwatch.model.alert import Alert

from .helpers import event

SECRET = "s3cret"
NOW = datetime(2022, 10, 4, 9, 0, tzinfo=timezone.utc)


def an_alert() -> Alert:
    """The Alert the dispatcher makes of :func:`helpers.event` under an any-event rule."""

    class Book:
        events = {"KP-2022-10-04-1": event()}

        def event(self, event_id):
            return self.events.get(event_id)

        def alerts_of_events(self, ids):
            return []

        def alerted_events_gone(self):
            return []

        def claim_alert(self, alert):
            return True

        def save_alert(self, alert):
            pass

        def alert_rules(self):
            return []

        def failed_alerts(self, since, abandoned_before):
            return []

        def claim_redelivery(self, alert, *, now, abandoned_before):
            return False

    rule = checked_rule({"name": "any", "channels": ["atom"], "any_event": True},
                        channels={"atom"})
    sent, = Dispatcher(Book(), [rule], {"atom": FeedNotifier()}, clock=lambda: NOW) \
        .dispatch(created=["KP-2022-10-04-1"])
    return sent


class Receiver(BaseHTTPRequestHandler):
    """Answers 204 to a body whose signature is right, 401 otherwise; keeps what it got."""

    received: list[tuple[dict, bool]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server protocol
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        good = hmac.compare_digest(expected, self.headers.get(SIGNATURE_HEADER, ""))
        self.received.append((json.loads(body), good))
        self.send_response(204 if good else 401)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_webhook_posts_the_alert_signed_with_hmac_sha256(receiver: str) -> None:
    alert = an_alert()
    delivery = WebhookNotifier("desk", receiver, SECRET).deliver(alert)
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    (body, signature_good), = Receiver.received
    assert signature_good and body["id"] == alert.id and body["msg_type"] == "Alert"
    assert body["map_link"].endswith("/events/KP-2022-10-04-1")
    assert any(f["name"] == "distance_km" and f["qualifier"] == "about" and f["sources"]
               for f in body["figures"])


def test_a_wrong_secret_is_refused_by_the_receiver_and_the_delivery_fails(
        receiver: str) -> None:
    waits: list[float] = []
    delivery = WebhookNotifier("desk", receiver, "not the secret",
                               policy=RetryPolicy(attempts=2, backoff_s=0.25),
                               sleep=waits.append).deliver(an_alert())
    assert delivery.status == "failed" and "401" in delivery.error and waits == [0.25]


def test_a_receiver_that_is_down_gets_retries_with_backoff_then_the_alert_fails() -> None:
    waits: list[float] = []
    url = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    delivery = WebhookNotifier("desk", url, SECRET, policy=RetryPolicy(attempts=4,
                                                                       backoff_s=0.5),
                               sleep=waits.append).deliver(an_alert())
    assert (delivery.status, delivery.attempts) == ("failed", 4)
    assert waits == [0.5, 1.0, 2.0] and "ConnectError" in delivery.error


def test_email_goes_through_smtp_with_the_text_and_the_cap_message_attached() -> None:
    from aiosmtpd.controller import Controller

    class Inbox:
        messages: list[bytes] = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's
            self.messages.append(envelope.content)
            return "250 OK"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        alert = an_alert()
        delivery = EmailNotifier("desk", host="127.0.0.1", port=controller.port,
                                 sender="lw@example.org", to=["analyst@example.org"]
                                 ).deliver(alert)
    finally:
        controller.stop()
    assert delivery.status == "sent"
    message = email.message_from_bytes(inbox.messages[0])
    assert message["Subject"].startswith("[launchwatch] Alert:")
    assert message["To"] == "analyst@example.org"
    text, cap = [part for part in message.walk() if not part.is_multipart()]
    assert "about 4,500 km (ROK JCS)" in text.get_payload(decode=True).decode()
    assert cap.get_content_type() == "application/cap+xml"
    assert b"<msgType>Alert</msgType>" in cap.get_payload(decode=True)


def test_an_smtp_server_that_is_down_fails_after_its_retries() -> None:
    delivery = EmailNotifier("desk", host="127.0.0.1", port=free_port(), sender="a@b.c",
                             to=["d@e.f"], policy=RetryPolicy(attempts=2, backoff_s=0),
                             sleep=lambda _: None).deliver(an_alert())
    assert (delivery.status, delivery.attempts) == ("failed", 2)


def test_the_atom_feed_lists_each_message_with_its_links() -> None:
    alert = an_alert()
    feed = ET.fromstring(atom_feed([alert], base_url="https://lw.example", updated=NOW))
    ns = {"a": ATOM_NAMESPACE}
    entry, = feed.findall("a:entry", ns)
    assert entry.findtext("a:title", namespaces=ns).startswith("Alert: North Korea IRBM")
    links = {link.get("rel"): link.get("href") for link in entry.findall("a:link", ns)}
    assert links["alternate"] == alert.map_link
    assert links["related"] == f"https://lw.example/alerts/{alert.id}.xml"
    assert "about 4,500 km" in entry.findtext("a:content", namespaces=ns)


def test_channel_tables_are_checked_and_secrets_come_from_the_environment() -> None:
    built = notifiers({"desk": {"type": "webhook", "url": "http://127.0.0.1:1/h",
                                "secret_env": "DESK_SECRET"}},
                      environ={"DESK_SECRET": "x"})
    assert set(built) == {"atom", "desk"}
    with pytest.raises(SettingsError, match="DESK_SECRET") as error:
        notifiers({"desk": {"type": "webhook", "url": "http://h/", "secret_env":
                            "DESK_SECRET"}}, environ={})
    assert error.value.field == "channels.desk.secret_env"
    with pytest.raises(SettingsError) as error:
        notifiers({"desk": {"type": "pager"}}, environ={})
    assert error.value.field.startswith("channels.desk")


def test_a_channel_whose_tries_could_outlast_a_dispatchers_claim_is_refused() -> None:
    # Ten tries with waits from 10 s doubling (10 + 20 + ... + 2,560 s) and 5 s timeouts.
    with pytest.raises(SettingsError, match="lower attempts or backoff_s") as error:
        notifiers({"desk": {"type": "webhook", "url": "http://h/", "secret_env": "S",
                            "attempts": 10, "backoff_s": 10}}, environ={"S": "x"})
    assert error.value.field == "channels.desk" and "86 minutes" in str(error.value)
    # Six tries from 5 s (155 s of waits) and 30 s timeouts: 5.6 minutes, taken.
    assert "desk" in notifiers({"desk": {"type": "webhook", "url": "http://h/",
                                         "secret_env": "S", "attempts": 6, "backoff_s": 5,
                                         "timeout_s": 30}}, environ={"S": "x"})
