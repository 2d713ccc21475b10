"""The Korean rules, each on short statements written for these tests in the style of the Joint
Chiefs of Staff's statements and the Korean news reports that relay them."""

from __future__ import annotations

from datetime import date, time
from functools import partial

import pytest

from launchwatch.extract import RuleExtractor
from launchwatch.extract.ko.dates import clock_mentions
from launchwatch.extract.ko.morphology import read_sentences
from launchwatch.extract.ko.vocabulary import load_vocabulary

from ..statements import first_launch, read


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor()


launch_of = partial(first_launch, "ko")


# ---------------------------------------------------------------- launch statements

@pytest.mark.parametrize("text", [
    "합동참모본부는 북한이 오늘 오전 동해상으로 탄도미사일 1발을 발사했다고 밝혔다.",
    "북한이 15일 쏜 단거리 탄도미사일은 약 300㎞를 비행한 것으로 파악됐다.",
    "군 당국은 북한이 서해상으로 순항미사일 여러 발을 발사한 것으로 보고 있다.",
    "우리 군은 오늘 오전 북한이 동해상으로 발사한 미상의 탄도미사일 2발을 포착했다.",
    "북, 동해상으로 탄도미사일 발사…합참 \"정밀 분석 중\"\n합참이 추가 제원을 분석하고 있다.",
    "북한이 새로 개발한 고체연료 대륙간탄도미사일 시험발사에 성공했다고 조선중앙통신이 보도했다.",
    "북한은 이날 오후 신형 방사포를 동해상으로 쏘아 올렸다.",
    "북한이 탄도미사일을 발사해 일부 지역에 경보가 발령됐다.",
])
def test_statements_of_a_launch(extractor, text):
    assert launch_of(extractor, text).country == "North Korea"


@pytest.mark.parametrize("text", [
    # a parade: missiles shown, none fired
    "북한이 열병식에서 신형 대륙간탄도미사일을 처음 공개했다. 이동식 발사차량에 실려 나왔다.",
    # a notice of a planned launch
    "북한이 다음 주 정찰위성을 발사하겠다고 일본 해상보안청에 통보했다.",
    # imagery of preparations: what was detected is signs, not a missile
    "위성사진 분석 결과 발사장에서 미사일 발사를 위한 준비 징후가 포착됐다.",
    # a forecast
    "군 당국은 북한이 조만간 탄도미사일을 발사할 가능성이 있다고 전망했다.",
    # negated
    "북한은 이번 훈련에서 미사일을 발사하지 않았다.",
    # the South's own firing
    "우리 군은 현무 미사일 실사격 훈련을 실시했다.",
    # condemnation, with a recalled launch only after the lede
    "유엔 안보리가 북한의 미사일 발사를 규탄하는 성명을 냈다.\n이사국들은 추가 조치를 촉구했다.\n"
    "성명은 결의 위반을 지적했다.\n회의는 한 시간가량 이어졌다.\n"
    "북한은 지난 12일 중거리탄도미사일을 동해상으로 발사했다.",
    # a budget
    "국방부는 미사일 방어 체계 구축에 5년간 30조 원을 투입할 계획이라고 밝혔다.",
])
def test_reports_that_state_no_launch(extractor, text):
    extraction = read(extractor, text)
    assert extraction.language == "ko"
    assert not extraction.is_launch_report


def test_an_old_launch_recalled_with_its_month_is_no_report(extractor):
    text = "북한이 2017년 11월 발사한 미사일보다 더 큰 신형 미사일을 열병식에서 공개했다."
    assert not read(extractor, text, "2020-10-10").is_launch_report


# ---------------------------------------------------------------- classes and names

@pytest.mark.parametrize("phrase,expected", [
    ("단거리 탄도미사일", "SRBM"),
    ("단거리탄도미사일(SRBM)", "SRBM"),
    ("준중거리 탄도미사일", "MRBM"),
    ("중거리 탄도미사일", "IRBM"),
    ("중장거리 탄도미사일", "IRBM"),
    ("대륙간탄도미사일(ICBM)", "ICBM"),
    ("ICBM급 미사일", "ICBM"),
    ("잠수함발사탄도미사일(SLBM)", "SLBM"),
    ("순항미사일", "cruise"),
    ("탄도미사일", "unknown"),
    ("군사정찰위성", "SLV"),
    ("초대형 방사포로 추정되는 단거리 발사체", "MLRS"),
    ("극초음속 중거리 탄도미사일", "hypersonic"),
    ("'신형 로켓포'라는 단거리 탄도미사일", "SRBM"),
])
def test_class_follows_the_words(extractor, phrase, expected):
    text = f"합참은 북한이 오늘 오전 동해상으로 {phrase} 1발을 발사했다고 밝혔다."
    assert launch_of(extractor, text).missile_class == expected


def test_defence_ministry_is_not_a_satellite(extractor):
    text = ("일본 방위성은 북한이 오늘 오전 탄도미사일 1발을 발사했다고 밝혔다. "
            "방위성은 정밀 분석 중이라고 전했다.")
    assert launch_of(extractor, text).missile_class == "unknown"


