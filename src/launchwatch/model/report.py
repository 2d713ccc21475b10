"""Reports in, launches out: the records of ingest and extract.

A :class:`Report` is one story as it was read; an :class:`Extraction` is what the extractor
found in it: the :class:`Launch` es it describes, each value with the :class:`Evidence` that
supports it.  Physical fields carry their unit in the name (``distance_km``); a number a person
reported is a :class:`Quantity` that keeps the qualifier ("about", "at least").
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .fields import LAUNCH_FIELDS, QUANTITY_FIELDS

Qualifier = Literal["about", "at least", "over", "up to", "more than", "less than", "exactly"]

MissileClass = Literal["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "cruise", "hypersonic", "MLRS",
                       "SLV", "unknown"]

DatePrecision = Literal["day", "month", "year"]
"""How much of a launch's date a source gives (:data:`launchwatch.model.DATE_PRECISIONS`)."""

Outcome = Literal["success", "failure", "partial"]
"""A test's outcome as a source judges it (:data:`launchwatch.model.OUTCOMES`)."""

Confirmation = Literal["confirmed", "unconfirmed"]
"""Whether a launch is confirmed (:data:`launchwatch.model.CONFIRMATIONS`)."""

SPECIFIC_CLASSES: tuple[MissileClass, ...] = ("hypersonic", "SLBM", "MLRS", "SLV")
"""Classes that say what kind of weapon flew, not only how far it reaches: they beat a range
class in a report ("intermediate-range hypersonic missile" is hypersonic) and, shared by two
launches, identify them."""

_WHITESPACE = re.compile(r"\s+")


def without_nul(text: str) -> str:
    """The text with its NUL characters removed.

    No report holds one: a NUL is a stray byte from a scraper or a C string, or a ``\\u0000``
    in JSON, and the PostgreSQL store cannot hold it.  Every way a report comes in (the readers,
    the CNS reader, the API) removes them, so all accept the same texts; a file made mostly of
    NULs is not text at all (UTF-16 or binary), which the readers refuse.
    """
    return text.replace("\x00", "") if "\x00" in text else text


