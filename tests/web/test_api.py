"""The HTTP API: every endpoint, with good input, bad input and missing or wrong tokens."""

from __future__ import annotations

import gzip
import json

import pytest

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}

NEW_REPORT = ("Title: North Korea fires ballistic missile into the East Sea\n"
              "Publisher: Test Wire\n"
              "Published: 2025-03-10T09:30+09:00\n\n"
              "SEOUL, March 10 -- North Korea fired a short-range ballistic missile from the "
              "Sunan area of Pyongyang at 8:15 a.m. on Monday, South Korea's Joint Chiefs of "
              "Staff said. The missile flew about 600 km and reached an altitude of about 50 km "
              "before falling into the East Sea.")
SECOND_SOURCE = ("Title: Japan revises its figures for Wednesday's missile\n"
                 "Publisher: Test Wire\n"
                 "Published: 2022-05-05T10:00+09:00\n\n"
                 "TOKYO -- The ballistic missile North Korea fired from the Sunan area of "
                 "Pyongyang at 12:03 p.m. on Wednesday flew about 490 km and reached an altitude "
                 "of about 790 km, Japan's Ministry of Defense said on Thursday, revising its "
                 "earlier estimate.")
NOT_A_LAUNCH = ("Publisher: Test Wire\nPublished: 2025-03-11\n\nThe city council met on "
                "Tuesday to discuss the new bus timetable and a park renovation.")


