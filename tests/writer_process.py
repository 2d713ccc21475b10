"""A writer in a process of its own, for the tests that need one: two writers on one database
(``store/test_concurrency.py``) and an ingest killed and run again (``test_kill_resume.py``).
It stores reports the way ``launchwatch ingest`` or the web's ``POST /api/reports`` does, and
prints what went wrong as JSON lines; exit code 0 when every call succeeded.

    python writer_process.py URL ingest|add NAME FIRST_DAY DAYS REPORTS_PER_DAY
    python writer_process.py URL folder PATH

The first form writes its own reports: each states one North Korean launch on its day (day
``FIRST_DAY + k`` after 2001-01-01), and the extractor is a fake, so that the test measures
the store and not spaCy.  ``ingest`` stores them a few at a time through
:meth:`Pipeline.ingest`; ``add`` one by one through :meth:`Pipeline.add`.  ``folder`` ingests
the report files in PATH with the real extractor.  The assessor is a fake either way (the
Monte Carlo and the geography would take seconds to load in each process), which takes
:data:`ASSESS_PAUSE_S` over each event, as a real one takes its time.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock

from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.errors import LaunchwatchError
from launchwatch.model import Assessment, Event, Extraction, Launch, Quantity, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store

from fakes import skipped_assessment

FIRST = date(2001, 1, 1)
KST = timezone(timedelta(hours=9))
REPORTS_PER_INGEST = 7  # a small ingest: many fusions, many chances to meet the other writer
ASSESS_PAUSE_S = 0.02


class FakeAssessor:
    """An assessment that skips every figure: instant, and stored like a real one."""

    method = "fake v1"

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        time.sleep(ASSESS_PAUSE_S)
        return skipped_assessment(event, self.method)


def extract(report: Report) -> Extraction:
    """The launch the report's first line states: 'DAY KM' (ISO date, distance in km)."""
    day_text, km_text = report.text.split("\n", 1)[0].split()
    launch = Launch(country="North Korea", date_local=date.fromisoformat(day_text),
                    distance_km=Quantity(value=float(km_text), unit="km", qualifier="about"),
                    reported_by=["ROK JCS"])
    return Extraction(source=report.source, report_hash=report.content_hash,
                      is_launch_report=True, launches=[launch])


def reports(name: str, first_day: int, days: int, per_day: int) -> list[Report]:
    """``per_day`` reports of each of ``days`` days from ``first_day``, each in words of its
    own (``name`` in the text keeps two writers' reports apart)."""
    out = []
    for k in range(first_day, first_day + days):
        day = FIRST + timedelta(days=k)
        for n in range(per_day):
            out.append(Report(
                source=f"{name}-{k}-{n}.txt", publisher="Hanbit News Agency",
                published=datetime.combine(day, clock(8 + n), tzinfo=KST),
                text=f"{day.isoformat()} {600 + 10 * n}\nNorth Korea fired a ballistic "
                     f"missile, {name} writes ({k}, {n})."))
    return out


def main() -> int:
    url, mode, *args = sys.argv[1:]
    problems: list[str] = []
    with Store.open(url) as store:
        if mode == "folder":
            summary = Pipeline(store, assessor=FakeAssessor()).ingest([args[0]])
            problems = [str(failure) for failure in summary.failures]
        else:
            name, first_day, days, per_day = args
            pipeline = Pipeline(store, extractor=extract, assessor=FakeAssessor())
            todo = reports(name, int(first_day), int(days), int(per_day))
            step = 1 if mode == "add" else REPORTS_PER_INGEST
            for start in range(0, len(todo), step):
                try:
                    if mode == "add":
                        pipeline.add(todo[start])
                    else:
                        summary = pipeline.ingest(todo[start:start + step])
                        problems += [f"{start}: {failure}" for failure in summary.failures]
                except LaunchwatchError as exc:
                    problems.append(f"{start}: {exc}")
    for problem in problems:
        print(json.dumps({"writer": mode, "error": problem}), flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
