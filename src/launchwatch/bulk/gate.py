"""The keyword gate: a page no launch report could be, turned away before the extractor reads it.

An archive is mostly other news, and the extractor (spaCy's tokenizer, the phrase matcher, the
relevance rules of :mod:`launchwatch.extract.relevance`) costs about 10 ms a page.  The gate
asks only what the extractor's decision cannot do without, from the page's words and a few
substring tests (about 0.2 ms a page, measured on eval-real):

- **English**: the extractor states a launch in one sentence that holds both a missile (a
  missile noun, a class, a missile's name) and a launch word (a launch verb or noun, a verb of
  flight or of striking), or in a form's "Launch time:" line.  The gate asks for a missile word
  and a launch word within :data:`NEAR_CHARS` characters of each other, which a sentence
  of the page (or its headline) holding both always satisfies, or for the form's key.
- **Japanese and Korean**: their readers accept a missile named in the headline for a launch
  word further down (ja) or read compact sentences (ko), so the gate only asks that the page
  hold both somewhere: "ミサイル" and "発射", "미사일" and "발사".

The gate only lets through more than the extractor accepts, never less: every word the
extractor's lexicons use to state a launch is in its lists (``tests/bulk/test_gate.py`` checks
them against ``extract/lexicons``), and missile names are the lexicons' own
(:func:`launchwatch.extract.lexicon.written_names`).  Measured on the labelled sets
(``tests/bulk/test_gate.py``): every launch report of eval-real and eval-dev passes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Report

NEAR_CHARS = 600
"""How far apart a missile word and a launch word may be and still share a sentence: longer
than the longest sentence of a launch report's lede (a few hundred characters), so that the
gate never splits one."""

# Words of English launch reporting, one word each (a phrase such as "lifted off" is caught by
# its first word; "test-fired" is the words "test" and "fired").  Matched whole, in lower
# case.
_MISSILE_WORDS_EN = (
    "missile", "missiles", "rocket", "rockets", "projectile", "projectiles", "icbm", "icbms",
    "srbm", "srbms", "mrbm", "mrbms", "irbm", "irbms", "slbm", "slbms", "crbm", "crbms",
    "interceptor", "interceptors", "weapon", "weapons", "booster", "boosters", "warhead",
    "warheads", "vehicle", "vehicles", "launcher", "launchers", "ballistic", "hypersonic",
    "satellite",
)
_LAUNCH_WORDS_EN = (
    # verbs of launching, in every tense the rules read
    "fire", "fired", "fires", "firing", "firings", "launch", "launched", "launches",
    "launching", "test", "tested", "tests", "testing", "shot", "lifted", "lift", "liftoff",
    "blasted", "took", "take", "takeoff", "hurled", "sent",
    # verbs of carrying out a launch, with the launch noun beside them
    "conducted", "conducts", "conduct", "carried", "carries", "staged", "stages", "guided",
    "guides", "oversaw", "oversees", "observed", "observes", "watched", "watches",
    # launch nouns
    "drill", "salvo", "barrage", "trial", "use",
    # verbs of flight and of striking
    "flew", "traveled", "travelled", "soared", "splashed", "landed", "fell", "climbed",
    "departed", "struck", "attacked", "targeted", "hit", "used", "employed",
)
# "Launch time: around 10:14", "Date and time of launch:": a launch stated as a form, which
# the extractor reads with no missile in the line.
_FORM_KEY = re.compile(r"\blaunch\b[\w ]{0,16}:")
_WORD = re.compile(r"\w+")

# Japanese (extract/ja/statement.py's launch and flight words and missile words) and Korean
# (extract/ko/words.json's launch heads, missile nouns and classes), matched anywhere.
_MISSILE_WORDS_CJK = (
    "ミサイル", "ロケット", "飛翔体", "飛しょう体", "発射体", "衛星", "弾道", "火星", "北極星",
    "ノドン", "ムスダン", "テポドン", "極超音速", "巡航",
    "미사일", "발사체", "로켓", "로케트", "방사포", "방사탄", "탄도", "위성", "항적", "비행체",
    "단거리", "중거리", "대륙간", "극초음속", "잠수함",
)
_LAUNCH_WORDS_CJK = (
    "発射", "打ち上げ", "打上げ", "試射", "撃", "飛翔", "飛行", "落下", "着弾", "飛しょう",
    "발사", "사격", "쏘", "쐈", "쏜", "포착", "탐지",
)


class KeywordGate:
    """Says whether a page may be a launch report (module docstring); cheap enough to run on
    every page of an archive.  Build it once per process (:func:`default_gate`)."""

    def __init__(self, missile_names: list[str]) -> None:
        # A name of several words ("Hwasong 15", "KN-23") is caught by its first word, which
        # lets through a little more than the name, never less.
        first_words = {_WORD.findall(name.lower())[0] for name in missile_names
                       if name.isascii() and _WORD.search(name)}
        self._missile_en = frozenset(_MISSILE_WORDS_EN) | first_words
        self._launch_en = frozenset(_LAUNCH_WORDS_EN)
        self._missile_cjk = tuple(_MISSILE_WORDS_CJK) + tuple(
            name for name in missile_names if not name.isascii())
        self._launch_cjk = _LAUNCH_WORDS_CJK

    def admits(self, report: Report) -> bool:
        """Whether ``report`` may state a launch, so that the extractor should read it."""
        text = f"{report.title}\n{report.text}" if report.title else report.text
        lower = text.lower()
        words = _WORD.findall(lower)
        if not self._missile_en.isdisjoint(words) and not self._launch_en.isdisjoint(words) \
                and self._near(lower):
            return True
        if "launch" in words and _FORM_KEY.search(lower):
            return True
        return any(word in text for word in self._launch_cjk) and \
            any(word in text for word in self._missile_cjk)

    def _near(self, lower: str) -> bool:
        """A missile word and a launch word within NEAR_CHARS of each other."""
        missiles: list[int] = []
        launches: list[int] = []
        for match in _WORD.finditer(lower):
            word = match.group()
            if word in self._missile_en:
                missiles.append(match.start())
            if word in self._launch_en:
                launches.append(match.start())
        k = 0
        for at in launches:  # both lists are in text order: walk the missiles along
            while k < len(missiles) and missiles[k] < at - NEAR_CHARS:
                k += 1
            if k < len(missiles) and missiles[k] <= at + NEAR_CHARS:
                return True
        return False


@lru_cache(maxsize=1)
def default_gate() -> KeywordGate:
    """The gate with the lexicons' missile names, built once per process."""
    # start-up cost: launchwatch.extract imports spaCy (about 0.8 s), which a worker pays
    # anyway to extract, and `launchwatch ingest` without --engine dask should not.
    from ..extract.lexicon import written_names
    return KeywordGate(sorted(written_names("missile_name")))
