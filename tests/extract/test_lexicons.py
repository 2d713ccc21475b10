"""The lexicon data files are consistent with the records they feed."""

from typing import get_args

from launchwatch.extract.lexicon import load_lexicon
from launchwatch.model import MissileClass


def test_every_missile_has_a_known_class_and_country():
    lexicon = load_lexicon()
    classes = set(get_args(MissileClass))
    for entry in lexicon.missiles.values():
        assert entry.missile_class in classes, entry
        assert entry.country in lexicon.countries, entry


def test_sites_have_valid_coordinates_and_countries():
    lexicon = load_lexicon()
    for site in lexicon.sites.values():
        assert -90 <= site.lat_deg <= 90 and -180 <= site.lon_deg <= 180, site
        assert site.country in lexicon.countries, site


def test_sites_are_the_gazetteers_at_the_gazetteers_points():
    """The extractor reads geo/data/sites.json: every name it matches is the gazetteer's, at the
    same point; only facilities are specific (an area, a province or a town's name for a
    facility gives no launch point)."""
    from launchwatch.geo.gazetteer import gazetteer, load_sites

    lexicon = load_lexicon()
    places = gazetteer()
    names = {n for site in load_sites() for n in site.names}
    assert names == {n for e in lexicon.sites.values() for n in (e.name, *e.aliases)}
    for entry in lexicon.sites.values():
        found = places.site(entry.name) or places.landmark(entry.name)
        assert (found.lat_deg, found.lon_deg) == (entry.lat_deg, entry.lon_deg), entry
    specific = {name for name, entry in lexicon.sites.items() if entry.specific}
    assert {"Sunan", "Kusong Testing Ground", "Sohae Satellite Launching Station",
            "Yonghung Bay", "Reagan Test Site"} <= specific
    assert not specific & {"Wonsan", "Sunchon", "Pyongyang", "Panghyon", "Jagang Province",
                           "Shahroud", "Semnan"}
    assert lexicon.sites["Reagan Test Site"].country == "United States"
    assert lexicon.sites["Baikonur Cosmodrome"].country == "Russia"
    assert lexicon.sites["Sanaa"].country == "Yemen (Houthis)"


def test_qualifier_words_are_the_units_table():
    from launchwatch.units import QUALIFIER_WORDS

    lexicon = load_lexicon()
    assert lexicon.qualifier_by_phrase["in excess of"] == "more than"
    assert len(lexicon.qualifier_by_phrase) == sum(map(len, QUALIFIER_WORDS.values()))
    assert "qualifiers" not in lexicon.cues and "directions" not in lexicon.cues


def test_every_country_has_a_time_zone():
    from zoneinfo import ZoneInfo

    lexicon = load_lexicon()
    for name, entry in lexicon.countries.items():
        ZoneInfo(lexicon.timezone_of(name))  # raises if the state has no zone or it is unknown
        ZoneInfo(lexicon.report_timezone_of(name))
