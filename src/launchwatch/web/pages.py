"""The HTML pages: the map with its timeline, the event list, an event, paste a report, sign in.

Pages are rendered on the server and work without JavaScript except the map itself; the map's
script reads its data from ``/api/`` (no inline script: the CSP forbids it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from ..alerts.channels.atom import ATOM_MEDIA_TYPE, FEED_CHANNEL, atom_feed
from ..alerts.channels.cap import CAP_MEDIA_TYPE, cap_xml
from ..api import context_stats
from ..errors import SettingsError
from ..events import claims_from_launch
from ..model import LABELS, OUTCOMES, ReportInfo
from ..store.filters import UNKNOWN_OUTCOME
from .api import event_filter
from ..model.clock import quote_note
from .alerting import alert_dispatcher, alerts_after
from .clocks import instant_text, launch_time
from .compressed import Body
from .data import EXPORTS, Catalogue, EventFilter
from .errors import ApiError
from .highlight import merge_spans, pieces
from .incoming import ReportFields, UPLOAD_SUFFIXES, report_from_fields, report_from_upload
from .plots import flight_profile
from .security import SESSION_COOKIE, cookie_options
from .workers import WorkerPool

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
ALERTS_SHOWN = 200


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200,
          headers: dict[str, str] | None = None) -> Response:
    policy = request.app.state.policy
    context = {"signed_in": policy.has_session(request), "launch_time": launch_time,
               "quote_note": quote_note,
               "instant_text": instant_text, "outcomes": (*OUTCOMES, UNKNOWN_OUTCOME),
               **context}
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status, headers=headers)


def _sign_in_redirect(request: Request) -> RedirectResponse:
    return RedirectResponse("/signin?" + urlencode({"next": request.url.path}), status_code=303)


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, where: Annotated[EventFilter, Depends(event_filter)]) -> Response:
    if not _may_read(request):
        return _sign_in_redirect(request)
    data: Catalogue = request.app.state.catalogue
    return _page(request, "map.html", {"facets": data.facets(), "where": where,
                                       "featured": data.featured(where)})


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, where: Annotated[EventFilter, Depends(event_filter)],
                page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    if not _may_read(request):
        return _sign_in_redirect(request)
    data: Catalogue = request.app.state.catalogue
    listing = data.page(where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-listing.total // PAGE_SIZE))
    query = where.query_string()
    policy = request.app.state.policy
    cap = None if policy.holds_token(request) else \
        request.app.state.settings.anonymous_export_max_events
    return _page(request, "events.html", {
        "facets": data.facets(), "where": where, "listing": listing, "page": page,
        "pages": pages, "query": query, "columns": _columns(where),
        "downloads": [(name, label, f"/api/export/{name}" + (f"?{query}" if query else ""))
                      for name, (label, _, _) in EXPORTS.items()],
        "download_cap": cap if cap is not None and listing.total > cap else None})


@dataclass(frozen=True)
class Column:
    """A heading of the events table: its sort key (:data:`.table.SORTS`; None for a column
    sorted with another), whether it holds numbers, and, as the table is sorted now, its
    ``aria-sort`` and the link that sorts by it (the other way when it is the sort already)."""

    key: str | None
    label: str
    numeric: bool
    aria_sort: str | None = None
    href: str | None = None


# (sort key, heading, numbers, largest first on the first click): dates and numbers start
# with the latest and largest, names with A.  The time is sorted with its date.
_COLUMNS = (("date", "Date", False, True), (None, "Time", False, False),
            ("country", "Country", False, False), ("class", "Class", False, False),
            ("missile", "Missile", False, False), ("outcome", "Outcome", False, False),
            ("count", "Count", True, True), ("distance", "Distance km", True, True),
            ("apogee", "Apogee km", True, True), ("site", "Site", False, False),
            ("landing", "Landing", False, False), ("reports", "Reports", True, True))


def _columns(where: EventFilter) -> list[Column]:
    current, descending = where.sort.lstrip("-"), where.sort.startswith("-")
    columns = []
    for key, label, numeric, largest_first in _COLUMNS:
        if key is None:
            columns.append(Column(key=None, label=label, numeric=numeric))
            continue
        if key == current:
            aria, sort = ("descending", key) if descending else ("ascending", "-" + key)
        else:
            aria, sort = None, ("-" + key if largest_first else key)
        query = where.query_string(sort=sort)
        columns.append(Column(key=key, label=label, numeric=numeric, aria_sort=aria,
                              href="/events" + (f"?{query}" if query else "")))
    return columns


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request) -> Response:
    """The latest alert messages with their rule, status (failed ones marked) and event."""
    if not _may_read(request):
        return _sign_in_redirect(request)
    alerts = request.app.state.catalogue.store.alerts(limit=ALERTS_SHOWN)
    return _page(request, "alerts.html", {"alerts": alerts})


@router.get("/alerts.atom")
def alerts_feed(request: Request) -> Response:
    """The messages of the rules that name the ``atom`` channel, as an Atom feed."""
    if not _may_read(request):
        raise ApiError(401, "unauthorized", "Send the API token to read the alerts")
    alerts = [alert for alert in request.app.state.catalogue.store.alerts(limit=ALERTS_SHOWN)
              if any(d.channel == FEED_CHANNEL for d in alert.deliveries)]
    return Response(atom_feed(alerts, base_url=request.app.state.settings.base_url,
                              updated=datetime.now(timezone.utc)), media_type=ATOM_MEDIA_TYPE)


@router.get("/alerts/{alert_id}.xml")
def alert_cap(request: Request, alert_id: str) -> Response:
    """One alert message as CAP 1.2."""
    if not _may_read(request):
        raise ApiError(401, "unauthorized", "Send the API token to read the alerts")
    alert = request.app.state.catalogue.store.alert(alert_id) if len(alert_id) <= 200 \
        else None
    if alert is None:
        raise ApiError(404, "not_found", f"There is no alert {alert_id!r}; /alerts lists them")
    return Response(cap_xml(alert), media_type=CAP_MEDIA_TYPE)


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, event_id: str) -> Response:
    if not _may_read(request):
        return _sign_in_redirect(request)
    data: Catalogue = request.app.state.catalogue
    if len(event_id) > 64:
        raise _no_event(event_id)

    def render() -> Body:
        event = data.event(event_id)
        if event is None:
            raise _no_event(event_id)
        reports = [(report, pieces(report.text, report.spans)) for report in event.reports]
        return Body.of(bytes(_page(request, "event.html", {
            "event": event, "reports": reports, "labels": LABELS, "profile": _profile(event),
            "context_window_days": data.context_window_days}).body))

    # Rendered and compressed once for each kind of visitor (signed in or not, the query)
    # until the event changes: the template takes longer than reading the event; while the
    # page holds it is given from the event loop (.read_cache, .compressed).
    body = await data.kept_on_loop(("event page", event_id, request.app.state.policy
                                    .has_session(request), request.url.query), render,
                                   event_id=event_id)
    return body.response(request, "text/html")


def _no_event(event_id: str) -> ApiError:
    return ApiError(404, "not_found", f"There is no event {event_id!r}; find events on the map "
                    "or in the list")


def _profile(event: Any) -> Any:
    """The flight-profile figure when the trajectory was reconstructed."""
    trajectory = (event.assessment or {}).get("trajectory") or {}
    if trajectory.get("status") != "ok" or not (event.distance_km and event.apogee_km):
        return None
    value = trajectory["value"]
    interval = value.get("met_range_interval_km") or None
    return flight_profile(event.distance_km, event.apogee_km, value.get("met_range_km"),
                          tuple(interval) if interval else None)


@router.get("/docs/api", response_class=HTMLResponse)
def api_reference(request: Request) -> Response:
    """The OpenAPI document as a page to read (Swagger UI would load from a CDN)."""
    spec = request.app.openapi()
    intro = []
    for block in spec["info"].get("description", "").split("\n\n"):
        code = block.startswith("    ")
        text = "\n".join(line[4:] for line in block.splitlines()) if code else " ".join(
            block.replace("**", "").replace("`", "").split())
        intro.append({"code": code, "text": text})
    return _page(request, "api.html", {"spec": spec, "intro": intro})


# -- paste a report -------------------------------------------------------------------------

@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> Response:
    if not _may_read(request):
        return _sign_in_redirect(request)
    return _paste_page(request, ReportFields(text=""))


@router.post("/paste", response_class=HTMLResponse)
async def paste_submit(request: Request) -> Response:
    limit = request.app.state.max_report_bytes
    workers: WorkerPool = request.app.state.workers
    async with request.form(max_files=1, max_fields=20,
                            max_part_size=request.app.state.max_body_bytes) as form:
        fields = ReportFields(**{name: _text(form.get(name)) or None for name in
                                 ("title", "publisher", "published", "url")},
                              text=_text(form.get("text")))
        action = _text(form.get("action")) or "preview"
        token = _text(form.get("token")) or None
        upload = form.get("file")
        try:
            if isinstance(upload, UploadFile) and upload.filename:
                report = await workers.run(report_from_upload, upload.filename,
                                           await upload.read(), limit_bytes=limit)
                fields = ReportFields(text=report.text, title=report.title,
                                      publisher=report.publisher, url=report.url,
                                      published=report.published.isoformat()
                                      if report.published else None)
            elif not fields.text.strip():
                raise ApiError(422, "invalid", "Paste the report's text, or choose a file",
                               field="text")
            else:
                report = report_from_fields(fields, limit_bytes=limit)
        except ApiError as exc:
            return _paste_page(request, fields, problem=exc, status=exc.status)

    data: Catalogue = request.app.state.catalogue
    if action != "save":
        if not _may_read(request):
            return _sign_in_redirect(request)
        try:
            extraction = await workers.extraction(
                data.extract, lambda: data.pipeline.extractor, report)
        except ApiError as exc:
            return _paste_page(request, fields, problem=exc, status=exc.status)
        return _paste_page(request, fields, report=report, extraction=extraction)

    policy = request.app.state.policy
    try:
        policy.check_write(request, form_token=token)
        # Alerted as a report posted to the API is (.alerting).
        dispatcher = await workers.run(alert_dispatcher, data.store,
                                       request.app.state.settings)
        saved = await workers.run(data.save, report)
    except ApiError as exc:
        return _paste_page(request, fields, problem=exc, status=exc.status)
    if saved.events:
        target = saved.events[0].url + ("?saved=" + saved.events[0].status)
    else:
        return _paste_page(request, fields, report=report, extraction=saved.extraction,
                           saved_without_event=True)
    response = RedirectResponse(target, status_code=303,
                                background=alerts_after(dispatcher, saved.events))
    if token and policy.token_matches(token):
        response.set_cookie(SESSION_COOKIE, policy.session_value() or "",
                            **cookie_options(request))
    return response


def _paste_page(request: Request, fields: ReportFields, *, report: Any = None,
                extraction: Any = None, problem: ApiError | None = None,
                saved_without_event: bool = False, status: int = 200) -> Response:
    """The form with what was pasted, and the preview, or the problem (with its headers:
    ``Retry-After`` when the workers are busy)."""
    policy = request.app.state.policy
    launches = [_found(report, launch, ordinal)
                for ordinal, launch in enumerate(extraction.launches)] if extraction else []
    return _page(request, "paste.html", {
        "fields": fields, "report": report, "extraction": extraction, "launches": launches,
        "problem": problem, "saved_without_event": saved_without_event,
        "needs_token": not (policy.has_session(request) or policy.local_write_allowed(request)),
        "writes_possible": policy.writes_possible(), "suffixes": ", ".join(UPLOAD_SUFFIXES),
        "limit_bytes": request.app.state.max_report_bytes}, status=status,
        headers=problem.headers if problem is not None else None)


def _found(report: Any, launch: Any, ordinal: int) -> dict[str, Any]:
    """One launch of a preview: its values as the events stage will take them (its claims,
    with who makes each), and the report's text with their evidence highlighted."""
    info = ReportInfo(content_hash=report.content_hash, source=report.source,
                      publisher=report.publisher, title=report.title, url=report.url,
                      published=report.published, text=report.text)
    claims = claims_from_launch(launch, ordinal, info, launch.country)
    values = [(LABELS["date_local"], launch.date_local.isoformat() if launch.date_local
               else "not stated"),
              (LABELS["country"], launch.country or "not stated")]
    for claim in claims:
        label = LABELS.get(claim.field, claim.field) + (" (other figure)"
                                                       if claim.alternative else "")
        values.append((label, claim.shown() + (f" ({claim.authority})" if claim.authority
                                               else "")))
    when = launch_time(launch.country, launch.date_local, launch.time_local)
    if when is not None:
        values.append(("Time, with its zone", when.text))
    marks = [(c.evidence.start, c.evidence.end, c.field) for c in claims if c.evidence]
    return {"values": values, "background": launch.role == "background",
            "pieces": pieces(report.text, merge_spans(marks, len(report.text)))}


