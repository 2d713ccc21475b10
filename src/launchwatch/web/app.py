"""The FastAPI application: pages, the ``/api/`` endpoints, static assets, the guards.

Nothing is fetched from outside: Leaflet comes from the ``xstatic-leaflet`` package's folder,
the country outlines from the geo package's Natural Earth data, the rest from ``static/``.
The Content-Security-Policy (``default-src 'self'``, no inline script) holds the browser to that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .._version import __version__
from ..model import LABELS
from ..settings import Settings, load_settings
from . import api, errors, interpreter, pages
from .basemap import outlines, waters
from .compressed import GZIP_LEVEL, GZIP_MINIMUM_BYTES
from .data import Catalogue, EventFilter
from .security import AccessPolicy, BodyLimitMiddleware, SecurityHeadersMiddleware, web_address
from .workers import WorkerPool

HERE = Path(__file__).parent

# The tab's icon, inline (a data: URL, which the CSP allows for images): one request fewer.
FAVICON = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
           "%3Ccircle cx='16' cy='16' r='14' fill='%230b3d5c'/%3E%3Cpath d='M6 24 Q16 2 26 24' "
           "stroke='%23f2a33a' stroke-width='3' fill='none'/%3E%3C/svg%3E")

# Room for the JSON or multipart envelope around a report of max_upload_bytes.
ENVELOPE_BYTES = 64 * 1024

log = logging.getLogger("launchwatch.web")


def create_app(settings: Settings | None = None, *, catalogue: Catalogue | None = None,
               allow_local_writes: bool = False, warm_up: bool = True,
               workers: WorkerPool | None = None) -> FastAPI:
    """The web app over the store named by ``settings`` (or over ``catalogue``).

    ``allow_local_writes`` lets requests from this computer save reports without the API
    token (``launchwatch serve --allow-local-writes``); ``warm_up`` builds the country
    outlines and loads the extractor in the background at start-up, so the first visitor
    does not wait for them, and sets the interpreter for serving (:mod:`.interpreter`);
    ``workers`` extract reports off the event loop (by default :class:`WorkerPool`'s threads
    and queue, and ``web_extraction_processes`` processes).
    """
    settings = settings or load_settings()
    owns_catalogue = catalogue is None
    catalogue = catalogue or Catalogue.open(settings.resolved_database_url,
                                            context_window_days=settings.context_window_days)
    workers = workers or WorkerPool.from_settings(settings)
    catalogue.extract_with(workers.extract)

    warmed = threading.Event()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            interpreter.hand_over_sooner()
            threading.Thread(target=_warm_up, args=(catalogue, workers, warmed),
                             name="launchwatch-warm-up", daemon=True).start()
        else:
            warmed.set()
        yield
        workers.close()
        if owns_catalogue:
            catalogue.close()

    app = FastAPI(
        title="launchwatch",
        version=__version__,
        summary="Ballistic-missile launches from public reports: events with their sources, "
                "conflicts and assessments, and reports to extract and save.",
        description=_API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN, which this app never does.
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.warmed = warmed  # set once the start-up work in the background is done
    app.state.catalogue = catalogue
    app.state.policy = AccessPolicy(api_token=settings.api_token,
                                    read_open=settings.api_read_open,
                                    allow_local_writes=allow_local_writes)
    app.state.max_report_bytes = settings.max_upload_bytes
    app.state.max_body_bytes = settings.max_upload_bytes + ENVELOPE_BYTES
    app.state.workers = workers
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["version"] = __version__
    templates.env.filters["field_label"] = lambda name: LABELS.get(name, name)
    templates.env.globals["favicon"] = FAVICON
    # An address from a report is a link only when it is a web address (no javascript:).
    templates.env.tests["web_address"] = web_address
    token = _assets_token()
    templates.env.globals["asset"] = lambda path: f"/static/{path}?v={token}"
    app.state.templates = templates

    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/leaflet", CachedStaticFiles(directory=_leaflet_dir()), name="leaflet")
    app.mount("/static", CachedStaticFiles(directory=HERE / "static"), name="static")

    # Outermost last: security headers on everything, then the size limit, then gzip, then
    # the answer to a bug (errors.UnexpectedErrorMiddleware), which all of them see.
    # Kept answers come compressed already (.compressed), with the same size and level.
    app.add_middleware(errors.UnexpectedErrorMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES,
                       compresslevel=GZIP_LEVEL)
    app.add_middleware(BodyLimitMiddleware, limit_bytes=app.state.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


class CachedStaticFiles(StaticFiles):
    """Static files a browser keeps for a week: pages ask for them as ``?v=<token>``, a hash
    of their content (:func:`_assets_token`), so a changed file has a new address."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=604800"
        return response


def _assets_token() -> str:
    import hashlib

    import xstatic.pkg.leaflet as leaflet

    digest = hashlib.sha256(leaflet.VERSION.encode())
    for path in sorted((HERE / "static").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def _warm_up(catalogue: Catalogue, workers: WorkerPool, done: threading.Event) -> None:
    """What the first visitor would otherwise wait for: events fused, the country outlines,
    the geography the map's opening event needs (land polygons for its overflight), and the
    extractor; then what all that loaded is left out of garbage collection (.interpreter)."""

    steps = (
        ("the events could not be brought up to date", catalogue.refresh),
        ("country outlines are unavailable; the map will have no coastlines", outlines),
        ("sea names and Japan's EEZ are unavailable on the map", waters),
        ("the opening event's geometry could not be computed",
         lambda: catalogue.event_map(catalogue.featured(EventFilter()) or "")),
        ("the extractor could not be loaded",
         lambda: workers.warm_up(catalogue.pipeline.extractor)),
    )
    for problem, step in steps:
        try:
            step()
        except Exception:  # noqa: BLE001 - each step reports its own failure when used
            log.warning(problem, exc_info=True)
    interpreter.freeze_start_up_objects()
    done.set()


_API_DESCRIPTION = """\
Read events (fused launches with their sources, conflicts and assessments), post reports,
and export. Every error has one shape:

    {"error": {"code": "not_found", "message": "what went wrong and what to do", "field": null}}

**Authentication.** Writes (`POST /api/reports`) need `Authorization: Bearer <token>`, the
server's `LAUNCHWATCH_API_TOKEN`; a server without a token refuses writes with 403. Reads are
open unless the server sets `LAUNCHWATCH_API_READ_OPEN=false`, in which case they need the
token too. In the browser, the paste form asks for the token once and keeps a session cookie;
`launchwatch serve --allow-local-writes` lets this computer write without it.

**Limits.** A report may be at most `max_upload_bytes` (default 1,000,000) bytes of UTF-8.
Reports are extracted by a few workers with a short queue; when it is full, the answer is
503 (`busy`) with `Retry-After` in seconds. Without the token, an export of many events
holds at most `anonymous_export_max_events` (default 1,000); a larger one is refused with
`export_too_large`, and the token exports them all.

**Times.** A publication time is RFC 3339 with its offset, as the report gave it; a time a
report gave without an offset is taken to be in UTC+9 (Seoul and Tokyo, as reports are
ordered) and given in UTC (`Z`). A report that gave only its date has a date
(`2022-05-04`) instead.
"""
