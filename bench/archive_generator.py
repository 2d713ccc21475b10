"""A seeded synthetic news archive for the bulk-ingest bench (issue 16): JSONL shards of news
pages, about 2 % of them launch reports and the rest news on other subjects.

Usage: python bench/archive_generator.py FOLDER [--pages 1000000] [--seed 16]
                                         [--shard-pages 50000] [--jobs 2]

Why synthetic: a bulk ingest is judged on how fast it gets through pages that are mostly *not*
about launches, and on whether its cheap relevance gate throws away only those.  No archive of
a million real pages can ship with the project, so this module writes one in the project's own
words, with the mix a wire archive has:

- ``launch`` (2 %): a ballistic-missile launch by North Korea (most), Iran, Pakistan, India,
  Russia, China or Yemen's Houthis, dated 1990-2025, from a site of the project's gazetteer
  (``geo/data/sites.json``), with a missile class and sometimes a name from the extractor's
  lexicon (``extract/lexicons/missiles.json``), figures (count, distance, apogee, flight time)
  and the authority that gave them; several phrasings of every sentence.  About one in twelve
  is written in Japanese or Korean.
- ``missile-news`` (4 %): hard negatives that use the same words about no new launch: missile
  defence budgets, parades, satellite imagery of a site, sanctions debates, threats and plans,
  tallies of past launches, interceptor tests.
- ``space`` (1 %): satellite launches by space agencies (a rocket that flew, but no missile).
- ``word-trap`` (4 %): "fired" coaches, "launched" products and campaigns, shots "fired" past a
  goalkeeper, shares that "rocketed".
- the rest: economy, sport, weather, culture, politics, science and technology.

Each line is one JSON object the JSONL reader takes (``text``, ``title``, ``publisher``,
``url``, ``published``) plus ``topic``, which the reader ignores and the bench reads to know
the truth.  A page's content hash is its text, so every page carries its own dateline and
figures; pages repeat very rarely (the test checks how rarely).

A shard is drawn from its own ``random.Random`` seeded by ``(seed, shard number)``, so shards
can be written in parallel and the same seed always gives the same archive, byte for byte.
Speed: the draws and string formatting cost some 40 microseconds a page, a million pages a
minute or two per core.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES_JSON = ROOT / "src" / "launchwatch" / "geo" / "data" / "sites.json"
MISSILES_JSON = ROOT / "src" / "launchwatch" / "extract" / "lexicons" / "missiles.json"

GENERATOR_VERSION = 1
"""Bump when the templates change, so that cached archives of the old text are not reused."""

LAUNCH_TOPIC = "launch"
SHARD_PAGES = 50_000

# The mix of an archive, as shares of all pages; the rest is general news.
TOPIC_SHARES: dict[str, float] = {
    LAUNCH_TOPIC: 0.02,
    "missile-news": 0.04,
    "space": 0.01,
    "word-trap": 0.04,
}
GENERAL_TOPICS = ("economy", "sport", "weather", "culture", "politics", "science")
CJK_SHARE_OF_LAUNCHES = {"ja": 0.04, "ko": 0.04}

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2025, 12, 31)
_DAYS = (LAST_DAY - FIRST_DAY).days

# Launching states: the missile lexicon's country, the gazetteer's country, how often each
# appears (North Korea dominates the record), the names a story calls it by, and who speaks.
STATE_WEIGHTS = {"North Korea": 70, "Iran": 8, "Pakistan": 5, "India": 5, "Russia": 5,
                 "China": 3, "Yemen (Houthis)": 4}
SITE_COUNTRY = {"Yemen (Houthis)": "Yemen"}
STATE_NAMES = {
    "North Korea": ("North Korea", "North Korea", "the North Korean military"),
    "Iran": ("Iran", "Iran's Revolutionary Guards", "the Iranian military"),
    "Pakistan": ("Pakistan", "Pakistan's army", "the Pakistani military"),
    "India": ("India", "India", "the Indian armed forces"),
    "Russia": ("Russia", "Russia's strategic forces", "the Russian military"),
    "China": ("China", "China's Rocket Force", "the Chinese military"),
    "Yemen (Houthis)": ("Yemen's Houthi movement", "the Houthis", "Houthi forces"),
}
HEADLINE_NAMES = {"North Korea": "N. Korea", "Yemen (Houthis)": "Yemen's Houthi movement"}
AUTHORITIES = {
    "North Korea": ("South Korea's Joint Chiefs of Staff", "the JCS", "Japan's Defence Ministry",
                    "Japan's Ministry of Defense", "South Korea's military",
                    "US Indo-Pacific Command"),
    "Iran": ("Iranian state television", "the Revolutionary Guards' news site",
             "Iran's defence ministry"),
    "Pakistan": ("the military's media wing (ISPR)", "Inter-Services Public Relations",
                 "Pakistan's army"),
    "India": ("India's defence ministry", "the Defence Research and Development Organisation",
              "defence officials in New Delhi"),
    "Russia": ("Russia's defence ministry", "the Russian Ministry of Defence"),
    "China": ("China's defence ministry", "state broadcaster CCTV"),
    "Yemen (Houthis)": ("a Houthi military spokesman", "the Israeli military",
                        "Houthi-run television"),
}
DATELINES = {"North Korea": ("SEOUL", "TOKYO", "WASHINGTON"), "Iran": ("TEHRAN", "DUBAI"),
             "Pakistan": ("ISLAMABAD", "KARACHI"), "India": ("NEW DELHI", "BHUBANESWAR"),
             "Russia": ("MOSCOW",), "China": ("BEIJING", "HONG KONG"),
             "Yemen (Houthis)": ("DUBAI", "JERUSALEM", "CAIRO")}
LANDINGS = {
    "North Korea": ("into the East Sea", "into the Sea of Japan",
                    "in waters off its east coast", "into the Yellow Sea",
                    "outside Japan's exclusive economic zone"),
    "Iran": ("in the Gulf of Oman", "in a desert target area", "in the Indian Ocean"),
    "Pakistan": ("in the Arabian Sea", "on a target in the desert"),
    "India": ("in the Bay of Bengal", "at a target point in the sea"),
    "Russia": ("at the Kura range in Kamchatka", "at a target range in the far east"),
    "China": ("in the western desert", "in a designated sea area"),
    "Yemen (Houthis)": ("near the Red Sea coast", "in the Negev desert", "near Eilat"),
}

# Class -> (phrase before "missile", distance km, apogee km or None, flight time minutes).
CLASSES: dict[str, tuple[str, tuple[int, int], tuple[int, int] | None, tuple[int, int]]] = {
    "SRBM": ("short-range ballistic", (80, 800), (20, 100), (3, 9)),
    "MRBM": ("medium-range ballistic", (500, 1500), (100, 600), (8, 15)),
    "IRBM": ("intermediate-range ballistic", (800, 4500), (500, 2000), (15, 40)),
    "ICBM": ("intercontinental ballistic", (700, 1100), (2000, 6500), (45, 75)),
    "SLBM": ("submarine-launched ballistic", (300, 600), (50, 900), (5, 15)),
    "cruise": ("cruise", (500, 2000), None, (100, 170)),
    "hypersonic": ("hypersonic", (600, 1500), (30, 100), (6, 12)),
    "MLRS": ("short-range ballistic", (150, 400), (20, 100), (3, 6)),
}
COUNT_WORDS = {1: "a", 2: "two", 3: "three", 4: "four", 6: "six", 8: "eight"}
COUNT_WEIGHTS = {1: 55, 2: 25, 3: 8, 4: 5, 6: 4, 8: 3}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

PUBLISHERS = (("Harbour Wire", "harbourwire.example"), ("Northgate Press", "northgate.example"),
              ("The Daily Ledger", "dailyledger.example"),
              ("Meridian News", "meridian-news.example"),
              ("Coastline Times", "coastlinetimes.example"),
              ("The Evening Courier", "eveningcourier.example"),
              ("Capital Bulletin", "capitalbulletin.example"),
              ("Pacific Dispatch", "pacificdispatch.example"))


@dataclass(frozen=True)
class Site:
    name: str
    kind: str
    ja: str | None
    ko: str | None


@dataclass(frozen=True)
class Missile:
    name: str
    missile_class: str


@dataclass(frozen=True)
class Vocabulary:
    """What the launch pages name, read from the project's own data files."""

    sites: dict[str, tuple[Site, ...]]
    missiles: dict[str, tuple[Missile, ...]]


