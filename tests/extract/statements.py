"""Short statements read by the rule extractor, for the tests of one language's rules."""

from __future__ import annotations

from datetime import datetime

from launchwatch.extract import RuleExtractor
from launchwatch.model import Extraction, Launch, Report

PUBLISHED = "2023-06-15"
"""The day the statements are taken as published, unless a test says otherwise."""


def read(extractor: RuleExtractor, text: str, published: str | None = PUBLISHED) -> Extraction:
    """The extraction of ``text`` as a report published on ``published`` (None: undated)."""
    report = Report(source="test.txt", text=text,
                    published=datetime.fromisoformat(published) if published else None)
    return extractor.extract(report)


def first_launch(language: str, extractor: RuleExtractor, text: str,
                 published: str | None = PUBLISHED) -> Launch:
    """The first launch of ``text``, which must be read as ``language`` and as a launch
    report (else the test fails with the extractor's reasons)."""
    extraction = read(extractor, text, published)
    assert extraction.language == language
    assert extraction.is_launch_report, extraction.reasons
    return extraction.launches[0]
