"""Reading a report in its own language: the interface every language's rules implement.

:class:`.RuleExtractor` reads English with its spaCy rules.  A report in another language that
has rules of its own (Japanese in ``extract/ja/``, Korean in ``extract/ko/``) goes to that
language's :class:`LanguageReader`, which returns the same :class:`.Extraction`: the same
``Launch`` records, every value with evidence spans into the stored text.

A language package exports one reader class, ``ja.JapaneseReader`` and ``ko.KoreanReader``,
built as ``Reader(lexicon, default_country)``.  The extractor builds it on the first report
in that language: the tokenisers' dictionaries and models take a moment to load, and a run of
English reports need not pay for them.

What the readers share lives here and in :mod:`.cjk_numbers`:

* :class:`CjkDocument`: the text normalised for the rules (:func:`.cjk_numbers.normalise_cjk`),
  its sentences and the language tokeniser's tokens, and the way back from a span of the
  normalised text to the evidence in the stored text (:meth:`CjkDocument.evidence`);
* :class:`PhraseIndex`: the lexicons' phrases in one script ("火星17型", "日本海", "順安"),
  found longest first.  Japanese and Korean forms sit in the same lists as the English ones
  (``lexicons/*.json``, the gazetteer's ``aliases``); :func:`in_script` picks each language's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator, Protocol

from ..model import Evidence, Extraction, PublishedDate, Report
from ..units import HANGUL_SYLLABLES, KANA_KANJI
from .cjk_numbers import normalise_cjk
from .page import Page

MAX_CJK_CHARS = 60_000
"""The part of a report a language reader reads: a Japanese or Korean story says in some 2,000
characters what an English one says in 5,000, and the launch is stated at the top."""


class LanguageReader(Protocol):
    """Reads reports in one language: ``read(report, published) -> Extraction``.

    ``published`` is the publication date the extractor found (the report's header, else the
    page's own date line), or None; the reader may find a better one in its language's
    date forms ("2023年2月18日", "2023년 2월 18일").  The extraction it returns has
    ``language`` set to its language."""

    language: str

    def read(self, report: Report, published: PublishedDate | None) -> Extraction: ...


# ---------------------------------------------------------------- the document record

@dataclass(frozen=True)
class Token:
    """A word as the language's tokeniser cut it: its span in the normalised text, its surface,
    dictionary form and part of speech (the tokeniser's own tag: "名詞", "NNG")."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str


@dataclass(frozen=True)
class CjkSentence:
    """A sentence of the normalised text: ``text`` is ``document.text[start:end]``; ``line`` is
    the index of the line it is on (a headline, a caption and the story are separate lines)."""

    index: int
    start: int
    end: int
    text: str
    line: int


Tokenize = Callable[[str], list[Token]]
"""A language's tokeniser: normalised text -> its tokens in order."""


# A sentence ends at a full stop, a question or exclamation mark (either width, before NFKC
# turns them into ASCII), or a line break; a "." between digits is a decimal point.
_SENTENCE_END = re.compile(r"[。！？!?]+[」』）)]*|(?<!\d)\.(?!\d)|\n+")


@dataclass
class CjkDocument:
    """A Japanese or Korean report as the rules read it."""

    page: Page                     # the original, the normalised text and the offset map
    sentences: list[CjkSentence]
    tokens: list[Token] = field(default_factory=list)
    report_hash: str | None = None

    @property
    def text(self) -> str:
        """The normalised text the rules read."""
        return self.page.text

    def evidence(self, start: int, end: int) -> Evidence:
        """The stored text behind normalised characters ``start:end``."""
        lo, hi, text = self.page.original_span(start, end)
        return Evidence(start=lo, end=hi, text=text, report_hash=self.report_hash)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens inside characters ``start:end`` of the normalised text."""
        return [t for t in self.tokens if t.start >= start and t.end <= end]

    def sentence_at(self, position: int) -> CjkSentence | None:
        """The sentence holding character ``position``."""
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None


def cjk_document(original: str, tokenize: Tokenize | None = None,
                 report_hash: str | None = None) -> CjkDocument:
    """Normalise ``original`` (its first :data:`MAX_CJK_CHARS`), cut it into sentences and,
    with ``tokenize``, into tokens."""
    norm = normalise_cjk(original[:MAX_CJK_CHARS])
    text = norm.text
    page = Page(original=original, text=text, positions=norm.positions, lines=[])
    sentences: list[CjkSentence] = []
    line = 0
    start = 0
    for match in _SENTENCE_END.finditer(text + "\n"):
        end = match.end() if not match.group().startswith("\n") else match.start()
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trimmed = piece.strip()
            sentences.append(CjkSentence(len(sentences), start + lead,
                                         start + lead + len(trimmed), trimmed, line))
        line += match.group().count("\n")
        start = match.end()
    tokens = tokenize(text) if tokenize is not None else []
    return CjkDocument(page=page, sentences=sentences, tokens=tokens, report_hash=report_hash)


# ---------------------------------------------------------------- phrases in one script

_SCRIPTS = {
    "ja": re.compile(f"[{KANA_KANJI}]"),
    "ko": re.compile(f"[{HANGUL_SYLLABLES}\u1100-\u11ff\u3130-\u318f]"),  # and loose jamo
}
_HANGUL = _SCRIPTS["ko"]


def in_script(phrases: Iterable[str], language: str) -> list[str]:
    """The phrases written in ``language``'s script: for "ja", those with kana or kanji and no
    hangul; for "ko", those with hangul ("ICBM" is in every script and no language's own)."""
    pattern = _SCRIPTS[language]
    chosen = [p for p in phrases if pattern.search(p)]
    if language == "ja":
        chosen = [p for p in chosen if not _HANGUL.search(p)]
    return chosen


@dataclass(frozen=True)
class PhraseHit:
    value: str       # the name the extractor reports ("Hwasong-17", "Sea of Japan")
    start: int       # span in the normalised text
    end: int
    phrase: str      # the phrase as written


class PhraseIndex:
    """Phrases mapped to values, found in a text longest first and without overlaps."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._value: dict[str, str] = {}
        for phrase, value in entries:
            self._value.setdefault(phrase, value)
        alternatives = sorted(self._value, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives \
            else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseHit]:
        """The phrases in ``text[start:end]``, in text order."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text, start, len(text) if end is None else end):
            yield PhraseHit(self._value[match.group()], match.start(), match.end(),
                            match.group())


def published_in_text(text: str) -> date | None:
    """A full date written in East Asian form near the top of a page ("2023年2月18日",
    "2023년 2월 18일", "2023.02.18"): the page's date when its header gives none."""
    match = _EAST_ASIAN_DATE.search(text[:3_000])
    if not match:
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


_EAST_ASIAN_DATE = re.compile(
    r"(?P<y>20\d\d)\s?(?:年|년|[./-])\s?(?P<m>[01]?\d)\s?(?:月|월|[./-])\s?(?P<d>[0-3]?\d)"
    r"(?!\d)")
