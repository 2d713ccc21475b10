"""Numbers as reports write them: "1,000", "6,518.2", "eight", "a dozen"; unit conversion."""

from __future__ import annotations

import re

from .lexicon import load_lexicon

KM_PER_UNIT = {
    "km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0,
    "kilometres": 1.0,
    "mile": 1.609, "miles": 1.609, "mi": 1.609,
    # The labelling convention (and most desks) convert with 1.609 and 1.852 and round to km.
    "nautical mile": 1.852, "nautical miles": 1.852, "nm": 1.852, "nmi": 1.852,
}
SECONDS_PER_UNIT = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
    "minute": 60, "minutes": 60, "min": 60, "mins": 60,
    "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
}
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
    """Convert a length to km; miles and nautical miles are rounded to whole km."""
    factor = KM_PER_UNIT[unit.lower()]
    km = value * factor
    return km if factor == 1.0 else float(round(km))
