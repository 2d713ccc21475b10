"""``RuleExtractor``: one report in, the launches it describes out.

The rules run in the order an analyst reads a story:

1. find the *main launch statement*: a past-tense launch verb with a missile as its object,
   not negated, not hedged ("may have launched"), not an aggregate ("has fired more than 60
   this year"), in the title or the lede.  No such statement: not a launch report.
2. resolve dates against the publication date and fix the launch day from the statement;
   clauses that another day's date introduces ("On Thursday, it fired ...") are *background*.
3. read every field from the sentences that are not background, keeping for each the text span
   that supports it; when several sources give a figure, the first stated is the best value and
   the others are kept as alternatives.
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, datetime, time
from typing import Iterable
from zoneinfo import ZoneInfo

from ..model import Evidence, PublishedDate, Extraction, Launch, Quantity, Report
from .context import find_context
from .document import Hit, lowered, Document, Sentence, analyse
from .fields import (MISSILE_NOUNS, ClockTime,
                     Found, authorities_in, class_mentions, clock_times,
                     direction, eez_verdict, landing_area, launch_count, launch_site,
                     launch_verb_tokens, mentions_missile, missile_names)
from .lexicon import Lexicon, load_lexicon
from .page import normalise, read_page
from .pagedate import page_date, url_year_month
from .relevance import Statement, decide, mentions_launch
from .numbers import parse_number
from .quantities import Measurement, find_measurements
from .timeframe import DateExpression, find_dates, reference_from_dateline

_ROLE_FIELD = {"distance": ("distance_km", "km"), "apogee": ("apogee_km", "km"),
               "flight_time": ("flight_time_s", "s"), "speed": ("max_speed_mach", "Mach")}
_COMPARISON = frozenset({"than", "version", "like", "similar", "successor", "unlike", "larger",
                         "smaller", "older", "predecessor", "variant", "resembled", "resembling",
                         "compared"})
_IDENTIFYING = frozenset({"assessed", "believed", "identified", "presumed", "appeared",
                          "called", "described", "type", "class", "named", "dubbed", "test",
                          "designated", "judged", "estimated", "considered", "thought",
                          "believe", "believes", "assess", "assesses", "suspected",
                          "appears", "claimed", "detected", "tracked"})
# A class that says what kind of weapon flew beats one that only says how far it reaches:
# "intermediate-range hypersonic missile" is hypersonic, a "short-range" rocket of a
# "multiple rocket launcher" is MLRS, a "short-range" missile fired from a submarine SLBM.
_SPECIFIC_CLASSES = ("hypersonic", "SLBM", "MLRS", "SLV")
_CLASS_HEDGES = frozenset({"may", "might", "could", "possibly", "whether", "if"})
_ORDINAL_MISSILE = frozenset({"first", "second", "third", "other", "another", "latter",
                              "former", "last", "both", "each"})
# "the Defence Ministry said" names the launching state's own ministry, except for North
# Korea, whose launches are reported by its neighbours' ministries.
_MINISTRY_OF = {"Russia": "Russian MoD", "India": "Indian Ministry of Defence",
                "China": "China MND", "Iran": "Iranian MoD", "Israel": "Israeli MoD",
                "France": "French MoD", "United Kingdom": "UK MoD"}
_FORM_COUNT_KEY = re.compile(r"\bnumber(?: and type| of missiles)?\s*:\s*(?P<n>[\w-]+)",
                             re.IGNORECASE)
_RECALLED_LAUNCH_WORDS = frozenset({"fired", "launched", "tested", "flew", "flown",
                                    "launch", "test", "test-fired", "travelled", "traveled",
                                    "reached", "climbed"})
_USUAL_REPORTERS = frozenset({"South Korea", "Japan", "United States"})
_SOURCE_VERBS = frozenset({"said", "says", "told", "reported", "announced", "detected",
                           "stated", "confirmed", "put", "tracked", "estimated", "assessed",
                           "added", "gave", "acknowledged", "noted", "claimed", "disclosed"})
_SAYING_GOVERNORS = frozenset({"announced", "announces", "confirmed", "confirms", "reported",
                               "claimed", "claims", "acknowledged", "hailed"})
_WATCHING_VERBS = frozenset({"says", "said", "detected", "detects", "tracked", "tracks",
                             "reported", "reports", "confirmed", "confirms", "spotted"})
_PRONOUN_STARTS = frozenset({"it", "they", "that", "those", "both", "each", "this"})
_LEDE_PARAGRAPHS = 2


class RuleExtractor:
    """Extractor role implemented with readable rules over spaCy tokens and lexicons."""

    def __init__(self, lexicon: Lexicon | None = None,
                 default_country: str = "North Korea") -> None:
        self.lexicon = lexicon or load_lexicon()
        self.default_country = default_country

    def extract(self, report: Report) -> Extraction:
        page = read_page(report.text, report.title)
        body = analyse(page.text, self.lexicon, page=page)
        title_text = report.title or page.headline
        title = analyse(normalise(title_text).text, self.lexicon) if title_text else None
        run = _Run(self, report, body, title)
        return run.extraction()


class _Run:
    """The state of one extraction: a report, its analysed text and what was decided so far."""

    def __init__(self, extractor: RuleExtractor, report: Report, body: Document,
                 title: Document | None) -> None:
        self.lexicon = extractor.lexicon
        self.default_country = extractor.default_country
        self.report = report
        self.body = body
        self.title = title
        self.doc = body.doc
        self.publisher_authority = _publisher_authority(report.publisher, self.lexicon)
        self.page_date = page_date(report.text, report.url) if report.published is None \
            else None
        self.launch_words = self.lexicon.words("launch_verbs")

    # ------------------------------------------------------------------ top level
    def extraction(self) -> Extraction:
        self.decision = decide(self.body, self.title, self.lexicon)
        statement = self.decision.statement
        if statement is None:
            context = find_context(self.body, self.lexicon, self.body.sentences,
                                   lambda _i: False, self.report.content_hash)
            return Extraction(source=self.report.source, report_hash=self.report.content_hash,
                              is_launch_report=False, launches=[], context=context,
                              reasons=self.decision.reasons, published=self._published())
        self.statement = statement
        self.country = self._country(statement)
        self.reference = self._reference_date()
        year_month = url_year_month(self.report.url) if self.reference is None else None
        self.dates = {s.index: find_dates(self.body, s, self.reference, self.launch_words,
                                          year_month)
                      for s in self.body.sentences}
        dateline_end = self._dateline = _dateline_end(self.body)
        for expression in self.dates.get(0, []):
            if expression.end <= dateline_end:
                expression.reporting = True  # "SEOUL, May 28 --": when it was filed
        self.launch_day, self.launch_weekday, day_found = self._launch_day()
        self.background = self._background_ranges()
        launch = self._launch(day_found)
        recalled = self._background_launches()
        context = find_context(self.body, self.lexicon, self.body.sentences,
                               self.in_background, self.report.content_hash)
        return Extraction(source=self.report.source, report_hash=self.report.content_hash,
                          is_launch_report=True, launches=[launch, *recalled],
                          context=context, reasons=self.decision.reasons,
                          published=self._published())

    # ------------------------------------------------------------------ who and when
    def _country(self, statement: Statement) -> str:
        """The launching state: the subject of the launch statement, else the lede's."""
        sentence = statement.sentence
        lower = lowered(sentence.span.doc)
        dateline = _dateline_end(self.body) if not statement.in_title else 0
        own = [h for h in sentence.of_kind("COUNTRY")
               if not _speaks_for(sentence, h) and h.start >= dateline]
        # "The U.S. military says it detected ...": a watcher, unless no one else is named.
        own = [h for h in own if not self._detects(sentence, h)] or own
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
        before = [h for h in own if h.start < verb]
        if before:
            return before[-1].value
        launcher = [h for h in own if h.value not in _USUAL_REPORTERS]
        if launcher:
            return launcher[0].value
        for kind in ("MISSILE", "SITE"):
            hit = next(iter(sentence.of_kind(kind)), None)
            entry = hit and (self.lexicon.sites.get(hit.value) or
                             self.lexicon.missiles.get(hit.value))
            if entry:
                return entry.country
        nearby = ([] if self.title is None else self.title.sentences) + self.body.sentences[:3]
        hits = [h for other in nearby for h in other.of_kind("COUNTRY")
                if not _speaks_for(other, h)]
        # Seoul, Tokyo and Washington report launches far more often than they make them.
        launchers = [h for h in hits if h.value not in _USUAL_REPORTERS]
        if launchers:
            return launchers[0].value
        for kind in ("SITE", "MISSILE"):
            hit = next((h for s in self.body.sentences[:6] for h in s.of_kind(kind)), None)
            if hit is not None:
                entry = (self.lexicon.sites.get(hit.value) or self.lexicon.missiles.get(hit.value))
                if entry is not None:
                    return entry.country
        if own or hits:
            return (own or hits)[0].value
        if self.publisher_authority == "KCNA":
            return "North Korea"
        return self.default_country

    def _published(self) -> PublishedDate | None:
        """Where the report's date came from, for the record."""
        if self.report.published is not None:
            return PublishedDate(day=self.report.published.date(), source="header")
        found = self.page_date
        if found is None:
            return None
        evidence = None
        if found.start is not None and found.end is not None:
            evidence = Evidence(start=found.start, end=found.end,
                                text=self.report.text[found.start:found.end],
                                report_hash=self.report.content_hash)
        return PublishedDate(day=found.day, source=found.source, evidence=evidence)

    def _reference_date(self) -> date | None:
        """The day the report was written: its header's, else the page's own (URL, date
        line, dateline), else a KCNA-style dateline with a Juche year."""
        published = self.report.published
        if published is not None:
            zone = self.lexicon.timezone_of(self.country)
            if published.tzinfo is not None and zone:
                published = published.astimezone(ZoneInfo(zone))
            return published.date()
        if self.page_date is not None:
            return self.page_date.day
        return reference_from_dateline(self.body.doc.text.lstrip())

    def _detects(self, sentence: Sentence, country: Hit) -> bool:
        """'The U.S. military says it detected ...', 'Japan detected ...': a country that
        watches or reports the launch, as the subject of such a verb."""
        following = lowered(self.doc)[country.end:min(sentence.end, country.end + 4)]
        return bool(set(following) & _WATCHING_VERBS)

    def _launching_state_speaks(self, sentence: Sentence) -> bool:
        """Is the launching state (its news agency, its state media) the source here?"""
        words = set(self._words(sentence))
        if words & {"kcna", "kctv", "xinhua", "tass", "irna", "ispr"} or \
                {"state", "media"} <= words or "state-run" in words:
            return True
        speakers = [h for h in sentence.of_kind("COUNTRY") if h.value == self.country]
        return any(_speaks_for(sentence, h) or lowered(self.doc)[h.end:h.end + 3] and
                   set(lowered(self.doc)[h.end:h.end + 3]) & _SOURCE_VERBS
                   for h in speakers)

    def _launch_day(self) -> tuple[date | None, int | None, DateExpression | None]:
        """The launch day, from the first of these that gives one:

        1. the statement's own event date ("fired ... on Monday");
        2. an event date in a sentence about the launch in the first two paragraphs;
        3. the day a neighbour's military or government said it ("..., the ministry said on
           Monday": they report a launch the day it happens; the launching state's own media
           report it later, so their day is no launch day);
        4. an event date in a sentence about the launch further into the lede;
        5. the headline's date; else the day the report was published.
        """
        statement = self.statement.sentence
        own: list[DateExpression] = []
        said: list[DateExpression] = []
        if not self.statement.in_title:
            announced = self._announced_noun()
            for d in self.dates[statement.index]:
                if d.is_event_date and (d.day or d.weekday is not None or d.month):
                    # "announced the launch of X on Friday": the day of the announcement
                    (said if announced and d.start > self.statement.verb_start else own).append(d)
                elif d.reporting and (d.day or d.weekday is not None) and not d.relational \
                        and d.start >= self._dateline:
                    said.append(d)
            vague = any(h.kind == "CUE" and h.value == "background_phrases"
                        for h in statement.hits)  # "... last month, a source said Thursday"
            if vague or self._launching_state_speaks(statement):
                said = []
        near, far = [], []
        for sentence in self.body.sentences:
            if sentence is statement or sentence.paragraph > _LEDE_PARAGRAPHS + 2:
                continue
            if not mentions_launch(self.body, sentence, self.lexicon) and \
                    not (sentence.paragraph == 0 and mentions_missile(self.doc, sentence)):
                continue
            # "The Saturday launch comes two days before ...": dates after a background
            # phrase belong to another event.
            cut = min((h.start for h in sentence.hits
                       if h.kind == "CUE" and h.value == "background_phrases"),
                      default=sentence.end)
            found = [d for d in self.dates[sentence.index]
                     if d.is_event_date and (d.day or d.weekday is not None) and d.start < cut]
            (near if sentence.paragraph < _LEDE_PARAGRAPHS else far).extend(found)
        headline = []
        if self.title is not None:
            for sentence in self.title.sentences:
                headline += [d for d in find_dates(self.title, sentence, self.reference,
                                                   self.launch_words)
                             if d.is_event_date and d.day]
        for expression in own + near + said + far + headline:
            if expression.kind in {"year", "month", "my"}:
                continue
            if expression.day is not None:
                return expression.day, expression.day.weekday(), expression
            if expression.weekday is not None:
                return None, expression.weekday, expression
        if self.reference is not None and (self.report.published is not None or
                                           self.page_date is not None):
            return self.reference, self.reference.weekday(), None
        return None, None, None

    def _announced_noun(self) -> bool:
        """Is the statement 'X announced/confirmed the launch of ...' (a noun statement
        brought in by a verb of saying, whose dates are the saying's)?"""
        if self.statement.form != "noun":
            return False
        start = max(self.statement.sentence.start, self.statement.verb_start - 10)
        return bool(set(lowered(self.doc)[start:self.statement.verb_start]) & _SAYING_GOVERNORS)

    # ------------------------------------------------------------------ background
    def _background_ranges(self) -> list[tuple[int, int]]:
        """Token ranges whose facts belong to another launch than the reported one."""
        ranges: list[tuple[int, int]] = []
        self.background_openers: list[DateExpression | None] = []
        previous_ended_background = False
        previous_paragraph = -1
        for sentence in self.body.sentences:
            first_word = sentence.span[0].lower_ if len(sentence.span) else ""
            inherit = (previous_ended_background and sentence.paragraph == previous_paragraph
                       and first_word in _PRONOUN_STARTS)
            switches: list[tuple[int, bool, DateExpression | None]] = []
            for expression in self.dates[sentence.index]:
                if not expression.is_event_date:
                    continue
                same = expression.same_day(self.launch_day, self.launch_weekday)
                if same is False:
                    where = expression.start
                    if expression.opens_when and expression.relational:
                        where = expression.end
                    switches.append((where, True, expression))
                elif same is True and expression.kind not in {"year", "month", "my"}:
                    switches.append((expression.start, False, None))
            for hit in sentence.hits:
                if hit.kind == "CUE" and hit.value == "background_phrases":
                    switches.append((hit.start, True, None))
                elif hit.kind == "CUE" and hit.value == "aggregate":
                    switches.append((sentence.start, True, None))
            switches.sort(key=lambda item: (item[0], item[1]))
            in_background = inherit
            mark = sentence.start
            opener = self.background_openers[-1] if inherit and self.background_openers \
                else None
            for where, background, expression in switches:
                if sentence is self.statement.sentence and where <= self.statement.verb_start:
                    continue
                if background and in_background and expression is not None and \
                        where > mark and (opener is None or opener.day != expression.day):
                    # "on Jan. 14 ..., and on Jan. 17 ...": a second earlier launch.
                    ranges.append((mark, where))
                    self.background_openers.append(opener)
                    mark, opener = where, expression
                elif background and not in_background:
                    in_background, mark, opener = True, where, expression
                elif not background and in_background:
                    ranges.append((mark, where))
                    self.background_openers.append(opener)
                    in_background = False
                elif background and opener is None:
                    opener = expression
            if in_background:
                ranges.append((mark, sentence.end))
                self.background_openers.append(opener)
            previous_ended_background = in_background
            previous_paragraph = sentence.paragraph
        return ranges

    def in_background(self, token_index: int) -> bool:
        return any(a <= token_index < b for a, b in self.background)

    def _words(self, sentence: Sentence) -> list[str]:
        return lowered(self.doc)[sentence.start:sentence.end]

    def _partly_foreground(self, sentence: Sentence) -> bool:
        return not any(a <= sentence.start and sentence.end <= b for a, b in self.background)

    def _foreground(self) -> Iterable[Sentence]:
        """Sentences with at least one token that is not background, statement first."""
        first = self.statement.sentence if not self.statement.in_title else None
        ordered = ([first] if first is not None else []) + \
            [s for s in self.body.sentences if s is not first]
        for sentence in ordered:
            if self._partly_foreground(sentence):
                yield sentence

    def _in_text_order(self) -> list[Sentence]:
        return [s for s in self.body.sentences if self._partly_foreground(s)]

    # ------------------------------------------------------------------ the launch
    def _launch(self, day_found: DateExpression | None) -> Launch:
        launch = Launch(country=self.country)
        self._fill_measurements(launch)
        self._fill_site(launch)
        self._fill_class_and_name(launch)
        self._fill_count(launch)
        self._fill_landing(launch)
        self._fill_time(launch, day_found)
        launch.reported_by = self._reported_by()
        return launch

    def _background_launches(self) -> list[Launch]:
        """Earlier launches the report recalls, each with the figures its clause gives."""
        doc = self.doc
        launches: list[Launch] = []
        for (start, end), opener in zip(self.background, self.background_openers):
            sentences = [s for s in self.body.sentences if s.start < end and start < s.end]
            words = set(lowered(doc)[start:end])
            if not words & _RECALLED_LAUNCH_WORDS:
                continue
            launch = Launch(role="background", country=self.country)
            if opener is not None and opener.day is not None:
                launch.date_local = opener.day
                launch.evidence["date_local"] = self._evidence(opener.start, opener.end)
            for sentence in sentences:
                for m in find_measurements(self.body, sentence, self.lexicon):
                    if not start <= m.number_start < end or m.superseded or \
                            m.role not in _ROLE_FIELD:
                        continue
                    name, unit = _ROLE_FIELD[m.role]
                    current = getattr(launch, name)
                    if current is None or m.value > current.value:
                        setattr(launch, name, Quantity(value=_rounded(m.value), unit=unit,
                                                       qualifier=m.qualifier))
                        launch.evidence[name] = self._evidence(m.start, m.end)
                for found in class_mentions(doc, sentence):
                    if start <= found.start < end and launch.missile_class is None:
                        launch.missile_class = found.value  # type: ignore[assignment]
                        launch.evidence["missile_class"] = self._evidence(found.start, found.end)
                for hit in missile_names(sentence):
                    if start <= hit.start < end and launch.missile_name is None:
                        launch.missile_name = hit.value
                        launch.evidence["missile_name"] = self._evidence(hit.start, hit.end)
                count = launch_count(doc, sentence, self.lexicon, within=(start, end))
                if count is not None and count.value is not None and launch.count is None:
                    launch.count = int(count.value)
                    launch.evidence["count"] = self._evidence(count.start, count.end)
            figures = [launch.distance_km, launch.apogee_km, launch.flight_time_s,
                       launch.max_speed_mach]
            if any(f is not None for f in figures) or launch.missile_name or launch.count:
                if launch.missile_class is None and launch.missile_name:
                    launch.missile_class = self.lexicon.missiles[  # type: ignore[assignment]
                        launch.missile_name].missile_class
                launches.append(launch)
        return launches

    def _evidence(self, start: int, end: int) -> Evidence:
        char_start, char_end, text = self.body.char_span(start, end)
        return Evidence(start=char_start, end=char_end, text=text,
                        report_hash=self.report.content_hash)

    def _authority_of(self, sentence: Sentence) -> str | None:
        hits = [h for h in authorities_in(sentence) if not self.in_background(h.start)]
        if hits:
            return hits[0].value
        for earlier in reversed(self.body.sentences[:sentence.index]):
            if earlier.paragraph != sentence.paragraph:
                break
            hits = authorities_in(earlier)
            if hits:
                return hits[0].value
        return self.publisher_authority

    def _fill_measurements(self, launch: Launch) -> None:
        best: dict[str, tuple[Sentence, list[Measurement]]] = {}
        self._ordinal_values: list[Measurement] = []
        others: dict[str, list[tuple[Measurement, str | None]]] = {}
        for sentence in self._in_text_order():
            measurements = [m for m in find_measurements(self.body, sentence, self.lexicon)
                            if not self.in_background(m.number_start) and not m.superseded]
            if self._about_one_of_several(sentence):
                self._ordinal_values.extend(measurements)
            for role in _ROLE_FIELD:
                chosen = [m for m in measurements if m.role == role]
                if not chosen:
                    continue
                if role not in best:
                    best[role] = (sentence, chosen)
                else:
                    authority = self._authority_of(sentence)
                    others.setdefault(role, []).extend((m, authority) for m in chosen)
        for role, (sentence, chosen) in best.items():
            name, unit = _ROLE_FIELD[role]
            if self._about_one_of_several(sentence):
                # "The first missile flew 100 km ... the second 400 km": one salvo, the
                # largest figure describes it (the others stay as alternatives).
                chosen = chosen + [m for m, _ in others.get(role, [])
                                   if m.superseded is False and m in self._ordinal_values]
            top = max(chosen, key=lambda m: m.value)
            setattr(launch, name, Quantity(value=_rounded(top.value), unit=unit,
                                           qualifier=top.qualifier,
                                           low=_rounded(top.low) if top.low is not None else None,
                                           high=_rounded(top.value) if top.low is not None
                                           else None))
            launch.evidence[name] = self._evidence(top.start, top.end)
            alternatives = []
            seen = {_rounded(top.value)}
            for m, authority in others.get(role, []):
                value = _rounded(m.value)
                if value in seen:
                    continue
                seen.add(value)
                alternatives.append({"value": value, "qualifier": m.qualifier,
                                     "reported_by": authority,
                                     "evidence": self._evidence(m.start, m.end).model_dump(
                                         exclude={"report_hash"})})
            if alternatives:
                launch.alternatives[name] = alternatives

    def _about_one_of_several(self, sentence: Sentence) -> bool:
        """'The first missile ...', 'the second flew ...': a sentence about one of a salvo."""
        doc = self.doc
        for i in range(sentence.start, sentence.end - 1):
            if lowered(doc)[i] in _ORDINAL_MISSILE and (
                    lowered(doc)[i + 1] in MISSILE_NOUNS or lowered(doc)[i + 1] in
                    {"one", "flew", "followed", "came", "reached", "travelled", "traveled"}):
                return True
        return False

    def _fill_site(self, launch: Launch) -> None:
        """The first "from <place>" of a launch sentence; a named site beats a vague area."""
        candidates = []
        for sentence in self._foreground():
            is_statement = sentence is self.statement.sentence
            if not is_statement and not (launch_verb_tokens(sentence) or any(
                    w in {"launch", "launched", "fired"} for w in self._words(sentence))):
                continue
            after = self.statement.verb_start if is_statement else sentence.start
            found = launch_site(self.body, sentence, self.lexicon, after)
            if found is not None and not self.in_background(found[0].start):
                candidates.append(found)
        if not candidates:
            return
        phrase, site = next((c for c in candidates if c[1] is not None), candidates[0])
        launch.launch_site = str(phrase.value)
        launch.evidence["launch_site"] = self._evidence(phrase.start, phrase.end)
        entry = self.lexicon.sites.get(site.value) if site is not None else None
        if entry is not None and entry.specific:
            launch.launch_lat, launch.launch_lon = entry.lat_deg, entry.lon_deg

    def _describes_launched_missile(self, sentence: Sentence, name: str | None = None) -> bool:
        """The statement, or a sentence that identifies what flew ("assessed as ...") or
        names it."""
        if sentence is self.statement.sentence:
            return True
        words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
        if words & {"whether", "not", "would", "could", "might"}:
            return False
        if name is not None and any(h.value == name for h in missile_names(sentence)):
            return True
        return bool(words & _IDENTIFYING) or mentions_launch(self.body, sentence, self.lexicon)

    def _missile_name(self) -> Hit | None:
        """The name of what flew: the first name a describing sentence gives, unless it is
        compared with ("a larger version of the Hwasong-15") or listed beside another."""
        doc = self.doc
        skipped_previous = False
        for sentence in self._foreground():
            if not self._describes_launched_missile(sentence):
                continue
            for hit in missile_names(sentence):
                if self.in_background(hit.start):
                    continue
                before = set(lowered(doc)[max(sentence.start, hit.start - 6):hit.start])
                joined = hit.start > sentence.start and lowered(doc)[hit.start - 1] in {"and", "or"}
                if before & _COMPARISON or (joined and skipped_previous):
                    skipped_previous = True
                    continue
                return hit
        return None

    def _missile_class(self, name: str | None) -> Found | None:
        """The class the first describing sentence gives; within it (or the statement) a
        specific class beats a range class."""
        for sentence in self._foreground():
            if not self._describes_launched_missile(sentence, name):
                continue
            mentions = [f for f in class_mentions(self.doc, sentence)
                        if not self.in_background(f.start)]
            if not mentions:
                continue
            near = mentions + self._fired_from_submarine(sentence)
            if sentence is not self.statement.sentence:
                near += self._fired_from_submarine(self.statement.sentence)
            if self.title is not None:
                # "... test-fired new multiple launch rocket system" in the headline: the
                # headline names the weapon.  Its evidence stays with the body's mention.
                named = {f.value for t in self.title.sentences
                         for f in class_mentions(self.title.doc, t)}
                near += [Found(value, mentions[0].start, mentions[0].end)
                         for value in _SPECIFIC_CLASSES if value in named]
            specific = [f for f in near if f.value in _SPECIFIC_CLASSES
                        and not self._hedged(sentence, f.start)]
            return (specific or mentions)[0]
        return None

    def _hedged(self, sentence: Sentence, index: int) -> bool:
        """'analysts said it may have tested a hypersonic warhead': a guess, not a finding."""
        start = index
        while start > sentence.start and lowered(self.doc)[start - 1] not in {",", ";", ":"}:
            start -= 1
        return bool(set(lowered(self.doc)[start:index]) & _CLASS_HEDGES)

    def _fired_from_submarine(self, sentence: Sentence) -> list[Found]:
        """'fired from the submarine USS Nebraska': an SLBM, whatever its range."""
        words = self._words(sentence)
        return [Found("SLBM", sentence.start + k, sentence.start + k + 1)
                for k, word in enumerate(words)
                if word in {"submarine", "submarines"} and "from" in words[max(0, k - 3):k]
                and not self.in_background(sentence.start + k)]

    def _fill_class_and_name(self, launch: Launch) -> None:
        name_hit = self._missile_name()
        chosen_class = self._missile_class(name_hit.value if name_hit else None)
        named_class = self.lexicon.missiles[name_hit.value].missile_class if name_hit else None
        if named_class in _SPECIFIC_CLASSES and (
                chosen_class is None or chosen_class.value not in _SPECIFIC_CLASSES):
            # A Trident II is an SLBM and a KN-25 an MLRS, whatever range word the text uses.
            chosen_class = Found(named_class, name_hit.start, name_hit.end)
        if name_hit is not None:
            launch.missile_name = name_hit.value
            launch.evidence["missile_name"] = self._evidence(name_hit.start, name_hit.end)
        if self._carries_satellite():
            launch.missile_class = "SLV"
        elif chosen_class is not None:
            launch.missile_class = chosen_class.value  # type: ignore[assignment]
            launch.evidence["missile_class"] = self._evidence(chosen_class.start, chosen_class.end)
        elif name_hit is not None and not any(
                "ballistic" in self._words(s) for s in self._foreground()):
            # Only a name: its class is what the name means.  A text that calls the missile
            # just "a ballistic missile" is left at "unknown", as it wrote.
            launch.missile_class = self.lexicon.missiles[name_hit.value].missile_class  # type: ignore[assignment]
        else:
            launch.missile_class = "unknown"

    def _carries_satellite(self) -> bool:
        # "a missile launch into space": the statement itself says where it went.
        statement = self.statement.sentence
        for match in re.finditer(r"\binto (?:space|orbit)\b", statement.text, re.IGNORECASE):
            span = self.doc.char_span(statement.char_start + match.start(),
                                      statement.char_start + match.end(),
                                      alignment_mode="expand")
            if span is not None and not self.in_background(span.start):
                return True
        sentences = [self.statement.sentence] + self.body.sentences[:1]
        for sentence in sentences:
            for token in sentence.span:
                if token.lower_ in {"satellite", "satellites"} and \
                        not self.in_background(token.i):
                    return True
            if any(h.kind == "CLASSALONE" and h.value == "SLV" for h in sentence.hits):
                return True
        return False

    def _fill_count(self, launch: Launch) -> None:
        doc = self.doc
        statement = self.statement.sentence
        if not self.statement.in_title:
            found = launch_count(doc, statement, self.lexicon)
            if found is not None and self.in_background(found.start):
                found = None
            if found is not None:
                if found.value is not None:
                    launch.count = int(found.value)
                    launch.evidence["count"] = self._evidence(found.start, found.end)
                return
        for sentence in self._foreground():
            if sentence is statement:
                continue
            found = launch_count(doc, sentence, self.lexicon, explicit_only=True)
            if found is not None and found.value is not None and \
                    not self.in_background(found.start) and (
                        launch_verb_tokens(sentence) or {"launched", "fired"} &
                        set(lowered(sentence.span.doc)[sentence.start:sentence.end])):
                launch.count = int(found.value)
                launch.evidence["count"] = self._evidence(found.start, found.end)
                return
        for sentence in self._foreground():
            match = _FORM_COUNT_KEY.search(sentence.text)
            value = parse_number(match.group("n")) if match else None
            if value is not None and value == int(value):
                launch.count = int(value)
                span = self.doc.char_span(sentence.char_start + match.start("n"),
                                          sentence.char_start + match.end("n"),
                                          alignment_mode="expand")
                if span is not None:
                    launch.evidence["count"] = self._evidence(span.start, span.end)
                return
        # A statement about "the missile" in the singular reports one launch.
        if any(w in {"missile", "rocket", "interceptor", "icbm", "slbm", "irbm",
                            "mrbm", "srbm"} for w in lowered(statement.span.doc)[statement.start:statement.end]) and not \
                any(w in {"missiles", "rockets"} for w in lowered(statement.span.doc)[statement.start:statement.end]):
            launch.count = 1

    def _fill_landing(self, launch: Launch) -> None:
        doc = self.doc
        for sentence in self._foreground():
            if launch.landing_area is None:
                found = landing_area(self.body, sentence, self.lexicon)
                if found is not None and not self.in_background(found.start):
                    launch.landing_area = str(found.value)
                    launch.evidence["landing_area"] = self._evidence(found.start, found.end)
            if launch.inside_japan_eez is None:
                verdict = eez_verdict(self.body, sentence)
                if verdict is not None and not self.in_background(verdict.start):
                    launch.inside_japan_eez = bool(verdict.value)
                    launch.evidence["inside_japan_eez"] = self._evidence(verdict.start,
                                                                         verdict.end)
            if launch.direction is None and (sentence is self.statement.sentence or
                                             launch_verb_tokens(sentence)):
                start = self.statement.verb_start if sentence is self.statement.sentence \
                    else sentence.start
                found = direction(doc, sentence, self.lexicon, start)
                if found is not None and not self.in_background(found.start):
                    launch.direction = str(found.value)
                    launch.evidence["direction"] = self._evidence(found.start, found.end)

    def _fill_time(self, launch: Launch, day_found: DateExpression | None) -> None:
        local_zone = self.lexicon.timezone_of(self.country)
        times: list[tuple[ClockTime, Sentence]] = []
        for sentence in self._in_text_order():
            words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
            if sentence is not self.statement.sentence and not (
                    launch_verb_tokens(sentence) or words & {"launch", "launches", "launched",
                                                             "fired", "detected"}):
                continue
            for clock in clock_times(self.body, sentence):
                if not self.in_background(clock.start):
                    times.append((clock, sentence))
        day = self.launch_day
        if times:
            clock, sentence = times[0]
            zone = self._zone_of(clock)
            # "3:56 p.m. CDT, June 21": a date beside the time is in the time's zone, and
            # the local day follows from it.  A time alone ("22:04 UTC") only moves the
            # clock: the launch day was found elsewhere, in the launching state's terms.
            beside = [d for d in self.dates.get(sentence.index, [])
                      if d.day is not None and d.is_event_date and not self.in_background(d.start)]
            if beside and day is not None:
                day, local_time = _to_local(beside[0].day, clock.value, zone, local_zone)
            else:
                _, local_time = _to_local(day, clock.value, zone, local_zone)
            launch.time_local = local_time
            launch.evidence["time_local"] = self._evidence(clock.start, clock.end)
            alternatives = []
            for other, other_sentence in times[1:]:
                if other_sentence is sentence:
                    continue  # a second missile of the same salvo, not another source
                _, other_time = _to_local(self.launch_day, other.value, self._zone_of(other),
                                          local_zone)
                if other_time != local_time:
                    alternatives.append({"value": other_time.strftime("%H:%M"),
                                         "reported_by": self._authority_of(other_sentence)})
            if alternatives:
                launch.alternatives["time_local"] = alternatives
        launch.date_local = day
        if day_found is not None and day is not None:
            launch.evidence["date_local"] = self._evidence(day_found.start, day_found.end) \
                if day_found.start < len(self.doc) and not self.statement.in_title else \
                launch.evidence.get("date_local")  # type: ignore[assignment]
            if launch.evidence.get("date_local") is None:
                launch.evidence.pop("date_local", None)

    def _zone_of(self, clock: ClockTime) -> str | None:
        if clock.zone == "local":
            return self.lexicon.timezone_of(self.country)
        if clock.zone is not None:
            return clock.zone
        if self.publisher_authority == "KCNA":
            return self.lexicon.timezone_of(self.country)
        return self.lexicon.report_timezone_of(self.country)

    def _reported_by(self) -> list[str]:
        """The publishing authority, then each authority the foreground cites for facts."""
        names: list[str] = []
        if self.publisher_authority:
            names.append(self.publisher_authority)
        for sentence in self._in_text_order():
            words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
            tagged = sentence.span[0].text == "[" if len(sentence.span) else False
            if not (words & _SOURCE_VERBS or "according" in words or tagged):
                continue
            for hit in authorities_in(sentence):
                name = _MINISTRY_OF.get(self.country) if hit.value == "MoD" else hit.value
                if name == "KCNA" and self.country != "North Korea":
                    continue
                # "its state media said it had tested cruise missiles on Saturday": a source,
                # but for another launch.
                speaks_of_other = self.in_background(min(hit.end + 4, sentence.end - 1))
                if name and not self.in_background(hit.start) and not speaks_of_other \
                        and name not in names:
                    names.append(name)
        return names


