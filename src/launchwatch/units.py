"""Units and the words around a reported figure: one rule each, used by every stage.

Reports state figures in their own units and words: "about 300 miles", "more than 1,000 km",
"47 minutes", "east-northeast".  Everything launchwatch computes is in km, s and degrees, so
each conversion, each qualifier word, the uncertainty a rounded figure implies and each compass
word is written here once.  This module imports nothing of the package.

* lengths: :data:`MILE_KM` is the international mile (1959 agreement: 1 yd = 0.9144 m exactly,
  so 1 mi = 1.609344 km); :data:`NAUTICAL_MILE_KM` the international nautical mile (1929:
  1 852 m exactly).  :func:`length_km` converts exactly; a caller that wants whole km rounds.
* durations: :func:`duration_s`.
* qualifiers: :func:`qualifier_of` maps the words before a figure ("approximately", "in excess
  of", "as far as") to the qualifier vocabulary of :class:`launchwatch.model.Quantity`;
  :data:`CJK_QUALIFIERS_BEFORE` and :data:`CJK_QUALIFIERS_AFTER` do so for Japanese and Korean.
* rounding: :func:`rounding_half_width` is the uncertainty a figure's own digits imply.
* compass words: :func:`compass_point`, :func:`azimuth_deg` and
  :func:`compass_half_width_deg` read "ENE", "east", "north-east" or "eastward".
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

__all__ = [
    "CJK_QUALIFIERS_AFTER",
    "CJK_QUALIFIERS_BEFORE",
    "COMPASS_POINTS",
    "HANGUL_SYLLABLES",
    "KANA_KANJI",
    "KM_PER_UNIT",
    "LOWER_BOUND_QUALIFIERS",
    "MILE_KM",
    "NAUTICAL_MILE_KM",
    "QUALIFIER_WORDS",
    "SECONDS_PER_UNIT",
    "UPPER_BOUND_QUALIFIERS",
    "azimuth_deg",
    "compass_half_width_deg",
    "compass_point",
    "duration_s",
    "length_km",
    "qualifier_of",
    "rounding_half_width",
    "time_rounding_half_width_s",
]

# ---------------------------------------------------------------- lengths and durations

MILE_KM = 1.609344
"""The international (statute) mile, km: exact since the 1959 yard-and-pound agreement."""

NAUTICAL_MILE_KM = 1.852
"""The international nautical mile, km: exact (International Hydrographic Conference, 1929)."""

KM_PER_UNIT: dict[str, float] = {
    "km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0,
    "kilometres": 1.0,
    "mile": MILE_KM, "miles": MILE_KM, "mi": MILE_KM,
    "nautical mile": NAUTICAL_MILE_KM, "nautical miles": NAUTICAL_MILE_KM,
    "nm": NAUTICAL_MILE_KM, "nmi": NAUTICAL_MILE_KM,
}
"""Length units as reports write them (lower case, words separated by one space) -> km."""

SECONDS_PER_UNIT: dict[str, float] = {
    "second": 1.0, "seconds": 1.0, "sec": 1.0, "secs": 1.0, "s": 1.0,
    "minute": 60.0, "minutes": 60.0, "min": 60.0, "mins": 60.0,
    "hour": 3600.0, "hours": 3600.0, "hr": 3600.0, "hrs": 3600.0,
}
"""Duration units as reports write them (lower case) -> seconds."""

_SPACES = re.compile(r"\s+")


def _unit_key(unit: str) -> str:
    return _SPACES.sub(" ", unit.strip().lower())


def length_km(value: float, unit: str) -> float:
    """``value`` in ``unit`` ("km", "miles", "nautical miles", "nmi", ...) as km, exactly."""
    try:
        return value * KM_PER_UNIT[_unit_key(unit)]
    except KeyError:
        raise ValueError(f"{unit!r} is not a length unit launchwatch knows; use one of "
                         f"{', '.join(sorted(KM_PER_UNIT))}.") from None


def duration_s(value: float, unit: str) -> float:
    """``value`` in ``unit`` ("minutes", "hr", "s", ...) as seconds."""
    try:
        return value * SECONDS_PER_UNIT[_unit_key(unit)]
    except KeyError:
        raise ValueError(f"{unit!r} is not a duration unit launchwatch knows; use one of "
                         f"{', '.join(sorted(SECONDS_PER_UNIT))}.") from None


# ---------------------------------------------------------------- qualifiers

QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "about": ("about", "around", "approximately", "approx", "approx.", "roughly", "some",
              "nearly", "almost", "an estimated", "estimated", "some estimated", "close to",
              "or so", "~"),
    "at least": ("at least", "a minimum of", "no less than", "not less than"),
    # "over" is "more than": one bound, one name (the record keeps "over" only where a file
    # format round-trips the word).
    "more than": ("more than", "over", "exceeding", "exceeded", "exceeds", "in excess of",
                  "above", "beyond", "upwards of", "greater than", "topping", ">"),
    "up to": ("up to", "as far as", "as much as", "as high as", "a maximum of", "at most",
              "no more than"),
    "less than": ("less than", "under", "just under", "below", "fewer than", "within", "<"),
    "exactly": ("exactly",),
}
"""Each qualifier of :class:`launchwatch.model.Quantity` and the words that state it."""

_QUALIFIER_BY_WORDS = {words: qualifier for qualifier, phrases in QUALIFIER_WORDS.items()
                       for words in phrases}

LOWER_BOUND_QUALIFIERS = frozenset({"at least", "more than", "over"})
"""Qualifiers that make the figure a floor: the truth lies at or above it."""

UPPER_BOUND_QUALIFIERS = frozenset({"up to", "less than"})
"""Qualifiers that make the figure a ceiling: the truth lies at or below it."""


def qualifier_of(words: str) -> str | None:
    """The qualifier the words before a figure state ("in excess of" -> "more than"), or
    None when they state none.  Case and runs of spaces do not matter."""
    return _QUALIFIER_BY_WORDS.get(_SPACES.sub(" ", words.strip().lower()))


#: Character ranges, for regular expressions, of the scripts Japanese and Korean names are
#: written in: kana and CJK ideographs; Hangul syllables.
KANA_KANJI = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
HANGUL_SYLLABLES = "\uac00-\ud7af"

CJK_QUALIFIERS_BEFORE: dict[str, str] = {
    "約": "about", "およそ": "about", "おおよそ": "about", "ほぼ": "about", "概ね": "about",
    "推定": "about", "少なくとも": "at least", "最低": "at least", "最大で": "up to",
    "最大": "up to",
    "약": "about", "대략": "about", "최소": "at least", "적어도": "at least", "최대": "up to",
}
"""Japanese and Korean words written before a figure ("約250キロ", "약 300㎞") -> qualifier."""

CJK_QUALIFIERS_AFTER: dict[str, str] = {
    "程度": "about", "前後": "about", "ほど": "about", "くらい": "about", "ぐらい": "about",
    "弱": "about", "強": "about", "余り": "more than", "あまり": "more than", "余": "more than",
    "超": "more than", "以上": "at least", "以内": "less than", "未満": "less than",
    "以下": "up to",
    "여": "about", "가량": "about", "정도": "about", "쯤": "about", "남짓": "about",
    "이상": "at least", "넘게": "more than", "이내": "less than", "미만": "less than",
    "이하": "up to",
}
"""Japanese and Korean words written after a figure, or between its number and its unit
("250キロ程度", "700여km") -> qualifier.  The extractor's figures and geo's "west of a
place" phrases read the same words, so they are kept here, below both."""


