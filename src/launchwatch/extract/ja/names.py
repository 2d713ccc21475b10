"""Names in a Japanese launch report: class, missile, launch site, landing area, authorities.

The names are the lexicons' (``lexicons/*.json`` and the gazetteer), whose Japanese forms sit
beside the English ones: "短距離弾道ミサイル" under SRBM, "火星17型" under Hwasong-17, "順安"
under Sunan.  A class that names what flew (a satellite launch, an SLBM, a hypersonic weapon)
beats a range class; otherwise the statement's class wins, then the title's, then the first in
the foreground; "弾道ミサイル" with none of them is ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from ...geo.gazetteer import load_sites
from ...model import Launch, MissileClass, SPECIFIC_CLASSES
from ..languages import CjkDocument, CjkSentence, PhraseIndex, in_script
from ..lexicon import Lexicon, read_lexicon_file

_BALLISTIC = re.compile(r"弾道ミサイル|弾道弾|ミサイル|飛翔体|飛しょう体")
_SITE_AFTER = re.compile(r"^(?:\([^)]{0,12}\))?(?:付近|一帯|近郊|周辺|地域|郡)?(?:の[^、。]{0,8})?から")
_LANDING = re.compile(r"(?P<place>[^、。「」]{2,48}?)(?:に|へ)(?:落下|着弾)")
_LANDING_LEAD = re.compile(r"^.*?(?:\d{1,2}時\d{1,2}分(?:ごろ|頃)?[、,]?|は|が|、|ミサイルは)")


@dataclass(frozen=True)
class Vocabulary:
    """The lexicons' Japanese phrases, one index per kind of name."""

    classes: PhraseIndex
    missiles: PhraseIndex
    missile_class: dict[str, str]
    sites: PhraseIndex
    authorities: PhraseIndex


def vocabulary(lexicon: Lexicon) -> Vocabulary:
    missiles_data = read_lexicon_file("missiles.json")
    classes = PhraseIndex(
        (phrase, cls) for cls, phrases in missiles_data["class_phrases"].items()
        if not cls.startswith("_") for phrase in [*in_script(phrases, "ja"),
                                                  *[p for p in phrases if p.isupper()]])
    missiles = PhraseIndex(
        (phrase, entry["name"]) for entry in missiles_data["missiles"]
        for phrase in [*in_script(entry["aliases"], "ja"),
                       *[a for a in entry["aliases"] if re.fullmatch(r"KN-?\d+", a)]])
    sites = PhraseIndex((phrase, site.name) for site in load_sites()
                        for phrase in in_script(site.aliases, "ja"))
    authorities = PhraseIndex(
        (phrase, name) for name, phrases in read_lexicon_file("authorities.json").items()
        if not name.startswith("_") for phrase in in_script(phrases, "ja"))
    return Vocabulary(classes, missiles, {e["name"]: e["class"] for e in
                                          missiles_data["missiles"]}, sites, authorities)


def fill_class_and_name(document: CjkDocument, words: Vocabulary, statement: CjkSentence,
                        title: list[CjkSentence], sentences: list[CjkSentence],
                        launch: Launch) -> None:
    ordered = [statement, *title, *[s for s in sentences if s is not statement]]
    hits = [(hit, sentence) for sentence in ordered
            for hit in words.classes.find(document.text, sentence.start, sentence.end)]
    specific = [h for h in hits if h[0].value in SPECIFIC_CLASSES]
    chosen = specific[0] if specific else hits[0] if hits else None
    if chosen is not None:
        hit, _ = chosen
        launch.missile_class = cast(MissileClass, hit.value)
        launch.evidence["missile_class"] = document.evidence(hit.start, hit.end)
    elif any(_BALLISTIC.search(s.text) for s in ordered):
        launch.missile_class = "unknown"
    for sentence in ordered:
        for hit in words.missiles.find(document.text, sentence.start, sentence.end):
            launch.missile_name = hit.value
            launch.evidence["missile_name"] = document.evidence(hit.start, hit.end)
            return


def fill_site(document: CjkDocument, words: Vocabulary, sentences: list[CjkSentence],
              launch: Launch) -> None:
    """A gazetteer site the launch was made from ("順安付近から")."""
    for sentence in sentences:
        for hit in words.sites.find(document.text, sentence.start, sentence.end):
            if _SITE_AFTER.match(document.text[hit.end:hit.end + 20]):
                launch.launch_site = hit.value
                launch.evidence["launch_site"] = document.evidence(hit.start, hit.end)
                return


def fill_landing(document: CjkDocument, sentences: list[CjkSentence], launch: Launch) -> None:
    """Where the text says the missile fell (落下, 着弾): the place phrase before the verb."""
    for sentence in sentences:
        match = _LANDING.search(sentence.text)
        if match is None:
            continue
        place = match.group("place")
        lead = _LANDING_LEAD.match(place)
        skip = lead.end() if lead and lead.end() < len(place) - 1 else 0
        start = sentence.start + match.start("place") + skip
        end = sentence.start + match.end("place")
        evidence = document.evidence(start, end)
        text = evidence.text.strip()
        if len(text) >= 2:
            launch.landing_area = text
            launch.evidence["landing_area"] = evidence
            return


def authorities(document: CjkDocument, words: Vocabulary,
                sentences: list[CjkSentence]) -> list[str]:
    """The bodies the foreground cites, in order of first mention."""
    found: list[str] = []
    for sentence in sentences:
        for hit in words.authorities.find(document.text, sentence.start, sentence.end):
            if hit.value not in found:
                found.append(hit.value)
    return found
