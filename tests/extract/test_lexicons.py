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


def test_every_country_has_a_time_zone():
    from zoneinfo import ZoneInfo

    for name, entry in load_lexicon().countries.items():
        ZoneInfo(entry["timezone"])  # raises if the zone is unknown
