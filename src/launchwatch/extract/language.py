"""Which language a report is written in, so the extractor reads it with that language's rules.

Launch reports come in English, Japanese (Japan's Ministry of Defense, the Chief Cabinet
Secretary, Japanese media) and Korean (the ROK Joint Chiefs of Staff and the media relaying
them), and now and then in the languages of other launching states.  Lingua's detector, given
only the candidates below, tells them apart offline; it is built once, on the first report.

A page's first few thousand characters decide: the language of the story is settled well before
its end, and menus and footers further down are often in another language ("Share", "Home").
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

CANDIDATES = (Language.ENGLISH, Language.JAPANESE, Language.KOREAN, Language.CHINESE,
              Language.RUSSIAN, Language.FRENCH, Language.GERMAN, Language.SPANISH,
              Language.ARABIC, Language.PERSIAN)
"""The languages reports are expected in: the readers' (en, ja, ko) and those of other launching
states and wire services, so that a Chinese or Russian page is not forced into one of ours."""

SAMPLE_CHARS = 3_000
"""How much of a report the detector reads."""

DEFAULT = "en"
"""The language assumed where the text says nothing (empty, or digits and URLs only)."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language: "en", "ja", "ko", or another candidate's."""
    found = _detector().detect_language_of(text[:SAMPLE_CHARS])
    if found is None:
        return DEFAULT
    return found.iso_code_639_1.name.lower()


def valid_language(code: str) -> str:
    """``code`` as the extractor writes languages ("JA" -> "ja"), or ValueError naming the
    codes it knows: for a ``--lang`` a person typed."""
    known = {language.iso_code_639_1.name.lower() for language in CANDIDATES}
    normal = code.strip().lower()
    if normal not in known:
        raise ValueError(f"{code!r} is not a language the extractor knows; use one of "
                         f"{', '.join(sorted(known))}")
    return normal