def _script(aliases: list[str], low: str, high: str) -> str | None:
    return next((a for a in aliases if any(low <= c <= high for c in a)), None)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Sites and missiles of every launching state in STATE_WEIGHTS."""
    sites_data = json.loads(SITES_JSON.read_text(encoding="utf-8"))["sites"]
    missiles_data = json.loads(MISSILES_JSON.read_text(encoding="utf-8"))["missiles"]
    sites: dict[str, tuple[Site, ...]] = {}
    missiles: dict[str, tuple[Missile, ...]] = {}
    for state in STATE_WEIGHTS:
        country = SITE_COUNTRY.get(state, state)
        # Spaceports are where satellites go up (the "space" pages), except in Russia, whose
        # missile tests leave from Plesetsk; impact ranges are where missiles come down.
        sites[state] = tuple(
            Site(s["name"], s["kind"],
                 _script(s["aliases"], "\u3040", "\u9fff"),
                 _script(s["aliases"], "\uac00", "\ud7af"))
            for s in sites_data
            if s["country"] == country and s["kind"] != "impact_range"
            and (s["kind"] != "spaceport" or state == "Russia"))
        missiles[state] = tuple(Missile(m["name"], m["class"]) for m in missiles_data
                                if m["country"] == state and m["class"] in CLASSES)
        if not sites[state] or not missiles[state]:
            raise SystemExit(f"{SITES_JSON.name} or {MISSILES_JSON.name} has no site or "
                             f"missile for {state}; update STATE_WEIGHTS in {__file__}")
    return Vocabulary(sites, missiles)


# ------------------------------------------------------------------ slots shared by topics

SlotMaker = Callable[["Page"], object]


class Slots(dict[str, object]):
    """A page's slot values, each drawn the first time a template asks for it: a page uses a
    handful of the dozens of slots its subject offers, and drawing only those is most of the
    generator's speed."""

    def __init__(self, page: Page, makers: dict[str, SlotMaker]) -> None:
        super().__init__()
        self.page = page
        self.makers = makers

    def __missing__(self, name: str) -> object:
        value = self.makers[name](self.page)
        self[name] = value
        return value


class Page:
    """One page being written: its random source, day and the slots its templates fill."""

    def __init__(self, rng: random.Random, serial: str,
                 makers: dict[str, SlotMaker] | None = None) -> None:
        self.rng = rng
        self.serial = serial
        self.random = rng.random  # the one cheap draw every other draw is made from
        self.day = FIRST_DAY + timedelta(days=self.below(_DAYS + 1))
        self.slots = Slots(self, makers or {})
        self.slots.update(weekday=WEEKDAYS[self.day.weekday()], month=MONTHS[self.day.month - 1],
                          day=self.day.day, year=self.day.year)

    def below(self, n: int) -> int:
        """A whole number in [0, n): random() scaled, several times cheaper than randrange."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """A whole number in [low, high]."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return options[int(self.random() * len(options))]

    def fill(self, template: str) -> str:
        """The template with its slots filled; a sentence (or a lede after its dateline) that
        begins with a slot such as "the JCS" gets its capital."""
        text = template.format_map(self.slots)
        if text[:1].islower():
            text = text[0].upper() + text[1:]
        cut = text.find(" -- ") + 4
        if cut > 3 and text[cut:cut + 1].islower():
            text = text[:cut] + text[cut].upper() + text[cut + 1:]
        return text

    def paragraphs(self, lede: str, body: tuple[str, ...], low: int, high: int) -> list[str]:
        """The lede, then ``low``..``high`` body sentences in a random order, one or two to a
        paragraph (news paragraphs are short)."""
        chosen = self.rng.sample(body, min(len(body), self.between(low, high)))
        paragraphs = [self.fill(lede)]
        while chosen:
            take = 1 if len(chosen) == 1 or self.random() < 0.6 else 2
            paragraphs.append(" ".join(self.fill(s) for s in chosen[:take]))
            chosen = chosen[take:]
        return paragraphs


