"""Korean text as the rules read it: lines, sentences and Kiwi's morphemes.

Korean marks tense, negation and mood with endings glued to the verb ("발사했다" is 발사 + 하 +
었 + 다, "발사하지 않았다" adds the negating 않, "발사할" the prospective ㄹ), so the rules read
morphemes, not words.  Kiwi (kiwipiepy, its model from the package index) analyses them; the
analyser takes about a second to load, so it is built on the first Korean report, not on import.

A page is read line by line: a line is *furniture* (bylines, copyright, widgets), a *caption*
(a photo credit), a *headline* (a line without a sentence ending before the story starts) or
*prose*, split into sentences.  Offsets are those of the normalised text the reader passes in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from kiwipiepy import Kiwi

from ...units import HANGUL_SYLLABLES
from .vocabulary import KoreanVocabulary, compact

LineKind = Literal["headline", "prose", "caption", "furniture"]

# Headline clauses are joined by ellipses and middle dots: "北, ICBM 발사…日 EEZ 낙하".
_HEADLINE_CLAUSE = re.compile(r"…|\.\.\.|···|‥")
_HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]")
_STAMP = re.compile(r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}")
FURNITURE_MAX_CHARS = 80
"""A line with a furniture word is furniture only when it is short: a sentence of the story
may mention "공개" or "광고" too."""


@lru_cache(maxsize=1)
def analyser() -> Kiwi:
    """The Kiwi analyser, built once per process (about a second), on first use.

    Without kiwipiepy's multi-word dictionary: it holds about 200 of the analyser's 490 MB
    (measured with kiwipiepy 0.24), which every Dask worker of a bulk ingest paid, and the
    extractions of the 42 Korean reports of eval-real-ml came out byte for byte the same
    without it (the rules read single morphemes, and the lexicons list their own phrases)."""
    return Kiwi(load_multi_dict=False)


@dataclass(frozen=True)
class Morpheme:
    form: str
    tag: str
    start: int
    end: int


class KoSentence:
    """One sentence (or headline clause), offsets in the normalised text.  Its morphemes are
    analysed on first use: most sentences of a page are read with patterns alone, and Kiwi
    is the slow part of reading a page."""

    def __init__(self, index: int, start: int, end: int, text: str, kind: LineKind) -> None:
        self.index, self.start, self.end, self.text, self.kind = index, start, end, text, kind
        self._morphemes: list[Morpheme] | None = None

    @property
    def morphemes(self) -> list[Morpheme]:
        if self._morphemes is None:
            self._morphemes = [Morpheme(t.form, t.tag, self.start + t.start,
                                        self.start + t.start + t.len)
                               for t in analyser().tokenize(self.text)]
        return self._morphemes

    @property
    def compact(self) -> str:
        return compact(self.text)

    def compact_offset(self, position: int) -> int:
        """The offset in :attr:`text` of a position in :attr:`compact`."""
        seen = -1
        for offset, char in enumerate(self.text):
            if not char.isspace():
                seen += 1
                if seen == position:
                    return offset
        return len(self.text)


def _line_kind(line: str, vocabulary: KoreanVocabulary, story_started: bool) -> LineKind | None:
    """Furniture or caption by its words; None for a line the sentence split decides."""
    if not _HANGUL.search(line):
        return "furniture"
    if any(mark in line for mark in vocabulary.list("caption_marks")):
        return "caption"
    if len(line) <= FURNITURE_MAX_CHARS and (
            any(word in line for word in vocabulary.list("furniture")) or
            (_STAMP.search(line) and len(_HANGUL.findall(line)) < 8)):
        return "furniture"
    return None


# A sentence ends with a final ending ("다", "요", "습니다") and a full stop, maybe inside a
# quote: "...발사했다"고 밝혔다. splits after "밝혔다.", not inside the quote.
_SENTENCE_END = re.compile(r"(?<=[다요죠음함])[.!?]+(?:[\"'”’」』)\]]+)?(?=\s|$)")
_FINAL = re.compile(r"[다요죠][.!?]*[\"'”’」』)\]]*\s*$")


def read_sentences(text: str, vocabulary: KoreanVocabulary) -> list[KoSentence]:
    """The sentences of ``text`` in order, each with its kind."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append((offset + raw.index(stripped), stripped))
        offset += len(raw) + 1
    sentences: list[KoSentence] = []
    story_started = False
    for line_start, line in lines:
        kind = _line_kind(line, vocabulary, story_started)
        if kind is not None:
            sentences.append(KoSentence(len(sentences), line_start, line_start + len(line),
                                        line, kind))
            continue
        parts = _split(line)
        prose = any(_FINAL.search(line[start:end]) for start, end in parts)
        if not prose and not story_started:
            # A headline: its clauses ("…") are read one by one, like sentences.
            parts, kind = _clauses(line), "headline"
        else:
            story_started, kind = True, "prose"
        for start, end in parts:
            sentences.append(KoSentence(len(sentences), line_start + start, line_start + end,
                                        line[start:end], kind))
    return sentences


def _split(line: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for match in _SENTENCE_END.finditer(line):
        if line[last:match.end()].strip():
            lead = len(line[last:match.end()]) - len(line[last:match.end()].lstrip())
            spans.append((last + lead, match.end()))
        last = match.end()
    rest = line[last:]
    if rest.strip():
        spans.append((last + len(rest) - len(rest.lstrip()), len(line)))
    return spans


def _clauses(line: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for match in _HEADLINE_CLAUSE.finditer(line):
        if line[last:match.start()].strip():
            spans.append((last, match.start()))
        last = match.end()
    if line[last:].strip():
        spans.append((last, len(line)))
    return spans
