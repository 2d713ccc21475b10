"""The dispatcher: after each batch, match the changed events against the rules and send what
each (event, rule) needs - nothing, its ``Alert``, an ``Update`` or a ``Cancel``.

For an event the store holds, under each rule:

* no message yet, and the event meets the rule: an **Alert** (sequence 0);
* messages already: an **Update** when the figures differ from the last message's (a
  revision), referring to every message before it, with what changed; nothing when they do
  not (a batch that touched the event without changing a figure, or the same batch heard
  twice after a restart).  An event revised so that it no longer meets the rule gets its
  Update too, which says so: whoever had the Alert should hear of the revision.

For an event the store no longer holds (withdrawn: merged into another event, or its report
retracted) whose messages were not cancelled: a **Cancel** on the channels of its last
message.  The dispatcher finds such events itself (:meth:`AlertBook.alerted_events_gone`), so
an event withdrawn while no dispatcher listened (``launchwatch ingest`` without rules, a run
killed before it dispatched) is cancelled by the next one.

Each message is claimed in the store before it is sent (one row per event, rule and sequence:
a second dispatcher's claim fails and it does not send), delivered on the rule's channels
(concurrently, each with its own retries), then saved with how each channel took it.

A message a channel failed to take (a receiver down for longer than its retries) is sent
again on that channel by each later dispatch, for :data:`REDELIVERY_HOURS` after it was
first sent, unless a later message about the same event and rule has superseded it: that one
carries everything the failed one said.  A redelivery is claimed as the first sending is (the
stored message goes from ``failed`` back to ``pending``), so two dispatchers never send it
twice.

A message still ``pending`` :data:`ABANDONED_CLAIM_MINUTES` after it was claimed was left by
a dispatcher that died while sending it (killed, or its machine went down): the next dispatch
claims it in turn and sends it on every channel that has no delivery on record.  Delivery is
at least once: a channel that took the message just before its dispatcher died gets it again
(the message's identifier lets a receiver see that it is the same message).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Protocol
from urllib.parse import quote, urlsplit

from ..errors import SettingsError
from ..model import Event, Tier
from ..model.alert import Alert, AlertFigure, Change, Delivery, Rule
from ..settings import Settings
from .channels import LONGEST_DELIVERY_S, Notifier, notifiers
from .figures import changes, event_areas, event_figures
from .rules import AlertFile, match, read_alert_file

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
DELIVERY_THREADS = 8
"""Deliveries run at once: a receiver that is down (retried for seconds) does not hold up
the others."""


REDELIVERY_HOURS = 24
"""How long a message a channel failed to take is tried again; an older alert is news no
more, and its failure stays on record for whoever reads the alert log."""


ABANDONED_CLAIM_MINUTES = 2 * LONGEST_DELIVERY_S // 60
"""How long after a dispatcher claimed a message it is taken for dead if the message is still
``pending``: twice the longest a channel's tries may take (a channel configured for longer is
refused; with the default settings a webhook's four tries take well under a minute)."""


class AlertBook(Protocol):
    """What the dispatcher needs of the store (:class:`launchwatch.store.Store` is one)."""

    def event(self, event_id: str) -> Event | None: ...

    def alerts_of_events(self, event_ids: Iterable[str]) -> list[Alert]: ...

    def alerted_events_gone(self) -> list[str]: ...

    def claim_alert(self, alert: Alert) -> bool: ...

    def failed_alerts(self, since: datetime, abandoned_before: datetime) -> list[Alert]: ...

    def claim_redelivery(self, alert: Alert, *, now: datetime,
                         abandoned_before: datetime) -> bool: ...

    def save_alert(self, alert: Alert) -> None: ...

    def alert_rules(self) -> list[Rule]: ...


