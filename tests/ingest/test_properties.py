"""Properties of reading: whatever a JSONL line or a text header holds comes back unchanged."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from launchwatch.ingest import JsonlReader, TextReader
from launchwatch.ingest.html import html_fragment_text
from launchwatch.model import FIRST_DATE_READ, LAST_DATE_READ, Report

# Text a report may hold: any printable characters and line breaks, no NUL.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
               | st.sampled_from("\n\t"), min_size=1).filter(lambda text: text.strip())
LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1) \
    .map(str.strip).filter(bool)
# Publication dates a report can have (launchwatch.model.calendar_problem refuses the others).
FIRST, LAST = (datetime.combine(day, datetime.min.time()) for day in (FIRST_DATE_READ,
                                                                      LAST_DATE_READ))
PUBLISHED = st.one_of(
    st.none(),
    st.dates(FIRST_DATE_READ, LAST_DATE_READ).map(
        lambda day: datetime(day.year, day.month, day.day)),
    st.datetimes(FIRST + timedelta(days=1), LAST - timedelta(days=1),
                 timezones=st.integers(-12 * 60, 14 * 60).map(
        lambda minutes: timezone(timedelta(minutes=minutes)))).map(
        lambda moment: moment.replace(microsecond=0)),
)


@settings(max_examples=60, deadline=None)
@given(text=TEXT, title=st.none() | LINE, publisher=st.none() | LINE, published=PUBLISHED)
def test_a_jsonl_line_reads_back_as_written(text: str, title: str | None,
                                            publisher: str | None,
                                            published: datetime | None) -> None:
    record = {"text": text, "title": title, "publisher": publisher,
              "published": published.isoformat() if published else None}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        [report] = JsonlReader().read(path)
    assert isinstance(report, Report)
    assert (report.text, report.title, report.publisher) == (text.strip(), title, publisher)
    assert report.published == published
    if published is not None:
        assert report.published.utcoffset() == published.utcoffset()


@settings(max_examples=60, deadline=None)
@given(body=TEXT, title=LINE, published=PUBLISHED)
def test_a_text_header_reads_back_as_written(body: str, title: str,
                                             published: datetime | None) -> None:
    header = f"Title: {title}\n"
    if published is not None:
        header += f"Published: {published.isoformat()}\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.txt"
        path.write_text(f"{header}\n{body}", encoding="utf-8")
        [report] = TextReader().read(path)
    assert isinstance(report, Report)
    assert report.title == title
    assert report.published == published
    assert report.text == body.strip()


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.from_regex(r"[A-Za-z0-9,.]{1,12}", fullmatch=True), min_size=1),
       tags=st.lists(st.sampled_from(["p", "b", "br", "li", "span", "div", "em"]), min_size=1))
def test_html_fragment_text_keeps_every_word_in_order(words: list[str], tags: list[str]) -> None:
    html = "".join(f"<{tags[i % len(tags)]}>{word} </{tags[i % len(tags)]}>"
                   for i, word in enumerate(words))
    assert html_fragment_text(html).split() == words
