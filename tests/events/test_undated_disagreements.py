"""An undated launch joins a dated day only on the facts they share, less those they state
differently: round figures fit many launches (they count half), a measured figure that
disagrees fits one less.

The reports and figures are invented for these tests.
"""

from __future__ import annotations

from datetime import timedelta

from launchwatch.events.matching import same_launch_day

from .helpers import DAY, at, km, launch, ref, report, seconds


def _dated(name: str, day_offset: int = 0, **fields) -> object:
    day = DAY + timedelta(days=day_offset)
    return ref(report(name, published=at(11, day=day)), launch(date_local=day, **fields), 0)


def _undated(**fields) -> object:
    return ref(report("blog"), launch(date_local=None, missile_class="ICBM", **fields))


ROUND = {"distance_km": 1000, "apogee_km": 6000, "time_local": "10:00"}


def test_round_figures_and_a_close_time_join_a_day_whose_flight_time_agrees() -> None:
    dated = [_dated("mod", missile_class="ICBM", time_local="10:14", distance_km=1000,
                    apogee_km=6000, flight_time_s=4140)]
    assert same_launch_day(_undated(flight_time_s=4140, **ROUND), dated) == DAY


def test_a_flight_time_minutes_apart_is_another_launch() -> None:
    # 74 minutes against 69: round distance, apogee and time fit, the flight time does not.
    dated = [_dated("mod", missile_class="ICBM", time_local="10:14", distance_km=1000,
                    apogee_km=6000, flight_time_s=4140)]
    assert same_launch_day(_undated(flight_time_s=4440, **ROUND), dated) is None


def test_figures_within_their_rounding_do_not_disagree() -> None:
    # "about 1,100 km" (1,050 to 1,150) and 1,090 km are one measurement rounded twice;
    # 71 minutes and 4,260 s are the same time.
    dated = [_dated("jcs", missile_class="ICBM", missile_name="Hwasong-17",
                    distance_km=km(1090, None), flight_time_s=seconds(4260, None))]
    undated = _undated(missile_name="Hwasong-17", distance_km=1100, flight_time_s=4260)
    assert same_launch_day(undated, dated) == DAY


def test_a_bound_never_disagrees() -> None:
    # "at least 6,000 km" and 6,600 km: a bound fits the measured figure.
    dated = [_dated("mod", missile_class="ICBM", missile_name="Hwasong-17",
                    apogee_km=km(6000, "at least"), flight_time_s=4260, time_local="14:34")]
    undated = _undated(missile_name="Hwasong-17", apogee_km=km(6600, None),
                       flight_time_s=4260, time_local="14:30")
    assert same_launch_day(undated, dated) == DAY


def test_the_day_that_agrees_wins_over_the_day_that_disagrees() -> None:
    dated = [_dated("then", -30, missile_class="ICBM", time_local="10:14", distance_km=1000,
                    apogee_km=6000, flight_time_s=4140),
             _dated("now", missile_class="ICBM", time_local="10:05", distance_km=1000,
                    apogee_km=6000, flight_time_s=4440)]
    assert same_launch_day(_undated(flight_time_s=4440, **ROUND), dated) == DAY


def test_a_round_figure_never_disagrees() -> None:
    # "about 7,000 km" is a tracking military's round reading of a 7,687.5 km apogee.
    dated = [_dated("kcna", missile_class="ICBM", missile_name="Hwasong-19",
                    distance_km=km(1001.2, None), apogee_km=km(7687.5, None),
                    flight_time_s=seconds(5156, None), time_local="07:10")]
    undated = _undated(missile_name="Hwasong-19", distance_km=1000, apogee_km=7000,
                       flight_time_s=5160, time_local="07:11")
    assert same_launch_day(undated, dated) == DAY
