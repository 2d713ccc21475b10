"""Rules for the descriptive fields of a launch: site, class and name, count, landing area,
EEZ, direction, launch time and the authorities a report cites.

Each rule reads one sentence's tokens and lexicon hits (see :mod:`.document`) and returns the
value with the token span that supports it; the role modules (:mod:`.figures`, :mod:`.places`,
:mod:`.weapon`, :mod:`.launch_time`, :mod:`.sources`) decide which sentences count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from spacy.tokens import Doc

from ..units import compass_point
from .document import lowered, Document, Hit, Sentence
from .lexicon import Lexicon
from .numbers import parse_number

MISSILE_NOUNS = frozenset({"missile", "missiles", "rocket", "rockets", "projectile",
                           "projectiles", "icbm", "icbms", "srbm", "srbms", "mrbm", "mrbms",
                           "irbm", "irbms", "slbm", "slbms", "crbm", "crbms", "interceptor",
                           "interceptors"})
_SITE_STOP = frozenset({"at", "on", "toward", "towards", "into", "to", "and", "before", "after",
                        "early", "late", "around", "between", "while", "which", "when", "that",
                        "had", "has", "was", "were", "is", "off", "over", "across", "with",
                        "but", "as", "during", "about", "shortly", "for", "heading", "flying",
                        "beginning", "under", "amid", "the", "this", "last", "-", "--", "—",
                        "from", "into", "using", "via",
                        "(", ";", ".", ":", '"', "“", "”", "said", "according"})
_SITE_WORDS = frozenset({"area", "vicinity", "province", "county", "base", "range", "island",
                         "peninsula", "bay", "airport", "cosmodrome", "site", "coast", "city",
                         "capital", "waters", "region", "station", "launchpad", "pad"})
# A range's meridiem follows its end and is its start's too: "7:25-37 p.m.", "7:25-7:37 p.m.".
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?:\s*[-–]\s*(?:\d{1,2}:)?\d{2})?"
                   r"\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
                   r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>\d{2})\b")
_ZONE = re.compile(r"^\s*(?:\(\s*)?(?P<zone>local time|local|Moscow time|GMT|UTC|Z\b|KST|JST|"
                   r"Seoul time|Tokyo time|Pyongyang time|Korea time|Japan time|"
                   r"Pacific Daylight Time|Pacific Standard Time|PDT|PST|EDT|EST|CDT|CST|MDT|MST|"
                   r"Korea Standard Time|Japan Standard Time|Hawaii time|HST|"
                   r"Eastern Time|ET\b|IST|PKT|Tehran time|Beijing time)", re.IGNORECASE)
ZONE_NAMES = {
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "kst": "Asia/Seoul", "seoul time": "Asia/Seoul",
    "korea time": "Asia/Seoul", "jst": "Asia/Tokyo", "tokyo time": "Asia/Tokyo",
    "japan time": "Asia/Tokyo", "pyongyang time": "Asia/Pyongyang",
    "moscow time": "Europe/Moscow", "pacific daylight time": "Etc/GMT+7", "pdt": "Etc/GMT+7",
    "pacific standard time": "Etc/GMT+8", "pst": "Etc/GMT+8", "edt": "Etc/GMT+4",
    "est": "Etc/GMT+5", "eastern time": "America/New_York", "et": "America/New_York",
    "ist": "Asia/Kolkata", "pkt": "Asia/Karachi", "tehran time": "Asia/Tehran",
    "beijing time": "Asia/Shanghai", "cdt": "Etc/GMT+5", "cst": "Etc/GMT+6",
    "mdt": "Etc/GMT+6", "mst": "Etc/GMT+7", "korea standard time": "Asia/Seoul",
    "japan standard time": "Asia/Tokyo", "hawaii time": "Pacific/Honolulu",
    "hst": "Pacific/Honolulu",
}
_NOT_LAUNCH_TIME = frozenset({"fallen", "fell", "fall", "falling", "landed", "land", "landing",
                              "passed", "passing", "splashed", "sent", "issued", "expected",
                              "until", "by", "disappeared", "impact", "impacted", "crossed",
                              "over", "notice", "alert", "warning"})


@dataclass
class Found:
    """A value and the token span in the document that supports it."""

    value: object
    start: int
    end: int


def launch_verb_tokens(sentence: Sentence) -> list[Hit]:
    return [h for h in sentence.of_kind("CUE") if h.value == "launch_verbs"]


def mentions_missile(doc: Doc, sentence: Sentence) -> bool:
    if sentence.of_kind("MISSILE") or sentence.of_kind("CLASS") or \
            sentence.of_kind("CLASSALONE"):
        return True
    return any(w in MISSILE_NOUNS for w in lowered(sentence.span.doc)[sentence.start:sentence.end])


# ---------------------------------------------------------------- site

_SAID_FROM = frozenset({"announcement", "announcements", "statement", "statements", "word",
                        "report", "reports", "response", "reaction", "news", "message",
                        "messages", "warning", "warnings", "threat", "threats", "comment",
                        "comments", "official", "officials", "envoy", "delegation", "media",
                        "broadcast", "footage", "rhetoric", "signal", "signals", "claim",
                        "claims"})


def launch_site(document: Document, sentence: Sentence, lexicon: Lexicon,
                after: int) -> tuple[Found, Hit | None] | None:
    """The phrase after "from" that names where the launch was made, and its site entry."""
    doc = document.doc
    lower = lowered(doc)
    for i in range(max(after, sentence.start), sentence.end - 1):
        # "from the Sunan area", or a form's "Launch location: the vicinity of Pyongyang".
        is_key = lower[i] == ":" and i > sentence.start and lower[i - 1] in {"location", "site"}
        if lower[i] != "from" and not is_key:
            continue
        if i > sentence.start and lower[i - 1] in _SAID_FROM:
            continue  # "the announcement from Pyongyang": who spoke, not where it flew from
        start = i + 1
        end = start
        while end < sentence.end:
            token = doc[end]
            word = token.lower_
            if word == "," :
                nxt = doc[end + 1] if end + 1 < sentence.end else None
                if nxt is not None and (nxt.lower_ == "in" or
                                        _site_hit_at(sentence, end + 1) is not None):
                    end += 1
                    continue
                break
            glued = token.text == "-" and not doc[end - 1].whitespace_
            if end > start and not glued and (word in _SITE_STOP and word != "the" or
                                (word.endswith("ing") and token.is_lower and
                                 word not in {"building"})):
                break
            if token.like_num and end + 1 < sentence.end and \
                    lowered(doc)[end + 1] in {"a.m.", "p.m.", "km"}:
                break
            end += 1
        phrase = doc[start:end]
        if not len(phrase):
            continue
        inside = [h for h in sentence.of_kind("SITE") if start <= h.start < end]
        specific = [h for h in inside if lexicon.sites[h.value].specific]
        site = (specific or inside or [None])[0]
        placeish = site is not None or any(t.lower_ in _SITE_WORDS for t in phrase) and \
            any(t.is_title for t in phrase)
        if not placeish:
            continue
        while len(phrase) and phrase[0].lower_ in {"the"}:
            phrase = doc[phrase.start + 1:phrase.end]
        # "the North Korean capital, Pyongyang" names Pyongyang.
        words = [t.lower_ for t in phrase]
        if "capital" in words and "," in words and site is not None:
            phrase = doc[site.start:site.end]
        return Found(phrase.text, phrase.start, phrase.end), site
    return None


def _site_hit_at(sentence: Sentence, index: int) -> Hit | None:
    return next((h for h in sentence.of_kind("SITE") if h.start == index), None)


# ---------------------------------------------------------------- class and name

def class_mentions(doc: Doc, sentence: Sentence) -> list[Found]:
    """Missile classes stated in the sentence ("intermediate-range ballistic missile")."""
    lower = lowered(doc)
    found: list[Found] = []
    names = {h.start for h in sentence.hits if h.kind == "MISSILE"}
    for hit in sentence.hits:
        if hit.kind == "CLASS":
            nxt = _skip_modifiers(doc, hit.end, sentence.end, names)
            if nxt is None:
                continue
            if nxt + 1 < sentence.end and lower[nxt + 1] in {
                    "target", "targets", "defence", "defense", "capability", "threat"}:
                continue
            found.append(Found(hit.value, hit.start, nxt + 1))
        elif hit.kind == "CLASSALONE":
            nxt = hit.end
            if nxt < sentence.end and lower[nxt] in {"target", "targets", "defence",
                                                         "defense", "program", "programme",
                                                         "capability"}:
                continue
            found.append(Found(hit.value, hit.start, hit.end))
    return found


def _skip_modifiers(doc: Doc, index: int, end: int, names: set[int] = frozenset()
                    ) -> int | None:
    """Index of the missile noun a class phrase modifies, or None if it modifies none.

    A missile's name is such a noun too: "the intermediate-range Ghauri", "medium-range
    Rodong types"."""
    lower = lowered(doc)
    for i in range(index, min(end, index + 5)):
        word = lower[i]
        if word in MISSILE_NOUNS or i in names or word in {
                "weapon", "weapons", "launchers", "launcher", "system", "type", "types",
                "variant", "warhead"}:
            return i
        if word in {",", ".", "and", "or", "of", "that", "which", "(", ";"}:
            return None
    return None


