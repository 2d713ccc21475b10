"""The HTML pages as the server renders them: content, escaping, the paste form and sign-in."""

from __future__ import annotations

import re
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


def test_the_event_table_lists_and_pages(client):
    events = all_events(client)
    html = client.get("/events").text
    assert f"{len(events)} events" in html
    for event in events[:5]:
        assert f'href="/events/{event["id"]}"' in html
    filtered = client.get("/events", params={"country": "Pakistan"}).text
    assert filtered.count("<tr>") == 1 + sum(e["country"] == "Pakistan" for e in events)
    empty = client.get("/events", params={"country": "Atlantis"}).text
    assert "No events match" in empty
    assert_self_contained(html)


def test_an_event_page_highlights_the_evidence(client):
    event = next(e for e in all_events(client) if e["date_local"] == "2022-05-04")
    response = client.get(f"/events/{event['id']}")
    assert response.status_code == 200
    html = response.text
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
