"""The keyword gate lets every launch report through and turns most other news away."""

from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path

import pytest

from launchwatch.bulk.gate import default_gate
from launchwatch.ingest import read_path
from launchwatch.model import Report

from .helpers import LAUNCH_PAGES, OTHER_PAGES

SHARED = Path(__file__).resolve().parents[3] / "shared"
STATEMENT_LISTS = ("launch_verbs", "launch_event_nouns", "statement_nouns", "flight_verbs",
                   "strike_verbs", "past_launch_verbs", "light_launch_verbs")


def _cues() -> dict[str, list[str]]:
    text = resources.files("launchwatch.extract").joinpath("lexicons", "cues.json").read_text(
        "utf-8")
    return json.loads(text)


def test_every_word_the_extractor_states_a_launch_with_passes_the_gate() -> None:
    """A missile noun of the lexicon beside each launch phrase of it: if the lexicon learns a
    word the gate does not know, this fails, rather than the gate losing reports quietly."""
    gate = default_gate()
    cues = _cues()
    for noun in cues["missile_nouns"]:
        assert gate.admits(Report(source="t", text=f"They fired the {noun}.")), noun
    for name in STATEMENT_LISTS:
        for phrase in cues[name]:
            assert gate.admits(Report(source="t", text=f"The missile {phrase} today.")), phrase


def test_launch_reports_in_english_japanese_and_korean_pass() -> None:
    gate = default_gate()
    pages = [Report(source="t", text=page["text"], title=page["title"]) for page in LAUNCH_PAGES]
    pages += [Report(source="t", text="北朝鮮は18日朝、弾道ミサイル1発を東方向に発射した。"),
              Report(source="t", text="북한이 18일 오전 동해상으로 탄도미사일 1발을 발사했다."),
              Report(source="t", text="Launch time: 07:44 local\nFlight: about 350 km")]
    assert all(gate.admits(page) for page in pages)


def _other_news(count: int) -> list[Report]:
    """News of other subjects, some of it with a launch word or a missile word (a product
    launch, a car's test drive), none with both near each other."""
    rng = random.Random(7)
    openings = [page["text"] for page in OTHER_PAGES] + [
        "The company will launch its new phone in May, executives told investors.",
        "Police said the vehicle was found abandoned near the station on Sunday.",
        "Rain fell across the north overnight, and more is expected on Friday.",
        "北海道では大雪の影響で、多くの列車が運休しました。",
        "서울 도심의 기온이 영하로 떨어져 시민들이 두꺼운 외투를 입었다.",
    ]
    fillers = ["Traders watched bond yields closely.", "The museum reopens next week.",
               "Tickets sold out within an hour.", "The mayor thanked the volunteers."]
    return [Report(source=f"o{k}", text=" ".join([rng.choice(openings)] + rng.sample(fillers, 3)))
            for k in range(count)]


def test_most_other_news_is_turned_away() -> None:
    gate = default_gate()
    pages = _other_news(500)
    turned_away = sum(not gate.admits(page) for page in pages)
    assert turned_away / len(pages) >= 0.9


@pytest.mark.parametrize("name", ["eval-real", "eval-dev"])
def test_no_labelled_launch_report_is_turned_away(name: str) -> None:
    """Recall 1.0 on the labelled sets, read at run time from ../shared (not in the repo)."""
    root = SHARED / name
    if not (root / "labels.jsonl").exists():
        pytest.skip(f"{root} is not here")
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text("utf-8").splitlines()
              if line.strip()]
    launches = [label["id"] for label in labels if label["is_launch_report"]]
    lost = []
    for report_id in launches:
        [report] = list(read_path(root / "reports" / f"{report_id}.txt"))
        assert isinstance(report, Report)
        if not default_gate().admits(report):
            lost.append(report_id)
    assert launches and lost == []
