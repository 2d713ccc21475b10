"""A Japanese MoD release, a Korean JCS statement and an English wire story of one launch fuse
into one event; each claim keeps the language of the report it came from.  The reports are
written for these tests in the style of each source."""

from __future__ import annotations

from datetime import date, time

from launchwatch.events import fuse
from launchwatch.events.matching import (_undated_gap_min, _watching_shift_min, cluster,
                                         compatible, launch_site, same_launch_day)
from launchwatch.model import DayHint, Report

from .helpers import at, evidence, launch, ref

DAY = date(2022, 10, 4)
JA = ("防衛省発表:北朝鮮は本日午前7時22分ごろ、北朝鮮内陸部から弾道ミサイル1発を東方向に発射した。"
      "最高高度は約1000キロ、約4600キロ飛翔し、日本の上空を通過して太平洋に落下したと推定される。")
KO = ("합참은 북한이 오늘 오전 7시 23분께 자강도 무평리 일대에서 동해상으로 중거리탄도미사일 "
      "1발을 발사했다고 밝혔다. 비행거리는 약 4500여㎞, 고도는 약 970㎞로 탐지됐다.")
EN = ("North Korea fired an intermediate-range ballistic missile over Japan at 7:23 a.m., "
      "the JCS said. It flew about 4,600 km at an apogee of about 1,000 km.")


def _report(name: str, text: str, language: str) -> Report:
    return Report(source=f"{name}.txt", text=text, publisher=name, published=at(9, day=DAY),
                  language=language)


def _ref(source: Report, ordinal: int = 0, **fields):
    made = ref(source, launch(date_local=DAY, **fields), ordinal)
    return made.__class__(launch_id=made.launch_id, ordinal=made.ordinal, launch=made.launch,
                          report=made.report.__class__(**{**made.report.__dict__,
                                                          "language": source.language}))


def _three():
    ja, ko, en = _report("mod", JA, "ja"), _report("jcs", KO, "ko"), _report("wire", EN, "en")
    return [
        _ref(ja, time_local=time(7, 22), missile_class="IRBM", count=1, distance_km=4600,
             apogee_km=1000, landing_area="太平洋", reported_by=["Japan MoD"],
             evidence={"distance_km": evidence(JA, "約4600キロ")}),
        _ref(ko, time_local=time(7, 23), missile_class="IRBM", count=1, distance_km=4500,
             apogee_km=970, launch_site="자강도 무평리 일대", reported_by=["ROK JCS"],
             evidence={"distance_km": evidence(KO, "약 4500여㎞"),
                       "launch_site": evidence(KO, "자강도 무평리 일대")}),
        _ref(en, time_local=time(7, 23), missile_class="IRBM", distance_km=4600,
             apogee_km=1000, launch_site="Mupyong-ni", reported_by=["ROK JCS"],
             evidence={"distance_km": evidence(EN, "about 4,600 km")}),
    ]


def test_three_languages_are_one_launch():
    refs = _three()
    assert all(compatible(a, b) for a in refs for b in refs if a is not b)
    assert len(cluster(refs)) == 1


def test_a_korean_site_phrase_is_placed_by_its_korean_name():
    _, korean, english = _three()
    assert launch_site(korean).name == launch_site(english).name == "Mupyong-ni Arms Plant"


def test_a_korean_site_far_from_the_english_one_tells_launches_apart():
    ko = _report("jcs", KO.replace("자강도 무평리", "함경남도 신포"), "ko")
    en = _report("wire", EN, "en")
    far = [_ref(ko, time_local=time(7, 23), launch_site="함경남도 신포 일대"),
           _ref(en, time_local=time(7, 23), launch_site="Mupyong-ni")]
    assert not compatible(*far)
    assert len(cluster(far)) == 2


def test_each_claim_keeps_its_report_language_and_evidence():
    event = fuse("KP-2022-10-04-1", "North Korea", DAY, _three())
    distance = event.fields["distance_km"].claims
    assert {c.language for c in distance} == {"ja", "ko", "en"}
    texts = {"ja": JA, "ko": KO, "en": EN}
    for claim in distance:
        span = claim.evidence
        assert texts[claim.language][span.start:span.end] == span.text


def test_an_undated_japanese_time_is_read_on_seoul_and_tokyo_clocks_in_pyongyang_time():
    # 2016: North Korea kept UTC+8:30; an undated Japanese "午前9時31分" is 09:01 there.
    assert _watching_shift_min("North Korea", date(2016, 2, 7)) == 30
    assert _watching_shift_min("North Korea", date(2022, 10, 4)) == 0
    assert _watching_shift_min("Iran", date(2016, 2, 7)) == 0
    day = date(2016, 2, 7)
    dated = ref(_report("wire", EN, "en"), launch(date_local=day, time_local=time(9, 1)))
    undated = ref(_report("mod", JA, "ja"), launch(date_local=None, time_local=time(9, 31)))
    assert _undated_gap_min(undated, dated, 30) == 0
    assert _undated_gap_min(undated, dated, 0) == 30


def test_an_undated_japanese_report_joins_its_day_on_name_figures_and_clock():
    day = date(2016, 9, 5)
    wire = _report("wire", EN, "en")
    dated = [ref(wire, launch(date_local=day, time_local=time(11, 44), missile_name="Nodong",
                              distance_km=1000, missile_class="MRBM"))]
    mod = Report(source="mod.txt", text=JA, language="ja")
    undated = ref(mod, launch(date_local=None, time_local=time(12, 13), missile_name="Nodong",
                              distance_km=1000, missile_class="IRBM"))
    # No publication date and no day stated: three facts are needed; the name and the clock
    # (12:13 JST = 11:43 PYT) are two, and a round 1,000 km only half of one.
    assert same_launch_day(undated, dated) is None
    # "5日" narrows the days to a few dozen: two facts will do.
    on_the_fifth = undated.launch.model_copy(update={"day_hint": DayHint(day=5)})
    assert same_launch_day(ref(mod, on_the_fifth), dated) == day
    on_the_sixth = undated.launch.model_copy(update={"day_hint": DayHint(day=6)})
    assert same_launch_day(ref(mod, on_the_sixth), dated) is None
