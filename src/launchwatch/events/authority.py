"""Who said it: the bodies reports cite, and how far each is trusted for a launch's figures.

Every claim about a launch is made by someone: South Korea's Joint Chiefs of Staff, Japan's
Ministry of Defense, the launching state's own news agency, or just the newspaper.  Fusion
ranks them in **tiers** (:class:`~launchwatch.model.Tier`; lower wins; see
:mod:`launchwatch.events.fusion` for the whole rule):

0. ``TRACKING``: militaries that follow the flight on their own sensors (ROK JCS, Japan MoD,
   US INDOPACOM, ...).  Their figures are what analysts and the CNS database quote.
1. ``GOVERNMENT``: political statements and unnamed officials (Japan's Chief Cabinet
   Secretary, "US officials"): early and rounded, often relayed from the military.
2. ``DATABASE``: compiled records such as the CNS North Korea Missile Test Database, written
   after the fact from the sources above.
3. ``MEDIA``: the report's own statement, no body cited.
4. ``LAUNCHING_STATE``: the launching state's own media or military (KCNA for North Korea, the
   IRGC for Iran).  Precise to the decimal and self-serving: kept, and used for a field only
   when nobody else states it.
5. ``UNATTRIBUTED``: a second figure in a report that cites nobody for it (often an earlier
   launch mentioned in passing).  Kept and shown, never chosen.

Which state a body speaks for is in :data:`AUTHORITY_STATE`; an authority is the launching
state's when its state is the event's country.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ..model import CNS, Claim, Tier

AUTHORITY_STATE: dict[str, str] = {
    "ROK JCS": "South Korea",
    "Japan MoD": "Japan",
    "Japan government": "Japan",
    "KCNA": "North Korea",
    "US INDOPACOM": "United States",
    "US Department of Defense": "United States",
    "US officials": "United States",
    "US Missile Defense Agency": "United States",
    "US Space Force": "United States",
    "IRGC": "Iran",
    "Iranian MoD": "Iran",
    "Russian MoD": "Russia",
    "ISPR": "Pakistan",
    "DRDO": "India",
    "Indian Ministry of Defence": "India",
    "China MND": "China",
    "Houthis": "Yemen (Houthis)",
    "Israeli MoD": "Israel",
    "French MoD": "France",
    "UK MoD": "United Kingdom",
}

# Political voices rather than the sensors' operators: their figures come first and rounded.
_GOVERNMENT = frozenset({"Japan government", "US officials"})

# Among claims of one tier and one publication time, the order in which bodies are preferred:
# the two militaries that track every North Korean flight first, Seoul before Tokyo because the
# JCS reports the launch site and time it tracks from the launch, Tokyo the splash-down.
_PREFERENCE = ("ROK JCS", "Japan MoD", "US INDOPACOM", "US Department of Defense",
               "US Missile Defense Agency", "US Space Force", "Japan government", "US officials")


def tier_of(authority: str | None, country: str | None, *, alternative: bool = False) -> Tier:
    """The tier of a claim by ``authority`` (None: the report itself) about a launch by
    ``country``; ``alternative`` marks a report's second figure for a field."""
    if authority is None:
        return Tier.UNATTRIBUTED if alternative else Tier.MEDIA
    if authority == CNS:
        return Tier.DATABASE
    if country is not None and AUTHORITY_STATE.get(authority) == country:
        return Tier.LAUNCHING_STATE
    if authority in _GOVERNMENT or authority not in AUTHORITY_STATE:
        # An authority this table does not know yet is trusted like a government statement.
        return Tier.GOVERNMENT
    return Tier.TRACKING


def preference(authority: str | None) -> int:
    """Position of ``authority`` in the tie-break order (unknown bodies after known ones)."""
    try:
        return _PREFERENCE.index(authority or "")
    except ValueError:
        return len(_PREFERENCE)


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression over every phrase of the extractor's authority lexicon.

    The lexicon (``launchwatch/extract/lexicons/authorities.json``) is the one list of how
    reports name each body; reading it here keeps attribution and extraction in step.
    """
    # Found from the top package's folder, not as ``launchwatch.extract.lexicons``: naming that
    # package imports ``launchwatch.extract``, and with it spaCy and the extractor (a second
    # and 100 MB in a process that only fuses, such as a bulk ingest's client).
    lexicons = resources.files("launchwatch").joinpath("extract", "lexicons")
    data = json.loads(lexicons.joinpath("authorities.json").read_text(encoding="utf-8"))
    by_phrase: dict[str, str] = {}
    for name, phrases in data.items():
        # "MoD" alone means the launching state's ministry: too vague to attribute a figure.
        if name.startswith("_") or name == "MoD" or not isinstance(phrases, list):
            continue
        for phrase in phrases:
            by_phrase.setdefault(phrase.lower(), name)
    alternation = "|".join(re.escape(p) for p in sorted(by_phrase, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), by_phrase


@lru_cache(maxsize=1024)
def publisher_authority(publisher: str | None) -> str | None:
    """The body a publisher is ("KCNA (synthetic)" -> KCNA), None for the press."""
    if not publisher:
        return None
    pattern, by_phrase = _phrases()
    match = pattern.search(publisher)
    return by_phrase.get(match.group(0).lower()) if match else None


def who(claim: Claim) -> str:
    """Who makes ``claim``, as a person says it: 'ROK JCS via Hanbit News Agency', 'KCNA'
    (the agency publishes its own statement), 'Pacific Wire Service' (no body cited)."""
    publisher = claim.publisher or claim.source
    if claim.authority is None:
        return publisher
    if claim.authority == publisher_authority(claim.publisher):
        return claim.authority
    return f"{claim.authority} via {publisher}"


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def _sentence_bounds(text: str, position: int) -> tuple[int, int, int]:
    """(paragraph start, sentence start, sentence end) around ``position`` in ``text``."""
    paragraph_start = text.rfind("\n\n", 0, position)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", position)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    sentence_start = paragraph_start
    for match in _SENTENCE_END.finditer(text, paragraph_start, paragraph_end):
        if match.end() > position:
            return paragraph_start, sentence_start, match.start()
        sentence_start = match.end()
    return paragraph_start, sentence_start, paragraph_end


def authority_near(text: str, position: int, candidates: list[str]) -> str | None:
    """The body among ``candidates`` that the sentence holding ``position`` cites, else the
    nearest earlier sentence of the same paragraph that cites one; None when none does.

    "South Korea's Joint Chiefs of Staff said it flew about 1,080 km" credits the JCS with
    1,080 km even when the report cites three bodies.
    """
    if not text or not 0 <= position <= len(text):
        return None
    pattern, by_phrase = _phrases()
    paragraph_start, start, end = _sentence_bounds(text, position)
    while True:
        names = [by_phrase.get(m.group(0).lower()) for m in pattern.finditer(text, start, end)]
        for name in names:
            if name in candidates:
                return name
        if start <= paragraph_start:
            return None
        end = start
        _, start, _ = _sentence_bounds(text, max(paragraph_start, start - 2))