def test_class_comes_from_a_later_sentence_when_the_statement_has_none(extractor):
    text = ("북한이 오늘 동해상으로 발사체 1발을 발사했다. "
            "합참은 이를 대륙간탄도미사일(ICBM)로 추정하고 있다.")
    assert launch_of(extractor, text).missile_class == "ICBM"


def test_missile_name_is_the_lexicon_name(extractor):
    text = "북한이 오늘 오전 신형 ICBM '화성-18형' 1발을 시험발사했다고 밝혔다."
    launch = launch_of(extractor, text)
    assert launch.missile_name == "Hwasong-18"
    assert launch.missile_class == "ICBM"


# ---------------------------------------------------------------- figures

@pytest.mark.parametrize("text,distance,apogee", [
    ("합참은 미사일의 비행거리는 약 600㎞, 고도는 약 50㎞로 탐지됐다고 밝혔다.", 600, 50),
    ("미사일은 정점고도 6천100여㎞로 1천여㎞를 비행했다.", 1000, 6100),
    ("발사체는 60km 높이로 380km 가량 비행한 것으로 파악됐다.", 380, 60),
    ("미사일은 고도 2000km 이상으로 치솟았다.", None, 2000),
])
def test_distance_and_apogee(extractor, text, distance, apogee):
    text = "북한이 오늘 동해상으로 탄도미사일 1발을 발사했다. " + text
    launch = launch_of(extractor, text)
    assert (launch.distance_km.value if launch.distance_km else None) == distance
    assert (launch.apogee_km.value if launch.apogee_km else None) == apogee


def test_qualifiers_are_kept(extractor):
    text = ("북한이 오늘 동해상으로 탄도미사일 1발을 발사했다. "
            "비행거리는 700여㎞, 고도는 최소 2000㎞로 분석됐다.")
    launch = launch_of(extractor, text)
    assert launch.distance_km.qualifier == "about"
    assert launch.apogee_km.value == 2000 and launch.apogee_km.qualifier == "at least"


@pytest.mark.parametrize("text", [
    "미사일은 독도 동쪽 약 200㎞ 해상에 떨어졌다.",
    "미사일은 일본 해안에서 300㎞ 떨어진 해역에 낙하했다.",
    "미사일은 NLL 이남 30㎞ 지점에 낙하했다.",
    "무수단은 사거리 3천㎞대의 중거리 탄도미사일이다.",
])
def test_positions_and_ranges_are_not_distances(extractor, text):
    text = "북한이 오늘 동해상으로 탄도미사일 1발을 발사했다. " + text
    assert launch_of(extractor, text).distance_km is None


def test_target_hit_in_state_media_is_the_distance(extractor):
    text = ("조선중앙통신은 북한이 어제 신형 방사포를 시험사격했다고 보도했다. "
            "방사포탄은 250㎞ 떨어진 섬 목표를 정확히 명중했다고 통신은 전했다.")
    assert launch_of(extractor, text).distance_km.value == 250


@pytest.mark.parametrize("text,seconds", [
    ("일본 정부는 미사일이 약 70분간 비행했다고 밝혔다.", 4200),
    ("비행시간은 86분으로 역대 최장이었다.", 5160),
])
def test_flight_time(extractor, text, seconds):
    text = "북한이 오늘 동해상으로 ICBM 1발을 발사했다. " + text
    assert launch_of(extractor, text).flight_time_s.value == seconds


def test_minutes_until_an_announcement_are_no_flight_time(extractor):
    text = ("북한이 오늘 오후 정찰위성을 발사했다. 북한은 발사 2시간 만에 실패를 인정했다.")
    assert launch_of(extractor, text).flight_time_s is None


# ---------------------------------------------------------------- counts

@pytest.mark.parametrize("phrase,count", [
    ("탄도미사일 2발을", 2),
    ("탄도미사일 두 발을", 2),
    ("SLBM 한 발을", 1),
    ("순항미사일 수 발을", None),
    ("순항미사일 여러 발을", None),
])
def test_count(extractor, phrase, count):
    text = f"합참은 북한이 오늘 오전 동해상으로 {phrase} 발사했다고 밝혔다."
    assert launch_of(extractor, text).count == count


def test_a_tally_of_past_launches_gives_no_count(extractor):
    text = ("북한이 오늘 동해상으로 탄도미사일을 발사했다. "
            "북한은 지난 3일에도 탄도미사일 3발을 발사한 바 있다.")
    assert launch_of(extractor, text).count is None


# ---------------------------------------------------------------- EEZ and landing

@pytest.mark.parametrize("text,inside", [
    ("미사일은 일본 배타적경제수역(EEZ) 안에 낙하했다.", True),
    ("방위성은 미사일이 EEZ 내에 떨어진 것으로 추정했다.", True),
    ("미사일은 일본의 EEZ 밖에 떨어졌다.", False),
    ("미사일은 EEZ 바깥으로 낙하한 것으로 보인다.", False),
    ("EEZ에 떨어졌는지는 확인되지 않았다.", None),
    ("미사일은 동해상에 떨어졌다.", None),
])
def test_eez_only_when_stated(extractor, text, inside):
    text = "북한이 오늘 탄도미사일 1발을 발사했다. " + text
    assert launch_of(extractor, text).inside_japan_eez is inside


