"""Japanese and Korean text made plain for the rules: widths, units and number forms.

The same figure is written many ways in Japanese and Korean reports: "２５０ｋｍ", "250㎞",
"約250キロ", "250킬로미터"; "3千700キロ", "3천700㎞"; "1万メートル"; "二発", "두 발".  The rules
are written for one form: ASCII digits, the unit "km", counts in digits.  :func:`normalise_cjk`
rewrites the text into that form through the English document stage's rewrite machinery
(:func:`.page.rewrite`), so the offset map is carried along and every evidence span still points
into the text as stored.

Then :func:`figures` finds the quantities of the plain text: lengths in km and durations in
seconds, each with its span and the qualifier its words give (約 / 程度 / 以上 / 少なくとも /
약 / 여 / 이상 / 최소 ...).  Both languages' readers use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from ..model import Qualifier
from ..units import CJK_QUALIFIERS_AFTER, CJK_QUALIFIERS_BEFORE
from .page import Normalised, Replacement, normalise, rewrite

# ---------------------------------------------------------------- widths and compatibility forms

# Blocks where NFKC changes characters reports use: full-width ASCII and half-width kana
# (U+FF00-U+FFEF), the CJK compatibility squares ("㎞", "㌔", U+3300-U+33FF), circled numbers
# and letter-like symbols (U+2000-U+32FF).
_COMPATIBILITY_BLOCKS = ((0x2000, 0x33FF), (0xFF00, 0xFFEF))
# Wave dashes write a span ("200〜250キロ"); NFKC keeps them, the rules read "~".
_DASHES = {"\u301c": "~", "\u223c": "~", "\u2053": "~"}


@lru_cache(maxsize=1)
def _compatibility_pattern() -> re.Pattern[str]:
    """One character class of every character of those blocks that NFKC changes."""
    changed = [chr(code) for low, high in _COMPATIBILITY_BLOCKS for code in range(low, high + 1)
               if unicodedata.normalize("NFKC", chr(code)) != chr(code)]
    return re.compile("[" + "".join(re.escape(c) for c in [*changed, *_DASHES]) + "]")


def _compatible(match: re.Match[str]) -> str:
    char = match.group()
    return _DASHES.get(char) or unicodedata.normalize("NFKC", char)


# ---------------------------------------------------------------- units

_UNITS: list[tuple[re.Pattern[str], Replacement]] = [
    # "キロ" alone is the kilometre in reports; not "キログラム" or "キロワット".
    (re.compile(r"キロ・?メートル|キロ(?!グラム|ワット|カロリー|バイト)"), "km"),
    (re.compile(r"킬로미터|킬로(?!그램|와트|바이트)"), "km"),
]

# ---------------------------------------------------------------- number forms

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1_000, "万": 10_000,
                "십": 10, "백": 100, "천": 1_000, "만": 10_000}
_SMALL = {"十": 10, "百": 100, "千": 1_000, "십": 10, "백": 100, "천": 1_000}
# Korean native numerals, which count missiles: "두 발", "세 차례".
_NATIVE = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
           "아홉": 9, "열": 10}

# Digits with written multipliers: "3千700", "1万2千", "1.5万", "3천700", "1만".
_MIXED = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?:[万千百만천백]\d*(?:\.\d+)?)+")
# Kanji numerals only before a counter or a unit: in words they are part of names ("九州",
# "一時的", "統一") and must stay.
_KANJI_COUNTED = re.compile(
    r"(?<![一二三四五六七八九十百千万〇数第])[一二三四五六七八九十百千〇]"
    r"[一二三四五六七八九十百千万〇]*(?=発|基|回|度|隻|機|カ所|か所|km|メートル|分間|時間|秒)")
_NATIVE_COUNTED = re.compile(r"(?<![가-힣])(다섯|여섯|일곱|여덟|아홉|한|두|세|네|열)(?=\s?(?:발|기|차례|번)"
                             r"(?![가-힣]{2}))")


def _number_value(text: str) -> float:
    """The value of a number written with digits, kanji numerals and multipliers:
    "3千700" -> 3700, "1万2千" -> 12000, "二十" -> 20, "3천700" -> 3700."""
    total = 0.0      # completed groups of ten thousand
    group = 0.0      # the part below 10,000 being read
    current = ""     # digits read since the last multiplier
    for char in text:
        if char.isdigit() or char == ".":
            current += char
        elif char in _KANJI_DIGITS:
            current += str(_KANJI_DIGITS[char])
        elif char in _SMALL:
            group += (float(current) if current else 1.0) * _SMALL[char]
            current = ""
        elif char in ("万", "만"):
            total += (group + (float(current) if current else 0.0) or 1.0) * 10_000
            group, current = 0.0, ""
    return total + group + (float(current) if current else 0.0)


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


_NUMBER_FORMS: list[tuple[re.Pattern[str], Replacement]] = [
    (_MIXED, lambda m: _digits(_number_value(m.group()))),
    (_KANJI_COUNTED, lambda m: _digits(_number_value(m.group()))),
    (_NATIVE_COUNTED, lambda m: str(_NATIVE[m.group()])),
]


def normalise_cjk(original: str) -> Normalised:
    """``original`` with the English stage's typography rewrites, then NFKC on compatibility
    characters, units written "km" and numbers written in digits; the offset map of the result
    points into ``original``."""
    norm = normalise(original)
    return rewrite(norm, [(_compatibility_pattern(), _compatible), *_UNITS, *_NUMBER_FORMS])


# ---------------------------------------------------------------- quantities

# The qualifier words are the units module's, which geo's relative phrases read too.
_BEFORE = re.compile("(?:" + "|".join(sorted(map(re.escape, CJK_QUALIFIERS_BEFORE), key=len,
                                             reverse=True)) + r")\s?$")
_AFTER = re.compile(r"^\s?(?:" + "|".join(sorted(map(re.escape, CJK_QUALIFIERS_AFTER),
                                                  key=len, reverse=True)) + ")")

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A length: "250km", "約 250 km", "200~250km", "700여km".
_LENGTH = re.compile(rf"(?P<low>{_NUMBER})\s?(?:[~\-]|から|∼)\s?(?P<high>{_NUMBER})\s?"
                     rf"(?P<inner>여)?\s?km|(?P<value>{_NUMBER})\s?(?P<inner2>여)?\s?km")
# A duration: "約40分", "1時間11分", "71分間", "4時間", "1시간 11분", "40여 분", "30秒".
_DURATION = re.compile(
    rf"(?:(?P<h>{_NUMBER})\s?(?:時間|시간)\s?)?(?:(?P<m>{_NUMBER})\s?(?P<inner>여)?\s?(?:分|분)"
    rf"(?:間)?\s?)?(?:(?P<s>{_NUMBER})\s?(?:秒|초))?")


@dataclass(frozen=True)
class CjkFigure:
    """A quantity of the plain text: ``value`` in ``unit`` ("km" or "s"), its character span,
    and the qualifier its words give; a span ("200~250km") has ``low`` and ``high`` and its
    value is the high end (the labels' convention: the largest value)."""

    value: float
    unit: str
    start: int
    end: int
    qualifier: Qualifier | None = None
    low: float | None = None
    high: float | None = None


def number(text: str) -> float:
    """"1,100" -> 1100.0."""
    return float(text.replace(",", ""))


def qualifier_around(text: str, start: int, end: int) -> Qualifier | None:
    """The qualifier written just before ``text[start:end]`` or just after it."""
    before = _BEFORE.search(text[max(0, start - 6):start])
    if before:
        return cast(Qualifier, CJK_QUALIFIERS_BEFORE[before.group().strip()])
    after = _AFTER.match(text[end:end + 6])
    if after:
        return cast(Qualifier, CJK_QUALIFIERS_AFTER[after.group().strip()])
    return None


def figures(text: str) -> list[CjkFigure]:
    """Every length (km) and duration (s) of the normalised text, in text order."""
    found: list[CjkFigure] = []
    for match in _LENGTH.finditer(text):
        if match.group("value") is not None:
            value = number(match.group("value"))
            low = high = None
        else:
            low, high = number(match.group("low")), number(match.group("high"))
            value = max(low, high)
        qualifier = qualifier_around(text, match.start(), match.end())
        if qualifier is None and (match.group("inner") or match.group("inner2")):
            qualifier = "about"
        found.append(CjkFigure(value, "km", match.start(), match.end(), qualifier, low, high))
    for match in _DURATION.finditer(text):
        if not match.group() or not any(match.group(k) for k in ("h", "m", "s")):
            continue
        # "午前7時39分": a clock time, not a duration; the hour there is "時", not "時間".
        if match.group("h") is None and match.start() > 0 and text[match.start() - 1] == "時":
            continue
        seconds = sum(number(match.group(k)) * factor for k, factor in
                      (("h", 3600), ("m", 60), ("s", 1)) if match.group(k))
        end = match.end()
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        qualifier = qualifier_around(text, match.start(), end) or \
            ("about" if match.group("inner") else None)
        found.append(CjkFigure(seconds, "s", match.start(), end, qualifier))
    found.sort(key=lambda f: f.start)
    return found
