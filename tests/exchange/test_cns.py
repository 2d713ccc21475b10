"""CNS CSV: reading free-text cells, importing into events, round trips, bad rows by line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from launchwatch.events import Tier
from launchwatch.exchange import (COLUMNS, export_events, parse_km, read_cns_csv, read_cns_text,
                                  reports_wanted)
from launchwatch.exchange.cns import local_time, utc_time
from launchwatch.exchange.cns_writer import columns
from launchwatch.model import Extraction, Launch, Quantity, Report
from launchwatch.pipeline import Pipeline
from launchwatch.store import Store
from launchwatch.store.queries import reports

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "cns-sample.csv"
SHARED_CNS = Path(__file__).resolve().parents[3] / "shared" / "data" / "cns-nk-missile-tests.json"


@pytest.mark.parametrize(("text", "expected"), [
    ("2,111.5 km", Quantity(value=2111.5, unit="km")),
    ("787 km", Quantity(value=787, unit="km")),
    ("approximately 50 km", Quantity(value=50, unit="km", qualifier="about")),
    ("~700km", Quantity(value=700, unit="km", qualifier="about")),
    ("over 2000 km", Quantity(value=2000, unit="km", qualifier="over")),
    ("more than 6,000 km", Quantity(value=6000, unit="km", qualifier="more than")),
    ("between 25 and 90 km", Quantity(value=57.5, unit="km", low=25, high=90)),
    ("25-90 km", Quantity(value=57.5, unit="km", low=25, high=90)),
    ("620 miles", Quantity(value=997.79328, unit="km")),
    ("780 nautical miles", Quantity(value=1444.56, unit="km")),
    ("Unknown", None), ("N/A", None), ("", None), ("na", None),
])
def test_free_text_cells(text: str, expected: Quantity | None) -> None:
    assert parse_km(text) == expected


def test_an_unreadable_cell_says_what_to_write() -> None:
    with pytest.raises(Exception, match="between 25 and 90 km"):
        parse_km("very high", "Apogee")


def test_rows_are_read_and_bad_rows_reported_by_line() -> None:
    read = read_cns_csv(SAMPLE)
    assert [row.f1 for row in read.rows] == ["101", "102", "103", "104", "105"]
    assert [(f.line, f.field) for f in read.failures] == [
        (7, "Date"), (8, "Facility Latitude"), (9, "Apogee")]
    assert all(str(SAMPLE) == f.path for f in read.failures)
    assert "YYYY-MM-DD" in read.failures[0].message
    first = read.rows[0]
    assert (first.date_local, first.time_utc, first.entered) == \
        (date(2017, 5, 14), time(20, 58), date(2017, 5, 20))
    assert first.apogee_km == Quantity(value=2111.5, unit="km")
    assert read.rows[4].time_utc is None and read.rows[4].distance_km is None


def test_camel_case_headers_read_the_same() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    camel = ",".join("".join(w[:1].upper() + w[1:] for w in name.replace("/", " ")
                             .replace("(", " ").replace(")", " ").split())
                     for name in next(csv.reader([header])))
    assert "LaunchTimeUTC" in camel and "DistanceTravelled" in camel
    spaced, folded = read_cns_text(text), read_cns_text(camel + "\n" + rest)
    assert [r.cells for r in folded.rows] == [r.cells for r in spaced.rows]


def test_a_file_without_a_date_column_is_refused() -> None:
    with pytest.raises(Exception, match="no Date column") as caught:
        read_cns_text("Missile Name,Apogee\nKN-23,50 km\n", source="x.csv")
    assert caught.value.line == 1


def test_launch_times_are_north_korean_local_times() -> None:
    # UTC+8:30 from 2015-08-15 to 2018-05-04, UTC+9 otherwise.
    assert local_time(date(2017, 5, 14), time(20, 58)) == time(5, 28)
    assert local_time(date(2022, 10, 4), time(22, 23)) == time(7, 23)
    assert utc_time(date(2017, 5, 14), time(5, 28)) == time(20, 58)


def test_import_makes_one_event_per_launch(db: Store) -> None:
    summary = Pipeline(db).import_cns(SAMPLE, assess=False)
    assert (summary.rows, summary.launches, summary.new, summary.duplicate) == (8, 4, 4, 0)
    assert [f.line for f in summary.failures] == [7, 8, 9]
    events = {e.id: e for e in db.events()}
    assert sorted(events) == ["KP-2016-07-19-1", "KP-2017-05-14-1", "KP-2019-07-25-1",
                              "KP-2022-10-04-1"]
    salvo = events["KP-2019-07-25-1"]
    assert salvo.value("count") == 2 and salvo.distance_km.value == 600
    assert [c.value for c in salvo.fields["distance_km"].claims] == [600, 430]
    assert salvo.value("time_local") == "05:34"
    assert salvo.fields["distance_km"].best.tier == Tier.DATABASE
    assert salvo.fields["distance_km"].best.evidence.text == "600 km"
    hwasong = events["KP-2017-05-14-1"]
    assert (hwasong.value("time_local"), hwasong.launch_point) == ("05:28", (40.01325, 125.22302))
    assert hwasong.apogee_km == Quantity(value=2111.5, unit="km")
    scud = events["KP-2016-07-19-1"]
    assert (scud.apogee_km.low, scud.apogee_km.high) == (25, 90)
    # Importing the file again changes nothing.
    again = Pipeline(db).import_cns(SAMPLE, assess=False)
    assert (again.new, again.duplicate, again.events) == (0, 4, [])


def test_round_trip_import_export_import(tmp_path: Path) -> None:
    exported, records = [], []
    source = SAMPLE
    for step in range(2):
        with Store.open(tmp_path / f"round-{step}.sqlite3") as store:
            Pipeline(store).import_cns(source, assess=False)
            events = store.events()
            records.append([event.to_record() for event in events])
            out = tmp_path / f"export-{step}.csv"
            export_events(events, "cns", out,
                          reports=reports(store, reports_wanted(events, "cns")))
            exported.append(out.read_text(encoding="utf-8"))
            source = out
    assert exported[0] == exported[1]
    assert _comparable(records[0]) == _comparable(records[1])
    rows = list(csv.DictReader(io.StringIO(exported[0])))
    # The file's dates are local, so the export's date and time are both local, and say so.
    assert list(rows[0]) == columns("local")
    # One row per missile, as CNS keeps them, every cell as the file had it but the time.
    salvo = [row for row in rows if row["Date (local)"] == "7/25/2019"]
    assert [row["F1"] for row in salvo] == ["102", "103"]
    assert {row["Launch Time (local)"] for row in salvo} == {"05:34"}
    # Each missile keeps its own figure and notes.
    assert sorted((row["Distance Travelled"], row["Additional Information"]) for row in salvo) \
        == [("430 km", "Second of two."), ("600 km", "First of two.")]
    assert {row["Apogee"] for row in salvo} == {"approximately 50 km"}
    assert {row["Launch Agency/Authority"] for row in salvo} == {"Korean People's Army"}
    assert [row["Apogee"] for row in rows if row["Date (local)"] == "7/19/2016"] == \
        ["between 25 and 90 km"]
    # What launchwatch fused sits beside them.
    assert {row["Event ID"] for row in salvo} == {"KP-2019-07-25-1"}
    assert {row["Event: Number fired"] for row in salvo} == {"2"}


def _comparable(records: list[dict]) -> list[dict]:
    """Records without what names the files they came from."""
    return [{k: v for k, v in record.items() if k not in {"revisions"}} for record in records]


def test_cns_rows_and_news_reports_of_one_launch_are_one_event(db: Store) -> None:
    Pipeline(db).import_cns(SAMPLE, assess=False)
    news = Report(source="jcs.txt", text="North Korea fired an IRBM over Japan.",
                  publisher="Hanbit News Agency",
                  published=datetime(2022, 10, 4, 8, 0, tzinfo=ZoneInfo("Asia/Seoul")))
    launch = Launch(country="North Korea", date_local=date(2022, 10, 4), time_local=time(7, 23),
                    distance_km=Quantity(value=4500, unit="km", qualifier="about"),
                    reported_by=["ROK JCS"])
    added = Pipeline(db).add(news, Extraction(source=news.source, report_hash=news.content_hash,
                                              is_launch_report=True, launches=[launch]))
    assert (added.events, added.updated) == (["KP-2022-10-04-1"], ["KP-2022-10-04-1"])
    event = db.event("KP-2022-10-04-1")
    assert len(event.reports) == 2
    distance = event.fields["distance_km"]
    assert (distance.value, distance.best.authority) == (4500, "ROK JCS")
    assert [c.authority for c in distance.claims] == ["ROK JCS", "CNS"]


def _cns_json_as_csv(path: Path) -> str:
    """The shared CNS data (nagix JSON: UTC dates and times) written as a CNS CSV."""
    data = json.loads(path.read_text(encoding="utf-8"))
    folder = path.parent
    facilities = json.loads((folder / "cns-nk-facilities.json").read_text())["facilities"]
    missiles = json.loads((folder / "cns-nk-missiles.json").read_text())
    zone = ZoneInfo("Asia/Pyongyang")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS))
    writer.writeheader()
    rows = [row for block in data["timeBins"] for row in block["data"]]
    for f1, row in enumerate(rows, 1):
        clock = row["time"].split()[0]
        if len(row["date"]) != 10:  # a month only ("1984-09"): written as the data has it
            writer.writerow({"F1": f1, "Date": row["date"]})
            continue
        day = date.fromisoformat(row["date"])
        if clock != "unknown":
            utc = datetime.combine(day, time.fromisoformat(clock))
            day = (utc + zone.utcoffset(utc)).date()
        facility = facilities.get(row["facility"], {})
        missile = missiles.get(row["missile"], {})
        writer.writerow({
            "F1": f1, "Date": day.isoformat(), "Launch Time (UTC)": clock,
            "Missile Name": missile.get("name", row["missile"]),
            "Missile Type": missile.get("type", "Unknown"),
            "Facility Name": facility.get("name", row["facility"]),
            "Facility Latitude": facility.get("lat", ""),
            "Facility Longitude": facility.get("lon", ""),
            "Landing Location": row["landing"], "Apogee": row["apogee"],
            "Distance Travelled": row["distance"], "Test Outcome": row["outcome"]})
    return buffer.getvalue()


def test_the_cns_database_round_trips(tmp_path: Path) -> None:
    if not SHARED_CNS.is_file():
        pytest.skip(f"the CNS data is not at {SHARED_CNS}")
    original = tmp_path / "cns.csv"
    original.write_text(_cns_json_as_csv(SHARED_CNS), encoding="utf-8")
    with Store.open(tmp_path / "a.sqlite3") as store:
        summary = Pipeline(store).import_cns(original, assess=False)
        # The eight tests the data dates only to the month are imported to the month.
        assert summary.rows == 339 and summary.failures == []
        assert summary.imprecise == 8
        first = store.events()
        export_events(first, "cns", tmp_path / "b.csv",
                      reports=reports(store, reports_wanted(first, "cns")))
    with Store.open(tmp_path / "b.sqlite3") as store:
        Pipeline(store).import_cns(tmp_path / "b.csv", assess=False)
        second = store.events()
        export_events(second, "cns", tmp_path / "c.csv",
                      reports=reports(store, reports_wanted(second, "cns")))
    # Every launch (rows sharing date, time and facility) is one event.
    assert len(first) == summary.launches
    assert sum(event.value("count") for event in first) == 339
    assert sum(event.date_precision == "month" for event in first) >= 5
    assert [e.to_record() for e in first] == [e.to_record() for e in second]
    assert (tmp_path / "b.csv").read_text() == (tmp_path / "c.csv").read_text()
