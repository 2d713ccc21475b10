"""Alerts for reports that arrive through the web app (``POST /api/reports``), as for those
``launchwatch ingest`` and ``launchwatch watch`` take: an event saved by hand would otherwise
never be alerted.

The dispatcher is built from the app's settings before the report is stored, so that a bad
alerts file refuses the report with its reason (as the CLI does) instead of storing it
unalerted; the rules stored through the API count too, so it is built afresh for each report
(reading a small TOML file costs less than a request).  The alerts are sent after the answer
has gone (a webhook that is down is retried for seconds; the poster need not wait for it).
Sending twice is harmless: each message is claimed in the store before it is sent
(:mod:`launchwatch.alerts.dispatch`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from starlette.background import BackgroundTask

from ..alerts.dispatch import Dispatcher
from ..api import Store
from ..settings import Settings
from .schemas import EventLink

log = logging.getLogger(__name__)


def alert_dispatcher(store: Store, settings: Settings) -> Dispatcher | None:
    """The dispatcher the settings configure; None when no rule is configured.  A bad alerts
    file raises :class:`launchwatch.errors.SettingsError`."""
    return Dispatcher.from_settings(store, settings)


def alerts_after(dispatcher: Dispatcher | None,
                 events: Sequence[EventLink]) -> BackgroundTask | None:
    """The task that sends the alerts ``events`` need once the answer is sent; None when
    there is nothing to do (no rule, or a report that changed no event)."""
    created = [link.id for link in events if link.status == "created"]
    updated = [link.id for link in events if link.status == "joined"]
    if dispatcher is None or not (created or updated):
        return None
    return BackgroundTask(_dispatch, dispatcher, created, updated)


def _dispatch(dispatcher: Dispatcher, created: list[str], updated: list[str]) -> None:
    try:
        dispatcher.dispatch(created=created, updated=updated)
    except Exception:  # the report is stored: a failed alert is logged, not the poster's
        log.exception("alerts for events %s could not be sent", [*created, *updated])
