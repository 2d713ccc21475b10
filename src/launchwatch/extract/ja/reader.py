"""``JapaneseReader``: a Japanese report in, the launch it states out.

The same steps as the English extractor, in Japanese terms:

1. normalise and tokenise the page (:func:`.languages.cjk_document`, Sudachi's words) and keep
   the story, not the links to other stories after it (:func:`.statement.story_sentences`);
2. find the launch statement (:func:`.statement.decide`); none: not a launch report;
3. fix the launch day from the statement's own day ("24日", "同日", "本日") against the
   publication date; a statement dated weeks before it recalls an old launch (sanctions, a
   commentary) and is no report of a new one;
4. set aside the sentences about other launches and other days (the background) and read the
   fields from the rest, the statement first (:mod:`.figures`, :mod:`.names`, :mod:`.dates`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...model import DayHint, Extraction, Launch, PublishedDate, Report
from ..languages import CjkDocument, CjkSentence, cjk_document, published_in_text
from ..lexicon import Lexicon
from ..pagedate import url_year_month
from .dates import JAPAN_ZONE, DayMention, dates_in, launch_clock, to_local
from .figures import fill_count, fill_eez, fill_figures
from .names import (Vocabulary, authorities, fill_class_and_name, fill_landing, fill_site,
                    vocabulary)
from .statement import Decision, decide, is_earlier, story_sentences
from .tokens import tokenize

STALE_DAYS = 10
"""A statement dated this many days or more before the report recalls an earlier launch."""


class JapaneseReader:
    """Reads Japanese reports (the LanguageReader role, :mod:`launchwatch.extract.languages`)."""

    language = "ja"

    def __init__(self, lexicon: Lexicon, default_country: str = "North Korea") -> None:
        self.lexicon = lexicon
        self.default_country = default_country
        self.words: Vocabulary = vocabulary(lexicon)

    def read(self, report: Report, published: PublishedDate | None) -> Extraction:
        document = cjk_document(report.text, tokenize, report.content_hash)
        if published is None:
            found = published_in_text(document.text)
            if found is not None:
                published = PublishedDate(day=found, source="date-line")
        reference = published.day if published else None
        sentences = story_sentences(document)
        decision = decide(document, sentences)

        def result(launches: list[Launch]) -> Extraction:
            return Extraction(source=report.source, report_hash=report.content_hash,
                              is_launch_report=bool(launches), launches=launches,
                              published=published, language=self.language,
                              reasons=decision.reasons)

        if decision.statement is None:
            return result([])
        statement = decision.statement.sentence
        days = _days(sentences, reference)
        day = _launch_day(statement, decision, sentences, days, reference)
        if day is not None and reference is not None and (reference - day).days >= STALE_DAYS:
            decision.reasons.insert(0, f"the statement's launch was on {day}, "
                                    f"{(reference - day).days} days before the report: "
                                    "an earlier launch, not reported here")
            return result([])
        foreground = [statement, *[s for s in sentences if s is not statement
                                   and _about_launch(s, days, day)]]
        launch = Launch(country=self.default_country)
        fill_figures(document, foreground, launch)
        fill_count(document, statement, foreground, launch)
        fill_eez(document, foreground, launch)
        title = [s for s in sentences[:4] if "。" not in s.text]
        fill_class_and_name(document, self.words, statement, title, foreground, launch)
        fill_site(document, self.words, foreground, launch)
        fill_landing(document, foreground, launch)
        self._fill_time(document, statement, foreground, decision, day, launch)
        if launch.date_local is None:
            launch.day_hint = _day_hint(document, statement, decision, sentences, days,
                                        report.url)
        launch.reported_by = authorities(document, self.words, foreground)
        return result([launch])

    def _fill_time(self, document: CjkDocument, statement: CjkSentence,
                   foreground: list[CjkSentence], decision: Decision, day: date | None,
                   launch: Launch) -> None:
        assert decision.statement is not None
        local_zone = self.lexicon.timezone_of(launch.country)
        for sentence in foreground:
            launch_word = decision.statement.token.start if sentence is statement else \
                _launch_word(sentence)
            if launch_word is None:
                continue
            clock = launch_clock(sentence, launch_word)
            if clock is None:
                continue
            if day is None and not clock.local and local_zone not in {None, JAPAN_ZONE}:
                launch.time_zone = JAPAN_ZONE  # fusion moves the time once the day is known
            day, launch.time_local = to_local(day, clock, local_zone)
            launch.evidence["time_local"] = document.evidence(clock.start, clock.end)
            break
        launch.date_local = day


def _days(sentences: list[CjkSentence], reference: date | None):
    """The days each sentence names, "同日" resolved to the day named last before it."""
    found = {}
    previous = None
    for sentence in sentences:
        mentions = dates_in(sentence.text, sentence.start, reference, previous)
        found[sentence.index] = mentions
        named = [m.day for m in mentions if m.day is not None and m.relative is None]
        if named:
            previous = named[-1]
    return found


def _launch_day(statement: CjkSentence, decision: Decision, sentences: list[CjkSentence],
                days, reference: date | None):
    """The day of :func:`_launch_day_mention` among the resolved days, else the reference
    date."""
    mention = _launch_day_mention(statement, decision, sentences, days,
                                  lambda m: m.day is not None)
    return mention.day if mention is not None else reference


def _launch_day_mention(statement: CjkSentence, decision: Decision,
                        sentences: list[CjkSentence], days,
                        usable: Callable[[DayMention], bool]) -> DayMention | None:
    """The statement's ``usable`` day mention nearest before its launch word, else its first;
    a headline statement without one takes the one the first sentence gives before its launch
    word ("北朝鮮は日本時間の28日午後11時42分ごろ...発射した")."""
    assert decision.statement is not None
    mentions = [m for m in days.get(statement.index, []) if usable(m)]
    before = [m for m in mentions if m.start < decision.statement.token.start]
    if before:
        return before[-1]
    if mentions:
        return mentions[0]
    for sentence in sentences:
        if sentence is statement or is_earlier(sentence):
            continue
        launch_word = _launch_word(sentence)
        earlier = [m for m in days.get(sentence.index, [])
                   if usable(m) and launch_word is not None and m.start < launch_word]
        if earlier:
            return earlier[-1]
    return None


def _day_hint(document: CjkDocument, statement: CjkSentence, decision: Decision,
              sentences: list[CjkSentence], days, url: str | None) -> DayHint | None:
    """What an undated report states of its launch day: the day of the month (and month) it
    writes ("6日"), which no publication date resolves, and the year and month of its URL."""
    mention = _launch_day_mention(statement, decision, sentences, days,
                                  lambda m: m.day_of_month is not None)
    return DayHint.stated(month=mention.month if mention else None,
                          day=mention.day_of_month if mention else None,
                          filed_in=url_year_month(url),
                          evidence=document.evidence(mention.start, mention.end)
                          if mention else None)


def _about_launch(sentence: CjkSentence, days, day: date | None) -> bool:
    """Is the sentence about the reported launch: no marker of an earlier one, and no day
    other than the launch's?"""
    if is_earlier(sentence):
        return False
    named = [m.day for m in days.get(sentence.index, []) if m.day is not None]
    return day is None or not named or day in named or all(
        abs((d - day).days) <= 1 for d in named)


def _launch_word(sentence: CjkSentence) -> int | None:
    position = sentence.text.find("発射")
    return None if position < 0 else sentence.start + position
