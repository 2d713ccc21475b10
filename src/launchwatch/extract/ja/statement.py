"""Does a Japanese report state a launch, and which sentences are about that launch?

A launch is stated by a launch word ("発射", "打ち上げる", "試射") whose predicate says it
happened: the past ("発射した", "発射された", "発射したと発表"), a headline's bare noun
("北朝鮮が弾道ミサイル発射", "ICBM発射か"), or the noun with a past verb ("発射を確認した",
"発射を強行しました", "発射は31日午前6時28分ごろ").  The predicate is read from Sudachi's
words after the launch word, up to the clause's end:

* a negation (ない, ず) turns it down: "発射されなかった", "発射しておらず";
* a plan, a possibility or a capability turns it down: "発射する予定", "発射の兆候",
  "発射準備", "発射した可能性", "発射台";
* "発射を受け" is a response to a launch named elsewhere (sanctions after a test), not a
  statement of one.

A sentence about a scenario (想定), a parade, or an earlier launch (前回, 昨年, 以来, これまで,
"21発目") states none either.  The launch also needs a missile in its sentence or the title:
"ミサイル", "ICBM", "飛翔体", a satellite, a named missile.

The *background* is every sentence about another launch: one with those markers, or one dated
another day than the launch.  The field rules read the rest, the *foreground*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..languages import CjkDocument, CjkSentence, Token

_LAUNCH_LEMMAS = frozenset({"発射", "打ち上げる", "打ち上げ", "試射", "撃つ", "発射実験",
                            "発射訓練", "射撃"})
# A missile reported flying or falling states its launch too ("弾道ミサイルが約1000キロ飛翔し、
# ... 落下した"): these count where no launch word does.
_FLIGHT_LEMMAS = frozenset({"飛翔", "飛行", "落下", "着弾", "飛しょう"})
_NEGATION = frozenset({"ない", "ず", "ぬ", "ません"})
_NOT_YET = frozenset({"予定", "計画", "準備", "可能", "可能性", "恐れ", "おそれ", "場合", "構え",
                      "兆候", "兆し", "方針", "予告", "通報", "意向", "用意", "態勢", "能力",
                      "示唆", "警告", "見通し", "公算", "懸念", "つもり", "台", "場", "基地",
                      "装置", "車両", "拠点", "施設", "手段", "禁止", "中止", "凍結", "停止",
                      "想定", "よう", "ため", "前", "に際し", "まで", "猶予", "期間", "予想"})
_HEDGES = frozenset({"可能性", "恐れ", "おそれ", "疑い", "かどうか", "か否か", "場合", "なら", "ら"})
_RESPONSE = frozenset({"受ける", "対する", "抗議", "非難", "めぐる", "巡る"})
_PAST_VERBS = frozenset({"確認", "発表", "強行", "実施", "断行", "公表", "明らか", "行う",
                         "敢行", "伝える", "報じる", "発令", "探知", "捕捉"})
_MISSILE = re.compile(r"ミサイル|ICBM|SLBM|IRBM|SRBM|MRBM|ロケット|飛翔体|飛しょう体|発射体|"
                      r"衛星|弾道弾|火星|北極星|ノドン|ムスダン|テポドン|KN-?\d")
_SCENE = re.compile(r"想定|パレード|閲兵|避難訓練|住民訓練|模擬")
_EARLIER = re.compile(r"前回|昨年|去年|おととし|一昨年|過去(?!最)|これまで|以来|今年に入って|"
                      r"ことしに入って|今年に入り|ことしに入り|前年|先月|先週|(?:今年|ことし)\S{0,8}\d+(?:発|回)目|"
                      r"通算|累計|合わせて|計\d+回|平成\d+年|\d{4}年\d+月(?!\d+日)")
# Everything after these lines is the page's links to other stories.
_END_OF_STORY = re.compile(r"^(?:関連記事|関連ニュース|あわせて読みたい|合わせて読みたい|注目の記事|"
                           r"アクセスランキング|ランキング|おすすめ|人気記事|こちらもおすすめ|"
                           r"この記事は有料記事です|最新ニュース|主要ニュース|Recommended)")


@dataclass
class Statement:
    sentence: CjkSentence
    token: Token             # the launch word


@dataclass
class Decision:
    statement: Statement | None
    reasons: list[str] = field(default_factory=list)


def story_sentences(document: CjkDocument) -> list[CjkSentence]:
    """The sentences of the story: those before the first links-to-other-stories line."""
    kept = []
    for sentence in document.sentences:
        if _END_OF_STORY.match(sentence.text):
            break
        kept.append(sentence)
    return kept


def is_earlier(sentence: CjkSentence) -> bool:
    """Does the sentence speak of an earlier launch or of launches counted together?"""
    return bool(_EARLIER.search(sentence.text))


def decide(document: CjkDocument, sentences: list[CjkSentence]) -> Decision:
    """The first sentence that states a launch, with the reasons others were turned down."""
    reasons: list[str] = []
    for lemmas in (_LAUNCH_LEMMAS, _FLIGHT_LEMMAS):
        statement = _first_statement(document, sentences, lemmas, reasons)
        if statement is not None:
            reasons.insert(0, f"launch statement: {statement.sentence.text[:120]}")
            return Decision(statement, reasons)
    if not reasons:
        reasons.append("no sentence states a launch (発射した, 発射された, ...)")
    return Decision(None, reasons)


def _first_statement(document: CjkDocument, sentences: list[CjkSentence],
                     lemmas: frozenset[str], reasons: list[str]) -> Statement | None:
    has_missile_headline = any(_MISSILE.search(s.text) for s in sentences[:3])
    for sentence in sentences:
        words = document.tokens_in(sentence.start, sentence.end)
        for k, token in enumerate(words):
            if token.lemma not in lemmas and token.text not in lemmas:
                continue
            verdict = _predicate(words, k, sentence)
            if verdict is not None:
                if len(reasons) < 5:
                    reasons.append(f"not a launch statement ({verdict}): {sentence.text[:80]}")
                continue
            if _SCENE.search(sentence.text):
                reasons.append(f"not a launch statement (a scenario or a parade): "
                               f"{sentence.text[:80]}")
                break
            if is_earlier(sentence):
                if len(reasons) < 5:
                    reasons.append(f"not a launch statement (an earlier launch): "
                                   f"{sentence.text[:80]}")
                break
            if not (_MISSILE.search(sentence.text) or has_missile_headline):
                continue
            return Statement(sentence, token)
    return None


def _predicate(words: list[Token], k: int, sentence: CjkSentence) -> str | None:
    """Why the launch word ``words[k]`` does not state a launch, or None when it does."""
    window: list[Token] = []
    following = words[k + 1:k + 9]
    for n, token in enumerate(following):
        if token.text in {"。", "、", "」", "『", "「"} or token.pos == "空白":
            break
        window.append(token)
        if token.lemma == "た":
            # The past ends the predicate: what follows is its own clause ("発射された弾道
            # ミサイルの可能性があるもの") unless it hedges the launch itself ("発射した可能性").
            if n + 1 < len(following) and following[n + 1].lemma in _HEDGES:
                return "a possibility"
            break
    lemmas = [t.lemma for t in window]
    if any(lemma in _NEGATION for lemma in lemmas):
        return "negated"
    if any(lemma in _NOT_YET for lemma in lemmas):
        return "a plan, a possibility or a launcher"
    if any(lemma in _RESPONSE for lemma in lemmas[:3]):
        return "a response to a launch told elsewhere"
    if not window:
        return None          # a headline's noun, or a clause that ends on it
    first = window[0]
    if first.lemma in {"する", "れる", "られる"} or first.pos == "助動詞":
        # "発射する" alone is a plan or a habit; the past or a report of it is a statement.
        if "た" in lemmas or "て" in lemmas or "たり" in lemmas or first.text == "し" and \
                len(window) == 1:
            return None
        return "not in the past"
    if first.lemma in {"か", "へ", "=", "…"} or first.pos in {"補助記号", "空白"}:
        return None
    if first.lemma in {"は", "が", "を", "も"}:
        rest = lemmas[1:]
        if any(lemma in _PAST_VERBS for lemma in rest) and "た" in rest or \
                first.lemma in {"は", "が"} and rest and _is_time_or_day(window[1:]):
            return None
        if first.lemma == "が" and "た" in rest:
            return None
        return "a noun without a past verb"
    if first.pos in {"名詞", "接尾辞"} and first.lemma not in _NOT_YET:
        # "ミサイル発射 北海道沖に落下": a headline noun before another headline phrase.
        return None if sentence.text.count("。") == 0 else "a compound noun"
    return "not a statement"


def _is_time_or_day(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[0].text[:1].isdigit()
