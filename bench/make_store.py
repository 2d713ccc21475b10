"""Make a SQLite store of about 5,000 launch events from synthetic text reports, for the load
and read benchmarks (``bench/load.py --db``).

Usage: python bench/make_store.py PATH [--events 5000] [--seed 12] [--sources 1.4]

Each event is one launch by one state on one day between 1990 and 2025: North Korea most
often, then Iran, Russia, China, India, Pakistan and the Houthis in Yemen, from a site of that
state in the gazetteer (``src/launchwatch/geo/data/sites.json``), with a class, a count, a
distance and an apogee drawn for the class.  Each launch is told by one to three reports
(``--sources`` on average) from different publishers, in a few phrasings written here, which
round the figures differently, so that some events carry conflicts as real ones do.

The reports go through the whole pipeline as ``launchwatch ingest`` sends them (the real
extractor, the store, the fusion); then a few events of each class are assessed for real and
their assessments copied to the others of that class (``bench/web.py``'s
``assess_by_template``: documents of real size without an hour of Monte Carlo).  The same
``--seed`` gives the same reports, hence the same store.  An existing PATH is refused.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.model import Report  # noqa: E402
from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.store import Store  # noqa: E402

SITES = ROOT / "src" / "launchwatch" / "geo" / "data" / "sites.json"
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2025, 12, 31)
# Where launches are made from: not impact ranges, and not the sites another state operates.
LAUNCH_KINDS = {"spaceport", "launch_site", "sea_launch_area", "test_range", "missile_base",
                "airfield", "shipyard", "factory", "area", "province"}


@dataclass(frozen=True)
class State:
    """A launching state as the reports name it: how often it launches here (a weight), its
    classes, who speaks for the launch, where reports are filed from and its offset."""

    name: str
    weight: int
    subject: str
    classes: tuple[str, ...]
    authorities: tuple[str, ...]
    dateline: str
    utc_offset_h: int


STATES = (
    State("North Korea", 12, "North Korea", ("SRBM", "SRBM", "SRBM", "MRBM", "IRBM", "ICBM",
                                             "SLBM"),
          ("South Korea's Joint Chiefs of Staff", "Japan's Ministry of Defense", "KCNA"),
          "SEOUL", 9),
    State("Iran", 4, "Iran", ("SRBM", "MRBM", "MRBM"),
          ("the Islamic Revolutionary Guard Corps", "Iranian state television"), "TEHRAN", 3),
    State("Russia", 2, "Russia", ("SRBM", "ICBM", "SLBM"),
          ("Russia's Defence Ministry",), "MOSCOW", 3),
    State("China", 2, "China", ("SRBM", "MRBM", "IRBM", "ICBM"),
          ("China's Ministry of National Defense",), "BEIJING", 8),
    State("India", 1, "India", ("SRBM", "MRBM", "IRBM", "ICBM"),
          ("India's Defence Research and Development Organisation",), "NEW DELHI", 5),
    State("Pakistan", 1, "Pakistan", ("SRBM", "MRBM"),
          ("Pakistan's Inter-Services Public Relations",), "ISLAMABAD", 5),
    State("Yemen", 1, "Houthi forces in Yemen", ("SRBM", "MRBM"),
          ("a Houthi military spokesman", "the Saudi-led coalition"), "DUBAI", 3),
)

# (words for the class, distance km low-high, apogee km low-high)
CLASSES = {
    "SRBM": ("short-range ballistic missile", (150, 800), (30, 120)),
    "MRBM": ("medium-range ballistic missile", (900, 2800), (150, 650)),
    "IRBM": ("intermediate-range ballistic missile", (3200, 5000), (500, 2200)),
    "ICBM": ("intercontinental ballistic missile", (800, 11000), (1000, 6200)),
    "SLBM": ("submarine-launched ballistic missile", (300, 2000), (50, 900)),
}
COUNTS = ((1, None), (1, None), (1, None), (2, "two"), (3, "three"))
PUBLISHERS = ("Harbour Wire", "Northgate Press", "Meridian News", "Coastline Daily",
              "Signal Review", "Atlas Bulletin")

# Three ways a report tells a launch, each with figures rounded its own way.
PHRASINGS = (
    "{dateline} -- {subject} fired {count_words} {class_words} from {site} on {day}, "
    "{authority} said. The missile flew about {distance} km and reached an altitude of "
    "about {apogee} km.",
    "{subject} launched {count_words} {class_words} from the {site} area on {day}, according "
    "to {authority}. It travelled roughly {distance} kilometres and climbed to about "
    "{apogee} kilometres before coming down at sea.",
    "{dateline} -- {authority} said {subject} test-fired {count_words} {class_words} on "
    "{day} from {site}. The missile reached an apogee of {apogee} km and flew {distance} km, "
    "officials said.",
)


def launch_sites() -> dict[str, list[str]]:
    """The gazetteer's launch sites by the state of their territory."""
    sites: dict[str, list[str]] = {}
    for site in json.loads(SITES.read_text(encoding="utf-8"))["sites"]:
        if site["kind"] in LAUNCH_KINDS and not site.get("operator"):
            sites.setdefault(site["country"], []).append(site["name"])
    return sites


