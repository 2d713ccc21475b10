"""One rule at a time, on short reports written for these tests."""

from datetime import datetime, timedelta, timezone

import pytest

from launchwatch.extract import extract_report
from launchwatch.model import Report

KST = timezone(timedelta(hours=9))


def launch_of(text, published=None, title=None, publisher=None):
    report = Report(source="test", text=text, title=title, publisher=publisher,
                    published=published)
    extraction = extract_report(report)
    assert extraction.is_launch_report, f"expected a launch report: {text[:80]}"
    record = extraction.to_record()["launches"][0]
    # Every value the record carries is supported by a span of the text.
    for field, evidence in record["evidence"].items():
        assert text[evidence["start"]:evidence["end"]] == evidence["text"], field
    return record


def test_relative_weekday_is_resolved_against_publication_date():
    launch = launch_of("North Korea fired a short-range ballistic missile into the East Sea "
                       "early Saturday, the Joint Chiefs of Staff said.",
                       published=datetime(2024, 3, 18, 10, 0, tzinfo=KST))  # a Monday
    assert launch["date_local"] == "2024-03-16"


def test_weekday_of_the_report_itself_is_that_day():
    launch = launch_of("North Korea launched two ballistic missiles on Thursday morning, "
                       "South Korea's military said.",
                       published=datetime(2023, 6, 15, 9, 30, tzinfo=KST))  # Thursday
    assert launch["date_local"] == "2023-06-15"
    assert launch["count"] == 2


def test_seoul_time_converts_to_pyongyang_time_in_2017():
    # Pyongyang kept UTC+8:30 from 2015-08-15 to 2018-05-04.
    launch = launch_of("North Korea fired a ballistic missile at 6:40 a.m. on Tuesday from "
                       "the Sunan area of Pyongyang, the JCS said.",
                       published=datetime(2017, 8, 29, 12, 0, tzinfo=KST))
    assert launch["time_local"] == "06:10"
    assert launch["launch_lat"] == pytest.approx(39.22, abs=0.01)


def test_same_clock_time_after_2018():
    launch = launch_of("North Korea fired a ballistic missile at 6:40 a.m. on Tuesday, the "
                       "JCS said.", published=datetime(2019, 5, 7, 12, 0, tzinfo=KST))
    assert launch["time_local"] == "06:40"


def test_miles_are_converted_and_km_in_brackets_wins():
    launch = launch_of("The Pentagon said North Korea fired an intercontinental ballistic "
                       "missile on Friday that flew about 600 miles.",
                       published=datetime(2017, 7, 29))
    assert launch["distance_km"] == 966  # 600 x 1.609344 = 965.6, rounded to whole km
    launch = launch_of("North Korea fired a missile on Friday that flew 950 kilometres "
                       "(590 miles), officials said.", published=datetime(2017, 7, 29))
    assert launch["distance_km"] == 950


def test_nautical_miles_and_number_words():
    launch = launch_of("Iran's Revolutionary Guards fired three ballistic missiles that "
                       "travelled some 500 nautical miles on Monday, a US official said.",
                       published=datetime(2024, 5, 7))
    assert launch["country"] == "Iran"
    assert launch["count"] == 3
    assert launch["distance_km"] == 926
    assert launch["qualifiers"]["distance_km"] == "about"


def test_several_missiles_take_the_largest_distance():
    launch = launch_of("North Korea fired two short-range ballistic missiles on Sunday. They "
                       "flew about 250 km and 410 km, respectively, at an apogee of about "
                       "40 km, the JCS said.", published=datetime(2022, 1, 17))
    assert launch["distance_km"] == 410
    assert launch["apogee_km"] == 40


def test_first_authority_is_best_and_others_are_alternatives():
    launch = launch_of("North Korea fired a ballistic missile on Wednesday. South Korea's "
                       "Joint Chiefs of Staff said it flew about 800 km. Japan's Defense "
                       "Ministry said it flew about 750 km and reached an altitude of about "
                       "60 km.", published=datetime(2021, 9, 15))
    assert launch["distance_km"] == 800
    assert [a["value"] for a in launch["alternatives"]["distance_km"]] == [750]
    assert launch["alternatives"]["distance_km"][0]["reported_by"] == "Japan MoD"
    assert set(launch["reported_by"]) == {"ROK JCS", "Japan MoD"}


def test_background_launch_does_not_leak():
    launch = launch_of("North Korea fired a short-range ballistic missile into the East Sea "
                       "on Monday, the JCS said, without giving its flight distance.\n\n"
                       "On Friday, the North launched a cruise missile that flew about "
                       "1,500 km over 126 minutes.", published=datetime(2021, 9, 13))
    assert launch["distance_km"] is None
    assert launch["flight_time_s"] is None
    assert launch["missile_class"] == "SRBM"


