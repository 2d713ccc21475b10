"""Is this a launch report?  A decision over evidence, with its reasons kept.

A report is about a launch when its headline or its opening prose *states* one.  Reports state
a launch in several grammatical forms, and each is one test here:

- **verb**: "North Korea fired two missiles", "the missile was launched", "fires" in a
  headline, "attempted to launch a missile";
- **noun**: a launch noun with a missile beside it, brought in by a verb of detecting,
  announcing or conducting ("detected and tracked a North Korean missile launch",
  "announced the successful launch of the Hwasong-15", "the launch occurred near Kusong");
- **flight**: a missile as the subject of a verb of flight ("the missile flew 1,000 km").

Against them stand the cues of pages that use the same words about no new launch: negation,
hedges and futures ("may launch", "plans to fire", "preparations for a launch"), aggregates
("has fired 30 missiles this year"), and the distractor subjects (parades, sanctions, budgets)
named in the lexicon.  Every word list is in ``lexicons/cues.json``.

:func:`statement_in` is the one launch-statement test: the extractor uses it to decide
relevance and to tell which later sentences speak of the launch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document, Hit, Sentence, lowered
from .lexicon import Lexicon

_LEDE_PARAGRAPHS = 3
_LEDE_SENTENCES = 6
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"})
_BASE_LAUNCH_VERBS = frozenset({"launch", "fire", "test-fire", "test-launch"})
_PRESENT_VERBS = frozenset({"fires", "launches", "tests", "test-fires", "test-launches"})
_FORM_LAUNCH_KEY = re.compile(r"\b(?:date and time of launch|launch (?:date and )?time|launch "
                              r"date)\s*:", re.IGNORECASE)


@dataclass
class Statement:
    """The sentence that states the launch, where its key word is, and which form it has."""

    sentence: Sentence
    verb_start: int
    in_title: bool
    form: str = "verb"


@dataclass
class Decision:
    """The relevance decision and why: the deciding statement, or the reasons for none."""

    statement: Statement | None
    reasons: list[str] = field(default_factory=list)

    @property
    def is_launch_report(self) -> bool:
        return self.statement is not None


class _Words:
    """The cue lists this module reads, as sets (built once per lexicon)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.launch_nouns = lexicon.words("launch_event_nouns") | lexicon.words(
            "statement_nouns")
        self.missile_nouns = lexicon.words("missile_nouns") - lexicon.words("not_launched")
        self.negation = lexicon.words("negation")
        self.hedges = lexicon.words("statement_hedges")
        self.past_verbs = lexicon.words("past_launch_verbs")
        self.light_verbs = lexicon.words("light_launch_verbs")
        self.governors = lexicon.words("statement_governors")
        self.after_nouns = lexicon.words("statement_after_nouns")
        self.flight_verbs = lexicon.words("flight_verbs")
        self.attempts = lexicon.words("attempt_verbs")
        self.not_launched = lexicon.words("not_launched")
        self.strike_verbs = lexicon.words("strike_verbs")


@lru_cache(maxsize=8)  # a lexicon hashes by identity: one entry per lexicon in use
def _words(lexicon: Lexicon) -> _Words:
    return _Words(lexicon)


