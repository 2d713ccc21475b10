"""Is this a launch report?  Each form of launch statement and each rejection, on its own.

The decision is checked through :func:`extract_report`, the level at which a report is read
(document stage, then relevance), and always together with its ``reasons``: the sentence that
decided and its form, or why the sentences that speak of missiles were turned down.  Every
outlet, place, missile name and sentence here is invented.
"""

from __future__ import annotations

import pytest

from launchwatch.extract import extract_report
from launchwatch.extract.document import analyse
from launchwatch.extract.lexicon import load_lexicon
from launchwatch.extract.relevance import decide, statement_in
from launchwatch.model import Extraction, Report

NO_STATEMENT = "no sentence of the headline or lede speaks of a missile launch"


def read(text: str, title: str | None = None) -> Extraction:
    return extract_report(Report(source="relevance-test", text=text, title=title))


def launch_by(text: str, form: str, where: str = "lede", title: str | None = None) -> Extraction:
    """The report is a launch report, decided by a statement of ``form`` in ``where``."""
    extraction = read(text, title)
    assert extraction.is_launch_report, extraction.reasons
    assert any(r.startswith(f"{where} states it ({form}): ") for r in extraction.reasons), \
        extraction.reasons
    return extraction


def not_launch(text: str, title: str | None = None) -> Extraction:
    extraction = read(text, title)
    assert not extraction.is_launch_report, extraction.reasons
    assert extraction.launches == []
    assert extraction.reasons, "a non-launch report says why"
    assert not any(" states it " in r for r in extraction.reasons), extraction.reasons
    return extraction


def reason_with(extraction: Extraction, *parts: str) -> str:
    """The reason that contains every one of ``parts``."""
    found = [r for r in extraction.reasons if all(p in r for p in parts)]
    assert found, f"no reason with {parts} in {extraction.reasons}"
    return found[0]


# --- verb form ---------------------------------------------------------------------------

def test_verb_past_tense_with_a_missile_object():
    extraction = launch_by("The coastal state fired two missiles into the sea on Friday, the "
                           "defence ministry said.", "verb")
    reason_with(extraction, "The coastal state fired two missiles")


def test_verb_passive_with_the_missile_as_subject():
    launch_by("The missile was launched from the northern range on Friday, the ministry said.",
              "verb")


def test_verb_light_verb_with_a_launch_noun():
    launch_by("The coastal army conducted a missile test-firing on Friday, officials said.",
              "verb")


def test_a_light_verb_without_a_launch_noun_states_nothing():
    not_launch("The coastal army conducted exercises with missile units on Friday, officials "
               "said.")


def test_verb_present_tense_counts_in_a_headline():
    extraction = launch_by("Officials gave no further details on Friday.", "verb",
                           where="headline", title="Coastal state fires two missiles into sea")
    reason_with(extraction, '"Coastal state fires two missiles into sea"')


def test_verb_present_tense_does_not_count_in_the_body():
    extraction = not_launch("The coastal state fires two missiles into the sea, the ministry "
                            "says.")
    assert extraction.reasons == [NO_STATEMENT]


def test_a_headline_decides_and_a_body_sentence_gives_the_details():
    extraction = launch_by("The coastal state fires a missile into the sea, the ministry says.",
                           "verb", where="headline", title="Coastal state fires missile")
    reason_with(extraction, "details from:", "The coastal state fires a missile")


def test_missile_launches_in_a_headline_is_a_noun_not_a_verb():
    not_launch("Traders sold shares on Friday as investors weighed the risk of conflict.",
               title="Missile launches rattle coastal markets")


def test_attempted_to_launch_is_a_statement():
    extraction = read("The coastal state attempted to launch a missile on Friday, but it "
                      "exploded shortly after liftoff, the ministry said.")
    assert extraction.is_launch_report, extraction.reasons
    reason_with(extraction, "lede states it (", "attempted to launch a missile")


@pytest.mark.parametrize("text", [
    "The coastal state tried to fire a missile on Friday, but it exploded shortly after "
    "liftoff, the ministry said.",
    "The coastal state sought to launch a missile on Friday, but it broke up in flight, "
    "the ministry said.",
    "The coastal state attempted to fire a missile on Friday, the ministry said.",
])
def test_verb_attempts_to_launch_are_statements(text):
    launch_by(text, "verb")


