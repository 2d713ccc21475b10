"""A feed served on the loopback address, with ETag and Last-Modified, whose entries a test
adds while it runs."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_ENTRY = """<entry><id>urn:test:{key}</id><title>{title}</title>
<updated>2024-05-30T08:00:00+09:00</updated><link href="https://example.org/{key}"/>
<content type="text">{text}</content></entry>"""


class FeedServer:
    """An Atom feed at ``url``; ``add(key, title, text)`` publishes an entry."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.requests: list[dict[str, str]] = []  # the headers of each GET
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.requests.append(dict(self.headers))
                if server.status != 200:
                    self.send_response(server.status)
                    self.end_headers()
                    return
                body = server.document()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/atom+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.atom"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, key: str, title: str, text: str) -> None:
        self.entries.append(_ENTRY.format(key=key, title=title, text=text))

    def document(self) -> bytes:
        return ('<?xml version="1.0" encoding="utf-8"?>'
                '<feed xmlns="http://www.w3.org/2005/Atom"><title>Test wire</title>'
                '<id>urn:test:feed</id><updated>2024-05-30T08:00:00Z</updated>'
                + "".join(reversed(self.entries)) + "</feed>").encode()

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
