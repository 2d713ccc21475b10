"""Event identity without a database: the plan for a day's launches (groups, ids, writes,
deletions, memberships), the undated plan and which day an undated launch joins."""

from __future__ import annotations

from datetime import date

from launchwatch.events import fuse
from launchwatch.events.identity import (days_to_fuse, fingerprint, group_ids, joining_days,
                                         plan_day, plan_undated, undated_ids)
from launchwatch.events.ids import COUNTRY_CODES, country_code
from launchwatch.events.matching import cluster, days_together
from launchwatch.model import DayHint, DayState, Event, LaunchKey, LaunchRef

from .helpers import DAY, at, launch, ref, report

COUNTRY = "North Korea"


def _hash(event: Event) -> str:
    return f"inputs of {event.id}"


def _ref(name: str, hour: int, launch_id: int, **fields) -> LaunchRef:
    return ref(report(name, published=at(hour)), launch(**fields), launch_id=launch_id)


def _stored(refs: list[LaunchRef], event_id: str) -> DayState:
    """The day as the store holds it after ``refs`` were fused into ``event_id``."""
    event = fuse(event_id, COUNTRY, DAY, refs)
    return DayState(fingerprints={event_id: fingerprint(event)},
                    members={r.launch_id: event_id for r in refs})


def test_reports_of_one_launch_make_one_new_event() -> None:
    refs = [_ref("jcs", 8, 1, time_local="07:23", distance_km=4500, reported_by=["ROK JCS"]),
            _ref("mod", 10, 2, time_local="07:22", distance_km=4600, reported_by=["Japan MoD"])]
    plan = plan_day(COUNTRY, DAY, refs, DayState(), _hash)
    [write] = plan.writes
    assert (write.event.id, write.created, write.inputs_hash) == \
        ("KP-2022-10-04-1", True, "inputs of KP-2022-10-04-1")
    assert write.fingerprint == fingerprint(write.event)
    assert write.event.distance_km.value == 4600
    assert plan.members == {1: "KP-2022-10-04-1", 2: "KP-2022-10-04-1"}
    assert (plan.created, plan.updated, plan.removed) == (["KP-2022-10-04-1"], [], [])


def test_new_events_of_a_day_are_numbered_by_launch_time() -> None:
    # Published first, launched last: numbers follow the launch times, not the reports.
    refs = [_ref("b", 17, 1, time_local="16:00", launch_site="Sinpo"),
            _ref("a", 18, 2, time_local="07:00", launch_site="Sunan")]
    plan = plan_day(COUNTRY, DAY, refs, DayState(), _hash)
    assert {w.event.id: w.event.value("launch_site") for w in plan.writes} == \
        {"KP-2022-10-04-1": "Sunan", "KP-2022-10-04-2": "Sinpo"}


def test_a_new_report_joins_the_stored_event_and_only_its_launch_is_written() -> None:
    first = _ref("flash", 6, 1, distance_km=430, reported_by=["ROK JCS"])
    stored = _stored([first], "KP-2022-10-04-1")
    second = _ref("revised", 8, 2, distance_km=600, reported_by=["ROK JCS"])
    plan = plan_day(COUNTRY, DAY, [first, second], stored, _hash)
    [write] = plan.writes
    assert (write.event.id, write.created) == ("KP-2022-10-04-1", False)
    assert write.event.distance_km.value == 600 and len(write.event.revisions) == 2
    assert plan.members == {2: "KP-2022-10-04-1"}  # launch 1 is where it was
    assert plan.updated == ["KP-2022-10-04-1"] and not plan.removed


def test_an_unchanged_day_plans_nothing() -> None:
    refs = [_ref("jcs", 8, 1, distance_km=600, reported_by=["ROK JCS"])]
    plan = plan_day(COUNTRY, DAY, refs, _stored(refs, "KP-2022-10-04-1"), _hash)
    assert (plan.writes, plan.removed, plan.members) == ([], [], {})


