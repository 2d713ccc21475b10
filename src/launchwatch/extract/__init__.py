"""extract: report text -> the launches it describes, every value with its supporting span.

The role is an *Extractor*: ``extractor.extract(report) -> Extraction``.  The one
implementation, :class:`RuleExtractor`, reads the lexicons in ``lexicons/`` (data, not code) with
spaCy's tokenizer and matchers and resolves dates with dateparser.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from ..model import Extraction, Report
from ..settings import load_settings
from .extractor import RuleExtractor


class Extractor(Protocol):
    """The extractor role: turn one report into the launches it describes."""

    def extract(self, report: Report) -> Extraction: ...


@lru_cache(maxsize=1)
def default_extractor() -> RuleExtractor:
    """The rule extractor with the settings' ``default_country`` (the launching state assumed
    when a report describes a launch but names no country)."""
    return RuleExtractor(default_country=load_settings().default_country)


def extract_report(report: Report) -> Extraction:
    """Extract the launches ``report`` describes with the default rule-based extractor."""
    return default_extractor().extract(report)


__all__ = ["Extractor", "RuleExtractor", "default_extractor", "extract_report"]
