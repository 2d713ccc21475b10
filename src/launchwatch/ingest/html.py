"""HTML pages: the article's main text found by trafilatura, its metadata from the markup.

Also the HTML-to-text conversion of feed entries, which are fragments rather than pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from ..errors import IngestError
from ..model import Report, without_nul
from .header import parse_published
from .reader import Reader, ReadResult, decode_utf8

# Where publishers put the publication time, most specific first.  Unlike a text header, this
# markup is written by software; a value that is not a date is skipped rather than refused.
_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='dc.date' or @name='DC.date.issued'"
    " or @name='date']/@content",
    "//time[@datetime]/@datetime",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "tr", "table", "blockquote", "pre", "section", "article", "figure",
                         "figcaption", "hr", "dd", "dt"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_WHITESPACE = re.compile(r"\s+")
# Characters XML cannot hold (C0 controls but tab and line breaks, lone surrogates): lxml
# refuses a fragment with one, so a feed entry's HTML is read without them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class HtmlReader(Reader):
    """One report per page: trafilatura's main text, title, site name and canonical URL."""

    suffixes = frozenset({".html", ".htm", ".xhtml"})

    def _read(self, path: Path) -> Iterator[ReadResult]:
        yield html_report(path.read_bytes(), path)


def html_report(data: bytes, path: Path, *, source: str | None = None,
                url: str | None = None) -> Report:
    """The report of one HTML page's bytes (:class:`HtmlReader`); ``source`` and ``url`` name
    a page that is not a file of its own (a response in a WARC file), ``path`` is where errors
    point.  IngestError when the page has no article text."""
    tree = trafilatura.load_html(_decode_html(data, path))
    document = None
    if tree is not None:
        # Precision over recall: boilerplate ("Related: North Korea fires missile in
        # 2017 ...") would give the extractor launches the article does not report.
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, deduplicate=False,
            favor_precision=True,
            date_extraction_params={"original_date": True, "extensive_search": False})
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise IngestError("has no article text that could be found (the page may be empty, "
                          "a menu or need JavaScript); save the report's text as a .txt "
                          "file and ingest that instead", path=path)
    return Report(source=source or str(path), text=text, title=document.title or None,
                  publisher=(_site_in_title(tree, document.title) or document.sitename
                             or document.hostname or None),
                  url=document.url or url or None,
                  published=_published(tree) or _date_only(document.date))


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment with one paragraph per line (for feed entries)."""
    fragment = _NOT_XML.sub("", fragment)
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    parts: list[str] = []
    _collect_text(root, parts)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def plain_paragraphs(text: str) -> str:
    """Plain text with each paragraph on one line, as html_fragment_text gives it."""
    paragraphs = (_WHITESPACE.sub(" ", paragraph).strip()
                  for paragraph in _BLANK_LINE.split(text))
    return "\n".join(paragraph for paragraph in paragraphs if paragraph)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None  # comments have callable tags
    if tag in _SKIP_TAGS:
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if tag is not None and element.text:
        parts.append(_WHITESPACE.sub(" ", element.text))
    for child in element:
        _collect_text(child, parts)
        if child.tail:
            parts.append(_WHITESPACE.sub(" ", child.tail))
    if block:
        parts.append("\n")


def _decode_html(data: bytes, path: Path) -> str:
    """UTF-8, or the charset the page declares in a ``<meta>`` tag; else a clear error."""
    try:
        return decode_utf8(data, path)
    except IngestError:
        declared = _CHARSET.search(data[:4096])
        if declared is None:
            raise
        try:
            # lxml refuses text with NUL in it; a UTF-16 page has none once decoded.
            return without_nul(data.decode(declared[1].decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            raise IngestError(f"cannot be decoded as the {declared[1].decode('ascii')} text its "
                              "<meta> tag declares; save it as UTF-8 and ingest it again",
                              path=path) from None


def _published(tree: lxml.html.HtmlElement) -> datetime | None:
    for xpath in _PUBLISHED_XPATHS:
        for value in tree.xpath(xpath):
            try:
                return parse_published(str(value))
            except ValueError:
                continue
    return None


def _site_in_title(tree: lxml.html.HtmlElement, headline: str | None) -> str | None:
    """"Seoul Evening Courier" from <title>Headline | Seoul Evening Courier</title>."""
    page_title = " ".join(tree.xpath("string(//head/title)").split())
    for separator in (" | ", " - ", " \u2013 ", " \u2014 "):
        head, found, site = page_title.rpartition(separator)
        if found and headline and head.strip() == headline.strip() and site.strip():
            return site.strip()
    return None


def _date_only(value: str | None) -> datetime | None:
    try:
        return parse_published(value) if value else None
    except ValueError:
        return None
