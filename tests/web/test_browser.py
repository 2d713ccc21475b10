"""The web app in Debian's Chromium, driven by Playwright, on a live server.

Every test ends by checking the network log: no request left the server.
"""

from __future__ import annotations

import csv
import re

import pytest

from launchwatch.api import Store, import_context

from .conftest import HOSTILE_SITE, HOSTILE_URL, TOKEN
from .test_api import NEW_REPORT, SECOND_SOURCE

pytestmark = pytest.mark.browser

HOSTILE = ("Title: Launch report <img src=/x-evil-title onerror=\"document.title='pwned'\">\n"
           "Publisher: Test Wire\n"
           "Published: 2025-04-01T10:00+09:00\n\n"
           "North Korea fired a ballistic missile from the Sunan area on Tuesday; it flew about "
           "700 km. <script>document.title='pwned'; fetch('/x-evil-script')</script> "
           "<img src=/x-evil-img onerror=\"document.title='pwned'\"> The launch was a test.")


def assert_stayed_home(page, server) -> None:
    """Every request the page made went to the test server (data: URLs are not requests
    that leave it)."""
    away = [url for url in page.requests
            if not url.startswith(server.url + "/") and not url.startswith("data:")]
    assert away == [], away
    assert page.requests, "the page made no request at all"


def wait_ready(page) -> None:
    page.wait_for_selector("html[data-map-ready]", state="attached", timeout=15_000)


def test_the_map_shows_sites_rings_outlines_and_the_list(page, live_server):
    page.goto("/")
    wait_ready(page)
    sites = page.locator("#map path.lw-site")
    assert sites.count() >= 5
    assert int(page.locator("#map").get_attribute("data-markers")) == sites.count()
    # The latest event with an assessed range is shown with its rings: the minimum-energy
    # range and the two ends of its interval.
    rings = page.locator("#map path.lw-ring")
    assert rings.count() == 3 == int(page.locator("#map").get_attribute("data-rings"))
    assert "Minimum-energy range" in page.locator("#selected").inner_text()
    # The first view frames where launches are: every site but the one in Pakistan, 4,500 km
    # from the others, which would otherwise zoom the map out to half of Asia.
    west, south, east, north = map(float, page.locator("#map").get_attribute("data-view")
                                   .split(","))
    places = page.evaluate("LW.getJSON('/api/map')")["places"]
    outside = [p["sites"] for p in places
               if not (west <= p["lon"] <= east and south <= p["lat"] <= north)]
    assert len(outside) == 1 and "Tilla" in outside[0][0], outside
    # Names of countries and seas, and Japan's EEZ.
    assert "North Korea" in page.locator(".lw-label-country").all_inner_texts()
    page.wait_for_selector("#map[data-waters]", state="attached", timeout=30_000)
    assert "Sea of Japan" in page.locator(".lw-label-water").all_inner_texts()
    assert page.locator("#map path.lw-eez").count() >= 1
    assert int(page.locator("#map").get_attribute("data-outlines")) > 200
    assert page.locator("#map canvas").count() >= 1
    items = page.locator("#events > li")
    assert items.count() >= 10
    assert re.fullmatch(r"\(\d+\)", page.locator("#event-count").inner_text())
    bars = page.locator("#timeline path.bar").get_attribute("d")
    assert bars.count("M") >= 5  # a bar for each month with events
    assert "dated events" in page.locator("#timeline-caption").inner_text()
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_places_in_reach_appear_on_demand(page, live_server):
    page.goto("/")
    wait_ready(page)
    assert page.locator("#map path.lw-place").count() == 0
    page.locator("#selected button", has_text="Places in reach").click()
    page.wait_for_selector("#selected .reach-list li")
    shown = int(page.locator("#map").get_attribute("data-places"))
    assert shown > 0 and page.locator("#map path.lw-place").count() == shown
    first = page.locator("#selected .reach-list li").first.inner_text()
    assert re.search(r"\d km, \d+ min$", first), first
    assert_stayed_home(page, live_server)