def test_landing_area_is_where_it_fell_not_where_it_was_fired(extractor):
    fired = launch_of(extractor, "북한이 오늘 동해상으로 탄도미사일 1발을 발사했다.")
    assert fired.landing_area is None
    fell = launch_of(extractor, "북한이 오늘 탄도미사일 1발을 발사했다. "
                                "미사일은 울릉도 북쪽 해상에 낙하했다.")
    assert fell.landing_area == "울릉도 북쪽 해상"


def test_site_is_the_place_it_was_fired_from(extractor):
    launch = launch_of(extractor, "합참은 북한이 오늘 오전 평양 순안 일대에서 동해상으로 "
                                  "탄도미사일 1발을 발사했다고 밝혔다.")
    assert launch.launch_site == "평양 순안 일대"


# ---------------------------------------------------------------- dates and times

def test_day_of_month_resolves_against_the_publication_date(extractor):
    launch = launch_of(extractor, "합참은 북한이 28일 오후 동해상으로 탄도미사일을 발사했다고 밝혔다.",
                       "2023-07-02")
    assert launch.date_local == date(2023, 6, 28)


def test_an_announcement_date_is_not_the_launch_date(extractor):
    text = ("북한이 극초음속 미사일 시험발사에 성공했다고 조선중앙통신이 7일 보도했다. "
            "합참은 6일 정오께 북한이 동해상으로 발사한 탄도미사일 1발을 포착했다고 밝혔다.")
    launch = launch_of(extractor, text, "2023-06-07")
    assert launch.date_local == date(2023, 6, 6)
    assert launch.time_local == time(12, 0)


def test_a_day_of_the_month_with_no_publication_date_is_kept_as_a_hint(extractor):
    text = "합참은 북한이 28일 오후 11시 41분께 동해상으로 탄도미사일 1발을 발사했다고 밝혔다."
    launch = launch_of(extractor, text, None)
    assert launch.date_local is None
    assert launch.day_hint is not None and launch.day_hint.day == 28
    assert launch.day_hint.evidence is not None and launch.day_hint.evidence.text == "28일"


def test_yesterday_and_that_day(extractor):
    assert launch_of(extractor, "북한이 어제 동해상으로 미사일 1발을 쐈다.").date_local == \
        date(2023, 6, 14)
    text = "북한이 탄도미사일을 발사했다고 군이 10일 밝혔다. 북한은 이날 오전 7시 5분께 미사일을 발사했다."
    launch = launch_of(extractor, text)
    assert launch.date_local == date(2023, 6, 10) and launch.time_local == time(7, 5)


def test_seoul_times_move_to_pyongyang_time_between_2015_and_2018(extractor):
    text = "합참은 북한이 오늘 오전 7시 10분께 동해상으로 탄도미사일 1발을 발사했다고 밝혔다."
    assert launch_of(extractor, text, "2017-03-06").time_local == time(6, 40)
    assert launch_of(extractor, text, "2019-03-06").time_local == time(7, 10)


def test_a_stale_statement_recalls_an_earlier_launch(extractor):
    text = "북한이 지난 2일 동해상으로 탄도미사일 1발을 발사했다."
    assert not read(extractor, text, "2023-06-28").is_launch_report


@pytest.mark.parametrize("written,expected", [
    ("오전 5시 27분께", time(5, 27)),
    ("오후 0시 1분", time(12, 1)),
    ("오후 12시 33분쯤", time(12, 33)),
    ("새벽 3시 17분쯤", time(3, 17)),
    ("밤 11시 41분경", time(23, 41)),
    ("정오께", time(12, 0)),
    ("오전 4시쯤", time(4, 0)),
])
def test_clock_times(written, expected):
    sentence = read_sentences(f"북한은 {written} 미사일을 발사했다.", load_vocabulary())[0]
    assert [c.value for c in clock_mentions(sentence)] == [expected]


# ---------------------------------------------------------------- sources and evidence

def test_authorities_in_text_order(extractor):
    text = ("합동참모본부는 북한이 오늘 탄도미사일 1발을 발사했다고 밝혔다. "
            "일본 방위성은 미사일이 EEZ 밖에 떨어졌다고 밝혔다.")
    assert launch_of(extractor, text).reported_by == ["ROK JCS", "Japan MoD"]


def test_evidence_points_into_the_stored_text(extractor):
    text = "합참은 북한이 오늘 탄도미사일 1발을 발사했다고 밝혔다. 비행거리는 약 3천700㎞였다."
    launch = launch_of(extractor, text)
    assert launch.distance_km.value == 3700
    evidence = launch.evidence["distance_km"]
    assert text[evidence.start:evidence.end] == evidence.text
    assert "3천700㎞" in evidence.text
