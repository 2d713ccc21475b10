"""Webhook: POST the alert as JSON, signed, retried with backoff.

The body is the :class:`~launchwatch.model.Alert` as JSON (UTF-8, keys sorted).  The header
``X-Launchwatch-Signature: sha256=<hex>`` is the HMAC-SHA256 of the exact body with the
channel's secret (RFC 2104), so a receiver can check that the message came from this sender
and was not altered: it recomputes the HMAC over the raw body and compares in constant time
(``hmac.compare_digest``).  Any answer but 2xx, a timeout or a refused connection is a failed
attempt; the transport is injectable (``httpx.MockTransport`` in tests).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

from ...model.alert import Alert, Delivery
from .retry import DeliveryFailed, RetryPolicy, Sleep, deliver

SIGNATURE_HEADER = "X-Launchwatch-Signature"


def signature(secret: str, body: bytes) -> str:
    """The header's value: ``sha256=`` and the hex HMAC-SHA256 of ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def alert_body(alert: Alert) -> bytes:
    """The alert as the JSON a webhook receives."""
    data: dict[str, Any] = alert.model_dump(mode="json")
    data["status"] = alert.status
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


class WebhookNotifier:
    """Delivers alerts to one URL (module docstring)."""

    def __init__(self, name: str, url: str, secret: str, *, policy: RetryPolicy | None = None,
                 timeout_s: float = 5.0, transport: httpx.BaseTransport | None = None,
                 sleep: Sleep = time.sleep) -> None:
        self.name = name
        self.url = url
        self._secret = secret
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self._client = httpx.Client(timeout=timeout_s, transport=transport,
                                    follow_redirects=False, trust_env=False)

    def deliver(self, alert: Alert) -> Delivery:
        body = alert_body(alert)
        headers = {"Content-Type": "application/json",
                   SIGNATURE_HEADER: signature(self._secret, body),
                   "User-Agent": "launchwatch-alerts"}

        def attempt() -> None:
            try:
                response = self._client.post(self.url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from None
            if not response.is_success:
                raise DeliveryFailed(f"the receiver answered {response.status_code}")

        return deliver(self.name, attempt, self.policy, sleep=self.sleep)

    def close(self) -> None:
        self._client.close()

    def __repr__(self) -> str:
        return f"WebhookNotifier({self.name!r}, {self.url!r})"
