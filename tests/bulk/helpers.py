"""Pages written for these tests: launch reports and other news, in the project's own words."""

from __future__ import annotations

import json
from pathlib import Path

LAUNCH_PAGES = [
    {"title": "North Korea fires ballistic missile into the East Sea",
     "published": "2024-03-18T09:30:00+09:00", "publisher": "Test Harbour Wire",
     "text": "North Korea fired a short-range ballistic missile toward the East Sea early on "
             "Monday, South Korea's Joint Chiefs of Staff said.\n\nThe missile flew about "
             "350 km after lifting off from near Pyongyang, the military said."},
    {"title": "Seoul says Pyongyang launched a missile on Monday",
     "published": "2024-03-18T11:00:00+09:00", "publisher": "Second Test Desk",
     "text": "North Korea launched a short-range ballistic missile on Monday morning, "
             "according to the Joint Chiefs of Staff in Seoul.\n\nIt travelled roughly 350 "
             "km before falling into the sea."},
    {"title": "Missile test: North Korea launches ICBM",
     "published": "2024-06-02T08:00:00+09:00", "publisher": "Test Harbour Wire",
     "text": "North Korea launched an intercontinental ballistic missile on Sunday, Japan's "
             "defence ministry said.\n\nThe missile reached an altitude of about 6,000 km "
             "and flew for 70 minutes."},
]

OTHER_PAGES = [
    {"title": "City council approves new bicycle lanes",
     "text": "The council voted on Tuesday to paint twelve kilometres of bicycle lanes "
             "along the river road.\n\nWork starts in the spring, officials said."},
    {"title": "Harvest festival draws record crowds",
     "text": "Visitors packed the market square for the harvest festival, where growers "
             "showed pumpkins weighing more than 300 kilograms."},
    {"title": "Central bank holds rates steady",
     "text": "The central bank left its policy rate unchanged on Thursday, citing slowing "
             "inflation and a weaker labour market."},
    {"title": "Local team wins the cup final",
     "text": "A late header settled the final, and the home side lifted the trophy for the "
             "first time in two decades."},
]


def write_jsonl(path: Path, pages: list[dict]) -> Path:
    path.write_text("".join(json.dumps(page) + "\n" for page in pages), encoding="utf-8")
    return path


def archive(folder: Path, shards: int = 3) -> list[Path]:
    """The test pages spread over ``shards`` JSONL files, launch reports among other news."""
    pages = [page for pair in zip(OTHER_PAGES, LAUNCH_PAGES) for page in pair]
    pages += OTHER_PAGES[len(LAUNCH_PAGES):]
    paths = []
    for k in range(shards):
        paths.append(write_jsonl(folder / f"shard-{k}.jsonl", pages[k::shards]))
    return paths
