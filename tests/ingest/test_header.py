"""The text header block and publication dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from launchwatch.errors import IngestError
from launchwatch.ingest import has_time, parse_published, split_header


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-10-04", datetime(2022, 10, 4)),
    ("2022-10-04T14:10+09:00", datetime(2022, 10, 4, 14, 10,
                                        tzinfo=timezone(timedelta(hours=9)))),
    ("2022-10-04T05:10:30Z", datetime(2022, 10, 4, 5, 10, 30, tzinfo=timezone.utc)),
    ("2022-10-04 14:10", datetime(2022, 10, 4, 14, 10)),
    ("Tue, 04 Oct 2022 07:23:00 +0900", datetime(2022, 10, 4, 7, 23,
                                                 tzinfo=timezone(timedelta(hours=9)))),
    (" 2023-07-12 ", datetime(2023, 7, 12)),
])
def test_published_formats(text: str, expected: datetime) -> None:
    parsed = parse_published(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["2022-13-01", "2023-02-30", "04/10/2022", "last Tuesday", ""])
def test_published_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_published(text)


def test_a_date_alone_has_no_time() -> None:
    assert not has_time(parse_published("2022-10-04"))
    assert has_time(parse_published("2022-10-04T00:00+09:00"))
    assert has_time(parse_published("2022-10-04T14:10"))


def test_header_fields_and_body() -> None:
    header, body = split_header("\n\nTitle: Launch\nSource: Pacific Wire\nLink: https://e.org/x"
                                "\nBYLINE: someone\n\nThe text.\n\nMore text.\n")
    assert (header.title, header.publisher, header.url) == ("Launch", "Pacific Wire",
                                                            "https://e.org/x")
    assert header.fields["byline"] == "someone"
    assert body == "The text.\n\nMore text."


def test_a_source_that_is_a_link_is_the_url_unless_one_is_given() -> None:
    header, _ = split_header("Source: https://a.example/1\n\nText.")
    assert header.url == "https://a.example/1" and header.publisher is None
    header, _ = split_header("Source: https://a.example/1\nURL: https://b.example/2\n\nText.")
    assert header.url == "https://b.example/2"


@pytest.mark.parametrize("text", [
    "SEOUL: North Korea fired a missile.\n\nMore.",  # a dateline, no known key
    "Title: Launch\nNorth Korea fired a missile on Monday, officials said.\n\nMore.",
])
def test_a_block_that_is_not_all_known_header_lines_is_text(text: str) -> None:
    header, body = split_header(text)
    assert header.title is None and header.fields == {}
    assert body == text


def test_a_bad_date_names_the_line_and_the_key() -> None:
    with pytest.raises(IngestError) as caught:
        split_header("\nTitle: Launch\nPublished: 2022-10-32\n\nText.", "report.txt")
    error = caught.value
    assert (error.path, error.line, error.field) == ("report.txt", 3, "Published")
    assert str(error).startswith("report.txt:3: Published: '2022-10-32' is not a publication date")
    assert "YYYY-MM-DD" in error.message
