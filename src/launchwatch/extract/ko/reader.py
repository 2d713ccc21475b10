"""``KoreanReader``: a Korean report in, the launch it states out.

The English extractor's steps in Korean terms:

1. normalise the page (:func:`.languages.cjk_document`: widths, "㎞", "3천700", "두 발") and
   read it into lines and sentences with Kiwi's morphemes (:mod:`.morphology`);
2. find the main launch statement (:mod:`.statement`) in a headline or the lede, the first
   :data:`LEDE_SENTENCES` sentences of the story; a report that states a launch only further
   down (a sanctions story that recalls it, a parade story that compares) is not a launch
   report.  Photo captions count only on a page that is all caption;
3. fix the launch day and set the background apart (:mod:`.timeline`); a statement dated
   :data:`STALE_DAYS` or more before the report recalls an earlier launch;
4. read each field from the foreground, the first stated value first: the statement's
   sentence, then the others in text order (:mod:`.figures`, :mod:`.weapon`, :mod:`.places`).

Clock times in Korean reports are Seoul's (the Joint Chiefs of Staff's), except in North
Korea's own media (KCNA, Rodong Sinmun), which give Pyongyang's; the two differed by half an
hour from 2015-08-15 to 2018-05-04 (:mod:`launchwatch.model.clock`).
"""

from __future__ import annotations

from ...model import (DayHint, Extraction, Launch, PublishedDate, Quantity, Report,
                      local_clock)
from ..languages import CjkDocument, cjk_document
from ..lexicon import Lexicon
from ..pagedate import url_year_month
from .dates import DateMention, clock_mentions, stamp_date
from .figures import sentence_counts, sentence_figures
from .morphology import KoSentence, read_sentences
from .places import eez_verdict, landing_area, launch_site
from .statement import Statement, prediction_in, statements
from .timeline import Timeline, fix_launch_day, mark_background, read_timeline
from .vocabulary import KoreanVocabulary, load_vocabulary
from .weapon import missile_name, sentence_class

LEDE_SENTENCES = 4
"""How many sentences of the story (after its headline) may hold the main statement."""

STALE_DAYS = 10
"""A statement dated this many days or more before the report recalls an earlier launch."""

SEOUL, PYONGYANG = "Asia/Seoul", "Asia/Pyongyang"

_UNRELATED_CLOCK = ("낙하", "탄착", "통과", "경보", "발령", "회의", "통화", "소집", "해제", "인정",
                    "발표", "보도", "추락", "도착")