def missile_names(sentence: Sentence) -> list[Hit]:
    return sentence.of_kind("MISSILE")


# ---------------------------------------------------------------- count

def launch_count(doc: Doc, sentence: Sentence, lexicon: Lexicon,
                 explicit_only: bool = False, within: tuple[int, int] | None = None
                 ) -> Found | None:
    """Number of missiles in the sentence: "two short-range ...", "a barrage of eight ...".

    Returns ``Found(None, ...)`` when the sentence says the count is vague ("multiple",
    "several"), so that the caller can stop looking.
    """
    lower = lowered(doc)
    vague = lexicon.words("vague_counts")
    number_words = lexicon.cues["number_words"]
    lo, hi = within or (sentence.start, sentence.end)
    for i in range(max(lo, sentence.start), min(hi, sentence.end)):
        if lower[i] not in MISSILE_NOUNS and not _is_class_word(doc, i, sentence):
            continue
        if i + 1 < sentence.end and lower[i + 1] in _NOT_MISSILES_AFTER:
            continue  # "a new missile system", "a missile regiment": not how many flew
        # Walk back over modifiers to the determiner or numeral.
        j = i - 1
        steps = 0
        while j >= sentence.start and steps < 7:
            token = doc[j]
            word = token.lower_
            if word in {"of"} and j - 1 >= sentence.start and lower[j - 1] in {
                    "barrage", "volley", "salvo", "total", "pair"}:
                j -= 1
                steps += 1
                continue
            value = parse_number(token.text) if token.like_num else None
            if value is not None and value == int(value) and value < 1000 and \
                    not (j + 1 < sentence.end and lower[j + 1] in {"mm", "km", "-"}):
                if j - 1 >= sentence.start and lower[j - 1] in {"than", "over"} | _EARLIER:
                    break  # "more than two", "the past four missiles": not this launch's count
                return Found(int(value), j, i + 1)
            if word in vague or " ".join([lower[j - 1], word]) in vague:
                return Found(None, j, i + 1)
            if word in {"a", "an", "one", "single", "the", "its"} and not explicit_only:
                if word in {"the", "its"} and lower[i].endswith("s"):
                    break
                return Found(int(number_words.get(word, 1)), j, i + 1)
            if word in {",", ".", ";", "and", "or", "from", "with", "by", "to", "that",
                        "which", "what", "than", "as", "at", "in", "on"}:
                break
            j -= 1
            steps += 1
    return None


