"""The launch's figures: distance, apogee, flight time, top speed, and how many flew.

When several sources give a figure, the first stated is the best value and the others are kept
as alternatives with the authority that gave them.  One exception: sentences about one missile
of a salvo ("The first missile flew 100 km ... the second 400 km") describe one launch, and
its largest figure describes it.

The count is the statement's own ("fired two missiles"), else an explicit number in another
sentence about the launch, else a form's "Number: 2", else one when the statement speaks of
"the missile" in the singular.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Launch, Quantity
from .document import lowered, Sentence
from .fields import MISSILE_NOUNS, launch_count, launch_verb_tokens
from .lexicon import Lexicon
from .numbers import parse_number
from .quantities import Measurement, find_measurements
from .reading import Reading
from .sources import authority_of

# A measurement's role -> the Launch field it fills, and that field's unit.
ROLE_FIELD = {"distance": ("distance_km", "km"), "apogee": ("apogee_km", "km"),
              "flight_time": ("flight_time_s", "s"), "speed": ("max_speed_mach", "Mach")}
_ORDINAL_MISSILE = frozenset({"first", "second", "third", "other", "another", "latter",
                              "former", "last", "both", "each"})
_FORM_COUNT_KEY = re.compile(r"\bnumber(?: and type| of missiles)?\s*:\s*(?P<n>[\w-]+)",
                             re.IGNORECASE)
_SINGULAR_MISSILE = frozenset({"missile", "rocket", "interceptor", "icbm", "slbm", "irbm",
                               "mrbm", "srbm"})


def rounded(value: float) -> float:
    return round(value, 3)


def fill_measurements(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """Each figure from the first foreground sentence that gives it; later ones are kept as
    alternatives."""
    best, others, ordinal_values = _measurements(reading, lexicon)
    for role, (sentence, chosen) in best.items():
        name, unit = ROLE_FIELD[role]
        if about_one_of_several(reading.body.doc, sentence):
            # "The first missile flew 100 km ... the second 400 km": one salvo, the
            # largest figure describes it (the others stay as alternatives).
            chosen = chosen + [m for m, _ in others.get(role, [])
                               if m.superseded is False and m in ordinal_values]
        top = max(chosen, key=lambda m: m.value)
        setattr(launch, name, Quantity(value=rounded(top.value), unit=unit,
                                       qualifier=top.qualifier,
                                       low=rounded(top.low) if top.low is not None else None,
                                       high=rounded(top.value) if top.low is not None
                                       else None))
        launch.evidence[name] = reading.evidence(top.start, top.end)
        alternatives = []
        seen = {rounded(top.value)}
        for m, authority in others.get(role, []):
            value = rounded(m.value)
            if value in seen:
                continue
            seen.add(value)
            alternatives.append({"value": value, "qualifier": m.qualifier,
                                 "reported_by": authority,
                                 "evidence": reading.evidence(m.start, m.end).model_dump(
                                     exclude={"report_hash"})})
        if alternatives:
            launch.alternatives[name] = alternatives


def _measurements(reading: Reading, lexicon: Lexicon
                  ) -> tuple[dict[str, tuple[Sentence, list[Measurement]]],
                             dict[str, list[tuple[Measurement, str | None]]],
                             list[Measurement]]:
    """The foreground's measurements by role: the first sentence's (best), each later one's
    with its authority (others), and those of sentences about one missile of a salvo."""
    best: dict[str, tuple[Sentence, list[Measurement]]] = {}
    others: dict[str, list[tuple[Measurement, str | None]]] = {}
    ordinal_values: list[Measurement] = []
    for sentence in reading.in_text_order():
        measurements = [m for m in find_measurements(reading.body, sentence, lexicon)
                        if not reading.in_background(m.number_start) and not m.superseded]
        if about_one_of_several(reading.body.doc, sentence):
            ordinal_values.extend(measurements)
        for role in ROLE_FIELD:
            chosen = [m for m in measurements if m.role == role]
            if not chosen:
                continue
            if role not in best:
                best[role] = (sentence, chosen)
            else:
                authority = authority_of(reading, sentence)
                others.setdefault(role, []).extend((m, authority) for m in chosen)
    return best, others, ordinal_values


def about_one_of_several(doc: Doc, sentence: Sentence) -> bool:
    """'The first missile ...', 'the second flew ...': a sentence about one of a salvo."""
    for i in range(sentence.start, sentence.end - 1):
        if lowered(doc)[i] in _ORDINAL_MISSILE and (
                lowered(doc)[i + 1] in MISSILE_NOUNS or lowered(doc)[i + 1] in
                {"one", "flew", "followed", "came", "reached", "travelled", "traveled"}):
            return True
    return False


_INDEFINITE = frozenset({"a", "an"})


def fill_count(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """How many flew: the statement's count, else another launch sentence's explicit number,
    else a form's "Number:", else one for a statement about "the missile"."""
    doc = reading.body.doc
    statement = reading.statement.sentence
    weak = None  # "fired a missile": one, unless the lede goes on to say "two projectiles"
    if not reading.statement.in_title:
        found = launch_count(doc, statement, lexicon)
        if found is not None and reading.in_background(found.start):
            found = None
        if found is not None and found.value is not None and \
                lowered(doc)[found.start] in _INDEFINITE:
            weak = found
        elif found is not None:
            if found.value is not None:
                launch.count = int(found.value)
                launch.evidence["count"] = reading.evidence(found.start, found.end)
            return
    for sentence in reading.foreground():
        if sentence is statement or weak is not None and sentence.paragraph > \
                statement.paragraph + 1:
            continue
        found = launch_count(doc, sentence, lexicon, explicit_only=True)
        if found is not None and found.value is not None and \
                not reading.in_background(found.start) and (
                    launch_verb_tokens(sentence) or {"launched", "fired"} &
                    set(lowered(sentence.span.doc)[sentence.start:sentence.end]) or
                    # "detected the launch of two ballistic missiles"
                    lowered(doc)[max(sentence.start, found.start - 2):found.start] in
                    (["launch", "of"], ["firing", "of"], ["launches", "of"])):
            launch.count = int(found.value)
            launch.evidence["count"] = reading.evidence(found.start, found.end)
            return
    if weak is not None:
        launch.count = int(weak.value)
        launch.evidence["count"] = reading.evidence(weak.start, weak.end)
        return
    if _fill_form_count(reading, launch):
        return
    # A statement about "the missile" in the singular reports one launch.
    words = lowered(statement.span.doc)[statement.start:statement.end]
    if any(w in _SINGULAR_MISSILE for w in words) and \
            not any(w in {"missiles", "rockets"} for w in words):
        launch.count = 1


def _fill_form_count(reading: Reading, launch: Launch) -> bool:
    """A form's "Number of missiles: 2" in a foreground sentence; True when one was found."""
    for sentence in reading.foreground():
        match = _FORM_COUNT_KEY.search(sentence.text)
        value = parse_number(match.group("n")) if match else None
        if value is not None and value == int(value):
            launch.count = int(value)
            span = reading.body.doc.char_span(sentence.char_start + match.start("n"),
                                              sentence.char_start + match.end("n"),
                                              alignment_mode="expand")
            if span is not None:
                launch.evidence["count"] = reading.evidence(span.start, span.end)
            return True
    return False
