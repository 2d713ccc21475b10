"""Which launches are the same launch: one event per launch, two for two."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.events import cluster, compatible
from launchwatch.events.matching import attach, classes_compatible, same_launch_day

from .helpers import DAY, at, launch, ref, report


def _ids(groups: list) -> list[set[int]]:
    return sorted(({r.launch_id for r in group} for group in groups), key=min)


def test_reports_of_one_launch_are_one_group() -> None:
    refs = [ref(report("jcs", published=at(7, 40)), launch(time_local="07:23",
                                                              launch_site="Mupyong-ni"), 0, 1),
            ref(report("mod", published=at(10)), launch(time_local="07:22",
                                                        missile_class="IRBM"), 0, 2),
            ref(report("kcna", published=at(6, day=launch().date_local.replace(day=5))),
                launch(missile_class="hypersonic", launch_site="Jagang Province"), 0, 3)]
    assert _ids(cluster(refs)) == [{1, 2, 3}]


def test_two_launches_on_one_day_at_different_sites_are_two_groups() -> None:
    morning = launch(time_local="07:00", launch_site="Sunan area of Pyongyang",
                     missile_class="SRBM")
    evening = launch(time_local="16:30", launch_site="Wonsan area", missile_class="SRBM")
    refs = [ref(report("a", published=at(8)), morning, 0, 1),
            ref(report("b", published=at(17)), evening, 0, 2),
            # a wire story on both, in one report
            ref(report("c", published=at(18)), launch(launch_site="Sunan"), 0, 3),
            ref(report("c", published=at(18)), launch(launch_site="Wonsan"), 1, 4)]
    assert _ids(cluster(refs)) == [{1, 3}, {2, 4}]


def test_the_launches_one_report_lists_are_distinct() -> None:
    both = report("both", published=at(9))
    refs = [ref(both, launch(missile_class="SRBM"), 0, 1),
            ref(both, launch(missile_class="SRBM"), 1, 2)]
    assert _ids(cluster(refs)) == [{1}, {2}]


@pytest.mark.parametrize(("first", "second", "same"), [
    (launch(time_local="08:10"), launch(time_local="09:20"), True),    # a salvo's first and last
    (launch(time_local="07:00"), launch(time_local="15:00"), False),
    (launch(launch_site="Sunan"), launch(launch_site="Pyongyang International Airport"), True),
    (launch(launch_site="Sunan"), launch(launch_site="Sinpo"), False),
    (launch(launch_site="somewhere unmapped"), launch(launch_site="Sinpo"), True),
    (launch(launch_lat=39.2, launch_lon=125.7), launch(launch_lat=40.0, launch_lon=128.2), False),
    (launch(missile_class="SRBM"), launch(missile_class="MLRS"), True),
    (launch(missile_class="SRBM"), launch(missile_class="ICBM"), False),
])
def test_compatibility(first, second, same: bool) -> None:
    assert compatible(ref(report("x"), first, 0, 1), ref(report("y"), second, 0, 2)) is same


@pytest.mark.parametrize(("first", "second", "same"), [
    ("SRBM", "MRBM", True), ("MRBM", "ICBM", False), ("IRBM", "SLV", True),
    ("cruise", "SRBM", False), ("cruise", "cruise", True), ("cruise", "unknown", True),
    ("hypersonic", "ICBM", True), (None, "SRBM", True),
])
def test_class_ladder(first: str | None, second: str | None, same: bool) -> None:
    assert classes_compatible(first, second) is same


def test_grouping_does_not_depend_on_input_order() -> None:
    refs = [ref(report(f"r{i}", published=at(7 + i % 10)),
                launch(time_local=("07:00" if i % 2 else "16:00"),
                       launch_site=("Sunan" if i % 2 else "Sinpo")), 0, i) for i in range(12)]
    expected = _ids(cluster(refs))
    assert len(expected) == 2
    for seed in range(5):
        shuffled = refs[:]
        random.Random(seed).shuffle(shuffled)
        assert _ids(cluster(shuffled)) == expected


def test_background_launches_join_a_matching_group_but_never_start_one() -> None:
    groups = cluster([ref(report("a"), launch(launch_site="Sunan"), 0, 1)])
    recalled = ref(report("b"), launch(role="background", launch_site="Sunan"), 0, 2)
    stray = ref(report("c"), launch(role="background", launch_site="Sinpo"), 0, 3)
    assert _ids(attach([recalled, stray], groups)) == [{1, 2}]


_SITES = ["Sunan", "Sinpo", "Wonsan area", None]
_CLASSES = ["SRBM", "MLRS", "IRBM", "ICBM", "unknown", None]


@st.composite
def _day_of_launches(draw):
    """A day's launches from several reports, some reports listing two."""
    refs = []
    for number in range(draw(st.integers(1, 8))):
        source = report(f"h{number}", published=at(draw(st.integers(6, 22))))
        for ordinal in range(draw(st.integers(1, 2))):
            hour = draw(st.one_of(st.none(), st.integers(5, 20)))
            refs.append(ref(source, launch(
                time_local=None if hour is None else f"{hour:02d}:00",
                launch_site=draw(st.sampled_from(_SITES)),
                missile_class=draw(st.sampled_from(_CLASSES))), ordinal, len(refs)))
    return refs