def reports(n_events: int, sources_per_event: float, rng: random.Random) -> list[Report]:
    """The reports of ``n_events`` launches, each on a distinct (state, day)."""
    sites = launch_sites()
    states = [state for state in STATES if sites.get(state.name)]
    span_days = (LAST_DAY - FIRST_DAY).days + 1
    taken: set[tuple[str, int]] = set()
    out: list[Report] = []
    while len(taken) < n_events:
        state = rng.choices(states, weights=[s.weight for s in states])[0]
        offset = rng.randrange(span_days)
        if (state.name, offset) in taken:
            continue
        taken.add((state.name, offset))
        day = FIRST_DAY + timedelta(days=offset)
        missile_class = rng.choice(state.classes)
        class_words, (low_km, high_km), (low_apogee, high_apogee) = CLASSES[missile_class]
        count, count_words = rng.choice(COUNTS)
        figures = {
            "dateline": state.dateline, "subject": state.subject,
            "count_words": count_words or ("an" if class_words[0] in "aeiou" else "a"),
            "class_words": class_words + ("s" if count > 1 else ""),
            "site": rng.choice(sites[state.name]),
            "day": f"{day.day} {day:%B %Y}",
        }
        distance_km = rng.uniform(low_km, high_km)
        apogee_km = rng.uniform(low_apogee, high_apogee)
        n_sources = 1 + (rng.random() < sources_per_event - 1) + (rng.random() < 0.1)
        zone = timezone(timedelta(hours=state.utc_offset_h))
        for k, publisher in enumerate(rng.sample(PUBLISHERS, n_sources)):
            rounding = (10, 50, 100)[k % 3]
            text = rng.choice(PHRASINGS).format(
                **figures, authority=rng.choice(state.authorities),
                distance=f"{round(distance_km / rounding) * rounding:,}",
                apogee=f"{round(apogee_km / (rounding / 10)) * (rounding // 10):,}")
            published = datetime.combine(day + timedelta(days=1), datetime.min.time(),
                                         tzinfo=zone) + timedelta(hours=8 + 2 * k)
            out.append(Report(
                source=f"synthetic/{state.name.lower().replace(' ', '-')}-{day}-{k}.txt",
                publisher=publisher, published=published,
                title=f"{state.name} launches {class_words}", text=text))
    return out


def _bench_web() -> object:
    """``bench/web.py`` as a module, for its ``assess_by_template``."""
    spec = importlib.util.spec_from_file_location("bench_web", ROOT / "bench" / "web.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def make_store(path: Path, n_events: int, *, seed: int, sources_per_event: float) -> None:
    rng = random.Random(seed)
    written = reports(n_events, sources_per_event, rng)
    print(f"wrote {len(written):,} reports of {n_events:,} launches (seed {seed})", flush=True)
    started = time.perf_counter()
    with Store.open(f"sqlite:///{path}") as store:
        summary = Pipeline(store).ingest(written, events=False)
        ingested = time.perf_counter()
        changes = Pipeline(store).fuse()
        print(f"stored {summary.new:,} reports in {ingested - started:.0f} s, fused "
              f"{len(changes.touched):,} events in {time.perf_counter() - ingested:.0f} s; "
              f"{len(summary.failures)} failures", flush=True)
        for failure in summary.failures[:5]:
            print(f"  {failure}")
        _bench_web().assess_by_template(store, rng)  # type: ignore[attr-defined]
        print(f"{store.count_events():,} events in {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the SQLite file to make (must not exist)")
    parser.add_argument("--events", type=int, default=5000, help="launches (events) to make")
    parser.add_argument("--seed", type=int, default=12, help="the random seed")
    parser.add_argument("--sources", type=float, default=1.4,
                        help="reports per launch on average, 1 to 2")
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists already; give a new path (this script makes a store, "
                 "it does not add to one)")
    if not 1.0 <= args.sources <= 2.0:
        sys.exit(f"--sources is 1 to 2 reports per launch on average, not {args.sources}")
    make_store(args.path, args.events, seed=args.seed, sources_per_event=args.sources)
    return 0


if __name__ == "__main__":
    sys.exit(main())
