"""The Korean rules' vocabulary: the word lists of ``words.json`` and the Korean names that the
shared lexicons and the gazetteer keep beside the English ones.

A name's Korean forms live with its English ones ("화성-17형" beside "Hwasong-17" in
``missiles.json``, "순안" beside "Sunan" in ``geo/data/sites.json``), so every language's reader
reports the same name and events fuse across languages.  Here they are picked out by script:
an alias written in Hangul is a Korean form.  Korean text spaces compounds loosely
("단거리 탄도미사일", "단거리탄도미사일"), so phrases are compared with their spaces removed
(:func:`compact`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ...geo.gazetteer import load_sites
from ...model import MissileClass
from ...units import HANGUL_SYLLABLES
from ..lexicon import read_lexicon_file

_HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]")


def compact(text: str) -> str:
    """``text`` without whitespace: the form Korean phrases are compared in."""
    return "".join(text.split())


def is_korean(phrase: str) -> bool:
    """Whether a lexicon phrase is a Korean form (written with at least one Hangul syllable)."""
    return bool(_HANGUL.search(phrase))


def _own() -> dict[str, Any]:
    text = resources.files("launchwatch.extract.ko").joinpath("words.json").read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Names:
    """Korean phrases (compact) and the name each stands for, longest first, with one regular
    expression that finds any of them."""

    by_phrase: dict[str, str]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> Names:
        by_phrase: dict[str, str] = {}
        for phrase, name in pairs:
            by_phrase.setdefault(compact(phrase), name)
        ordered = sorted(by_phrase, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        return cls(by_phrase, pattern)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every phrase in the compact ``text``, left to right, longest
        at each place."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.by_phrase[m.group()]) for m in self.pattern.finditer(text)]


@dataclass(frozen=True)
class KoreanVocabulary:
    """Everything the Korean rules look up."""

    words: dict[str, Any]
    classes: Names
    missiles: Names
    missile_class: dict[str, str]
    sites: Names
    seas: Names
    authorities: Names
    countries: Names

    def list(self, key: str) -> tuple[str, ...]:
        return tuple(self.words[key])

    def compact_set(self, key: str) -> frozenset[str]:
        return frozenset(compact(w) for w in self.words[key])

    def class_of_name(self, name: str) -> MissileClass | None:
        return self.missile_class.get(name)  # type: ignore[return-value]


@lru_cache(maxsize=1)
def load_vocabulary() -> KoreanVocabulary:
    """The vocabulary, read once per process."""
    words = _own()
    classes = Names.of([(phrase, cls) for cls, phrases in words["class_phrases"].items()
                        if not cls.startswith("_") for phrase in phrases])
    missile_data = read_lexicon_file("missiles.json")["missiles"]
    missiles = Names.of([(alias, entry["name"]) for entry in missile_data
                         for alias in entry["aliases"] if is_korean(alias)])
    missile_class = {entry["name"]: entry["class"] for entry in missile_data}
    sites = Names.of([(alias, site.name) for site in load_sites()
                      for alias in (*site.aliases, *site.area_aliases) if is_korean(alias)])
    seas = Names.of([(alias, entry["name"]) for entry in read_lexicon_file("seas.json")["seas"]
                     for alias in entry["aliases"] if is_korean(alias)])
    authorities = Names.of([(phrase, name) for name, phrases
                            in read_lexicon_file("authorities.json").items()
                            if not name.startswith("_")
                            for phrase in phrases if is_korean(phrase)])
    countries = Names.of([(phrase, name) for name, entry
                          in read_lexicon_file("countries.json").items()
                          if not name.startswith("_") for phrase in entry["phrases"]
                          if is_korean(phrase)])
    return KoreanVocabulary(words=words, classes=classes, missiles=missiles,
                            missile_class=missile_class, sites=sites, seas=seas,
                            authorities=authorities, countries=countries)
