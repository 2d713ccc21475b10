"""The document stage: a page as it arrives -> the text the field rules read.

Real pages carry furniture around the story: URL and date lines, captions and photo credits,
bylines, menus, share buttons, "[Anchor Lead]" tags, duplicated headlines, runs of blank lines.
Their typography differs from what the rules were written for: curly quotes, non-breaking
spaces, en dashes, "approx.", glued units ("4,135s").  This stage runs before any field rule:

1. **normalise** typography, keeping an offset map so that every evidence span still points
   into the text as stored (:meth:`Page.original_span`);
2. **classify** each line as furniture, headline or prose;
3. **blank** the furniture (spaces of the same length, so offsets hold) and take the headline
   out of the body: it becomes the report's title when the report has none.

Paragraphs are prose lines; a line that continues the previous one's sentence (hard-wrapped
text) stays in its paragraph.  The lede is then simply the first prose paragraphs, however many
furniture lines came first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

# ---------------------------------------------------------------- normalisation

# One character for one: offsets do not move.  Curly quotes and apostrophes become straight
# ones (over half of real pages use them; the lexicons and rules are written with straight
# ones), Unicode spaces become spaces, en dashes and minus signs hyphens.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " ", "\u3000": " ",
    "\u2013": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": ".", "\t": " ", "\r": " ", "\u200b": " ", "\ufeff": " ",
})

Replacement = Union[str, Callable[[re.Match[str]], str]]
"""What a rewrite puts in place of a match: fixed text, or text computed from the match."""


# Rewrites that change the length; each is (pattern, replacement) and the offset map records
# where every character of the result came from.
_REWRITES: list[tuple[re.Pattern[str], Replacement]] = [
    # "approx. 500 km": the full stop would end the sentence.
    (re.compile(r"\b[Aa]pprox\.(?=\s)"), "approximately"),
    # "flying for more than an hour": a duration without a numeral.
    (re.compile(r"\bhalf an hour\b"), "30 minutes"),
    (re.compile(r"\b(?<!half )an hour\b"), "1 hour"),
    # "(Jiji Press)--North Korea": a dash glued to the words around it hides both from the
    # tokenizer.
    (re.compile(r"(?<=\S)--(?=\S)"), " -- "),
    # "4,135s", "37mins", "500km": a number glued to its unit.
    (re.compile(r"(?<=\d)(?=(?:km|kms|s|sec|secs|min|mins|minutes?|seconds?|hours?|hrs?|"
                r"miles?|nm|nmi)\b)"), " "),
]


@dataclass
class Normalised:
    """Normalised text and, for each of its characters, the original offset it came from."""

    text: str
    positions: list[int]        # len(text) + 1 entries; the last is the original length


def normalise(original: str) -> Normalised:
    text = original.translate(_SAME_LENGTH)
    return rewrite(Normalised(text, list(range(len(text) + 1))), _REWRITES)


def rewrite(norm: Normalised,
            rewrites: Iterable[tuple[re.Pattern[str], Replacement]]) -> Normalised:
    """``norm`` with each rewrite applied in turn, the offset map carried through: every
    character a rewrite puts in points at the start of what it replaced, so a span of the
    result still maps to the whole original piece (:meth:`Page.original_span`).  Other
    languages' normalisers (:mod:`.cjk_numbers`) add their rewrites through here."""
    text, positions = norm.text, norm.positions
    for pattern, replacement in rewrites:
        if not pattern.search(text):
            continue
        pieces: list[str] = []
        mapped: list[int] = []
        last = 0
        for match in pattern.finditer(text):
            put = replacement if isinstance(replacement, str) else replacement(match)
            pieces.append(text[last:match.start()])
            mapped.extend(positions[last:match.start()])
            pieces.append(put)
            mapped.extend([positions[match.start()]] * len(put))
            last = match.end()
        pieces.append(text[last:])
        mapped.extend(positions[last:])
        text = "".join(pieces)
        positions = mapped
    return Normalised(text, positions)


# ---------------------------------------------------------------- line classification

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
# Pieces a date-or-time line is made of; a line of nothing else is furniture.
_DATE_PIECE = re.compile(
    rf"{_WEEKDAY}|{_MONTH}|\d{{1,4}}(?:st|nd|rd|th)?[-/.:]?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|"
    r"[ap]\.?m\.?|GMT|UTC|KST|JST|EST|EDT|CDT|PDT|PST|ET|IST|Z|T|[-|,/:()+]|"
    r"updated|posted|published|last|modified|created|date|on|at|time|hours?|mins?|minutes?|ago",
    re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(?:URL:\s*)?(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:By|BY|by)\s*[A-Z][\w.'\- ]{1,60}(?:,[\w.' \-]{1,60})?\s*$")
