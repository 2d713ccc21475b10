"""Kept answers compressed once, when they are kept, instead of at every request.

The app gzips every answer of :data:`GZIP_MINIMUM_BYTES` or more for a client that takes gzip
(Starlette's ``GZipMiddleware``, :func:`launchwatch.web.app.create_app`).  For the map's data,
the event list and an event's page that was about a quarter of the server's CPU under load
(issue 12: zlib's ``compress`` and ``flush`` were the event loop's largest items in a profile
of 32 clients), spent again on the same bytes for every client until a write changes them.
A :class:`Body` holds an answer as it is and gzipped; :meth:`Body.response` sends the one the
client takes, with the headers the middleware would have set, and the middleware passes an
answer that already has a ``Content-Encoding`` through untouched.  Decompressed, the answer
is byte for byte the one the middleware would have sent.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

# Shared with the middleware, so that a kept answer and any other are compressed alike.
GZIP_MINIMUM_BYTES = 1024
# Level 5: the map's rows for 10,000 events (800 kB) shrink nearly as much as at the
# default 9 in a third of the time.
GZIP_LEVEL = 5


@dataclass(frozen=True)
class Body:
    """An answer's bytes, and the same gzipped when it is worth it (None under
    :data:`GZIP_MINIMUM_BYTES`, which the middleware also sends as they are)."""

    content: bytes
    gzipped: bytes | None

    @classmethod
    def of(cls, content: bytes | str) -> Body:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        # mtime=0: the same answer compresses to the same bytes, whenever it is kept.
        return cls(raw, gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
                   if len(raw) >= GZIP_MINIMUM_BYTES else None)

    def response(self, request: Request, media_type: str) -> Response:
        """The answer for this client: gzipped when it accepts gzip (the middleware's own
        test of ``Accept-Encoding``), as it is otherwise."""
        if self.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            return Response(self.gzipped, media_type=media_type,
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Response(self.content, media_type=media_type)