def decide(body: Document, title: Document | None, lexicon: Lexicon) -> Decision:
    """The statement that makes ``body`` a launch report, or the reasons it is none."""
    reasons: list[str] = []
    if title is not None and _about_missile_defence(title, lexicon):
        return Decision(None, ["the headline is about missile defence, not a launch: "
                               + _quote(title.sentences[0])])
    subject = _distractor_subject(title, lexicon) if title is not None else None
    if subject is not None and not any(statement_in(title, s, lexicon, in_title=True)
                                       for s in title.sentences):
        return Decision(None, [f"the headline is about a distractor subject ({subject}), "
                               "and states no launch: "
                               + _quote(title.sentences[0])])
    lede = [s for s in body.sentences if s.paragraph < _LEDE_PARAGRAPHS][:_LEDE_SENTENCES]
    for sentence in lede:
        statement = statement_in(body, sentence, lexicon, in_title=False, reasons=reasons)
        if statement is not None:
            return Decision(statement, reasons + [f"lede states it ({statement.form}): "
                                                  f"{_quote(sentence)}"])
    # Statements laid out as a form: "(1) Launch time: around 10:14 a.m. today".
    for sentence in body.sentences[:12]:
        match = _FORM_LAUNCH_KEY.search(sentence.text)
        if match:
            token = body.doc.char_span(sentence.char_start + match.start(),
                                       sentence.char_start + match.end(),
                                       alignment_mode="expand")
            if token is not None:
                return Decision(Statement(sentence, token.start, False, "form"),
                                reasons + [f"a form gives a launch time: {_quote(sentence)}"])
    if title is not None:
        for sentence in title.sentences:
            statement = statement_in(title, sentence, lexicon, in_title=True, reasons=reasons)
            if statement is None:
                continue
            # The headline decides; a body sentence that speaks of the launch gives details.
            for body_sentence in body.sentences[:_LEDE_SENTENCES]:
                detail = statement_in(body, body_sentence, lexicon, in_title=True)
                if detail is not None:
                    return Decision(detail, reasons + [
                        f"headline states it ({statement.form}): {_quote(sentence)}",
                        f"details from: {_quote(body_sentence)}"])
            return Decision(statement, reasons + [
                f"headline states it ({statement.form}): {_quote(sentence)}"])
    if not reasons:
        reasons.append("no sentence of the headline or lede speaks of a missile launch")
    return Decision(None, reasons)


def _about_missile_defence(title: Document, lexicon: Lexicon) -> bool:
    return _phrase_in(title, lexicon.cues["missile_defence_phrases"]) is not None


def _distractor_subject(title: Document, lexicon: Lexicon) -> str | None:
    """'UN council meets on ...', 'Parade shows new ICBM': what a distractor page is about."""
    return _phrase_in(title, lexicon.cues["distractor_subjects"])


def _phrase_in(document: Document, phrases: list[str]) -> str | None:
    text = " ".join(lowered(document.doc))
    return next((phrase for phrase in phrases
                 if re.search(rf"\b{re.escape(phrase)}\b", text)), None)


def _quote(sentence: Sentence, width: int = 100) -> str:
    text = " ".join(sentence.text.split())
    return f'"{text[:width]}{"..." if len(text) > width else ""}"'


def statement_in(document: Document, sentence: Sentence, lexicon: Lexicon, in_title: bool,
                 reasons: list[str] | None = None) -> Statement | None:
    """The launch statement ``sentence`` makes, if any (the one test used everywhere).

    ``in_title`` admits the present tense ("N. Korea fires missile") that only headlines use.
    Rejections are appended to ``reasons`` when given.
    """
    words = _words(lexicon)
    lower = lowered(document.doc)
    if not _mentions_missile(lower, sentence, words):
        return None
    if aggregates(document, sentence):
        _note(reasons, sentence, "speaks of launches in aggregate")
        return None
    rejected: list[str] = []
    for form, index in _candidates(document, sentence, lexicon, in_title, words):
        why = _blocked(document, sentence, index, words, lexicon)
        if why is None:
            return Statement(sentence, index, in_title, form)
        rejected.append(f"{form} '{document.doc[index].text}' {why}")
    for why in rejected:
        _note(reasons, sentence, why)
    return None


_IN_A_SERIES = frozenset({"latest", "newest", "part"})


def aggregates(document: Document, sentence: Sentence) -> list[Hit]:
    """The sentence's aggregates ("a series of launches", "more than 60 this year"), less those
    that place the reported launch in one: "the latest in a series of launches" and "part of a
    string of tests" still state a launch."""
    lower = lowered(document.doc)
    return [hit for hit in sentence.hits if hit.kind == "CUE" and hit.value == "aggregate"
            and not _IN_A_SERIES & set(lower[max(sentence.start, hit.start - 3):hit.start])]