# "[Anchor Lead]", "[Reporter]": broadcaster tags at the start of a line.
_TAG = re.compile(r"^\s*\[[A-Za-z][\w ]{0,30}\]\s*")
# Wire-service tags before a headline: "(LEAD)", "(4th LD)", "(URGENT)".
_WIRE_TAG = re.compile(r"^\s*\((?:LEAD|URGENT|UPDATE|AMENDED|CORRECTED|\d+(?:st|nd|rd|th) LD|"
                       r"\w+ LD|News Focus|EDITORIAL)[^)]{0,20}\)\s*")
# " date 2023-03-24 " that some pages carry before the headline.
_HEADER_STRING = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", re.IGNORECASE)
_CAPTION = re.compile(
    r"\((?:photo|image|picture|file photo|video)\b[^)]{0,80}\)\s*$|"
    r"^\s*(?:photo|image|picture|file photo|video|graphic|caption|credit)s?\s*(?:by|:|\||-)|"
    r"\b(?:in this (?:undated |file )?(?:photo|picture|image)|this (?:undated )?(?:photo|"
    r"picture|image) (?:taken|released|provided|distributed|shows)|photo (?:courtesy|credit)|"
    r"getty images|file photo)\b|"
    r"^\s*(?:an? |this |the )?(?:undated )?(?:photo|picture|image|screenshot)\b[^.]{0,60}\b"
    r"(?:shows|showing|provided|released|taken|distributed)\b", re.IGNORECASE)
# Phrases that only furniture opens with, and words that open furniture lines but also
# sentences ("Listen as officials said ..."): the latter count on short lines only.
_FURNITURE_START = re.compile(
    r"^\s*(?:advertisement|advertising|sponsored|share this|share on|e-?mail this|"
    r"no comments|post a comment|read more|read also|related (?:stories|articles|news|"
    r"coverage)|more from|copyright|\(c\)|all rights reserved|follow us|subscribe to|"
    r"sign up|click here|skip to|home\s*[|>/]|a\+\s*a-|most (?:read|popular)|top stories|"
    r"previous article|next article|\d+\s*comments?\b|go to |\(attn|\(eds?:|"
    r"press releases?$|news releases?$)", re.IGNORECASE)
_FURNITURE_WORD = re.compile(
    r"^\s*(?:share|tweet|print|comments?|related|recommended|subscribe|back to|source:|"
    r"tags?:|topics?:|keywords?:|link\.?$|listen|loading|adds |changes |updates |recasts |"
    r"refiles |corrects )", re.IGNORECASE)
# A line that is a caption: a credit in it, or a picture described as "seen".
_CREDIT = re.compile(r"\bphoto:\s|\b(?:is|are) seen\b|\bphoto by\b|/\s*(?:AP|AFP|Reuters|"
                     r"EPA|Yonhap|Getty Images)\s*$", re.IGNORECASE)
# Words a launch headline uses: the headline is the line before the story that has them.
_LAUNCH_WORDS = re.compile(r"missile|rocket|launch|fire[sd]?\b|firing|test|icbm|slbm|irbm|"
                           r"mrbm|srbm|projectile|hypersonic|ballistic", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?][\"')\]]*\s*$|:\s*$")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(frozen=True)
class Line:
    kind: str          # "prose", "headline" or "furniture"
    start: int         # character span in the normalised text (without the line break)
    end: int


@dataclass
class Page:
    """A report's text after the document stage, and where each piece came from."""

    original: str
    text: str                       # normalised, furniture and headline blanked
    positions: list[int]
    lines: list[Line]
    headline: str | None = None
    headline_span: tuple[int, int] | None = None  # in the normalised text
    paragraph_starts: list[int] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int, str]:
        """The span of the stored text that normalised characters ``start:end`` came from."""
        start = max(0, min(start, len(self.positions) - 1))
        end = max(start, min(end, len(self.positions) - 1))
        lo = self.positions[start]
        hi = self.positions[end - 1] + 1 if end > start else lo
        # a rewrite's characters all point at its start: take the whole original piece
        hi = max(hi, self.positions[end] if end < len(self.positions) else hi)
        hi = min(max(hi, lo), len(self.original))
        return lo, hi, self.original[lo:hi]


def _is_date_line(line: str) -> bool:
    """A line made only of dates, times and their labels ("June 21, 2016, 9:50 PM")."""
    stripped = line.strip()
    # A date line is short; a paragraph that happens to hold a date is not one.
    if not stripped or len(stripped) > 80 or not any(ch.isdigit() for ch in stripped):
        return False
    rest = _DATE_PIECE.sub(" ", stripped)
    # "Defense 20:33 May 09, 2019": a section name beside the date is still a date line.
    return len(rest.split()) <= (1 if re.search(r"\d{4}|\d:\d\d", stripped) else 0)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    words = _words(stripped)
    # Bylines and furniture words open short lines; a sentence that starts with "By Monday
    # evening, officials ..." or "Comments by the minister ..." is prose.
    short = words <= 8 and not _TERMINAL.search(stripped)
    if _URL_LINE.match(stripped) or _is_date_line(stripped) or \
            _BYLINE.match(stripped) and short:
        return True
    if _FURNITURE_START.match(stripped) or _FURNITURE_WORD.match(stripped) and short:
        return True
    if _CAPTION.search(stripped) or _CREDIT.search(stripped):
        return True
    if "|" in stripped and _words(stripped.replace("|", " ")) <= 12 and \
            not _TERMINAL.search(stripped):
        return True  # "Home | World | Asia": a menu
    # Without letters ("• • •", "***", "12 / 40") nothing is said.
    return not any(ch.isalpha() for ch in stripped)


