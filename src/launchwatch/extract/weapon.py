"""What flew: the missile's name and its class.

The name is the first that a sentence describing the launched missile gives ("assessed as a
Hwasong-18"), unless the sentence compares it with another ("a larger version of the
Hwasong-15").  The class is the first that such a sentence gives, where a class that says what
kind of weapon flew beats one that only says how far it reaches; a class a sentence only
guesses at ("may have tested a hypersonic warhead") does not count as specific.  A name of a
specific class gives its class over any range word, a satellite makes the launch a space
launch, and a name alone gives the class the name means.
"""

from __future__ import annotations

import re

from ..model import SPECIFIC_CLASSES, Launch
from .document import Hit, lowered, Sentence
from .fields import Found, class_mentions, missile_names
from .lexicon import Lexicon
from .reading import Reading
from .relevance import mentions_launch

_COMPARISON = frozenset({"than", "version", "like", "similar", "successor", "unlike", "larger",
                         "smaller", "older", "predecessor", "variant", "resembled", "resembling",
                         "compared"})
_IDENTIFYING = frozenset({"assessed", "believed", "identified", "presumed", "appeared",
                          "called", "described", "type", "class", "named", "dubbed", "test",
                          "designated", "judged", "estimated", "considered", "thought",
                          "believe", "believes", "assess", "assesses", "suspected",
                          "appears", "claimed", "detected", "tracked"})
_CLASS_HEDGES = frozenset({"may", "might", "could", "possibly", "whether", "if"})


def fill_class_and_name(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """The missile's name and class, each with its evidence; "unknown" when the text gives
    no class."""
    name_hit = _missile_name(reading, lexicon)
    chosen_class = _missile_class(reading, lexicon, name_hit.value if name_hit else None)
    named_class = lexicon.missiles[name_hit.value].missile_class if name_hit else None
    if named_class in SPECIFIC_CLASSES and (
            chosen_class is None or chosen_class.value not in SPECIFIC_CLASSES):
        # A Trident II is an SLBM and a KN-25 an MLRS, whatever range word the text uses.
        chosen_class = Found(named_class, name_hit.start, name_hit.end)
    if name_hit is not None:
        launch.missile_name = name_hit.value
        launch.evidence["missile_name"] = reading.evidence(name_hit.start, name_hit.end)
    if _carries_satellite(reading):
        launch.missile_class = "SLV"
    elif chosen_class is not None:
        launch.missile_class = chosen_class.value  # type: ignore[assignment]
        launch.evidence["missile_class"] = reading.evidence(chosen_class.start, chosen_class.end)
    elif name_hit is not None and not any(
            "ballistic" in reading.words(s) for s in reading.foreground()):
        # Only a name: its class is what the name means.  A text that calls the missile
        # just "a ballistic missile" is left at "unknown", as it wrote.
        launch.missile_class = lexicon.missiles[name_hit.value].missile_class  # type: ignore[assignment]
    else:
        launch.missile_class = "unknown"


def _describes_launched_missile(reading: Reading, lexicon: Lexicon, sentence: Sentence,
                                name: str | None = None) -> bool:
    """The statement, or a sentence that identifies what flew ("assessed as ...") or
    names it."""
    if sentence is reading.statement.sentence:
        return True
    words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
    if words & {"whether", "not", "would", "could", "might"}:
        return False
    if name is not None and any(h.value == name for h in missile_names(sentence)):
        return True
    return bool(words & _IDENTIFYING) or mentions_launch(reading.body, sentence, lexicon)


def _missile_name(reading: Reading, lexicon: Lexicon) -> Hit | None:
    """The name of what flew: the first name a describing sentence gives, unless it is
    compared with ("a larger version of the Hwasong-15") or listed beside another."""
    doc = reading.body.doc
    skipped_previous = False
    for sentence in reading.foreground():
        if not _describes_launched_missile(reading, lexicon, sentence):
            continue
        for hit in missile_names(sentence):
            if reading.in_background(hit.start):
                continue
            before = set(lowered(doc)[max(sentence.start, hit.start - 6):hit.start])
            joined = hit.start > sentence.start and lowered(doc)[hit.start - 1] in {"and", "or"}
            if before & _COMPARISON or (joined and skipped_previous):
                skipped_previous = True
                continue
            return hit
    return None


def _missile_class(reading: Reading, lexicon: Lexicon, name: str | None) -> Found | None:
    """The class the first describing sentence gives; within it (or the statement) a
    specific class beats a range class."""
    doc = reading.body.doc
    for sentence in reading.foreground():
        if not _describes_launched_missile(reading, lexicon, sentence, name):
            continue
        # "analysts said it may have tested a hypersonic warhead": a guess names no class.
        mentions = [f for f in class_mentions(doc, sentence)
                    if not reading.in_background(f.start) and not (
                        f.value in SPECIFIC_CLASSES and _hedged(reading, sentence, f.start))]
        if not mentions:
            continue
        near = mentions + _fired_from_submarine(reading, sentence)
        if sentence is not reading.statement.sentence:
            near += _fired_from_submarine(reading, reading.statement.sentence)
        if reading.title is not None:
            # "... test-fired new multiple launch rocket system" in the headline: the
            # headline names the weapon.  Its evidence stays with the body's mention.
            named = {f.value for t in reading.title.sentences
                     for f in class_mentions(reading.title.doc, t)}
            near += [Found(value, mentions[0].start, mentions[0].end)
                     for value in SPECIFIC_CLASSES if value in named]
        specific = [f for f in near if f.value in SPECIFIC_CLASSES
                    and not _hedged(reading, sentence, f.start)]
        return (specific or mentions)[0]
    return None


def _hedged(reading: Reading, sentence: Sentence, index: int) -> bool:
    """'analysts said it may have tested a hypersonic warhead': a guess, not a finding."""
    lower = lowered(reading.body.doc)
    start = index
    while start > sentence.start and lower[start - 1] not in {",", ";", ":"}:
        start -= 1
    return bool(set(lower[start:index]) & _CLASS_HEDGES)


def _fired_from_submarine(reading: Reading, sentence: Sentence) -> list[Found]:
    """'fired from the submarine USS Nebraska': an SLBM, whatever its range."""
    if sentence.span.doc is not reading.body.doc:
        return []  # a headline statement: the weapon is read from the body's sentences
    words = reading.words(sentence)
    return [Found("SLBM", sentence.start + k, sentence.start + k + 1)
            for k, word in enumerate(words)
            if word in {"submarine", "submarines"} and "from" in words[max(0, k - 3):k]
            and not reading.in_background(sentence.start + k)]


def _carries_satellite(reading: Reading) -> bool:
    """A space launch: the statement says the launch went "into space" or "into orbit", or
    the statement or the first sentence speaks of a satellite or names a space launcher."""
    statement = reading.statement.sentence
    # "a missile launch into space": the statement itself says where it went (background
    # ranges are the body's: a headline statement has none).
    doc = statement.span.doc
    for match in re.finditer(r"\binto (?:space|orbit)\b", statement.text, re.IGNORECASE):
        span = doc.char_span(statement.char_start + match.start(),
                             statement.char_start + match.end(),
                             alignment_mode="expand")
        if span is not None and (reading.statement.in_title or
                                 not reading.in_background(span.start)):
            return True
    sentences = [reading.statement.sentence] + reading.body.sentences[:1]
    for sentence in sentences:
        for token in sentence.span:
            if token.lower_ in {"satellite", "satellites"} and \
                    not reading.in_background(token.i):
                return True
        if any(h.kind == "CLASSALONE" and h.value == "SLV" for h in sentence.hits):
            return True
    return False
