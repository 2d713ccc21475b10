"""Japanese and Korean relative locations: read into the English parser's form, resolved by the
same geometry.  The phrases are written for these tests in the style of the Japan Ministry of
Defense and the ROK Joint Chiefs of Staff."""

from __future__ import annotations

import pytest

from launchwatch.errors import GeoError
from launchwatch.geo.geodesy import distance_km
from launchwatch.geo.relative import read_phrase, resolve_relative, states_offset
from launchwatch.geo.relative_cjk import arabic, compass_word, parse, place_candidates
from launchwatch.geo.relative_phrase import RelativePhrase

SUNAN = (39.2239, 125.67)


@pytest.mark.parametrize("text, expected", [
    ("奥尻島の西約250キロ",
     RelativePhrase(place="奥尻島", number="250", qualifier="about", wind="west")),
    ("襟裳岬の東約1180キロの太平洋",
     RelativePhrase(place="襟裳岬", number="1180", qualifier="about", wind="east")),
    ("佐渡島から北西に約300km程度",
     RelativePhrase(place="佐渡島", number="300", qualifier="about", wind="northwest")),
    ("能登半島の北北東３５０ｋｍ以上の海域",
     RelativePhrase(place="能登半島", number="350", qualifier="at least",
                    wind="north-northeast")),
    ("NLL 이남 26㎞ 지점",
     RelativePhrase(place="NLL", number="26", wind="south")),
    ("오쿠시리토 서쪽 200~250㎞",
     RelativePhrase(place="오쿠시리토", number="200", number_high="250", wind="west")),
    ("울릉도 동북방 약 120㎞ 해상",
     RelativePhrase(place="울릉도", number="120", qualifier="about", wind="northeast")),
    ("홋카이도 오시마 반도 서쪽으로 150여㎞",
     RelativePhrase(place="홋카이도 오시마 반도", number="150", qualifier="about",
                    wind="west")),
    ("北海道西方沖", RelativePhrase(place="北海道", coast_wind="west", off_coast=True)),
    ("襟裳岬東方の太平洋上", RelativePhrase(place="襟裳岬", wind="east")),
    ("홋카이도 동쪽 해상", RelativePhrase(place="홋카이도", wind="east")),
])
def test_phrases_read_into_the_english_form(text, expected):
    assert parse(text) == expected
    assert read_phrase(text) == expected


def test_english_and_japanese_state_the_same_phrase_but_the_place():
    english = read_phrase("about 250 km west of Okushiri Island")
    japanese = read_phrase("奥尻島の西約250キロ")
    assert (english.number, english.qualifier, english.wind, english.unit) == \
        (japanese.number, japanese.qualifier, japanese.wind, japanese.unit)


@pytest.mark.parametrize("text", ["約250キロ飛翔した", "동해상", "日本海", "200㎞를 비행했다"])
def test_a_distance_or_a_place_alone_is_no_relative_location(text):
    assert parse(text) is None
    assert not states_offset(text)


@pytest.mark.parametrize("characters, word", [
    ("西", "west"), ("北東", "northeast"), ("東北", "northeast"), ("동북", "northeast"),
    ("서북", "northwest"), ("南南西", "south-southwest"), ("동북동", "east-northeast"),
    ("東西", None), ("北北北北", None)])
def test_compass_characters(characters, word):
    assert compass_word(characters) == word


@pytest.mark.parametrize("figure, digits", [("3千700", "3700"), ("1万", "10000"),
                                            ("3천700", "3700"), ("1,180", "1,180")])
def test_figures_with_thousands_characters(figure, digits):
    assert arabic(figure) == digits


def test_the_narrow_place_comes_before_the_wide_one():
    # The tails of the last segment: the island, never the prefecture before it.
    assert "奥尻島" in place_candidates("北海道奥尻島")
    assert "北海道" not in place_candidates("北海道奥尻島")
    assert place_candidates("秋田県・男鹿半島")[0] == "男鹿半島"
    assert "오시마 반도" in place_candidates("일본 홋카이도 오시마 반도")
    assert place_candidates("동해상")[:2] == ["동해상", "동해"]
    assert place_candidates("日本海上")[:2] == ["日本海上", "日本海"]