@pytest.mark.parametrize("opening", ["Earlier this week", "Last weekend"])
def test_a_launch_earlier_in_the_week_is_background(opening: str):
    # The class of the launch the report recalls is not the reported one's.
    launch = launch_of("On Friday, Japan said North Korea fired two suspected ballistic "
                       "missiles into the sea. The missiles flew about 400 km.\n\n"
                       f"{opening}, the North fired two short-range cruise missiles into the "
                       "Yellow Sea, officials said.", published=datetime(2021, 3, 27))
    assert launch["missile_class"] == "unknown"
    assert launch["distance_km"] == 400


@pytest.mark.parametrize("where, area", [
    # a clock time after the place is not part of it
    ("west of Sado Island around 9:12 a.m., outside Japan's exclusive economic zone",
     "sea west of Sado Island"),
    ("west of Sado Island about 9 pm local time", "sea west of Sado Island"),
    # "around" before a place keeps the place
    ("around the Korean Peninsula", "sea around the Korean Peninsula"),
])
def test_where_the_landing_place_ends(where: str, area: str):
    launch = launch_of(f"North Korea fired a long-range missile that came down in the sea {where}, "
                       "Japan said on Monday.", published=datetime(2024, 3, 4))
    assert launch["landing_area"] == area


@pytest.mark.parametrize("text, site", [
    # who spoke from a city, not where the launch was made
    *[(f"North Korea launched a rocket on Wednesday, Seoul said. Before the {said} from "
       "Pyongyang, Seoul said its military was still analysing the launch.", None)
      for said in ("announcement", "statement", "reaction")],
    ("North Korea fired two missiles from the Sunan area of Pyongyang on Wednesday, Seoul "
     "said.", "Sunan area of Pyongyang"),
])
def test_from_a_place_is_the_launch_site_only_after_a_launch(text: str, site: str | None):
    assert launch_of(text, published=datetime(2023, 5, 31))["launch_site"] == site


@pytest.mark.parametrize("text, figures", [
    ("North Korea fired an ICBM on Friday. The missile flew as high as 6,000 kilometers on a "
     "lofted trajectory before landing in the sea, Japan said.", (None, 6000)),
    # "away" is how far, even after "reached"
    ("France test-fired an M51 ballistic missile from a submarine on Friday; it reached the "
     "waters of the North Atlantic, a little less than 6,000 kilometres away, the ministry "
     "said.", (6000, None)),
])
def test_which_way_a_figure_goes(text: str, figures: tuple):
    launch = launch_of(text, published=datetime(2022, 11, 18))
    assert (launch["distance_km"], launch["apogee_km"]) == figures


_TODAY_LIKE_BEFORE = ("North Korea launched a ballistic missile at around 7:23 a.m. on Tuesday. "
                      "Tokyo believes the missile launched today is the same as the {} four "
                      "missiles, an intermediate-range ballistic missile.")


@pytest.mark.parametrize("text, title, count", [
    # earlier missiles are not this launch's
    *[(_TODAY_LIKE_BEFORE.format(earlier), "North Korea fires ballistic missile over Japan", 1)
      for earlier in ("past", "previous", "last")],
    # a missile system is no count; the launch of two is
    ("The missiles fired by North Korea on Wednesday were a test of a new \"railway-borne "
     "missile system\", state media reported on Thursday. On Wednesday, Seoul and Tokyo said "
     "they had detected the launch of two ballistic missiles.", None, 2),
    # people named after missiles are no count
    ("The air force launched an unarmed Minuteman III missile from the base on Sunday. During "
     "the launch, a group of 15 anti-missile protesters gathered at the gates.", None, 1),
])
def test_what_counts_as_how_many_flew(text: str, title: str | None, count: int):
    assert launch_of(text, published=datetime(2022, 10, 4), title=title)["count"] == count


@pytest.mark.parametrize("text, time_local, distance_km", [
    # what was said earlier of the same launch
    ("North Korea launched a long-range missile into the East Sea on Thursday, the White House "
     "said. Previously, the Joint Chiefs of Staff announced that it had detected a ballistic "
     "missile launched from the Pyongyang area at approximately 7:10 a.m.", "07:10", None),
    # an earlier launch
    ("North Korea launched a long-range missile into the East Sea on Thursday, the White House "
     "said. Previously, the North had launched a missile at 7:10 a.m. that flew 1,000 km.",
     None, None),
])
def test_previously_said_is_the_same_launch_previously_fired_is_not(
        text: str, time_local: str | None, distance_km: float | None):
    launch = launch_of(text, published=datetime(2024, 11, 1, 9))
    assert (launch["time_local"], launch["distance_km"]) == (time_local, distance_km)


