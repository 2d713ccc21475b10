"""Measurements in a report: lengths, durations and Mach numbers, with the role each plays.

A spaCy ``Matcher`` finds number + unit spans ("about 1,000 km", "between 110 km and 400 km",
"a 53-minute flight", "Mach 15").  The role of each length or duration (distance flown, apogee,
offset from a landmark, a range *capability*, flight time) is read from the cue words nearest to
it in the same clause, because that is how reports attach a figure to what it measures.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..units import (KM_PER_UNIT, LOWER_BOUND_QUALIFIERS, SECONDS_PER_UNIT,
                     UPPER_BOUND_QUALIFIERS, compass_point, duration_s)
from .document import lowered, Document, Sentence
from .lexicon import Lexicon, load_lexicon
from .numbers import length_in_km, parse_number

_LENGTH_UNITS = sorted({u for u in KM_PER_UNIT if " " not in u})
_DURATION_UNITS = sorted(SECONDS_PER_UNIT)
_RANGE_JOINERS = ["to", "and", "-", "–", "or"]

APOGEE_CUES = frozenset({"altitude", "altitudes", "apogee", "apogees", "height", "heights",
                         "climbed", "climbing", "climb", "climbs", "soared", "soaring", "rose",
                         "rising", "peak", "ceiling", "reached", "reaching", "reach", "reaches",
                         "high", "higher", "lofted", "highest", "peaked", "peaking",
                         "peaks", "topped", "topping"})
DISTANCE_CUES = frozenset({"flew", "flown", "flying", "fly", "flies", "travelled", "traveled",
                           "travelling", "traveling", "travel", "covered", "covering", "distance",
                           "downrange", "range", "ranged", "went", "flight", "runs", "spans",
                           "spanning", "stretches"})
FLIGHT_TIME_CUES = frozenset({"flew", "flight", "flying", "flown", "aloft", "airborne", "lasted",
                              "lasting", "stayed", "duration", "flights"})
_AFTER_APOGEE = frozenset({"high", "altitude", "apogee", "height", "up", "above"})
_AFTER_DISTANCE = frozenset({"flight", "journey", "downrange", "trajectory", "flights"})
_NOT_DURATION_AFTER = frozenset({"later", "after", "earlier", "before", "ago", "apart",
                                 "late", "behind", "into", "beforehand"})
_CONNECTIVES = frozenset({"and", "or", ",", "respectively", "then", "to", "while", "but",
                          "in", "for", "over", "during", "within", "about", "around",
                          "approximately", "some", "roughly", "nearly", "after", "of", "at",
                          "an", "a", "the", "lasting"})
_LAUNCH_POINT = frozenset({"launch", "launching", "firing", "launcher", "pad", "site"})
_BOUNDS = LOWER_BOUND_QUALIFIERS | UPPER_BOUND_QUALIFIERS


@dataclass
class Measurement:
    """A number with a unit in the text, in canonical units (km, s or Mach)."""

    kind: str            # "length", "duration" or "mach"
    value: float         # the largest value stated (the high end of a range)
    low: float | None    # the low end of "between 110 km and 400 km"
    qualifier: str | None
    start: int           # token span, qualifier included
    end: int
    number_start: int
    role: str = "other"  # distance, apogee, offset, capability, flight_time, speed, other
    superseded: bool = False


def _num() -> dict:
    return {"LIKE_NUM": True}


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    lexicon = load_lexicon()
    matcher = Matcher(lexicon.nlp.vocab)
    length = {"LOWER": {"IN": _LENGTH_UNITS}}
    nautical = [{"LOWER": "nautical"}, {"LOWER": {"IN": ["mile", "miles"]}}]
    duration = {"LOWER": {"IN": _DURATION_UNITS}}
    joiner = {"LOWER": {"IN": _RANGE_JOINERS}}
    matcher.add("LENGTH", [[_num(), length], [_num(), *nautical], [_num(), {"ORTH": "-"}, length]])
    matcher.add("LENGTH_RANGE", [[_num(), joiner, _num(), length],
                                 [_num(), joiner, _num(), *nautical],
                                 [_num(), length, joiner, _num(), length],
                                 [_num(), *nautical, joiner, _num(), *nautical]])
    matcher.add("DURATION", [[_num(), duration], [_num(), {"ORTH": "-"}, duration]])
    matcher.add("DURATION_RANGE", [[_num(), joiner, _num(), duration]])
    matcher.add("MACH", [[{"LOWER": "mach"}, _num()]])
    matcher.add("MACH_RANGE", [[{"LOWER": "mach"}, _num(), joiner, {"LOWER": "mach", "OP": "?"},
                                _num()]])
    return matcher


def _unit_of(span: Span) -> str:
    # "second" is also an ordinal, which spaCy counts as like_num: a known unit is a unit.
    words = [t.lower_ for t in span
             if (t.lower_ in SECONDS_PER_UNIT or not t.like_num) and t.lower_ not in _RANGE_JOINERS]
    if "nautical" in words:
        return "nautical miles"
    return words[-1] if words else ""


def _numbers_in(span: Span) -> list[float]:
    values = []
    for token in span:
        if token.like_num:
            value = parse_number(token.text)
            if value is not None:
                values.append(value)
    return values


def _qualifier_before(doc: Doc, index: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """The qualifier written just before token ``index`` ("exceeding about" -> "more than")."""
    found: list[str] = []
    position = index
    while True:
        for width in (4, 3, 2, 1):
            start = position - width
            if start < 0:
                continue
            phrase = " ".join(lowered(doc)[start:position])
            qualifier = lexicon.qualifier_by_phrase.get(phrase)
            if qualifier:
                found.append(qualifier)
                position = start
                break
        else:
            break
    bounds = [q for q in found if q in _BOUNDS]
    chosen = bounds[0] if bounds else (found[0] if found else None)
    return chosen, position


def find_measurements(document: Document, sentence: Sentence,
                      lexicon: Lexicon | None = None) -> list[Measurement]:
    """Every length, duration and Mach number in ``sentence``, in text order, with roles."""
    lexicon = lexicon or load_lexicon()
    doc = document.doc
    strings = lexicon.nlp.vocab.strings
    if document.measure_matches is None:
        # One pass of the matcher over the whole document, shared by every sentence.
        document.measure_matches = [(strings[m], s, e) for m, s, e in _matcher()(doc)]
    spans = [Span(doc, s, e, label=label) for label, s, e in document.measure_matches
             if sentence.start <= s and e <= sentence.end]
    measurements: list[Measurement] = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        values = _numbers_in(span)
        if not values:
            continue
        label = span.label_
        if label.startswith("MACH"):
            kind, converted = "mach", values
        elif label.startswith("LENGTH"):
            unit = _unit_of(span)
            if unit not in KM_PER_UNIT:
                continue
            kind, converted = "length", [length_in_km(v, unit) for v in values]
        else:
            unit = _unit_of(span)
            if unit not in SECONDS_PER_UNIT:
                continue  # a unit the matcher's shape allowed but the table does not know
            kind, converted = "duration", [duration_s(v, unit) for v in values]
        number_start = span.start + (1 if kind == "mach" else 0)
        qualifier, start = _qualifier_before(doc, span.start, lexicon)
        measurement = Measurement(kind=kind, value=max(converted),
                                  low=min(converted) if len(converted) > 1 else None,
                                  qualifier=qualifier, start=start, end=span.end,
                                  number_start=number_start)
        previous = measurements[-1] if measurements else None
        # "47 minutes and 12 seconds" is one duration.
        if (kind == "duration" and previous is not None and previous.kind == "duration"
                and span.start - previous.end <= 1
                and all(t.lower_ in {"and", ","} for t in doc[previous.end:span.start])):
            previous.value += measurement.value
            previous.end = measurement.end
            continue
        measurements.append(measurement)
    _assign_roles(document, sentence, measurements, lexicon)
    return measurements


def _window(doc: Doc, sentence: Sentence, measurement: Measurement,
            previous: Measurement | None, width: int = 12) -> Span:
    start = max(sentence.start, measurement.start - width)
    if previous is not None:
        start = max(start, previous.end)
    return doc[start:measurement.start]


def _has_hit(sentence: Sentence, key: str, start: int, end: int) -> bool:
    """Is there a cue of list ``key`` within tokens ``start:end``? (A bisection: a long
    sentence has thousands of cues and figures.)"""
    cues = sentence.cues(key)
    k = bisect.bisect_left(sentence.cue_starts(key), start)
    for hit in cues[k:]:
        if hit.start >= end:
            break
        if start <= hit.start and hit.end <= end:
            return True
    return False


def _after_words(doc: Doc, sentence: Sentence, end: int, width: int = 4) -> list[str]:
    """The words after a figure, past a conversion in brackets ("930 km (578 miles) away")."""
    lower = lowered(doc)
    if end < sentence.end and lower[end] == "(":
        close = next((i for i in range(end, min(sentence.end, end + 6)) if lower[i] == ")"),
                     None)
        if close is not None:
            end = close + 1
    return lower[end:min(sentence.end, end + width)]


def _is_direction(word: str) -> bool:
    return compass_point(word, abbreviations=False) is not None


def _is_offset(after: list[str]) -> bool:
    """'250 km west of Okushiri', '150 km off the coast', '150 nautical miles from a ship'."""
    if not after:
        return False
    joined = " ".join(after)
    if after[0] == "off":
        return True
    if after[0] in {"from", "short"}:
        return not any(w in _LAUNCH_POINT for w in after[1:4])
    head = after[0]
    if len(after) >= 3 and after[1] == "-" and _is_direction(after[2]):
        head = after[0] + "-" + after[2]
        rest = after[3:]
    else:
        rest = after[1:]
    return _is_direction(head) and bool(rest) and rest[0] in {"of", "from", "off"} \
        or joined.startswith("inland")


def _for_after_flying(doc: Doc, sentence: Sentence, start: int) -> bool:
    """'flew 950 km (590 miles) for 53 minutes', 'was in the air for 67 minutes': a duration
    brought in by "for" after a verb of flight."""
    lower = lowered(doc)
    if start <= sentence.start or lower[start - 1] != "for":
        return False
    before = lower[max(sentence.start, start - 14):start - 1]
    return bool(set(before) & {"flew", "flying", "flown", "air", "airborne", "aloft"})


def _qualifier_words(doc: Doc, measurement: Measurement) -> set[str]:
    """The words of a figure before its number ("as high as" of "as high as 6,000 km")."""
    words = set()
    for token in doc[measurement.start:measurement.end]:
        if token.like_num:
            break
        words.add(token.lower_)
    return words


def _role_from_window(window: Span) -> str | None:
    for token in reversed(window):
        word = token.lower_
        if word in APOGEE_CUES:
            return "apogee"
        if word in DISTANCE_CUES:
            return "distance"
    return None


def _assign_roles(document: Document, sentence: Sentence, measurements: list[Measurement],
                  lexicon: Lexicon) -> None:
    doc = document.doc
    previous: Measurement | None = None
    for m in measurements:
        window = _window(doc, sentence, m, previous)
        after = _after_words(doc, sentence, m.end)
        wide_start = max(sentence.start, m.start - 12)
        m.superseded = _has_hit(sentence, "superseded", wide_start, m.start)
        words_between = {t.lower_ for t in window}
        inherits = previous is not None and words_between <= _CONNECTIVES
        if m.kind == "mach":
            m.role = "speed"
        elif m.kind == "duration":
            cued = any(t.lower_ in FLIGHT_TIME_CUES for t in window) or \
                (after and after[0] in {"flight", "of", "in", "aloft"}
                 and ("flight" in after[:3] or "air" in after[:4] or "aloft" in after)) or \
                _for_after_flying(doc, sentence, m.start)
            if after and after[0] in _NOT_DURATION_AFTER and not cued and after[0] != "before":
                m.role = "other"
            elif cued or (inherits and previous.role in {"distance", "apogee", "flight_time"}):
                m.role = "flight_time"
        elif _is_offset(after):
            m.role = "offset"
        elif _has_hit(sentence, "capability", wide_start, m.start) or \
                (after[:1] == ["away"] and _has_hit(sentence, "capability", sentence.start,
                                                    m.start)):
            m.role = "capability"
        else:
            # "flew as high as 6,000 km": the qualifier says which way the figure goes; "6,000
            # km away" is how far, whatever verb came before ("reached waters ... away").
            if "high" in _qualifier_words(doc, m):
                role = "apogee"
            elif after[:1] == ["away"]:
                role = "distance"
            else:
                role = _role_from_window(window)
            if role is None and inherits and previous.kind == "length":
                role = previous.role
            elif role is None and inherits:
                # "flew for about 74 minutes and about 1,000 km": the verb before the first
                # figure governs the second too.
                role = _role_from_window(_window(doc, sentence, m, None))
            if role is None:
                if after and after[0] in _AFTER_APOGEE or after[:2] == ["in", "altitude"]:
                    role = "apogee"
                elif after and (after[0] in _AFTER_DISTANCE or after[0] == "away"):
                    role = "distance"
                elif after[:1] == ["from"]:
                    role = "distance"  # "1,000 km from the launch point"
            m.role = role or "other"
        previous = m