def test_filters_narrow_the_map_and_the_list(page, live_server):
    page.goto("/")
    wait_ready(page)
    every = int(page.locator("#map").get_attribute("data-events"))
    count_before = page.locator("#event-count").inner_text()
    page.select_option("select[name=country]", "Pakistan")
    page.wait_for_function("n => document.querySelector('#map').dataset.events !== String(n)",
                           arg=every)
    assert int(page.locator("#map").get_attribute("data-events")) < every
    page.wait_for_function("() => location.search.includes('country=Pakistan')")
    page.wait_for_function("before => document.querySelector('#event-count').textContent "
                           "!== before", arg=count_before)
    texts = page.locator("#events > li").all_inner_texts()
    assert texts and all("Ghauri" in text or "MRBM" in text for text in texts)
    assert_stayed_home(page, live_server)


def test_a_site_opens_its_events(page, live_server):
    page.goto("/")
    wait_ready(page)
    page.locator("#map path.lw-site").first.click(force=True)
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for()
    link.click()
    page.wait_for_url(re.compile(r"/events/[^/]+$"))
    assert page.locator("h1").inner_text()
    assert_stayed_home(page, live_server)


def test_an_event_page_highlights_its_evidence(page, live_server):
    page.goto("/events?from=2022-05-04&to=2022-05-04")
    page.locator("table.events td.date a").first.click()
    wait_ready(page)
    marks = page.locator("mark.ev")
    assert marks.count() >= 5
    apogee = page.locator("mark.ev", has_text="about 800 km")
    assert apogee.get_attribute("data-fields") == "apogee_km"
    background = apogee.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # A source's quote links to the highlighted words.
    page.locator("#field-apogee_km a", has_text="about 800 km").first.click()
    assert page.evaluate("document.querySelector(':target').textContent") == "about 800 km"
    assert page.locator("#event-map path.lw-event-site").count() == 1
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_a_pasted_report_is_extracted_highlighted_and_saved(page, live_server):
    page.goto("/paste")
    page.fill("textarea[name=text]", NEW_REPORT)
    page.click("button[value=preview]")
    found = page.locator(".preview mark.ev", has_text="about 600 km")
    assert found.get_attribute("data-fields") == "distance_km"
    page.fill("input[name=token]", TOKEN)
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/events/[^/?]+\?saved=(created|joined)$"))
    assert "The report was saved" in page.locator("p.notice").inner_text()
    assert page.locator("#field-distance_km .best").inner_text() == "about 600 km"
    assert page.locator("mark.ev", has_text="about 600 km").count() == 1
    event_url = page.url.split("?")[0]
    # The map's list now holds the new event.
    page.goto("/")
    wait_ready(page)
    assert page.locator(f"#events a[href='{event_url[len(live_server.url):]}']").count() == 1
    assert_stayed_home(page, live_server)


def test_a_pasted_report_about_a_known_launch_updates_its_event(page, live_server):
    page.goto("/events?from=2022-05-04&to=2022-05-04")
    page.locator("table.events td.date a").first.click()
    event_path = page.url[len(live_server.url):]
    assert page.locator("article.report").count() == 1
    before = page.locator("#field-apogee_km").inner_text()
    assert "790" not in before
    page.goto("/paste")
    page.fill("textarea[name=text]", SECOND_SOURCE)
    page.fill("input[name=token]", TOKEN)
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/events/[^?]+\?saved=joined$"))
    assert page.url.split("?")[0] == live_server.url + event_path
    assert "joined this event" in page.locator("p.notice").inner_text()
    assert page.locator("article.report").count() == 2
    assert "790" in page.locator("#field-apogee_km").inner_text()
    assert page.locator("mark.ev", has_text="about 790 km").count() == 1
    assert "Test Wire" in page.locator("ol.revisions").inner_text()
    assert_stayed_home(page, live_server)


