"""Relative locations written in Japanese and Korean, read into a :class:`RelativePhrase`.

Japan's Ministry of Defense writes "奥尻島の西約250キロ" (place, の, direction, 約 "about",
figure, unit) and "襟裳岬東方の太平洋上" (a direction without a figure); the ROK Joint Chiefs
of Staff write "오쿠시리토 서쪽 200~250㎞", "울릉도 서북방 167㎞" and "NLL 이남 26㎞" (이남:
south of; 이북: north of).  The order is the reverse of English: the place comes first and the
figure last, so one pattern per language reads place, direction, qualifier, figure and unit.

* Text is NFKC-folded first: full-width digits and letters become ASCII, "㎞" becomes "km"
  and "～" becomes "~".  Figures may carry 千/천 and 万/만 ("3千700" = 3700).
* Direction words are the compass's characters, 北南東西 and 북남동서, one to three of them,
  with a suffix (方, 方向, 側; 쪽, 방, 방향, 편, 측) or not.  Two characters name an
  intercardinal point whichever comes first (東北 and 北東, 동북 and 북동: northeast); three
  name a sixteen-point one ("東北東", "동북동": east-northeast).
* 沖 and 앞바다/근해 are "off the coast of": a direction given with them ("北海道西方沖") is
  the wider sector of "off the west coast of".
* Qualifiers before the figure (約, 最大, 약, 최대, ...) and after it (程度, 以上, 여, 이상, ...)
  are the extractor's words (:mod:`launchwatch.extract.cjk_numbers`), mapped to the same
  canonical qualifiers as English.

:func:`place_candidates` gives the names a place phrase may be looked up under, most specific
first: reports put the wider place before the narrower one ("北海道奥尻島", "秋田県・男鹿半島",
"일본 홋카이도 오시마 반도"), so the last segment and its longest known tail come first.
"""

from __future__ import annotations

import re
import unicodedata

from ..units import CJK_QUALIFIERS_AFTER, CJK_QUALIFIERS_BEFORE, HANGUL_SYLLABLES, KANA_KANJI
from .relative_phrase import RelativePhrase

_CJK = re.compile(f"[{KANA_KANJI}{HANGUL_SYLLABLES}]")
_HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]")

_UNITS: dict[str, str] = {
    "km": "km", "キロメートル": "km", "キロ": "km", "킬로미터": "km", "킬로": "km",
    "海里": "nautical miles", "해리": "nautical miles", "マイル": "miles", "마일": "miles",
}
_WINDS = {"北": "north", "南": "south", "東": "east", "西": "west",
          "북": "north", "남": "south", "동": "east", "서": "west"}
# "NLL 이남 26㎞": south (north, east, west) of.
_BEYOND = {"이남": "south", "이북": "north", "이동": "east", "이서": "west"}