def _a(word: str) -> str:
    """The article for ``word``: "a short-range", "an ICBM", "an H-IIA", "an SLBM": an
    initialism is read letter by letter, so its first letter's name decides."""
    head = re.match(r"[A-Za-z]*", word).group() or word[:1]  # type: ignore[union-attr]
    if head.isupper():
        return "an" if head[0] in "AEFHILMNORSX" else "a"
    return "an" if head[:1].lower() in "aeiou" else "a"


def _minutes_clock(page: Page) -> str:
    hour = page.between(5, 18)
    return f"{(hour - 1) % 12 + 1}:{page.below(60):02d} {'a.m.' if hour < 12 else 'p.m.'}"


# ------------------------------------------------------------------ launch reports (English)

LAUNCH_TITLES = (
    "{state_short} fires {class_phrase} missile {landing}",
    "{state_short} launches {title_missiles}, {authority} says",
    "{state_short} test-fires {label_phrase}",
    "{state_short} fires {title_missiles} from {site}",
    "Missile launched by {state_short} flies {distance} km",
    "{state_short} conducts {class_phrase} missile launch",
    "{state_short} launches missile{s} {landing}, officials say",
    "{state_short} test-launches {class_phrase} missile{s}",
)
LAUNCH_LEDES = (
    "{dateline} -- {state} fired {missiles} from {site} {when}, {authority} said.",
    "{dateline} -- {authority} said {state} launched {missiles} from the area of {site} at "
    "{clock} {when}.",
    "{dateline} -- {state_alt} test-fired {label_phrase} from {site} {when}, according to "
    "{authority}.",
    "{dateline} -- {state} launched {missiles} {landing} {when}, {authority} said, in a launch "
    "made from {site}.",
    "{dateline} -- {authority} said {state_alt} fired {missiles} {when}; the launch was "
    "detected at {clock} from {site}.",
    "{dateline} -- {state} fired off {missiles} {when} from {site}, and {authority} said "
    "{it_they} flew about {distance} km.",
)
LAUNCH_BODY = (
    "The missile{s} flew about {distance} km and reached an altitude of about {apogee} km, "
    "{authority} said.",
    "{It_They} travelled some {distance} kilometres at a maximum altitude of {apogee} km.",
    "Officials said the flight lasted about {flight_minutes} minutes.",
    "The missile{s} came down {landing}, according to {authority}.",
    "{authority} said it was analysing the details of the launch with its allies.",
    "It was the first launch from {site} reported in several months.",
    "Analysts said the weapon looked like a version of the {missile_name}.",
    "The launch came as diplomats met to discuss regional security.",
    "Officials condemned the launch as a threat to peace in the region.",
    "Shipping and aircraft in the area were warned after the launch.",
    "The missile{s} flew for about {flight_minutes} minutes before falling {landing}.",
    "A government spokesperson called the launch a clear provocation.",
    "{authority} put the apogee at roughly {apogee} km.",
    "Neighbouring governments called an emergency meeting of their security officials, and "
    "several issued statements urging restraint.",
    "The foreign ministry in the capital summoned diplomats to lodge a formal protest over "
    "the launch within hours of the announcement.",
    "Experts said it was too early to say whether the test had met all of its goals, and that "
    "more would be known once imagery and tracking data had been studied.",
    "Markets in the region barely moved on the news, with traders saying such tests had "
    "become a familiar part of the background.",
    "The launch drew renewed calls at the United Nations for talks, though diplomats "
    "acknowledged that positions remained far apart.",
    "Residents of coastal towns said they heard about the launch from alerts on their phones "
    "and on the morning news.",
)
LAUNCH_BODY_NO_APOGEE = tuple(s for s in LAUNCH_BODY if "{apogee}" not in s)


def _counted(count: int, noun_phrase: str, plural: str) -> str:
    """'a short-range ballistic missile', 'two Hwasong-12 missiles'."""
    return (f"{_a(noun_phrase)} {noun_phrase}" if count == 1
            else f"{COUNT_WORDS[count]} {plural}")


def _launch_slots(page: Page, vocab: Vocabulary) -> str:
    """Fill the slots of an English launch report; returns the launching state."""
    rng = page.rng
    state = rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
    missile = page.pick(vocab.missiles[state])
    class_phrase, distance, apogee, minutes = CLASSES[missile.missile_class]
    count = rng.choices(list(COUNT_WEIGHTS), weights=list(COUNT_WEIGHTS.values()))[0]
    if missile.missile_class in {"ICBM", "IRBM"}:
        count = 1
    plural = count > 1
    published = page.day + timedelta(days=1 if rng.random() < 0.3 else 0)
    when = (f"on {WEEKDAYS[page.day.weekday()]}" if published != page.day or rng.random() < 0.5
            else f"early on {MONTHS[page.day.month - 1]} {page.day.day}")
    missiles = _counted(count, f"{class_phrase} missile", f"{class_phrase} missiles")
    names = STATE_NAMES[state]
    page.slots.update(
        state=names[0], state_alt=page.pick(names[:2]),
        state_short=HEADLINE_NAMES.get(state, names[0]),
        authority=page.pick(AUTHORITIES[state]),
        dateline=f"{page.pick(DATELINES[state])}, {MONTHS[published.month - 1]} "
                 f"{published.day}",
        site=page.pick(vocab.sites[state]).name, when=when, clock=_minutes_clock(page),
        class_phrase=class_phrase, missile_name=missile.name, missiles=missiles,
        title_missiles=missiles if plural else f"{class_phrase} missile",
        label_phrase=(_counted(count, missile.name, f"{missile.name} missiles")
                      if rng.random() < 0.35 else missiles),
        s="s" if plural else "", it_they="they" if plural else "it",
        It_They="They" if plural else "It",
        distance=f"{page.between(*distance):,}",
        apogee=f"{page.between(*apogee):,}" if apogee else "",
        flight_minutes=page.between(*minutes),
        landing=page.pick(LANDINGS[state]),
        published=published.isoformat(),
    )
    return state


def launch_page(page: Page, vocab: Vocabulary) -> tuple[str, str]:
    _launch_slots(page, vocab)
    body = LAUNCH_BODY if page.slots["apogee"] else LAUNCH_BODY_NO_APOGEE
    title = page.fill(page.pick(LAUNCH_TITLES))
    return title, "\n\n".join(page.paragraphs(page.pick(LAUNCH_LEDES), body, 6, 11))


