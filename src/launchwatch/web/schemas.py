"""The shapes the HTTP API returns, as pydantic models so that the OpenAPI document shows them.

The HTML pages render the same models, so a page and ``/api/`` never disagree about an event.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainSerializer

from ..ingest import has_time
from ..model import LaunchContext, published_key


def _with_offset(published: datetime) -> datetime | date:
    """A publication time as the API gives it (the document's ``date-time`` is RFC 3339, which
    has an offset): with its offset as the report gave it; a date given alone (stored as
    midnight without an offset, :func:`launchwatch.ingest.has_time`) as that date; a time
    without an offset in UTC, taken in the zone reports are ordered in
    (:func:`launchwatch.model.published_key`, UTC+9)."""
    if published.tzinfo is not None:
        return published
    if not has_time(published):
        return published.date()
    return datetime.fromtimestamp(published_key(published), timezone.utc)


# Pages read the time as the report gave it; the JSON has the offset, or is a date.
Published = Annotated[datetime, PlainSerializer(_with_offset, return_type=datetime | date,
                                                when_used="json")]


class ErrorDetail(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. 'not_found', "
                      "'invalid', 'token_required'")
    message: str = Field(description="what went wrong and what to do, for a person")
    field: str | None = Field(None, description="the request field at fault, when one is")


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer of ``/api/`` has this one shape."""

    error: ErrorDetail


class EventSummary(BaseModel):
    """One event as the list and the map show it: the best value of each headline field."""

    id: str
    url: str = Field(description="the event's page in the web app")
    date_local: date | None = None
    time_local: str | None = Field(None, description="HH:MM, the launching state's time")
    country: str | None = None
    missile_class: str | None = None
    missile_name: str | None = None
    count: int | None = None
    launch_site: str | None = None
    launch_lat: float | None = None
    launch_lon: float | None = None
    distance_km: float | None = None
    apogee_km: float | None = None
    flight_time_s: float | None = None
    landing_area: str | None = None
    outcome: str | None = Field(None, description="success, failure or partial, as the best "
                                "source says; none when no source says")
    report_count: int = Field(0, description="how many reports state this event")
    conflicts: list[str] = Field(default_factory=list,
                                 description="the fields whose sources disagree")


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int
    events: list[EventSummary]


class Span(BaseModel):
    start: int
    end: int
    text: str


class SourceRef(BaseModel):
    """A claim: a report that states a value, who in it says so, and the words that do."""

    report_hash: str
    publisher: str | None = None
    title: str | None = None
    published: Published | None = Field(None, description="an RFC 3339 time with its "
                                         "offset, or the date alone when the report gave "
                                         "no time")
    who: str = Field(description="'ROK JCS via Korea Peninsula Newswire'")
    authority: str | None = Field(None, description="the body the report credits, if any")
    tier: str = Field(description="how far the source is trusted: tracking, government, "
                      "database, media, launching state, unattributed")
    alternative: bool = Field(False, description="a second figure the report gives")
    background: bool = Field(False, description="from a later report recalling the launch")
    evidence: Span | None = None
    language: str | None = Field(None, description="the report's language (ISO 639-1: "
                                 "'ja', 'ko', 'en'), the language of the evidence")


class Claim(BaseModel):
    """One value for a field and the reports behind it."""

    value: Any
    display: str = Field(description="the value as a person reads it, qualifier included")
    qualifier: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class FieldView(BaseModel):
    name: str
    label: str
    best: Claim | None = None
    conflicts: list[Claim] = Field(default_factory=list,
                                   description="other values reported for this field")
    conflict: bool = Field(False, description="whether the sources disagree beyond rounding")
    rule: str = Field("", description="why the best value was chosen")


class HighlightSpan(BaseModel):
    start: int
    end: int
    fields: list[str]


class ReportView(BaseModel):
    report_hash: str
    source: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: Published | None = Field(None, description="an RFC 3339 time with its "
                                         "offset, or the date alone when the report gave "
                                         "no time")
    authorities: list[str] = Field(default_factory=list)
    language: str | None = Field(None, description="ISO 639-1 code of the text's language")
    text: str
    spans: list[HighlightSpan] = Field(default_factory=list,
                                       description="character ranges of the text that "
                                       "support this event's values, and which fields")


