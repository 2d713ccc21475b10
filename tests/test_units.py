"""launchwatch.units: one rule for each conversion, qualifier, rounding and compass word."""

import math

import pytest

import launchwatch
from launchwatch.units import (COMPASS_POINTS, KM_PER_UNIT, LOWER_BOUND_QUALIFIERS, MILE_KM,
                               NAUTICAL_MILE_KM, QUALIFIER_WORDS, UPPER_BOUND_QUALIFIERS,
                               azimuth_deg, compass_half_width_deg, compass_point, duration_s,
                               length_km, qualifier_of, rounding_half_width,
                               time_rounding_half_width_s)

# -- lengths and durations -------------------------------------------------------------------


def test_mile_is_the_international_mile_and_nautical_mile_is_1852_m():
    # 1 yd = 0.9144 m (1959), 1 mi = 1760 yd; 1 nmi = 1852 m (1929).
    assert MILE_KM == pytest.approx(1760 * 0.9144 / 1000, abs=1e-15)
    assert NAUTICAL_MILE_KM == 1.852
    assert length_km(300, "miles") == pytest.approx(482.8032, abs=1e-9)
    assert length_km(200, "nautical miles") == pytest.approx(370.4, abs=1e-9)  # the EEZ


@pytest.mark.parametrize("unit", sorted(KM_PER_UNIT))
def test_every_length_unit_converts_and_spacing_and_case_do_not_matter(unit):
    assert length_km(1.0, unit) == KM_PER_UNIT[unit]
    assert length_km(1.0, "  " + unit.upper().replace(" ", "   ")) == KM_PER_UNIT[unit]


def test_durations_and_unknown_units_say_what_to_use():
    assert duration_s(47, "minutes") == 2820.0 and duration_s(1.5, "hr") == 5400.0
    with pytest.raises(ValueError, match="not a length unit.*use one of"):
        length_km(3, "furlongs")
    with pytest.raises(ValueError, match="not a duration unit"):
        duration_s(3, "fortnights")


# -- qualifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize("words, qualifier", [
    ("about", "about"), ("Approximately", "about"), ("approx.", "about"), ("some", "about"),
    ("an estimated", "about"), ("at least", "at least"), ("not less than", "at least"),
    ("over", "more than"), ("in  excess of", "more than"), ("exceeding", "more than"),
    ("up to", "up to"), ("as far as", "up to"), ("less than", "less than"),
    ("within", "less than"), ("under", "less than"), ("exactly", "exactly"),
    ("flew", None), ("", None),
])
def test_qualifier_words(words, qualifier):
    assert qualifier_of(words) == qualifier


def test_qualifiers_are_the_records_vocabulary_and_each_word_means_one():
    words = [w for phrases in QUALIFIER_WORDS.values() for w in phrases]
    assert len(words) == len(set(words))
    for qualifier in QUALIFIER_WORDS:
        launchwatch.Quantity(value=1.0, unit="km", qualifier=qualifier)  # validates
    assert LOWER_BOUND_QUALIFIERS.isdisjoint(UPPER_BOUND_QUALIFIERS)
    assert {"at least", "more than"} <= LOWER_BOUND_QUALIFIERS
    assert {"up to", "less than"} <= UPPER_BOUND_QUALIFIERS


# -- rounding --------------------------------------------------------------------------------


@pytest.mark.parametrize("value, text, half_width", [
    (250, "250", 5.0),          # last significant digit is the tens; a step of 50 is > 10 %
    (200, None, 10.0),
    (700, None, 25.0),
    (1000, "1,000", 50.0),
    (5700, None, 50.0),
    (6000, None, 250.0),        # physics-methods a2's rounded apogee stays flagged (+-5 % max)
    (1180, "1,180", 10.0),
    (787, "787", 0.5),
    (3724.9, None, 0.05),       # KCNA's decimals
    (2111.5, "2,111.5", 0.05),
    (2.5, "2.50", 0.005),       # a written trailing zero after the point counts
    (0.0, None, 0.0), (-5.0, None, 0.0), (math.nan, None, 0.0),
])
def test_rounding_half_width(value, text, half_width):
    assert rounding_half_width(value, text) == pytest.approx(half_width)


@pytest.mark.parametrize("value", [37, 250, 999, 1000, 6000, 12345, 3724.9])
def test_rounding_step_divides_the_figure_and_is_at_most_a_tenth_of_it(value):
    half = rounding_half_width(value)
    assert 0 < 2 * half <= max(0.1 * value, 1.0)
    if float(value).is_integer():
        assert value % (2 * half) == 0


def test_minutes_are_rounded_in_minutes():
    assert time_rounding_half_width_s(2700) == 30.0     # "about 45 min"
    assert time_rounding_half_width_s(4052) == 1.0      # KCNA's seconds


# -- compass words ---------------------------------------------------------------------------

# events.event.direction_deg's words, with its answers: units.azimuth_deg is a drop-in.
_EVENT_WORDS = {"north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0,
                "southeast": 135.0, "south-east": 135.0, "south": 180.0, "southwest": 225.0,
                "south-west": 225.0, "west": 270.0, "northwest": 315.0, "north-west": 315.0,
                "east-northeast": 67.5, "east-southeast": 112.5, "north-northeast": 22.5,
                "north-northwest": 337.5, "south-southeast": 157.5, "south-southwest": 202.5,
                "west-northwest": 292.5, "west-southwest": 247.5}


@pytest.mark.parametrize("word, azimuth", sorted(_EVENT_WORDS.items()))
def test_azimuth_of_spelled_words_in_any_case(word, azimuth):
    assert azimuth_deg(word) == azimuth
    assert azimuth_deg(word.upper()) == azimuth and azimuth_deg(f" {word.title()} ") == azimuth


def test_azimuth_of_abbreviations_ward_forms_and_nonsense():
    assert [azimuth_deg(p) for p in COMPASS_POINTS] == [22.5 * i for i in range(16)]
    assert azimuth_deg("ene") == 67.5 and azimuth_deg("NNW") == 337.5
    assert azimuth_deg("eastward") == 90.0 and azimuth_deg("northeastwards") == 45.0
    assert azimuth_deg("north east") == 45.0
    for nonsense in (None, "", "northsouth", "up", "Pyongyang"):
        assert azimuth_deg(nonsense) is None


def test_compass_sectors_and_running_text():
    assert compass_half_width_deg("west") == 22.5 and compass_half_width_deg("NW") == 22.5
    assert compass_half_width_deg("west-northwest") == 11.25
    assert compass_half_width_deg("sideways") is None
    assert compass_point("east-northeast") == "ENE"
    # In running text a lone letter is not a direction.
    assert compass_point("E", abbreviations=False) is None
    assert compass_point("eastward", abbreviations=False) == "E"
