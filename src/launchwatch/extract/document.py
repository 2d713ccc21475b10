"""A report's body as the rules see it: sentences, paragraphs and lexicon matches.

Everything the field rules need from spaCy is computed once here: the tokens, the sentence and
paragraph each token belongs to, and the phrase-matcher hits grouped by kind.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicon import Lexicon


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n")


@dataclass(frozen=True)
class Hit:
    """One lexicon match: ``kind`` ("SITE"), ``value`` ("Sunan") and its token span."""

    kind: str
    value: str
    start: int
    end: int


@dataclass
class Sentence:
    index: int
    paragraph: int
    span: Span
    hits: list[Hit] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text

    def of_kind(self, kind: str) -> list[Hit]:
        return [h for h in self.hits if h.kind == kind]


@dataclass
class Document:
    doc: Doc
    sentences: list[Sentence]
    offset: int  # character offset of ``doc`` inside the report text
    measure_matches: list[tuple[str, int, int]] | None = None  # filled by quantities

    def char_span(self, start_token: int, end_token: int) -> tuple[int, int, str]:
        span = self.doc[start_token:end_token]
        return (self.offset + span.start_char, self.offset + span.end_char, span.text)

    def sentence_of(self, token_index: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= token_index < sentence.end:
                return sentence
        return self.sentences[-1]


def lowered(doc: Doc) -> list[str]:
    """The document's tokens in lower case, computed once: the rules read words, and making a
    spaCy ``Token`` for every look-up costs more than the rules themselves."""
    cached = doc.user_data.get("lowered")
    if cached is None:
        strings = doc.vocab.strings
        cached = doc.user_data["lowered"] = [strings[int(h)] for h in doc.to_array("LOWER")]
    return cached


_SENTENCE_STARTERS = frozenset({"The", "It", "They", "He", "She", "We", "This", "That", "Both",
                                "A", "An", "Its", "There", "Japan", "South", "Officials"})


def _sentence_starts(doc: Doc, lower: list[str]) -> list[int]:
    """Token indices where sentences start: the sentencizer's, plus every line break (headlines
    and numbered paragraphs have no full stop) and "... a.m. The missile" (an abbreviation
    that ends a sentence)."""
    flags = doc.to_array("SENT_START")
    starts = {0} if len(doc) else set()
    starts.update(int(i) for i in (flags == 1).nonzero()[0])
    for i, word in enumerate(lower[:-1]):
        if "\n" in word or word in {"a.m.", "p.m."} and doc[i + 1].text in _SENTENCE_STARTERS:
            starts.add(i + 1)
    return sorted(starts)


def analyse(text: str, lexicon: Lexicon, offset: int = 0) -> Document:
    """Tokenise ``text``, split it into sentences and paragraphs and run the phrase matcher."""
    doc = lexicon.nlp(text)
    by_kind: dict[str, list[Span]] = defaultdict(list)
    strings = lexicon.nlp.vocab.strings
    for match_id, start, end in lexicon.matcher(doc):
        label = strings[match_id]
        kind, _, value = label.partition("|")
        # CUE and CONTEXT hits of different lists may overlap; keep them apart when filtering.
        group = kind if kind not in {"CUE", "CONTEXT"} else label
        by_kind[group].append(Span(doc, start, end, label=label))
    hits: list[Hit] = []
    for spans in by_kind.values():
        for span in filter_spans(spans):
            kind, _, value = span.label_.partition("|")
            hits.append(Hit(kind, value, span.start, span.end))
    hits.sort(key=lambda h: (h.start, h.end))

    # Paragraphs are separated by blank lines; a text without any uses single line breaks.
    pattern = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    breaks = [m.start() for m in pattern.finditer(text)]
    lower = lowered(doc)
    starts = _sentence_starts(doc, lower)
    sentences: list[Sentence] = []
    for begin, finish in zip(starts, starts[1:] + [len(doc)]):
        span = doc[begin:finish]
        # Whitespace-only "sentences" are paragraph separators, not text.
        if not span.text.strip():
            continue
        sentences.append(Sentence(index=len(sentences),
                                  paragraph=bisect.bisect_right(breaks, span.start_char),
                                  span=span))
    position = 0
    for hit in hits:
        while position < len(sentences) - 1 and hit.start >= sentences[position].end:
            position += 1
        if sentences and sentences[position].start <= hit.start < sentences[position].end:
            sentences[position].hits.append(hit)
    return Document(doc=doc, sentences=sentences, offset=offset)
