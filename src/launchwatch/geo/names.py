"""Place names as reports write them, folded to keys that can be compared.

Reports name places loosely: "the Pyongyang area", "Kusong County, North Pyongan",
"Okushiri-to", "Tongchang-ri".  :func:`name_key` folds case, accents, punctuation and spacing;
:func:`name_variants` also drops what a report adds around a name (a leading "the", "near",
a trailing ", North Pyongan", "area", "county", "island"), so that the index and the query meet
on a common key.  :class:`NameIndex` looks keys up exactly first and then fuzzily.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

from ..units import HANGUL_SYLLABLES, KANA_KANJI

T = TypeVar("T")

# Latin letters and digits, and the scripts of Japanese and Korean names (kana, CJK
# ideographs, Hangul syllables); everything else separates words.
_NON_WORD = re.compile(f"[^0-9a-z{KANA_KANJI}{HANGUL_SYLLABLES}]+")

#: Words around a place name that do not change which place is meant.
_LEADING = ("the", "near", "in", "at", "around", "from", "off", "vicinity of", "area of",
            "outskirts of", "suburbs of", "city of", "town of")
_TRAILING = ("area", "region", "county", "district", "city", "town", "village", "province",
             "prefecture", "island", "islands", "isle", "peninsula", "vicinity", "airport",
             "airfield", "airbase", "air base", "base", "site", "shima", "jima", "to", "do",
             "gun", "kun", "si", "shi", "ken", "ri", "ni", "dong")
# Not "sea of" or "gulf of": "Sea of Japan" must not be found as "Japan".
_LEADING_PLACE = ("cape", "mount", "lake", "island of", "isle of")


def name_key(text: str) -> str:
    """Lower case words separated by single spaces: "Kusong-gun, N. Pyongan" ->
    "kusong gun n pyongan"; Japanese and Korean names keep their script ("順安", "순안")."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    # NFKD splits a Hangul syllable into its letters; composing again keeps Korean names
    # (순안) whole, as Japanese and Chinese ones (順安) are, so that they are keys at all.
    folded = unicodedata.normalize("NFC", folded).replace("\u2019", "").replace("'", "")
    return _NON_WORD.sub(" ", folded.lower()).strip()


def _strip_words(key: str, words: Iterable[str], *, leading: bool) -> str:
    changed = True
    while changed and key:
        changed = False
        for word in words:
            if leading and key.startswith(word + " "):
                key, changed = key[len(word) + 1:], True
            elif not leading and key.endswith(" " + word):
                key, changed = key[: -len(word) - 1], True
    return key


def name_variants(text: str) -> list[str]:
    """Keys under which a name may be found, most specific first (no duplicates).

    >>> name_variants("Kusong County, North Pyongan")
    ['kusong county north pyongan', 'kusong county', 'kusong']
    """
    keys: list[str] = []

    def add(key: str) -> None:
        if key and key not in keys:
            keys.append(key)

    whole = name_key(text)
    add(whole)
    head = name_key(re.split(r"[,(;]|\s+in\s+", text, maxsplit=1)[0])
    for key in (whole, head):
        bare = _strip_words(key, _LEADING, leading=True)
        add(bare)
        core = _strip_words(bare, _TRAILING, leading=False)
        add(core)
        add(_strip_words(core, _LEADING_PLACE, leading=True))
    return keys


class NameIndex(Generic[T]):
    """Items found by any of their names, exactly (after folding) or fuzzily.

    Each item is indexed under the folded form of each of its names and, at a lower rank,
    under their shorter variants ("Pyongyang airport" also as "pyongyang"); a name as written
    always beats another item's variant, so "Pyongyang" finds the city, not the airport.  A
    query is tried under each of its variants in turn.  Failing that, the closest key by
    :class:`difflib.SequenceMatcher` ratio is accepted when it reaches ``cutoff`` (0.85 accepts
    "Okushri" for "Okushiri", not "Sinpo" for "Sinuiju").
    """

    def __init__(self, cutoff: float = 0.85) -> None:
        self.cutoff = cutoff
        self._exact: dict[str, T] = {}
        self._loose: dict[str, T] = {}

    def add(self, item: T, names: Iterable[str]) -> None:
        """Index ``item`` under ``names``; an earlier item keeps a key it already holds."""
        for name in names:
            variants = name_variants(name)
            self._exact.setdefault(variants[0], item)
            for key in variants[1:]:
                self._loose.setdefault(key, item)

    def add_exact(self, item: T, names: Iterable[str]) -> None:
        """Index ``item`` under the folded ``names`` only, without shorter variants (cheap
        enough for tens of thousands of cities)."""
        for name in names:
            self._exact.setdefault(name_key(name), item)

    def __len__(self) -> int:
        return len(self._exact.keys() | self._loose.keys())

    def get(self, name: str, *, fuzzy: bool = True) -> T | None:
        variants = name_variants(name)
        for table in (self._exact, self._loose):
            for key in variants:
                if key in table:
                    return table[key]
        if not fuzzy:
            return None
        keys = list(self._exact) + [k for k in self._loose if k not in self._exact]
        for key in variants:
            close = difflib.get_close_matches(key, keys, n=1, cutoff=self.cutoff)
            if close:
                return self._exact.get(close[0], self._loose.get(close[0]))
        return None
