"""Errors at the web edge: one JSON shape for ``/api/``, an HTML page for the browser.

Library errors (:class:`~launchwatch.errors.LaunchwatchError`) become HTTP answers here and
nowhere else::

    {"error": {"code": "not_found", "message": "No event 42; list events at /api/events.",
               "field": null}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import (ExtractionError, GeoError, IngestError, LaunchwatchError, PhysicsError,
                      SettingsError, StoreError)
from .headers import SECURITY_HEADERS

log = logging.getLogger("launchwatch.web")


class ApiError(Exception):
    """An answer other than 2xx, with the code, message and field the client is told."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def json_error(status: int, code: str, message: str, field: str | None = None,
               headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status, headers=headers)


# Library errors: a bad input is the client's (422), a store failure is ours (503).
_LIBRARY_STATUS: tuple[tuple[type[LaunchwatchError], int, str], ...] = (
    (IngestError, 422, "unreadable_report"),
    (ExtractionError, 422, "extraction_failed"),
    (PhysicsError, 422, "impossible_flight"),
    (GeoError, 422, "unknown_place"),
    (SettingsError, 500, "bad_setting"),
    (StoreError, 503, "store_unavailable"),
)

_STATUS_CODES = {400: "bad_request", 401: "token_required", 403: "forbidden",
                 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
                 413: "too_large", 415: "unsupported_media_type", 422: "invalid",
                 429: "too_many_requests", 500: "internal", 503: "unavailable"}


def from_library(exc: LaunchwatchError) -> ApiError:
    for kind, status, code in _LIBRARY_STATUS:
        if isinstance(exc, kind):
            return ApiError(status, code, exc.message, field=exc.field)
    return ApiError(500, "internal", exc.message, field=exc.field)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _render(request: Request, error: ApiError) -> Response:
    if _wants_json(request):
        return json_error(error.status, error.code, error.message, error.field, error.headers)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:  # pragma: no cover - the app always has templates
        return HTMLResponse(error.message, status_code=error.status)
    return templates.TemplateResponse(request, "error.html",
                                      {"status": error.status, "error": error},
                                      status_code=error.status, headers=error.headers)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts) or None


def install(app: FastAPI) -> None:
    """Register the handlers that give every error its one shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _render(request, exc)

    @app.exception_handler(LaunchwatchError)
    async def _library_error(request: Request, exc: LaunchwatchError) -> Response:
        return _render(request, from_library(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = exc.errors()
        first = problems[0] if problems else {}
        field = _field_of(first.get("loc", ()))
        what = first.get("msg", "invalid value")
        message = f"{field}: {what}" if field else what
        if len(problems) > 1:
            message += f" (and {len(problems) - 1} more problem"
            message += "s)" if len(problems) > 2 else ")"
        message += "; see /api/openapi.json for what each endpoint accepts"
        return _render(request, ApiError(422, "invalid", message, field=field))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = (f"There is nothing at {request.url.path}; the API's endpoints are "
                       "listed in /api/openapi.json")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            message = (f"{request.method} is not allowed on {request.url.path}; see "
                       "/api/openapi.json for the methods each endpoint takes")
            headers["Allow"] = ", ".join(_methods_on(request))
        return _render(request, ApiError(exc.status_code, code, message, headers=headers))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Only what fails in the middleware itself comes here (UnexpectedErrorMiddleware
        # answers for the routes); Starlette raises it again after this answer, and the
        # server closes the connection.
        response = unexpected_error(request, exc)
        # This answer leaves through Starlette's outermost layer, past the middleware that
        # adds these to every other one.
        for name, value in SECURITY_HEADERS:
            response.headers.setdefault(name.decode(), value.decode())
        return response


def unexpected_error(request: Request, exc: Exception) -> Response:
    """A bug's answer: 500, in the one shape, with nothing of the exception in it."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _render(request, ApiError(
        500, "internal", "launchwatch failed on this request; this is a bug, please report "
        "it with the request that caused it"))


class UnexpectedErrorMiddleware:
    """Answers a route's unexpected exception with 500 (:func:`unexpected_error`) and ends
    the request there.

    Starlette's own last handler raises the exception again once it has answered, so that the
    server sees it; Uvicorn then closes the connection, and a client that keeps connections
    open must connect again after every 500.  Added innermost, this answers first and keeps
    the connection; the security headers and gzip still apply.  An exception after the answer
    has begun (a streamed export) is raised on: there is no second status line to send.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answered = False

        async def watched(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.start":
                answered = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - every bug gets the same answer
            if answered:
                raise
            await unexpected_error(Request(scope, receive), exc)(scope, receive, send)


def _methods_on(request: Request) -> list[str]:
    """Every method some route takes at the request's path.  Starlette's own Allow names only
    the first route whose path matches, so a path with a GET and a POST route (the alert
    rules) would be said to take one of them."""
    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods and \
                route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return sorted(methods)