# ------------------------------------------------------------------ launch reports (CJK)

JA_CLASSES = {"SRBM": "短距離弾道ミサイル", "MRBM": "準中距離弾道ミサイル",
              "IRBM": "中距離弾道ミサイル", "ICBM": "大陸間弾道ミサイル（ICBM）級",
              "SLBM": "潜水艦発射弾道ミサイル"}
JA_COUNTS = {1: "1発", 2: "2発", 3: "3発", 4: "4発", 6: "6発", 8: "8発"}
JA_TITLES = ("北朝鮮が{cls}を発射　{site}付近から", "北朝鮮、弾道ミサイル{count}を発射",
             "北朝鮮がミサイル発射、{landing}に落下か")
JA_LEDES = (
    "防衛省によると、北朝鮮は{y}年{m}月{d}日午前{h}時{mi}分ごろ、{site}付近から{cls}{count}を"
    "東方向に発射した。",
    "政府関係者によると、北朝鮮は{m}月{d}日午前{h}時{mi}分ごろ、{site}付近から弾道ミサイル"
    "{count}を発射した。",
)
JA_BODY = (
    "ミサイルは最高高度約{apogee}キロで、約{distance}キロ飛行したとみられる。",
    "落下したのは{landing}と推定される。",
    "政府は外交ルートを通じて北朝鮮に抗議した。",
    "船舶や航空機への被害は確認されていないという。",
    "防衛省は引き続き情報の収集と分析を進めている。",
)
JA_LANDINGS = ("日本の排他的経済水域（EEZ）外の日本海", "日本海", "EEZ内の日本海")
KO_CLASSES = {"SRBM": "단거리 탄도미사일", "MRBM": "준중거리 탄도미사일",
              "IRBM": "중거리 탄도미사일", "ICBM": "대륙간탄도미사일(ICBM)",
              "SLBM": "잠수함발사탄도미사일(SLBM)"}
KO_TITLES = ("북한, 동해상으로 {cls} {count}발 발사", "합참 \"북한, {site} 일대서 탄도미사일 발사\"",
             "북한 탄도미사일 발사…{distance}㎞ 비행")
KO_LEDES = (
    "합동참모본부는 북한이 {y}년 {m}월 {d}일 오전 {h}시 {mi}분께 {site} 일대에서 동해상으로 "
    "{cls} {count}발을 발사했다고 밝혔다.",
    "북한이 {m}월 {d}일 오전 {h}시 {mi}분께 {site} 일대에서 {cls} {count}발을 동해상으로 "
    "발사했다고 합참이 밝혔다.",
)
KO_BODY = (
    "미사일은 약 {distance}㎞를 비행했으며 정점고도는 약 {apogee}㎞로 탐지됐다.",
    "합참은 추가 발사에 대비해 감시와 경계를 강화하고 있다고 말했다.",
    "군 당국은 한미 정보당국이 세부 제원을 정밀 분석하고 있다고 설명했다.",
    "정부는 국가안전보장회의를 열어 대응 방안을 논의했다.",
)


def cjk_launch_page(page: Page, vocab: Vocabulary, language: str) -> tuple[str, str]:
    """A North Korean launch as a Japanese or Korean wire reports it."""
    rng = page.rng
    script = 0 if language == "ja" else 1
    sites = [s for s in vocab.sites["North Korea"] if (s.ja, s.ko)[script]]
    site = page.pick(sites)
    classes = JA_CLASSES if language == "ja" else KO_CLASSES
    missile_class = page.pick(list(classes))
    _, distance, apogee, _ = CLASSES[missile_class]
    count = 1 if missile_class in {"ICBM", "IRBM"} else rng.choice((1, 1, 2, 2, 3, 4))
    page.slots.update(
        y=page.day.year, m=page.day.month, d=page.day.day, h=page.between(5, 11),
        mi=page.below(60), site=(site.ja, site.ko)[script], cls=classes[missile_class],
        count=JA_COUNTS[count] if language == "ja" else count,
        distance=page.between(*distance), apogee=page.between(*apogee),  # type: ignore[misc]
        landing=page.pick(JA_LANDINGS), published=page.day.isoformat())
    titles, ledes, body = ((JA_TITLES, JA_LEDES, JA_BODY) if language == "ja"
                           else (KO_TITLES, KO_LEDES, KO_BODY))
    chosen = rng.sample(body, page.between(2, len(body)))
    text = page.fill(page.pick(ledes)) + "\n\n" + "\n\n".join(page.fill(s) for s in chosen)
    return page.fill(page.pick(titles)), text


# ------------------------------------------------------------------ the other subjects

@dataclass(frozen=True)
class Story:
    """A headline, the lede that goes with it, and body sentences only this story can use."""

    title: str
    lede: str
    body: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subject:
    """The stories of one subject, body sentences any of them can use, and its slot values."""

    stories: tuple[Story, ...]
    body: tuple[str, ...]
    slots: dict[str, SlotMaker]
    datelines: tuple[str, ...] = ("LONDON", "NEW YORK", "SYDNEY", "PARIS", "TOKYO", "SEOUL",
                                  "BERLIN", "SINGAPORE", "TORONTO", "NAIROBI", "MADRID")


COMPANIES = ("Alder Systems", "Brightwater Foods", "Corvid Logistics", "Delta Loom Textiles",
             "Everfield Energy", "Fernhill Pharma", "Granite Bay Bank", "Hollis Motors",
             "Ironleaf Software", "Juniper Air", "Kestrel Mining", "Lumen Retail Group")
PRODUCTS = ("smartphone", "electric hatchback", "streaming service", "savings account",
            "coffee machine", "running shoe", "video game", "cloud platform", "e-reader",
            "budget airline route")
TEAMS = ("Riverside Rovers", "Northport United", "Ashford City", "Kingsbridge Athletic",
         "Larkhill Wanderers", "Port Elm FC", "Eastmoor Town", "Highgate Harriers",
         "Westfield Lions", "Southbank Comets")
PEOPLE = ("Maria Keller", "Tomas Lindqvist", "Aiko Tanabe", "Daniel Osei", "Priya Raman",
          "Lucas Moreau", "Hannah Brooks", "Kenji Morita", "Sofia Alvarez", "Omar Haddad",
          "Elena Petrova", "James Whitlock")