def assert_error(response, status: int, code: str, field: str | None = None) -> dict:
    """The one error shape, with a message that is a sentence."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    assert len(body["error"]["message"]) > 20
    if field is not None:
        assert body["error"]["field"] == field
    return body["error"]


def all_events(client, **params) -> list[dict]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["events"]


# -- reading events ---------------------------------------------------------------------------

def test_events_are_listed_latest_first_with_a_total(client):
    page = client.get("/api/events").json()
    assert page["total"] == len(page["events"]) >= 10
    dates = [e["date_local"] for e in page["events"] if e["date_local"]]
    assert dates == sorted(dates, reverse=True)
    first = page["events"][0]
    assert first["url"] == f"/events/{first['id']}"
    assert first["report_count"] >= 1


def test_events_page_through_with_limit_and_offset(client):
    everything = [e["id"] for e in all_events(client)]
    first = client.get("/api/events", params={"limit": 3}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert [e["id"] for e in first["events"] + second["events"]] == everything[:6]
    assert first["total"] == second["total"] == len(everything)


def test_events_filter_by_country_class_and_period(client):
    events = all_events(client)
    pakistan = all_events(client, country="Pakistan")
    assert pakistan and all(e["country"] == "Pakistan" for e in pakistan)
    assert len(pakistan) < len(events)
    srbm = all_events(client, **{"class": "SRBM"})
    assert srbm and all(e["missile_class"] == "SRBM" for e in srbm)
    in_2022 = all_events(client, **{"from": "2022", "to": "2022"})
    assert in_2022 and all(e["date_local"].startswith("2022") for e in in_2022)
    may_2022 = all_events(client, **{"from": "2022-05", "to": "2022-05-31"})
    assert may_2022 and all(e["date_local"].startswith("2022-05") for e in may_2022)
    assert len(may_2022) < len(in_2022)
    assert all_events(client, country="north korea") == all_events(client, country="DPRK")


def test_unknown_filter_values_are_refused_with_the_values_there_are(client):
    error = assert_error(client.get("/api/events", params={"country": "Atlantis"}), 422,
                         "invalid", "country")
    assert "Atlantis" in error["message"] and "North Korea" in error["message"]
    error = assert_error(client.get("/api/events", params={"outcome": "meh"}), 422, "invalid",
                         "outcome")
    assert "success, failure, partial, unknown" in error["message"]
    assert_error(client.get("/api/map", params={"class": "BRBM"}), 422, "invalid", "class")


def test_missile_site_and_outcome_filters_take_aliases(client):
    hwasong = all_events(client, missile="hwasong-18")
    assert hwasong and all(e["missile_name"] == "Hwasong-18" for e in hwasong)
    # A site as the gazetteer names it selects the phrases the reports wrote for it.
    sunan = all_events(client, site="Sunan")
    assert sunan and all("Sunan" in e["launch_site"] for e in sunan)
    unknown = all_events(client, outcome="unknown")
    succeeded = all_events(client, outcome="success")
    assert len(unknown) + len(succeeded) <= len(all_events(client))
    assert {e["id"] for e in unknown}.isdisjoint(e["id"] for e in succeeded)


@pytest.mark.parametrize("params, field", [
    ({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"limit": "many"}, "limit"),
    ({"offset": -1}, "offset"), ({"from": "2022-13"}, "from"), ({"to": "last year"}, "to"),
    ({"from": "2022-02-30"}, "from"), ({"from": "2023", "to": "2022"}, "from"),
    ({"country": "x" * 101}, "country"),
])
def test_bad_list_parameters_are_refused_with_the_field(client, params, field):
    error = assert_error(client.get("/api/events", params=params), 422, "invalid", field)
    assert field in error["message"]


def test_an_event_comes_with_its_provenance(client):
    chosen = next(e for e in all_events(client) if e["distance_km"] is not None)
    event = client.get(f"/api/events/{chosen['id']}").json()
    assert event["id"] == chosen["id"]
    reports = {r["report_hash"]: r for r in event["reports"]}
    assert reports
    distance = next(f for f in event["fields"] if f["name"] == "distance_km")
    assert distance["best"]["value"] == chosen["distance_km"]
    assert "km" in distance["best"]["display"]
    for source in distance["best"]["sources"]:
        span = source["evidence"]
        text = reports[source["report_hash"]]["text"]
        assert text[span["start"]:span["end"]] == span["text"]
    # Every highlighted span of a report lies inside its text and names the fields it supports.
    for report in event["reports"]:
        assert report["spans"]
        for span in report["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(report["text"])
            assert span["fields"]


def test_conflicting_figures_are_kept_with_their_sources(client):
    # Sample 02: Tokyo said about 500 km and 800 km; Seoul about 470 km and 780 km.
    event = next(client.get(f"/api/events/{e['id']}").json() for e in all_events(client)
                 if e["date_local"] == "2022-05-04")
    apogee = next(f for f in event["fields"] if f["name"] == "apogee_km")
    values = {apogee["best"]["value"]} | {c["value"] for c in apogee["conflicts"]}
    assert {800, 780} <= values
    for claim in [apogee["best"], *apogee["conflicts"]]:
        assert claim["sources"] and all(s["evidence"] for s in claim["sources"])


def test_an_unknown_event_is_404_in_the_error_shape(client):
    assert_error(client.get("/api/events/999999"), 404, "not_found", "event_id")
    assert_error(client.get("/api/events/999999/map"), 404, "not_found", "event_id")
    assert_error(client.get("/api/events/" + "9" * 65), 422, "invalid", "event_id")


def test_an_events_geometry_is_geojson(client):
    chosen = next(e for e in all_events(client) if e["launch_lat"] is not None)
    response = client.get(f"/api/events/{chosen['id']}/map")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    site = next(f for f in collection["features"] if f["properties"]["role"] == "launch_site")
    assert site["geometry"]["coordinates"] == [chosen["launch_lon"], chosen["launch_lat"]]
    assert collection["properties"]["title"].startswith(chosen["date_local"])


def test_rings_run_on_across_the_pacific(client):
    """A ring from Korea that crosses 180 degrees runs on east of it on the map, not cut and
    thrown to the far west."""
    icbm = next(e for e in all_events(client) if e["date_local"] == "2017-05-14")
    collection = client.get(f"/api/events/{icbm['id']}/map").json()
    rings = [f for f in collection["features"] if f["properties"]["role"] == "range_ring"]
    assert len(rings) == 3
    assert collection["properties"]["rings"][0].startswith("Minimum-energy range")
    for ring in rings:
        lines = (ring["geometry"]["coordinates"] if ring["geometry"]["type"] ==
                 "MultiLineString" else [ring["geometry"]["coordinates"]])
        for line in lines:
            mean = sum(point[0] for point in line) / len(line)
            assert icbm["launch_lon"] - 135 <= mean < icbm["launch_lon"] + 225


@pytest.mark.parametrize("format, media, marker", [
    ("geojson", "application/geo+json", b'"FeatureCollection"'),
    ("kml", "application/vnd.google-earth.kml+xml", b"<kml"),
    ("cns", "text/csv", b"F1,"),
    ("json", "application/json", b'"events"'),
])
def test_an_event_exports_in_every_format(client, format, media, marker):
    event = next(e for e in all_events(client) if e["date_local"] == "2017-05-14")
    response = client.get(f"/api/events/{event['id']}/export/{format}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and event["id"] in disposition
    assert marker in response.content
    assert event["id"].encode() in response.content


def test_the_cns_row_holds_the_events_best_values(client):
    import csv
    import io

    event = next(e for e in all_events(client) if e["date_local"] == "2017-05-14")
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/api/events/{event['id']}/export/cns").text)))
    assert len(rows) == 1
    # 04:58 Pyongyang time (UTC+8:30) on 14 May was 20:28 UTC on 13 May; the export
    # names the zone of its dates in the header.
    assert rows[0]["Date (UTC)"] == "2017-05-13" and rows[0]["Launch Time (UTC)"] == "20:28"
    assert rows[0]["Event: Date (local)"] == "2017-05-14"
    assert rows[0]["Missile Name"] == "Hwasong-12"
    assert rows[0]["Distance Travelled"] == f"about {event['distance_km']:,.0f} km"


def test_the_filtered_set_exports_in_one_file(client):
    geojson = client.get("/api/export/geojson", params={"country": "North Korea"}).json()
    ids = {f["properties"]["event_id"] for f in geojson["features"]}
    korean = {e["id"] for e in all_events(client, country="North Korea")
              if e["launch_lat"] is not None}
    assert korean <= ids and not any(i.startswith("PK-") for i in ids)
    everything = client.get("/api/export/json").json()
    assert len(everything["events"]) == len(all_events(client))
    assert_error(client.get("/api/export/shapefile"), 422, "invalid", "format")
    assert_error(client.get("/api/events/nope/export/kml"), 404, "not_found", "event_id")


def test_anonymous_exports_are_capped_and_the_token_lifts_the_cap(make_client):
    capped = make_client(api_token=TOKEN, anonymous_export_max_events=3)
    events = all_events(capped)
    korean = [e for e in events if e["country"] == "North Korea"]
    assert len(korean) > 3
    refused = capped.get("/api/export/json")
    error = assert_error(refused, 401, "export_too_large")
    assert "more than 3 events" in error["message"]
    assert "Authorization: Bearer" in error["message"] and "from" in error["message"]
    assert refused.headers["www-authenticate"].startswith("Bearer")
    # An export holds what the list shows for the same filters, and no spelling of them
    # counts fewer events than the export then holds.
    site = capped.get("/api/map").json()["places"][0]["sites"][0]
    for params in ({"country": "north korea"}, {"country": "North Korea", "site": site},
                   {"class": "srbm"}, {"class": "SRBM"}):
        listed = all_events(capped, **params)
        exported = capped.get("/api/export/json", params=params)
        if len(listed) > 3:
            assert_error(exported, 401, "export_too_large")
        else:
            assert exported.status_code == 200, exported.text
            assert {e["id"] for e in exported.json()["events"]} == {e["id"] for e in listed}
    full = capped.get("/api/export/json", headers=AUTH)
    assert full.status_code == 200, full.text
    assert len(full.json()["events"]) == len(events)
    assert full.headers["content-disposition"].startswith("attachment;")
    # A browser signed in with the token exports everything too.
    assert capped.post("/signin", data={"token": TOKEN, "next": "/"}).status_code == 303
    assert len(capped.get("/api/export/json").json()["events"]) == len(events)
    capped.cookies.clear()
    # Narrower exports, and one event, need no token.
    pakistan = capped.get("/api/export/json", params={"country": "Pakistan"})
    assert pakistan.status_code == 200
    assert 0 < len(pakistan.json()["events"]) <= 3
    assert capped.get(f"/api/events/{korean[0]['id']}/export/kml").status_code == 200


def test_a_server_without_a_token_says_how_to_raise_the_export_cap(make_client):
    server = make_client(anonymous_export_max_events=2)
    error = assert_error(server.get("/api/export/cns"), 403, "export_too_large")
    assert "LAUNCHWATCH_ANONYMOUS_EXPORT_MAX_EVENTS" in error["message"]
    assert "LAUNCHWATCH_API_TOKEN" in error["message"]


def test_places_in_reach_come_with_distances_and_times(client):
    event_id = client.get("/api/map").json()["featured"]
    assert event_id, "no sample event has assessed range rings"
    range_km = client.get(f"/api/events/{event_id}").json()["headline"]["met_range_km"]
    found = client.get(f"/api/events/{event_id}/reach",
                       params={"min_population": 1_000_000, "limit": 5}).json()
    assert found["range_km"] == pytest.approx(range_km, abs=1)
    assert 0 < len(found["places"]) <= 5
    distances = [p["distance_km"] for p in found["places"]]
    assert distances == sorted(distances) and distances[-1] <= found["range_km"]
    assert all(p["population"] >= 1_000_000 and p["time_of_flight_s"] > 0
               for p in found["places"])
    pakistan = all_events(client, country="Pakistan")[0]["id"]  # no apogee: no range
    none = client.get(f"/api/events/{pakistan}/reach").json()
    assert none["places"] == [] and "range" in none["reason"]
    assert_error(client.get("/api/events/nope/reach"), 404, "not_found", "event_id")
    assert_error(client.get(f"/api/events/{event_id}/reach", params={"limit": 0}), 422,
                 "invalid", "limit")


def test_map_data_counts_every_matching_event(client):
    events = all_events(client)
    data = client.get("/api/map").json()
    assert data["total"] == len(events)
    assert sum(place["count"] for place in data["places"]) + data["unplaced"] == data["total"]
    assert data["unplaced"] == sum(e["launch_lat"] is None for e in events)
    assert sum(n for _, n in data["months"]) == sum(e["date_local"] is not None for e in events)
    assert [m for m, _ in data["months"]] == sorted(m for m, _ in data["months"])
    for place in data["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
        assert sum(place["classes"].values()) == place["count"]
    # Places follow the period; the timeline's months keep the whole record.
    in_2022 = client.get("/api/map", params={"from": "2022", "to": "2022"}).json()
    assert in_2022["total"] == sum(e["date_local"][:4] == "2022" for e in events
                                   if e["date_local"])
    assert in_2022["months"] == data["months"]
    pakistan = client.get("/api/map", params={"country": "Pakistan"}).json()
    assert 0 < pakistan["total"] < data["total"]
    assert sum(n for _, n in pakistan["months"]) == pakistan["total"]
    assert_error(client.get("/api/map", params={"from": "soon"}), 422, "invalid", "from")


def test_the_map_opens_on_the_latest_event_with_regional_rings(client):
    data = client.get("/api/map").json()
    featured = client.get(f"/api/events/{data['featured']}").json()
    assert featured["headline"]["met_range_km"] <= 5000
    for event in all_events(client):
        if event["date_local"] and event["date_local"] > featured["date_local"]:
            later = client.get(f"/api/events/{event['id']}").json()["headline"]
            assert later.get("met_range_km", 1e9) > 5000


def test_events_filter_by_site(client):
    place = client.get("/api/map").json()["places"][0]
    at_place = all_events(client, site=place["sites"])
    assert len(at_place) == sum(1 for e in all_events(client) if e["launch_site"]
                                in place["sites"])
    assert at_place and all(e["launch_site"] in place["sites"] for e in at_place)
    assert_error(client.get("/api/events", params={"site": "x" * 201}), 422, "invalid", "site")


def test_facets_list_the_values_there_are(client):
    facets = client.get("/api/facets").json()
    assert "North Korea" in facets["countries"] and "Pakistan" in facets["countries"]
    assert "SRBM" in facets["missile_classes"]
    assert facets["years"] == sorted(facets["years"]) and 2022 in facets["years"]


def test_country_outlines_are_served_compressed_and_cached(client):
    response = client.get("/api/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    outlines = response.json()  # httpx undoes the gzip
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"North Korea", "Japan", "South Korea"} <= names and len(names) > 200
    etag = response.headers["etag"]
    again = client.get("/api/countries.geojson", headers={"If-None-Match": etag})
    assert again.status_code == 304
    plain = client.get("/api/countries.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(gzip.compress(plain.content)) == plain.content
    assert json.loads(plain.content)["type"] == "FeatureCollection"


def test_the_maps_names_and_japans_eez_are_served(client):
    """Countries are named at a point inside them, from a zoom that grows as they shrink;
    seas at the label points of the gazetteer; Japan's EEZ is an area around Japan that holds
    the sea 150 km west of Okushiri (where Japan's MoD placed the 2017-07-28 ICBM, inside it)
    and leaves out East Korea Bay and the Pacific 1,000 km east of Cape Erimo."""
    from shapely.geometry import Point, shape

    outlines = client.get("/api/countries.geojson").json()["features"]
    by_name = {f["properties"]["name"]: f for f in outlines}
    japan = by_name["Japan"]["properties"]
    assert shape(by_name["Japan"]["geometry"]).buffer(0.2).contains(Point(*japan["label"]))
    assert by_name["China"]["properties"]["label_zoom"] < japan["label_zoom"] \
        < by_name["Singapore"]["properties"]["label_zoom"]
    response = client.get("/api/waters.geojson", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["etag"]
    features = response.json()["features"]
    seas = {f["properties"]["name"]: f for f in features
            if f["properties"]["role"] == "water_label"}
    assert {"Sea of Japan", "Yellow Sea", "Pacific Ocean"} <= set(seas)
    assert seas["Pacific Ocean"]["properties"]["label_zoom"] \
        < seas["Yonghung Bay"]["properties"]["label_zoom"]
    [eez] = [f for f in features if f["properties"]["role"] == "eez"]
    zone = shape(eez["geometry"])
    assert zone.contains(Point(137.65, 42.15)) and zone.contains(Point(145.0, 41.9))
    assert not zone.contains(Point(128.5, 39.5)) and not zone.contains(Point(155.3, 41.9))


# -- extracting and posting reports ---------------------------------------------------------------

def test_extract_reads_json_text_and_files_without_saving(client):
    before = client.get("/api/events").json()["total"]
    as_json = client.post("/api/extract", json={"text": NEW_REPORT})
    as_text = client.post("/api/extract", content=NEW_REPORT.encode(),
                          headers={"Content-Type": "text/plain; charset=utf-8"})
    as_file = client.post("/api/extract", files={"file": ("story.txt", NEW_REPORT.encode(),
                                                          "text/plain")})
    as_form = client.post("/api/extract", data={"text": NEW_REPORT})
    for response in (as_json, as_text, as_file, as_form):
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["report"]["title"] == "North Korea fires ballistic missile into the East Sea"
        launch = body["extraction"]["launches"][0]
        assert launch["distance_km"] == 600 and launch["apogee_km"] == 50
        assert launch["evidence"]["distance_km"]["text"] == "about 600 km"
    assert as_json.json()["report"]["report_hash"] == as_file.json()["report"]["report_hash"]
    assert client.get("/api/events").json()["total"] == before


def test_explicit_fields_win_over_the_texts_header(client):
    body = client.post("/api/extract", json={
        "text": NEW_REPORT, "title": "Another headline", "published": "2025-03-09",
        "publisher": "Other Wire", "url": "https://example.org/a"}).json()
    assert body["report"]["title"] == "Another headline"
    assert body["report"]["publisher"] == "Other Wire"
    assert body["report"]["published"].startswith("2025-03-09")
    assert body["report"]["source"] == "https://example.org/a"


@pytest.mark.parametrize("kwargs, status, code, field", [
    ({"json": {"text": ""}}, 422, "invalid", "text"),
    ({"json": {"text": "   "}}, 422, "invalid", "text"),
    ({"json": {"title": "no text"}}, 422, "invalid", "text"),
    ({"json": ["not", "an", "object"]}, 422, "invalid", None),
    ({"json": {"text": NEW_REPORT, "published": "next Tuesday"}}, 422, "invalid", "published"),
    ({"json": {"text": NEW_REPORT, "url": "javascript:alert(1)"}}, 422, "invalid", "url"),
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400,
     "bad_json", None),
    ({"content": b"\xff\xfe bad", "headers": {"Content-Type": "text/plain"}}, 400,
     "bad_encoding", "text"),
    ({"content": b"<x/>", "headers": {"Content-Type": "application/xml"}}, 415,
     "unsupported_media_type", None),
    ({"files": {"file": ("story.exe", b"MZ", "application/octet-stream")}}, 415,
     "unsupported_media_type", "file"),
    ({"files": {"file": ("story.txt", b"\xff\xfe\x00b\x00a\x00d", "text/plain")}}, 422,
     "unreadable_report", "file"),
    ({"data": {"title": "no text"}}, 422, "invalid", "text"),
])
def test_bad_reports_are_refused_with_a_reason(client, kwargs, status, code, field):
    assert_error(client.post("/api/extract", **kwargs), status, code, field)


def test_a_file_holding_several_reports_is_refused(client):
    feed = (b'{"text": "North Korea fired a missile.", "title": "a"}\n'
            b'{"text": "North Korea fired another missile.", "title": "b"}\n')
    error = assert_error(client.post("/api/extract", files={
        "file": ("two.jsonl", feed, "application/jsonl")}), 422, "invalid", "file")
    assert "launchwatch ingest" in error["message"]


def test_reports_over_the_size_limit_are_413(make_client):
    small = make_client(api_token=TOKEN, max_upload_bytes=1000)
    error = assert_error(small.post("/api/extract", json={"text": "x" * 1500}), 413,
                         "too_large", "text")
    assert "1,000" in error["message"]
    # Past the envelope, the server refuses before reading the body at all.
    assert_error(small.post("/api/reports", content=b"x" * 200_000, headers={
        **AUTH, "Content-Type": "text/plain"}), 413, "too_large")


def test_posting_a_report_saves_it_and_returns_its_event(client):
    before = client.get("/api/events").json()["total"]
    response = client.post("/api/reports", json={"text": NEW_REPORT}, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] is True
    assert body["extraction"]["launches"][0]["distance_km"] == 600
    [link] = body["events"]
    assert link["status"] in ("created", "joined")
    assert response.headers["location"] == link["url"]
    event = client.get(f"/api/events/{link['id']}").json()
    assert body["report"]["report_hash"] in {r["report_hash"] for r in event["reports"]}
    assert event["distance_km"] == 600
    assert client.get("/api/events").json()["total"] == before + (link["status"] == "created")

    again = client.post("/api/reports", json={"text": NEW_REPORT}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["stored"] is False
    assert [e["id"] for e in again.json()["events"]] == [link["id"]]


def test_a_report_about_a_known_launch_joins_its_event(client):
    known = next(e for e in all_events(client) if e["date_local"] == "2022-05-04")
    response = client.post("/api/reports", json={"text": SECOND_SOURCE}, headers=AUTH)
    assert response.status_code == 201, response.text
    [link] = response.json()["events"]
    assert link == {"id": known["id"], "url": known["url"], "status": "joined"}
    event = client.get(f"/api/events/{known['id']}").json()
    assert event["report_count"] == known["report_count"] + 1
    apogee = next(f for f in event["fields"] if f["name"] == "apogee_km")
    stated = {c["value"] for c in [apogee["best"], *apogee["conflicts"]]}
    assert 790 in stated
    assert any(s["publisher"] == "Test Wire" for c in [apogee["best"], *apogee["conflicts"]]
               for s in c["sources"])
    assert len(all_events(client)) == len(all_events(client, limit=500))


def test_a_report_without_a_launch_is_saved_with_no_event(client):
    response = client.post("/api/reports", data={"text": NOT_A_LAUNCH}, headers=AUTH)
    assert response.status_code == 201
    assert response.json()["events"] == []
    assert response.json()["extraction"]["is_launch_report"] is False


def test_an_uploaded_file_is_read_by_its_ingest_reader(client):
    html = (b"<html><head><title>Launch | Test Wire</title></head><body><article><h1>Launch"
            b"</h1><p>North Korea fired a ballistic missile from Sunan on 10 March 2025; it "
            b"flew about 600 km.</p></article></body></html>")
    response = client.post("/api/reports", files={"file": ("story.html", html, "text/html")},
                           headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["report"]["source"] == "upload:story.html"
    assert response.json()["extraction"]["launches"][0]["distance_km"] == 600


# -- who may write and read -------------------------------------------------------------------

def test_writes_are_refused_when_no_token_is_set(make_client):
    open_server = make_client()
    error = assert_error(open_server.post("/api/reports", json={"text": NEW_REPORT}), 403,
                         "writes_disabled")
    assert "LAUNCHWATCH_API_TOKEN" in error["message"]
    assert_error(open_server.post("/api/reports", json={"text": NEW_REPORT}, headers=AUTH),
                 403, "writes_disabled")


def test_writes_need_the_right_bearer_token(client):
    missing = client.post("/api/reports", json={"text": NEW_REPORT})
    assert_error(missing, 401, "token_required")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert_error(client.post("/api/reports", json={"text": NEW_REPORT},
                             headers={"Authorization": "Bearer wrong"}), 401, "invalid_token")
    assert_error(client.post("/api/reports", json={"text": NEW_REPORT},
                             headers={"Authorization": f"Basic {TOKEN}"}), 401,
                 "token_required")
    assert client.get("/api/events").json()["total"] == len(all_events(client))


def test_closed_reads_need_the_token(make_client):
    closed = make_client(api_token=TOKEN, api_read_open="false")
    for path in ("/api/events", "/api/events/1", "/api/map", "/api/facets",
                 "/api/countries.geojson", "/api/waters.geojson"):
        assert_error(closed.get(path), 401, "token_required")
    assert_error(closed.post("/api/extract", json={"text": NEW_REPORT}), 401, "token_required")
    assert closed.get("/api/events", headers=AUTH).status_code == 200
    assert closed.post("/api/extract", json={"text": NEW_REPORT}, headers=AUTH).status_code \
        == 200


def test_local_writes_when_allowed_need_no_token_but_the_same_origin(make_client):
    local = make_client(allow_local_writes=True)
    assert local.post("/api/reports", json={"text": NEW_REPORT}).status_code == 201
    assert_error(local.post("/api/reports", json={"text": NOT_A_LAUNCH},
                            headers={"Origin": "http://evil.example"}), 403, "writes_disabled")
    remote = make_client(allow_local_writes=True, client=("203.0.113.5", 40000))
    assert_error(remote.post("/api/reports", json={"text": NOT_A_LAUNCH}), 403,
                 "writes_disabled")


# -- the error shape and the document ---------------------------------------------------------

def test_unknown_paths_and_methods_answer_in_the_error_shape(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")
    assert_error(client.put("/api/reports", json={}), 405, "method_not_allowed")


def test_a_failure_inside_is_a_500_in_the_error_shape(sample_db, monkeypatch):
    from starlette.testclient import TestClient

    from launchwatch.web import create_app
    from launchwatch.web.data import Catalogue

    from .conftest import settings_for

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail 4711")

    monkeypatch.setattr(Catalogue, "page", broken)
    app = create_app(settings_for(sample_db), warm_up=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/events")
        error = assert_error(response, 500, "internal")
        assert "bug" in error["message"] and "4711" not in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page = client.get("/events")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]


def test_every_answer_carries_the_content_security_policy(client):
    for response in (client.get("/api/events"), client.get("/api/nothing"),
                     client.get("/"), client.get("/static/app.css")):
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_a_500_keeps_the_connection_open(live_server, monkeypatch):
    import http.client

    from launchwatch.web.data import Catalogue

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail 4711")

    monkeypatch.setattr(Catalogue, "page", broken)
    connection = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=10)
    try:
        connection.request("GET", "/api/events")
        failed = connection.getresponse()
        assert failed.status == 500 and b'"internal"' in failed.read()
        assert not failed.will_close
        socket_used = connection.sock
        connection.request("GET", "/api/facets")
        then = connection.getresponse()
        assert then.status == 200 and b"North Korea" in then.read()
        assert connection.sock is socket_used, "the client had to connect again"
    finally:
        connection.close()


def date_time_problems(document: dict, schema: dict, value, where: str = "") -> list[str]:
    """Where ``value`` breaks a ``format`` of ``schema`` (``date-time``: RFC 3339, with its
    offset; ``date``: YYYY-MM-DD), following $ref, anyOf, properties and items."""
    import re

    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return date_time_problems(document, document["components"]["schemas"][name], value,
                                  where)
    if "anyOf" in schema:
        tries = [date_time_problems(document, option, value, where)
                 for option in schema["anyOf"]]
        return [] if any(not found for found in tries) else tries[0] or [f"{where}: {value!r}"]
    if value is None or schema.get("type") == "null":
        return [] if schema.get("type", "null") == "null" and value is None else [
            f"{where}: {value!r} against {schema}"]
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            inner = schema.get("properties", {}).get(key) or (
                schema.get("additionalProperties")
                if isinstance(schema.get("additionalProperties"), dict) else {})
            found += date_time_problems(document, inner, item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += date_time_problems(document, schema.get("items", {}), item,
                                        f"{where}[{index}]")
    elif schema.get("format") == "date-time" and not re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", str(value)):
        found.append(f"{where}: {value!r} is not a date-time with its offset")
    elif schema.get("format") == "date" and not re.fullmatch(r"\d{4}-\d\d-\d\d",
                                                             str(value)):
        found.append(f"{where}: {value!r} is not a date")
    return found


def response_schema(document: dict, path: str, method: str, status: str) -> dict:
    return document["paths"][path][method]["responses"][status]["content"][
        "application/json"]["schema"]


def test_times_carry_their_offset_and_dates_are_dates(client):
    document = client.get("/api/openapi.json").json()
    detail = response_schema(document, "/api/events/{event_id}", "get", "200")
    published = set()
    for event in all_events(client):
        body = client.get(f"/api/events/{event['id']}").json()
        assert date_time_problems(document, detail, body) == [], event["id"]
        published |= {report["published"] for report in body["reports"]}
    assert "2022-05-04" in published  # sample 02 gives its date alone
    assert "2022-01-17T11:40:00+09:00" in published  # an offset given is kept
    extracted = response_schema(document, "/api/extract", "post", "200")
    for given, shown in (("2025-03-09", "2025-03-09"),
                         # A time without an offset is taken in UTC+9, as reports are ordered.
                         ("2025-03-09T10:00", "2025-03-09T01:00:00Z"),
                         ("2025-03-09T10:00+01:00", "2025-03-09T10:00:00+01:00")):
        body = client.post("/api/extract", json={"text": NEW_REPORT, "published": given}).json()
        assert date_time_problems(document, extracted, body) == []
        assert body["report"]["published"] == shown


def test_every_status_the_report_endpoints_give_is_documented(client):
    document = client.get("/api/openapi.json").json()
    for path in ("/api/extract", "/api/reports"):
        answers = document["paths"][path]["post"]["responses"]
        assert {"400", "413", "415", "422", "503"} <= set(answers), path
        assert answers["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorBody")
    assert {"401", "403"} <= set(document["paths"]["/api/export/{format}"]["get"]["responses"])


TESTED_ENDPOINTS = {
    ("get", "/api/events"), ("get", "/api/events/{event_id}"),
    ("get", "/api/events/{event_id}/map"), ("get", "/api/events/{event_id}/reach"),
    ("get", "/api/events/{event_id}/export/{format}"), ("get", "/api/export/{format}"),
    ("get", "/api/map"), ("get", "/api/facets"),
    ("get", "/api/countries.geojson"), ("get", "/api/waters.geojson"),
    ("post", "/api/extract"), ("post", "/api/reports"),
    # tests/context/test_launch_context.py and tests/alerts/test_dispatch_store.py test these.
    ("get", "/api/context"), ("get", "/api/events/{event_id}/context"),
    ("get", "/api/context/stats"),
    ("get", "/api/alerts"), ("get", "/api/alerts/rules"), ("post", "/api/alerts/rules"),
}


def test_context_statistics_answer_with_their_assumptions(client):
    answer = client.get("/api/context/stats", params={"kind": "visit", "draws": 200})
    assert answer.status_code == 200
    record = answer.json()
    assert [w["kind"] for w in record["windows"]] == ["visit"]
    assert record["assumptions"] and record["cannot_show"]
    assert_error(client.get("/api/context/stats", params={"kind": "parade"}), 422, "invalid",
                 "kind")
    assert client.get("/api/context", params={"until": "0"}).status_code == 422
    assert client.get("/api/context", params={"until": "2016-02"}).status_code == 200


def test_the_openapi_document_lists_exactly_the_tested_endpoints(client):
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "launchwatch"
    listed = {(method, path) for path, item in document["paths"].items() for method in item}
    assert listed == TESTED_ENDPOINTS
    post = document["paths"]["/api/reports"]["post"]
    assert {"application/json", "multipart/form-data", "text/plain"} <= set(
        post["requestBody"]["content"])
    assert "ErrorBody" in document["components"]["schemas"]
