"""Bounded work: no input makes the extractor slow (issue 12, finding 2).

Each rule is linear in the text it reads and only the first MAX_REPORT_CHARS are read, so
doubling a pathological input at most doubles its time; a report that still runs past the
budget is reported as failed rather than waited on.
"""

from __future__ import annotations

import time

import pytest

from launchwatch.errors import ExtractionError
from launchwatch.extract import RuleExtractor, extract_report
from launchwatch.extract.extractor import MAX_REPORT_CHARS
from launchwatch.model import Report

# Inputs that once took seconds to minutes (quadratic rules over one long sentence full of
# lexicon hits, spaCy's tokenizer on runs of punctuation).
PATHOLOGICAL = {
    "repeated statement": lambda n: "The state fired " * n + "a ballistic missile.",
    "one sentence of cues": lambda n: "missile launch test fired Sunan ICBM 1,000 km on Monday, "
                                      * max(1, n // 3),
    "percent signs": lambda n: "%" * (4 * n),
    "open brackets": lambda n: "(" * (4 * n),
}


def _seconds(text: str) -> float:
    started = time.perf_counter()
    extract_report(Report(source="adversarial.txt", text=text))
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_time_grows_no_faster_than_the_input(name: str) -> None:
    extract_report(Report(source="warm.txt", text="The state fired a missile on Monday."))
    make = PATHOLOGICAL[name]
    small, large = _seconds(make(2_000)), _seconds(make(8_000))
    # Four times the input: linear work takes about four times as long; quadratic sixteen.
    assert large < max(8 * small, 0.5), f"{name}: {small:.2f} s, then {large:.2f} s"


def test_a_huge_report_is_read_up_to_the_limit_and_says_so() -> None:
    lede = "The coastal state fired two ballistic missiles on Monday, the ministry said.\n\n"
    text = lede + "Filler sentence about the weather in the capital. " * 20_000
    started = time.perf_counter()
    extraction = extract_report(Report(source="huge.txt", text=text))
    assert time.perf_counter() - started < 10
    assert extraction.is_launch_report and extraction.launches[0].count == 2
    assert len(text) > MAX_REPORT_CHARS
    assert any("were read" in reason for reason in extraction.reasons)


def test_a_report_over_its_budget_is_an_error_that_names_it() -> None:
    extractor = RuleExtractor(budget_s=0.0)
    with pytest.raises(ExtractionError, match="budget") as raised:
        extractor.extract(Report(source="slow.txt", text="The state fired a missile."))
    assert raised.value.path == "slow.txt"
