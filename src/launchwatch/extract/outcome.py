"""How the test went, and whether the launch is confirmed, as the report states it.

The outcome is read only where a report says it in words of its own kind (cue lists in
``cues.json``):

* failure: a phrase that says so ("appeared to have failed", "ended in failure", "a failed
  launch", "disintegrated", "did not reach orbit"), or a verb of breaking or falling
  ("exploded", "crashed", "broke up") with a phrase that puts it early in the flight ("shortly
  after liftoff", "mid-flight", "seconds into"), or "failed" as the verb of a launch, a test
  or a missile ("the attempt to put it into orbit failed");
* success: only a stated one ("successfully test-fired", "a successful launch", "the test was
  a success").  The launching state's media say this of nearly every test: such a claim is
  the state's own, and its evidence span shows who made it;
* partial: "partially successful", "a partial failure".

A cue counts only in a foreground sentence about the launch or the missile, in a clause that
holds no background (an earlier launch's failure is not this one's), neither hedged nor denied
("it was not clear whether the launch succeeded", "may have exploded"), and not in a sentence
about interception or missile defence (an interceptor's success or a missile shot down is no
test outcome).  When sources disagree (the state claims success, its neighbour's military says
the missile broke up), the first stated is the value and the others are alternatives, each
with the authority that gave it, as for every field.

Confirmation is "unconfirmed" where the report says the launch is ("an unconfirmed launch",
"could not be independently verified", "a possible missile launch"), unless the sentence
speaks of a claim or a detail rather than the launch ("the claim could not be independently
verified"); otherwise it stays None: a report that does not doubt a launch does not thereby
confirm it.
"""

from __future__ import annotations

from ..model import Launch
from .document import Hit, lowered, Sentence
from .fields import mentions_missile
from .lexicon import Lexicon
from .reading import Reading
from .relevance import mentions_launch
from .sources import authority_of

# Words a failing verb may stand apart from its early-flight phrase ("crashed into the sea
# seconds after liftoff"), at most.
_ACT_GAP_TOKENS = 6
# Words a launch, test or missile may stand before its "failed", at most ("North Korea's
# attempt to put its first spy satellite into orbit failed").
_SUBJECT_GAP_TOKENS = 10
# A clause ends at these tokens: hedges and background are judged within it.
_CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "--", "(", ")"})
# Words that leave a whole sentence an open question, wherever they stand before the cue
# ("It was not clear, officials said, whether the launch succeeded").
_OPEN_QUESTION = frozenset({"whether", "unclear", "uncertain", "unknown"})

# A sentence opening with these goes on about the one before ("It broke up mid-flight").
_GOING_ON = frozenset({"it", "they", "this", "that"})

_OUTCOME_CUES = (("outcome_partial", "partial"), ("outcome_failure", "failure"),
                 ("outcome_success", "success"))


