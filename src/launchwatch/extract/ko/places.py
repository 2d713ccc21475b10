"""Where a launch started and where it came down, in Korean, and Japan's EEZ verdict.

* The site is the place before "에서" that a launch sentence writes ahead of its verb:
  "평안북도 구성 일대에서 ... 발사했다".  It is a place when it names a known site ("순안",
  "동창리") or reads as one ("... 일대", "인근", "부근", "지역").
* The landing area is the place before "에" that a landing verb follows: "홋카이도 동쪽 해상에
  낙하했다", "NLL 이남 26㎞ 지점에 낙하", "동해상에 탄착했다".  "동해상으로 발사했다" says
  which way it was fired, not where it fell, and is not one.
* Japan's EEZ is stated in or out: "배타적경제수역(EEZ) 안(내)에", "EEZ에 낙하" (in), "EEZ
  밖(바깥)" (out).  "떨어졌는지 확인되지 않았다" or "여부는 분석 중" says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .morphology import KoSentence
from .vocabulary import KoreanVocabulary, compact

_PLACE_ENDINGS = ("일대", "인근", "부근", "지역", "일원", "근교", "근처", "비행장", "공항", "발사장",
                  "기지")
# The words a place phrase is made of: names and place words, up to four of them.
_PLACE = re.compile(r"((?:[가-힣A-Za-z0-9\-()]+\s+){0,3}[가-힣A-Za-z0-9\-()]+?)\s*에서(?![가-힣])")
_LANDING_PLACE = re.compile(
    r"((?:[가-힣A-Za-z0-9\-()~.·]+\s+){0,5}[가-힣A-Za-z0-9\-()~.·]+?)\s*(?:에|으로|로)\s*"
    r"(?:\S+\s+){0,1}$")
_NOT_A_SITE = ("잠수함", "수중", "발사대", "이동식", "바지선", "열차", "미사일", "상공", "해상", "km")
# Words before a place that are not part of it: the actor, "earlier", a date or a time.
_LEADING_WORDS = re.compile(r"^(?:(?:북한|북|北|북조선|앞서|이날|오늘|지난|이번|당시|\S*\d\S*|오전|오후|"
                            r"새벽|밤|아침|\S*께|\S*쯤|\S*경)\s+)+")
# A clause ending inside a landing phrase: what comes before it is not the place ("지나
# 태평양", "비행 후 동해상", "비행하여 ... 수역").
_CLAUSE_END = re.compile(r"^.*\s(?:\S+(?:나|고|며|해|돼|여|서)|후|뒤|즉|,)\s+")
# "탄착지는 ... 150㎞였다": the impact point named as a noun.
_IMPACT_POINT = re.compile(r"(?:탄착지|탄착 지점|낙하 지점|낙하지점|탄착점)(?:은|는)\s*(.+?)\s*(?:였다|이었다|이다|로|으로)")
# Words that open a place phrase's clause: what comes before them is not the place.
_CLAUSE_OPENERS = re.compile(r".*(?:은|는|이|가|을|를|고|며|서|,|\"|'|“|”)\s+")


@dataclass(frozen=True)
class PlacePhrase:
    text: str
    start: int
    end: int
    site: str | None = None


def launch_site(sentence: KoSentence, before: int,
                vocabulary: KoreanVocabulary) -> PlacePhrase | None:
    """The place the sentence says a launch was made from, written before offset ``before``
    (the launch verb's, in the normalised text)."""
    text = sentence.text[:max(0, before - sentence.start)]
    best: PlacePhrase | None = None
    for match in _PLACE.finditer(text):
        phrase = _trim(match.group(1))
        if not phrase or any(word in phrase for word in _NOT_A_SITE):
            continue
        sites = vocabulary.sites.find(compact(phrase))
        if not sites and not compact(phrase).endswith(_PLACE_ENDINGS) and \
                not re.search(r"[도시군리]$", compact(phrase)):
            continue
        start = sentence.start + match.start(1) + match.group(1).index(phrase)
        best = PlacePhrase(phrase, start, start + len(phrase), sites[0][2] if sites else None)
    return best


def _trim(phrase: str) -> str:
    """The place words at the end of a phrase: "북한이 평안북도 구성 일대" -> "평안북도 구성 일대"."""
    phrase = phrase.strip()
    phrase = re.sub(r"^(?:\S+(?:은|는|이|가|을|를|에)\s+)+", "", phrase)
    phrase = _LEADING_WORDS.sub("", phrase)
    words = phrase.split()
    while words and re.search(r"(?:은|는|이|가|을|를|고|며)$", words[0]) and len(words) > 1:
        words = words[1:]
    while words and re.fullmatch(r"\d+(?:시|분|일|월|년)\S*|오전|오후|새벽|밤|아침|이날|오늘|"
                                 r"\S*께|\S*쯤|\S*경", words[0]):
        words = words[1:]
    return " ".join(words).strip("()")


def landing_area(sentence: KoSentence, vocabulary: KoreanVocabulary) -> PlacePhrase | None:
    """The place the sentence says the missile came down in."""
    impact = _IMPACT_POINT.search(sentence.text)
    if impact is not None:
        start = sentence.start + impact.start(1)
        return PlacePhrase(impact.group(1), start, start + len(impact.group(1)))
    for verb in vocabulary.list("landing_verbs"):
        at = sentence.text.find(verb)
        if at <= 0:
            continue
        match = _LANDING_PLACE.search(sentence.text[:at])
        if match is None:
            continue
        phrase = _CLAUSE_OPENERS.sub("", match.group(1)).strip()
        phrase = re.sub(r"^(?:\S+(?:으로|로)\s+)+", "", phrase).strip()
        phrase = _CLAUSE_END.sub("", " " + phrase).strip()
        if not phrase or len(phrase) < 2 or phrase.endswith(("것", "수")):
            continue
        start = sentence.start + match.start(1) + match.group(1).rfind(phrase)
        return PlacePhrase(phrase, start, start + len(phrase))
    return None


def eez_verdict(sentence: KoSentence, vocabulary: KoreanVocabulary) -> tuple[bool, int, int] | None:
    """Japan's EEZ verdict a sentence states: (inside, start, end), or None."""
    text = sentence.text
    for word in vocabulary.list("eez_words"):
        for match in re.finditer(re.escape(word), text):
            after = re.sub(r"^\s*(?:\(EEZ\)|\(배타적경제수역\))?\s*", "", text[match.end():])
            if any(word in compact(after[:24]) for word in vocabulary.list("eez_unknown")):
                return None
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if after.startswith(tuple(vocabulary.list("eez_outside"))):
                return False, start, end
            if after.startswith(tuple(vocabulary.list("eez_inside"))):
                negated = re.match(r"\S*\s*(?:\S+\s+)?(?:떨어지지|낙하하지)\s*않", after)
                return not negated, start, end
    return None
