"""The HTML pages as the server renders them: content, escaping, the paste form and sign-in."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest

from .conftest import HOSTILE_SITE, HOSTILE_URL, TOKEN
from .test_api import NEW_REPORT, all_events

HOSTILE = ("Title: <script>alert('title')</script> missile story\n"
           "Publisher: <b>Bold</b> Wire\n"
           "Published: 2025-04-01T10:00+09:00\n\n"
           "North Korea fired a ballistic missile from the Sunan area on Tuesday; it flew about "
           "700 km. <script>document.title='pwned'</script> <img src=/x-evil "
           "onerror=\"document.title='pwned'\"> Officials said the launch was a test.")


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_self_contained(html: str) -> None:
    """No inline script, no inline style attribute, nothing loaded from elsewhere."""
    for tag, attrs in tags(html):
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        if tag in ("link", "img", "script", "iframe", "source"):
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                assert not re.match(r"(https?:)?//", value), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        assert not any(key.startswith("on") for key in attrs), (tag, attrs)


def test_the_map_page_is_self_contained(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert 'id="map"' in html and 'id="timeline"' in html and 'id="events"' in html
    assert '<option selected>' not in html  # no filter chosen
    assert "North Korea" in html  # the country filter offers the stored countries
    assert_self_contained(html)


def test_the_map_page_keeps_its_filters(client):
    html = client.get("/", params={"country": "Pakistan", "from": "2020"}).text
    assert "<option selected>Pakistan</option>" in html
    assert 'data-query="country=Pakistan&amp;from=2020"' in html
    assert client.get("/", params={"from": "yesterday"}).status_code == 422


def table_rows(html: str) -> list[str]:
    """The event ids of the events table's rows, top to bottom."""
    return [attrs["data-id"] for tag, attrs in tags(html) if tag == "tr" and "data-id" in attrs]


def test_the_event_table_lists_and_pages(client):
    events = all_events(client)
    html = client.get("/events").text
    assert f"{len(events)} events" in html
    assert table_rows(html) == [e["id"] for e in events]  # latest first, as the API lists
    filtered = client.get("/events", params={"country": "Pakistan"}).text
    assert len(table_rows(filtered)) == sum(e["country"] == "Pakistan" for e in events)
    empty = client.get("/events", params={"from": "1990", "to": "1990"}).text
    assert "No events match" in empty
    assert client.get("/events", params={"country": "Atlantis"}).status_code == 422
    assert_self_contained(html)