# -- sign in (for servers whose reads are closed, and to save without retyping) --------------

@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, next: str = "/") -> Response:
    return _page(request, "signin.html", {"next": _local_path(next), "problem": None})


@router.post("/signin", response_class=HTMLResponse)
async def signin_submit(request: Request) -> Response:
    async with request.form(max_files=0, max_fields=5) as form:
        token = _text(form.get("token"))
        target = _local_path(_text(form.get("next")) or "/")
    policy = request.app.state.policy
    if not policy.api_token:
        problem = ApiError(403, "writes_disabled", "This server has no API token, so there is "
                           "nothing to sign in with; set LAUNCHWATCH_API_TOKEN and restart it")
        return _page(request, "signin.html", {"next": target, "problem": problem}, 403)
    if not policy.token_matches(token):
        problem = ApiError(401, "invalid_token", "That is not this server's API token; check "
                           "LAUNCHWATCH_API_TOKEN and type it again", field="token")
        return _page(request, "signin.html", {"next": target, "problem": problem}, 401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, policy.session_value() or "", **cookie_options(request))
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _may_read(request: Request) -> bool:
    """Pages cannot send a bearer token: they are open when reads are, or after sign-in."""
    return request.app.state.policy.may_read_without_token(request)


def _local_path(target: str) -> str:
    """Only a path on this server may follow sign-in (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _context_stats(request: Request, kind: list[str] | None, window: str, since: str,
                   until: str | None) -> Any:
    try:
        return context_stats(request.app.state.catalogue.store, kinds=kind or (),
                             windows=(window,), since=since, until=until)
    except SettingsError as exc:
        raise ApiError(422, "invalid", exc.message, field=exc.field) from None


@router.get("/context/stats", response_class=HTMLResponse)
def context_stats_page(request: Request, kind: Annotated[list[str] | None, Query()] = None,
                       window: str = "-3,+3", since: str = "2016",
                       until: str | None = None) -> Response:
    """Launch days inside context windows against the baselines, with the peri-event figure
    (``/context/stats.svg``) and what the numbers assumed."""
    if not _may_read(request):
        return _sign_in_redirect(request)
    stats = _context_stats(request, kind, window, since, until)
    query = urlencode([("window", window), ("since", since), *([("until", until)] if until
                                                               else []),
                       *[("kind", k) for k in kind or ()]])
    return _page(request, "context_stats.html", {"stats": stats, "figure": f"/context/"
                                                 f"stats.svg?{query}", "window": window,
                                                 "since": since})


@router.get("/context/stats.svg")
def context_stats_figure(request: Request, kind: Annotated[list[str] | None, Query()] = None,
                         window: str = "-3,+3", since: str = "2016",
                         until: str | None = None) -> Response:
    """The peri-event histogram with its placebo envelope, drawn by the app (no CDN)."""
    if not _may_read(request):
        return _sign_in_redirect(request)
    stats = _context_stats(request, kind, window, since, until)
    # start-up cost: matplotlib loads in about half a second; only this figure pays it.
    from ..context.plot import peri_event_figure

    return Response(peri_event_figure(stats, fmt="svg"), media_type="image/svg+xml")
