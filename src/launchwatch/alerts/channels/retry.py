"""Delivery with retries: a channel tries a message a few times, waiting longer each time
(exponential backoff), then marks it failed with the last error.

The clock and the wait are injected, so tests neither sleep nor depend on the time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from ...model.alert import Delivery

LONGEST_DELIVERY_S = 15 * 60
"""The longest a channel's tries may take in all (its waits, and each try's timeout): a
channel configured for longer is refused, since a dispatcher still sending after twice this
is taken for dead and its message sent again (:mod:`launchwatch.alerts.dispatch`)."""

Sleep = Callable[[float], None]
Clock = Callable[[], datetime]


class DeliveryFailed(Exception):
    """One attempt failed; the message says why (it becomes the delivery's ``error``)."""


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries in all; before try n+1 wait ``backoff_s * 2**(n-1)`` seconds
    (0.5, 1, 2 s by default: about 3.5 s before a receiver that is down is given up)."""

    attempts: int = 4
    backoff_s: float = 0.5

    def waits_s(self) -> list[float]:
        return [self.backoff_s * 2 ** n for n in range(self.attempts - 1)]

    def longest_s(self, timeout_s: float) -> float:
        """The longest its tries can take when each may wait ``timeout_s`` for an answer."""
        return sum(self.waits_s()) + self.attempts * timeout_s


def deliver(channel: str, attempt: Callable[[], None], policy: RetryPolicy, *,
            sleep: Sleep = time.sleep, clock: Clock | None = None) -> Delivery:
    """Run ``attempt`` until it succeeds or the policy's attempts are spent; the
    :class:`Delivery` says which, after how many attempts, and the last error."""
    clock = clock or _utc_now
    waits = policy.waits_s()
    error = None
    for number in range(1, policy.attempts + 1):
        try:
            attempt()
        except DeliveryFailed as exc:
            error = str(exc)
        else:
            return Delivery(channel=channel, status="sent", attempts=number, at=clock())
        if number <= len(waits):
            sleep(waits[number - 1])
    return Delivery(channel=channel, status="failed", attempts=policy.attempts, error=error,
                    at=clock())


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)