class KoreanReader:
    """Reads Korean reports (the LanguageReader role, :mod:`launchwatch.extract.languages`)."""

    language = "ko"

    def __init__(self, lexicon: Lexicon | None = None,
                 default_country: str = "North Korea") -> None:
        self.lexicon = lexicon
        self.default_country = default_country
        self.vocabulary: KoreanVocabulary = load_vocabulary()

    def read(self, report: Report, published: PublishedDate | None) -> Extraction:
        document = cjk_document(report.text, None, report.content_hash)
        sentences = read_sentences(document.text, self.vocabulary)
        if published is None:
            found = stamp_date(sentences)
            if found is not None:
                published = PublishedDate(day=found, source="date-line")
        reference = published.day if published else None
        reasons: list[str] = []

        def result(launches: list[Launch]) -> Extraction:
            return Extraction(source=report.source, report_hash=report.content_hash,
                              is_launch_report=bool(launches), launches=launches,
                              published=published, language=self.language, reasons=reasons)

        found_statements = [s for sentence in sentences if sentence.kind != "furniture"
                            for s in statements(sentence, self.vocabulary)]
        timeline = read_timeline(sentences, reference)
        statement = self._main_statement(sentences, found_statements, timeline, reasons)
        if statement is None:
            return result([])
        others = [s for s in found_statements if s.sentence.index > statement.sentence.index
                  and s.sentence.kind == "prose"]
        headlines = [s for s in sentences if s.kind == "headline"]
        fix_launch_day(timeline, statement, others, headlines)
        day = timeline.launch_day
        if day is not None and reference is not None and (reference - day).days >= STALE_DAYS:
            reasons.insert(0, f"the statement's launch was on {day}, {(reference - day).days} "
                           "days before the report: an earlier launch, not reported here")
            return result([])
        mark_background(timeline, sentences, statement, self.vocabulary)
        reasons.append(f"launch statement: {statement.sentence.text[:120]!r}")
        stating = {s.sentence.index for s in found_statements}
        reading = _Reading(document, sentences, statement, timeline, self.vocabulary, stating)
        launch = Launch(country=self.default_country)
        reading.fill_figures(launch)
        reading.fill_count(launch)
        reading.fill_class_and_name(launch)
        reading.fill_places(launch)
        reading.fill_time(launch)
        if launch.date_local is None:
            launch.day_hint = _day_hint(reading, timeline.unresolved_day_mention, report.url)
        launch.reported_by = reading.authorities()
        return result([launch])

    def _main_statement(self, sentences: list[KoSentence], found: list[Statement],
                        timeline: Timeline, reasons: list[str]) -> Statement | None:
        """The first statement of the lede, else of a headline; captions only on a page
        that has no story besides them."""
        story = [s for s in sentences if s.kind == "prose"]
        lede = {s.index for s in story[:LEDE_SENTENCES]}
        in_lede = [s for s in found if s.sentence.index in lede and not self._recalls(s, timeline)]
        in_headline = [s for s in found if s.sentence.kind == "headline"
                       and not prediction_in(s.sentence.text, self.vocabulary)]
        captions = [s for s in found if s.sentence.kind == "caption"] if not story else []
        for group in (in_lede, in_headline, captions):
            if group:
                return group[0]
        if found:
            reasons.append("no launch statement in the headline or the lede; later ones "
                           f"recall other launches: {found[0].sentence.text[:120]!r}")
        else:
            reasons.append("no sentence states a launch")
        return None

    def _recalls(self, statement: Statement, timeline: Timeline) -> bool:
        """A lede statement dated by a month or year alone ("2017년 11월 발사한") recalls
        another launch."""
        before = [m for m, _ in timeline.mentions.get(statement.sentence.index, [])
                  if m.start < statement.start]
        return bool(before) and before[-1].kind in ("month", "year", "last_year", "last_month")