def test_a_group_keeps_the_stored_id_it_shares_most_launches_with() -> None:
    a1 = _ref("a1", 8, 1, time_local="07:00", launch_site="Sunan")
    a2 = _ref("a2", 9, 2, time_local="07:05", launch_site="Sunan")
    b1 = _ref("b1", 10, 3, time_local="16:00", launch_site="Sinpo")
    # Stored: the Sunan launch is -2 (two launches), one of them had once been put in -1.
    stored = DayState(fingerprints={"KP-2022-10-04-1": "old", "KP-2022-10-04-2": "old"},
                      members={1: "KP-2022-10-04-1", 2: "KP-2022-10-04-2", 3: None})
    groups = cluster([a1, a2, b1])
    ids = group_ids(COUNTRY, DAY, groups, stored)
    by_site = {groups[i][0].launch.launch_site: event_id for i, event_id in ids.items()}
    # Each group shares one launch with a stored event: the tie goes to the earlier group
    # and the lower stored id; the Sinpo group shares none and gets the lowest free number.
    assert by_site == {"Sunan": "KP-2022-10-04-1", "Sinpo": "KP-2022-10-04-3"}
    a3 = _ref("a3", 11, 4, time_local="07:10", launch_site="Sunan")
    stored = DayState(fingerprints={"KP-2022-10-04-1": "old", "KP-2022-10-04-2": "old"},
                      members={1: "KP-2022-10-04-1", 2: "KP-2022-10-04-2",
                               4: "KP-2022-10-04-2"})
    # Now the Sunan group shares two launches with -2: it keeps -2; -1 is left with no launch
    # and goes, and its number is not given again in this plan.
    plan = plan_day(COUNTRY, DAY, [a1, a2, a3, b1], stored, _hash)
    assert {w.event.id: len(w.event.reports) for w in plan.writes} == \
        {"KP-2022-10-04-2": 3, "KP-2022-10-04-3": 1}
    assert plan.removed == ["KP-2022-10-04-1"]
    assert plan.members == {1: "KP-2022-10-04-2", 3: "KP-2022-10-04-3"}


def test_fresh_numbers_skip_the_ones_taken_and_stored_events_left_empty_go() -> None:
    refs = [_ref("a", 8, 1, time_local="07:00", launch_site="Sunan")]
    stored = DayState(fingerprints={"KP-2022-10-04-1": "x", "KP-2022-10-04-3": "y"},
                      members={})
    plan = plan_day(COUNTRY, DAY, refs, stored, _hash)
    assert plan.created == ["KP-2022-10-04-2"]
    assert plan.removed == ["KP-2022-10-04-1", "KP-2022-10-04-3"]


def test_a_recalled_launch_joins_a_matching_event_but_makes_none() -> None:
    recalled = _ref("recall", 9, 1, role="background", distance_km=590)
    plan = plan_day(COUNTRY, DAY, [recalled], DayState(), _hash)
    assert plan.writes == [] and plan.members == {1: None}
    news = _ref("news", 8, 2, distance_km=600, reported_by=["ROK JCS"])
    plan = plan_day(COUNTRY, DAY, [recalled, news], DayState(members={1: None}), _hash)
    assert plan.members == {1: "KP-2022-10-04-1", 2: "KP-2022-10-04-1"}
    assert len(plan.writes[0].event.reports) == 2


def test_undated_launches_are_events_of_their_own() -> None:
    source = report("blog")
    refs = [ref(source, launch(date_local=None, missile_name="Hwasong-17"), 0, launch_id=7),
            ref(source, launch(date_local=None, role="background"), 1, launch_id=8)]
    expected = f"KP-undated-{source.content_hash[:10]}-0"
    assert undated_ids(refs) == [expected]
    plan = plan_undated(refs, {}, _hash)
    assert [(w.event.id, w.created, w.event.date_local) for w in plan.writes] == \
        [(expected, True, None)]
    assert plan.members == {7: expected, 8: None}
    again = plan_undated(refs, {expected: plan.writes[0].fingerprint}, _hash)
    assert again.writes == [] and again.members == plan.members


def test_an_undated_launch_joins_the_day_it_evidently_is() -> None:
    blog = ref(report("blog", published=at(12, day=date(2022, 10, 6))),
               launch(date_local=None, missile_name="Hwasong-17", distance_km=1090), 0,
               launch_id=9)
    other = ref(report("other", published=at(12)),
                launch(date_local=None, country="Iran"), 0, launch_id=10)
    dated = {COUNTRY: [_ref("jcs", 9, 1, missile_name="Hwasong-17", distance_km=1090)],
             "Iran": []}
    asked: list[str] = []

    def dated_of(country: str) -> list[LaunchRef]:
        asked.append(country)
        return dated[country]

    assert joining_days([blog, other], dated_of) == {(COUNTRY, DAY): [9]}
    assert asked == ["Iran", COUNTRY]  # each state once, in order
    # Only one shared fact: it stays undated.
    vague = ref(report("vague", published=at(12, day=date(2022, 10, 6))),
                launch(date_local=None, missile_name="Hwasong-17"), 0, launch_id=11)
    assert joining_days([vague], dated_of) == {}