def test_a_report_with_html_and_script_renders_as_inert_text(page, live_server):
    page.goto("/paste")
    page.fill("textarea[name=text]", HOSTILE)
    page.click("button[value=preview]")
    assert "<script>document.title='pwned'" in page.locator(".preview .report-text").inner_text()
    page.fill("input[name=token]", TOKEN)
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/events/"))
    wait_ready(page)
    text = page.locator(".report .report-text").inner_text()
    assert "<script>document.title='pwned'; fetch('/x-evil-script')</script>" in text
    assert "<img src=/x-evil-img" in text
    assert "<img src=/x-evil-title" in page.locator(".report h3").inner_text()
    assert page.locator(".report script, .report img").count() == 0
    assert page.title() != "pwned"
    assert not [url for url in page.requests if "x-evil" in url]
    assert_stayed_home(page, live_server)


def assert_inert(page, scope: str) -> None:
    """Nothing in ``scope`` was made from the hostile site name's markup, and no link leads to
    a ``javascript:`` address."""
    assert page.locator(f"{scope} b, {scope} img").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.title() != "pwned"


def test_a_site_name_with_markup_is_text_in_the_maps_tooltips(hostile_event, page,
                                                              live_server):
    page.goto("/")
    wait_ready(page)
    # The hostile event is the latest with rings: the map opens on it, drawn by eventLayers.
    assert page.locator("#map").get_attribute("data-selected") == hostile_event
    shown = []
    sites = page.locator("#map path.lw-site")
    for index in range(sites.count()):
        sites.nth(index).hover(force=True)
        tooltip = page.locator(".leaflet-tooltip").last
        tooltip.wait_for()
        shown.append(tooltip.inner_text())
    assert any(text.startswith(HOSTILE_SITE + ": 1 event") for text in shown), shown
    assert_inert(page, ".leaflet-tooltip")
    assert_inert(page, "#map")
    assert page.errors == []  # no inline handler for the CSP to refuse
    assert_stayed_home(page, live_server)


def test_an_events_geometry_tooltips_are_text(hostile_event, page, live_server):
    page.goto(f"/events/{hostile_event}")
    wait_ready(page)
    # Every tooltip eventLayers binds, opened on a map of its own.
    found = page.evaluate("""async (id) => {
      const collection = await LW.getJSON(`/api/events/${id}/map`);
      collection.features.push({ type: "Feature", geometry: { type: "Point",
        coordinates: [131, 40] }, properties: { role: "landing_point",
        zone: "<b>Sea</b><img src=x>" } });
      const box = document.createElement("div");
      box.id = "probe";
      document.body.append(box);
      const map = L.map(box).setView([40, 128], 4);
      LW.eventLayers(collection).addTo(map).eachLayer((layer) => {
        if (!layer.getTooltip()) return;
        layer.openTooltip(layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter());
        layer.getTooltip().options.permanent = true;
      });
      return Array.from(box.querySelectorAll(".leaflet-tooltip"), (tip) => tip.textContent);
    }""", hostile_event)
    assert f"Launch site: {HOSTILE_SITE}" in found, found
    assert "Landing point (<b>Sea</b><img src=x>)" in found, found
    assert_inert(page, "#probe")
    # The report's address is shown, not linked.
    meta = page.locator("article.report .meta")
    assert HOSTILE_URL in meta.inner_text()
    assert meta.locator("a").count() == 0
    assert_inert(page, "main")
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_the_pages_work_on_a_phone_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, base_url=live_server.url)
    phone = context.new_page()
    try:
        phone.goto("/")
        wait_ready(phone)
        box = phone.locator("#map").bounding_box()
        assert box["width"] >= 380 and box["height"] >= 250
        assert phone.locator("#events > li").count() >= 10
        first = phone.locator("#events > li > a").first.bounding_box()
        assert first["height"] >= 40  # big enough to tap
        for path in ("/", "/events", "/paste", "/context/stats"):
            phone.goto(path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways ({width} px)"
        # Each event is a card: nothing of the table is hidden to the right, and every value
        # shown carries its column's name.
        phone.goto("/events")
        wrap = phone.evaluate("(() => { const w = document.querySelector('.table-wrap');"
                              " return [w.scrollWidth, w.clientWidth]; })()")
        assert wrap[0] <= wrap[1], f"the events table scrolls sideways ({wrap})"
        card = phone.locator("table.events tbody tr").first
        assert card.locator("td.date").bounding_box()["y"] < \
            card.locator("td[data-label='Country']").bounding_box()["y"]
        label = card.locator("td[data-label='Country']").evaluate(
            "td => getComputedStyle(td, '::before').content")
        assert label == '"Country"'
        assert phone.locator("table.events thead a.sort").first.is_visible()
    finally:
        context.close()


# -- the timeline ---------------------------------------------------------------------------------

def drag(page, selector: str, from_fraction: float, to_fraction: float) -> None:
    """Press, move and release the mouse across an element, by fractions of its width."""
    box = page.locator(selector).bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * from_fraction, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * (from_fraction + to_fraction) / 2, y, steps=4)
    page.mouse.move(box["x"] + box["width"] * to_fraction, y, steps=4)
    page.mouse.up()


