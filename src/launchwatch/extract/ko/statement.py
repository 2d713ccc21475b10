"""Launch statements in Korean: a launch verb in the past, with a missile for its object.

A Korean report states a launch with a verb whose endings carry the tense: "발사했다" (발사 +
하 + 었), "발사한 것으로 파악됐다", "쏘아 올렸다", "1발을 포착했다"; or with the event noun
and a verb of carrying out: "시험발사에 성공했다", "발사 훈련이 실시됐다".  A headline may state
it with the noun alone: "북, 탄도미사일 발사…".  A statement is turned down when

* its verb is negated ("발사하지 않았다"), prospective ("발사할", "발사하겠다") or hedged as a
  possibility ("발사했을 가능성");
* the event noun serves another verb ("발사를 규탄했다", "발사를 예고했다", "발사 준비"),
  which ends the chain from the noun to its verb;
* it detects something that is not a missile ("징후가 포착됐다");
* it names no missile, or the one firing is South Korea's or its allies' ("현무", "대응 사격").

:func:`statements` finds them; the reader decides which one the report is about.
"""

from __future__ import annotations

from dataclasses import dataclass

from .morphology import KoSentence, Morpheme
from .vocabulary import KoreanVocabulary, compact

CHAIN_MORPHEMES = 16
"""How far a launch head's verb may be from it: "발사하는 훈련이 22일에 실시됐다"."""

_PAST = ("었", "았", "였", "ㅆ")
_PARTICLES = ("JKO", "JKS", "JKB", "JX", "JKC", "JC")
_PASSABLE_TAGS = ("SN", "NNB", "XSN", "XR", "MAG", "XSA", "NR")
# How the launch heads are written on the page: "쏘" is also "쐈다", "쏜".
_HEAD_FORMS = ("발사", "사격", "쏘", "쐈", "쏜", "포착", "탐지")


@dataclass(frozen=True)
class Statement:
    """A launch statement: its sentence, where its head word is and where its verb ends."""

    sentence: KoSentence
    head: Morpheme
    end: int   # where its verb ends: a date before it dates the launch
    form: str  # "past", "adnominal" or "headline"

    @property
    def start(self) -> int:
        return self.head.start


def statements(sentence: KoSentence, vocabulary: KoreanVocabulary) -> list[Statement]:
    """The launch statements of one sentence, in text order."""
    text = sentence.compact
    if not any(form in text for form in _HEAD_FORMS) or \
            not _names_a_missile(text, vocabulary) or _others_fire(text, vocabulary):
        return []  # decided without Kiwi, which is the slow part
    heads = vocabulary.compact_set("launch_heads")
    found: list[Statement] = []
    morphemes = sentence.morphemes
    for k, morpheme in enumerate(morphemes):
        if morpheme.form not in heads or morpheme.tag not in ("NNG", "VV", "NNP", "XR"):
            continue
        if k and morphemes[k - 1].form in heads and morphemes[k - 1].end == morpheme.start:
            continue  # "시험" + "발사": the first head already covers it
        if morpheme.form in vocabulary.compact_set("detect_heads") and \
                not _detects_a_missile(morphemes, k, vocabulary):
            continue
        chained = _chain(morphemes, k, vocabulary, sentence.kind == "headline")
        if chained is not None:
            found.append(Statement(sentence, morpheme, chained[1], chained[0]))
    return found


def _names_a_missile(text: str, vocabulary: KoreanVocabulary) -> bool:
    return any(noun in text for noun in vocabulary.compact_set("missile_nouns")) or \
        bool(vocabulary.missiles.find(text)) or bool(vocabulary.classes.find(text))


def _others_fire(text: str, vocabulary: KoreanVocabulary) -> bool:
    """South Korea's or its allies' own firing, in a sentence that does not name the North."""
    return any(word in text for word in vocabulary.compact_set("other_shooters")) and \
        not any(word in text for word in vocabulary.compact_set("north_korea"))


def _detects_a_missile(morphemes: list[Morpheme], k: int, vocabulary: KoreanVocabulary) -> bool:
    """"발사체를 포착했다", "2발을 탐지했다", "항적이 포착됐다": the detected thing, the noun
    before the particle before the verb, is a missile, a count of them, or a launch ("발사한
    것을 탐지했다")."""
    objects = vocabulary.compact_set("detected_objects")
    j = k - 1
    while j >= 0 and morphemes[j].tag in _PARTICLES:
        j -= 1
    if j < 0:
        return False
    noun = morphemes[j]
    if noun.form == "것" and j >= 2 and morphemes[j - 1].tag == "ETM":
        return True
    return noun.form in objects or any(noun.form.endswith(o) for o in objects)