def _undated(name: str, launch_id: int, hint: DayHint, **fields) -> LaunchRef:
    return ref(report(name), launch(date_local=None, day_hint=hint, **fields), 0,
               launch_id=launch_id)


# 2016-04-23 was a Saturday; a URL of April 2016 admits 26 March to 30 April.
SATURDAY_IN_APRIL = DayHint(weekday=5, filed_in=(2016, 4))


def test_undated_reports_that_together_name_a_day_join_it() -> None:
    blog = _undated("blog", 1, SATURDAY_IN_APRIL, missile_class="SLBM", time_local="18:30")
    daily = _undated("daily", 2, DayHint(day=23), missile_class="SLBM", time_local="18:31")
    assert days_together([blog, daily]) == {date(2016, 4, 23): [blog, daily]}
    # fusion makes them one event of that day, though no dated report of it is stored
    assert joining_days([blog, daily], lambda country: []) == {(COUNTRY, date(2016, 4, 23)):
                                                              [1, 2]}


def test_reports_that_share_too_little_or_leave_two_days_name_none() -> None:
    blog = _undated("blog", 1, SATURDAY_IN_APRIL, missile_class="SLBM", time_local="18:30")
    # one fact (the class) is too few to say they are one launch
    assert days_together([blog, _undated("daily", 2, DayHint(day=23),
                                         missile_class="SLBM")]) == {}
    # "on Saturday" twice: five Saturdays fit both
    assert days_together([blog, _undated("wire", 3, DayHint(weekday=5),
                                         missile_class="SLBM", time_local="18:30")]) == {}
    # without a bounded hint (a URL's month, a year) no day is named at all
    assert days_together([_undated("a", 4, DayHint(weekday=5), missile_class="SLBM",
                                   time_local="18:30"),
                          _undated("b", 5, DayHint(day=23), missile_class="SLBM",
                                   time_local="18:30")]) == {}


def test_days_to_fuse_are_the_unseen_days_and_the_joined_ones_in_order() -> None:
    later = date(2022, 11, 3)
    unseen = [LaunchKey(1, COUNTRY, later), LaunchKey(2, None, DAY), LaunchKey(3, COUNTRY, None),
              LaunchKey(4, COUNTRY, later)]
    assert days_to_fuse(unseen, [(COUNTRY, DAY)]) == \
        [(None, DAY), (COUNTRY, DAY), (COUNTRY, later)]
    assert days_to_fuse([]) == []


def test_the_fingerprint_is_the_event_content() -> None:
    refs = [_ref("jcs", 8, 1, distance_km=600)]
    first = fuse("KP-2022-10-04-1", COUNTRY, DAY, refs)
    assert fingerprint(first) == fingerprint(fuse("KP-2022-10-04-1", COUNTRY, DAY, refs))
    assert fingerprint(first) != fingerprint(fuse("KP-2022-10-04-2", COUNTRY, DAY, refs))


def test_no_two_states_share_an_id_code() -> None:
    # A day's events are found by their ids' prefix: a shared code would let one state's
    # fusion remove the other's events of that day.
    assert len(set(COUNTRY_CODES.values())) == len(COUNTRY_CODES)
    assert country_code("Yemen (Houthis)") == "YE"
    assert country_code("Yemen") != "YE" and country_code("Yemen") == country_code("Yemen")
    assert country_code("Yemen") not in COUNTRY_CODES.values()


def test_two_launches_seen_before_are_not_paired_again() -> None:
    blog = _undated("blog", 1, SATURDAY_IN_APRIL, missile_class="SLBM", time_local="18:30")
    daily = _undated("daily", 2, DayHint(day=23), missile_class="SLBM", time_local="18:31")
    # Either one new: the pair is tried.  Neither: it was tried when the later one came.
    assert days_together([blog, daily], fresh={2}) == {date(2016, 4, 23): [blog, daily]}
    assert days_together([blog, daily], fresh={1}) == {date(2016, 4, 23): [blog, daily]}
    assert days_together([blog, daily], fresh=set()) == {}
