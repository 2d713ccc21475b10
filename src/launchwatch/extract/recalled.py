"""Earlier launches a report recalls ("On Jan. 14, it fired an IRBM that flew 1,000 km").

Each background range (see :mod:`.background`) that speaks of a launch becomes a launch of role
"background", dated by the date that opened its range, with the figures, class, name and count
that its clause gives: the largest figure of each kind, and the first class, name and count.  A
range that gives none of these is only a mention and is dropped.
"""

from __future__ import annotations

from ..model import Launch, Quantity
from .document import lowered, Sentence
from .fields import class_mentions, launch_count, missile_names
from .figures import ROLE_FIELD, rounded
from .lexicon import Lexicon
from .quantities import find_measurements
from .reading import Reading
from .timeframe import DateExpression

_RECALLED_LAUNCH_WORDS = frozenset({"fired", "launched", "tested", "flew", "flown",
                                    "launch", "test", "test-fired", "travelled", "traveled",
                                    "reached", "climbed"})


def recalled_launches(reading: Reading, lexicon: Lexicon) -> list[Launch]:
    """Earlier launches the report recalls, each with the figures its clause gives."""
    launches: list[Launch] = []
    background = reading.background
    for (start, end), opener in zip(background.ranges, background.openers):
        launch = _recalled(reading, lexicon, start, end, opener)
        if launch is not None:
            launches.append(launch)
    return launches


def _recalled(reading: Reading, lexicon: Lexicon, start: int, end: int,
              opener: DateExpression | None) -> Launch | None:
    """The launch that background tokens ``start:end`` recall, or None if they only
    mention one."""
    sentences = [s for s in reading.body.sentences if s.start < end and start < s.end]
    words = set(lowered(reading.body.doc)[start:end])
    if not words & _RECALLED_LAUNCH_WORDS:
        return None
    launch = Launch(role="background", country=reading.country)
    if opener is not None and opener.day is not None:
        launch.date_local = opener.day
        launch.evidence["date_local"] = reading.evidence(opener.start, opener.end)
    for sentence in sentences:
        _read_clause(reading, lexicon, sentence, start, end, launch)
    figures = [launch.distance_km, launch.apogee_km, launch.flight_time_s,
               launch.max_speed_mach]
    if not (any(f is not None for f in figures) or launch.missile_name or launch.count):
        return None
    if launch.missile_class is None and launch.missile_name:
        launch.missile_class = lexicon.missiles[  # type: ignore[assignment]
            launch.missile_name].missile_class
    return launch


def _read_clause(reading: Reading, lexicon: Lexicon, sentence: Sentence, start: int, end: int,
                 launch: Launch) -> None:
    """Fill ``launch`` from the part of ``sentence`` inside tokens ``start:end``."""
    doc = reading.body.doc
    for m in find_measurements(reading.body, sentence, lexicon):
        if not start <= m.number_start < end or m.superseded or m.role not in ROLE_FIELD:
            continue
        name, unit = ROLE_FIELD[m.role]
        current = getattr(launch, name)
        if current is None or m.value > current.value:
            setattr(launch, name, Quantity(value=rounded(m.value), unit=unit,
                                           qualifier=m.qualifier))
            launch.evidence[name] = reading.evidence(m.start, m.end)
    for found in class_mentions(doc, sentence):
        if start <= found.start < end and launch.missile_class is None:
            launch.missile_class = found.value  # type: ignore[assignment]
            launch.evidence["missile_class"] = reading.evidence(found.start, found.end)
    for hit in missile_names(sentence):
        if start <= hit.start < end and launch.missile_name is None:
            launch.missile_name = hit.value
            launch.evidence["missile_name"] = reading.evidence(hit.start, hit.end)
    count = launch_count(doc, sentence, lexicon, within=(start, end))
    if count is not None and count.value is not None and launch.count is None:
        launch.count = int(count.value)
        launch.evidence["count"] = reading.evidence(count.start, count.end)
