"""The pieces every language's reader shares: language detection, the CJK normaliser and its
offset map, and the extractor's dispatch."""

from __future__ import annotations

import pytest

from launchwatch.extract import RuleExtractor
from launchwatch.extract.cjk_numbers import figures, normalise_cjk
from launchwatch.extract.language import detect_language, valid_language
from launchwatch.extract.languages import cjk_document, in_script
from launchwatch.model import Report


@pytest.mark.parametrize("text, language", [
    ("North Korea fired a ballistic missile into the sea on Tuesday.", "en"),
    ("北朝鮮は弾道ミサイルを発射した。", "ja"),
    ("북한이 동해상으로 탄도미사일을 발사했다.", "ko"),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_valid_language_names_what_it_knows():
    assert valid_language(" JA ") == "ja"
    with pytest.raises(ValueError, match="use one of"):
        valid_language("xx")


@pytest.mark.parametrize("written, plain", [
    ("２５０ｋｍ", "250km"),
    ("約3千700キロ", "約3700km"),
    ("1万2千キロメートル", "12000km"),
    ("250キロ・メートル", "250km"),
    ("弾道ミサイル二発", "弾道ミサイル2発"),
    ("3천700㎞", "3700km"),
    ("미사일 두 발", "미사일 2 발"),
    ("九州の一時的な", "九州の一時的な"),    # numerals inside words stay
    ("200〜250キロ", "200~250km"),
])
def test_normalise_cjk(written, plain):
    assert normalise_cjk(written).text == plain


def test_offsets_map_back_to_the_original():
    original = "距離は約３千７００キロ"
    document = cjk_document(original)
    start = document.text.index("3700")
    evidence = document.evidence(start, start + len("3700km"))
    assert evidence.text == "３千７００キロ"
    assert original[evidence.start:evidence.end] == evidence.text


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("約40分", 2400, "s", "about"),
    ("1時間11分間", 4260, "s", None),
    ("700km이상", 700, "km", "at least"),
    ("약 40여 분", 2400, "s", "about"),
    ("少なくとも500km", 500, "km", "at least"),
])
def test_figures_and_qualifiers(text, value, unit, qualifier):
    found = figures(text)
    assert [(f.value, f.unit, f.qualifier) for f in found] == [(value, unit, qualifier)]


def test_clock_times_are_not_durations():
    assert figures("午前7時39分ごろ") == []


def test_in_script_picks_each_languages_phrases():
    phrases = ["Sea of Japan", "日本海", "동해", "ICBM"]
    assert in_script(phrases, "ja") == ["日本海"]
    assert in_script(phrases, "ko") == ["동해"]


def test_language_override_and_record():
    extractor = RuleExtractor()
    text = "北朝鮮は弾道ミサイルを発射した。"
    assert extractor.extract(Report(source="a", text=text)).language == "ja"
    # --lang en: read with the English rules, which find no English statement in it
    forced = extractor.extract(Report(source="a", text=text, language="en"))
    assert forced.language == "en" and not forced.is_launch_report
    english = extractor.extract(Report(source="b", text="North Korea fired a missile."))
    assert english.to_record()["language"] == "en"
