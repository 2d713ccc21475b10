"""The Japanese rules, each on short statements written for these tests in the style of the
Ministry of Defense's releases and Japanese news reports."""

from __future__ import annotations

from datetime import date, time
from functools import partial

import pytest

from launchwatch.extract import RuleExtractor

from ..statements import first_launch, read


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor()


launch_of = partial(first_launch, "ja")


# ---------------------------------------------------------------- launch statements

@pytest.mark.parametrize("text", [
    "防衛省によると、北朝鮮は15日午前、東部から弾道ミサイル1発を発射した。",
    "北朝鮮から弾道ミサイルが発射されたと政府が発表した。ミサイルは日本海に落下したとみられる。",
    "北朝鮮が短距離弾道ミサイル発射　日本海に落下か\n防衛省が詳しく分析している。",
    "政府は、北朝鮮による弾道ミサイルの発射を確認したと発表した。",
    "北朝鮮の弾道ミサイルが約40分間飛行し、日本海に落下した。",
])
def test_launch_statements_in_their_forms(extractor, text):
    assert read(extractor, text).is_launch_report


@pytest.mark.parametrize("text", [
    # negated
    "防衛省によると、北朝鮮は弾道ミサイルを発射していない。",
    # planned or possible
    "北朝鮮が近く弾道ミサイルを発射する可能性があると米当局者が述べた。",
    "衛星画像から、北朝鮮が発射準備を進めている兆候がみられる。",
    "北朝鮮は海上保安庁に、来月1日までに人工衛星を打ち上げると通報した。",
    # a scenario, a parade, sanctions after an old test
    "訓練の想定は、X国から弾道ミサイルが発射されたというものだ。",
    "北朝鮮は軍事パレードで新型の大陸間弾道ミサイルを登場させた。",
    "安保理は、北朝鮮による5月2日の弾道ミサイル発射を受け、制裁決議を採択した。",
])
def test_turned_down_statements(extractor, text):
    assert not read(extractor, text).is_launch_report


def test_a_statement_dated_weeks_before_the_report_recalls_an_old_launch(extractor):
    text = "北朝鮮は5月2日に弾道ミサイル1発を発射したが、その後の動きはない。"
    assert not read(extractor, text).is_launch_report


# ---------------------------------------------------------------- figures

def test_distance_apogee_and_flight_time_by_their_labels(extractor):
    launch = launch_of(extractor, "北朝鮮は15日、弾道ミサイル1発を発射した。飛翔距離は約3千700キロ、"
                                  "最高高度は約８００ｋｍで、飛翔時間は約40分と推定される。")
    assert launch.distance_km.value == 3700 and launch.distance_km.qualifier == "about"
    assert launch.apogee_km.value == 800
    assert launch.flight_time_s.value == 2400


def test_figures_before_a_flight_verb(extractor):
    launch = launch_of(extractor, "北朝鮮は15日、弾道ミサイルを発射した。ミサイルは約1時間11分間、"
                                  "約1000キロ飛翔した。")
    assert launch.distance_km.value == 1000
    assert launch.flight_time_s.value == 4260


def test_a_span_gives_its_high_end(extractor):
    launch = launch_of(extractor, "北朝鮮は15日、弾道ミサイル2発を発射した。いずれも300~350キロ飛行した。")
    assert launch.distance_km.value == 350 and launch.distance_km.low == 300


def test_impact_positions_and_ranges_are_not_distances(extractor):
    launch = launch_of(extractor, "北朝鮮は15日、中距離弾道ミサイル(射程1300キロ)を発射した。"
                                  "ミサイルは奥尻島の西約250キロに落下した。")
    assert launch.distance_km is None
    assert launch.landing_area == "奥尻島の西約250キロ"


def test_earlier_launches_give_no_figures(extractor):
    launch = launch_of(extractor, "北朝鮮は15日、弾道ミサイルを発射した。前回は2発が発射され、"
                                  "およそ250キロ飛行した。")
    assert launch.distance_km is None and launch.count is None


@pytest.mark.parametrize("text, count", [
    ("北朝鮮は15日、弾道ミサイル二発を発射した。", 2),
    ("北朝鮮は15日、少なくとも1発の弾道ミサイルを発射した。", 1),
    ("北朝鮮は15日、複数の弾道ミサイルを相次いで発射した。", None),
    ("北朝鮮は15日、弾道ミサイル4発を発射し、うち3発が日本海に落下した。", 4),
])
def test_counts(extractor, text, count):
    assert launch_of(extractor, text).count == count