@settings(max_examples=60, deadline=None)
@given(_day_of_launches(), st.randoms(use_true_random=False))
def test_grouping_is_a_partition_that_ignores_order(refs, shuffler) -> None:
    groups = cluster(refs)
    assert sorted(r.launch_id for g in groups for r in g) == sorted(r.launch_id for r in refs)
    for group in groups:
        # Within an event every two launches are compatible, and none comes from one report
        # twice.
        assert all(compatible(a, b) for a in group for b in group if a is not b)
    shuffled = refs[:]
    shuffler.shuffle(shuffled)
    assert _ids(cluster(shuffled)) == _ids(groups)


# -- an undated report of a dated launch ------------------------------------------------------

def _dated(name: str, day_offset: int = 0, **fields) -> object:
    day = DAY + timedelta(days=day_offset)
    return ref(report(name, published=at(9, day=day)), launch(date_local=day, **fields), 0)


def test_an_undated_report_with_the_same_name_and_figures_is_that_days_launch() -> None:
    dated = [_dated("jcs", missile_name="Hwasong-17", distance_km=1000, apogee_km=6100),
             _dated("older", -30, missile_name="Hwasong-17", distance_km=1080, apogee_km=6250)]
    undated = ref(report("blog"), launch(date_local=None, missile_name="Hwasong-17",
                                         distance_km=999, apogee_km=6050))
    assert same_launch_day(undated, dated) == DAY


def test_one_shared_fact_is_not_enough() -> None:
    dated = [_dated("jcs", missile_class="SRBM", distance_km=600)]
    undated = ref(report("blog"), launch(date_local=None, missile_class="SRBM", distance_km=600))
    assert same_launch_day(undated, dated) is None


def test_two_days_that_fit_equally_leave_the_report_undated() -> None:
    dated = [_dated("a", missile_name="KN-23", distance_km=600, time_local="07:00"),
             _dated("b", -7, missile_name="KN-23", distance_km=600, time_local="16:00")]
    undated = ref(report("blog"), launch(date_local=None, missile_name="KN-23",
                                         distance_km=600))
    assert same_launch_day(undated, dated) is None


def test_a_launch_long_before_the_report_was_published_is_not_its_launch() -> None:
    dated = [_dated("jcs", -40, missile_name="Hwasong-18", apogee_km=6000)]
    undated = ref(report("blog", published=at(12)),
                  launch(date_local=None, missile_name="Hwasong-18", apogee_km=6000))
    assert same_launch_day(undated, dated) is None


def test_another_state_or_an_incompatible_class_never_matches() -> None:
    dated = [_dated("irna", country="Iran", missile_name="Fattah", distance_km=1400),
             _dated("jcs", missile_class="cruise", missile_name="Fattah", distance_km=1400)]
    undated = ref(report("blog"), launch(date_local=None, missile_class="IRBM",
                                         missile_name="Fattah", distance_km=1400))
    assert same_launch_day(undated, dated) is None
