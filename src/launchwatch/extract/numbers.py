"""Numbers as reports write them: "1,000", "6,518.2", "eight", "a dozen"; lengths in km.

The factors themselves are :mod:`launchwatch.units`'s.
"""

from __future__ import annotations

import re

from ..units import length_km
from .lexicon import load_lexicon

_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """The value of a numeral or number word, or None when it is not a number."""
    cleaned = text.strip().lower()
    if _NUMERIC.match(cleaned):
        return float(cleaned.replace(",", ""))
    words = load_lexicon().cues["number_words"]
    if cleaned in words and cleaned not in {"a", "an"}:
        return float(words[cleaned])
    return None


def length_in_km(value: float, unit: str) -> float:
    """A reported length in km; miles and nautical miles are rounded to whole km, as desks
    round a converted figure (a report's "300 miles" is no more precise than 483 km)."""
    km = length_km(value, unit)
    return km if length_km(1.0, unit) == 1.0 else float(round(km))
