"""Numbers as the exports write them: no float noise, no NaN, whole numbers as integers.

Arithmetic leaves tails such as ``140.0000000000006`` on figures that were whole, and a
coordinate printed to seventeen digits claims nanometres.  Six decimals keep a tenth of a metre
in a degree of latitude, a millimetre in a kilometre and a microsecond in a second: more than
any figure here is known to, and little enough that the noise goes.  A value that is not a
number (NaN, an infinity) has no JSON spelling; it is written as null, meaning unknown.
"""

from __future__ import annotations

import math
from typing import Any

DECIMALS = 6


def clean_number(value: float, decimals: int = DECIMALS) -> float | int | None:
    """``value`` rounded to ``decimals`` places, an ``int`` where that is whole, None where it
    is not finite."""
    if not math.isfinite(value):
        return None
    rounded = round(value, decimals)
    # A whole float becomes an int; -0.0 among them, which is written "0".
    return int(rounded) if rounded.is_integer() else rounded


def clean(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, tuples, scalars) with every float cleaned
    (:func:`clean_number`); tuples become lists, as JSON writes them."""
    if isinstance(value, float):
        return clean_number(value)
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(item) for item in value]
    return value
