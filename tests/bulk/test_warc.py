"""A WARC file with mixed records: its HTML responses are reports, the rest is passed over."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from launchwatch.bulk import ingest_archive
from launchwatch.ingest import read_path
from launchwatch.model import Report
from launchwatch.store import Store

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

ARTICLE = """<html><head><title>North Korea fires missile toward the sea | Test Coast Daily</title>
<meta property="article:published_time" content="2024-03-18T10:00:00+09:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>North Korea fires missile toward the sea</h1>
<p>North Korea fired a short-range ballistic missile toward the East Sea early on Monday,
South Korea's Joint Chiefs of Staff said in a statement to reporters.</p>
<p>The missile flew about 350 km after it lifted off from an area near Pyongyang, the
military said, adding that it was analysing the flight with its allies.</p>
</article></body></html>"""

OTHER_ARTICLE = """<html><head><title>Harbour ferry timetable changes</title></head><body><article>
<p>The harbour ferry will run every twenty minutes from next week, the port authority said,
after passenger numbers rose through the summer months.</p>
<p>Evening sailings stay as they are, and the first boat still leaves at six.</p>
</article></body></html>"""


def _record(writer: Any, uri: str, body: bytes, *, status: str = "200 OK",
            content_type: str = "text/html; charset=utf-8", kind: str = "response") -> Any:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    # The length given, warcio writes from the stream rather than a temporary file of its own.
    return writer.create_warc_record(uri, kind, payload=BytesIO(body), length=len(body),
                                     http_headers=headers)


def write_crawl(path: Path, *, compressed: bool, other_news: bool = True) -> Path:
    """A crawl of one launch report (and a page of other news) among records that are no
    pages: warcinfo, a request, an image, a 404, metadata.  (tests/ingest/fixtures/crawl/
    news.warc.gz is this without the other news.)"""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compressed)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "a test"}))
        request = StatusAndHeaders("GET /news/1 HTTP/1.1", [("Host", "news.test")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://news.test/news/1", "request", payload=BytesIO(b""), length=0,
            http_headers=request))
        writer.write_record(_record(writer, "https://news.test/news/1", ARTICLE.encode()))
        if other_news:
            writer.write_record(_record(writer, "https://news.test/ferry",
                                        OTHER_ARTICLE.encode()))
        writer.write_record(_record(writer, "https://news.test/logo.png", b"\x89PNG\r\n",
                                    content_type="image/png"))
        writer.write_record(_record(writer, "https://news.test/gone", b"<html>gone</html>",
                                    status="404 Not Found"))
        writer.write_record(writer.create_warc_record(
            "https://news.test/meta", "metadata", payload=BytesIO(b"fetched: yes"), length=12,
            warc_content_type="text/plain"))
    return path


@pytest.mark.parametrize("name,compressed", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_the_html_responses_of_a_warc_file_are_its_reports(tmp_path: Path, name: str,
                                                          compressed: bool) -> None:
    items = list(read_path(write_crawl(tmp_path / name, compressed=compressed)))
    assert all(isinstance(item, Report) for item in items), items
    by_url = {item.url: item for item in items}  # type: ignore[union-attr]
    assert sorted(by_url) == ["https://news.test/ferry", "https://news.test/news/1"]
    launch = by_url["https://news.test/news/1"]
    assert launch.source == "https://news.test/news/1"
    assert "fired a short-range ballistic missile" in launch.text
    assert "Home | World" not in launch.text  # the HTML reader's main-text extraction
    assert launch.published is not None and launch.published.isoformat().startswith("2024-03-18")


def test_a_file_that_is_not_a_warc_is_an_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not a web archive\n" * 5)
    [error] = list(read_path(bad))
    assert not isinstance(error, Report)
    assert error.path == str(bad) and "is not a WARC file" in error.message


def test_a_warc_file_ingested_on_dask_stores_its_launch_report(tmp_path: Path,
                                                               dask_client: Any) -> None:
    crawl = write_crawl(tmp_path / "crawl.warc.gz", compressed=True)
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    result = ingest_archive([crawl], url, client=dask_client, progress=False)
    assert (result.pages, result.filtered, result.stored) == (2, 1, 1)
    with Store.open(url) as store:
        [stored] = store.launches()
    assert stored.source == "https://news.test/news/1" and stored.launch.country == "North Korea"