# ---------------------------------------------------------------- rounding

def rounding_half_width(value: float, text: str | None = None, *,
                        max_fraction: float = 0.1) -> float:
    """Half the rounding step a reported figure's digits imply, in the figure's unit.

    A figure written with decimals (KCNA's 3,724.9 km) is good to half its last digit; ``text``,
    the figure as written, decides how many decimals it has ("2.50" -> 0.005), else the
    shortest form of ``value``.  A whole figure is taken as rounded to the largest step of
    1, 2 or 5 x 10^k that divides it and is at most ``max_fraction`` (10 %) of it:
    1 000 -> step 100 (+-50), 6 000 -> 500 (+-250), 700 -> 50 (+-25), 250 -> 10 (+-5),
    2 111 -> 1 (+-0.5).

    Why this rule (physics had it; geo read "250" as rounded to 50 and capped the half-width,
    not the step, at 10 %, "250" +-25, "1,000" +-100): physics-methods.md a2 reads the rounded
    main-column apogees of 2023-07-12 (6 000 km for KCNA's 6 648.4) and 2024-10-31 (7 000 km
    for 7 687.5) as too low for their flight times.  Half-widths of 10 % (+-600, +-700) make
    both consistent with their times; half-widths of at most 5 % keep them flagged.  And the
    last significant digit of "250" is the tens: 245-255 km.  A caller who knows that a source
    rounds more coarsely (Japan's Ministry of Defense writes ranges to 50 km) passes its own
    half-width.
    """
    if value is None or not math.isfinite(value) or value <= 0:
        return 0.0
    value = float(value)
    digits = text.replace(",", "").strip() if text else ""
    if "." in digits and digits.split(".", 1)[1].isdigit():
        return 0.5 * 10.0 ** -len(digits.split(".", 1)[1])
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0:
        return 0.5 * 10.0 ** exponent
    whole = int(round(value))
    best = 1
    k = 1
    while k <= whole:
        for multiple in (1, 2, 5):
            step = multiple * k
            if step <= max_fraction * value and whole % step == 0:
                best = max(best, step)
        k *= 10
    return 0.5 * best


