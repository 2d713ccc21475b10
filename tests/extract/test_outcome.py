"""The test's outcome and the launch's confirmation, one kind of wording a test.

Every report here is invented for these tests, in the style of wire copy; 2024-03-18 is a
Monday.  Each value must come with evidence that is the words that state it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from launchwatch.extract import default_extractor
from launchwatch.model import Launch, Report

PUBLISHED = datetime(2024, 3, 18, 15, 0)


def launch_of(text: str, published: datetime | None = PUBLISHED) -> Launch:
    report = Report(source="test", text=text, published=published)
    extraction = default_extractor().extract(report)
    assert extraction.is_launch_report, f"expected a launch report: {text[:80]}"
    launch = extraction.launches[0]
    for field, evidence in launch.evidence.items():
        assert text[evidence.start:evidence.end] == evidence.text, field
    return launch


@pytest.mark.parametrize(("text", "words"), [
    ("North Korea fired a ballistic missile on Monday, but the launch appears to have "
     "failed, Seoul's joint chiefs said.", "appears to have failed"),
    ("North Korea launched an intermediate-range missile on Monday. The missile exploded "
     "shortly after launch, a US official said.", "exploded shortly after launch"),
    ("North Korea fired a missile from near Wonsan on Monday. It broke up mid-flight over "
     "the mainland, officials in Tokyo said.", "broke up mid-flight"),
    ("North Korea launched a new rocket on Monday. The rocket crashed into the sea seconds "
     "after liftoff, the defence ministry said.", "crashed into the sea seconds after liftoff"),
    ("North Korea launched a space rocket on Monday, but the launch ended in failure, "
     "state media admitted.", "ended in failure"),
    ("North Korea fired a ballistic missile on Monday in what Seoul called an apparent "
     "failure.", "apparent failure"),
    ("North Korea conducted a failed launch of a ballistic missile on Monday, the "
     "military said.", "failed launch"),
    ("North Korea fired a missile on Monday. The missile disintegrated over the sea, the "
     "defence ministry said.", "disintegrated"),
    ("North Korea launched a rocket carrying a satellite on Monday, but it did not reach "
     "orbit, the defence ministry said.", "did not reach orbit"),
    ("North Korea launched a rocket carrying a spy satellite on Monday, but the attempt to "
     "put it into orbit failed, Seoul said.", "attempt to put it into orbit failed"),
    ("North Korea launched a satellite rocket on Monday. In a rare admission of failure, "
     "state media said the rocket's second stage had stalled.", "admission of failure"),
])
def test_stated_failure_with_its_words(text: str, words: str) -> None:
    launch = launch_of(text)
    assert launch.outcome == "failure"
    assert launch.evidence["outcome"].text == words


def test_states_own_success_claim_is_kept_with_its_words() -> None:
    launch = launch_of("North Korea said on Monday it had successfully test-fired a new "
                       "solid-fuel ballistic missile, the state news agency reported.")
    assert launch.outcome == "success"
    assert launch.evidence["outcome"].text == "successfully test-fired"


def test_test_declared_a_success() -> None:
    launch = launch_of("Pakistan test-fired a medium-range ballistic missile on Monday. The "
                       "army said the test was a success.")
    assert launch.outcome == "success"
    assert launch.evidence["outcome"].text == "was a success"


def test_partial_success() -> None:
    launch = launch_of("Iran launched a ballistic missile on Monday, and a military "
                       "spokesman called the test partially successful.")
    assert launch.outcome == "partial"
    assert launch.evidence["outcome"].text == "partially successful"


def test_first_stated_outcome_wins_and_the_other_is_an_alternative() -> None:
    launch = launch_of("North Korea fired a ballistic missile on Monday. South Korea's "
                       "military said the missile exploded seconds after launch. KCNA "
                       "later said the test was successful.")
    assert launch.outcome == "failure"
    assert launch.alternatives["outcome"] == [{"value": "success", "reported_by": "KCNA"}]


@pytest.mark.parametrize("text", [
    # hedged or an open question
    "North Korea fired a ballistic missile on Monday. It was not clear whether the launch "
    "succeeded or whether the missile exploded shortly after launch.",
    "North Korea fired a ballistic missile on Monday. Officials did not say whether the "
    "launch was successful.",
    "North Korea fired a ballistic missile on Monday. Analysts said the missile may have "
    "exploded mid-flight.",
    # denied
    "North Korea fired a ballistic missile on Monday, and officials said the missile had "
    "not disintegrated.",
    # an earlier launch's outcome
    "North Korea fired a ballistic missile on Monday. Last month, a similar missile "
    "exploded shortly after launch.",
    "North Korea fired a ballistic missile on Monday, two weeks after a failed launch of "
    "the same type.",
    # falling is not failing: it fell where it was aimed, not early in its flight
    "North Korea fired a ballistic missile on Monday. The missile fell into the sea about "
    "30 minutes after it was fired.",
    # what failed is not the launch
    "North Korea fired a ballistic missile on Monday. Talks meant to stop such missile "
    "tests have failed to make progress.",
    # a missile shot down is no test outcome
    "North Korea fired a ballistic missile on Monday. The missile was shot down and "
    "disintegrated in mid-air, a spokesman claimed.",
])
def test_no_outcome_where_none_is_stated_of_this_launch(text: str) -> None:
    launch = launch_of(text)
    assert launch.outcome is None
    assert "outcome" not in launch.evidence


def test_no_outcome_and_no_confirmation_when_the_report_says_nothing() -> None:
    launch = launch_of("North Korea fired two short-range ballistic missiles into the sea on "
                       "Monday, South Korea's joint chiefs said.")
    assert launch.outcome is None
    assert launch.confirmation is None


@pytest.mark.parametrize(("text", "words"), [
    ("North Korea fired a ballistic missile on Monday, according to a report that could "
     "not be independently verified.", "could not be independently verified"),
    ("North Korea fired a missile on Monday, an unconfirmed launch that a local broadcaster "
     "reported first.", "unconfirmed launch"),
    ("Japan's coast guard said North Korea fired a ballistic missile on Monday, calling it a "
     "possible missile launch.", "possible missile launch"),
])
def test_unconfirmed_launch(text: str, words: str) -> None:
    launch = launch_of(text)
    assert launch.confirmation == "unconfirmed"
    assert launch.evidence["confirmation"].text == words


def test_a_doubted_claim_is_not_a_doubted_launch() -> None:
    launch = launch_of("North Korea fired a ballistic missile on Monday, Seoul said. The "
                       "North's claim that it carried a new warhead could not be "
                       "independently verified.")
    assert launch.confirmation is None


def test_an_unconfirmed_detail_is_not_an_unconfirmed_launch() -> None:
    launch = launch_of("Israel test-fired a rocket from a base on its coast on Monday, the "
                       "defence ministry said. An unconfirmed report said a tracking "
                       "aircraft followed the rocket.")
    assert launch.confirmation is None


def test_a_sentence_going_on_about_an_earlier_launch_gives_no_outcome() -> None:
    launch = launch_of("North Korea fired a ballistic missile on Monday, Seoul said.\n\n"
                       "The North last launched a rocket in January. The country admitted "
                       "that the launch failed because of an engine fault.")
    assert launch.outcome is None


def test_launch_months_after_a_successful_engine_test_has_no_outcome() -> None:
    launch = launch_of("North Korea fired a ballistic missile on Monday, Seoul said. The "
                       "launch came two months after the North said it successfully tested "
                       "a new engine.")
    assert launch.outcome is None


def test_another_days_failure_is_not_this_launchs_when_the_launch_day_is_only_a_weekday():
    # No publication date: the launch day is only "Thursday", so "May 31" cannot be placed
    # against it, and the failure it introduces is not read as this launch's.
    launch = launch_of("North Korea fired two short-range ballistic missiles on Thursday, "
                       "Seoul said. It also launched a rocket carrying a satellite on May 31, "
                       "which ended in failure.", published=None)
    assert launch.outcome is None


def test_the_previous_day_of_the_states_own_report_is_the_launch_day():
    # The state's media write a day later: "the previous day" is the launch's own day, and
    # the claim beside it is this launch's.
    launch = launch_of("North Korea said on Tuesday it successfully tested a new rocket "
                       "launcher the previous day.", published=datetime(2024, 3, 19, 9))
    assert launch.outcome == "success"
