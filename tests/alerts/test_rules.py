"""Rules: read from the alerts file with errors that name the field, matched against
hand-built events and their assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchwatch.alerts.rules import checked_rule, match, read_alert_file
from launchwatch.errors import SettingsError
from launchwatch.model.alert import Rule

from .helpers import event

CHANNELS = {"atom", "desk"}


def rule(**conditions: object) -> Rule:
    return checked_rule({"name": "r", "channels": ["desk"], **conditions}, channels=CHANNELS)


@pytest.mark.parametrize(("conditions", "matching", "missing"), [
    ({"class_at_least": "IRBM"}, {"missile_class": "ICBM"}, {"missile_class": "MRBM"}),
    ({"class_at_least": "IRBM"}, {"missile_class": "IRBM"}, {"missile_class": "SLBM"}),
    ({"overflies": "japan"}, {"overflown": ["Japan"]}, {"overflown": ["North Korea"]}),
    ({"lands_in_eez": "Japan"}, {"claimant": "Japan", "maritime_zone": "EEZ"},
     {"claimant": "Russia", "maritime_zone": "EEZ"}),
    ({"lands_within": {"km": 300, "lat_deg": 41.5, "lon_deg": 135.0}}, {},
     {"landing": (38.0, 131.0)}),
    ({"range_over_km": 3000}, {"met_range_km": 4600.0}, {"met_range_km": 900.0}),
    ({"places_in_reach_over": 5_000_000}, {"cities": [("Tokyo", 37_000_000)]},
     {"cities": [("Sapporo", 1_900_000)]}),
    ({"launching_state": "North Korea"}, {}, {"country": "Russia"}),
    ({"revised": {"figure": "distance_km", "percent": 20}}, {"distances": (500.0, 800.0)},
     {"distances": (500.0, 550.0)}),
    ({"revised": {"figure": "distance_km", "absolute": 100}}, {"distances": (500.0, 650.0)},
     {"distances": (500.0,)}),
])
def test_each_condition_matches_the_event_that_meets_it_and_not_the_other(
        conditions: dict, matching: dict, missing: dict) -> None:
    chosen = rule(**conditions)
    reasons = match(chosen, event(**matching))
    assert reasons is not None and len(reasons) == 1 and reasons[0]
    assert match(chosen, event(**missing)) is None


def test_any_event_matches_everything_and_conditions_combine_with_and() -> None:
    assert match(rule(any_event=True), event(missile_class="SRBM")) == \
        ["a launch was reported"]
    both = rule(class_at_least="IRBM", overflies="Japan")
    assert match(both, event(overflown=["Japan"])) is not None
    assert match(both, event(missile_class="SRBM", overflown=["Japan"])) is None


def test_a_named_place_is_resolved_from_the_gazetteer() -> None:
    near_tokyo = rule(lands_within={"km": 200, "place": "Tokyo"})
    assert near_tokyo.lands_within.lat_deg == pytest.approx(35.7, abs=0.3)
    assert match(near_tokyo, event(landing=(35.5, 140.5))) is not None
    assert match(near_tokyo, event()) is None


def test_an_event_without_an_assessment_matches_no_assessed_condition() -> None:
    bare = event().model_copy(update={"assessment": None})
    assert match(rule(range_over_km=100), bare) is None
    assert match(rule(class_at_least="SRBM"), bare) is not None


def test_an_alerts_file_is_read_with_its_channels(tmp_path: Path) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text('base_url = "https://lw.example"\n'
                    '[channels.desk]\ntype = "webhook"\nurl = "http://127.0.0.1:9/hook"\n'
                    'secret_env = "DESK_SECRET"\n'
                    '[[rules]]\nname = "long-range"\nchannels = ["desk", "atom"]\n'
                    'class_at_least = "IRBM"\n')
    read = read_alert_file(path)
    assert [r.name for r in read.rules] == ["long-range"]
    assert read.base_url == "https://lw.example" and set(read.channels) == {"desk"}


@pytest.mark.parametrize(("text", "where", "says"), [
    ('[[rules]]\nname = "a"\nchannels = ["atom"]\nclass_at_least = "XRBM"\n',
     "rules[0] ('a').class_at_least", "SRBM"),
    ('[[rules]]\nname = "a"\nchannels = ["atom"]\n', "rules[0] ('a')",
     "at least one condition"),
    ('[[rules]]\nname = "a"\nchannels = ["pager"]\nany_event = true\n',
     "rules[0] ('a').channels", "no channel is named 'pager'"),
    ('[[rules]]\nname = "a"\nchannels = ["atom"]\nany_event = true\ncolour = 1\n',
     "rules[0] ('a').colour", "not permitted"),
    ('[[rules]]\nname = "a"\nchannels = ["atom"]\nany_event = true\n'
     '[[rules]]\nname = "a"\nchannels = ["atom"]\nany_event = true\n',
     "rules[1].name", "a second rule"),
    ('[[rules]]\nname = "a"\nchannels = ["atom"]\nlands_within = {km = 5, place = "Qwzxville"}\n',
     "rules[0] ('a').lands_within.place", "no place named 'Qwzxville'"),
    ('rules = [\n', None, "not valid TOML"),
])
def test_a_bad_alerts_file_names_the_file_the_rule_and_the_field(
        tmp_path: Path, text: str, where: str | None, says: str) -> None:
    path = tmp_path / "alerts.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as error:
        read_alert_file(path)
    assert str(path) in str(error.value) and says in str(error.value)
    if where is not None:
        assert error.value.field == where
