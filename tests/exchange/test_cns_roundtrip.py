"""A CNS file, news reports of the same days, and an export: CNS's own cells come back as
they went in, whatever the news reports added to the events."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from launchwatch.exchange import export_events, reports_wanted
from launchwatch.exchange.cns import COLUMNS, headings
from launchwatch.exchange.cns_writer import EVENT_COLUMNS
from launchwatch.model import Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.queries import reports

from fakes import skipped_assessment
from launchwatch.assess.assessor import assessment_inputs, inputs_hash
from launchwatch.model import Assessment, Event


class SkippingAssessor:
    """Assesses without physics: the round trip is about the rows, not the figures."""

    method = "skipping v1"

    def inputs_hash(self, event: Event) -> str:
        return inputs_hash(assessment_inputs(event))

    def assess(self, event: Event) -> Assessment:
        return skipped_assessment(event, self.method)

SEOUL = ZoneInfo("Asia/Seoul")

# Dates in UTC.  F1 11 and 12 are one local day (16 March 2022 in Pyongyang: 08:30 and
# 14:10), a failure and a success from two sites; 13 and 14 are a salvo of two; 15 is
# unconfirmed; 3 gives only a month and 1 no date at all.
_ROWS = [
    ["1", "Unknown", "", "Unknown", "Scud-B", "SRBM", "", "Tonghae Satellite Launching Ground",
     "", "", "", "", "Unknown", "Unknown", "Unknown", "Unconfirmed", "Unknown",
     "A test said to have happened in the early years; no date survives.", ""],
    ["3", "1984-09", "2019-01-10", "Unknown", "Scud-B", "SRBM", "", "Tonghae Satellite "
     "Launching Ground", "Hwadae County", "", "40.855", "129.666", "Unknown", "Unknown",
     "Unknown", "Confirmed", "Failure", "One of the first tests.", "History of the program"],
    ["11", "2022-03-15", "2022-03-20", "23:30", "Hwasong-17", "ICBM", "Strategic Force",
     "Sunan", "Pyongyang", "Pyongyang International Airport", "39.2", "125.67", "Unknown",
     "Unknown", "Unknown", "Confirmed", "Failure",
     "Broke up at low altitude a few seconds into flight; debris fell near the capital.",
     "ROK JCS"],
    ["12", "2022-03-16", "2022-03-20", "05:10", "KN-23", "SRBM", "Korean People's Army",
     "Hamhung", "South Hamgyong Province", "", "39.9", "127.6", "Sea of Japan",
     "approximately 60 km", "approximately 400 km", "Confirmed", "Success", "", "ROK JCS"],
    ["13", "2022-09-28", "2022-10-01", "10:10", "KN-23", "SRBM", "Korean People's Army",
     "Sunan", "Pyongyang", "", "39.2", "125.67", "Sea of Japan", "about 30 km", "360 km",
     "Confirmed", "Success", "First of a pair.", "Japan MoD"],
    ["14", "2022-09-28", "2022-10-01", "10:25", "KN-23", "SRBM", "Korean People's Army",
     "Sunan", "Pyongyang", "", "39.2", "125.67", "Sea of Japan", "about 30 km", "340 km",
     "Confirmed", "Success", "Second of a pair.", "Japan MoD"],
    ["15", "2022-11-30", "2022-12-05", "Unknown", "Unknown", "SRBM", "", "Unknown", "", "",
     "", "", "Unknown", "Unknown", "Unknown", "Unconfirmed", "Unknown",
     "A single source; not confirmed by Seoul or Tokyo.", "Press report"],
]

# News of the same days, in the words a wire might use.
_NEWS = [
    ("wire-failure.txt", datetime(2022, 3, 16, 11, 0, tzinfo=SEOUL),
     "North Korea fired a ballistic missile from the Sunan area of Pyongyang at about 9 a.m. "
     "on Wednesday, but the launch appears to have failed shortly after liftoff, South "
     "Korea's Joint Chiefs of Staff said."),
    ("wire-success.txt", datetime(2022, 3, 16, 16, 0, tzinfo=SEOUL),
     "North Korea launched a short-range ballistic missile from Hamhung at 2:40 p.m. on "
     "Wednesday, Seoul's Joint Chiefs of Staff said. The missile flew about 410 km at an "
     "apogee of 60 km before landing in the East Sea."),
    ("wire-salvo.txt", datetime(2022, 9, 29, 8, 0, tzinfo=SEOUL),
     "North Korea fired two short-range ballistic missiles from the Sunan area on Wednesday "
     "evening, Japan's Ministry of Defense said. One flew about 350 km; both fell outside "
     "Japan's exclusive economic zone."),
]


def _cns_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_ROWS)
    return buffer.getvalue()


@pytest.fixture
def exported(tmp_path: Path) -> tuple[list[dict[str, str]], list[str], Store]:
    source = tmp_path / "cns.csv"
    source.write_text(_cns_csv(), encoding="utf-8")
    store = Store.open(tmp_path / "round.sqlite3")
    pipeline = Pipeline(store, assessor=SkippingAssessor())
    summary = pipeline.import_cns(source, assess=False, dates="utc")
    assert summary.failures == [] and summary.rows == len(_ROWS)
    assert summary.imprecise == 2  # the month and the unknown date
    assert summary.dates == "utc" and "as asked" in summary.dates_reason
    for name, published, text in _NEWS:
        pipeline.add(Report(source=name, text=text, publisher="Wire", published=published))
    events = store.events()
    out = tmp_path / "export.csv"
    export_events(events, "cns", out, reports=reports(store, reports_wanted(events, "cns")))
    text = out.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    yield list(csv.DictReader(io.StringIO(text))), header, store
    store.close()


def test_cns_own_cells_come_back_unchanged(exported) -> None:
    rows, header, _ = exported
    named = headings("utc")
    # The date and time columns name their zone; the fused columns come after CNS's.
    assert header == [named.get(c, c) for c in COLUMNS] + list(EVENT_COLUMNS)
    by_f1 = {row["F1"]: row for row in rows}
    assert set(by_f1) >= {row[0] for row in _ROWS}
    for original in _ROWS:
        back = by_f1[original[0]]
        for column, cell in zip(COLUMNS, original):
            assert back[named.get(column, column)] == cell, (original[0], column)


def test_news_reports_joined_the_events_and_sit_beside_cns(exported) -> None:
    rows, _, store = exported
    events = {event.id: event for event in store.events()}
    # A month is not its first day, and an undated row is an event of its own.
    month = [e for e in events.values() if e.date_precision == "month"]
    assert [(e.date_local, len(e.reports)) for e in month] == [(date(1984, 9, 1), 1)]
    assert any("-undated-" in event_id for event_id in events)
    # The failure and the success of 16 March stay two events with their own outcomes.
    march = sorted((e for e in events.values() if e.date_local == date(2022, 3, 16)),
                   key=lambda e: e.value("time_local"))
    assert [e.value("outcome") for e in march] == ["failure", "success"]
    assert [e.value("missile_name") for e in march] == ["Hwasong-17", "KN-23"]
    # News joined CNS's launches: fused values go in the event's columns.
    joined = [e for e in events.values()
              if {r.publisher for r in e.reports} >= {"Wire", "CNS North Korea Missile Test "
                                                              "Database"}]
    assert joined
    salvo = [row for row in rows if row["F1"] in {"13", "14"}]
    assert {row["Event ID"] for row in salvo} == {"KP-2022-09-28-1"}
    assert {row["Event: Number fired"] for row in salvo} == {"2"}
    unconfirmed = next(row for row in rows if row["F1"] == "15")
    assert unconfirmed["Event: Confirmation"] == "unconfirmed"


def test_the_export_reads_back_as_the_same_cns_reports(exported, tmp_path: Path) -> None:
    rows, header, store = exported
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    # The header says the dates are UTC: no --dates needed, and every CNS day is known.
    summary = Pipeline(store, assessor=SkippingAssessor()).import_cns(again, assess=False)
    assert summary.dates == "utc" and "header" in summary.dates_reason
    assert summary.failures == [] and summary.imprecise == 2
    cns_days = summary.new + summary.duplicate
    assert summary.duplicate >= 5 and summary.new == cns_days - summary.duplicate