def test_brushing_the_timeline_chooses_a_period_and_clears_the_old_selection(page,
                                                                            live_server):
    page.goto("/")
    wait_ready(page)
    assert page.locator("#map").get_attribute("data-selected")
    assert page.locator("#map path.lw-ring").count() == 3
    every = int(page.locator("#map").get_attribute("data-events"))
    # The timeline runs from 2016 to the end of 2024: the first third is 2016 to 2018.
    drag(page, "#timeline", 0.02, 0.33)
    page.wait_for_function("() => location.search.includes('from=2016')")
    page.wait_for_function("n => document.querySelector('#map').dataset.events !== String(n)",
                           arg=every)
    assert page.locator("#map").get_attribute("data-selected") is None
    assert page.locator("#map path.lw-ring, #map path.lw-event-site").count() == 0
    assert page.locator("#selected").is_hidden()
    assert page.locator("#timeline rect.period").count() == 1
    assert page.input_value("input[name=from]").startswith("2016")
    dates = [text.split()[0] for text in page.locator("#events > li .date").all_inner_texts()]
    to = page.input_value("input[name=to]")
    assert dates and all("2016" <= d <= to + "-31" for d in dates), (dates, to)
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_playback_shows_the_launches_in_date_order_and_pauses(page, live_server):
    page.goto("/")
    wait_ready(page)
    dated = sorted(e["date_local"] for e in page.evaluate("LW.getJSON('/api/events?limit=500')")
                   ["events"] if e["date_local"] and e["launch_lat"] is not None)
    page.select_option("#speed", "1")
    page.click("#play")
    page.wait_for_function("() => document.querySelector('#map').dataset.playing === 'true'")
    # While it plays, the map of places gives way to the launches played so far.
    assert page.locator("#map path.lw-site").count() == 0
    assert page.locator("#map").get_attribute("data-selected") is None
    page.wait_for_function("() => Number(document.querySelector('#map').dataset.played) >= 2")
    page.click("#play")  # pause
    assert page.locator("#map").get_attribute("data-playing") == "paused"
    shown = page.locator("#play-date").inner_text()
    played = int(page.locator("#map").get_attribute("data-played"))
    # Exactly the launches up to the date shown have appeared.
    assert played == sum(day <= shown for day in dated), (shown, played, dated)
    assert page.locator("#map path.lw-played").count() == played
    assert page.locator("#timeline line.playhead").count() == 1
    page.wait_for_timeout(400)
    assert page.locator("#play-date").inner_text() == shown  # paused means paused
    page.select_option("#speed", "10")
    page.click("#play")  # resume, faster
    page.wait_for_function("() => document.querySelector('#map').dataset.playing === 'done'",
                           timeout=20_000)
    assert int(page.locator("#map").get_attribute("data-played")) == len(dated)
    assert page.locator("#play-date").inner_text() >= dated[-1]
    assert page.locator("#play").inner_text() == "Replay"
    page.click("#stop")
    assert page.locator("#map path.lw-played").count() == 0
    assert page.locator("#map path.lw-site").count() >= 5
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_the_phone_map_folds_its_legend_and_stays_usable(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, base_url=live_server.url)
    phone = context.new_page()
    phone.requests = []
    phone.on("request", lambda request: phone.requests.append(request.url))
    try:
        phone.goto("/")
        wait_ready(phone)
        view = phone.locator("#map").bounding_box()
        legend = phone.locator(".legend")
        folded = legend.bounding_box()
        # Folded to its one line: under a twentieth of the map.
        assert legend.get_attribute("open") is None
        assert folded["width"] * folded["height"] < 0.05 * view["width"] * view["height"]
        # Opened, it still leaves most of the map, and folds again.
        phone.locator(".legend summary").tap()
        assert legend.get_attribute("open") is not None
        opened = legend.bounding_box()
        assert opened["height"] <= 0.45 * view["height"], (opened, view)
        assert opened["width"] <= 0.8 * view["width"]
        phone.locator(".legend summary").tap()
        assert legend.get_attribute("open") is None
        # The map answers a tap on a site: its events open in a popup.
        assert phone.locator(".leaflet-popup").count() == 0
        phone.locator("#map path.lw-site").first.tap(force=True)
        phone.locator(".leaflet-popup-content a").first.wait_for()
        assert_stayed_home(phone, live_server)
    finally:
        context.close()