def time_rounding_half_width_s(flight_time_s: float, *, max_fraction: float = 0.1) -> float:
    """As :func:`rounding_half_width`, but a whole number of minutes is taken as rounded in
    minutes ("about 45 min" = 2 700 s -> +-30 s; KCNA's 4 052 s -> +-1 s)."""
    if flight_time_s is None or flight_time_s <= 0:
        return 0.0
    if float(flight_time_s).is_integer() and int(flight_time_s) % 60 == 0:
        return 60.0 * rounding_half_width(flight_time_s / 60.0, max_fraction=max_fraction)
    return rounding_half_width(flight_time_s, max_fraction=max_fraction)


# ---------------------------------------------------------------- compass words

COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW",
                  "W", "WNW", "NW", "NNW")
"""The sixteen points of the compass, clockwise from north, 22.5 degrees apart."""

_LETTER_WORDS = {"N": "north", "E": "east", "S": "south", "W": "west"}


def _spelled(point: str) -> str:
    """'NNE' -> 'northnortheast' (spaces and hyphens removed, as :func:`_compass_key` does)."""
    return "".join(_LETTER_WORDS[letter] for letter in point)


_POINT_BY_WORD = {_spelled(point): point for point in COMPASS_POINTS}
_WARD = re.compile(r"wards?$")
_SEPARATORS = re.compile(r"[\s\-]+")


def compass_point(text: str | None, *, abbreviations: bool = True) -> str | None:
    """The compass point ('ENE') that a word names, or None.

    Reads the spelled forms with or without hyphens or spaces ('east-northeast',
    'north east', 'northeast'), the '-ward(s)' forms ('eastward', 'northeastwards') and, unless
    ``abbreviations`` is False, the abbreviations in any case ('ENE', 'ne') — which a caller
    reading running text turns off, since 'E' or 'S' alone is rarely a direction there.
    """
    if not text:
        return None
    word = text.strip()
    if abbreviations and word.upper() in COMPASS_POINTS:
        return word.upper()
    key = _SEPARATORS.sub("", _WARD.sub("", word.lower()))
    return _POINT_BY_WORD.get(key)


def azimuth_deg(text: str | None) -> float | None:
    """A compass word ('ENE', 'east', 'north-east', 'eastward') as an azimuth, degrees
    clockwise from north; None for anything else."""
    point = compass_point(text)
    return None if point is None else COMPASS_POINTS.index(point) * 22.5


def compass_half_width_deg(text: str | None) -> float | None:
    """Half the spacing of the compass a word belongs to: 22.5 degrees for the eight
    principal winds ('west', 'NW'), 11.25 for the sixteen-point ones ('west-northwest')."""
    point = compass_point(text)
    if point is None:
        return None
    return 11.25 if len(point) == 3 else 22.5