def _note(reasons: list[str] | None, sentence: Sentence, why: str) -> None:
    if reasons is not None:
        reasons.append(f"not a statement ({why}): {_quote(sentence, 70)}")


def _mentions_missile(lower: list[str], sentence: Sentence, words: _Words) -> bool:
    if any(h.kind in {"MISSILE", "CLASS", "CLASSALONE"} for h in sentence.hits):
        return True
    return any(w in words.missile_nouns for w in lower[sentence.start:sentence.end])


def _candidates(document: Document, sentence: Sentence, lexicon: Lexicon, in_title: bool,
                words: _Words):
    """(form, token index) of every word that could carry a launch statement, in order."""
    doc = document.doc
    lower = lowered(doc)
    sentence_words = set(lower[sentence.start:sentence.end])
    for hit in sentence.hits:
        if hit.kind != "CUE" or hit.value != "launch_verbs":
            continue
        head = lower[hit.start]
        phrase = doc[hit.start:hit.end].text.lower()
        past = head in words.past_verbs or phrase in words.past_verbs or \
            phrase.startswith(("has ", "have "))
        attempted = _attempted(lower, sentence, hit.start, words)
        if not (past or in_title or attempted):
            continue
        if head in _PRESENT_VERBS and hit.start > sentence.start and (
                lower[hit.start - 1] in words.missile_nouns or _ends_hit(sentence, hit.start)):
            continue  # "missile launches", "ICBM tests": nouns, not verbs
        if (head in words.light_verbs or phrase.startswith(("carried", "carries"))) and \
                not sentence_words & words.launch_nouns:
            continue  # "conducted" needs a launch noun: "conducted a test-firing"
        if _missile_near(document, sentence, hit.start, hit.end, words):
            yield "verb", hit.start
    for i in range(sentence.start + 2, sentence.end):
        # "tried to fire a missile", "attempted to launch": base forms no verb list holds.
        # "plans to fire a missile": a candidate that _blocked turns down as a plan.
        if lower[i] in _BASE_LAUNCH_VERBS and lower[i - 1] == "to" and \
                _missile_near(document, sentence, i, i + 1, words):
            yield "verb", i
    for i in range(sentence.start, sentence.end):
        if lower[i] in words.launch_nouns and _noun_statement(lower, sentence, i, words):
            yield "noun", i
    for i in range(sentence.start + 1, sentence.end):
        if lower[i] in words.flight_verbs and _missile_subject(lower, sentence, i, words):
            yield "flight", i
    for i in range(sentence.start + 1, sentence.end):
        # "Russia struck Dnipro with a ballistic missile": combat use is a launch.
        if lower[i] in words.strike_verbs and lower[i - 1] not in {"has", "have", "had", "be",
                                                                    "been", "being"} and \
                _missile_near(document, sentence, i + 1, i + 1, words) and \
                not _missile_subject(lower, sentence, i, words):
            yield "strike", i


def _attempted(lower: list[str], sentence: Sentence, i: int, words: _Words) -> bool:
    """'attempted to launch', 'tried to fire': an attempt is a launch (perhaps a failed one)."""
    return i - 2 >= sentence.start and lower[i - 1] == "to" and lower[i - 2] in words.attempts


def _ends_hit(sentence: Sentence, index: int) -> bool:
    """Is token ``index`` right after a missile name or class ("Hwasong-17 tests")?"""
    return index in sentence.ends("MISSILE", "CLASS", "CLASSALONE")