class Dispatcher:
    """Sends alerts for changed events (module docstring); a
    :class:`launchwatch.alerts.watch.BatchListener`.

    ``rules`` are the alerts file's; the rules stored through the API are read at each batch
    and added (a stored rule of the same name as a file rule is left out).  ``channels`` maps
    channel names to notifiers; every rule's channels must be there.
    """

    def __init__(self, book: AlertBook, rules: Sequence[Rule],
                 channels: Mapping[str, Notifier], *, base_url: str = DEFAULT_BASE_URL,
                 sender: str | None = None, clock: Clock | None = None) -> None:
        for rule in rules:
            missing = [name for name in rule.channels if name not in channels]
            if missing:
                raise SettingsError(f"rule {rule.name!r} names the channel {missing[0]!r}, "
                                    "which is not configured; add it to the alerts file's "
                                    "[channels]", field="channels")
        self.book = book
        self.rules = tuple(rules)
        self.channels = dict(channels)
        self.base_url = base_url.rstrip("/")
        self.sender = sender or f"launchwatch@{urlsplit(self.base_url).hostname or 'localhost'}"
        self.clock = clock or _utc_now

    @classmethod
    def from_settings(cls, book: AlertBook, settings: Settings, *,
                      environ: Mapping[str, str] | None = None) -> Dispatcher | None:
        """The dispatcher the settings configure (``alerts_file``, ``base_url``); None when
        there is no alerts file and no rule was stored through the API."""
        path = getattr(settings, "alerts_file", None)
        alert_file = read_alert_file(path) if path else AlertFile(path=None)
        if not alert_file.rules and not book.alert_rules():
            return None
        channels = notifiers(alert_file.channels, path=alert_file.path, environ=environ)
        base_url = alert_file.base_url or getattr(settings, "base_url", None) or \
            DEFAULT_BASE_URL
        return cls(book, alert_file.rules, channels, base_url=base_url,
                   sender=alert_file.sender)

    # -- the listener ------------------------------------------------------------------------

    def after_batch(self, created: list[str], updated: list[str],
                    withdrawn: list[str]) -> None:
        self.dispatch(created, updated, withdrawn)

    def dispatch(self, created: Iterable[str] = (), updated: Iterable[str] = (),
                 withdrawn: Iterable[str] = ()) -> list[Alert]:
        """Send what the changed events need, and again what a channel failed to take
        (module docstring); returns the messages sent (or tried)."""
        rules = self.active_rules()
        touched = list(dict.fromkeys([*created, *updated]))
        gone = list(dict.fromkeys([*withdrawn, *self.book.alerted_events_gone()]))
        history: dict[tuple[str, str], list[Alert]] = defaultdict(list)
        for alert in self.book.alerts_of_events([*touched, *gone]):
            history[(alert.event_id, alert.rule)].append(alert)
        messages: list[tuple[Alert, list[str]]] = []
        for event_id in touched:
            event = self.book.event(event_id)
            if event is None:
                if event_id not in gone:
                    gone.append(event_id)
                continue
            messages += self._for_event(event, rules, history)
        for event_id in gone:
            messages += self._cancels(event_id, history)
        sent = self._send(messages)
        return sent + self._redeliver(just_sent={alert.id for alert in sent})

    def active_rules(self) -> list[Rule]:
        """The file's rules, then the stored ones whose channels are configured."""
        rules = list(self.rules)
        names = {rule.name for rule in rules}
        for rule in self.book.alert_rules():
            if rule.name in names:
                continue
            if all(name in self.channels for name in rule.channels):
                rules.append(rule)
            else:
                log.warning("alert rule %r names a channel that is not configured; it is "
                            "left out", rule.name)
        return rules

    # -- deciding ----------------------------------------------------------------------------

    def _for_event(self, event: Event, rules: Sequence[Rule],
                   history: Mapping[tuple[str, str], list[Alert]]
                   ) -> list[tuple[Alert, list[str]]]:
        figures = event_figures(event)
        messages = []
        for rule in rules:
            earlier = history.get((event.id, rule.name), [])
            reasons = match(rule, event)
            if not earlier:
                if reasons is None:
                    continue
                first = event.first_published
                heard = f"first reported {first.isoformat()}" if first else "first reported"
                alert = self._message(event, rule, "Alert", 0, figures, reasons, earlier,
                                      [Change(figure="event", label="Event", before=None,
                                              after=f"new: {heard}")])
            else:
                last = earlier[-1]
                changed = changes(last.figures, figures)
                if not changed and last.msg_type != "Cancel":
                    continue
                alert = self._message(event, rule, "Update", last.sequence + 1, figures,
                                      reasons or [], earlier, changed)
                if reasons is None:
                    alert.note = f"Revised; the event no longer meets rule {rule.name!r}."
                elif last.msg_type == "Cancel":
                    alert.note = "The event was withdrawn and is back."
            messages.append((alert, list(rule.channels)))
        return messages

    def _message(self, event: Event, rule: Rule, msg_type: str, sequence: int,
                 figures: list[AlertFigure], reasons: list[str], earlier: Sequence[Alert],
                 changed: list[Change]) -> Alert:
        return Alert(
            id=f"launchwatch-{event.id}-{rule.name}-{sequence}", event_id=event.id,
            rule=rule.name, sequence=sequence, msg_type=msg_type, sent=self._now(),
            sender=self.sender, references=[alert.reference for alert in earlier],
            headline=_headline(event), certainty=_certainty(event), reasons=reasons,
            figures=figures, areas=event_areas(event), map_link=self.map_link(event.id),
            changes=changed)

    def _cancels(self, event_id: str, history: Mapping[tuple[str, str], list[Alert]]
                 ) -> list[tuple[Alert, list[str]]]:
        messages = []
        for (alerted, rule), earlier in history.items():
            last = earlier[-1]
            if alerted != event_id or last.msg_type == "Cancel":
                continue
            channels = [d.channel for d in last.deliveries if d.channel in self.channels]
            cancel = last.model_copy(update={
                "id": f"launchwatch-{event_id}-{rule}-{last.sequence + 1}",
                "sequence": last.sequence + 1, "msg_type": "Cancel", "sent": self._now(),
                "sender": self.sender,
                "references": [alert.reference for alert in earlier],
                "changes": [Change(figure="event", label="Event", before="reported",
                                   after="withdrawn")],
                "note": (f"Event {event_id} was withdrawn: its reports now belong to another "
                         "event, or were retracted."),
                "deliveries": []}, deep=True)
            messages.append((cancel, channels))
        return messages

    # -- sending -----------------------------------------------------------------------------

    def _send(self, messages: list[tuple[Alert, list[str]]]) -> list[Alert]:
        claimed = []
        for alert, channels in messages:
            alert.deliveries = [Delivery(channel=name) for name in channels]
            if self.book.claim_alert(alert):
                claimed.append(alert)
            else:
                log.info("alert %s is being sent by another process", alert.id)
        if not claimed:
            return []
        jobs = [(alert, index) for alert in claimed for index in range(len(alert.deliveries))]
        for (alert, index), delivery in zip(jobs, self._deliver_all(jobs), strict=True):
            alert.deliveries[index] = delivery
        for alert in claimed:
            self.book.save_alert(alert)
            if alert.status == "failed":
                log.warning("alert %s failed on %s", alert.id, ", ".join(
                    d.channel for d in alert.deliveries if d.status == "failed"))
        return claimed

    def _redeliver(self, just_sent: set[str]) -> list[Alert]:
        """Send the stored messages a channel failed to take again, on those channels (not
        those of ``just_sent``: their channels' retries have only now run out), and those a
        dead dispatcher left ``pending``, on the channels it had not recorded."""
        now = self._now()
        since = now - timedelta(hours=REDELIVERY_HOURS)
        abandoned_before = now - timedelta(minutes=ABANDONED_CLAIM_MINUTES)
        retried = []
        for alert in self.book.failed_alerts(since, abandoned_before):
            if alert.id in just_sent or not self.book.claim_redelivery(
                    alert, now=now, abandoned_before=abandoned_before):
                continue  # another dispatcher is sending it again
            jobs = [(alert, index) for index, delivery in enumerate(alert.deliveries)
                    if delivery.status in {"failed", "pending"}
                    and delivery.channel in self.channels]
            for (_, index), delivery in zip(jobs, self._deliver_all(jobs), strict=True):
                earlier = alert.deliveries[index].attempts
                alert.deliveries[index] = delivery.model_copy(
                    update={"attempts": earlier + delivery.attempts})
            self.book.save_alert(alert)
            log.info("alert %s sent again: %s", alert.id, alert.status)
            retried.append(alert)
        return retried

    def _deliver_all(self, jobs: list[tuple[Alert, int]]) -> list[Delivery]:
        """Deliver each (message, delivery index) at once, in the order given."""
        with ThreadPoolExecutor(max_workers=min(DELIVERY_THREADS, len(jobs) or 1),
                                thread_name_prefix="launchwatch-alert") as pool:
            return list(pool.map(lambda job: self._deliver(*job), jobs))

    def _deliver(self, alert: Alert, index: int) -> Delivery:
        name = alert.deliveries[index].channel
        try:
            return self.channels[name].deliver(alert)
        except Exception as exc:  # noqa: BLE001 - a channel's bug fails its delivery only
            log.exception("channel %s raised while delivering %s", name, alert.id)
            return Delivery(channel=name, status="failed", attempts=1,
                            error=f"{type(exc).__name__}: {exc}", at=self._now())

    def map_link(self, event_id: str) -> str:
        """The event's page in the web app."""
        return f"{self.base_url}/events/{quote(event_id, safe='')}"

    def _now(self) -> datetime:
        return self.clock().astimezone(timezone.utc).replace(microsecond=0)


def _headline(event: Event) -> str:
    """'North Korea IRBM (Hwasong-12) launch, 2022-10-04'."""
    what = " ".join(part for part in (event.missile_class, f"({event.value('missile_name')})"
                                      if event.value("missile_name") else None) if part)
    when = event.date_local.isoformat() if event.date_local else "date not reported"
    return f"{event.country or 'Unknown state'} {what or 'missile'} launch, {when}"


def _certainty(event: Event) -> str:
    """'Observed' when a tracking or government source reported the launch, else 'Likely'."""
    for found in event.fields.values():
        if any(claim.tier <= Tier.GOVERNMENT for claim in found.claims):
            return "Observed"
    return "Likely"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)
