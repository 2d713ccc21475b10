"""The web app in Debian's Chromium, driven by Playwright, on a live server.

Every test ends by checking the network log: no request left the server.
"""

from __future__ import annotations

import re

import pytest

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
    # range and the two ends of its interval, drawn inside the map's view.
    rings = page.locator("#map path.lw-ring")
    assert rings.count() == 3 == int(page.locator("#map").get_attribute("data-rings"))
    view = page.locator("#map").bounding_box()
    ring = rings.nth(1).bounding_box()
    assert view["x"] <= ring["x"] and ring["x"] + ring["width"] <= view["x"] + view["width"]
    assert "Minimum-energy range" in page.locator("#selected").inner_text()
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
    page.locator("table.events a").first.click()
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
    page.locator("table.events a").first.click()
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
        for path in ("/", "/events", "/paste"):
            phone.goto(path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} scrolls sideways ({width} px)"
    finally:
        context.close()