def _speaks_for(sentence: Sentence, country) -> bool:
    """'South Korea's' in "South Korea's Joint Chiefs of Staff said": a source, not a launcher."""
    for hit in sentence.hits:
        if hit.kind == "AUTH" and hit.start <= country.end + 1 and country.start <= hit.end:
            following = set(lowered(sentence.span.doc)[hit.end:hit.end + 3])
            if following & _SOURCE_VERBS:
                return True
    return False


_DATELINE = re.compile(
    r"^\s*[A-Z][\w.'/&-]*(?:[ ,]+[\w.'/&-]+){0,6}?\s*(?:\([^()\n]{1,40}\)\s*)?(?:--|—|–|-\s|:\s)")


def _dateline_end(body: Document) -> int:
    """Token index just past a dateline ("SEOUL, Nov. 22 --", "Seoul, Jan. 7 (Jiji Press)--",
    "WASHINGTON —"), at the start of the first sentence of the story; 0 when there is none."""
    if not body.sentences:
        return 0
    first = body.sentences[0]
    match = _DATELINE.match(first.text)
    if match is None:
        return 0
    span = body.doc.char_span(first.char_start + match.start(), first.char_start + match.end(),
                              alignment_mode="expand")
    return span.end if span is not None else 0


def _rounded(value: float) -> float:
    return round(value, 3)


def _to_local(day: date | None, clock: time, zone: str | None,
              local_zone: str | None) -> tuple[date | None, time]:
    """Convert a clock time stated in ``zone`` to the launching state's zone."""
    if zone is None or local_zone is None or zone == local_zone:
        return day, clock
    # Without a day, use a recent one: offsets only matter for North Korea's 2015-2018 zone.
    anchor = day or date(2020, 1, 1)
    stated = datetime.combine(anchor, clock, tzinfo=ZoneInfo(zone))
    local = stated.astimezone(ZoneInfo(local_zone))
    return (local.date() if day is not None else None), local.time().replace(second=0)


@lru_cache(maxsize=1024)
def _publisher_authority(publisher: str | None, lexicon: Lexicon) -> str | None:
    if not publisher:
        return None
    document = analyse(publisher, lexicon)
    for sentence in document.sentences:
        hits = authorities_in(sentence)
        if hits:
            return hits[0].value
    lowered = publisher.lower()
    if "ministry of defense" in lowered and "japan" in lowered:
        return "Japan MoD"
    return None
