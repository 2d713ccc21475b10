"""``/api/``: list and read events, post reports, export; documented in ``/api/openapi.json``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime, timezone
from functools import partial
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from .basemap import GeoFile, outlines, waters
from ..alerts.rules import BUILT_IN_CHANNELS, checked_rule, read_alert_file
from ..model.alert import Alert, Rule
from ..api import context_stats, event_query, parse_period
from ..errors import SettingsError
from ..model import ContextEvent, LaunchContext
from .compressed import Body
from .data import EXPORTS, Catalogue, EventFilter, ExportFile, ExportTooLarge
from .errors import ApiError
from .incoming import ReportFields, report_from_fields, report_from_upload
from .table import DEFAULT_SORT, SORT_PATTERN, SORTS
from .schemas import (ErrorBody, EventDetail, EventPage, ExtractionOut, Facets, MapData,
                      PlacesInReach, ReportIn, ReportPosted, ReportRef)
from .alerting import alert_dispatcher, alerts_after
from .workers import WorkerPool

MAX_PAGE = 500
EVENT_ID = Path(description="the event's id, as the list gives it", max_length=64)

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in (
        (401, "token missing or wrong"), (403, "not allowed"), (404, "no such thing"),
        (413, "request too large"), (415, "unsupported media type"),
        (422, "invalid input"), (503, "database unavailable"))}


# Dependencies that only look at the request, and that only FastAPI calls, are coroutines:
# FastAPI runs a plain function in a worker thread, a hop that costs more than the check.
async def catalogue(request: Request) -> Catalogue:
    return request.app.state.catalogue


def workers(request: Request) -> WorkerPool:
    return request.app.state.workers


async def read_access(request: Request) -> None:
    request.app.state.policy.check_read(request)


async def write_access(request: Request) -> None:
    request.app.state.policy.check_write(request)


router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)
Readable = Annotated[None, Depends(read_access)]
Data = Annotated[Catalogue, Depends(catalogue)]
Workers = Annotated[WorkerPool, Depends(workers)]


_PERIOD = "a year, month or day: 2022, 2022-03 or 2022-03-15"
_PERIOD_PATTERN = r"^[12]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


async def event_filter(
    data: Data,
    country: Annotated[str | None, Query(max_length=100, description="launching state, a "
                                         "name or an alias: North Korea, DPRK")] = None,
    missile_class: Annotated[str | None, Query(alias="class", max_length=20,
                                               description="SRBM, MRBM, IRBM, ICBM, SLBM, ...")]
    = None,
    missile: Annotated[str | None, Query(max_length=100, description="missile, a name or an "
                                         "alias: Hwasong-11A, KN-23")] = None,
    written_from: Annotated[str | None, Query(alias="from", max_length=10,
                                              description="from the start of " + _PERIOD)]
    = None,
    written_to: Annotated[str | None, Query(alias="to", max_length=10,
                                            description="to the end of " + _PERIOD)] = None,
    sites: Annotated[list[str], Query(alias="site", max_length=20,
                                      description="launch site as reports or the gazetteer "
                                      "name it; repeat for several")] = [],  # noqa: B006
    outcome: Annotated[str | None, Query(max_length=20, description="success, failure, "
                                         "partial or unknown (no source says)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words each listed event must "
                                   "show (in its id, date, names, site, landing area or "
                                   "outcome), as the events table searches")] = None,
    sort: Annotated[str, Query(pattern=SORT_PATTERN, description="the order of the list: a "
                               "column (" + ", ".join(SORTS) + "), '-' in front for the "
                               "other way")] = DEFAULT_SORT,
) -> EventFilter:
    """The filters, parsed as the command line's are (:func:`launchwatch.api.event_query`):
    an unknown value is a 422 that lists the values there are.

    A coroutine: most requests name no country, missile or site, and their filters are parsed
    on the event loop without a hop to a thread; a name is looked up in the store, in a
    worker thread."""
    if any(len(site) > 200 for site in sites):
        raise ApiError(422, "invalid", "A site name is at most 200 characters", field="site")
    parse = partial(event_query, data.store, country=country, missile_class=missile_class,
                    missile_name=missile, sites=sites, since=written_from, until=written_to,
                    outcome=outcome)
    try:
        query = await anyio.to_thread.run_sync(parse) if country or missile or sites \
            else parse()
    except SettingsError as exc:
        # The API calls since and until "from" and "to".
        field = {"since": "from", "until": "to"}.get(exc.field or "", exc.field)
        message = exc.message.replace("since (", "'from' (").replace("until (", "'to' (")
        raise ApiError(422, "invalid", f"'{field}' {message}", field=field) from None
    return EventFilter(**asdict(query),
                       written_from=written_from if query.date_from else None,
                       written_to=written_to if query.date_to else None,
                       search=q.strip() if q and q.strip() else None, sort=sort)


Filters = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=EventPage, summary="List events, latest first")
async def list_events(_: Readable, request: Request, data: Data, where: Filters,
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE,
                                                  description="events a page")] = 100,
                      offset: Annotated[int, Query(ge=0, description="events to skip")] = 0
                      ) -> Response:
    # The list is the API's busiest answer: serialized by pydantic's own encoder, compressed
    # and kept until the store changes (.compressed, .read_cache), and while it holds given
    # from the event loop.
    body = await data.kept_on_loop(("page json", where, limit, offset), lambda: Body.of(
        data.page(where, limit=limit, offset=offset).model_dump_json()))
    return body.response(request, "application/json")


@router.get("/events/{event_id}", response_model=EventDetail,
            summary="One event with its provenance")
def get_event(_: Readable, data: Data,
              event_id: Annotated[str, EVENT_ID]) -> EventDetail:
    return _event_or_404(data, event_id)


@router.get("/events/{event_id}/context", response_model=list[LaunchContext],
            summary="The context around one event's launch ('during the visit of ...')")
def get_event_context(_: Readable, data: Data,
                      event_id: Annotated[str, EVENT_ID]) -> list[LaunchContext]:
    found = data.event_context(event_id)
    if found is None:
        raise _no_event(event_id)
    return found


@router.get("/context", response_model=list[ContextEvent],
            summary="Context events: the shipped calendar, users' calendars, reports")
def list_context(_: Readable, data: Data,
                 kind: Annotated[str | None, Query(max_length=32, description=(
                     "exercise, visit, summit, unsc, election, statement, anniversary, or "
                     "a kind of a user's calendar"))] = None,
                 since: Annotated[str | None, Query(pattern=_PERIOD_PATTERN, description=(
                     "running on or after the start of " + _PERIOD))] = None,
                 until: Annotated[str | None, Query(pattern=_PERIOD_PATTERN, description=(
                     "starting on or before the end of " + _PERIOD))] = None,
                 origin: Annotated[Literal["calendar", "user", "report"] | None,
                                   Query(description="where it comes from")] = None
                 ) -> list[ContextEvent]:
    return data.context_events(kinds=[kind] if kind else [],
                               since=_day(since, "since", end=False),
                               until=_day(until, "until", end=True),
                               origins=[origin] if origin else [])


def _day(text: str | None, field: str, *, end: bool) -> date | None:
    """A period parameter as its first (or, with ``end``, last) day; a 422 naming the field
    for a month or day the calendar lacks ("2025-02-30")."""
    if text is None:
        return None
    try:
        return parse_period(text, end=end)
    except ValueError as exc:
        raise ApiError(422, "invalid", f"{text!r} is not a date ({exc})", field=field) from None


@router.get("/events/{event_id}/map", summary="One event's geometry as GeoJSON",
            response_class=JSONResponse,
            responses={200: {"content": {"application/geo+json": {}}}})
def get_event_map(_: Readable, data: Data,
                  event_id: Annotated[str, EVENT_ID]) -> JSONResponse:
    collection = data.event_map(event_id)
    if collection is None:
        raise _no_event(event_id)
    return JSONResponse(collection, media_type="application/geo+json")


@router.get("/events/{event_id}/reach", response_model=PlacesInReach,
            summary="Cities within the event's minimum-energy range, with times of flight")
def get_places_in_reach(_: Readable, data: Data, event_id: Annotated[str, EVENT_ID],
                        min_population: Annotated[int, Query(
                            ge=0, le=50_000_000, description="smallest city listed")] = 100_000,
                        limit: Annotated[int, Query(ge=1, le=1000,
                                                    description="cities at most")] = 50
                        ) -> PlacesInReach:
    found = data.places_in_reach(event_id, min_population=min_population, limit=limit)
    if found is None:
        raise _no_event(event_id)
    return PlacesInReach.model_validate(found)


ExportFormat = Literal["geojson", "kml", "cns", "json"]
_EXPORT_CONTENT = {200: {"content": {media: {} for _, media, _ in EXPORTS.values()},
                         "description": "the file, as an attachment"}}


@router.get("/events/{event_id}/export/{format}", response_class=Response,
            responses=_EXPORT_CONTENT,
            summary="One event as GeoJSON, KML, a CNS CSV row or JSON with provenance")
def export_event(_: Readable, data: Data, event_id: Annotated[str, EVENT_ID],
                 format: ExportFormat) -> Response:
    found = data.export(format, event_id=event_id)
    if found is None:
        raise _no_event(event_id)
    return _attachment(found)


_EXPORT_LIMIT = {
    401: {"model": ErrorBody, "description": "token wrong where reads are closed, or "
          "(code 'export_too_large') more events than a reader without the token may "
          "export: narrow the filters or send the token"},
    403: {"model": ErrorBody, "description": "(code 'export_too_large') more events than "
          "this server, which has no token, exports at once: narrow the filters"},
}


@router.get("/export/{format}", response_class=Response,
            responses={**_EXPORT_CONTENT, **_EXPORT_LIMIT},
            summary="Every event matching the filters, in one export file",
            description="Without the API token an export holds at most "
            "`anonymous_export_max_events` events (default 1,000); with it, every event "
            "matching the filters, streamed.")
def export_events(_: Readable, request: Request, data: Data, where: Filters,
                  format: ExportFormat) -> Response:
    policy = request.app.state.policy
    cap = None if policy.holds_token(request) else \
        request.app.state.settings.anonymous_export_max_events
    try:
        found = data.export(format, where=where, max_events=cap)
    except ExportTooLarge as exc:
        raise _export_too_large(exc.max_events, token_set=bool(policy.api_token)) from None
    return _attachment(found)  # type: ignore[arg-type]


def _export_too_large(max_events: int, *, token_set: bool) -> ApiError:
    narrow = ("narrow it with country, class, site, from or to (for instance "
              "?from=2022&to=2022)")
    if token_set:
        return ApiError(401, "export_too_large", (
            f"This export would hold more than {max_events:,} events, the most a reader "
            f"without the API token may export at once; {narrow}, or send "
            "'Authorization: Bearer <token>' for the whole export"),
            headers={"WWW-Authenticate": 'Bearer realm="launchwatch"'})
    return ApiError(403, "export_too_large", (
        f"This export would hold more than {max_events:,} events, the most this server "
        f"exports at once; {narrow}. To export more, set LAUNCHWATCH_API_TOKEN and send it, "
        "or raise LAUNCHWATCH_ANONYMOUS_EXPORT_MAX_EVENTS, and restart launchwatch serve"))


def _attachment(export: ExportFile) -> Response:
    """The file, streamed from disk: an export of every event need not fit in memory."""
    return StreamingResponse(export.chunks(), media_type=export.media_type, headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"',
        "Content-Length": str(export.size_bytes)})


@router.get("/map", response_model=MapData,
            summary="Places and events per month, for the map and the timeline")
async def map_rows(_: Readable, request: Request, data: Data, where: Filters) -> Response:
    # The JSON compressed and kept until the store changes, as the list's is.
    body = await data.kept_on_loop(("map json", where), lambda: Body.of(
        data.map_data(where).model_dump_json()))
    return body.response(request, "application/json")


@router.get("/facets", response_model=Facets, summary="The values the filters can take")
def facets(_: Readable, data: Data) -> Facets:
    return data.facets()


# A map layer is sent again only when it changed: a client that sends back its ETag in
# If-None-Match gets 304 and no body.
_GEO_FILE_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/geo+json": {}}},
    304: {"description": "not modified: the ETag sent in If-None-Match still holds"}}


@router.get("/countries.geojson", summary="Country outlines for the map (Natural Earth)",
            response_class=Response, responses=_GEO_FILE_ANSWERS)
def countries(_: Readable, request: Request) -> Response:
    return _geo_file(request, outlines)


@router.get("/waters.geojson", summary="Sea names and Japan's EEZ for the map",
            response_class=Response, responses=_GEO_FILE_ANSWERS)
def waters_layer(_: Readable, request: Request) -> Response:
    return _geo_file(request, waters)


def _geo_file(request: Request, build: Callable[[], GeoFile]) -> Response:
    """A background layer of the map (:mod:`.basemap`), gzipped when the client takes it and
    not sent again while its ETag holds."""
    try:
        shapes = build()
    except ImportError as exc:
        raise ApiError(503, "unavailable", f"the map's background needs the geo package's "
                       f"Natural Earth data ({exc}); reinstall launchwatch") from None
    headers = {"ETag": shapes.etag, "Cache-Control": "public, max-age=86400",
               "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == shapes.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(shapes.gzip_bytes, media_type="application/geo+json",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(shapes.json_bytes, media_type="application/geo+json", headers=headers)


_REPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ReportIn.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"},
                               "text": {"type": "string"}, "title": {"type": "string"},
                               "publisher": {"type": "string"},
                               "published": {"type": "string"}, "url": {"type": "string"}},
            }},
            "text/plain": {"schema": {"type": "string", "pattern": "\\S"}},
        },
    },
}


_REPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body is not JSON ('bad_json') or not UTF-8 "
          "('bad_encoding'), or a form that cannot be read"},
    503: {"model": ErrorBody, "description": "database unavailable, or ('busy') every "
          "extraction worker taken and the queue full: try again after Retry-After",
          "headers": {"Retry-After": {"description": "seconds to wait before trying again "
                                                     "(with 'busy')",
                                      "schema": {"type": "integer"}}}},
}


@router.post("/extract", response_model=ExtractionOut, openapi_extra=_REPORT_BODY,
             responses=_REPORT_ERRORS, summary="Extract a report without saving it")
async def extract(_: Readable, request: Request, data: Data, pool: Workers) -> ExtractionOut:
    report = await report_from_request(request)
    extraction = await pool.extraction(data.extract, lambda: data.pipeline.extractor,
                                       report)
    return ExtractionOut(report=_report_ref(report), extraction=extraction.to_record())


@router.post("/reports", response_model=ReportPosted, status_code=201,
             openapi_extra=_REPORT_BODY, dependencies=[Depends(write_access)],
             summary="Save a report; returns the extraction and the events it joined",
             responses={200: {"model": ReportPosted,
                              "description": "the report was already stored"},
                        **_REPORT_ERRORS})
async def post_report(request: Request, data: Data, pool: Workers) -> Response:
    """The events the report created or changed are alerted after the answer, when alert
    rules are configured (:mod:`.alerting`)."""
    report = await report_from_request(request)
    dispatcher = await pool.run(alert_dispatcher, data.store, request.app.state.settings)
    saved = await pool.run(data.save, report)
    body = ReportPosted(report=_report_ref(report), extraction=saved.extraction.to_record(),
                        stored=saved.stored, events=saved.events)
    headers = {"Location": saved.events[0].url} if saved.events else {}
    return JSONResponse(body.model_dump(mode="json"), status_code=201 if saved.stored else 200,
                        headers=headers, background=alerts_after(dispatcher, saved.events))


async def report_from_request(request: Request) -> Any:
    """The one report a request carries, as JSON, a form (text or file) or plain text; a file
    is read by its ingest reader in the worker pool."""
    limit = request.app.state.max_report_bytes
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            body = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, "bad_json", f"The body is not valid JSON ({exc}); send "
                           '{"text": "..."}') from None
        try:
            posted = ReportIn.model_validate(body)
        except ValidationError as exc:
            problem = exc.errors()[0]
            field = ".".join(str(p) for p in problem["loc"]) or None
            raise ApiError(422, "invalid", f"{field or 'body'}: {problem['msg']}; send "
                           '{"text": "...", "title": ..., "published": ...}',
                           field=field) from None
        return report_from_fields(ReportFields(**posted.model_dump()), limit_bytes=limit)
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        async with request.form(max_files=1, max_fields=20,
                                max_part_size=request.app.state.max_body_bytes) as form:
            upload = form.get("file")
            if upload is not None and not isinstance(upload, str) and upload.filename:
                return await workers(request).run(report_from_upload, upload.filename,
                                                  await upload.read(), limit_bytes=limit)
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not fields.get("text", "").strip():
            raise ApiError(422, "invalid", "Give the report as a 'text' field or a 'file' "
                           "upload", field="text")
        return report_from_fields(ReportFields(
            text=fields["text"], title=fields.get("title"), publisher=fields.get("publisher"),
            published=fields.get("published"), url=fields.get("url"),
            source=fields.get("source")), limit_bytes=limit)
    if content_type in ("text/plain", "text/markdown"):
        raw = await request.body()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "bad_encoding", "The body is not UTF-8 text; send UTF-8",
                           field="text") from None
        if not text.strip():
            raise ApiError(422, "invalid", "The body is empty; send the report's text",
                           field="text")
        return report_from_fields(ReportFields(text=text), limit_bytes=limit)
    raise ApiError(415, "unsupported_media_type", (
        f"Cannot read a {content_type or 'body without a Content-Type'}; send "
        "application/json ({\"text\": ...}), multipart/form-data (text or file) or text/plain"))


@router.get("/alerts", response_model=list[Alert], summary="Alert messages, latest first")
def list_alerts(_: Readable, data: Data,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                status: Annotated[Literal["pending", "sent", "failed"] | None,
                                  Query(description="only messages with this status")] = None,
                ) -> list[Alert]:
    return data.store.alerts(limit=limit, status=status)


@router.get("/alerts/rules", response_model=list[Rule],
            summary="The alert rules stored through the API")
def list_alert_rules(_: Readable, data: Data) -> list[Rule]:
    return data.store.alert_rules()


@router.post("/alerts/rules", response_model=Rule, status_code=201,
             dependencies=[Depends(write_access)],
             responses={400: {"model": ErrorBody, "description": "a body that is not JSON "
                                                                 "(bytes that are not UTF-8)"}},
             summary="Store an alert rule (replacing the stored rule of its name)")
def post_alert_rule(request: Request, data: Data, rule: dict[str, Any]) -> Rule:
    """Checked as the alerts file's rules are (README 'Alerts'); its channels must be
    configured in the server's alerts file (or be the built-in ``atom``)."""
    try:
        path = request.app.state.settings.alerts_file
        channels = read_alert_file(path).channel_names if path else set(BUILT_IN_CHANNELS)
        checked = checked_rule(rule, channels=channels)
    except SettingsError as exc:
        raise ApiError(422, "invalid", exc.message, field=exc.field) from None
    data.store.save_alert_rule(checked, now=datetime.now(timezone.utc))
    return checked


