"""Test helpers: the fixture folders and a fake extractor, so that ingest tests do not depend
on the real one."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from launchwatch.model import Evidence, Extraction, Launch, Quantity, Report

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = FIXTURES / "formats"
BROKEN = FIXTURES / "broken"

_DISTANCE = re.compile(r"(\d[\d,]*) km")


class FakeExtractor:
    """One launch per report that says "missile" and gives a distance; counts its calls.

    ``fail_on`` is a text fragment: a report containing it makes the extractor raise.
    """

    def __init__(self, fail_on: str | None = None,
                 launches: Callable[[Report], list[Launch]] | None = None) -> None:
        self.calls: list[str] = []
        self.fail_on = fail_on
        self.launches = launches

    def __call__(self, report: Report) -> Extraction:
        self.calls.append(report.source)
        if self.fail_on and self.fail_on in report.text:
            raise RuntimeError("the fake extractor was told to fail here")
        if self.launches is not None:
            launches = self.launches(report)
        else:
            launches = []
            match = _DISTANCE.search(report.text)
            if "missile" in report.text and match:
                km = float(match[1].replace(",", ""))
                launches.append(Launch(
                    country="North Korea",
                    distance_km=Quantity(value=km, unit="km", qualifier="about"),
                    evidence={"distance_km": Evidence(start=match.start(), end=match.end(),
                                                      text=match[0])}))
        return Extraction(source=report.source, report_hash=report.content_hash,
                          is_launch_report=bool(launches), launches=launches)


def distance_extractor(report: Report) -> Extraction:
    """FakeExtractor's rules as a module-level function, which worker processes can import."""
    return FakeExtractor()(report)


def failing_extractor(report: Report) -> Extraction:
    """distance_extractor, failing on the report from the Pyongyang area (in wire.rss)."""
    return FakeExtractor(fail_on="Pyongyang area")(report)


def crashing_extractor(report: Report) -> Extraction:
    """Ends the worker process running it, as a crash in native code would."""
    os._exit(3)


def sleeping_extractor(report: Report) -> Extraction:
    """Extracts nothing for a minute: keeps worker processes busy while a test kills their
    parent."""
    time.sleep(60)
    return FakeExtractor()(report)