@pytest.mark.parametrize("japanese, korean, english", [
    ("奥尻島の西約250キロ", "오쿠시리섬 서쪽 약 250㎞", "about 250 km west of Okushiri Island"),
    ("襟裳岬の東約1180キロ", "에리모곶 동쪽 약 1180㎞", "about 1,180 km east of Cape Erimo"),
    ("男鹿半島の西約350キロ", "오가 반도 서쪽 약 350㎞", "about 350 km west of the Oga Peninsula"),
])
def test_three_languages_resolve_to_one_point(japanese, korean, english):
    points = [resolve_relative(text, launch_site=SUNAN, toward=SUNAN)
              for text in (japanese, korean, english)]
    assert {p.anchor.name for p in points} == {points[2].anchor.name}
    for point in points[:2]:
        assert distance_km(point.lat_deg, point.lon_deg, points[2].lat_deg,
                           points[2].lon_deg) < 1.0
        assert point.qualifier == "about"


def test_okushiri_west_lands_in_the_sea_of_japan():
    located = resolve_relative("北海道奥尻島の西約250キロの日本海", launch_site=SUNAN)
    assert located.anchor.name == "Okushiri Island"
    assert located.distance_km == 250.0
    assert (located.distance_low_km, located.distance_high_km) == (245.0, 255.0)
    assert located.zone().sea == "Sea of Japan"
    assert 135.0 < located.lon_deg < 137.5


def test_a_span_is_the_interval_of_its_two_figures():
    located = resolve_relative("오쿠시리토 서쪽 200~250㎞")
    assert located.distance_km == 225.0
    # "200" is rounded to 20 (+-10), "250" to 10 (+-5): units.rounding_half_width.
    assert located.distance_low_km == 190.0 and located.distance_high_km == 255.0


def test_south_of_the_northern_limit_line_is_south_of_it_with_its_length_as_uncertainty():
    located = resolve_relative("NLL 이남 26㎞ 공해상")
    assert located.anchor.kind == "line"
    assert located.bearing_deg == pytest.approx(180.0)
    assert located.lat_deg < located.anchor.lat_deg
    assert located.uncertainty_km > located.anchor.extent_km
    assert located.zone().surface == "sea"


def test_a_korean_sea_name_alone_is_the_sea():
    assert resolve_relative("동해상").anchor.name == "Sea of Japan"
    assert resolve_relative("서해상").anchor.name == "Yellow Sea"
    assert resolve_relative("日本海").anchor.name == "Sea of Japan"


def test_a_region_only_when_nothing_narrower_is_named():
    assert resolve_relative("日本の東約3200キロ").anchor.name == "Japan"
    assert resolve_relative("日本の奥尻島の西約250キロ").anchor.name == "Okushiri Island"


def test_a_cjk_place_is_matched_exactly_not_fuzzily():
    with pytest.raises(GeoError, match="No place called"):
        resolve_relative("存在しない島の西約100キロ")


def test_states_offset_reads_japanese_and_korean():
    assert states_offset("奥尻島の西約250キロ")
    assert states_offset("울릉도 서북방 167㎞")
    assert not states_offset("襟裳岬東方の太平洋上")


def test_names_landmark_tells_a_point_from_a_sea_or_a_country():
    from launchwatch.geo import names_landmark

    for phrase in ("near Okushiri Island", "off the coast of Oga", "奥尻島の西",
                   "waters near Ulleung Island", "east of Hokkaido"):
        assert names_landmark(phrase), phrase
    for phrase in ("Sea of Japan", "日本海", "the Pacific Ocean", "off the east coast of Japan",
                   "east of the Korean Peninsula", "open waters"):
        assert not names_landmark(phrase), phrase
