"""The missile's class and name in Korean.

The class follows the report's own words: "단거리 탄도미사일" is an SRBM, "준중거리" an MRBM,
"중거리" and "중장거리" an IRBM, "대륙간탄도미사일" and "ICBM급" an ICBM, "잠수함발사탄도미사일"
an SLBM, "순항미사일" a cruise missile, a satellite ("정찰위성", "우주발사체") an SLV,
"방사포" a rocket launcher, "극초음속" hypersonic; "탄도미사일" alone says only that it is
ballistic (``unknown``).  Words that say what kind of weapon flew beat a range class in the same
sentence ("초대형 방사포로 추정되는 단거리 발사체" is a rocket launcher, "극초음속 중장거리
탄도미사일" hypersonic) except where the kind is only the weapon's name: in "'초대형 로켓포'라는
단거리 탄도미사일" the thing fired is a short-range ballistic missile called so.

The name is a lexicon name written in Korean ("화성-17형", "북극성 2형", "무수단"), reported as
the lexicon's normalised name so that sources in every language agree.
"""

from __future__ import annotations

import re

from ...model import SPECIFIC_CLASSES, MissileClass
from .vocabulary import KoreanVocabulary, compact

# "위성" names a satellite launch, not "위성사진" (imagery) or "서해위성발사장" (the site).
_NOT_A_SATELLITE = ("사진", "발사장", "영상", "항법", "통신", "방송", "기지")
# "'초대형 로켓포'라는 단거리 탄도미사일": the quoted words are a name, the head a class.
_CALLED = re.compile(r"^['\"’”)]?(?:이)?라(?:는|고부르는|고불리는|고하는|고칭하는)")


def classes_in(text: str, vocabulary: KoreanVocabulary) -> list[tuple[int, MissileClass]]:
    """(compact offset, class) of every class phrase of ``text``, in order."""
    flat = compact(text)
    found: list[tuple[int, MissileClass]] = []
    for start, end, cls in vocabulary.classes.find(flat):
        if cls == "SLV" and (flat[end:end + 3].startswith(_NOT_A_SATELLITE) or
                             flat[max(0, start - 1):start] == "방"):
            continue  # "위성사진", and "방위성" (the defence ministry)
        if cls in SPECIFIC_CLASSES and _CALLED.match(flat[end:end + 12]):
            continue
        found.append((start, cls))  # type: ignore[arg-type]
    return found


def sentence_class(text: str, vocabulary: KoreanVocabulary) -> MissileClass | None:
    """The class one sentence gives: a kind of weapon beats a range class, a range class beats
    "탄도미사일" alone; None when it names no class at all."""
    found = [cls for _, cls in classes_in(text, vocabulary)]
    for group in (SPECIFIC_CLASSES, ("cruise",), ("ICBM", "IRBM", "MRBM", "SRBM"), ("unknown",)):
        for cls in found:
            if cls in group:
                return cls
    return None


def missile_name(text: str, vocabulary: KoreanVocabulary) -> tuple[int, int, str] | None:
    """The first missile name of ``text``: (compact start, compact end, normalised name)."""
    found = vocabulary.missiles.find(compact(text))
    return found[0] if found else None