class _Reading:
    """One report's sentences, statement and timeline, and the field rules that read them."""

    def __init__(self, document: CjkDocument, sentences: list[KoSentence], statement: Statement,
                 timeline: Timeline, vocabulary: KoreanVocabulary, stating: set[int]) -> None:
        self.document = document
        self.stating = stating
        self.statement = statement
        self.timeline = timeline
        self.vocabulary = vocabulary
        self.foreground = [s for s in sentences if s.kind in ("headline", "prose")
                           and s.index not in timeline.background]
        if statement.sentence not in self.foreground:
            self.foreground.insert(0, statement.sentence)
        # The statement first, then the rest in text order.
        self.ordered = [statement.sentence, *[s for s in self.foreground
                                               if s is not statement.sentence]]

    def evidence(self, start: int, end: int):
        return self.document.evidence(start, end)

    def _launch_sentences(self) -> list[KoSentence]:
        """The statement's sentence, then the foreground sentences that speak of a launch."""
        words = ("발사", "포착", "탐지", "쏘", "쐈", "쏜", "시험")
        return [self.statement.sentence, *[s for s in self.foreground
                                           if s is not self.statement.sentence
                                           and any(w in s.text for w in words)]]

    def fill_figures(self, launch: Launch) -> None:
        for sentence in self.foreground:
            for found in sentence_figures(sentence, self.vocabulary):
                if getattr(launch, found.kind) is not None or \
                        self.timeline.in_background(sentence, found.start):
                    continue
                figure = found.figure
                setattr(launch, found.kind, Quantity(
                    value=figure.value, unit="s" if found.kind == "flight_time_s" else "km",
                    qualifier=figure.qualifier, low=figure.low, high=figure.high))
                launch.evidence[found.kind] = self.evidence(found.start, found.end)

    def fill_count(self, launch: Launch) -> None:
        """The statement's count, else the first of a launch sentence; a vague count ("수
        발") in the statement leaves it open."""
        for sentence in self._launch_sentences():
            for count in sentence_counts(sentence, self.vocabulary):
                if self.timeline.in_background(sentence, count.start):
                    continue
                if count.value is not None:
                    launch.count = count.value
                    launch.evidence["count"] = self.evidence(count.start, count.end)
                return

    def fill_class_and_name(self, launch: Launch) -> None:
        """The first class a foreground sentence gives, the statement's first; "탄도미사일"
        alone only where no sentence gives more; else the named missile's class."""
        unknown_seen = False
        for sentence in self.ordered:
            if sentence.kind == "headline" and prediction_in(sentence.text, self.vocabulary):
                continue
            cls = sentence_class(sentence.text, self.vocabulary)
            if cls is None:
                continue
            if cls == "unknown":
                unknown_seen = True
                continue
            launch.missile_class = cls
            launch.evidence["missile_class"] = self.evidence(sentence.start, sentence.end)
            break
        for sentence in self.ordered:
            name = missile_name(sentence.text, self.vocabulary)
            if name is not None:
                launch.missile_name = name[2]
                start = sentence.start + sentence.compact_offset(name[0])
                end = sentence.start + sentence.compact_offset(name[1] - 1) + 1
                launch.evidence["missile_name"] = self.evidence(start, end)
                break
        if launch.missile_class is None:
            named = self.vocabulary.class_of_name(launch.missile_name or "")
            launch.missile_class = named or ("unknown" if unknown_seen else None)  # type: ignore[assignment]

    def fill_places(self, launch: Launch) -> None:
        """The site from the sentences that state a launch; the landing area and the EEZ
        verdict from the first foreground sentence that gives each.  Place phrases are
        reported as the page wrote them (the evidence text), not normalised."""
        for sentence in [s for s in self._launch_sentences() if s.index in self.stating]:
            position = self.statement.start if sentence is self.statement.sentence else sentence.end
            site = launch_site(sentence, position, self.vocabulary)
            if site is not None and not self.timeline.in_background(sentence, site.start):
                launch.evidence["launch_site"] = self.evidence(site.start, site.end)
                launch.launch_site = launch.evidence["launch_site"].text
                break
        for sentence in self.ordered:
            if launch.landing_area is None:
                area = landing_area(sentence, self.vocabulary)
                if area is not None and not self.timeline.in_background(sentence, area.start):
                    launch.evidence["landing_area"] = self.evidence(area.start, area.end)
                    launch.landing_area = launch.evidence["landing_area"].text
            if launch.inside_japan_eez is None:
                verdict = eez_verdict(sentence, self.vocabulary)
                if verdict is not None and not self.timeline.in_background(sentence, verdict[1]):
                    launch.inside_japan_eez = verdict[0]
                    launch.evidence["inside_japan_eez"] = self.evidence(verdict[1], verdict[2])

    def fill_time(self, launch: Launch) -> None:
        """The first clock time of a launch sentence, in Pyongyang's clock; and the day."""
        day = self.timeline.launch_day
        mention = self.timeline.launch_day_mention
        for sentence in self._launch_sentences():
            limit = self.statement.end if sentence is self.statement.sentence else sentence.end
            for clock in clock_mentions(sentence):
                after = sentence.text[clock.end - sentence.start:][:14]
                if clock.start > limit or any(word in after for word in _UNRELATED_CLOCK) or \
                        self.timeline.in_background(sentence, clock.start):
                    continue
                zone = PYONGYANG if self._north_korean_source(sentence) else SEOUL
                if day is None and zone != PYONGYANG:
                    launch.time_zone = zone  # fusion moves the time once the day is known
                day, launch.time_local = local_clock(day, clock.value, zone, PYONGYANG)
                launch.evidence["time_local"] = self.evidence(clock.start, clock.end)
                break
            if launch.time_local is not None:
                break
        launch.date_local = day
        if day is not None and mention is not None:
            launch.evidence["date_local"] = self.evidence(mention.start, mention.end)

    def _north_korean_source(self, sentence: KoSentence) -> bool:
        return any(name == "KCNA" for _, _, name in self.vocabulary.authorities.find(
            sentence.compact))

    def authorities(self) -> list[str]:
        """The authorities the foreground cites, in text order."""
        found: list[str] = []
        for sentence in self.ordered:
            for _, _, name in self.vocabulary.authorities.find(sentence.compact):
                if name not in found:
                    found.append(name)
        return found


def _day_hint(reading: _Reading, mention: DateMention | None, url: str | None
              ) -> DayHint | None:
    """What an undated report states of its launch day: the day of the month (and month) it
    writes ("28일"), which no publication date resolves, and the year and month of its URL."""
    return DayHint.stated(year=mention.year if mention else None,
                          month=mention.month if mention else None,
                          day=mention.day if mention else None,
                          filed_in=url_year_month(url),
                          evidence=reading.evidence(mention.start, mention.end)
                          if mention else None)
