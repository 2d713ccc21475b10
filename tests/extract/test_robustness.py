"""Random and hostile text never crashes the extractor."""

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchwatch.extract import extract_report
from launchwatch.model import Report

WORDS = st.sampled_from([
    "North", "Korea", "fired", "launched", "a", "two", "missile", "missiles", "ballistic",
    "km", "miles", "about", "1,000", "6,518.2", "Mach", "15", "on", "Thursday", "May", "at",
    "7:55", "a.m.", "from", "Sunan", "into", "East", "Sea", "JCS", "said", ",", ".", "\n\n",
    "Japan's", "exclusive", "economic", "zone", "inside", "minutes", "seconds", "altitude",
    "of", "the", "not", "may", "have", "Hwasong-18", "--", "(", ")", "\"", "toward", "east",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=80), st.one_of(st.none(), st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1))))
def test_word_salad_never_crashes(words, published):
    extraction = extract_report(Report(source="p", text=" ".join(words), published=published))
    assert extraction.is_launch_report in (True, False)
    for launch in extraction.launches:
        launch.to_record()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text):
    extraction = extract_report(Report(source="p", text=text))
    assert isinstance(extraction.to_record(), dict)


def test_html_and_huge_numbers_are_text():
    text = ("<script>alert(1)</script> North Korea fired a missile that flew "
            "99999999999999999999 km on 31 February at 25:99 p.m.")
    extraction = extract_report(Report(source="p", text=text))
    assert extraction.is_launch_report