def _alternatives(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NUMBER = r"\d[\d,]*(?:\.\d+)?(?:[万만](?:\d[\d,]*)?)?(?:[千천]\d*)?"
_FIGURE = (rf"(?:(?P<before>{_alternatives(CJK_QUALIFIERS_BEFORE)})\s*)?"
           rf"(?P<number>{_NUMBER})\s*"
           rf"(?:(?:~|-|から|에서)\s*(?P<high>{_NUMBER})\s*)?(?P<mid>余|여)?\s*"
           rf"(?P<unit>{_alternatives(_UNITS)})"
           rf"(?:\s*(?P<after>{_alternatives(CJK_QUALIFIERS_AFTER)}))?")
_JA_WIND = r"(?P<wind>[北南東西]{1,3})"
_KO_WIND = rf"(?:(?P<wind>[북남동서]{{1,3}})(?:쪽|방향|방|편|측)?|(?P<beyond>{_alternatives(_BEYOND)}))"

_JA_STATED = re.compile(
    rf"(?P<place>[^、。,]+?)(?:の|から)?\s*(?:{_JA_WIND}(?:方向|方|側)?)?(?P<off>沖合?)?"
    rf"(?:へ|に|の)?\s*{_FIGURE}")
_KO_STATED = re.compile(
    rf"(?P<place>[^,.]+?)\s*(?:{_KO_WIND})?\s*(?P<off>앞바다|근해)?\s*(?:으로|로|에서)?\s*"
    rf"{_FIGURE}")
# Without a figure: "襟裳岬東方の太平洋上", "北海道西方沖", "島根県沖", "홋카이도 동쪽 해상".
_JA_BARE = re.compile(
    rf"(?P<place>[^、。,]+?)(?:の)?(?:{_JA_WIND}(?:方向|方|側)(?P<off1>沖合?)?|(?P<off>沖合?))")
_KO_BARE = re.compile(
    rf"(?P<place>[^,.]+?)\s*(?:(?P<wind>[북남동서]{{1,3}})(?:쪽|방향|방|편|측)"
    rf"|\s(?P<beyond>{_alternatives(_BEYOND)})(?!\S)|(?P<off>앞바다|근해))")

# What a place phrase carries around the name: particles, "at sea", "waters", "vicinity".
_TRAILING_WORDS = ("の", "에서", "으로", "로", "에", "상공", "上空", "해상", "海上", "해역", "海域",
                   "수역", "水域", "付近", "周辺", "일대", "인근", "부근", "近海", "상", "上", " ")
_SEPARATORS = re.compile(r"[\s、。,・·()（）「」『』\[\]]+|の|に当たる|にあたる")


def is_cjk(text: str) -> bool:
    """Whether the text is written (at least partly) in Japanese or Korean script."""
    return _CJK.search(text) is not None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("〜", "~").strip()


def arabic(figure: str) -> str:
    """A figure with 千/천 and 万/만 written out in digits: "3千700" -> "3700", "1万" ->
    "10000"; a plain figure as it is ("1,180")."""
    if not re.search(r"[千천万만]", figure):
        return figure
    value = 0.0
    rest = figure.replace(",", "")
    for mark, scale in (("万", 10_000), ("만", 10_000), ("千", 1_000), ("천", 1_000)):
        if mark in rest:
            head, rest = rest.split(mark, 1)
            value += float(head or 1) * scale
    value += float(rest) if rest else 0.0
    return f"{value:g}" if value != int(value) else str(int(value))


def compass_word(characters: str) -> str | None:
    """"西" -> "west", "北東"/"東北"/"동북" -> "northeast", "東北東"/"동북동" ->
    "east-northeast"; None for anything else."""
    words = [_WINDS.get(c) for c in characters]
    if not words or None in words or len(words) > 3:
        return None

    def pair(first: str, second: str) -> str | None:
        if first in ("north", "south") and second in ("east", "west"):
            return first + second
        if first in ("east", "west") and second in ("north", "south"):
            return second + first
        return None

    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return pair(*words)  # type: ignore[arg-type]
    tail = pair(words[1], words[2])  # type: ignore[arg-type]
    return None if tail is None else f"{words[0]}-{tail}"


def parse(text: str) -> RelativePhrase | None:
    """The relative location a Japanese or Korean phrase states, or None when it states no
    direction ("約250キロの海域" is a distance flown, not a position) or is not CJK."""
    folded = _fold(text)
    if not is_cjk(folded):
        return None
    korean = _HANGUL.search(folded) is not None
    stated = (_KO_STATED if korean else _JA_STATED).search(folded)
    if stated is not None:
        phrase = _phrase(stated, with_figure=True)
        if phrase is not None:
            return phrase
    bare = (_KO_BARE if korean else _JA_BARE).search(folded)
    return None if bare is None else _phrase(bare, with_figure=False)


def _phrase(match: re.Match, *, with_figure: bool) -> RelativePhrase | None:
    groups = match.groupdict()
    wind = compass_word(groups["wind"]) if groups.get("wind") else None
    if groups.get("wind") and wind is None:
        return None
    if groups.get("beyond"):
        wind = _BEYOND[groups["beyond"]]
    off = bool(groups.get("off") or groups.get("off1"))
    place = groups["place"].strip()
    if not place or (wind is None and not off):
        return None
    if not with_figure:
        return RelativePhrase(place=place, wind=None if off else wind,
                              coast_wind=wind if off else None, off_coast=off)
    qualifier = None
    for word, table in ((groups.get("before"), CJK_QUALIFIERS_BEFORE),
                        (groups.get("after"), CJK_QUALIFIERS_AFTER),
                        (groups.get("mid"), CJK_QUALIFIERS_AFTER)):
        if word:
            qualifier = qualifier or table[word]
    return RelativePhrase(place=place, number=arabic(groups["number"]),
                          number_high=arabic(groups["high"]) if groups.get("high") else None,
                          unit=_UNITS[groups["unit"]], qualifier=qualifier,
                          wind=None if off else wind, coast_wind=wind if off else None,
                          off_coast=off)


def place_candidates(text: str) -> list[str]:
    """Names to look a CJK place phrase up under, most specific first (module docstring):
    "北海道奥尻島" -> [..., "奥尻島", ...], "일본 홋카이도 오시마 반도" -> [..., "오시마 반도",
    ...], "동해상" -> ["동해상", "동해"]."""
    folded = _fold(text)
    found: list[str] = []

    def add(name: str) -> None:
        name = name.strip()
        if len(name) >= 2 and name not in found:
            found.append(name)
        # Each word a report wraps the name in, one at a time and the shortest first:
        # "동해상" is "동해" + "상" (not "동" + "해상"), "日本海上" is "日本海" + "上".
        for suffix in sorted(_TRAILING_WORDS, key=len):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                add(name[:-len(suffix)])

    segments = [s for s in _SEPARATORS.split(folded) if s and s.strip()]
    words = folded.split()
    # Several words (Korean): the tails of two or more words first ("오시마 반도").
    for start in range(len(words) - 1):
        add(" ".join(words[start:]))
    for segment in reversed(segments):
        for start in range(len(segment) - 1):
            add(segment[start:])
    add(folded)
    return found