def test_revised_figure_replaces_initial_estimate():
    launch = launch_of("North Korea fired a missile on Thursday. \"It flew about 600 km,\" the "
                       "JCS said, revising its initial estimate of about 430 km.",
                       published=datetime(2019, 7, 25))
    assert launch["distance_km"] == 600


def test_capability_is_not_distance_and_minutes_convert():
    launch = launch_of("1. Today, at around 9:59 a.m., North Korea launched one ICBM-class "
                       "ballistic missile toward the east-northeast. It flew for about 74 "
                       "minutes and about 1,000 km. The missile could have a range "
                       "exceeding 15,000 km. It fell inside Japan's exclusive economic "
                       "zone (EEZ), approximately 200 km west of Okushiri Island.",
                       published=datetime(2023, 7, 12, 13, 0, tzinfo=KST),
                       publisher="Japan Ministry of Defense")
    assert launch["distance_km"] == 1000
    assert launch["flight_time_s"] == 4440
    assert launch["missile_class"] == "ICBM"
    assert launch["inside_japan_eez"] is True
    assert launch["direction"] == "ENE"
    assert launch["time_local"] == "09:59"
    assert launch["reported_by"][0] == "Japan MoD"


def test_state_media_dateline_and_precise_figures():
    launch = launch_of("Pyongyang, March 17 (KCNA) -- The DPRK test-fired the ICBM "
                       "Hwasong-17 on March 16. The missile climbed to 6,045 km and flew "
                       "1,000.2 km for 4,151 seconds.", publisher="KCNA",
                       published=datetime(2023, 3, 17))
    assert launch["date_local"] == "2023-03-16"
    assert launch["missile_name"] == "Hwasong-17"
    assert launch["apogee_km"] == 6045
    assert launch["distance_km"] == 1000.2
    assert launch["flight_time_s"] == 4151


def test_name_aliases_are_normalised():
    launch = launch_of("North Korea fired two KN-23 missiles on Monday.",
                       published=datetime(2021, 3, 25))
    assert launch["missile_name"] == "Hwasong-11A"
    assert launch["missile_class"] == "SRBM"


@pytest.mark.parametrize("text", [
    "North Korea rolled out new ICBMs at a military parade on Thursday; no missiles were "
    "fired.",
    "The UN Security Council met on Monday to discuss North Korea's latest missile launch.",
    "A notice said North Korea \"may have launched a ballistic missile\", but officials later "
    "said no launch took place.",
    "North Korea has fired more than 60 ballistic missiles this year, officials said.",
    "Japan approved funds for Tomahawk cruise missiles, which have a range of 1,600 km.",
])
def test_stories_without_a_launch(text):
    extraction = extract_report(Report(source="test", text=text,
                                       published=datetime(2023, 1, 1)))
    assert extraction.is_launch_report is False
    assert extraction.launches == []


def test_context_is_found_with_evidence():
    text = ("North Korea fired a ballistic missile on Monday as US Secretary of State Antony "
            "Blinken held talks in Seoul. The launch came as South Korea and the United "
            "States held their Freedom Shield exercise.")
    extraction = extract_report(Report(source="t", text=text, published=datetime(2025, 1, 6)))
    kinds = {item.kind for item in extraction.context}
    assert {"visit", "exercise"} <= kinds
    for item in extraction.context:
        assert text[item.evidence.start:item.evidence.end] == item.evidence.text


def test_recalled_launches_come_after_the_reported_one():
    text = ("North Korea fired a short-range ballistic missile on Sunday, the JCS said.\n\n"
            "On Thursday, it launched a Hwasong-17 that flew about 1,000 km at an apogee of "
            "about 6,000 km for 70 minutes.")
    extraction = extract_report(Report(source="t", text=text,
                                       published=datetime(2023, 3, 19, 12, 0)))
    reported, recalled = extraction.launches
    assert reported.role == "reported" and reported.distance_km is None
    assert recalled.role == "background"
    assert recalled.date_local.isoformat() == "2023-03-16"
    assert recalled.missile_name == "Hwasong-17" and recalled.missile_class == "ICBM"
    assert (recalled.distance_km.value, recalled.apogee_km.value,
            recalled.flight_time_s.value) == (1000, 6000, 4200)