_EARLIER = frozenset({"past", "previous", "last", "earlier", "other", "prior"})
_NOT_MISSILES_AFTER = frozenset({"system", "systems", "program", "programme", "programs",
                                 "regiment", "regiments", "unit", "units", "brigade", "division",
                                 "base", "bases", "launcher", "launchers", "industry",
                                 "technology", "technologies", "capability", "capabilities",
                                 "force", "forces", "arsenal", "factory", "plant"})


def _is_class_word(doc: Doc, i: int, sentence: Sentence) -> bool:
    return i + 1 in sentence.ends("CLASSALONE")


# ---------------------------------------------------------------- landing, EEZ, direction

_EEZ = re.compile(r"(?P<neg>\b(?:not|no|never|n't)\b[^.]{0,40})?\b(?P<where>inside|within|in|into|"
                  r"outside(?: of)?|out of|beyond|short of|before reaching|reach(?:ed|ing|es)?)\s+"
                  r"(?:of\s+)?(?:Japanese territory or\s+|Japan's territory or\s+)?"
                  r"(?:Japan's|Japanese|the Japanese|its)\s+"
                  r"(?:(?:exclusive|special) economic zone|EEZ)", re.IGNORECASE)
_OUTSIDE = ("outside", "out of", "beyond", "short of", "before reaching")


