"""The launching state: which country fired.

Reports name several countries: the one that fired, and those that watched, tracked and
reported it ("South Korea's Joint Chiefs of Staff said", "Japan detected ...").  The launching
state is the launch statement's subject or agent ("fired by North Korea"), else a country the
lede names that does not only report, else the country of a named site or missile.  Seoul,
Tokyo and Washington report launches far more often than they make them, so they count as
the launcher only when no one else is named.

The launching state's own voice matters too: its news agency reports a launch a day or more
after it flew, so the day its media "said" something is no launch day (see :mod:`.launch_day`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .document import Hit, lowered, Document, Sentence
from .lexicon import Lexicon
from .relevance import Statement
from .sources import SOURCE_VERBS

_USUAL_REPORTERS = frozenset({"South Korea", "Japan", "United States"})
_WATCHING_VERBS = frozenset({"says", "said", "detected", "detects", "tracked", "tracks",
                             "reported", "reports", "confirmed", "confirms", "spotted"})


def launching_state(statement: Statement, body: Document, title: Document | None,
                    dateline: int, publisher_authority: str | None, lexicon: Lexicon,
                    default_country: str) -> str:
    """The launching state: the subject of the launch statement, else the lede's."""
    # A title has no dateline; the body's only starts the body's first sentence.
    own = _countries_in_statement(statement, body.doc, dateline if not statement.in_title else 0)
    found = _launcher_in_statement(statement, own, lexicon)
    if found is not None:
        return found
    nearby = ([] if title is None else title.sentences) + body.sentences[:3]
    hits = [h for other in nearby for h in other.of_kind("COUNTRY")
            if not speaks_for(other, h)]
    # Seoul, Tokyo and Washington report launches far more often than they make them.
    launchers = [h for h in hits if h.value not in _USUAL_REPORTERS]
    if launchers:
        return launchers[0].value
    for kind in ("SITE", "MISSILE"):
        hit = next((h for s in body.sentences[:6] for h in s.of_kind(kind)), None)
        if hit is not None:
            entry = (lexicon.sites.get(hit.value) or lexicon.missiles.get(hit.value))
            if entry is not None:
                return entry.country
    if own or hits:
        return (own or hits)[0].value
    if publisher_authority == "KCNA":
        return "North Korea"
    return default_country


def _countries_in_statement(statement: Statement, doc: Doc, dateline: int) -> list[Hit]:
    """The countries the statement names after its dateline that do not speak as a source;
    watchers only when no one else is named."""
    sentence = statement.sentence
    own = [h for h in sentence.of_kind("COUNTRY")
           if not speaks_for(sentence, h) and h.start >= dateline]
    # "The U.S. military says it detected ...": a watcher, unless no one else is named.
    return [h for h in own if not _detects(sentence, h, statement.verb_start)] or own


def _launcher_in_statement(statement: Statement, own: list[Hit], lexicon: Lexicon) -> str | None:
    """The launcher the statement itself names: by its place beside the launch word, else as
    the country of the missile or site it names."""
    sentence = statement.sentence
    lower = lowered(sentence.span.doc)
    verb = statement.verb_start
    # "fired by North Korea", "a missile launch by North Korea", "fired from North Korea".
    agent = [h for h in own if h.start > verb and h.start - verb <= 8
             and lower[h.start - 1] in {"by", "from"}]
    if agent:
        return agent[0].value
    if statement.form == "noun":
        # "North Korea's launch", "a North Korean missile launch": beside the noun.
        near = [h for h in own if abs(h.start - verb) <= 6]
        if near:
            return min(near, key=lambda h: abs(h.start - verb)).value
    # A verb's subject fired; a noun statement's subject only detected or announced it.
    before = [h for h in own if h.start < verb] if statement.form != "noun" else []
    if before:
        return before[-1].value
    launcher = [h for h in own if h.value not in _USUAL_REPORTERS]
    if launcher:
        return launcher[0].value
    for kind in ("MISSILE", "SITE"):
        hit = next(iter(sentence.of_kind(kind)), None)
        entry = hit and (lexicon.sites.get(hit.value) or lexicon.missiles.get(hit.value))
        if entry:
            return entry.country
    return None


def speaks_for(sentence: Sentence, country: Hit) -> bool:
    """'South Korea's' in "South Korea's Joint Chiefs of Staff said": a source, not a launcher.
    'Iran' in "Iran-backed Houthi rebels": a sponsor, not a launcher either."""
    lower = lowered(sentence.span.doc)
    if lower[country.end:country.end + 2] in (["-", "backed"], ["-", "aligned"],
                                              ["-", "allied"], ["-", "supported"]):
        return True
    for hit in sentence.of_kind("AUTH"):
        if hit.start <= country.end + 1 and country.start <= hit.end:
            following = set(lowered(sentence.span.doc)[hit.end:hit.end + 3])
            if following & SOURCE_VERBS:
                return True
    return False


def _detects(sentence: Sentence, country: Hit, verb: int) -> bool:
    """'The U.S. military says it detected ...', 'Japan detected ...': a country that
    watches or reports the launch, as the subject of such a verb.  Not when what it says is
    that it fired ("Pakistan's military says it test-fired ...")."""
    lower = lowered(sentence.span.doc)
    following = lower[country.end:min(sentence.end, country.end + 4)]
    watching = next((k for k, word in enumerate(following) if word in _WATCHING_VERBS), None)
    if watching is None:
        return False
    said = country.end + watching
    own_launch = lower[said + 1:said + 3]
    return not (own_launch[:1] in (["it"], ["they"]) and 0 < verb - said <= 4)


def launching_state_speaks(doc: Doc, sentence: Sentence, country: str) -> bool:
    """Is the launching state (its news agency, its state media) the source here?"""
    words = set(lowered(doc)[sentence.start:sentence.end])
    if words & {"kcna", "kctv", "xinhua", "tass", "irna", "ispr"} or \
            {"state", "media"} <= words or "state-run" in words:
        return True
    speakers = [h for h in sentence.of_kind("COUNTRY") if h.value == country]
    return any(speaks_for(sentence, h) or lowered(doc)[h.end:h.end + 3] and
               set(lowered(doc)[h.end:h.end + 3]) & SOURCE_VERBS
               for h in speakers)
