"""The dispatcher: one Alert per event and rule, revisions as Updates that reference the
messages before, a Cancel for a withdrawn event, and what a failed channel leaves."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from launchwatch.alerts.dispatch import Dispatcher
from launchwatch.alerts.rules import checked_rule
from launchwatch.model import Event
from launchwatch.model.alert import Alert, Delivery
from launchwatch.store import Store

from .helpers import event

NOW = datetime(2022, 10, 4, 9, 0, 30, 123456, tzinfo=timezone.utc)


class Recorder:
    """A channel that takes every message (or refuses every one)."""

    def __init__(self, name: str = "desk", *, fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.sent: list[Alert] = []

    def deliver(self, alert: Alert) -> Delivery:
        self.sent.append(alert)
        return Delivery(channel=self.name, status="failed" if self.fail else "sent",
                        attempts=3 if self.fail else 1, error="down" if self.fail else None)


class Book:
    """The store's alert methods over a real database; the events from a dict (the tests
    build them by hand rather than through fusion)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.events: dict[str, Event] = {}

    def event(self, event_id: str) -> Event | None:
        return self.events.get(event_id)

    def alerted_events_gone(self) -> list[str]:
        last: dict[tuple[str, str], Alert] = {}
        for alert in sorted(self.store.alerts(limit=10_000), key=lambda a: a.sequence):
            last[(alert.event_id, alert.rule)] = alert
        return sorted({key[0] for key, alert in last.items()
                       if alert.msg_type != "Cancel" and key[0] not in self.events})

    def __getattr__(self, name: str):
        return getattr(self.store, name)


@pytest.fixture
def book(fresh_db: Store) -> Book:
    return Book(fresh_db)


def dispatcher(book: Book, *channels: Recorder, **conditions: object) -> Dispatcher:
    names = {channel.name for channel in channels}
    rule = checked_rule({"name": "long-range", "channels": sorted(names),
                         **(conditions or {"class_at_least": "IRBM"})}, channels=names)
    return Dispatcher(book, [rule], {c.name: c for c in channels},
                      base_url="https://lw.example/", clock=lambda: NOW)


def test_a_matching_event_gets_one_alert_with_figures_sources_link_and_changes(
        book: Book) -> None:
    desk = Recorder()
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0,))
    sent = dispatcher(book, desk).dispatch(created=["KP-2022-10-04-1"])
    assert [a.msg_type for a in sent] == ["Alert"] and desk.sent == sent
    alert = sent[0]
    assert alert.map_link == "https://lw.example/events/KP-2022-10-04-1"
    assert alert.sent == NOW.replace(microsecond=0)
    distance = alert.figure("distance_km")
    assert distance.shown == "about 4,500 km" and distance.qualifier == "about"
    assert distance.sources == ["ROK JCS"]
    assert alert.figure("met_range_km").assessed and alert.figure("met_range_km").low
    assert alert.changes[0].after.startswith("new")
    assert alert.certainty == "Observed" and alert.status == "sent"
    assert book.store.alert(alert.id).status == "sent"


def test_the_same_batch_heard_twice_sends_nothing_more(book: Book) -> None:
    desk = Recorder()
    book.events["KP-2022-10-04-1"] = event()
    alerts = dispatcher(book, desk)
    alerts.after_batch(["KP-2022-10-04-1"], [], [])
    alerts.after_batch(["KP-2022-10-04-1"], [], [])  # a restart re-reads the batch
    alerts.after_batch([], ["KP-2022-10-04-1"], [])  # touched, no figure changed
    assert [a.msg_type for a in desk.sent] == ["Alert"]


def test_a_non_matching_event_gets_nothing(book: Book) -> None:
    desk = Recorder()
    book.events["KP-2022-10-04-1"] = event(missile_class="SRBM")
    assert dispatcher(book, desk).dispatch(created=["KP-2022-10-04-1"]) == []


def test_a_revision_is_an_update_that_references_the_alert_and_says_what_changed(
        book: Book) -> None:
    desk = Recorder()
    alerts = dispatcher(book, desk)
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0,))
    first, = alerts.dispatch(created=["KP-2022-10-04-1"])
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0, 4600.0), met_range_km=4700.0)
    update, = alerts.dispatch(updated=["KP-2022-10-04-1"])
    assert update.msg_type == "Update" and update.sequence == 1
    assert update.references == [first.reference]
    changed = {c.figure: (c.before, c.after) for c in update.changes}
    assert changed["distance_km"] == ("about 4,500 km", "about 4,600 km")
    assert "met_range_km" in changed
    assert update.figure("distance_km").sources == ["ROK JCS"]
    # A second revision references both earlier messages; never a second Alert.
    book.events["KP-2022-10-04-1"] = event(distances=(4500.0, 4600.0, 4700.0))
    second, = alerts.dispatch(updated=["KP-2022-10-04-1"])
    assert second.msg_type == "Update"
    assert [r.identifier for r in second.references] == [first.id, update.id]
    assert [a.msg_type for a in book.store.alerts_of_events(["KP-2022-10-04-1"])] == \
        ["Alert", "Update", "Update"]


