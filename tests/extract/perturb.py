"""Page noise for report texts: perturbations that must not change what is extracted.

Real pages carry furniture around the story (menus, share buttons, bylines, captions,
copyright lines), odd spacing and typographic quotes.  Each perturbation here takes a report's
text (the body, after any header block), the report's title and a random generator, and returns
the text with one kind of noise added; :func:`perturb` applies several in a fixed order.  All
furniture strings are invented for these tests.

Used by ``tests/extract/test_perturbation.py`` and by ``bench/extraction.py`` (which loads this
file by path).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable

from launchwatch.model import Extraction

Perturbation = Callable[[str, str | None, random.Random], str]

NBSP = "\u00a0"

# Lines a page puts above the story, each a perturbation of its own.
URL_LINE = "https://news.example.com/world/asia/story-48213"
MENU_LINE = "Home | World | Asia | Business | Sport | Opinion"
ADVERTISEMENT = "Advertisement"
SHARE_LINE = "Share this article"
TIMESTAMP_LINE = "Updated 09:14 GMT"
BYLINE = "By Jane Doe, staff reporter"
CAPTIONS = [
    "A missile is launched in this file photo. (Photo: Example Agency)",
    "People watch a television news report at a station. Photo credit: Example Agency",
]
TRAILING = ["Related stories", "Copyright 2024 Example Agency. All rights reserved."]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _line_break(rng: random.Random) -> str:
    """What separates a furniture line from the story: a line break or a blank line."""
    return rng.choice(["\n", "\n\n"])


def _prepend(line: str) -> Perturbation:
    def add(text: str, title: str | None, rng: random.Random) -> str:
        return line + _line_break(rng) + text
    add.__doc__ = f"Put {line!r} on a line above the story."
    return add


def blank_runs(text: str, title: str | None, rng: random.Random) -> str:
    """Runs of blank lines (some holding spaces) between paragraphs."""
    def run(_: re.Match[str]) -> str:
        return "\n" + "".join(rng.choice(["\n", "\n", " \n", "\t\n"])
                              for _ in range(rng.randint(2, 4)))
    return _PARAGRAPH_BREAK.sub(run, text)


def photo_caption(text: str, title: str | None, rng: random.Random) -> str:
    """An image caption with a photo credit, as a paragraph between two of the story's."""
    paragraphs = _PARAGRAPH_BREAK.split(text)
    at = rng.randint(0, len(paragraphs))
    paragraphs.insert(at, rng.choice(CAPTIONS))
    return "\n\n".join(paragraphs)


def headline(text: str, title: str | None, rng: random.Random) -> str:
    """The title repeated as the story's first line, as pages print their headline."""
    if not title:
        return text
    return title.strip() + _line_break(rng) + text


def curly_quotes(text: str, title: str | None, rng: random.Random) -> str:
    """Typographic quotes: ’ for every apostrophe, “ and ” in turn for double quotes."""
    text = text.replace("'", "\u2019")
    parts = text.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append("\u201c" if i % 2 == 0 else "\u201d")
        out.append(part)
    return "".join(out)


def nbsp(text: str, title: str | None, rng: random.Random) -> str:
    """Non-breaking spaces in place of about a third of the spaces."""
    return "".join(NBSP if c == " " and rng.random() < 0.33 else c for c in text)


def trailing_furniture(text: str, title: str | None, rng: random.Random) -> str:
    """'Related stories' and a copyright line below the story."""
    return text.rstrip("\n") + "\n\n" + "\n".join(TRAILING) + "\n"


# In the order perturb() applies them: structure and characters of the story first, then the
# furniture lines around it (so that the furniture stays as written).
PERTURBATIONS: dict[str, Perturbation] = {
    "blank_runs": blank_runs,
    "photo_caption": photo_caption,
    "headline": headline,
    "curly_quotes": curly_quotes,
    "nbsp": nbsp,
    "byline": _prepend(BYLINE),
    "timestamp_line": _prepend(TIMESTAMP_LINE),
    "share_line": _prepend(SHARE_LINE),
    "advertisement": _prepend(ADVERTISEMENT),
    "url_line": _prepend(URL_LINE),
    "menu_line": _prepend(MENU_LINE),
    "trailing_furniture": trailing_furniture,
}
NAMES = list(PERTURBATIONS)


def perturb(text: str, title: str | None, names: Iterable[str],
            rng: random.Random | None = None) -> str:
    """``text`` with the named perturbations applied, in the order of :data:`PERTURBATIONS`."""
    rng = rng if rng is not None else random.Random(0)
    chosen = set(names)
    unknown = chosen - set(PERTURBATIONS)
    if unknown:
        raise ValueError(f"unknown perturbations: {sorted(unknown)}")
    for name, function in PERTURBATIONS.items():
        if name in chosen:
            text = function(text, title, rng)
    return text


LAUNCH_FIELDS = ["country", "date_local", "time_local", "missile_class", "missile_name", "count",
                 "distance_km", "apogee_km", "flight_time_s", "inside_japan_eez", "landing_area",
                 "launch_site"]


def invariant_fields(extraction: Extraction) -> dict[str, object]:
    """What must not change under page noise: relevance and the first launch's fields."""
    record = extraction.to_record()
    launch = record["launches"][0] if record["launches"] else {}
    fields: dict[str, object] = {"is_launch_report": record["is_launch_report"]}
    fields.update({name: launch.get(name) for name in LAUNCH_FIELDS})
    return fields


def changed_fields(before: dict[str, object], after: dict[str, object]) -> dict[str, tuple]:
    """{field: (before, after)} for every field whose value differs."""
    return {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
