"""E-mail: each alert as a plain-text message through an SMTP server (``smtplib``), its CAP
message attached, retried with backoff like the webhook.

STARTTLS and a login are used when the channel asks for them; the password is read from the
environment variable the channel names, never from the alerts file.
"""

from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage

from ...model.alert import Alert, Delivery
from .cap import cap_xml
from .retry import DeliveryFailed, RetryPolicy, Sleep, deliver


class EmailNotifier:
    """Sends alerts to ``to`` from ``sender`` through ``host``:``port``."""

    def __init__(self, name: str, *, host: str, port: int, sender: str, to: list[str],
                 starttls: bool = False, username: str | None = None,
                 password: str | None = None, timeout_s: float = 10.0,
                 policy: RetryPolicy | None = None, sleep: Sleep = time.sleep) -> None:
        self.name = name
        self.host, self.port = host, port
        self.sender, self.to = sender, list(to)
        self.starttls = starttls
        self.username, self._password = username, password
        self.timeout_s = timeout_s
        self.policy = policy or RetryPolicy(attempts=3, backoff_s=1.0)
        self.sleep = sleep

    def message(self, alert: Alert) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = f"[launchwatch] {alert.msg_type}: {alert.headline}"
        message["From"] = self.sender
        message["To"] = ", ".join(self.to)
        message["X-Launchwatch-Alert"] = alert.id
        message.set_content(alert.text())
        message.add_attachment(cap_xml(alert), maintype="application", subtype="cap+xml",
                               filename=f"{alert.id}.xml")
        return message

    def deliver(self, alert: Alert) -> Delivery:
        message = self.message(alert)

        def attempt() -> None:
            try:
                with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                    if self.starttls:
                        smtp.starttls()
                    if self.username:
                        smtp.login(self.username, self._password or "")
                    smtp.send_message(message)
            except (OSError, smtplib.SMTPException) as exc:
                raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from None

        return deliver(self.name, attempt, self.policy, sleep=self.sleep)

    def __repr__(self) -> str:
        return f"EmailNotifier({self.name!r}, {self.host}:{self.port})"