def test_the_event_table_has_outcome_landing_and_zoned_time_columns(client):
    html = client.get("/events").text
    headings = [re.sub(r"<[^>]+>|[▲▼]", "", cell).strip() for cell in
                re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", html)]
    assert headings[:6] == ["Date", "Time", "Country", "Class", "Missile", "Outcome"]
    assert "Landing" in headings
    # The 2022-05-04 launch at 12:02 Pyongyang time (UTC+9) was at 03:02 UTC.
    assert "12:02 UTC+9" in html and "03:02 UTC" in html
    landings = {e["landing_area"] for e in all_events(client) if e["landing_area"]}
    assert landings and all(escape(area) in html for area in landings)


def test_the_table_shows_filters_and_sorts_by_outcome(client):
    events = {e["id"]: e for e in all_events(client)}
    outcomes = {i: e["outcome"] for i, e in events.items()}
    assert {"success", "failure"} <= set(outcomes.values())
    failed = client.get("/events", params={"outcome": "failure"}).text
    assert table_rows(failed) == [i for i, o in outcomes.items() if o == "failure"]
    assert '<span class="outcome-failure">failure</span>' in failed
    assert "<option selected>failure</option>" in failed
    ordered = table_rows(client.get("/events", params={"sort": "outcome"}).text)
    stated = [outcomes[i] for i in ordered if outcomes[i]]
    assert stated == sorted(stated) and not any(outcomes[i] for i in ordered[len(stated):])


def test_sorting_by_a_column_orders_the_rows_and_links_the_other_way(client):
    events = [e for e in all_events(client)]
    by_distance = client.get("/events", params={"sort": "-distance"}).text
    ids = table_rows(by_distance)
    distances = {e["id"]: e["distance_km"] for e in events}
    known = [distances[i] for i in ids if distances[i] is not None]
    assert known == sorted(known, reverse=True) and len(known) >= 5
    # Events without a distance come last.
    assert all(distances[i] is None for i in ids[len(known):])
    assert 'aria-sort="descending"' in by_distance
    assert 'href="/events?sort=distance"' in by_distance  # the heading now sorts the other way
    ascending = table_rows(client.get("/events", params={"sort": "distance"}).text)
    assert [distances[i] for i in ascending[:len(known)]] == sorted(known)
    by_site = table_rows(client.get("/events", params={"sort": "site"}).text)
    sites = [(next(e for e in events if e["id"] == i)["launch_site"] or "~").casefold()
             for i in by_site]
    assert sites == sorted(sites)
    assert client.get("/events", params={"sort": "colour"}).status_code == 422


def test_a_search_narrows_the_table_and_its_download(client):
    html = client.get("/events", params={"q": "sunan srbm"}).text
    ids = table_rows(html)
    events = {e["id"]: e for e in all_events(client)}
    assert ids and all("sunan" in (events[i]["launch_site"] or "").lower()
                       and events[i]["missile_class"] == "SRBM" for i in ids)
    assert len(ids) < len(events)
    # The permalink and every download carry the search (and a sort other than the default).
    sorted_search = client.get("/events", params={"q": "sunan", "sort": "apogee"}).text
    assert 'value="sunan"' in sorted_search
    links = re.findall(r'href="(/api/export/\w+\?[^"]+)"', sorted_search)
    assert len(links) == 4 and all("q=sunan" in link and "sort=apogee" in link
                                   for link in links)
    download = client.get(links[0].replace("&amp;", "&"))
    assert download.status_code == 200
    exported = client.get("/api/export/json", params={"q": "sunan", "sort": "apogee"}).json()
    listed = table_rows(sorted_search)
    assert [e["id"] for e in exported["events"]] == listed


def test_a_filtered_table_downloads_exactly_its_rows(client):
    params = {"country": "North Korea", "from": "2022", "to": "2023", "q": "pyongyang"}
    html = client.get("/events", params=params).text
    listed = table_rows(html)
    assert listed
    geojson = client.get("/api/export/geojson", params=params).json()
    assert {f["properties"]["event_id"] for f in geojson["features"]} == set(listed)
    csv_text = client.get("/api/export/cns", params=params).text
    assert len(csv_text.strip().splitlines()) >= len(listed) + 1


def test_publication_times_name_their_offset_with_utc_beside():
    from datetime import date, datetime, timedelta, timezone

    from launchwatch.web.clocks import instant_text

    seoul = timezone(timedelta(hours=9))
    assert instant_text(datetime(2022, 5, 4, 12, 30, tzinfo=seoul)) == \
        "2022-05-04 12:30 UTC+09:00 (03:30 UTC)"
    assert instant_text(datetime(2022, 5, 4, 2, 30, tzinfo=seoul)) == \
        "2022-05-04 02:30 UTC+09:00 (17:30 UTC on 2022-05-03)"
    assert instant_text(datetime(2022, 5, 4, 2, 30, tzinfo=timezone.utc)) == \
        "2022-05-04 02:30 UTC"
    assert instant_text(datetime(2022, 5, 4, 2, 30)) == "2022-05-04 02:30 (zone not stated)"
    assert instant_text(date(2022, 5, 4)) == "2022-05-04"


def test_an_event_page_highlights_the_evidence(client):
    event = next(e for e in all_events(client) if e["date_local"] == "2022-05-04")
    response = client.get(f"/events/{event['id']}")
    assert response.status_code == 200
    html = response.text
    # The launch time names its zone, with UTC beside it.
    assert 'datetime="2022-05-04T03:02:00+00:00">12:02 Pyongyang time (UTC+9), 03:02 UTC' \
        in html
    marks = re.findall(r'<mark id="(ev-[0-9a-f]+-\d+)" class="ev" data-fields="([^"]+)"[^>]*>'
                       r'([^<]*)</mark>', html)
    assert len(marks) >= 5
    shown = {text: fields for _, fields, text in marks}
    assert shown["about 800 km"] == "apogee_km"
    assert shown["about 470 km"] == "distance_km"  # the other authority's figure, too
    # Each source links to the highlighted words in the report.
    for anchor, _, _ in marks:
        assert f'href="#{anchor}"' in html
    assert "JSON with provenance" in html
    assert_self_contained(html)


def test_the_api_reference_page_lists_every_endpoint(client):
    html = client.get("/docs/api").text
    document = client.get("/api/openapi.json").json()
    for path, item in document["paths"].items():
        for method in item:
            assert f"<code>{method.upper()} {path}</code>" in html
    assert "Authorization: Bearer" in html and 'href="/api/openapi.json"' in html
    assert_self_contained(html)


def test_an_unknown_event_page_is_a_404_page(client):
    response = client.get("/events/424242")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "There is no event" in response.text


def test_report_markup_is_shown_as_text(client):
    posted = client.post("/api/reports", json={"text": HOSTILE},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201, posted.text
    html = client.get(posted.json()["events"][0]["url"]).text
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "&lt;img src=/x-evil" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; Wire" in html
    assert "<script>document" not in html and "<img src=/x-evil" not in html
    assert_self_contained(html)


def test_only_web_addresses_become_links(client, hostile_event):
    html = client.get(f"/events/{hostile_event}").text
    links = [attrs.get("href") or "" for tag, attrs in tags(html) if tag == "a"]
    assert not [href for href in links if not href.startswith(("/", "#", "http://",
                                                                 "https://"))], links
    assert HOSTILE_URL in html  # shown as text
    assert "&lt;b&gt;Sunan&lt;/b&gt;&lt;img src=x" in html and HOSTILE_SITE not in html
    web = client.post("/api/reports", json={"text": NEW_REPORT,
                                            "url": "https://example.org/story"},
                      headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert 'href="https://example.org/story"' in client.get(web["events"][0]["url"]).text


# -- paste a report --------------------------------------------------------------------------

def test_preview_shows_what_was_found_without_saving(client):
    before = len(all_events(client))
    response = client.post("/paste", data={"text": NEW_REPORT, "action": "preview"})
    assert response.status_code == 200
    html = response.text
    assert "What launchwatch found" in html
    assert re.search(r'<mark [^>]*data-fields="distance_km"[^>]*>about 600 km</mark>', html)
    assert "<dt>Distance flown</dt><dd>about 600 km (ROK JCS)</dd>" in html
    # 8:15 a.m. on 10 March 2025 in Pyongyang (UTC+9) is 23:15 UTC the day before.
    assert "08:15 Pyongyang time (UTC+9), 23:15 UTC on 9 Mar" in html
    assert len(all_events(client)) == before


def test_preview_of_an_uploaded_file_fills_the_form(client):
    response = client.post("/paste", data={"action": "preview"},
                           files={"file": ("story.md", NEW_REPORT.encode(), "text/markdown")})
    assert response.status_code == 200
    assert "about 600 km" in response.text
    assert 'value="North Korea fires ballistic missile into the East Sea"' in response.text


def test_saving_needs_the_token_and_then_remembers_it(client):
    refused = client.post("/paste", data={"text": NEW_REPORT, "action": "save"})
    assert refused.status_code == 401
    assert "needs the API token" in refused.text or "token" in refused.text
    wrong = client.post("/paste", data={"text": NEW_REPORT, "action": "save", "token": "nope"})
    assert wrong.status_code == 401 and "not this server" in wrong.text
    saved = client.post("/paste", data={"text": NEW_REPORT, "action": "save", "token": TOKEN})
    assert saved.status_code == 303
    assert re.fullmatch(r"/events/[^?]+\?saved=(created|joined)", saved.headers["location"])
    assert "launchwatch_session" in saved.cookies
    page = client.get(saved.headers["location"]).text
    assert "The report was saved" in page and "about 600 km" in page
    # The session cookie now stands in for the token, from this server's own pages only.
    again = client.post("/paste", data={"text": NEW_REPORT + " More.", "action": "save"})
    assert again.status_code == 303
    forged = client.post("/paste", data={"text": NEW_REPORT + " Forged.", "action": "save"},
                         headers={"Origin": "http://evil.example",
                                  "Sec-Fetch-Site": "cross-site"})
    assert forged.status_code == 403 and "another site" in forged.text


def test_saving_is_off_without_a_token_and_the_form_says_how_to_turn_it_on(make_client):
    plain = make_client()
    form = plain.get("/paste").text
    assert "Saving is turned off" in form and 'value="save"' not in form
    refused = plain.post("/paste", data={"text": NEW_REPORT, "action": "save"})
    assert refused.status_code == 403 and "LAUNCHWATCH_API_TOKEN" in refused.text


def test_local_writes_save_without_a_token(make_client):
    local = make_client(allow_local_writes=True)
    form = local.get("/paste").text
    assert 'name="token"' not in form
    saved = local.post("/paste", data={"text": NEW_REPORT, "action": "save"})
    assert saved.status_code == 303


@pytest.mark.parametrize("data, message", [
    ({"text": "", "action": "preview"}, "Paste the report"),
    ({"text": NEW_REPORT, "published": "soon", "action": "preview"}, "is not a date"),
])
def test_bad_paste_input_is_explained_next_to_the_form(client, data, message):
    response = client.post("/paste", data=data)
    assert response.status_code == 422
    assert message in response.text and 'role="alert"' in response.text
    assert "<textarea" in response.text


def test_a_paste_over_the_limit_is_refused(make_client):
    small = make_client(api_token=TOKEN, max_upload_bytes=2000)
    response = small.post("/paste", data={"text": "x" * 2500, "action": "preview"})
    assert response.status_code == 413 and "2,000" in response.text


# -- signing in --------------------------------------------------------------------------------

def test_closed_reads_send_the_browser_to_sign_in(make_client):
    closed = make_client(api_token=TOKEN, api_read_open="false")
    for path in ("/", "/events", "/events/1", "/paste"):
        response = closed.get(path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/signin?next=")
    wrong = closed.post("/signin", data={"token": "nope", "next": "/events"})
    assert wrong.status_code == 401
    right = closed.post("/signin", data={"token": TOKEN, "next": "/events"})
    assert right.status_code == 303 and right.headers["location"] == "/events"
    assert closed.get("/events").status_code == 200
    assert closed.get("/api/events").status_code == 200  # the cookie opens the API too
    closed.post("/signout")
    closed.cookies.clear()
    assert closed.get("/events").status_code == 303


def test_sign_in_never_sends_the_browser_elsewhere(client):
    response = client.post("/signin", data={"token": TOKEN, "next": "//evil.example/x"})
    assert response.headers["location"] == "/"
    response = client.post("/signin", data={"token": TOKEN, "next": "https://evil.example"})
    assert response.headers["location"] == "/"


def test_an_event_page_explains_a_quote_written_on_another_clock(client):
    # The 2017 sample quotes Seoul's 5:28 a.m.; Pyongyang kept UTC+8:30 then.
    event = next(e for e in all_events(client) if e["date_local"] == "2017-05-14")
    html = client.get(f"/events/{event['id']}").text
    assert "04:58 Pyongyang time (UTC+8:30), 20:28 UTC on 13 May" in html
    assert "is Seoul time (UTC+9), 04:58 in Pyongyang (UTC+8:30)." in html
