"""Japanese words: SudachiPy's tokeniser with its core dictionary (both from PyPI).

Japanese is written without spaces; Sudachi cuts the text into words and gives each its
dictionary form and part of speech, which is what the launch-statement rule reads: "発射" and
the auxiliaries after it ("し た", "さ れ なかっ た", "する 予定").  Mode C keeps compounds
whole ("弾道ミサイル" stays one word).
"""

from __future__ import annotations

from functools import lru_cache

from sudachipy import Dictionary, SplitMode, Tokenizer

from ..languages import Token

MAX_CHUNK_BYTES = 40_000
"""Sudachi refuses inputs over 49,149 bytes; longer texts are cut at line breaks below this."""


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def tokenize(text: str) -> list[Token]:
    """The words of ``text``, with spans into it."""
    tokens: list[Token] = []
    tokenizer = _tokenizer()
    for offset, chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            surface = morpheme.surface()
            if not surface.strip():
                continue
            tokens.append(Token(offset + morpheme.begin(), offset + morpheme.end(), surface,
                                morpheme.dictionary_form(), morpheme.part_of_speech()[0]))
    return tokens


def _chunks(text: str) -> list[tuple[int, str]]:
    """``text`` in pieces Sudachi accepts, cut after line breaks (a Japanese character is up to
    three bytes in UTF-8)."""
    limit = MAX_CHUNK_BYTES // 3
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks
