"""Screenshots of the web app's pages at desktop and phone width, for docs/screenshots.

Usage: python bench/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

The sample reports (``samples/reports``) are ingested into a fresh SQLite file, the app is
served by Uvicorn on a free port, and headless Chromium (driven by Playwright) photographs
each page at 1366x900 and at 390x844 (a phone): the map (once its first drawing is done,
with the context under the timeline), the events table, the event the map opens on, the
paste page with a preview, and the timing statistics (the whole page, with its
figure).  Files are
named ``{page}-{desktop|phone}.png``.  Nothing is fetched from outside: a request that leaves
the server ends the run with an error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from launchwatch.pipeline import Pipeline  # noqa: E402
from launchwatch.settings import load_settings  # noqa: E402
from launchwatch.store import Store  # noqa: E402

from app_server import AppServer  # noqa: E402

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASTED = (SAMPLES := ROOT / "samples" / "reports") / "07-mod-icbm-oshima-eez.txt"


def serve(db_url: str) -> AppServer:
    """The app over ``db_url``, without the user's settings."""
    from launchwatch.web import create_app

    settings = load_settings({"database_url": db_url}, environ={},
                             config_path=Path("/nonexistent/launchwatch.toml"))
    return AppServer(create_app(settings))


def shoot(page, server: AppServer, out: Path, size: str) -> list[Path]:
    """Each page at one size; returns the files written."""
    written = []

    def save(name: str, full_page: bool) -> None:
        path = out / f"{name}-{size}.png"
        page.screenshot(path=str(path), full_page=full_page)
        written.append(path)

    page.goto(server.url + "/")
    page.wait_for_selector("html[data-map-ready]", state="attached", timeout=30_000)
    # Sea names, the EEZ and the timeline's context come after the first drawing.
    page.wait_for_selector("#map[data-waters]", state="attached", timeout=30_000)
    page.wait_for_function("() => Number(document.querySelector('#timeline')"
                           ".dataset.contextMarks) > 0", timeout=30_000)
    page.wait_for_timeout(300)
    save("map", full_page=False)
    featured = page.locator("#map").get_attribute("data-selected")
    page.goto(server.url + "/events")
    save("events", full_page=False)
    page.goto(server.url + f"/events/{featured}")
    page.wait_for_selector("html[data-map-ready]", state="attached", timeout=30_000)
    save("event", full_page=False)
    page.goto(server.url + "/paste")
    page.fill("textarea[name=text]", PASTED.read_text())
    page.click("button[value=preview]")
    page.wait_for_selector(".preview")
    page.locator(".preview").scroll_into_view_if_needed()
    save("paste", full_page=False)
    page.goto(server.url + "/context/stats")
    page.wait_for_function("() => { const img = document.querySelector('.peri-event img');"
                           " return img && img.complete && img.naturalWidth > 0; }",
                           timeout=60_000)
    save("context-stats", full_page=True)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="launchwatch-shots-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'samples.sqlite3'}"
        with Store.open(db_url) as store:
            pipeline = Pipeline(store)
            pipeline.ingest([SAMPLES])
            pipeline.refresh()
        with serve(db_url) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium,
                                                 args=CHROMIUM_ARGS)
            away: list[str] = []
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              is_mobile=size == "phone",
                                              has_touch=size == "phone")
                page = context.new_page()
                page.on("request", lambda request: away.append(request.url)
                        if not request.url.startswith((server.url + "/", "data:")) else None)
                for path in shoot(page, server, args.out, size):
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                context.close()
            browser.close()
    if away:
        print("requests left the server:", *away, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
