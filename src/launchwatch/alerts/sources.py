"""The sources ``launchwatch watch`` polls: RSS/Atom URLs, folders that receive report files,
and a JSONL file that grows a line per report.

Each source turns what arrived since its :class:`~launchwatch.model.watch.SourceCursor` into
:class:`~launchwatch.model.Report`\\ s and the cursor to keep once they are stored
(:class:`Taken`); the watch loop (:mod:`.watch`) stores the reports first and the cursor
after, so that a run killed in between reads them again and the store's de-duplication by
content hash drops them.  The readers are the ingest stage's, passed in (the stages do not
import each other): ``read_file`` is :func:`launchwatch.ingest.read_path`, ``read_feed``
:func:`launchwatch.ingest.feed.feed_reports`, ``read_line``
:func:`launchwatch.ingest.jsonl.jsonl_report`.

A source that cannot be read this time (a feed that answers 500, times out or sends what is
no feed; a folder that is gone) raises :class:`~launchwatch.errors.IngestError` naming it; the
loop retries it after :class:`Backoff`'s delay and the others go on.
"""

from __future__ import annotations

import os
import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ..errors import IngestError, SettingsError
from ..model import Report
from ..model.watch import SourceCursor
from .toml_file import read_toml

ReadResult = Report | IngestError
ReadFile = Callable[[Path], Iterable[ReadResult]]
ReadFeed = Callable[[bytes, str], Iterable[ReadResult]]
ReadLine = Callable[[bytes, Path, int], Report]

FOLDER_INTERVAL_S = 0.5
"""How often a folder or a JSONL file is looked at: a stat of each file, cheap enough to do
twice a second (``bench/alerts.py`` measures what it costs and what it buys)."""

FEED_INTERVAL_S = 60.0
"""How often a feed is fetched: a conditional request, answered 304 while nothing changed."""

SETTLE_S = 2.0
"""A file whose size and modification time have not changed for this long is written whole
(a writer that pauses longer should write ``NAME.partial`` and rename it)."""

FEED_TIMEOUT_S = 10.0
"""How long a feed may take to answer before the poll counts as failed."""

_UNFINISHED_SUFFIXES = (".partial", ".part", ".tmp", ".crdownload", "~")


@dataclass
class Taken:
    """What one poll of a source found."""

    reports: list[Report] = field(default_factory=list)
    problems: list[IngestError] = field(default_factory=list)  # items that could not be read
    cursor: SourceCursor | None = None  # to store once the reports are; None: unchanged


@dataclass
class Backoff:
    """Delay before retrying a source that failed ``failures`` times in a row: doubling from
    ``base_s`` up to ``cap_s``, each delay drawn between half and all of that ("equal jitter",
    so that sources that failed together do not retry together)."""

    base_s: float = 1.0
    cap_s: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def delay_s(self, failures: int) -> float:
        ceiling = min(self.cap_s, self.base_s * 2.0 ** max(0, failures - 1))
        return ceiling / 2 + self.rng.random() * ceiling / 2