def _looks_like_headline(line: str) -> bool:
    words = _words(line)
    if words < 3 or words > 30:
        return False
    stripped = line.strip()
    # A headline has no full stop at its end (abbreviations like "N. Korea" are inside).
    return not re.search(r"[.!?][\"')\]]*$", stripped) or words <= 14 and stripped.isupper()


def _continues(previous: str, line: str, in_story: bool = True) -> bool:
    """Hard-wrapped text: the previous line stops mid-sentence and this one goes on: in lower
    case, or, inside the story, after a line long enough to be a wrapped sentence rather than
    a subhead.  Before the story a capital opens a new line (a headline, then a dateline)."""
    if not previous.strip() or _TERMINAL.search(previous):
        return False
    first = line.lstrip()[:1]
    return first.islower() or in_story and _words(previous) >= 8 and not first.isdigit()


def _logical_line(pieces: list[tuple[int, int, str]], k: int) -> str:
    """Line ``k`` with the lines that continue it (a hard-wrapped paragraph)."""
    text = pieces[k][2]
    for _, _, line in pieces[k + 1:k + 12]:
        if not line.strip() or not _continues(text.splitlines()[-1], line, in_story=False):
            break
        text += "\n" + line
    return text


def read_page(original: str, title: str | None = None) -> Page:
    """Run the document stage on a report's stored text (its body, after any header)."""
    norm = normalise(original)
    chars = list(norm.text)
    pieces = _strip_prefixes(norm.text, chars)
    furniture = [_is_furniture(line) for _, _, line in pieces]
    # The story starts at the first line that reads as prose; the headline is a line before
    # it, the one that speaks of a launch if any does.
    story = next((k for k in range(len(pieces))
                  if not furniture[k] and _is_prose(_logical_line(pieces, k))), len(pieces))
    candidates = [k for k, (_, _, line) in enumerate(pieces[:story])
                  if line.strip() and not furniture[k] and _looks_like_headline(line)]
    chosen = None
    if title is None and candidates:
        chosen = next((k for k in candidates if _LAUNCH_WORDS.search(pieces[k][2])),
                      candidates[0])
    headline = title if chosen is None else pieces[chosen][2].strip()
    lines: list[Line] = []
    headline_span: tuple[int, int] | None = None
    paragraph_starts: list[int] = []
    previous_prose = ""
    for k, (start, end, line) in enumerate(pieces):
        content = line.strip()
        if not content:
            continue
        if k == chosen:
            kind = "headline"
            lead = len(line) - len(line.lstrip())
            headline_span = (start + lead, start + lead + len(content))
        elif k < story or furniture[k] or (
                headline is not None and _same_words(content, headline)):
            kind = "furniture"
        else:
            kind = "prose"
        lines.append(Line(kind, start, end))
        if kind != "prose":
            chars[start:end] = " " * (end - start)
            continue
        if not (paragraph_starts and _continues(previous_prose, content)):
            paragraph_starts.append(start)
        previous_prose = content
    return Page(original=original, text="".join(chars), positions=norm.positions,
                lines=lines, headline=headline if title is None else None,
                headline_span=headline_span, paragraph_starts=paragraph_starts)


def _strip_prefixes(text: str, chars: list[str]) -> list[tuple[int, int, str]]:
    """Each line as (start, end, text), with furniture prefixes blanked in ``chars`` too."""
    pieces = []
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        line = raw
        for prefix in (_HEADER_STRING, _WIRE_TAG, _TAG):
            match = prefix.match(line)
            if match and match.end() < len(line):
                chars[start:start + match.end()] = " " * match.end()
                line = " " * match.end() + line[match.end():]
        pieces.append((start, end, line))
    return pieces


def _is_prose(line: str) -> bool:
    """A sentence of the story: it ends as sentences do, or runs too long for a headline."""
    words = _words(line)
    return words > 30 or words >= 6 and bool(_TERMINAL.search(line.strip()))


def _same_words(line: str, headline: str) -> bool:
    """A duplicated headline, perhaps with a different case or trailing punctuation."""
    def key(text: str) -> str:
        return " ".join(w.lower().rstrip(".") for w in
                        _WORD.findall(text.translate(_SAME_LENGTH)))
    return key(line) == key(headline)