@pytest.mark.parametrize("text, inside", [
    ("北朝鮮は15日、弾道ミサイルを発射した。ミサイルは日本の排他的経済水域(EEZ)内に落下した。", True),
    ("北朝鮮は15日、弾道ミサイルを発射した。EEZ外の日本海に落下したとみられる。", False),
    ("北朝鮮は15日、弾道ミサイルを発射した。EEZ内への落下は確認されていない。", None),
    ("北朝鮮は15日、弾道ミサイルを発射した。日本海に落下したとみられる。", None),
])
def test_eez_only_when_stated(extractor, text, inside):
    assert launch_of(extractor, text).inside_japan_eez is inside


# ---------------------------------------------------------------- class and names

@pytest.mark.parametrize("text, cls", [
    ("北朝鮮は15日、短距離弾道ミサイル2発を発射した。", "SRBM"),
    ("北朝鮮は15日、準中距離弾道ミサイルを発射した。", "MRBM"),
    ("北朝鮮は15日、中距離弾道ミサイルを発射した。", "IRBM"),
    ("北朝鮮は15日、ICBM級の弾道ミサイルを発射した。", "ICBM"),
    ("北朝鮮は15日、弾道ミサイルを発射した。", "unknown"),
    ("北朝鮮は15日、人工衛星を搭載したロケットを発射した。", "SLV"),
])
def test_classes(extractor, text, cls):
    assert launch_of(extractor, text).missile_class == cls


def test_names_sites_and_authorities_from_the_lexicons(extractor):
    launch = launch_of(extractor, "防衛省によると、北朝鮮は15日、順安付近から火星17型とみられる"
                                  "ICBM級の弾道ミサイルを発射した。官房長官は強く抗議した。")
    assert launch.missile_name == "Hwasong-17"
    assert launch.launch_site == "Sunan"
    assert launch.reported_by[:2] == ["Japan MoD", "Japan government"]


# ---------------------------------------------------------------- dates and times

def test_day_of_month_against_the_publication_date(extractor):
    launch = launch_of(extractor, "北朝鮮は14日午後2時53分ごろ、弾道ミサイル1発を発射した。")
    assert launch.date_local == date(2023, 6, 14)
    assert launch.time_local == time(14, 53)


def test_afternoon_noon_hour(extractor):
    launch = launch_of(extractor, "北朝鮮は本日午後0時1分ごろ、弾道ミサイルを発射した。")
    assert launch.date_local == date(2023, 6, 15) and launch.time_local == time(12, 1)


def test_a_day_still_to_come_this_month_is_last_months(extractor):
    launch = launch_of(extractor, "北朝鮮は30日、弾道ミサイルを発射した。", published="2023-07-01")
    assert launch.date_local == date(2023, 6, 30)


def test_a_day_of_the_month_with_no_publication_date_is_kept_as_a_hint(extractor):
    launch = launch_of(extractor, "防衛省によると、北朝鮮は6日午後0時1分ごろ、弾道ミサイル1発を発射した。",
                       published=None)
    assert launch.date_local is None
    assert launch.day_hint is not None and (launch.day_hint.day, launch.day_hint.month) == (6, None)
    assert launch.day_hint.evidence is not None and launch.day_hint.evidence.text == "6日"
    assert launch.day_hint.admits(date(2025, 1, 6)) and not launch.day_hint.admits(date(2025, 1, 7))


def test_japan_time_moves_back_to_pyongyang_time_in_2016(extractor):
    # From 2015-08-15 to 2018-05-04 North Korea kept UTC+8:30.
    launch = launch_of(extractor, "北朝鮮は日本時間の6日午前0時10分ごろ、弾道ミサイルを発射した。",
                       published="2016-09-06")
    assert launch.time_local == time(23, 40) and launch.date_local == date(2016, 9, 5)


def test_bounds_and_impact_times_are_not_launch_times(extractor):
    launch = launch_of(extractor, "北朝鮮は14日14時50分頃までに弾道ミサイルを発射した。"
                                  "ミサイルは15時5分ごろ日本海に落下した。")
    assert launch.time_local is None


def test_evidence_points_into_the_stored_text(extractor):
    text = "北朝鮮は15日、弾道ミサイル二発を発射した。飛翔距離は約３千７００ｋｍ。"
    launch = launch_of(extractor, text)
    evidence = launch.evidence["distance_km"]
    assert text[evidence.start:evidence.end] == evidence.text == "３千７００ｋｍ"
    assert launch.evidence["count"].text.endswith("二発")