def fill_outcome(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """The test's outcome and the launch's confirmation, each with its evidence."""
    found = _outcomes(reading, lexicon)
    if found:
        (value, hit_start, hit_end, _), *others = found
        launch.outcome = value  # type: ignore[assignment]
        launch.evidence["outcome"] = reading.evidence(hit_start, hit_end)
        alternatives: list[dict[str, object]] = []
        for other, _, _, other_sentence in others:
            alternative = {"value": other, "reported_by": authority_of(reading, other_sentence)}
            if other != value and alternative not in alternatives:
                alternatives.append(alternative)
        if alternatives:
            launch.alternatives["outcome"] = alternatives
    doubt = _unconfirmed(reading, lexicon)
    if doubt is not None:
        launch.confirmation = "unconfirmed"
        launch.evidence["confirmation"] = reading.evidence(doubt.start, doubt.end)


def _outcomes(reading: Reading, lexicon: Lexicon) -> list[tuple[str, int, int, Sentence]]:
    """Every outcome the foreground states, in text order: (value, token span, sentence)."""
    found: list[tuple[str, int, int, Sentence]] = []
    for sentence in reading.in_text_order():
        if not _about_the_test(reading, sentence, lexicon):
            continue
        # The listed phrases first, then the wider rules where no phrase already stands
        # ("the launch appears to have failed" is one phrase, not also "launch ... failed").
        spans = sorted((hit.start, hit.end, value) for key, value in _OUTCOME_CUES
                       for hit in sentence.cues(key))
        wider = _early_failures(reading, sentence) + _failed_subjects(reading, sentence, lexicon)
        spans += [(start, end, "failure") for start, end in wider]
        taken: set[int] = set()
        in_sentence = []
        for start, end, value in spans:
            if taken.intersection(range(start, end)) or \
                    not _stated(reading, sentence, start, end, lexicon):
                continue
            taken.update(range(start, end))
            in_sentence.append((value, start, end, sentence))
        found += sorted(in_sentence, key=lambda item: item[1])
    return found


def _about_the_test(reading: Reading, sentence: Sentence, lexicon: Lexicon) -> bool:
    """A sentence about the launch or the missile ("It broke up mid-flight" goes on about
    the one before), and not about shooting one down."""
    if sentence.cues("missile_defence_phrases") or sentence.cues("outcome_defence"):
        return False
    return _about_the_launch(reading, sentence, lexicon)


def _about_the_launch(reading: Reading, sentence: Sentence, lexicon: Lexicon) -> bool:
    return mentions_launch(reading.body, sentence, lexicon) or \
        mentions_missile(reading.body.doc, sentence) or \
        lowered(reading.body.doc)[sentence.start] in _GOING_ON


def _early_failures(reading: Reading, sentence: Sentence) -> list[tuple[int, int]]:
    """"exploded shortly after liftoff", "crashed into the sea seconds after launch": a verb
    of breaking or falling with an early-flight phrase after it in the same clause."""
    lower = lowered(reading.body.doc)
    spans = []
    for act in sentence.cues("outcome_failure_acts"):
        for early in sentence.cues("outcome_early_flight"):
            gap = range(act.end, early.start)
            if 0 <= early.start - act.end <= _ACT_GAP_TOKENS and \
                    not any(lower[i] in _CLAUSE_MARKS for i in gap):
                spans.append((act.start, early.end))
                break
    return spans


def _failed_subjects(reading: Reading, sentence: Sentence,
                     lexicon: Lexicon) -> list[tuple[int, int]]:
    """"the attempt to put a satellite into orbit failed on Wednesday": "failed" as the verb
    of a launch, a test or a missile named before it in the same clause.  Not "failed to"
    (what it failed to do says whether it is a failure: "failed to reach orbit" is a cue of
    its own), and not the adjective ("its failed launch", a cue of its own)."""
    lower = lowered(reading.body.doc)
    subjects = lexicon.words("outcome_failed_subjects")
    spans = []
    for i in range(sentence.start, sentence.end):
        if lower[i] != "failed" or (i + 1 < sentence.end and (
                lower[i + 1] == "to" or lower[i + 1] in subjects)):
            continue
        for j in range(i - 1, max(sentence.start, i - _SUBJECT_GAP_TOKENS) - 1, -1):
            if lower[j] in _CLAUSE_MARKS:
                break
            if lower[j] in subjects:
                spans.append((j, i + 1))
                break
    return spans


def _stated(reading: Reading, sentence: Sentence, start: int, end: int,
            lexicon: Lexicon) -> bool:
    """Is the cue at ``start:end`` said of this launch, and said outright?"""
    if _about_another_launch(reading, sentence):
        return False
    clause_start, clause_end = _clause(reading, sentence, start, end)
    if any(reading.in_background(i) for i in range(clause_start, clause_end)):
        return False  # "after a failed launch last month": another launch's outcome
    lower = lowered(reading.body.doc)
    if set(lower[clause_start:start]) & lexicon.words("outcome_hedges"):
        return False
    return not set(lower[sentence.start:start]) & _OPEN_QUESTION


def _about_another_launch(reading: Reading, sentence: Sentence) -> bool:
    """Is a sentence other than the statement about another launch?  It is where it names a
    day that is not known to be the launch day ("... launched a satellite on May 31, which
    ended in failure", read where the launch day is only "Thursday"), and where it follows
    one ending in the background, in the same paragraph, and names no day of its own ("It
    last fired a missile in May.  The country admitted that the launch failed.").  The
    background rules leave both in the foreground; an outcome is rarer than a figure and a
    wrong one worse than none, so these rules are stricter."""
    if sentence is reading.statement.sentence:
        return False
    day = reading.launch_day
    dates = [d for d in reading.dates.get(sentence.index, []) if d.is_event_date]
    if dates:
        return any(d.same_day(day.day, day.weekday) is not True for d in dates)
    if sentence.index == 0:
        return False
    previous = reading.body.sentences[sentence.index - 1]
    return previous.paragraph == sentence.paragraph and reading.in_background(previous.end - 1)


def _clause(reading: Reading, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The token range of the clause around ``start:end``, between clause marks."""
    lower = lowered(reading.body.doc)
    clause_start = start
    while clause_start > sentence.start and lower[clause_start - 1] not in _CLAUSE_MARKS:
        clause_start -= 1
    clause_end = end
    while clause_end < sentence.end and lower[clause_end] not in _CLAUSE_MARKS:
        clause_end += 1
    return clause_start, clause_end


def _unconfirmed(reading: Reading, lexicon: Lexicon) -> Hit | None:
    """The first words that say the launch itself is unconfirmed."""
    lower = lowered(reading.body.doc)
    for sentence in reading.in_text_order():
        for hit in sentence.cues("unconfirmed"):
            if reading.in_background(hit.start) or \
                    _about_another_launch(reading, sentence):
                continue
            clause_start, _ = _clause(reading, sentence, hit.start, hit.end)
            before = set(lower[sentence.start:hit.start])
            # "the claim could not be independently verified" doubts the claim, not the
            # launch the report's sources tracked.
            if before & lexicon.words("unconfirmed_not_launch"):
                continue
            if set(lower[clause_start:hit.start]) & lexicon.words("negation"):
                continue
            if _about_the_launch(reading, sentence, lexicon):
                return hit
    return None