# -- the events table -----------------------------------------------------------------------------

def rows(page) -> list[str]:
    return page.locator("table.events tbody tr").evaluate_all(
        "rows => rows.map((row) => row.dataset.id)")


def wait_table(page, fragment: str) -> None:
    page.wait_for_function("f => (document.documentElement.dataset.tableUrl || '').includes(f)",
                           arg=fragment)


def test_the_table_sorts_by_a_column_and_the_address_keeps_it(page, live_server):
    page.goto("/events")
    events = {e["id"]: e for e in page.evaluate("LW.getJSON('/api/events?limit=500')")["events"]}
    page.click("th a.sort[data-sort=distance]")
    wait_table(page, "sort=-distance")
    assert "sort=-distance" in page.url
    distances = [events[i]["distance_km"] for i in rows(page)]
    known = [d for d in distances if d is not None]
    assert known == sorted(known, reverse=True) and distances[:len(known)] == known
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Distance")
    page.click("th a.sort[data-sort=distance]")
    wait_table(page, "sort=distance")
    ascending = [events[i]["distance_km"] for i in rows(page)]
    assert [d for d in ascending if d is not None] == sorted(known)
    # The address is a permalink: loaded afresh, it shows the same table.
    shown = rows(page)
    page.goto(page.url)
    assert rows(page) == shown
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Distance")
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_the_search_box_narrows_the_table_as_you_type(page, live_server):
    page.goto("/events?sort=apogee")
    every = len(rows(page))
    page.fill("input[name=q]", "sunan")
    wait_table(page, "q=sunan")
    found = rows(page)
    assert 0 < len(found) < every
    texts = page.locator("table.events tbody tr").all_inner_texts()
    assert all("sunan" in text.lower() for text in texts), texts
    assert "sort=apogee" in page.url and "q=sunan" in page.url  # the sort stays
    page.goto(page.url)
    assert page.input_value("input[name=q]") == "sunan" and rows(page) == found
    page.fill("input[name=q]", "no-such-missile")
    wait_table(page, "q=no-such-missile")
    assert "No events match" in page.locator("#results").inner_text()
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_the_download_holds_exactly_the_filtered_rows(page, live_server):
    import json

    page.goto("/events")
    page.select_option("select[name=country]", "North Korea")
    wait_table(page, "country=North")
    page.fill("input[name=q]", "pyongyang")
    wait_table(page, "q=pyongyang")
    page.click("th a.sort[data-sort=apogee]")
    wait_table(page, "sort=-apogee")
    shown = rows(page)
    assert shown
    with page.expect_download() as download_info:
        page.click("#downloads a[data-format=json]")
    with open(download_info.value.path()) as file:
        exported = json.load(file)
    assert [event["id"] for event in exported["events"]] == shown
    with page.expect_download() as download_info:
        page.click("#downloads a[data-format=geojson]")
    with open(download_info.value.path()) as file:
        features = json.load(file)["features"]
    assert {f["properties"]["event_id"] for f in features} == set(shown)
    assert page.errors == []
    assert_stayed_home(page, live_server)