CITIES = ("Lisbon", "Osaka", "Melbourne", "Chicago", "Cape Town", "Vancouver", "Busan",
          "Rotterdam", "Lyon", "Auckland", "Montreal", "Hamburg")
COUNTRIES = ("Norway", "Brazil", "Japan", "South Korea", "Canada", "Australia", "Germany",
             "Kenya", "Mexico", "Indonesia", "Poland", "Chile")
STORMS = ("Amara", "Bertil", "Chandra", "Dorian", "Elsa", "Farid", "Greta", "Hiro")
ROCKETS = (("Japan's space agency", "H-IIA", "Tanegashima"),
           ("The European Space Agency", "Ariane", "Kourou"),
           ("A US launch company", "Falcon 9", "Cape Canaveral"),
           ("New Zealand's Rocket Lab", "Electron", "the Mahia Peninsula"),
           ("India's space agency", "PSLV", "Sriharikota"))
PAYLOADS = ("a weather satellite", "a navigation satellite", "a lunar lander",
            "an earth-observation satellite", "a communications satellite")
DEFENCE_BUYERS = ("Japan", "South Korea", "Poland", "Germany", "Australia", "Israel")


def _percent(page: Page) -> str:
    return f"{0.1 + 9.8 * page.random():.1f}"


def _counting(low: int, high: int) -> SlotMaker:
    return lambda page: page.between(low, high)


def _choosing(options: tuple[str, ...]) -> SlotMaker:
    return lambda page: page.pick(options)


def _other_team(page: Page) -> str:
    home = TEAMS.index(str(page.slots["team"]))
    return TEAMS[(home + 1 + page.below(len(TEAMS) - 1)) % len(TEAMS)]  # never the same team


GENERAL_SLOTS: dict[str, SlotMaker] = {
    "company": _choosing(COMPANIES), "company2": _choosing(COMPANIES),
    "product": _choosing(PRODUCTS), "team": _choosing(TEAMS), "team2": _other_team,
    "person": _choosing(PEOPLE), "person2": _choosing(PEOPLE), "city": _choosing(CITIES),
    "country": _choosing(COUNTRIES), "storm": _choosing(STORMS),
    "ordinal": _choosing(("second", "third", "fourth", "fifth")),
    "pct": _percent, "pct2": _percent,
    "billions": lambda page: f"{0.2 + 79.8 * page.random():.1f}",
    "rate": lambda page: f"{0.25 + 7.25 * page.random():.2f}",
    "millions": _counting(2, 900), "score2": _counting(0, 3),
    "score": lambda page: int(page.slots["score2"]) + page.between(1, 3),  # type: ignore
    "minute": _counting(2, 90), "temp": _counting(-15, 44), "mm": _counting(20, 400),
    "n": _counting(3, 40), "seats": _counting(30, 350), "price": _counting(9, 2400),
    "km": _counting(5, 900),
}


def _weapons_state(page: Page) -> str:
    """The state a missile-news page is about, drawn once so that its slots agree."""
    state = page.slots.get("_state")
    if state is None:
        state = page.rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
        page.slots["_state"] = state
    return str(state)


def _weapon(page: Page) -> Missile:
    missile = page.slots.get("_missile")
    if missile is None:
        missile = page.pick(vocabulary().missiles[_weapons_state(page)])  # type: ignore
        page.slots["_missile"] = missile
    return missile  # type: ignore[return-value]


MISSILE_NEWS_SLOTS: dict[str, SlotMaker] = {
    **GENERAL_SLOTS,
    "state": lambda page: STATE_NAMES[_weapons_state(page)][0],
    "state_short": lambda page: HEADLINE_NAMES.get(_weapons_state(page), _weapons_state(page)),
    "site": lambda page: page.pick(vocabulary().sites[_weapons_state(page)]).name,  # type: ignore
    "missile_name": lambda page: _weapon(page).name,
    "class_phrase": lambda page: CLASSES[_weapon(page).missile_class][0],
    "tally": _counting(8, 70), "buyer": _choosing(DEFENCE_BUYERS),
}


def _rocket(page: Page) -> tuple[str, str, str]:
    chosen = page.slots.get("_rocket")
    if chosen is None:
        chosen = ROCKETS[page.below(len(ROCKETS))]
        page.slots["_rocket"] = chosen
    return chosen  # type: ignore[return-value]


SPACE_SLOTS: dict[str, SlotMaker] = {
    **GENERAL_SLOTS,
    "agency": lambda page: _rocket(page)[0], "rocket": lambda page: _rocket(page)[1],
    "a_rocket": lambda page: f"{_a(_rocket(page)[1])} {_rocket(page)[1]}",
    "spaceport": lambda page: _rocket(page)[2], "payload": _choosing(PAYLOADS),
}


