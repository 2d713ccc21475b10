"""What the watch loop has seen of each source: the record the store keeps between runs.

The alerts stage decides what a cursor means; the store only keeps it, so the record lives
here, below both (imports go one way).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceCursor:
    """Where the watch loop left one source.

    ``source`` is the source's key (``feed:URL``, ``folder:PATH``, ``jsonl:PATH``).  A feed
    keeps the validators of its last answer (``etag``, ``last_modified``) and the entries it
    took (``seen``: entry id -> content hash); a folder the files it took (``seen``: path ->
    size and modification time); a JSONL file how far it was read (``offset`` in bytes,
    ``line``: the number of the last line read).
    """

    source: str
    etag: str | None = None
    last_modified: str | None = None
    offset: int = 0
    line: int = 0
    seen: dict[str, str] = field(default_factory=dict)

    def copy(self) -> SourceCursor:
        """A cursor to advance while this one stays what is stored."""
        return SourceCursor(self.source, self.etag, self.last_modified, self.offset, self.line,
                            dict(self.seen))
