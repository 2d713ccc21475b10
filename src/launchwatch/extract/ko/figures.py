"""The flight's figures in Korean: distance, apogee, flight time and the number of missiles.

A figure belongs to the word that names it.  Korean names it before ("비행거리는 약 410㎞",
"정점고도는 970여㎞", "비행시간이 86분으로") or says what flew after it ("1천㎞를 비행해",
"50㎞ 높이로", "71분간 비상해"); North Korea's own accounts give the distance as the target
hit ("352㎞ 떨어진 섬을 명중", "1500㎞ 계선의 ... 수역에 탄착").  A figure placed by a compass
word or a landmark ("서쪽 250㎞", "250㎞ 떨어진", "26㎞ 지점") is a position, not a distance
flown; "사거리" followed by "대", "안팎인", "인" is what the missile can reach, not what it flew.

The number of missiles is the counter 발 ("2발", "1 발", normalised from "두 발"); "수 발",
"여러 발" (several) give no number, and a tally ("1발씩", "나머지 1발", "이 중 1발") none either.

Numbers arrive normalised (:func:`launchwatch.extract.cjk_numbers.normalise_cjk`): digits,
"km", and the qualifier words (약, 여, 이상, 최소) read by
:func:`launchwatch.extract.cjk_numbers.figures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Qualifier
from ..cjk_numbers import CjkFigure, figures
from .morphology import KoSentence
from .vocabulary import KoreanVocabulary, compact

KEY_GAP_CHARS = 16
"""How far a figure may follow the word that names it ("비행거리는 약 410㎞")."""


@dataclass(frozen=True)
class Found:
    """A figure of a sentence, its kind, and its span in the normalised text."""

    kind: str  # "distance_km", "apogee_km" or "flight_time_s"
    figure: CjkFigure
    start: int
    end: int

    @property
    def value(self) -> float:
        return self.figure.value

    @property
    def qualifier(self) -> Qualifier | None:
        return self.figure.qualifier


def sentence_figures(sentence: KoSentence, vocabulary: KoreanVocabulary) -> list[Found]:
    """The distance, apogee and flight-time figures of one sentence, in text order."""
    text = sentence.text
    all_figures = figures(text)
    lengths = [f for f in all_figures if f.unit == "km"]
    found: list[Found] = []
    for figure in all_figures:
        kind = _length_kind(text, figure, lengths, vocabulary) if figure.unit == "km" \
            else _duration_kind(text, figure, vocabulary)
        if kind is not None:
            found.append(Found(kind, figure, sentence.start + figure.start,
                               sentence.start + figure.end))
    return found


def _key_before(text: str, start: int, keys: tuple[str, ...], others: list[CjkFigure]) -> str | None:
    """The naming word closest before ``start`` if it is near and no other figure stands
    between it and the figure."""
    window_start = max(0, start - KEY_GAP_CHARS)
    best: tuple[int, str] | None = None
    for key in keys:
        at = text.rfind(key, window_start, start)
        if at >= 0 and (best is None or at + len(key) > best[0]):
            best = (at + len(key), key)
    if best is None:
        return None
    key_start = best[0] - len(best[1])
    if any(best[0] <= other.start < start for other in others) or \
            any(0 <= key_start - other.end <= 2 and not text[other.end:key_start].strip()
                for other in others):
        return None  # another figure between, or the word trails one ("60㎞ 높이로")
    return best[1]


_QUALIFIER_AFTER = r"\s*(?:여|가량|정도|쯤|남짓|내외|이상|안팎)?\s*(?:을|를|가|이)?\s*"


def _length_kind(text: str, figure: CjkFigure, lengths: list[CjkFigure],
                 vocabulary: KoreanVocabulary) -> str | None:
    before = text[max(0, figure.start - 12):figure.start]
    after = text[figure.end:figure.end + 24]
    if _hits_target(text, after, vocabulary):
        return "distance_km"
    if _is_position(before, after, vocabulary):
        return None
    keys = tuple(sorted({*vocabulary.list("apogee_keys"), *vocabulary.list("distance_keys")},
                        key=len, reverse=True))
    key = _key_before(text, figure.start, keys, lengths)
    if key is not None:
        head = text[max(0, figure.start - KEY_GAP_CHARS - 4):figure.start]
        if key in vocabulary.list("apogee_keys"):
            if any(word in head for word in vocabulary.list("apogee_excluded")):
                return None
            return "apogee_km"
        if key in vocabulary.list("range_words"):
            return "distance_km" if _range_is_flown(head, after, vocabulary) else None
        return "distance_km"
    if re.match(_QUALIFIER_AFTER + r"(?:높이|고도로|상공까지)", after) and \
            not re.match(_QUALIFIER_AFTER + r"저고도", after):
        return "apogee_km"
    verbs = "|".join(map(re.escape, vocabulary.list("distance_verbs")))
    if re.match(_QUALIFIER_AFTER + rf"(?:{verbs})", after):
        return "distance_km"
    return None


def _is_position(before: str, after: str, vocabulary: KoreanVocabulary) -> bool:
    """"서쪽 약 250㎞", "250㎞ 떨어진", "26㎞ 지점", "NLL 이남 26㎞": where it fell, not how
    far it flew."""
    tail = compact(before)[-8:]
    if any(tail.endswith(word) or tail.endswith(word + "약") or tail.endswith(word + "최대")
           for word in vocabulary.list("position_words")):
        return True
    return bool(re.match(r"\s*(?:여|가량|정도|쯤)?\s*(?:떨어진|떨어져|지점|밖|앞바다|해상에|해역|"
                         r"바깥|동쪽|서쪽|남쪽|북쪽|상공에서|상공을)", after))


def _hits_target(text: str, after: str, vocabulary: KoreanVocabulary) -> bool:
    """"365㎞ 앞에 있는 섬에 명중", "1500㎞ 계선의 공해상 목표가상수역에 탄착": the target
    a North Korean account says was hit lies that far from the launch."""
    if not any(verb in text for verb in vocabulary.list("target_verbs")):
        return False
    targets = "|".join(map(re.escape, vocabulary.list("target_words")))
    return bool(re.match(rf"\s*(?:앞에\s*있는|떨어진|밖의?|거리의|의)?\s*(?:\S+\s*){{0,2}}?(?:{targets})",
                         after)) and not after.lstrip().startswith(("떨어진 해", "떨어진 일본"))


def _range_is_flown(head: str, after: str, vocabulary: KoreanVocabulary) -> bool:
    """"사거리는 약 1080㎞였다" is the flight; "사거리 3000㎞대의", "사거리가 3500㎞ 안팎인",
    "최소사거리인 300㎞" are what the missile can reach."""
    if "최소사거리" in compact(head) or "최대사거리" in compact(head):
        return False
    rest = re.sub(r"^\s*(?:여|가량|정도|쯤|남짓)?\s*", "", after)
    return not rest.startswith(tuple(vocabulary.list("range_capability_after")))


def _duration_kind(text: str, figure: CjkFigure, vocabulary: KoreanVocabulary) -> str | None:
    if figure.value <= 0:
        return None
    if text[:figure.start].rstrip().endswith("시"):
        return None  # "5시 27분": a clock time
    after = text[figure.end:figure.end + 20]
    if re.match(r"\s*(?:간|동안)?\s*(?:" + "|".join(vocabulary.list("duration_excluded_after"))
                + ")", after):
        return None
    keys = tuple(sorted(vocabulary.list("flight_time_keys"), key=len, reverse=True))
    if _key_before(text, figure.start, keys, []) is not None:
        return "flight_time_s"
    verbs = "|".join(map(re.escape, vocabulary.list("flight_time_verbs")))
    if re.match(rf"\s*(?:간|동안)?\s*(?:을|를)?\s*(?:{verbs})", after) or \
            re.match(rf"\s*(?:이라는|의|간의)?\s*(?:\S+\s+){{0,2}}시간\s*(?:을|를|동안)?\s*(?:{verbs})",
                     after):
        return "flight_time_s"
    return None


# ---------------------------------------------------------------- counts

_COUNT = re.compile(r"(?<![\d.,])(?P<n>\d+)\s*(?P<about>여)?\s*발(?![사표전생견령효언족굴진])")


@dataclass(frozen=True)
class Count:
    value: int | None  # None: a vague count ("수 발")
    start: int
    end: int


def sentence_counts(sentence: KoSentence, vocabulary: KoreanVocabulary) -> list[Count]:
    """The counts of missiles a sentence states, in text order; a vague one has no value."""
    text = sentence.text
    found: list[Count] = []
    for match in _COUNT.finditer(text):
        after = text[match.end():match.end() + 3]
        before = compact(text[max(0, match.start() - 6):match.start()])
        if after.startswith(tuple(vocabulary.list("count_excluded_after"))) or \
                before.endswith(tuple(compact(w) for w in vocabulary.list("count_excluded_before"))):
            continue
        found.append(Count(int(match["n"]), sentence.start + match.start(),
                           sentence.start + match.end()))
    for word in vocabulary.list("vague_counts"):
        for match in re.finditer(re.escape(word), text):
            found.append(Count(None, sentence.start + match.start(), sentence.start + match.end()))
    found.sort(key=lambda c: c.start)
    return found
