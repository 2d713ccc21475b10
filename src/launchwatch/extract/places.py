"""Where it flew: the launch site, where it came down, whether inside Japan's EEZ, and which way.

Each is read from the foreground's sentences about the launch, statement first; the first
sentence that gives a value gives it.  A site is read only after the statement's launch word
("fired from Sunan"), and a named site from the lexicon beats a vague area and gives the
launch coordinates when the lexicon knows the exact place.
"""

from __future__ import annotations

from ..model import Launch
from .fields import direction, eez_verdict, landing_area, launch_site, launch_verb_tokens
from .lexicon import Lexicon
from .reading import Reading


def fill_site(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """The first "from <place>" of a launch sentence; a named site beats a vague area."""
    candidates = []
    for sentence in reading.foreground():
        is_statement = sentence is reading.statement.sentence
        if not is_statement and not (launch_verb_tokens(sentence) or any(
                w in {"launch", "launched", "fired"} for w in reading.words(sentence))):
            continue
        after = reading.statement.verb_start if is_statement else sentence.start
        found = launch_site(reading.body, sentence, lexicon, after)
        if found is not None and not reading.in_background(found[0].start):
            candidates.append(found)
    if not candidates:
        return
    phrase, site = next((c for c in candidates if c[1] is not None), candidates[0])
    launch.launch_site = str(phrase.value)
    launch.evidence["launch_site"] = reading.evidence(phrase.start, phrase.end)
    entry = lexicon.sites.get(site.value) if site is not None else None
    if entry is not None and entry.specific:
        launch.launch_lat, launch.launch_lon = entry.lat_deg, entry.lon_deg


def fill_landing(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """The landing area, the EEZ verdict and the direction of flight, each from the first
    foreground sentence that gives it (a direction only from a sentence about the launch)."""
    doc = reading.body.doc
    statement = reading.statement
    for sentence in reading.foreground():
        if launch.landing_area is None:
            found = landing_area(reading.body, sentence, lexicon)
            if found is not None and not reading.in_background(found.start):
                launch.landing_area = str(found.value)
                launch.evidence["landing_area"] = reading.evidence(found.start, found.end)
        if launch.inside_japan_eez is None:
            verdict = eez_verdict(reading.body, sentence)
            if verdict is not None and not reading.in_background(verdict.start):
                launch.inside_japan_eez = bool(verdict.value)
                launch.evidence["inside_japan_eez"] = reading.evidence(verdict.start,
                                                                       verdict.end)
        if launch.direction is None and (sentence is statement.sentence or
                                         launch_verb_tokens(sentence)):
            start = statement.verb_start if sentence is statement.sentence else sentence.start
            found = direction(doc, sentence, start)
            if found is not None and not reading.in_background(found.start):
                launch.direction = str(found.value)
                launch.evidence["direction"] = reading.evidence(found.start, found.end)