def _report_ref(report: Any) -> ReportRef:
    return ReportRef(report_hash=report.content_hash, source=report.source, title=report.title,
                     publisher=report.publisher, published=report.published)


def _event_or_404(data: Catalogue, event_id: str) -> EventDetail:
    event = data.event(event_id)
    if event is None:
        raise _no_event(event_id)
    return event


def _no_event(event_id: str) -> ApiError:
    return ApiError(404, "not_found", f"There is no event {event_id!r}; list the events with "
                    "GET /api/events", field="event_id")


@router.get("/context/stats", summary="Timing statistics: launch days inside context windows "
            "against a uniform baseline, season-matched placebos and regressions")
def get_context_stats(_: Readable, data: Data,
                      kind: Annotated[list[str] | None, Query(description="kinds; repeat "
                                                              "(default: every kind)")] = None,
                      window: Annotated[list[str] | None, Query(description="e.g. -3,+3; "
                                                                "repeat")] = None,
                      since: str = "2016", until: str | None = None,
                      draws: Annotated[int, Query(ge=100, le=20_000)] = 10_000,
                      seed: Annotated[int, Query(ge=0, le=2**63 - 1)] = 20250106) -> Response:
    """The same record as ``launchwatch context stats --json``, with what it assumed."""
    try:
        result = context_stats(data.store, kinds=kind or (), windows=window or ("-3,+3",),
                               since=since, until=until, draws=draws, seed=seed)
    except SettingsError as exc:
        raise ApiError(422, "invalid", exc.message, field=exc.field) from None
    return Response(result.model_dump_json(), media_type="application/json")