class Revision(BaseModel):
    """One best value that a report changed."""

    number: int = Field(description="the revision, 1 for the first report")
    at: Published | None = Field(None, description="when the report came out: an RFC 3339 "
                                 "time with its offset, or the date alone")
    field: str
    old: str | None = None
    new: str | None = None
    by: str | None = Field(None, description="who stated the new value")
    report_hash: str
    publisher: str | None = None


class EventDetail(EventSummary):
    """An event with its provenance: every field's best value, its sources and conflicts."""

    fields: list[FieldView] = Field(default_factory=list)
    reports: list[ReportView] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list)
    assessment: dict[str, Any] | None = Field(
        None, description="launch point, trajectory (consistency verdict, minimum-energy "
        "range with its interval), landing point and zone, overflight and reach, each with "
        "its inputs and assumptions or the reason it was not computed")
    headline: dict[str, Any] = Field(default_factory=dict,
                                     description="the assessment's few headline figures")
    exports: dict[str, str] = Field(default_factory=dict,
                                    description="format -> URL of this event's export")
    context: list[LaunchContext] = Field(
        default_factory=list, description="context events within a week of the launch, on "
        "the launching state's calendar ('during the visit of ...'), with the reports' words")


class Facets(BaseModel):
    countries: list[str]
    missile_classes: list[str]
    years: list[int]


class Place(BaseModel):
    """A point events were launched from."""

    lat: float
    lon: float
    sites: list[str] = Field(default_factory=list, description="the names reports give it")
    count: int = Field(description="events launched from here")
    classes: dict[str, int] = Field(default_factory=dict,
                                    description="events by missile class")
    latest: date | None = Field(None, description="the date of the latest")


class MapData(BaseModel):
    """What the map and the timeline draw, aggregated: places and events per month."""

    places: list[Place] = Field(description="most events first")
    months: list[tuple[str, int]] = Field(description="(YYYY-MM, events) for every month "
                                          "with events, country and class filters only")
    total: int = Field(description="events matching every filter")
    unplaced: int = Field(description="of those, events with no known place")
    featured: str | None = Field(None, description="the event the map shows first, with its "
                                 "range rings: the latest whose rings a regional map shows "
                                 "whole, else the latest with rings")


class PlaceInReach(BaseModel):
    name: str
    kind: str
    country: str | None = None
    lat_deg: float
    lon_deg: float
    population: int | None = None
    distance_km: float
    azimuth_deg: float
    time_of_flight_s: float | None = Field(None, description="minimum-energy free flight, "
                                           "boost phase not included")


class PlacesInReach(BaseModel):
    event_id: str
    range_km: float | None = Field(None, description="the assessed minimum-energy range")
    site: dict[str, float] | None = None
    places: list[PlaceInReach]
    time_of_flight: str | None = None
    reason: str | None = Field(None, description="why there are no places, when there are "
                               "none")


class ReportIn(BaseModel):
    """A report posted as JSON."""

    text: str = Field(min_length=1, description="the report's text; a 'Title: ...' header "
                      "block at its top is read like a text file's")
    title: str | None = None
    publisher: str | None = None
    published: str | None = Field(None, description="ISO 8601 (2022-01-17T11:40+09:00); a "
                                  "date alone means the time is unknown")
    url: str | None = None
    source: str | None = Field(None, description="where the report came from; default: "
                               "the url, else 'web'")


class ReportRef(BaseModel):
    report_hash: str
    source: str
    title: str | None = None
    publisher: str | None = None
    published: Published | None = Field(None, description="an RFC 3339 time with its "
                                         "offset, or the date alone when the report gave "
                                         "no time")


class EventLink(BaseModel):
    id: str
    url: str
    status: Literal["created", "joined", "existing"]


class ExtractionOut(BaseModel):
    report: ReportRef
    extraction: dict[str, Any] = Field(description="what the extractor found: launches with "
                                       "their values and evidence spans, and context")


class ReportPosted(ExtractionOut):
    stored: bool = Field(description="false when the same report was already stored")
    events: list[EventLink] = Field(description="the events the report's launches joined "
                                    "or created")