def _chain(morphemes: list[Morpheme], k: int, vocabulary: KoreanVocabulary,
           headline: bool) -> tuple[str, int] | None:
    """How the head at ``k`` reaches its verb, and where the verb ends: "past" ("발사했다"), "adnominal" ("발사한
    미사일"), "headline" (a noun closing a headline clause), or None when it does not state a
    launch (negated, prospective, hedged, or the noun serves another verb)."""
    carry = vocabulary.compact_set("carry_out_nouns")
    events = vocabulary.compact_set("event_nouns") | vocabulary.compact_set("launch_heads")
    past = False
    last_tag = morphemes[k].tag
    end = min(len(morphemes), k + 1 + CHAIN_MORPHEMES)
    for j in range(k + 1, end):
        m = morphemes[j]
        if m.tag == "EP":
            if "겠" in m.form:
                return None
            past = past or any(mark in m.form for mark in _PAST)
        elif m.tag == "ETM":
            if m.form in ("ᆯ", "을", "ㄹ", "를"):
                return None  # prospective: "발사할", "발사했을 가능성"
            if m.form in ("ᆫ", "은", "ㄴ", "던"):
                if _since(morphemes, j):
                    return None  # "발사한 지 사흘 만에": counts days from an earlier launch
                return ("adnominal", m.end) if not _hedged(morphemes, j) else None
            if m.form == "는":
                nxt = morphemes[j + 1] if j + 1 < len(morphemes) else None
                if nxt is None or nxt.form not in events:
                    return None  # present: "발사하는 모습"
        elif m.tag == "VX" and m.form in ("않", "못", "말"):
            return None
        elif m.tag in ("EC", "EF"):
            if m.form == "지" or m.form.startswith("려") or m.form.startswith("으려"):
                return None  # "발사하지 않았다", "발사하려"
            if past:
                return "past", m.end
            if m.tag == "EC" and m.form in ("어", "아", "여") and j + 1 < end and \
                    morphemes[j + 1].form in ("올리", "대"):
                continue  # "쏘아 올렸다"
            if m.tag == "EC" and m.form in _LINKING and _past_later(morphemes, j):
                return "past", m.end  # "발사해 ... 발령됐다": the sentence's tense is the last verb's
            return None
        elif m.tag in ("XSV", "XSA"):
            continue
        elif m.tag == "VV" and m.form in ("올리", "하", "되", "이루어지", "이뤄지"):
            continue
        elif m.tag in ("NNG", "NNP"):
            if m.form not in carry and m.form not in events:
                return ("headline", m.end) if headline and \
                    _closes_headline(morphemes, j, m, vocabulary) and \
                    last_tag in ("NNG", "NNP") and morphemes[k].tag == "NNG" else None
        elif m.tag in _PARTICLES or m.tag in _PASSABLE_TAGS:
            pass
        elif m.tag.startswith("S"):
            break
        else:
            return None
        last_tag = m.tag
    if headline and morphemes[k].tag == "NNG" and not past:
        return "headline", morphemes[k].end
    return None


_LINKING = frozenset({"어", "아", "여", "고", "며", "으며", "면서", "으면서"})


def _past_later(morphemes: list[Morpheme], j: int) -> bool:
    """Whether the sentence goes on to a verb in the past, and is not prospective."""
    rest = morphemes[j + 1:]
    if any(m.tag == "ETM" and m.form in ("ᆯ", "을", "ㄹ") for m in rest) or \
            any(m.tag == "EP" and "겠" in m.form for m in rest):
        return False
    return any(m.tag == "EP" and any(mark in m.form for mark in _PAST) for m in rest)


def _closes_headline(morphemes: list[Morpheme], j: int, m: Morpheme,
                     vocabulary: KoreanVocabulary) -> bool:
    """In a headline, the noun after "발사" may only comment on it ("발사, 합참 실패추정"),
    never make it a plan or a forecast ("발사 예측", "발사 준비")."""
    return m.form not in vocabulary.compact_set("prediction") and \
        m.form in ("실패", "추정", "성공", "확인", "포착", "탐지")


def _since(morphemes: list[Morpheme], j: int) -> bool:
    """"발사한 지 12일 만": the time since a launch, which is an earlier one."""
    return j + 1 < len(morphemes) and morphemes[j + 1].form == "지" and \
        morphemes[j + 1].tag == "NNB"


def _hedged(morphemes: list[Morpheme], j: int) -> bool:
    """"발사한 것으로 보인다" reports a launch; "발사했을 가능성" or "발사한 듯" does not."""
    after = [m.form for m in morphemes[j + 1:j + 3]]
    return bool(after) and after[0] in ("듯", "척", "셈")


def prediction_in(text: str, vocabulary: KoreanVocabulary) -> bool:
    """Whether a clause forecasts or plans rather than reports ("발사 예측", "발사할 계획")."""
    return any(word in compact(text) for word in vocabulary.compact_set("prediction"))