def test_a_revision_below_the_rule_is_still_an_update_that_says_so(book: Book) -> None:
    desk = Recorder()
    alerts = dispatcher(book, desk)
    book.events["KP-2022-10-04-1"] = event()
    alerts.dispatch(created=["KP-2022-10-04-1"])
    book.events["KP-2022-10-04-1"] = event(missile_class="MRBM")
    update, = alerts.dispatch(updated=["KP-2022-10-04-1"])
    assert update.msg_type == "Update" and "no longer meets" in update.note


def test_a_withdrawn_event_is_cancelled_once_on_the_channels_it_was_sent_on(
        book: Book) -> None:
    desk = Recorder()
    alerts = dispatcher(book, desk)
    book.events["KP-2022-10-04-1"] = event()
    first, = alerts.dispatch(created=["KP-2022-10-04-1"])
    del book.events["KP-2022-10-04-1"]  # merged into another event
    cancel, = alerts.dispatch(withdrawn=["KP-2022-10-04-1"])
    assert cancel.msg_type == "Cancel" and cancel.references == [first.reference]
    assert "withdrawn" in cancel.note and desk.sent[-1] == cancel
    assert cancel.figures == first.figures  # the last figures known, with their sources
    assert alerts.dispatch(withdrawn=["KP-2022-10-04-1"]) == []


def test_an_event_gone_while_no_one_listened_is_cancelled_by_the_next_batch(
        book: Book) -> None:
    desk = Recorder()
    alerts = dispatcher(book, desk)
    book.events["KP-2022-10-04-1"] = event()
    alerts.dispatch(created=["KP-2022-10-04-1"])
    del book.events["KP-2022-10-04-1"]
    book.events["KP-2022-10-05-1"] = event("KP-2022-10-05-1")
    sent = alerts.dispatch(created=["KP-2022-10-05-1"])
    assert sorted((a.event_id, a.msg_type) for a in sent) == [
        ("KP-2022-10-04-1", "Cancel"), ("KP-2022-10-05-1", "Alert")]


def test_one_alert_per_rule_each_on_its_channels_and_a_failed_channel_marks_it_failed(
        book: Book) -> None:
    desk, pager = Recorder("desk"), Recorder("pager", fail=True)
    rules = [checked_rule({"name": "any", "channels": ["desk"], "any_event": True},
                          channels={"desk", "pager"}),
             checked_rule({"name": "japan", "channels": ["desk", "pager"],
                           "overflies": "Japan"}, channels={"desk", "pager"})]
    alerts = Dispatcher(book, rules, {"desk": desk, "pager": pager}, clock=lambda: NOW)
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"])
    sent = {a.rule: a for a in alerts.dispatch(created=["KP-2022-10-04-1"])}
    assert set(sent) == {"any", "japan"} and len(desk.sent) == 2 and len(pager.sent) == 1
    assert sent["any"].status == "sent" and sent["japan"].status == "failed"
    stored = book.store.alert(sent["japan"].id)
    assert stored.status == "failed"
    assert {d.channel: (d.status, d.attempts) for d in stored.deliveries} == {
        "desk": ("sent", 1), "pager": ("failed", 3)}
    assert book.store.alerts(status="failed") == [stored]


def test_rules_stored_through_the_api_are_dispatched_too(book: Book) -> None:
    desk = Recorder()
    book.store.save_alert_rule(checked_rule({"name": "stored", "channels": ["desk"],
                                             "launching_state": "North Korea"},
                                            channels={"desk"}), now=NOW)
    alerts = Dispatcher(book, [], {"desk": desk}, clock=lambda: NOW)
    book.events["KP-2022-10-04-1"] = event()
    assert [a.rule for a in alerts.dispatch(created=["KP-2022-10-04-1"])] == ["stored"]


def test_a_second_dispatcher_does_not_send_what_the_first_claimed(book: Book) -> None:
    first, second = Recorder(), Recorder()
    book.events["KP-2022-10-04-1"] = event()
    dispatcher(book, first).dispatch(created=["KP-2022-10-04-1"])
    # The second read no history (as if it had read before the first wrote): its claim fails.
    late = dispatcher(book, second)
    late.book = type("Blind", (), {"__getattr__": lambda _, name: getattr(book, name),
                                   "alerts_of_events": lambda _, ids: []})()
    assert late.dispatch(created=["KP-2022-10-04-1"]) == [] and second.sent == []


def test_a_rule_naming_an_unknown_channel_is_refused(book: Book) -> None:
    from launchwatch.errors import SettingsError
    from launchwatch.model.alert import Rule

    with pytest.raises(SettingsError, match="pager"):
        Dispatcher(book, [Rule(name="r", channels=["pager"], any_event=True)], {})


# -- sending again what a channel failed to take ------------------------------------------------

def _clock(book: Book, desk: Recorder, pager: Recorder, now: list[datetime]) -> Dispatcher:
    rule = checked_rule({"name": "japan", "channels": ["desk", "pager"],
                         "overflies": "Japan"}, channels={"desk", "pager"})
    return Dispatcher(book, [rule], {"desk": desk, "pager": pager}, clock=lambda: now[0])