SUBJECTS: dict[str, Subject] = {
    "economy": Subject(
        stories=(
            Story("{company} shares rise {pct}% after profit beats forecasts",
                  "{dateline} -- Shares in {company} rose {pct}% on {weekday} after the firm "
                  "reported quarterly profit of {billions} billion dollars.",
                  ("Analysts had expected a smaller gain.",
                   "The company said revenue grew to {billions} billion dollars.")),
            Story("{country}'s central bank holds rate at {rate}%",
                  "{dateline} -- {country}'s central bank kept its benchmark interest rate at "
                  "{rate}% on {weekday}, saying price pressures were easing.",
                  ("Two of the board's members voted for a cut.",)),
            Story("Inflation in {country} eases to {pct}%",
                  "{dateline} -- Consumer prices in {country} rose {pct}% in {month} from a "
                  "year earlier, down from {pct2}% the month before, official data showed."),
            Story("{company} to cut {n}00 jobs as sales slow",
                  "{dateline} -- {company} said on {weekday} it would cut about {n}00 jobs "
                  "after demand for its goods fell for a {ordinal} quarter.",
                  ("Unions said they would seek talks over the job cuts.",))),
        body=("{person}, chief economist at {company2}, said the outlook remained uncertain.",
              "Trading volumes were thin ahead of a public holiday.",
              "The currency weakened {pct2}% against the dollar.",
              "Bond yields edged higher for the {ordinal} day in a row.",
              "Retail sales rose {pct2}% in {month}, helped by warm weather.",
              "The government is due to publish growth figures next week.",
              "Exporters have struggled with higher shipping costs."),
        slots=GENERAL_SLOTS),
    "sport": Subject(
        stories=(
            Story("{team} beat {team2} {score}-{score2}",
                  "{dateline} -- {team} beat {team2} {score}-{score2} on {weekday} to move "
                  "{n} points clear at the top of the table.",
                  ("The visitors had a goal ruled out for offside.",
                   "The club's young goalkeeper made {n} saves.")),
            Story("{person} wins {city} marathon",
                  "{dateline} -- {person} won the {city} marathon on {weekday} in a course "
                  "record, finishing {n} seconds ahead of the field.",
                  ("She had been out for {n} weeks with an ankle injury.",)),
            Story("{person} through to quarter-finals in {city}",
                  "{dateline} -- {person} reached the quarter-finals of the {city} Open on "
                  "{weekday} after a straight-sets win.",
                  ("Ticket prices for the final rose to {price} dollars.",))),
        body=("A crowd of {n} thousand watched in heavy rain.",
              "{person2}, the coach, said the squad had worked hard all season.",
              "The next round is on Saturday.",
              "The result was the {ordinal} upset of the week."),
        slots=GENERAL_SLOTS),
    "weather": Subject(
        stories=(
            Story("Heatwave pushes {city} to {temp} degrees",
                  "{dateline} -- Temperatures in {city} reached {temp} degrees Celsius on "
                  "{weekday}, the highest reading for {month} in years.",
                  ("Residents were told to drink water and stay out of the midday sun.",
                   "Farmers warned that the dry spell would hurt harvests.")),
            Story("Storm {storm} brings heavy rain to {country}",
                  "{dateline} -- Storm {storm} dumped {mm} mm of rain on parts of {country} "
                  "on {weekday}, flooding roads and cutting power to thousands of homes.",
                  ("Winds of up to {km} km an hour were recorded on the coast.",
                   "Power was restored to most homes by the evening.")),
            Story("Flood warnings issued around {city}",
                  "{dateline} -- Forecasters issued flood warnings for {n} districts around "
                  "{city} after {mm} mm of rain fell in a day.",
                  ("Emergency crews rescued {n} people from flooded cars.",))),
        body=("Schools were closed and trains ran a reduced service.",
              "The weather service said conditions would ease by the weekend.",
              "Insurers said claims would run into millions of dollars."),
        slots=GENERAL_SLOTS),
    "culture": Subject(
        stories=(
            Story("{person} novel wins fiction prize",
                  "{dateline} -- {person} won this year's fiction prize on {weekday} for a "
                  "novel about three generations of a fishing family.",
                  ("Judges praised the book's quiet humour.",)),
            Story("{city} film festival opens",
                  "{dateline} -- The {city} film festival opened on {weekday} with {n} films "
                  "in competition and a record number of first-time directors.",
                  ("Critics were divided over the opening film.",
                   "{person2}, the festival director, said audiences were returning.")),
            Story("Museum in {city} reopens after {n}-month renovation",
                  "{dateline} -- The city museum of {city} reopened to visitors on {weekday} "
                  "after a {n}-month renovation that cost {millions} million dollars.",
                  ("The collection includes {n} hundred paintings and prints.",
                   "Entry will be free on the first Sunday of each month."))),
        body=("Tickets sold out within hours.", "The event runs until the end of {month}."),
        slots=GENERAL_SLOTS),
    "politics": Subject(
        stories=(
            Story("{country} votes in tight parliamentary election",
                  "{dateline} -- Voters in {country} went to the polls on {weekday} in an "
                  "election that surveys showed was too close to call.",
                  ("Turnout was about {n} percent by midday.", "Results are expected early "
                   "on Monday.")),
            Story("{person} named finance minister in {country}",
                  "{dateline} -- {person} was named finance minister of {country} on "
                  "{weekday} in a reshuffle that brought {n} new faces into the cabinet.",
                  ("{person2} said the government would publish its budget in {month}.",)),
            Story("Parliament passes pension reform in {country}",
                  "{dateline} -- Lawmakers in {country} passed a pension reform on {weekday} "
                  "by {seats} votes to {n}, ending months of debate.",
                  ("The reform raises the retirement age by {n} months.",))),
        body=("Opposition leaders said the vote had been rushed.",
              "The ruling party holds {seats} of the chamber's seats.",
              "Protesters gathered outside parliament in the evening."),
        slots=GENERAL_SLOTS),
    "science": Subject(
        stories=(
            Story("Researchers map deep-sea reef off {country}",
                  "{dateline} -- Scientists said on {weekday} they had mapped a coral reef "
                  "{km} km long in deep water off the coast of {country}.",
                  ("The team used an underwater drone to film the reef.",)),
            Story("New vaccine trial begins in {city}",
                  "{dateline} -- Doctors in {city} began a trial of a new vaccine on "
                  "{weekday}, enrolling {n} hundred volunteers.",
                  ("Results are expected in about {n} months.",)),
            Story("Fossil find in {country} surprises experts",
                  "{dateline} -- Palaeontologists in {country} described a fossil on "
                  "{weekday} that they said was about {n} million years old.")),
        body=("The study was published in a peer-reviewed journal.",
              "{person}, who led the team, said more work was needed.",
              "The project was funded by a {millions} million dollar grant."),
        slots=GENERAL_SLOTS),
    # Hard negatives: the words of a launch report about no new launch.
    "missile-news": Subject(
        stories=(
            Story("{buyer} approves {billions} billion for missile defence",
                  "{dateline} -- Lawmakers in {buyer} approved {billions} billion dollars for "
                  "missile defence on {weekday}, including new interceptors and radars.",
                  ("Officials said the money would buy radars and interceptor batteries.",)),
            Story("{state_short} shows off {missile_name} at military parade",
                  "{dateline} -- {state} displayed what analysts said was the {missile_name} "
                  "at a military parade on {weekday}, rolling it past the leadership on a "
                  "launcher truck.",
                  ("No missile was fired during the parade.",
                   "Analysts said the {class_phrase} missile could in theory reach much of "
                   "the region.")),
            Story("Satellite images show activity at {site}",
                  "{dateline} -- Commercial satellite images taken on {weekday} show vehicles "
                  "and new buildings at {site}, which analysts said may point to preparations "
                  "for a future test.",
                  ("Experts cautioned that images alone could not show whether a launch was "
                   "imminent.",)),
            Story("Security Council debates sanctions over {state_short} missiles",
                  "{dateline} -- The UN Security Council met on {weekday} to discuss new "
                  "sanctions over {state}'s ballistic missile programme, but members were "
                  "split.",
                  ("Diplomats said a resolution was unlikely to pass.",)),
            Story("{state_short} warns it may launch more missiles",
                  "{dateline} -- {state} warned on {weekday} that it could launch more "
                  "missiles if joint military drills went ahead.",
                  ("The government said it would respond to any provocation.",)),
            Story("{state_short} has fired {tally} missiles this year, tally shows",
                  "{dateline} -- {state} has fired {tally} ballistic missiles so far this "
                  "year, according to a tally kept by a research institute.",
                  ("The tally includes tests of cruise missiles and rocket artillery.",)),
            Story("{buyer} tests missile interceptor",
                  "{dateline} -- {buyer}'s military said on {weekday} that an anti-missile "
                  "interceptor had hit a mock target during a drill over the sea.",
                  ("The defence ministry said the drill went as planned.",))),
        body=("{person}, a researcher in {city}, said the programme had grown quickly.",
              "Sanctions already limit the country's oil imports.",
              "Neighbouring governments called for talks."),
        slots=MISSILE_NEWS_SLOTS),
    # Rockets that flew, carrying satellites: not a missile launch.
    "space": Subject(
        stories=(
            Story("{rocket} rocket puts {payload} into orbit",
                  "{dateline} -- {agency} launched {a_rocket} rocket carrying {payload} from "
                  "{spaceport} on {weekday}, and the satellite reached its planned orbit."),
            Story("{rocket} lifts off with {payload}",
                  "{dateline} -- {a_rocket} rocket lifted off from {spaceport} on {weekday} "
                  "with {payload} on board, officials said."),
            Story("{agency} places {payload} in orbit",
                  "{dateline} -- {agency} said on {weekday} that its {rocket} had placed "
                  "{payload} in orbit after a launch from {spaceport}.")),
        body=("The satellite will study clouds and sea ice for at least {n} years.",
              "Engineers cheered as the upper stage separated on time.",
              "The mission cost about {millions} million dollars.",
              "The first signals from the satellite were received an hour later."),
        slots=SPACE_SLOTS),
    # Launch words about other things: coaches fired, products launched, shots fired.
    "word-trap": Subject(
        stories=(
            Story("{team} fire coach after {n} defeats",
                  "{dateline} -- {team} fired head coach {person} on {weekday} after a run "
                  "of {n} games without a win.",
                  ("The club said a new coach would be named within days.",
                   "{person2} said the board had lost patience.")),
            Story("{company} launches new {product}",
                  "{dateline} -- {company} launched its new {product} on {weekday}, priced "
                  "at {price} dollars.",
                  ("Reviewers praised its battery life.",
                   "The product will go on sale in {n} countries in {month}.")),
            Story("{company} shares rocket {pct}% on takeover bid",
                  "{dateline} -- Shares in {company} rocketed {pct}% on {weekday} after a "
                  "takeover offer from {company2}.",
                  ("Analysts said the offer valued the firm at {billions} billion dollars.",)),
            Story("{person} fires winner for {team}",
                  "{dateline} -- {person} fired a shot past the goalkeeper in the {minute}th "
                  "minute on {weekday} to give {team} a {score}-{score2} win over {team2}.",
                  ("The striker has now scored {n} goals this season.",)),
            Story("{city} launches campaign to cut waste",
                  "{dateline} -- The city of {city} launched a campaign on {weekday} to halve "
                  "food waste within {n} years.",
                  ("The campaign opened with a free concert in the main square.",))),
        body=("Fans reacted angrily on social media.", "The news surprised analysts."),
        slots=GENERAL_SLOTS),
}