def eez_verdict(document: Document, sentence: Sentence) -> Found | None:
    text = sentence.text
    match = _EEZ.search(text)
    if not match:
        return None
    # "its exclusive economic zone" is Japan's only when the sentence speaks of Japan.
    if re.search(r"\bits\s+(?:(?:exclusive|special) economic zone|EEZ)", match.group(0),
                 re.IGNORECASE) and not re.search(r"\bJapan(?:ese|'s)?\b",
                                                  text[:match.start("where")]):
        return None
    # "fell outside", "before reaching": outside; "in", "reached": inside; "did not reach":
    # the negation turns it round.
    inside = not match.group("where").lower().startswith(_OUTSIDE)
    if match.group("neg"):
        inside = not inside
    span = document.doc.char_span(sentence.char_start + match.start("where"),
                                  sentence.char_start + match.end(),
                                  alignment_mode="expand")
    return Found(inside, span.start, span.end)


_LANDING_LEADS = frozenset({"into", "in", "toward", "towards", "off", "to"})
_RELATIVE = re.compile(r"(?:(?:approximately|about|around|roughly|some|nearly)\s+)?"
                       r"[\d,.]+\s*(?:km|kilomet(?:er|re)s?|(?:nautical\s+)?miles?)\s+"
                       r"(?:[a-z]+(?:-[a-z]+)?)\s+(?:of|from|off)\s+(?:the\s+)?"
                       r"[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|the))*"
                       r"(?:,\s+[A-Z][\w'-]*(?:\s+Prefecture)?)?")


def landing_area(document: Document, sentence: Sentence, lexicon: Lexicon) -> Found | None:
    """Where the text says the missile came down, with a trailing relative location."""
    doc = document.doc
    landing_words = lexicon.words("landing_verbs")
    for hit in sentence.of_kind("SEA"):
        lead = lowered(doc)[max(sentence.start, hit.start - 5):hit.start]
        if not (set(lead) & (_LANDING_LEADS | landing_words)):
            continue
        start = hit.start
        # "waters of the East Sea of Korea", "open water in the East Sea".
        k = hit.start - 1
        while k >= sentence.start and lowered(doc)[k] in {"the", "of", "in", "waters", "water",
                                                        "open", "area", "designated", "planned",
                                                        "sea", "northern", "southern",
                                                        "western", "eastern"}:
            k -= 1
        if k + 1 < hit.start and lowered(doc)[k + 1] in {"waters", "water", "open", "area",
                                                       "designated", "planned", "sea"}:
            start = k + 1
            while lowered(doc)[start] in {"the", "of", "in"}:
                start += 1
        end = _extend_with_relative(document, sentence, hit.end)
        return Found(doc[start:end].text, start, end)
    # No named sea: a landing (or launch) verb followed by a place: "fallen ... 250 km west of
    # Okushiri Island", "came down in waters off its east coast", "fired into the sea".
    verbs = [h for h in sentence.of_kind("CUE") if h.value in {"landing_verbs", "launch_verbs"}]
    for hit in verbs:
        tail = doc[hit.end:sentence.end]
        if hit.value == "landing_verbs":
            match = _RELATIVE.search(tail.text)
            if match:
                span = doc.char_span(tail.start_char + match.start(),
                                     tail.start_char + match.end(), alignment_mode="expand")
                if span is not None:
                    return Found(span.text, span.start, span.end)
        for j in range(hit.end, min(sentence.end - 1, hit.end + 8)):
            if lowered(doc)[j] not in {"in", "into"}:
                continue
            start = j + 1 + (lowered(doc)[j + 1] == "the")
            if start >= sentence.end or lowered(doc)[start] not in _WATER_WORDS:
                continue
            end = start + 1
            while end < sentence.end and doc[end].text not in {",", ".", ";", "("} and \
                    lowered(doc)[end] not in _PLACE_STOP and not _clock_at(doc, end):
                end += 1
            return Found(doc[start:end].text, start, end)
    return None


# "... into the sea west of Okushiri Island around 8:37 a.m.": the time is not the place.
_CLOCK_AHEAD = re.compile(r"(?:around|about|approximately|roughly)\s+\d{1,2}"
                          r"(?:[:.]\d\d|\s*[ap]\.?m\b)", re.IGNORECASE)
