"""Field rules for kinds of wording, one rule a test, on short reports written for these tests.

Every outlet, person and sentence here is invented, in the style of wire copy.  Calendar used
throughout: 2024-03-18 is a Monday, 2023-06-15 a Thursday, 2025-01-06 a Monday.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from launchwatch.extract import RuleExtractor, default_extractor
from launchwatch.extract.document import analyse
from launchwatch.extract.launch_day import dateline_end, dates_by_sentence
from launchwatch.model import Extraction, Launch, Report

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2024, 3, d) for d in (18, 19, 20, 21, 22, 23, 17))


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0)


def extract(text: str, published: datetime | None = None, title: str | None = None,
            url: str | None = None, extractor: RuleExtractor | None = None) -> Extraction:
    report = Report(source="test", text=text, title=title, url=url, published=published)
    extraction = (extractor or default_extractor()).extract(report)
    assert extraction.is_launch_report, f"expected a launch report: {text[:80]}"
    # Every value the extraction carries is supported by a span of the text.
    for launch in extraction.launches:
        for field, evidence in launch.evidence.items():
            assert text[evidence.start:evidence.end] == evidence.text, field
    return extraction


def launch_of(text: str, published: datetime | None = None, title: str | None = None,
              url: str | None = None, extractor: RuleExtractor | None = None) -> Launch:
    return extract(text, published, title, url, extractor).launches[0]


# ------------------------------------------------------------------ 1. launch day

def test_neighbours_said_day_is_the_launch_day():
    launch = launch_of("North Korea fired two short-range ballistic missiles toward the sea, "
                       "South Korea's defence ministry said on Monday.", published=at(TUE))
    assert launch.date_local == MON


def test_neighbours_said_day_a_day_before_publication():
    launch = launch_of("North Korea fired a short-range ballistic missile toward the sea, "
                       "Japan's defence ministry said on Tuesday.", published=at(WED))
    assert launch.date_local == TUE


def test_launching_states_own_media_said_day_is_no_launch_day():
    # The state agency reports a day or more after the launch: its day is not the launch's.
    launch = launch_of("KCNA said on Tuesday it test-fired a new short-range ballistic "
                       "missile.", published=at(WED))
    assert launch.date_local != TUE
    assert launch.date_local == WED  # nothing else dates it: the publication day


def test_state_media_said_day_gives_way_to_a_lede_date():
    launch = launch_of("KCNA said on Tuesday it test-fired a new short-range ballistic "
                       "missile.\n\nThe launch on Monday was overseen by leader Kim Jong Un.",
                       published=at(WED))
    assert launch.date_local == MON


def test_launching_state_said_on_monday_about_sundays_launch():
    launch = launch_of("North Korea on Monday said it flight-tested a new solid-fuel ballistic "
                       "missile. Sunday's launch was supervised by leader Kim Jong Un, the "
                       "report said.", published=at(TUE))
    assert launch.date_local == SUN
    # "said Sunday's launch": a possessive day names the launch's day, not the saying's.
    launch = launch_of("North Korea on Monday said it flight-tested a new solid-fuel ballistic "
                       "missile. The agency said Sunday's launch was overseen by leader Kim "
                       "Jong Un.", published=at(TUE))
    assert launch.date_local == SUN


def test_launching_state_said_on_monday_alone_is_not_monday():
    launch = launch_of("North Korea on Monday said it flight-tested a new solid-fuel ballistic "
                       "missile.", published=at(TUE))
    assert launch.date_local != MON


def test_the_previous_day_counts_back_from_the_said_day():
    # Published Saturday: "the previous day" is the day before Friday, not before Saturday.
    launch = launch_of("North Korea said Friday it tested a new tactical ballistic missile "
                       "the previous day.", published=at(SAT))
    assert launch.date_local == THU


def test_announced_launch_day_gives_way_to_the_launch_sentence():
    launch = launch_of("The Defence Ministry announced the test launch of a medium-range "
                       "ballistic missile on Friday.\n\nTwo launches took place on Wednesday, "
                       "a ministry spokesman added.", published=at(SAT))
    assert launch.date_local == WED


def test_date_after_a_background_phrase_is_another_event():
    launch = launch_of("North Korea fired a ballistic missile into the sea. The Saturday "
                       "launch came two days before the inauguration on Monday.",
                       published=at(TUE))
    assert launch.date_local == date(2024, 3, 16)


def test_only_date_after_a_background_phrase_is_not_the_launch_day():
    launch = launch_of("North Korea fired a ballistic missile into the sea, officials said. "
                       "The launch came two days before the inauguration on Monday.",
                       published=at(SAT))
    assert launch.date_local != MON


def test_date_without_background_phrase_is_the_launch_day():
    # Control for the two tests above: the same sentence without "two days before".
    launch = launch_of("North Korea fired a ballistic missile into the sea, officials said. "
                       "The launch came ahead of the inauguration on Monday.",
                       published=at(SAT))
    assert launch.date_local == MON


def test_source_said_day_of_an_earlier_test_is_not_the_launch_day():
    launch = launch_of("North Korea conducted a ballistic missile test last month, a "
                       "government source said Thursday.", published=at(FRI))
    assert launch.date_local != THU


def test_source_said_day_of_an_undated_test_is_the_launch_day():
    launch = launch_of("North Korea conducted a ballistic missile test, a government source "
                       "said Thursday.", published=at(FRI))
    assert launch.date_local == THU


# ------------------------------------------------------------------ 2. datelines

def _dates_of_first_sentence(text: str, reference: date):
    lexicon = default_extractor().lexicon
    body = analyse(text, lexicon)
    end = dateline_end(body)
    return body, end, dates_by_sentence(body, reference, None, end, lexicon)[0]


def test_agency_dateline_date_is_when_it_was_filed():
    text = ("Seoul, Jan. 7 (Example Press)--North Korea fired a ballistic missile into the "
            "East Sea on Monday, the Joint Chiefs of Staff said.")
    _, end, dates = _dates_of_first_sentence(text, date(2025, 1, 7))
    assert end > 0
    filed = next(d for d in dates if d.kind == "mdy")
    assert filed.day == date(2025, 1, 7) and filed.reporting and not filed.is_event_date
    launch = launch_of(text, published=datetime(2025, 1, 7, 18))
    assert launch.date_local == date(2025, 1, 6)


def test_agency_dateline_glued_to_the_lede_keeps_the_launcher():
    launch = launch_of("Seoul, Jan. 7 (Example Press)--North Korea fired a ballistic missile "
                       "into the East Sea on Monday, the Joint Chiefs of Staff said.",
                       published=datetime(2025, 1, 7, 18))
    assert launch.country == "North Korea"


def test_agency_dateline_spaced_from_the_lede_keeps_the_launcher():
    launch = launch_of("Seoul, Jan. 7 (Example Press) -- North Korea fired a ballistic missile "
                       "into the East Sea on Monday, the Joint Chiefs of Staff said.",
                       published=datetime(2025, 1, 7, 18))
    assert launch.country == "North Korea"
    assert launch.date_local == date(2025, 1, 6)


def test_city_dateline_with_a_date():
    launch = launch_of("WASHINGTON, Feb. 11 — North Korea fired a ballistic missile on Sunday, "
                       "the Pentagon said.", published=datetime(2025, 2, 11, 18))
    assert launch.date_local == date(2025, 2, 9)


def test_city_dateline_without_a_date():
    text = "WASHINGTON — The Pentagon said Monday that North Korea launched a ballistic missile."
    body, end, _ = _dates_of_first_sentence(text, WED)
    assert body.doc[:end].text == "WASHINGTON —"
    launch = launch_of(text, published=at(WED))
    assert launch.country == "North Korea"
    assert launch.date_local == MON


def test_dash_inside_the_lede_is_no_dateline():
    text = ("North Korea fired two ballistic missiles Monday — its third launch in a week, "
            "Seoul said.")
    body, end, _ = _dates_of_first_sentence(text, WED)
    assert end == 0
    assert launch_of(text, published=at(WED)).date_local == MON


# ------------------------------------------------------------------ 3. weekday with its date

def test_weekday_takes_the_date_beside_it():
    extraction = extract("On Wednesday 30 September 2015 at 10h28, the agency carried out a "
                         "flight test of a new ballistic missile from its coastal range.")
    assert extraction.published is None
    assert extraction.launches[0].date_local == date(2015, 9, 30)


def test_weekday_with_comma_and_month_first_date():
    launch = launch_of("On Tuesday, June 21, 2016, the army test-fired a ballistic missile.")
    assert launch.date_local == date(2016, 6, 21)


def test_weekday_alone_without_publication_gives_no_day():
    launch = launch_of("On Wednesday, the agency carried out a flight test of a new ballistic "
                       "missile from its coastal range.")
    assert launch.date_local is None


# ------------------------------------------------------------------ 4. URL year and month

_JULY_4 = ("The army launched a ballistic missile on July 4 from a site near the coast, "
           "officials said.")


def test_url_year_and_month_give_a_month_day_its_year():
    extraction = extract(_JULY_4, url="https://news.example.org/2017/07/item.html")
    assert extraction.published is None  # a year and month are no publication date
    assert extraction.launches[0].date_local == date(2017, 7, 4)


def test_month_day_without_url_has_no_year():
    assert launch_of(_JULY_4).date_local is None


# ------------------------------------------------------------------ 5. time zones

def test_us_central_time_with_its_date_moves_the_local_day():
    # 3:56 p.m. CDT (UTC-5) on June 21 is 20:56 UTC, 05:26 on June 22 in Pyongyang (UTC+8:30).
    launch = launch_of("North Korea launched a ballistic missile at 3:56 p.m. CDT, June 21, "
                       "2016, U.S. Strategic Command said.")
    assert launch.country == "North Korea"
    assert launch.date_local == date(2016, 6, 22)
    assert launch.time_local == time(5, 26)


def test_hawaii_time_is_converted():
    # 11:21 a.m. HST (UTC-10) is 21:21 UTC, 06:21 the next morning in Pyongyang (UTC+9).
    launch = launch_of("North Korea fired a ballistic missile on Monday. The launch was "
                       "detected at 11:21 a.m. Hawaii time, U.S. Pacific Command said.",
                       published=datetime(2023, 7, 10, 9))
    assert launch.time_local == time(6, 21)
    assert launch.date_local == date(2023, 7, 10)


@pytest.mark.parametrize("span", ["8:40-52 p.m.", "8:40 - 8:52 p.m.", "8:40–52 pm"])
def test_a_time_range_takes_the_meridiem_written_after_it(span: str):
    # Two missiles a few minutes apart; the "p.m." after the range is its start's too.
    launch = launch_of(f"North Korea fired two ballistic missiles between {span} on Friday, "
                       "the Joint Chiefs of Staff in Seoul said.",
                       published=datetime(2024, 3, 1, 23))
    assert launch.time_local == time(20, 40)


def test_time_alone_in_utc_keeps_the_day_found_elsewhere():
    # 22:04 UTC is 07:04 the next calendar day in Pyongyang, but the day was found in
    # Pyongyang's own terms ("On Thursday"): only the clock moves.
    launch = launch_of("On Thursday, Japan's prime minister said North Korea had fired a "
                       "ballistic missile that came down in the sea. The missile was launched "
                       "at 22:04 UTC, the U.S. military said.",
                       published=datetime(2023, 6, 15, 12))
    assert launch.date_local == date(2023, 6, 15)
    assert launch.time_local == time(7, 4)


# ------------------------------------------------------------------ 6. launching state

# Without a fallback country, a rule that misses cannot pass on the default (North Korea).
_NO_DEFAULT = RuleExtractor(lexicon=default_extractor().lexicon, default_country="Nowhere")
_P = datetime(2023, 6, 15, 12)


def state_of(text: str) -> str | None:
    return launch_of(text, published=_P, extractor=_NO_DEFAULT).country


def test_agent_of_fired_by_is_the_launcher():
    assert state_of("A ballistic missile fired by North Korea landed in waters near Japan, "
                    "Tokyo said.") == "North Korea"


def test_agent_beats_a_country_named_before_the_verb():
    assert state_of("A Russian-designed ballistic missile fired by Iran fell into the desert "
                    "on Thursday.") == "Iran"


def test_country_that_detected_the_launch_is_a_watcher():
    assert state_of("The U.S. military says it detected what it assessed as a North Korean "
                    "missile launch.") == "North Korea"
    # Without the rule, Israel would be the statement's subject before its launch word.
    assert state_of("Israel says it detected a ballistic missile launched toward the Red Sea "
                    "by the Houthis.") == "Yemen (Houthis)"


def test_country_that_says_it_fired_is_the_launcher():
    assert state_of("Pakistan's military says it test-fired a ballistic missile that can "
                    "reach India.") == "Pakistan"
    assert state_of("The U.S. Navy said it test-fired a ballistic missile from a submarine "
                    "off Florida.") == "United States"


def test_sponsor_is_no_launcher():
    assert state_of("Iran-backed Houthi rebels fired a ballistic missile at the port, the "
                    "coalition said.") == "Yemen (Houthis)"
    # Without the rule, "by Iran" would read as the agent.
    assert state_of("A ballistic missile was fired at the port by Iran-backed Houthi rebels, "
                    "the coalition said.") == "Yemen (Houthis)"


def test_subject_of_a_noun_statement_only_announced_it():
    assert state_of("The U.S. mission said it wanted the council to discuss Sunday's launch of "
                    "a medium-range missile by Iran.") == "Iran"
    # Without the agent: the U.S. only announced it, so the lede's other country fired.
    assert state_of("The U.S. mission said it wanted the council to discuss Sunday's launch of "
                    "a medium-range ballistic missile. Iran has called the test defensive.") \
        == "Iran"


# ------------------------------------------------------------------ 7. Japan's EEZ

_LEAD = "North Korea fired a ballistic missile on Thursday"


def eez_of(text: str) -> bool | None:
    return launch_of(text, published=_P).inside_japan_eez


def test_before_reaching_the_eez_is_outside():
    assert eez_of(f"{_LEAD} that fell into the sea before reaching Japan's exclusive economic "
                  "zone, the coast guard said.") is False


def test_did_not_reach_its_eez_with_japan_as_antecedent_is_outside():
    assert eez_of(f"{_LEAD}. Japan's defence ministry said the missile did not reach its "
                  "exclusive economic zone.") is False


def test_outside_of_the_eez_is_outside():
    assert eez_of(f"{_LEAD} that landed outside of Japan's EEZ, Tokyo said.") is False


def test_within_the_eez_is_inside():
    assert eez_of(f"{_LEAD} that landed within Japan's exclusive economic zone, Tokyo "
                  "said.") is True


def test_no_eez_wording_gives_no_verdict():
    assert eez_of(f"{_LEAD} that landed in the East Sea, Seoul said.") is None


def test_its_eez_of_another_country_is_no_verdict_on_japans():
    assert eez_of(f"{_LEAD}. South Korea's military said the missile landed inside its "
                  "exclusive economic zone.") is None


# ------------------------------------------------------------------ 8. missile class

def class_of(text: str, title: str | None = None) -> str | None:
    return launch_of(text, published=_P, title=title).missile_class


def test_hypersonic_warhead_beats_the_range_class():
    assert class_of("North Korea fired an intermediate-range ballistic missile tipped with a "
                    "hypersonic warhead on Thursday, the military said.") == "hypersonic"
    assert class_of("North Korea fired an intermediate-range ballistic missile on Thursday, "
                    "the military said.") == "IRBM"


def test_short_range_missile_from_a_submarine_is_an_slbm():
    assert class_of("North Korea fired a short-range ballistic missile from the submarine on "
                    "Thursday, the military said.") == "SLBM"


def test_submarine_in_the_statement_makes_a_later_range_class_an_slbm():
    assert class_of("North Korea fired a missile from a submarine on Thursday. The military "
                    "assessed it as a short-range ballistic missile.") == "SLBM"


def test_headline_rocket_system_makes_short_range_missiles_mlrs():
    body = "North Korea fired two short-range missiles into the sea on Thursday, the military said."
    assert class_of(body, title="North Korea test-fires new multiple launch rocket "
                    "system") == "MLRS"
    assert class_of(body, title="North Korea test-fires missiles") == "SRBM"


def test_named_slbm_described_as_ballistic_missile_is_an_slbm():
    trident = launch_of("The U.S. Navy test-fired a Trident II ballistic missile off the coast "
                        "of Florida on Thursday.", published=_P)
    assert (trident.missile_name, trident.missile_class) == ("Trident II", "SLBM")
    m51 = launch_of("France test-fired an M51 ballistic missile on Thursday, the armed forces "
                    "ministry said.", published=_P)
    assert (m51.missile_name, m51.missile_class) == ("M51", "SLBM")


def test_name_of_a_range_class_called_ballistic_missile_stays_unknown():
    # Only specific classes (SLBM, MLRS, ...) come from the name over the text's own words.
    launch = launch_of("North Korea fired a Hwasong-12 ballistic missile on Thursday, the "
                       "military said.", published=_P)
    assert (launch.missile_name, launch.missile_class) == ("Hwasong-12", "unknown")


def test_hedged_hypersonic_does_not_beat_a_stated_range_class():
    assert class_of("North Korea fired a medium-range ballistic missile on Thursday, and "
                    "analysts said it may have tested a hypersonic warhead.") == "MRBM"


def test_stated_hypersonic_warhead_counts():
    assert class_of("North Korea fired a ballistic missile on Thursday. The military said it "
                    "tested a hypersonic warhead.") == "hypersonic"


def test_hedged_hypersonic_alone_is_not_hypersonic():
    assert class_of("North Korea fired a ballistic missile on Thursday. Analysts said it may "
                    "have tested a hypersonic warhead.") != "hypersonic"


def test_mid_long_range_ballistic_rocket_is_an_irbm():
    assert class_of("North Korea test-fired a new-type mid/long-range ballistic rocket on "
                    "Thursday, state media said.") == "IRBM"


def test_medium_or_intermediate_range_is_an_mrbm():
    assert class_of("Iran fired a medium- or intermediate-range ballistic missile on Thursday, "
                    "the official said.") == "MRBM"


# ------------------------------------------------------------------ 9. sentence splitting

_VANDENBERG = ("The U.S. Air Force test-launched an unarmed intercontinental ballistic missile "
               "from Vandenberg Air Force Base, Calif., on Wednesday. It flew about 6,700 km.")


def test_state_abbreviation_does_not_end_the_sentence():
    body = analyse(_VANDENBERG, default_extractor().lexicon)
    assert [s.text for s in body.sentences] == [
        "The U.S. Air Force test-launched an unarmed intercontinental ballistic missile from "
        "Vandenberg Air Force Base, Calif., on Wednesday.", "It flew about 6,700 km."]


def test_date_after_state_abbreviation_is_the_launch_day():
    launch = launch_of(_VANDENBERG, published=datetime(2023, 6, 17, 12))  # a Saturday
    assert launch.country == "United States"
    assert launch.date_local == date(2023, 6, 14)


# spaCy keeps "Calif." whole; "Wyo." it splits into "Wyo" and ".", which its sentencizer
# takes for a full stop: document.py's rule must then join "on Wednesday" back on.
_WYOMING = ("The Air Force test-launched an unarmed intercontinental ballistic missile from a "
            "range near Cheyenne, Wyo., on Wednesday. It flew about 6,700 km.")


def test_split_off_abbreviation_full_stop_does_not_end_the_sentence():
    body = analyse(_WYOMING, default_extractor().lexicon)
    assert len(body.sentences) == 2
    assert body.sentences[0].text.endswith("Wyo., on Wednesday.")
    launch = launch_of(_WYOMING, published=datetime(2023, 6, 17, 12))
    assert launch.date_local == date(2023, 6, 14)


def test_the_default_country_setting_is_the_launcher_a_report_does_not_name(monkeypatch):
    from launchwatch.extract import default_extractor

    text = "A ballistic missile was fired into the sea on Monday, the coast guard said."
    monkeypatch.setenv("LAUNCHWATCH_DEFAULT_COUNTRY", "Iran")
    default_extractor.cache_clear()
    try:
        assert launch_of(text).country == "Iran"
    finally:
        monkeypatch.delenv("LAUNCHWATCH_DEFAULT_COUNTRY")
        default_extractor.cache_clear()
    assert launch_of(text).country == "North Korea"