# Sentences any story on a subject other than launches can carry.
GENERIC_BODY = (
    "Officials did not respond to requests for comment by late afternoon.",
    "The figures will be reviewed again in three months.",
    "Local newspapers carried the story on their front pages.",
    "A spokesperson said further details would be released in due course.",
    "The announcement followed weeks of speculation.",
    "Critics said the plan did not go far enough, while supporters welcomed it.",
    "More details are expected later in the week.",
    "Similar moves have been seen elsewhere in the region.",
    "Several people interviewed on the street said they had followed the news closely, though "
    "few expected it to change much in their daily lives.",
    "The decision will be discussed at a meeting next month, where members are expected to "
    "set out their positions in more detail.",
    "An independent review published last year had recommended a similar course, but its "
    "advice was set aside at the time.",
    "Observers noted that the timing coincided with the end of the financial year, when such "
    "announcements are common.",
    "The organisation said in a statement that it remained committed to working with all "
    "parties to reach a fair outcome.",
    "A poll carried out for this newspaper found opinion evenly divided, with many "
    "respondents saying they had not yet made up their minds.",
    "Earlier attempts to settle the matter stalled over questions of cost and over who "
    "should pay for the work.",
    "The latest figures cover the period to the end of {month} and will be revised when "
    "more complete data become available.",
    "Opponents plan to raise the issue again when the new session opens, according to people "
    "familiar with their plans.",
    "Visitors to the area are advised to check the latest information before setting out.",
)

# What a page carries besides its story: bylines above it, sign-offs and boilerplate below.
BYLINES = ("By {person}", "By {person} and {person2}", "{person}, staff reporter",
           "Updated {month} {day}, {year}")
SIGN_OFFS = ("Reporting by {person}; editing by {person2}.",
             "(Writing by {person}; additional reporting by {person2})",
             "Sign up for our morning briefing to get the day's top stories in your inbox.",
             "Share this article: Facebook | X | Email | Print",
             "Copyright {year} {publisher}. All rights reserved.")


def _with_furniture(page: Page, text: str, publisher: str) -> str:
    """The story with a byline above it (half the pages) and one or two lines below it."""
    page.slots["publisher"] = publisher
    parts = [page.fill(page.pick(BYLINES))] if page.random() < 0.5 else []
    parts.append(text)
    parts.extend(page.fill(line) for line in page.rng.sample(SIGN_OFFS, page.between(1, 2)))
    return "\n\n".join(parts)


# ------------------------------------------------------------------ pages and shards

