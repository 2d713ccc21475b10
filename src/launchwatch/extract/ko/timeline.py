"""Which day the reported launch was on, and which sentences speak of other days.

The launch day is the date the statement gives before its verb ("합참은 14일 ... 발사했다고"),
not the day a source spoke ("발사했다고 7일 밝혔다", "조선중앙통신이 7일 보도했다"); a statement
without one takes the day of the next launch sentence ("이날 오후 12시 35분경 ... 발사했다"),
else the headline's, else the reference day.

A sentence is *background*, about another launch, where the days it attaches to events are all
other than the launch day ("지난 26일 ... 발사한 바 있다"), where it names another month or year
without a day ("6월 발사한", "지난해"), or where it looks back ("당시", "지난달"); a sentence
that goes on from background ("이들 발사체를", "당시") stays background.  Inside a sentence
that names both the launch day and another, a figure belongs to the day written nearest before
it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import DateMention, date_mentions, resolve
from .morphology import KoSentence
from .statement import Statement
from .vocabulary import KoreanVocabulary, compact


@dataclass
class Timeline:
    reference: date | None
    mentions: dict[int, list[tuple[DateMention, date | None]]]
    launch_day: date | None = None
    launch_day_mention: DateMention | None = None
    # Where no day resolves (no publication date): the mention the launch day would have
    # come from ("28일"), for the parts of the day it states.
    unresolved_day_mention: DateMention | None = None
    background: set[int] = field(default_factory=set)

    def event_days(self, sentence: KoSentence) -> list[tuple[DateMention, date | None]]:
        """The sentence's dates that date events (not announcements), resolved."""
        return [(m, d) for m, d in self.mentions.get(sentence.index, [])
                if m.names_a_day and not m.announcement]

    def in_background(self, sentence: KoSentence, position: int) -> bool:
        """Whether what the sentence says at ``position`` is about another day's launch."""
        if sentence.index in self.background:
            return True
        before = [(m, d) for m, d in self.event_days(sentence) if m.start < position]
        if before and self.launch_day is not None:
            day = before[-1][1]
            return day is not None and day != self.launch_day
        return False


def read_timeline(sentences: list[KoSentence], reference: date | None) -> Timeline:
    """Every sentence's dates, resolved in text order ("이날" is the day named last)."""
    mentions: dict[int, list[tuple[DateMention, date | None]]] = {}
    last_named: date | None = reference
    for sentence in sentences:
        resolved = []
        for mention in date_mentions(sentence):
            day = resolve(mention, reference, last_named) if mention.names_a_day else None
            resolved.append((mention, day))
            if mention.names_a_day:
                last_named = day  # a day that could not be resolved leaves "이날" open too
        mentions[sentence.index] = resolved
    return Timeline(reference, mentions)


def fix_launch_day(timeline: Timeline, statement: Statement, others: list[Statement],
                   headlines: list[KoSentence]) -> None:
    """Set the launch day from the statement, the next launch sentences, the headline or the
    reference day, in that order; where none resolves, keep the mention it would have come
    from (:attr:`Timeline.unresolved_day_mention`)."""
    found = _launch_day_mention(timeline, statement, others, headlines, resolved=True)
    if found is not None:
        timeline.launch_day_mention, timeline.launch_day = found
        return
    timeline.launch_day = timeline.reference
    if timeline.reference is None:
        unresolved = _launch_day_mention(timeline, statement, others, headlines,
                                         resolved=False)
        timeline.unresolved_day_mention = unresolved[0] if unresolved else None


def _launch_day_mention(timeline: Timeline, statement: Statement, others: list[Statement],
                        headlines: list[KoSentence], resolved: bool
                        ) -> tuple[DateMention, date | None] | None:
    """The launch day's mention (the order of :func:`fix_launch_day`), among the resolved
    ones, or among those that state a day of the month but could not be resolved."""
    def usable(mention: DateMention, day: date | None) -> bool:
        return day is not None if resolved else day is None and mention.day is not None

    for candidate in (statement, *others):
        days = [(m, d) for m, d in timeline.event_days(candidate.sentence)
                if m.start < candidate.end and usable(m, d)]
        if days:
            return days[-1]
    for sentence in headlines:
        days = [(m, d) for m, d in timeline.event_days(sentence) if usable(m, d)]
        if days:
            return days[0]
    return None


def mark_background(timeline: Timeline, sentences: list[KoSentence], statement: Statement,
                    vocabulary: KoreanVocabulary) -> None:
    """Find the sentences about other launches (the module's notes)."""
    day = timeline.launch_day
    markers = vocabulary.compact_set("background_markers")
    continuation = vocabulary.compact_set("background_continuation")
    this_launch = vocabulary.compact_set("this_launch")
    previous_background = False
    for sentence in sentences:
        if sentence is statement.sentence:
            previous_background = False
            continue
        flat = sentence.compact
        events = [d for _, d in timeline.event_days(sentence) if d is not None]
        on_the_day = day is not None and day in events
        other_days = bool(events) and not on_the_day and day is not None
        other_period = any(
            (m.kind == "year" and m.year is not None and day is not None and m.year != day.year)
            or (m.kind == "month" and m.month is not None and day is not None
                and m.month != day.month)
            or m.kind in ("last_year", "last_month")
            for m, _ in timeline.mentions.get(sentence.index, []))
        looks_back = any(marker in flat for marker in markers)
        about_this = any(word in flat for word in this_launch)
        background = sentence.kind == "caption" or other_days or (
            not on_the_day and (other_period or (looks_back and not about_this))) or (
            previous_background and not events and any(w in flat for w in continuation))
        if background:
            timeline.background.add(sentence.index)
        previous_background = background


def looks_back(sentence: KoSentence, vocabulary: KoreanVocabulary) -> bool:
    """Whether a sentence recalls another time ("당시", "지난해", "지난달")."""
    return any(marker in compact(sentence.text)
               for marker in vocabulary.compact_set("background_markers"))