def _noun_statement(lower: list[str], sentence: Sentence, i: int, words: _Words) -> bool:
    """'detected a missile launch', 'announced the launch of the Hwasong-15', 'the launch
    occurred near Kusong': a launch noun with a missile beside it, governed by a verb that
    says it happened."""
    near = range(max(sentence.start, i - 4), min(sentence.end, i + 5))
    hit_starts = sentence.starts("MISSILE", "CLASS", "CLASSALONE")
    if not any(lower[k] in words.missile_nouns or k in hit_starts for k in near):
        return False
    before = lower[max(sentence.start, i - 10):i]
    if set(before) & words.governors:
        return True
    # "Sunday's launch of a medium-range missile": a launch dated by its day.
    if i - 2 >= sentence.start and lower[i - 1] == "'s" and lower[i - 2] in _WEEKDAYS:
        return True
    # "the launch occurred near Kusong", "the launch appeared to have failed": right after it.
    for word in lower[i + 1:min(sentence.end, i + 4)]:
        if word in words.after_nouns:
            return True
        if word in {",", "but", "and", ";", "."}:
            break
    return False


def _missile_subject(lower: list[str], sentence: Sentence, i: int, words: _Words) -> bool:
    """'The missile flew ...', 'the projectiles travelled ...': a missile before the verb."""
    window = lower[max(sentence.start, i - 4):i]
    return any(w in words.missile_nouns for w in window)


def _missile_near(document: Document, sentence: Sentence, start: int, end: int,
                  words: _Words) -> bool:
    """A missile (noun, name or class) is the object or, for a passive, the subject."""
    lower = lowered(document.doc)
    objects = sentence.starts("MISSILE", "CLASS", "CLASSALONE")
    for i in range(end, min(sentence.end, end + 12)):
        if lower[i] in words.missile_nouns or lower[i] in words.launch_nouns or i in objects:
            return True
    for i in range(max(sentence.start, start - 8), start):
        if lower[i] in words.missile_nouns or i in objects:
            return True
    return False


def _clause_start(document: Document, sentence: Sentence, index: int) -> int:
    """Start of the clause holding token ``index`` (after the last ';', ':' or quote)."""
    for i in range(index - 1, sentence.start - 1, -1):
        if document.doc[i].text in {";", ":", '"'}:
            return i + 1
    return sentence.start


def _blocked(document: Document, sentence: Sentence, index: int, words: _Words,
             lexicon: Lexicon) -> str | None:
    """Why the statement at ``index`` does not report a launch, or None when it does."""
    doc = document.doc
    lower = lowered(doc)
    clause = range(_clause_start(document, sentence, index), index)
    # Lower-case words only: "May" is a month, "may" a hedge.
    before = {lower[k] for k in clause if not doc[k].is_title or k == sentence.start}
    if before & words.negation:
        return "is negated"
    if before & words.hedges:
        return f"is hedged ({', '.join(sorted(before & words.hedges))})"
    if any(h.kind == "CUE" and h.value == "background_phrases" and h.start < index
           for h in sentence.hits):
        return "recalls an earlier launch"
    following = set(lower[index:min(sentence.end, index + 6)])
    if following & words.not_launched:
        return "is about an interceptor or a target"
    if _to_come(lower, sentence, index, words):
        return f"is a plan or a purpose ('{' '.join(lower[max(sentence.start, index - 2):index + 1])}')"
    return None


def _to_come(lower: list[str], sentence: Sentence, index: int, words: _Words) -> bool:
    """'plans to launch', 'ready to fire', 'rockets to be launched': not (yet) a launch; an
    attempt ('tried to fire') is one."""
    if _attempted(lower, sentence, index, words):
        return False
    before = lower[max(sentence.start, index - 2):index]
    return before[-1:] == ["to"] or before == ["to", "be"]


def mentions_launch(document: Document, sentence: Sentence, lexicon: Lexicon) -> bool:
    """Does ``sentence`` speak of the launch at all (a launch verb or noun, in any tense)?

    Weaker than :func:`statement_in`: the field rules read figures from such sentences."""
    if any(h.kind == "CUE" and h.value == "launch_verbs" for h in sentence.hits):
        return True
    words = _words(lexicon)
    return any(w in words.launch_nouns or w == "fired"
               for w in lowered(document.doc)[sentence.start:sentence.end])
