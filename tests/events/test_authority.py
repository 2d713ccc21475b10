"""Who said it: tiers, and which cited body a figure belongs to."""

from __future__ import annotations

import pytest

from launchwatch.events import CNS, Tier
from launchwatch.events.authority import authority_near, tier_of

from fresh_interpreter import modules_loaded


@pytest.mark.parametrize(("authority", "country", "alternative", "tier"), [
    ("ROK JCS", "North Korea", False, Tier.TRACKING),
    ("Japan MoD", "North Korea", False, Tier.TRACKING),
    ("Japan government", "North Korea", False, Tier.GOVERNMENT),
    ("US officials", "Iran", False, Tier.GOVERNMENT),
    ("KCNA", "North Korea", False, Tier.LAUNCHING_STATE),
    ("IRGC", "Iran", False, Tier.LAUNCHING_STATE),
    ("US Missile Defense Agency", "United States", False, Tier.LAUNCHING_STATE),
    ("US Missile Defense Agency", "North Korea", False, Tier.TRACKING),
    (CNS, "North Korea", False, Tier.DATABASE),
    (None, "North Korea", False, Tier.MEDIA),
    (None, "North Korea", True, Tier.UNATTRIBUTED),
    ("Some New Agency", "North Korea", False, Tier.GOVERNMENT),
])
def test_tiers(authority: str | None, country: str, alternative: bool, tier: Tier) -> None:
    assert tier_of(authority, country, alternative=alternative) == tier


TEXT = ("SEOUL -- North Korea fired a ballistic missile on Thursday.\n\n"
        "The state news agency KCNA said the missile flew 1,090 km. It reached 6,248.5 km.\n\n"
        "South Korea's Joint Chiefs of Staff said it flew about 1,080 km. Japan's Defense "
        "Ministry said it flew for about 71 minutes.\n\n"
        "Analysts said the launch of 950 km in 2017 was smaller.")
CITED = ["KCNA", "ROK JCS", "Japan MoD"]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("1,090 km", "KCNA"),
    ("6,248.5 km", "KCNA"),          # the nearest earlier sentence of the paragraph names KCNA
    ("about 1,080 km", "ROK JCS"),
    ("about 71 minutes", "Japan MoD"),
    ("950 km", None),                # no body cited in that paragraph
])
def test_a_figure_belongs_to_the_body_its_sentence_cites(phrase: str, expected: str) -> None:
    assert authority_near(TEXT, TEXT.index(phrase), CITED) == expected


def test_only_bodies_the_report_cites_count() -> None:
    position = TEXT.index("about 1,080 km")
    assert authority_near(TEXT, position, ["Japan MoD"]) is None
    assert authority_near("", 0, CITED) is None


def test_attribution_does_not_load_the_extractor() -> None:
    # Fusion reads the authority lexicon; a process that only fuses (a bulk ingest's client)
    # must not pay for spaCy and the extractor to do so.
    statement = ("from launchwatch.events.authority import publisher_authority\n"
                 "assert publisher_authority('KCNA') == 'KCNA'")
    assert modules_loaded(statement, ["spacy", "launchwatch.extract"]) == []