_CLOCK_LEADS = frozenset({"around", "about", "approximately", "roughly"})


def _clock_at(doc: Doc, index: int) -> bool:
    """Does a clock time ("around 8:37 a.m.") begin at token ``index``?"""
    return lowered(doc)[index] in _CLOCK_LEADS and \
        _CLOCK_AHEAD.match(doc[index:index + 4].text) is not None


_WATER_WORDS = frozenset({"sea", "waters", "water", "ocean", "open", "the"})
_PLACE_STOP = frozenset({"after", "before", "at", "outside", "inside", "within", "on", "early",
                         "late", "from", "while", "when", "which", "following", "as", "shortly",
                         "during", "said", "according", "for"})


def _extend_with_relative(document: Document, sentence: Sentence, end: int) -> int:
    doc = document.doc
    tail_start = end
    if tail_start < sentence.end and doc[tail_start].text == ",":
        tail_start += 1
    tail = doc[tail_start:sentence.end]
    match = _RELATIVE.match(tail.text.lstrip())
    if not match:
        return end
    offset = len(tail.text) - len(tail.text.lstrip())
    span = doc.char_span(tail.start_char + offset, tail.start_char + offset + match.end(),
                         alignment_mode="contract")
    return span.end if span is not None else end


def direction(doc: Doc, sentence: Sentence, start: int) -> Found | None:
    """Compass direction of fire: "toward the east-northeast", "eastward", "heading northeast"."""
    lower = lowered(doc)
    for i in range(max(start, sentence.start), sentence.end):
        word = lower[i]
        compound = word
        if i + 2 < sentence.end and doc[i + 1].text == "-":
            compound = f"{word}-{lower[i + 2]}"
        previous = lower[i - 1] if i > sentence.start else ""
        before2 = lower[i - 2] if i - 1 > sentence.start else ""
        nxt = lower[i + 1] if i + 1 < sentence.end else ""
        point = compass_point(word, abbreviations=False)
        compound_point = compass_point(compound, abbreviations=False)
        if word.endswith(("ward", "wards")) and point:
            return Found(point, i, i + 1)
        if previous == ":" and before2 == "direction" and compound_point:
            return Found(compound_point, i, i + (3 if compound != word else 1))
        if (previous in {"heading", "headed", "flew", "toward", "towards"} or
                (previous == "the" and before2 in {"toward", "towards"})) and \
                nxt not in {"coast", "sea", "china", "of", "asia"}:
            if compound_point:
                return Found(compound_point, i, i + 3)
            if point:
                return Found(point, i, i + 1)
    return None


# ---------------------------------------------------------------- time

@dataclass
class ClockTime:
    value: time
    zone: str | None   # IANA name, "local", or None when the text gives none
    start: int
    end: int


def clock_times(document: Document, sentence: Sentence) -> list[ClockTime]:
    """Clock times in the sentence that are not landing, passing or notice times."""
    doc = document.doc
    text = sentence.text
    out: list[ClockTime] = []
    for match in _TIME.finditer(text):
        if match.group("h24") is not None:
            hour, minute = int(match.group("h24")), int(match.group("m24"))
        else:
            hour, minute = int(match.group("h")), int(match.group("m") or 0)
            if hour > 12:
                continue
            ampm = match.group("ampm").lower()
            if ampm.startswith("p") and hour != 12:
                hour += 12
            if ampm.startswith("a") and hour == 12:
                hour = 0
        if hour > 23 or minute > 59:
            continue
        span = doc.char_span(sentence.char_start + match.start(),
                             sentence.char_start + match.end(), alignment_mode="expand")
        if span is None:
            continue
        before = set(lowered(doc)[max(sentence.start, span.start - 5):span.start])
        if before & _NOT_LAUNCH_TIME:
            continue
        zone_match = _ZONE.match(text[match.end():])
        zone = None
        if zone_match:
            key = zone_match.group("zone").lower()
            zone = "local" if key.startswith("local") else ZONE_NAMES.get(key)
        out.append(ClockTime(time(hour, minute), zone, span.start, span.end))
    return out


# ---------------------------------------------------------------- authorities

def authorities_in(sentence: Sentence) -> list[Hit]:
    return sentence.of_kind("AUTH")
