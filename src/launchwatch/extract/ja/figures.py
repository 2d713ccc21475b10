"""Figures of a Japanese launch report: distance, apogee, flight time, count and the EEZ.

Each figure is known by the words around it, the way the Ministry of Defense and the papers
write them:

* **distance**: a length after 飛翔距離 / 飛行距離 / 飛距離, or one the flight verb follows
  ("約1000キロ飛翔", "800キロ程度飛行し", "約1000キロ飛び");
* **apogee**: a length after 最高高度 / 最大高度 / 高度 ("最高高度約50キロ");
* **flight time**: a duration after 飛翔時間 / 飛行時間, or one the flight verb follows
  ("約45分間飛行", "約53分間、約1000キロ飛翔");
* a length after 射程 is a range capability, and one after a bearing ("奥尻島の西約250キロ",
  "襟裳岬の東方約1180キロ") or before 落下 is where the missile fell: neither is a distance.

A span ("300~350キロ") gives its high end; several figures of one kind in a sentence give the
largest (several missiles), and the first sentence that gives one wins.

The count is "N発" ("弾道ミサイル2発", "1発の弾道ミサイル", "少なくとも2発" -> 2), not an
ordinal ("21発目") nor a part ("うち3発"); "複数" or "数発" in the statement leaves it open.
The EEZ is stated with 内 or 外 after "EEZ" / "排他的経済水域"; a statement that a fall there
is "not confirmed" states neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Evidence, Launch, Quantity
from ..cjk_numbers import CjkFigure, figures
from ..languages import CjkDocument, CjkSentence

# The label, then a few words before the figure ("飛行時間は過去最長の71分間",
# "飛行距離が少なくともおよそ500キロ").
_LABEL_GAP = r"[はがをもで、の]?[^\d、。]{0,9}$"
_DISTANCE_BEFORE = re.compile(r"(?:飛翔距離|飛行距離|飛距離|飛しょう距離)" + _LABEL_GAP)
_APOGEE_BEFORE = re.compile(r"(?:最高高度|最大高度|最高到達高度|頂点高度|高度)" + _LABEL_GAP)
_FLIGHT_TIME_BEFORE = re.compile(r"(?:飛翔時間|飛行時間|飛しょう時間)" + _LABEL_GAP)
_FLIGHT_VERB_AFTER = re.compile(r"^(?:程度|ほど|余り|以上|あまり|前後|間)?(?:を|に|も)?(?:わたって)?"
                                r"(?:飛翔|飛行|飛び|飛ん|飛しょう)")
_RANGE_BEFORE = re.compile(r"射程(?:距離)?[はがの]?(?:約|最大)?$")
# "の西約", "の東方", "西方約", "沖約": a bearing or an offshore position before the length.
_POSITION_BEFORE = re.compile(r"(?:[東西南北]{1,3}方?|沖合?|付近から)(?:に|へ)?(?:約|およそ)?$")
_FALL_AFTER = re.compile(r"^(?:程度|ほど|余り|以上|あまり)?(?:の[^、。]{0,12})?(?:に|へ)(?:落下|着弾)")
_QUALIFIER_WORDS = re.compile(r"(?:約|およそ|少なくとも|最大|推定)$")

_COUNT = re.compile(r"(?P<lead>少なくとも|うち|計|合わせて|合計)?(?P<n>\d+)発(?!目|射|表|生|言|見|売|信|電|展|足|進)")
_VAGUE_COUNT = re.compile(r"複数|数発|十数発|相次いで|連続で")
_EEZ = re.compile(r"(?:EEZ|排他的経済水域)(?:\s?=\s?排他的経済水域|\s?\((?:EEZ|排他的経済水域)\))?"
                  r"(?P<where>内|の内側|の中|外|の外側|の外|の範囲外|の範囲内)?")
_UNCONFIRMED = re.compile(r"確認されていない|確認されておらず|確認されず|確認していない|不明|分析中")


@dataclass(frozen=True)
class Found:
    figure: CjkFigure
    sentence: CjkSentence


def _kind(text: str, figure: CjkFigure, sentence_start: int) -> str | None:
    """Which field a figure of the sentence ``text`` (starting at ``sentence_start`` in the
    document) is, or None."""
    start, end = figure.start - sentence_start, figure.end - sentence_start
    before = text[max(0, start - 14):start]
    bare = _QUALIFIER_WORDS.sub("", before)
    after = text[end:end + 16]
    if figure.unit == "km":
        if _RANGE_BEFORE.search(bare) or _FALL_AFTER.match(after):
            return None
        if _APOGEE_BEFORE.search(bare):
            return "apogee_km"
        if _DISTANCE_BEFORE.search(bare):
            return "distance_km"
        if _POSITION_BEFORE.search(bare):
            return None
        if _FLIGHT_VERB_AFTER.match(after):
            return "distance_km"
        return None
    if _FLIGHT_TIME_BEFORE.search(bare):
        return "flight_time_s"
    # "約53分間、約1000キロ飛翔": a length may stand between the duration and the verb.
    after = re.sub(r"^[、,]\s?(?:約|およそ)?\d[\d,.]*(?:~\d[\d,.]*)?km(?:程度|ほど)?", "", after)
    if _FLIGHT_VERB_AFTER.match(after):
        return "flight_time_s"
    return None


def fill_figures(document: CjkDocument, sentences: list[CjkSentence], launch: Launch) -> None:
    """Distance, apogee and flight time from the foreground ``sentences`` (statement first)."""
    chosen: dict[str, list[CjkFigure]] = {}
    for sentence in sentences:
        by_kind: dict[str, list[CjkFigure]] = {}
        for figure in figures(sentence.text):
            shifted = CjkFigure(figure.value, figure.unit, figure.start + sentence.start,
                                figure.end + sentence.start, figure.qualifier, figure.low,
                                figure.high)
            kind = _kind(sentence.text, shifted, sentence.start)
            if kind is not None:
                by_kind.setdefault(kind, []).append(shifted)
        for kind, found in by_kind.items():
            chosen.setdefault(kind, found)
    for kind, found in chosen.items():
        best = max(found, key=lambda f: f.value)
        unit = "km" if kind.endswith("_km") else "s"
        setattr(launch, kind, Quantity(value=best.value, unit=unit, qualifier=best.qualifier,
                                       low=best.low, high=best.high))
        launch.evidence[kind] = document.evidence(best.start, best.end)


def fill_count(document: CjkDocument, statement: CjkSentence, sentences: list[CjkSentence],
               launch: Launch) -> None:
    """The number of missiles: the statement's, else the first foreground sentence's."""
    if _VAGUE_COUNT.search(statement.text) and not _COUNT.search(statement.text):
        return
    for sentence in [statement, *[s for s in sentences if s is not statement]]:
        for match in _COUNT.finditer(sentence.text):
            if match.group("lead") in {"うち", "合わせて"}:
                continue
            launch.count = int(match.group("n"))
            launch.evidence["count"] = document.evidence(sentence.start + match.start(),
                                                         sentence.start + match.end())
            return


def fill_eez(document: CjkDocument, sentences: list[CjkSentence], launch: Launch) -> None:
    """Inside or outside Japan's EEZ, where a foreground sentence says which."""
    for sentence in sentences:
        for match in _EEZ.finditer(sentence.text):
            where = match.group("where")
            if where is None:
                rest = sentence.text[match.end():match.end() + 6]
                where = "内" if re.match(r"^(?:に|へ|内に)(?:落下|着弾)", rest) else None
            if where is None:
                continue
            inside = "外" not in where
            tail = sentence.text[match.end():match.end() + 30]
            if inside and _UNCONFIRMED.search(tail):
                continue
            launch.inside_japan_eez = inside
            launch.evidence["inside_japan_eez"] = _evidence(document, sentence, match)
            return


def _evidence(document: CjkDocument, sentence: CjkSentence, match: re.Match[str]) -> Evidence:
    return document.evidence(sentence.start + match.start(), sentence.start + match.end())