def _topic_table() -> tuple[list[str], list[float]]:
    topics = list(TOPIC_SHARES)
    weights = list(TOPIC_SHARES.values())
    rest = (1.0 - sum(weights)) / len(GENERAL_TOPICS)
    return topics + list(GENERAL_TOPICS), weights + [rest] * len(GENERAL_TOPICS)


def page_record(rng: random.Random, serial: str, topic: str) -> dict[str, str]:
    """One page of ``topic`` as a JSONL record: text, title, publisher, url, published, topic."""
    vocab = vocabulary()
    subject = SUBJECTS.get(topic)
    page = Page(rng, serial, subject.slots if subject else GENERAL_SLOTS)
    language = "en"
    if subject is None:
        draw = rng.random()
        ja, ko = CJK_SHARE_OF_LAUNCHES["ja"], CJK_SHARE_OF_LAUNCHES["ko"]
        language = "ja" if draw < ja else "ko" if draw < ja + ko else "en"
        title, text = (launch_page(page, vocab) if language == "en"
                       else cjk_launch_page(page, vocab, language))
    else:
        story = subject.stories[page.below(len(subject.stories))]
        page.slots["dateline"] = (f"{page.pick(subject.datelines)}, {page.slots['month']} "
                                  f"{page.slots['day']}")
        page.slots["published"] = page.day.isoformat()
        title = page.fill(story.title)
        text = "\n\n".join(page.paragraphs(story.lede, story.body + subject.body + GENERIC_BODY,
                                            6, 12))
    publisher, domain = PUBLISHERS[page.below(len(PUBLISHERS))]
    text = _with_furniture(page, text, publisher)
    published = str(page.slots["published"])
    record = {"title": title, "text": text, "publisher": publisher,
              "url": f"https://{domain}/{topic}/{published.replace('-', '/')}/{serial}",
              "published": published, "topic": topic}
    if language != "en":
        record["language"] = language
    return record


def shard_records(seed: int, shard: int, count: int) -> Iterator[dict[str, str]]:
    """The ``count`` records of shard number ``shard`` of the archive drawn from ``seed``."""
    rng = random.Random(f"launchwatch-archive:{seed}:{shard}")
    topics, weights = _topic_table()
    drawn = rng.choices(topics, weights=weights, k=count)  # one draw for the whole shard
    for index, topic in enumerate(drawn):
        yield page_record(rng, f"{shard:04d}{index:06d}", topic)


def write_shard(path: Path, seed: int, shard: int, count: int) -> dict[str, int]:
    """Write one shard (to a temporary name, renamed when complete); its topic counts."""
    topics: Counter[str] = Counter()
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as out:
        lines = []
        for record in shard_records(seed, shard, count):
            topics[record["topic"]] += 1
            lines.append(json.dumps(record, ensure_ascii=False))
            if len(lines) >= 2_000:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            out.write("\n".join(lines) + "\n")
    partial.replace(path)
    return dict(topics)


@dataclass(frozen=True)
class Archive:
    """A written archive: its shard files and how many pages of each topic it holds."""

    folder: Path
    shards: tuple[Path, ...]
    topics: dict[str, int]

    @property
    def pages(self) -> int:
        return sum(self.topics.values())

    @property
    def launch_pages(self) -> int:
        return self.topics.get(LAUNCH_TOPIC, 0)


def write_archive(folder: Path, pages: int, *, seed: int = 16,
                  shard_pages: int = SHARD_PAGES, jobs: int = 1) -> Archive:
    """Write ``pages`` pages as shards ``shard-NNNN.jsonl`` of ``shard_pages`` each into
    ``folder``, with ``jobs`` processes; ``manifest.json`` is written last and marks the
    archive complete."""
    if pages < 1 or shard_pages < 1:
        raise ValueError("pages and shard_pages must be at least 1")
    folder.mkdir(parents=True, exist_ok=True)
    plan = [(folder / f"shard-{n:04d}.jsonl", seed, n, min(shard_pages, pages - start))
            for n, start in enumerate(range(0, pages, shard_pages))]
    if jobs > 1 and len(plan) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            counts = list(pool.map(write_shard, *zip(*plan)))
    else:
        counts = [write_shard(*step) for step in plan]
    topics: Counter[str] = Counter()
    for shard_counts in counts:
        topics.update(shard_counts)
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "pages": pages,
                "shard_pages": shard_pages, "topics": dict(sorted(topics.items())),
                "shards": [step[0].name for step in plan]}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                          encoding="utf-8")
    return Archive(folder, tuple(step[0] for step in plan), dict(topics))


def read_archive(folder: Path) -> Archive | None:
    """The archive in ``folder`` if one was written there completely, else None."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("generator_version") != GENERATOR_VERSION:
        return None
    shards = tuple(folder / name for name in manifest["shards"])
    if not all(path.is_file() for path in shards):
        return None
    return Archive(folder, shards, manifest["topics"])


def cached_archive(pages: int, *, seed: int = 16, cache: Path | None = None,
                   shard_pages: int = SHARD_PAGES, jobs: int = 1) -> Archive:
    """The archive of ``pages`` pages from ``seed``, written under ``cache`` (the system's
    temporary folder) the first time and reused after."""
    base = cache or Path(tempfile.gettempdir())
    folder = base / (f"launchwatch-archive-v{GENERATOR_VERSION}-seed{seed}-{pages}-"
                     f"{shard_pages}")
    return read_archive(folder) or write_archive(folder, pages, seed=seed,
                                                 shard_pages=shard_pages, jobs=jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--shard-pages", type=int, default=SHARD_PAGES)
    parser.add_argument("--jobs", type=int, default=1, help="processes writing shards")
    args = parser.parse_args()
    start = time.perf_counter()
    archive = write_archive(args.folder, args.pages, seed=args.seed,
                            shard_pages=args.shard_pages, jobs=args.jobs)
    seconds = time.perf_counter() - start
    size_mb = sum(path.stat().st_size for path in archive.shards) / 1e6
    print(f"{archive.pages} pages in {len(archive.shards)} shards ({size_mb:.0f} MB) in "
          f"{seconds:.1f} s ({archive.pages / seconds:,.0f} pages/s, {args.jobs} job(s)); "
          f"topics: {archive.topics}")


if __name__ == "__main__":
    sys.exit(main())