# -- a missile that reaches anywhere --------------------------------------------------------------

@pytest.fixture
def reaches_anywhere(sample_db: str) -> str:
    """The 2022-11-18 ICBM of the samples, its assessment's range raised past 20,000 km (as
    a near-orbital flight's comes out): the id of the event."""
    from launchwatch.model import range_text
    from launchwatch.store import Store

    with Store.open(sample_db) as store:
        [event] = [e for e in store.events() if e.date_local and
                   e.date_local.isoformat() == "2022-11-18"]
        reach = event.assessment.reach
        value = reach.value.model_copy(update={
            "range_km": 20_015.0, "rings_km": [], "reaches_anywhere": True,
            "range_text": range_text(20_015.0)})
        figure = reach.model_copy(update={"value": value})
        store.save_assessment(event.assessment.model_copy(update={"reach": figure}))
    return event.id


def test_a_missile_that_reaches_anywhere_has_no_ring_and_its_flight_is_framed(
        reaches_anywhere, page, live_server):
    page.goto(f"/events/{reaches_anywhere}")
    wait_ready(page)
    assert page.locator("#event-map path.lw-ring").count() == 0
    assert page.locator("#event-map path.lw-track").count() == 1
    assert "any point on Earth" in page.locator("#a-reach + p").inner_text()
    geometry = page.evaluate(f"LW.getJSON('/api/events/{reaches_anywhere}/map')")
    assert "any point on Earth" in geometry["properties"]["rings"][0]
    west, south, east, north = map(float, page.locator("#event-map")
                                   .get_attribute("data-view").split(","))
    for feature in geometry["features"]:
        if feature["geometry"]["type"] == "Point":
            lon, lat = feature["geometry"]["coordinates"]
            assert west <= lon <= east and south <= lat <= north, feature["properties"]["role"]
    # Framed on a flight of 1,000 km, not on the antipode (near 50 W, 40 S).
    assert east - west < 40 and south > 0, (west, south, east, north)
    assert page.errors == []
    assert_stayed_home(page, live_server)


# -- context on the timeline, and the timing statistics -------------------------------------------

HOSTILE_CONTEXT = "<b>Drill</b><img src=x onerror=\"document.title='pwned'\">"


def wait_context(page) -> None:
    page.wait_for_function("() => Number(document.querySelector('#timeline')"
                           ".dataset.contextMarks) > 0", timeout=15_000)


