"""Who says so: the authority that published a report and those it cites for its facts.

The publisher counts first ("KCNA" publishes North Korea's own account of its launches); then
each authority that a foreground sentence cites with a verb of saying ("the Joint Chiefs of
Staff said", "according to Japan's Defence Ministry"), in text order.  A figure that a later
sentence gives differently is kept as an alternative with the authority that gave it.
"""

from __future__ import annotations

from functools import lru_cache

from .document import lowered, analyse, Sentence
from .fields import authorities_in
from .lexicon import Lexicon
from .reading import Reading

SOURCE_VERBS = frozenset({"said", "says", "told", "reported", "announced", "detected",
                          "stated", "confirmed", "put", "tracked", "estimated", "assessed",
                          "added", "gave", "acknowledged", "noted", "claimed", "disclosed"})
# "the Defence Ministry said" names the launching state's own ministry, except for North
# Korea, whose launches are reported by its neighbours' ministries.
_MINISTRY_OF = {"Russia": "Russian MoD", "India": "Indian Ministry of Defence",
                "China": "China MND", "Iran": "Iranian MoD", "Israel": "Israeli MoD",
                "France": "French MoD", "United Kingdom": "UK MoD"}


@lru_cache(maxsize=1024)
def publisher_authority(publisher: str | None, lexicon: Lexicon) -> str | None:
    """The authority a report's publisher names ("KCNA", "Japan MoD"), if any."""
    if not publisher:
        return None
    document = analyse(publisher, lexicon)
    for sentence in document.sentences:
        hits = authorities_in(sentence)
        if hits:
            return hits[0].value
    lower = publisher.lower()
    if "ministry of defense" in lower and "japan" in lower:
        return "Japan MoD"
    return None


def authority_of(reading: Reading, sentence: Sentence) -> str | None:
    """Who gives the facts of ``sentence``: an authority it names, else the last one named
    earlier in its paragraph, else the publisher."""
    hits = [h for h in authorities_in(sentence) if not reading.in_background(h.start)]
    if hits:
        return hits[0].value
    for earlier in reversed(reading.body.sentences[:sentence.index]):
        if earlier.paragraph != sentence.paragraph:
            break
        hits = authorities_in(earlier)
        if hits:
            return hits[0].value
    return reading.publisher_authority


def reported_by(reading: Reading) -> list[str]:
    """The publishing authority, then each authority the foreground cites for facts."""
    names: list[str] = []
    if reading.publisher_authority:
        names.append(reading.publisher_authority)
    country = reading.country
    for sentence in reading.in_text_order():
        words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
        tagged = sentence.span[0].text == "[" if len(sentence.span) else False
        if not (words & SOURCE_VERBS or "according" in words or tagged):
            continue
        for hit in authorities_in(sentence):
            name = _MINISTRY_OF.get(country) if hit.value == "MoD" else hit.value
            if name == "KCNA" and country != "North Korea":
                continue
            # "its state media said it had tested cruise missiles on Saturday": a source,
            # but for another launch.
            speaks_of_other = reading.in_background(min(hit.end + 4, sentence.end - 1))
            if name and not reading.in_background(hit.start) and not speaks_of_other \
                    and name not in names:
                names.append(name)
    return names