def content_hash(text: str) -> str:
    """SHA-256 of the text with runs of whitespace folded, so re-wrapped copies match."""
    normal = _WHITESPACE.sub(" ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


class Quantity(BaseModel):
    """A number as a report states it: value, unit, qualifier and optional range."""

    model_config = ConfigDict(frozen=True)

    value: float
    unit: str
    qualifier: Qualifier | None = None
    low: float | None = None
    high: float | None = None

    def __str__(self) -> str:
        prefix = f"{self.qualifier} " if self.qualifier else ""
        return f"{prefix}{self.value:g} {self.unit}"


class Evidence(BaseModel):
    """The span of a report's text that supports a value."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    text: str
    report_hash: str | None = None


class Report(BaseModel):
    """One news story, bulletin or statement as it was read (its text without NUL characters:
    :func:`without_nul`)."""

    source: str = Field(description="file path, URL or feed entry id the report came from")
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: datetime | None = None
    content_hash: str = ""
    language: str | None = Field(None, description="ISO 639-1 code of the report's language "
                                 "when it is known before reading (``--lang``); else the "
                                 "extractor detects it")

    @field_validator("source", "text", "title", "publisher", "url")
    @classmethod
    def _without_nul(cls, value: str | None) -> str | None:
        return without_nul(value) if value is not None else None

    def model_post_init(self, __context: Any) -> None:
        if not self.content_hash:
            self.content_hash = content_hash((self.title or "") + "\n" + self.text)

    @property
    def published_date(self) -> date | None:
        return self.published.date() if self.published else None


class ContextItem(BaseModel):
    """A piece of political context the report ties to the launch."""

    kind: Literal["visit", "exercise", "summit", "un_security_council", "statement", "sanctions",
                  "election", "anniversary", "meeting", "other"]
    text: str
    evidence: Evidence


class DayHint(BaseModel):
    """What a report says of its launch's day when it cannot say which day that was.

    A page with no publication date still says "on Monday", "6日" or "28일" (a day of the
    month), or "on July 4" (no year), and its URL may show the year and month it was filed
    ("/2017/03/").  None of these fixes a date, so the launch stays undated; together they
    rule out most days, which is what fusion needs to join the launch to the dated event it is
    (:func:`launchwatch.events.matching.same_launch_day`)."""

    model_config = ConfigDict(frozen=True)

    year: int | None = None
    month: int | None = None
    day: int | None = Field(None, description="day of the month")
    weekday: int | None = Field(None, description="0 = Monday ... 6 = Sunday")
    filed_in: tuple[int, int] | None = Field(
        None, description="year and month the page was filed in (its URL): the launch is at "
        "most FILED_LAG_DAYS before a day of that month")
    filed_on: tuple[int, int] | None = Field(
        None, description="month and day the story was filed on (a dateline without a year, "
        "'TOKYO, Oct 04 --'): the launch is at most FILED_LAG_DAYS before it")
    evidence: Evidence | None = None

    FILED_LAG_DAYS: ClassVar[int] = 7
    """A report is filed within a week of the launch it reports (what
    :data:`launchwatch.events.matching.UNDATED_MATCH_DAYS` assumes of a publication date)."""

    def admits(self, day: date) -> bool:
        """Whether ``day`` agrees with every part of the launch's day the report states."""
        if self.year is not None and day.year != self.year or \
                self.month is not None and day.month != self.month or \
                self.day is not None and day.day != self.day or \
                self.weekday is not None and day.weekday() != self.weekday:
            return False
        if self.filed_on is not None and not any(
                ((later := day + timedelta(days=lag)).month, later.day) == self.filed_on
                for lag in range(self.FILED_LAG_DAYS + 1)):
            return False
        if self.filed_in is not None:
            first, last = self._filed_window(*self.filed_in)
            return first <= day <= last
        return True

    def bounds(self) -> tuple[date, date] | None:
        """The first and last day the hint can mean where it bounds them: the month a URL was
        filed in (and the week before it), a month of a year, a year; else None."""
        if self.filed_in is not None:
            return self._filed_window(*self.filed_in)
        if self.year is not None and self.month is not None:
            return (date(self.year, self.month, 1),
                    date(self.year, self.month, calendar.monthrange(self.year, self.month)[1]))
        if self.year is not None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        return None

    def days(self) -> list[date]:
        """Every day the hint admits, where it bounds them (:meth:`bounds`); else none."""
        bounds = self.bounds()
        if bounds is None:
            return []
        first, last = bounds
        return [day for offset in range((last - first).days + 1)
                if self.admits(day := first + timedelta(days=offset))]

    @classmethod
    def _filed_window(cls, year: int, month: int) -> tuple[date, date]:
        return (date(year, month, 1) - timedelta(days=cls.FILED_LAG_DAYS),
                date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def stated(cls, **parts: Any) -> DayHint | None:
        """The hint of ``parts``, or None where they state nothing of the day (evidence alone
        is no hint): what every reader returns for an undated launch."""
        hint = cls(**parts)
        stated = (hint.year, hint.month, hint.day, hint.weekday, hint.filed_in, hint.filed_on)
        return hint if any(part is not None for part in stated) else None


class Launch(BaseModel):
    """One launch event as one report states it; every value keeps the span supporting it.

    Its values are the launch fields (:mod:`launchwatch.model.fields`), one attribute each, in
    the order declared there."""

    role: Literal["reported", "background"] = Field(
        "reported", description="'reported': the launch the report is about; 'background': an "
        "earlier launch the report recalls, with the figures it gives for it")
    country: str | None = None
    date_local: date | None = None
    date_precision: DatePrecision = "day"
    time_local: time | None = None
    launch_site: str | None = None
    launch_lat: float | None = None
    launch_lon: float | None = None
    missile_class: MissileClass | None = None
    missile_name: str | None = None
    count: int | None = None
    distance_km: Quantity | None = None
    apogee_km: Quantity | None = None
    flight_time_s: Quantity | None = None
    max_speed_mach: Quantity | None = None
    landing_area: str | None = None
    inside_japan_eez: bool | None = None
    direction: str | None = None
    outcome: Outcome | None = None
    confirmation: Confirmation | None = None
    reported_by: list[str] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    alternatives: dict[str, list[Any]] = Field(default_factory=dict)
    day_hint: DayHint | None = Field(
        None, description="the parts of the launch day the report states, where it states no "
        "date (undated launches only)")
    time_zone: str | None = Field(
        None, description="the zone the report stated the time in, where the launch is "
        "undated and that zone is not the launching state's: time_local is then read as on "
        "UNDATED_CLOCK_DAY, and fusion moves it once the day is known (dated_clock)")

    @property
    def qualifiers(self) -> dict[str, str]:
        out = {}
        for name in QUANTITY_FIELDS:
            quantity = getattr(self, name)
            if quantity is not None and quantity.qualifier:
                out[name] = quantity.qualifier
        return out

    def to_record(self) -> dict[str, Any]:
        """The flat JSON form printed by ``launchwatch extract``."""
        record: dict[str, Any] = {"role": self.role}
        for field in LAUNCH_FIELDS:
            record[field.name] = _plain_value(getattr(self, field.name))
        record.update({
            "reported_by": list(self.reported_by),
            "evidence": {k: v.model_dump(exclude={"report_hash"}) for k, v in self.evidence.items()},
            "qualifiers": self.qualifiers,
            "alternatives": self.alternatives,
        })
        if self.day_hint is not None:
            record["day_hint"] = self.day_hint.model_dump(
                mode="json", exclude_none=True, exclude={"evidence": {"report_hash"}})
        return record


class PublishedDate(BaseModel):
    """When the report was published, and where that came from: its header, or the page
    itself (the URL, a date line, a dateline, a stray header string)."""

    day: date
    source: Literal["header", "url", "date-line", "dateline", "header-string"]
    evidence: Evidence | None = None


class Extraction(BaseModel):
    """What the extractor found in one report."""

    source: str
    report_hash: str
    is_launch_report: bool
    launches: list[Launch] = Field(default_factory=list)
    context: list[ContextItem] = Field(default_factory=list)
    published: PublishedDate | None = None
    language: str | None = Field(None, description="ISO 639-1 code of the language the report "
                                 "was read in (\"en\", \"ja\", \"ko\")")
    reasons: list[str] = Field(default_factory=list, description="why the extractor decided "
                               "the report is, or is not, about a launch (the statement that "
                               "decided, or the statements it turned down)")

    def to_record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "is_launch_report": self.is_launch_report,
            "language": self.language,
            "published": self.published.model_dump(mode="json", exclude={"evidence": {"report_hash"}})
            if self.published else None,
            "launches": [launch.to_record() for launch in self.launches],
            "context": [{"kind": c.kind, "text": c.text,
                         "evidence": c.evidence.model_dump(exclude={"report_hash"})}
                        for c in self.context],
        }


def _plain_value(value: Any) -> Any:
    """A field's value in the flat record: a date as YYYY-MM-DD, a time as HH:MM, a figure as
    its number."""
    if isinstance(value, Quantity):
        return _plain_number(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def _plain_number(value: float) -> float | int:
    """500.0 -> 500, 1002.3 -> 1002.3: JSON as a person would write it."""
    return int(value) if float(value).is_integer() else value
