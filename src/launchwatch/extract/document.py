"""A report's body as the rules see it: sentences, paragraphs and lexicon matches.

Everything the field rules need from spaCy is computed once here: the tokens, the sentence and
paragraph each token belongs to, and the phrase-matcher hits grouped by kind.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .page import Page


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
    """A sentence: its token span, its place, its text and the lexicon hits inside it.

    ``start``/``end`` (tokens), ``char_start`` and ``text`` are stored rather than read from
    the spaCy span each time: the rules ask for them thousands of times per report."""

    index: int
    paragraph: int
    span: Span
    start: int
    end: int
    char_start: int
    text: str
    hits: list[Hit] = field(default_factory=list)

    # The indexes below are built on first use, after analyse() has filled ``hits`` (in start
    # order): a long sentence has many hits, and the rules ask for them again and again.

    @cached_property
    def _by_kind(self) -> dict[str, list[Hit]]:
        by_kind: dict[str, list[Hit]] = {}
        for hit in self.hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        return by_kind

    @cached_property
    def _cues(self) -> dict[str, list[Hit]]:
        by_list: dict[str, list[Hit]] = {}
        for hit in self.of_kind("CUE"):
            by_list.setdefault(hit.value, []).append(hit)
        return by_list

    @cached_property
    def _cue_starts(self) -> dict[str, list[int]]:
        return {value: [h.start for h in hits] for value, hits in self._cues.items()}

    @cached_property
    def _positions(self) -> dict[tuple[str, ...], frozenset[int]]:
        return {}

    def of_kind(self, kind: str) -> list[Hit]:
        """The hits of one kind, in order."""
        return self._by_kind.get(kind, [])

    def cues(self, value: str) -> list[Hit]:
        """The CUE hits of one word list ("launch_verbs", "capability", ...), in order."""
        return self._cues.get(value, [])

    def cue_starts(self, value: str) -> list[int]:
        """Where the CUE hits of one word list start, in order (for bisection)."""
        return self._cue_starts.get(value, [])

    def starts(self, *kinds: str) -> frozenset[int]:
        """Token indices where hits of ``kinds`` start."""
        return self._edges("start", kinds)

    def ends(self, *kinds: str) -> frozenset[int]:
        """Token indices where hits of ``kinds`` end."""
        return self._edges("end", kinds)

    def _edges(self, edge: str, kinds: tuple[str, ...]) -> frozenset[int]:
        key = (edge, *kinds)
        found = self._positions.get(key)
        if found is None:
            found = self._positions[key] = frozenset(
                getattr(h, edge) for kind in kinds for h in self.of_kind(kind))
        return found


@dataclass
class Document:
    doc: Doc
    sentences: list[Sentence]
    offset: int  # character offset of ``doc`` inside the report text
    measure_matches: list[tuple[str, int, int]] | None = None  # filled by quantities
    page: Page | None = None  # the document stage's offset map back to the stored text

    def char_span(self, start_token: int, end_token: int) -> tuple[int, int, str]:
        """The stored text's span (offsets and text) behind tokens ``start:end``."""
        span = self.doc[start_token:end_token]
        if self.page is not None:
            return self.page.original_span(span.start_char, span.end_char)
        return (self.offset + span.start_char, self.offset + span.end_char, span.text)


def _longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longer ones first (what spaCy's ``filter_spans`` does)."""
    taken: list[tuple[int, int, str]] = []
    occupied: set[int] = set()
    for start, end, label in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if not occupied.intersection(range(start, end)):
            taken.append((start, end, label))
            occupied.update(range(start, end))
    return taken


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
    # A full stop before a lower-case word ends an abbreviation ("Calif., on Wednesday"),
    # not a sentence.
    starts.update(int(i) for i in (flags == 1).nonzero()[0]
                  if not (doc[int(i)].is_lower and doc[int(i)].is_alpha
                          or doc[int(i)].text in {",", ";", ")"}))
    for i, word in enumerate(lower[:-1]):
        if "\n" in word or word in {"a.m.", "p.m."} and doc[i + 1].text in _SENTENCE_STARTERS:
            starts.add(i + 1)
    return sorted(starts)


def analyse(text: str, lexicon: Lexicon, offset: int = 0, page: Page | None = None) -> Document:
    """Tokenise ``text``, split it into sentences and paragraphs and run the phrase matcher.

    With ``page`` (the document stage's result) the text is the page's, its paragraphs are the
    page's prose paragraphs, and evidence offsets map back to the stored text."""
    if page is not None:
        text = page.text
    doc = lexicon.nlp(text)
    strings = lexicon.nlp.vocab.strings
    by_group: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for match_id, start, end in lexicon.matcher(doc):
        label = strings[match_id]
        kind = label.partition("|")[0]
        # CUE and CONTEXT hits of different lists may overlap; keep them apart when filtering.
        by_group[label if kind in {"CUE", "CONTEXT"} else kind].append((start, end, label))
    hits: list[Hit] = []
    for matches in by_group.values():
        for start, end, label in _longest_first(matches):
            kind, _, value = label.partition("|")
            hits.append(Hit(kind, value, start, end))
    hits.sort(key=lambda h: (h.start, h.end))

    if page is not None:
        breaks = page.paragraph_starts[1:]
    else:
        # Paragraphs are separated by blank lines; a text without any uses single line breaks.
        pattern = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
        breaks = [m.start() for m in pattern.finditer(text)]
    lower = lowered(doc)
    starts = _sentence_starts(doc, lower)
    sentences: list[Sentence] = []
    idx = doc.to_array("IDX")
    for begin, finish in zip(starts, starts[1:] + [len(doc)]):
        if begin >= finish:
            continue
        char_start = int(idx[begin])
        char_end = int(idx[finish]) if finish < len(doc) else len(text)
        sentence_text = text[char_start:char_end].rstrip()
        # Whitespace-only "sentences" are paragraph separators, not text.
        if not sentence_text.strip():
            continue
        sentences.append(Sentence(index=len(sentences),
                                  paragraph=bisect.bisect_right(breaks, char_start),
                                  span=doc[begin:finish], start=begin, end=finish,
                                  char_start=char_start, text=sentence_text))
    position = 0
    for hit in hits:
        while position < len(sentences) - 1 and hit.start >= sentences[position].end:
            position += 1
        if sentences and sentences[position].start <= hit.start < sentences[position].end:
            sentences[position].hits.append(hit)
    return Document(doc=doc, sentences=sentences, offset=offset, page=page)