def test_attempted_to_launch_is_the_verb_form():
    launch_by("The coastal state attempted to launch a missile on Friday, the ministry said.",
              "verb")


# --- noun form ---------------------------------------------------------------------------

def test_noun_detected_and_tracked_a_missile_launch():
    launch_by("The defence ministry detected and tracked a missile launch from the northern "
              "coast on Friday.", "noun")


def test_noun_announced_the_successful_launch_of_a_named_missile():
    launch_by("State media announced the successful launch of the Storm-5 missile on Friday.",
              "noun")


def test_noun_the_launch_occurred_near_a_place():
    launch_by("The missile launch occurred near the northern port early on Friday, the "
              "ministry said.", "noun")


def test_noun_a_weekday_s_launch_of_a_missile():
    launch_by("Officials gave details of Sunday's launch of a medium-range missile at a "
              "briefing in the capital.", "noun")


def test_a_launch_noun_without_a_governing_verb_states_nothing():
    not_launch("A missile launch would be seen as a provocation, the ministry said.")


# --- flight and strike forms -------------------------------------------------------------

def test_flight_a_missile_subject_of_a_flight_verb():
    launch_by("The missile flew 1,000 km before landing in the sea, the ministry said on "
              "Friday.", "flight")


def test_strike_a_state_struck_a_place_with_a_missile():
    launch_by("The eastern army struck the port city with a ballistic missile overnight, the "
              "governor said.", "strike")


def test_strike_in_the_perfect_is_not_a_statement():
    # "has been struck ... several times": a history of strikes, not today's launch.
    not_launch("The port city has been struck by ballistic missiles several times, officials "
               "said.")


def test_strike_a_place_was_struck_by_a_missile():
    launch_by("The port city was struck by a ballistic missile overnight, officials said.",
              "strike")


# --- a form laid out as a list -----------------------------------------------------------

def test_a_form_that_gives_a_launch_time():
    extraction = read("The defence staff gave the following details on Friday.\n"
                      "(1) Launch time: around 10:14 a.m. today\n(2) Number: two\n")
    assert extraction.is_launch_report, extraction.reasons
    reason_with(extraction, "a form gives a launch time:", "Launch time")


# --- rejections --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No missile was launched on Friday, the ministry said.",
    "The coastal state never launched the missile, the ministry said.",
    "The ministry said the coastal state has not fired a missile since March.",
])
def test_a_negated_statement_is_rejected(text):
    extraction = not_launch(text)
    reason_with(extraction, "is negated")


@pytest.mark.parametrize("text, hedge", [
    ("The coastal state may have launched a missile on Friday, officials said.", "may"),
    ("Officials said the coastal state could have fired a missile on Friday.", "could"),
])
def test_a_hedged_statement_is_rejected(text, hedge):
    extraction = not_launch(text)
    reason_with(extraction, f"is hedged ({hedge})")


@pytest.mark.parametrize("text", [
    "The coastal state plans to fire a missile next week, officials said.",
    "Officials said rockets to be launched next month would carry weather satellites.",
])
def test_a_future_launch_is_not_a_statement(text):
    not_launch(text)


@pytest.mark.parametrize("text, word", [
    ("The coastal state plans to fire a missile next week, officials said.", "plans"),
    ("Officials said rockets to be launched next month would carry weather satellites.",
     "launched"),
])
def test_a_future_launch_is_named_in_the_reasons(text, word):
    extraction = not_launch(text)
    assert extraction.reasons != [NO_STATEMENT]
    reason_with(extraction, word)


def test_a_hedged_headline_states_nothing():
    not_launch("Officials said preparations were under way at the coast.",
               title="Coastal state plans to fire missile next week")


@pytest.mark.parametrize("text", [
    "The coastal state has fired repeated missile strikes on the port, officials said.",
    "The coastal state has fired more than 60 missiles this year, officials said.",
])
def test_an_aggregate_is_rejected(text):
    extraction = not_launch(text)
    reason_with(extraction, "speaks of launches in aggregate")


@pytest.mark.parametrize("series", ["the latest in a series of launches",
                                    "part of a string of tests"])
