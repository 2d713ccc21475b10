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

Before all that, the report's language is decided (its ``language`` when given, else
:func:`.language.detect_language`): a Japanese or Korean report goes to that language's reader
(:mod:`.languages`), which returns the same records.

:meth:`RuleExtractor.extract` is that order written out: each step is a function of what the
steps before it decided, and together they make one :class:`.Reading` of the report, which the
field rules then read.  Each step's module says what it decides and why.
"""

from __future__ import annotations

import time
from datetime import date

from ..errors import ExtractionError
from ..model import Extraction, Launch, Report
from .background import find_background
from .context import find_context
from .document import Document, analyse
from .figures import fill_count, fill_measurements
from .launch_day import (dateline_end, dates_by_sentence, find_launch_day, published_date,
                         reference_date, stale_header)
from .launch_time import fill_time
from .launching_state import launching_state
from .outcome import fill_outcome
from .language import detect_language
from .languages import LanguageReader
from .lexicon import Lexicon, load_lexicon
from .page import normalise, read_page
from .pagedate import PageDate, page_date
from .places import fill_landing, fill_site
from .reading import LaunchDay, Reading
from .recalled import recalled_launches
from .relevance import Statement, decide
from .sources import publisher_authority, reported_by
from .timeframe import DateExpression
from .weapon import fill_class_and_name


MAX_REPORT_CHARS = 200_000
"""The part of a report the extractor reads (a long news story is some 20,000 characters)."""

MAX_TITLE_CHARS = 2_000

BUDGET_S = 10.0
"""Seconds one report may take; a report over it is reported as failed, not waited on."""


def _within(deadline: float, report: Report, step: str) -> None:
    if time.monotonic() > deadline:
        raise ExtractionError(f"reading it took longer than the extractor's budget (stopped "
                              f"while {step}); it was not extracted", path=report.source)


class RuleExtractor:
    """Extractor role implemented with readable rules over spaCy tokens and lexicons."""

    def __init__(self, lexicon: Lexicon | None = None,
                 default_country: str = "North Korea", budget_s: float = BUDGET_S) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.default_country = default_country
        self.budget_s = budget_s
        self._readers: dict[str, LanguageReader | None] = {}

    def reader(self, language: str) -> LanguageReader | None:
        """The reader of ``language`` (built on first use), or None for the English rules."""
        if language not in self._readers:
            self._readers[language] = self._load_reader(language)
        return self._readers[language]

    def _load_reader(self, language: str) -> LanguageReader | None:
        # The language packages import the shared pieces of .languages; loading them here,
        # above both, keeps the imports one way.
        if language == "ja":
            # start-up cost: SudachiPy's dictionary (some 0.1 s and 70 MB), loaded only when
            # the first Japanese report arrives.
            from .ja import JapaneseReader
            return JapaneseReader(self.lexicon, self.default_country)
        if language == "ko":
            # start-up cost: kiwipiepy's model (about a second), loaded only when the first
            # Korean report arrives.
            from .ko import KoreanReader
            return KoreanReader(self.lexicon, self.default_country)
        return None

    def extract(self, report: Report) -> Extraction:
        language = report.language or detect_language(report.text)
        reader = self.reader(language)
        if reader is not None:
            found = page_date(report.text, report.url) if report.published is None else None
            return reader.read(report, published_date(report, found))
        lexicon = self.lexicon
        deadline = time.monotonic() + self.budget_s
        # Bounded work: a launch is stated at the top of a report, and every rule is linear
        # in the text it reads, so reading the first MAX_REPORT_CHARS bounds the time any
        # input can take.  Evidence offsets stay those of the stored text.
        text = report.text[:MAX_REPORT_CHARS]
        page = read_page(text, report.title)
        body = analyse(page.text, lexicon, page=page)
        title_text = report.title or page.headline
        title = analyse(normalise(title_text[:MAX_TITLE_CHARS]).text, lexicon) \
            if title_text else None
        _within(deadline, report, "reading its text")
        publisher = publisher_authority(report.publisher, lexicon)
        found_page_date = page_date(report.text, report.url) if report.published is None \
            else None
        published = published_date(report, found_page_date)
        decision = decide(body, title, lexicon)
        if len(report.text) > MAX_REPORT_CHARS:
            decision.reasons.append(f"only the first {MAX_REPORT_CHARS:,} of the report's "
                                    f"{len(report.text):,} characters were read")
        _within(deadline, report, "deciding whether it reports a launch")
        statement = decision.statement
        if statement is None:
            context = find_context(body, lexicon, body.sentences, lambda _i: False,
                                   report.content_hash)
            return Extraction(source=report.source, report_hash=report.content_hash,
                              is_launch_report=False, launches=[], context=context,
                              reasons=decision.reasons, published=published,
                              language=language)
        dateline = dateline_end(body)
        country = launching_state(statement, body, title, dateline, publisher, lexicon,
                                  self.default_country)
        when = _when(report, found_page_date, statement, body, title, dateline, country,
                     lexicon)
        if stale_header(found_page_date, when[2], when[0]):
            # A stray header date the article contradicts ("on Wednesday", five days before
            # it) is no reference: the launch day stays open rather than wrong.
            decision.reasons.append(
                f"the page's header date {found_page_date.day} is not the article's: its "
                f"'{when[2].found.text}' would fall {(when[0] - when[2].day).days} days "
                "before it; launch date left open")
            when = _when(report, None, statement, body, title, dateline, country, lexicon)
        reference, dates, launch_day = when
        background = find_background(body, statement, dates, launch_day)
        reading = Reading(report=report, page=page, body=body, title=title, decision=decision,
                          statement=statement, publisher_authority=publisher,
                          page_date=found_page_date, dateline=dateline, country=country,
                          reference=reference, dates=dates, launch_day=launch_day,
                          background=background)
        _within(deadline, report, "dating it")
        launches = [_reported_launch(reading, lexicon), *recalled_launches(reading, lexicon)]
        _within(deadline, report, "reading its fields")
        context = find_context(body, lexicon, body.sentences, reading.in_background,
                               report.content_hash)
        return Extraction(source=report.source, report_hash=report.content_hash,
                          is_launch_report=True, launches=launches, context=context,
                          reasons=decision.reasons, published=published, language=language)


def _when(report: Report, found_page_date: PageDate | None, statement: Statement,
          body: Document, title: Document | None, dateline: int, country: str,
          lexicon: Lexicon) -> tuple[date | None, dict[int, list[DateExpression]], LaunchDay]:
    """The reference date, the dates of every sentence, and the launch day."""
    reference = reference_date(report.published, found_page_date, body,
                               lexicon.timezone_of(country))
    dates = dates_by_sentence(body, reference, report.url, dateline, lexicon)
    launch_day = find_launch_day(statement, body, title, dates, dateline, reference,
                                 report.published is not None or found_page_date is not None,
                                 country, lexicon)
    return reference, dates, launch_day


def _reported_launch(reading: Reading, lexicon: Lexicon) -> Launch:
    """The launch the report is about, each field read from the foreground."""
    launch = Launch(country=reading.country)
    fill_measurements(reading, launch, lexicon)
    fill_site(reading, launch, lexicon)
    fill_class_and_name(reading, launch, lexicon)
    fill_count(reading, launch, lexicon)
    fill_landing(reading, launch, lexicon)
    fill_time(reading, launch, lexicon)
    fill_outcome(reading, launch, lexicon)
    launch.reported_by = reported_by(reading)
    return launch