class WatchedSource(ABC):
    """A source the watch loop polls; concrete sources are named ``{What}Source``."""

    key: str
    interval_s: float

    @abstractmethod
    def poll(self, cursor: SourceCursor) -> Taken:
        """What arrived since ``cursor`` (which it must not change); raises IngestError when
        the source cannot be read this time."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"


class FeedSource(WatchedSource):
    """An RSS or Atom URL, fetched with the validators of its last answer (``If-None-Match``,
    ``If-Modified-Since``), so that an unchanged feed costs a 304; the entries whose id is
    new, or whose text changed, are taken."""

    def __init__(self, url: str, client: httpx.Client, read_feed: ReadFeed, *,
                 interval_s: float = FEED_INTERVAL_S, timeout_s: float = FEED_TIMEOUT_S) -> None:
        self.url = url
        self.key = f"feed:{url}"
        self.client = client
        self.read_feed = read_feed
        self.interval_s = interval_s
        self.timeout_s = timeout_s

    def poll(self, cursor: SourceCursor) -> Taken:
        headers = {}
        if cursor.etag:
            headers["If-None-Match"] = cursor.etag
        if cursor.last_modified:
            headers["If-Modified-Since"] = cursor.last_modified
        try:
            answer = self.client.get(self.url, headers=headers, timeout=self.timeout_s,
                                     follow_redirects=True)
        except httpx.TimeoutException:
            raise IngestError(f"did not answer within {self.timeout_s:g} s; it is retried "
                              "later (--feed-timeout gives it longer)", path=self.url) from None
        except httpx.HTTPError as exc:
            raise IngestError(f"cannot be fetched ({exc or type(exc).__name__}); check the URL "
                              "and that the server is up", path=self.url) from None
        if answer.status_code == 304:
            return Taken()
        if not answer.is_success:
            raise IngestError(f"answered HTTP {answer.status_code} "
                              f"{answer.reason_phrase}; it is retried later", path=self.url)
        kept = SourceCursor(cursor.source, answer.headers.get("ETag"),
                            answer.headers.get("Last-Modified"))
        taken = Taken(cursor=kept)
        # A document that is no feed raises here: the poll failed, and is retried.
        for result in self.read_feed(answer.content, self.url):
            if isinstance(result, IngestError):
                taken.problems.append(result)
                continue
            kept.seen[result.source] = result.content_hash
            if cursor.seen.get(result.source) != result.content_hash:
                taken.reports.append(result)
        return taken


class FolderSource(WatchedSource):
    """A folder (read recursively) that receives report files: a new or changed file is read
    once it is whole, that is when its size and modification time are those of the previous
    look, or unchanged for :data:`SETTLE_S`.  Names ending ``.partial`` (and ``.part``,
    ``.tmp``, ``~``) and hidden names are skipped: write ``x.txt.partial`` and rename it."""

    def __init__(self, path: Path, read_file: ReadFile, *,
                 interval_s: float = FOLDER_INTERVAL_S, settle_s: float = SETTLE_S,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.key = f"folder:{path}"
        self.read_file = read_file
        self.interval_s = interval_s
        self.settle_s = settle_s
        self.wall_clock = wall_clock
        self._last_look: dict[str, str] = {}  # file -> fingerprint at the previous poll

    def poll(self, cursor: SourceCursor) -> Taken:
        try:
            files = dict(_files(self.path))
        except OSError as exc:
            raise IngestError(f"cannot be listed ({exc.strerror or exc}); check that the folder "
                              "exists and that you may read it", path=self.path) from None
        now = self.wall_clock()
        seen = {name: mark for name, mark in cursor.seen.items() if name in files}
        taken = Taken()
        for name, (mark, mtime_s) in sorted(files.items()):
            if seen.get(name) == mark:
                continue
            if self._last_look.get(name) != mark and now - mtime_s < self.settle_s:
                continue  # still being written, perhaps: looked at again next poll
            for result in self.read_file(self.path / name):
                if isinstance(result, IngestError):
                    taken.problems.append(result)
                else:
                    taken.reports.append(result)
            seen[name] = mark
        self._last_look = {name: mark for name, (mark, _) in files.items()}
        if seen != cursor.seen:
            taken.cursor = SourceCursor(cursor.source, seen=seen)
        return taken


def _files(root: Path) -> Iterable[tuple[str, tuple[str, float]]]:
    """(path relative to ``root``, (size:mtime_ns fingerprint, mtime in s)) of each finished
    file under ``root``."""
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name.endswith(_UNFINISHED_SUFFIXES):
                    continue
                if entry.is_dir():
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    stat = entry.stat()
                    name = Path(entry.path).relative_to(root).as_posix()
                    yield name, (f"{stat.st_size}:{stat.st_mtime_ns}", stat.st_mtime)


class JsonlSource(WatchedSource):
    """A JSONL file that grows a report per line, read on from the byte offset where the last
    poll stopped; a last line without its newline is left for the next poll (half-written).
    A file shorter than the offset was replaced, and is read again from its start (the store
    drops the reports it holds already).  A file that does not exist yet is waited for."""

    def __init__(self, path: Path, read_line: ReadLine, *,
                 interval_s: float = FOLDER_INTERVAL_S) -> None:
        self.path = path
        self.key = f"jsonl:{path}"
        self.read_line = read_line
        self.interval_s = interval_s

    def poll(self, cursor: SourceCursor) -> Taken:
        try:
            with self.path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                offset, line = (cursor.offset, cursor.line) if size >= cursor.offset else (0, 0)
                if size == offset:
                    return Taken()
                stream.seek(offset)
                data = stream.read(size - offset)
        except FileNotFoundError:
            return Taken()
        except OSError as exc:
            raise IngestError(f"cannot be read ({exc.strerror or exc}); check that you may read "
                              "it", path=self.path) from None
        whole = data[:data.rfind(b"\n") + 1]
        taken = Taken()
        for raw in whole.splitlines(keepends=True):
            line += 1
            if not raw.strip():
                continue
            try:
                taken.reports.append(self.read_line(raw, self.path, line))
            except IngestError as exc:
                taken.problems.append(exc)
        if whole or offset != cursor.offset:
            taken.cursor = SourceCursor(cursor.source, offset=offset + len(whole), line=line)
        return taken


@dataclass
class SourcePlan:
    """The sources to watch as a person wrote them (the command line, a TOML file), checked:
    feeds are http(s) URLs, folders exist."""

    feeds: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    jsonl: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.feeds or self.folders or self.jsonl)

    def merged(self, other: SourcePlan) -> SourcePlan:
        return SourcePlan([*self.feeds, *other.feeds], [*self.folders, *other.folders],
                          [*self.jsonl, *other.jsonl])

    def check(self, where: str | Path | None = None) -> SourcePlan:
        """The plan itself, or a SettingsError naming the first bad source."""
        for url in self.feeds:
            if not url.startswith(("http://", "https://")):
                raise SettingsError(f"feed {url!r} is not an http:// or https:// URL; give the "
                                    "feed's address (a saved feed file goes to launchwatch "
                                    "ingest)", path=where, field="feeds")
        for folder in self.folders:
            if not folder.is_dir():
                raise SettingsError(f"folder {str(folder)!r} does not exist or is not a folder; "
                                    "create it or correct the path", path=where,
                                    field="folders")
        for path in self.jsonl:
            if path.is_dir():
                raise SettingsError(f"JSONL file {str(path)!r} is a folder; give a file (it "
                                    "may not exist yet)", path=where, field="jsonl")
        return self

    @classmethod
    def from_toml(cls, path: Path) -> SourcePlan:
        """Read ``[watch]`` of a TOML file: ``feeds``, ``folders``, ``jsonl``, each a list of
        strings (paths relative to the file's folder)::

            [watch]
            feeds = ["https://example.org/news.atom"]
            folders = ["incoming"]
            jsonl = ["drop.jsonl"]
        """
        document = read_toml(path, unreadable="cannot be read",
                             read_hint="check the path given to --sources",
                             format_hint="see `launchwatch watch --help` for an example")
        table = document.get("watch")
        if not isinstance(table, dict):
            raise SettingsError("has no [watch] table; list the sources under [watch] as "
                                "feeds = [...], folders = [...], jsonl = [...]", path=path)
        unknown = sorted(set(table) - {"feeds", "folders", "jsonl"})
        if unknown:
            raise SettingsError(f"[watch] has unknown keys {unknown}; use feeds, folders, jsonl",
                                path=path, field=unknown[0])
        lists = {}
        for key in ("feeds", "folders", "jsonl"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"[watch] {key} must be a list of strings, not "
                                    f"{value!r}", path=path, field=key)
            lists[key] = value
        base = path.parent
        return cls(lists["feeds"], [base / folder for folder in lists["folders"]],
                   [base / file for file in lists["jsonl"]]).check(path)


__all__ = ["FEED_INTERVAL_S", "FEED_TIMEOUT_S", "FOLDER_INTERVAL_S", "SETTLE_S", "Backoff",
           "FeedSource", "FolderSource", "JsonlSource", "ReadFeed", "ReadFile", "ReadLine",
           "SourcePlan", "Taken", "WatchedSource"]