def test_a_later_dispatch_sends_a_failed_message_again_on_the_channel_that_failed(
        book: Book) -> None:
    desk, pager = Recorder("desk"), Recorder("pager", fail=True)
    now = [NOW]
    alerts = _clock(book, desk, pager, now)
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"])
    first, = alerts.dispatch(created=["KP-2022-10-04-1"])
    assert first.status == "failed" and len(pager.sent) == 1  # not again in the same batch
    # The pager is back; the next batch (about another event, or none) sends it again.
    pager.fail = False
    now[0] = NOW + timedelta(minutes=10)
    again, = alerts.dispatch()
    assert again.id == first.id and again.status == "sent"
    assert len(pager.sent) == 2 and len(desk.sent) == 1  # the desk had it already
    stored = book.store.alert(first.id)
    assert stored.status == "sent"
    assert {d.channel: (d.status, d.attempts) for d in stored.deliveries} == {
        "desk": ("sent", 1), "pager": ("sent", 4)}
    assert alerts.dispatch() == [] and len(pager.sent) == 2  # nothing left to send


def test_a_failed_message_a_later_one_supersedes_or_a_day_old_one_is_not_sent_again(
        book: Book) -> None:
    desk, pager = Recorder("desk"), Recorder("pager", fail=True)
    now = [NOW]
    alerts = _clock(book, desk, pager, now)
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"], distances=(4500.0,))
    alerts.dispatch(created=["KP-2022-10-04-1"])
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"], distances=(4600.0,))
    update, = alerts.dispatch(updated=["KP-2022-10-04-1"])  # the Update fails too
    pager.fail = False
    sent = alerts.dispatch()
    assert [a.msg_type for a in sent] == ["Update"]  # the Update says all the Alert did
    # A failure older than a day is left on record, not sent.
    book.events["KP-2022-10-05-1"] = event(event_id="KP-2022-10-05-1", overflown=["Japan"])
    pager.fail = True
    alerts.dispatch(created=["KP-2022-10-05-1"])
    pager.fail = False
    now[0] = NOW + timedelta(hours=25)
    assert alerts.dispatch() == []
    assert book.store.alerts(status="failed")[0].event_id == "KP-2022-10-05-1"


def test_two_dispatchers_never_send_a_failed_message_again_twice(book: Book) -> None:
    desk, pager = Recorder("desk"), Recorder("pager", fail=True)
    now = [NOW]
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"])
    failed, = _clock(book, desk, pager, now).dispatch(created=["KP-2022-10-04-1"])
    claim = {"now": NOW, "abandoned_before": NOW - timedelta(minutes=30)}
    assert book.store.claim_redelivery(failed, **claim)       # the first dispatcher's claim
    assert not book.store.claim_redelivery(failed, **claim)   # the second's
    pager.fail = False
    assert _clock(book, desk, pager, now).dispatch() == [] and len(pager.sent) == 1


# -- a dispatcher that died while sending ---------------------------------------------------

def _claimed_then_killed(book: Book, now: datetime) -> Alert:
    """What a dispatcher killed between its claim and its deliveries leaves: the message
    stored ``pending``, no channel's delivery on record."""
    dead = _clock(book, Recorder("desk"), Recorder("pager"), [now])
    dead._deliver_all = lambda jobs: (_ for _ in ()).throw(KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        dead.dispatch(created=["KP-2022-10-04-1"])
    [left] = book.store.alerts(status="pending")
    return left


def test_a_message_a_dead_dispatcher_left_pending_is_sent_by_a_later_one(book: Book) -> None:
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"])
    left = _claimed_then_killed(book, NOW)
    desk, pager = Recorder("desk"), Recorder("pager")
    now = [NOW + timedelta(minutes=5)]
    alerts = _clock(book, desk, pager, now)
    # Five minutes on, its dispatcher may still be sending it: nobody else does.
    assert alerts.dispatch() == [] and desk.sent == pager.sent == []
    assert alerts.dispatch(updated=["KP-2022-10-04-1"]) == []  # nor sends a second Alert
    now[0] = NOW + timedelta(minutes=31)
    again, = alerts.dispatch()
    assert again.id == left.id and again.msg_type == "Alert"
    assert [a.id for a in desk.sent] == [a.id for a in pager.sent] == [left.id]
    stored = book.store.alert(left.id)
    assert stored.status == "sent" and stored.sent == left.sent  # its first time stays
    assert alerts.dispatch() == [] and len(desk.sent) == 1


def test_two_dispatchers_never_both_take_over_a_dead_ones_message(book: Book) -> None:
    book.events["KP-2022-10-04-1"] = event(overflown=["Japan"])
    left = _claimed_then_killed(book, NOW)
    later = NOW + timedelta(minutes=31)
    claim = {"now": later, "abandoned_before": later - timedelta(minutes=30)}
    assert book.store.claim_redelivery(left, **claim)
    assert not book.store.claim_redelivery(left, **claim)
    # The one that took it over is alive: a minute later it is no one else's to take.
    a_minute_on = {"now": later + timedelta(minutes=1),
                   "abandoned_before": later + timedelta(minutes=1 - 30)}
    assert not book.store.claim_redelivery(left, **a_minute_on)