def test_the_timeline_shows_context_under_the_launches_and_a_kind_switches_off(page,
                                                                             live_server):
    page.goto("/")
    wait_ready(page)
    wait_context(page)
    timeline = page.locator("#timeline")
    bands, marks = timeline.locator("rect.ctx-band"), timeline.locator("g.ctx-mark")
    # The shipped calendar covers 2016-2025, the samples' timeline 2016-2024.
    assert bands.count() > 0 and marks.count() > 0
    assert bands.count() == int(timeline.get_attribute("data-context-bands"))
    assert marks.count() == int(timeline.get_attribute("data-context-marks"))
    assert timeline.locator("rect.ctx-band:not([data-kind=exercise])").count() == 0
    # Under the launches: drawn before the bars.
    drawn = page.evaluate("() => Array.from(document.querySelector('#timeline').children,"
                          " (node) => node.getAttribute('class'))")
    assert drawn.index("context") < drawn.index("bar"), drawn
    # Tooltips say the name, the dates and the source, as text.
    titles = timeline.locator("g.ctx-mark title").all_text_contents()
    assert all(re.search(r"\d{4}-\d{2}-\d{2}", title) for title in titles), titles[:3]
    assert any("source: https://" in title for title in titles)
    timeline.locator(".ctx-mark[data-kind=visit] .ctx-cap").first.hover(force=True)
    assert "visit" in page.locator("#context-note").inner_text()
    # A click (a tap on a phone) names the mark and leaves the period alone.
    timeline.locator(".ctx-mark[data-kind=unsc] .ctx-cap").first.click(force=True)
    assert "unsc" in page.locator("#context-note").inner_text()
    assert page.input_value("input[name=from]") == "" and "from=" not in page.url
    assert page.locator("#timeline rect.period").count() == 0
    # Anniversaries start hidden; visits switch off and on.
    anniversaries = page.locator("#context-kinds input[data-kind=anniversary]")
    assert not anniversaries.is_checked()
    assert timeline.locator("[data-kind=anniversary]").count() == 0
    every, visits = marks.count(), timeline.locator(".ctx-mark[data-kind=visit]").count()
    assert visits > 0
    page.locator("#context-kinds input[data-kind=visit]").uncheck()
    assert timeline.locator("[data-kind=visit]").count() == 0
    assert marks.count() == every - visits
    anniversaries.check()
    assert timeline.locator(".ctx-mark[data-kind=anniversary]").count() > 0
    page.locator("#context-kinds input[data-kind=visit]").check()
    assert timeline.locator(".ctx-mark[data-kind=visit]").count() == visits
    assert page.errors == []
    assert_stayed_home(page, live_server)


@pytest.fixture
def hostile_context(sample_db: str, tmp_path) -> str:
    """A user's calendar whose exercise is named with markup and sourced to a
    ``javascript:`` address, imported into ``sample_db``."""
    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["kind", "name", "start", "end", "zone", "actors", "place", "source"])
        writer.writerow(["exercise", HOSTILE_CONTEXT, "2023-06-01", "2023-06-20", "", "", "",
                         HOSTILE_URL])
    with Store.open(sample_db) as store:
        read, new = import_context(store, path)
    assert new == 1 and not read.problems
    return HOSTILE_CONTEXT


def test_a_context_name_with_markup_is_text_on_the_timeline(hostile_context, page,
                                                            live_server):
    page.goto("/")
    wait_ready(page)
    wait_context(page)
    titles = page.locator("#timeline rect.ctx-band title").all_text_contents()
    [shown] = [title for title in titles if hostile_context in title]
    assert f"source: {HOSTILE_URL}" in shown
    band = page.locator("#timeline rect.ctx-band",
                        has=page.locator("title", has_text="<b>Drill</b>"))
    band.hover(position={"x": 1, "y": 1}, force=True)
    assert hostile_context in page.locator("#context-note").inner_text()
    assert_inert(page, "#timeline")
    assert_inert(page, ".timeline")
    assert page.errors == []
    assert_stayed_home(page, live_server)


def test_the_timing_statistics_page_shows_its_tables_and_figure(page, live_server):
    page.goto("/")
    page.click("header nav >> text=Timing")
    page.wait_for_url(re.compile(r"/context/stats$"))
    assert page.locator("header nav a[aria-current=page]").inner_text() == "Timing"
    kinds = page.locator("table.stats").first.locator("tbody tr td[data-label=kind]")
    assert {"exercise", "visit"} <= set(kinds.all_inner_texts())
    assert "rate ratio" in page.locator("table.stats").first.inner_text()
    figure = page.locator(".peri-event img")
    page.wait_for_function("() => document.querySelector('.peri-event img').naturalWidth > 0",
                           timeout=30_000)
    source = figure.get_attribute("src")
    assert source.startswith("/context/stats.svg?")
    answer = page.request.get(source)
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert answer.text().lstrip().startswith(("<?xml", "<svg"))
    assert "What they cannot show" in page.locator("main").inner_text()
    assert page.errors == []
    assert_stayed_home(page, live_server)
