"""Who may read and write, the security headers, and the request size limit.

Authentication (see ``docs`` of :func:`launchwatch.web.create_app`):

* **API clients** send ``Authorization: Bearer <token>``, the ``api_token`` setting
  (``LAUNCHWATCH_API_TOKEN``).  With no token set, every write is refused with 403 and a
  message saying how to set one.  Reads need no token unless ``api_read_open`` is false.
* **The browser** signs in once by typing the token (on ``/signin``, or in the paste form
  when saving); the server then sets an HttpOnly, SameSite=Strict cookie holding a keyed hash
  of the token (never the token itself).  A write carried by that cookie must also come from
  this server's own pages (``Origin`` / ``Sec-Fetch-Site``), so another site cannot make a
  signed-in browser post for it.
* ``launchwatch serve --allow-local-writes`` (a single-user desktop) lets requests from the
  loopback address write without a token, under the same same-origin rule.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, error_body
from .headers import SECURITY_HEADERS

SESSION_COOKIE = "launchwatch_session"


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and its companions to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over ``limit_bytes`` with 413 before the app reads them.

    The body is read here (it is small by construction) and replayed to the app, so a client
    that sends more than it announced, or no Content-Length at all, is held to the same limit.
    """

    def __init__(self, app: ASGIApp, limit_bytes: int) -> None:
        self.app = app
        self.limit_bytes = limit_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit_bytes):
            await self._refuse(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = (f"The request is larger than this server accepts ({self.limit_bytes:,} "
                   "bytes); send a shorter report, or raise max_upload_bytes "
                   "(LAUNCHWATCH_MAX_UPLOAD_BYTES) and restart launchwatch serve")
        if scope["path"].startswith("/api"):
            body = json.dumps(error_body("too_large", message)).encode()
            content_type = b"application/json"
        else:
            body = (f"<!doctype html><title>Too large</title><h1>Too large</h1>"
                    f"<p>{escape(message)}</p>").encode()
            content_type = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


# -- who may read and write ----------------------------------------------------------------

@dataclass(frozen=True)
class AccessPolicy:
    """The server's rules for reads and writes, from settings and ``serve``'s options."""

    api_token: str | None
    read_open: bool = True
    allow_local_writes: bool = False

    def session_value(self) -> str | None:
        """The cookie value that proves the browser knew the token: a keyed hash of it."""
        if not self.api_token:
            return None
        return hmac.new(self.api_token.encode(), b"launchwatch web session",
                        hashlib.sha256).hexdigest()

    def token_matches(self, candidate: str | None) -> bool:
        return bool(self.api_token and candidate) and hmac.compare_digest(
            candidate.encode(), self.api_token.encode())  # type: ignore[union-attr]

    def has_session(self, request: Request) -> bool:
        expected = self.session_value()
        got = request.cookies.get(SESSION_COOKIE)
        return bool(expected and got) and hmac.compare_digest(got.encode(),  # type: ignore
                                                              expected.encode())  # type: ignore

    def holds_token(self, request: Request) -> bool:
        """Whether the request carries this server's token: as a bearer header, or as the
        cookie of a browser that signed in with it."""
        if self.has_session(request):
            return True
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.token_matches(token.strip())

    def writes_possible(self) -> bool:
        return bool(self.api_token) or self.allow_local_writes

    def local_write_allowed(self, request: Request) -> bool:
        return self.allow_local_writes and is_loopback(request) and same_origin(request)

    # The checks the routes call: each returns None or raises ApiError.

    def may_read_without_token(self, request: Request) -> bool:
        """Reads are open, or the browser has signed in."""
        return self.read_open or self.has_session(request)

    def check_read(self, request: Request) -> None:
        if not self.may_read_without_token(request):
            self._check_bearer(request, what="Reading from this server")

    def check_write(self, request: Request, *, form_token: str | None = None) -> None:
        if self.local_write_allowed(request):
            return
        if not self.api_token:
            raise ApiError(403, "writes_disabled", (
                "Writes are turned off because this server has no API token; set one with "
                "LAUNCHWATCH_API_TOKEN=<a long random string> (or api_token in "
                "launchwatch.toml), restart launchwatch serve, and send it as "
                "'Authorization: Bearer <token>'. On a single-user desktop, "
                "launchwatch serve --allow-local-writes lets this computer write without one"))
        if form_token is not None or self.has_session(request):
            if not same_origin(request):
                raise ApiError(403, "cross_origin", (
                    "This write came from another site's page; submit it from this server's "
                    "own pages, or use the API with an Authorization header"))
            if self.has_session(request) or self.token_matches(form_token):
                return
            raise ApiError(401, "invalid_token", (
                "That token is not this server's API token; check LAUNCHWATCH_API_TOKEN on "
                "the server and type it again"), field="token")
        self._check_bearer(request, what="Writing to this server")

    def _check_bearer(self, request: Request, *, what: str) -> None:
        header = request.headers.get("authorization")
        challenge = {"WWW-Authenticate": 'Bearer realm="launchwatch"'}
        if not header:
            raise ApiError(401, "token_required", (
                f"{what} needs the API token; send 'Authorization: Bearer <token>' with the "
                "value of LAUNCHWATCH_API_TOKEN"), headers=challenge)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "token_required", (
                "The Authorization header must read 'Bearer <token>'"), headers=challenge)
        if not self.token_matches(token.strip()):
            raise ApiError(401, "invalid_token", (
                "The bearer token is not this server's API token; check "
                "LAUNCHWATCH_API_TOKEN"), headers=challenge)


def is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else None
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_origin(request: Request) -> bool:
    """Whether a state-changing request came from this server's own pages.

    Browsers send ``Sec-Fetch-Site`` with every request, and it is decisive.  Older browsers
    send ``Origin`` with a POST, compared here by host and port only (so a TLS-terminating
    proxy in front does not break the check).  A request with neither (curl, a script) is not
    a browser acting for another site.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def web_address(url: Any) -> bool:
    """Whether ``url`` may be a link on a page: an http or https address.  Reports bring
    others (``javascript:``, ``data:``) in text headers, JSON Lines and uploads; those are
    shown as text."""
    if not isinstance(url, str):
        return False
    try:
        return urlsplit(url.strip()).scheme.lower() in ("http", "https")
    except ValueError:  # not an address at all ("http://[::1")
        return False


def cookie_options(request: Request) -> dict[str, Any]:
    return {"httponly": True, "samesite": "strict", "secure": request.url.scheme == "https",
            "path": "/"}