def test_a_launch_placed_in_a_series_is_still_stated(series):
    extraction = launch_by(f"The coastal state fired two short-range missiles into the sea, "
                           f"{series} this month, officials said.", "verb")
    assert [launch.count for launch in extraction.launches if launch.role == "reported"] == [2]


def test_a_statement_after_a_background_phrase_is_rejected():
    extraction = not_launch("Earlier this month the coastal state fired two missiles into the "
                            "sea, officials said.")
    reason_with(extraction, "verb 'fired' recalls an earlier launch")


def test_an_interceptor_launch_is_rejected():
    extraction = not_launch("The navy said the new destroyer launched an interceptor missile "
                            "on Friday.")
    reason_with(extraction, "is about an interceptor or a target")


def test_a_background_sentence_does_not_hide_todays_statement():
    launch_by("Earlier this month the coastal state fired two missiles into the sea. "
              "On Friday it fired three more missiles, the ministry said.", "verb")


# --- headlines about something else -------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Navy completes interceptor test off the coast",
    "Navy conducts intercept test over the sea",
    "Cabinet approves missile shield for the capital",
    "Navy fires interceptor missile in test",
])
def test_a_missile_defence_headline_makes_a_non_launch_report(title):
    extraction = not_launch("The navy said the exercise went as planned on Friday.", title=title)
    assert extraction.reasons == [
        f'the headline is about missile defence, not a launch: "{title}"']


@pytest.mark.parametrize("title, subject", [
    ("Security Council meets on coastal state's missiles", "security council"),
    ("New sanctions target missile makers", "sanctions"),
    ("Parade shows off new missiles", "parade"),
    ("Budget boosts missile spending", "budget"),
])
def test_a_distractor_headline_that_states_no_launch_makes_a_non_launch_report(title, subject):
    # The body states a launch: the headline still decides that the page is about something else.
    extraction = not_launch("The coastal state fired two missiles into the sea on Friday, "
                            "officials said.", title=title)
    reason_with(extraction, f"the headline is about a distractor subject ({subject}), and states no launch",
                title)


def test_a_distractor_headline_that_states_a_launch_is_a_launch_report():
    launch_by("Members met on Friday after the launch.", "verb", where="headline",
              title="Security Council meets after coastal state fires missile")


def test_a_headline_from_the_page_itself_is_used_like_a_title():
    extraction = not_launch("Parade shows off new missiles\n\nThousands of troops marched "
                            "through the capital on Friday as new missiles were shown.\n")
    reason_with(extraction, "the headline is about a distractor subject (parade)")


def test_a_page_that_speaks_of_no_launch_says_so():
    extraction = not_launch("Officials in the capital declined to comment on Friday.")
    assert extraction.reasons == [NO_STATEMENT]


# --- the one test, used directly ---------------------------------------------------------

@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("text, in_title, form", [
    ("The coastal state fired two missiles into the sea.", False, "verb"),
    ("Coastal state fires two missiles into sea", True, "verb"),
    ("The ministry detected and tracked a missile launch on Friday.", False, "noun"),
    ("The missile flew 1,000 km on Friday.", False, "flight"),
    ("The eastern army struck the port with a ballistic missile.", False, "strike"),
])
def test_statement_in_names_the_form(lexicon, text, in_title, form):
    document = analyse(text, lexicon)
    statement = statement_in(document, document.sentences[0], lexicon, in_title=in_title)
    assert statement is not None and statement.form == form
    assert statement.in_title is in_title


def test_statement_in_notes_each_rejection_when_asked(lexicon):
    document = analyse("The coastal state may have launched a missile on Friday.", lexicon)
    reasons: list[str] = []
    assert statement_in(document, document.sentences[0], lexicon, in_title=False,
                        reasons=reasons) is None
    assert reasons == ['not a statement (verb \'launched\' is hedged (may)): '
                       '"The coastal state may have launched a missile on Friday."']


def test_decide_keeps_the_statement_and_its_reason(lexicon):
    body = analyse("The coastal state fired two missiles into the sea on Friday.", lexicon)
    decision = decide(body, None, lexicon)
    assert decision.is_launch_report
    assert decision.statement.form == "verb"
    assert decision.statement.sentence is body.sentences[0]
    assert decision.reasons[-1].startswith("lede states it (verb): ")
