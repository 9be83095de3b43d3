"""The dashboard in a real browser: drawn, offline, filterable, and reproducible from its URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from mapview import render
from mapview.domain import Status
from mapview.join import trips_view
from mapview.load import load_dataset

from .harness import MAP_IFRAME, ROOT, require_chromium, streamlit_server

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests" / "e2e" / "artifacts"
VIEW = "/?leader=vladimir-putin&from=2024-01-01&to=2024-12-31"
TRIP = 'path.leaflet-interactive[stroke-width="2"]'
COUNTRY = 'path.leaflet-interactive[stroke-width="0.5"]'


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require_chromium()
    with streamlit_server() as url:
        yield url


def open_view(browser: Browser, url: str, failed: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(url)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some("
        "f => f.title === 'streamlit_folium.st_folium' && f.getBoundingClientRect().height > 0)"
    )
    return page


def expected_markers(start: str, end: str) -> int:
    """Trips by Putin overlapping the range that have a location, from the data itself."""
    view = trips_view(
        load_dataset(), dt.date.fromisoformat(start), dt.date.fromisoformat(end), ["Vladimir Putin"]
    )
    return int(view["lat"].notna().sum())


def trip_count(page: Page) -> int:
    return int(page.frame_locator(MAP_IFRAME).locator(TRIP).count())


def test_map_draws_countries_and_one_marker_per_trip_with_no_failed_request(
    browser: Browser, server: str
) -> None:
    """Polygons and trip markers are drawn, the iframe has height, and nothing fails to load."""
    failed: list[str] = []
    page = open_view(browser, server + VIEW, failed)
    frame = page.frame_locator(MAP_IFRAME)
    assert frame.locator("path.leaflet-interactive").count() >= 240
    assert trip_count(page) == expected_markers("2024-01-01", "2024-12-31") > 0
    key = frame.locator(".mapview-legend").inner_text()
    assert "State Party" in key and "host bound to arrest" in key
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    assert failed == []
    page.close()


def test_changing_the_range_updates_markers_and_url_and_the_url_reproduces_it(
    browser: Browser, server: str
) -> None:
    """Typing a new start date redraws the markers, rewrites the URL, and that URL shows the same."""
    failed: list[str] = []
    page = open_view(browser, server + VIEW, failed)
    month = page.get_by_role("spinbutton", name="month, From")
    month.click()
    page.keyboard.type("09")
    page.locator("h1").first.click()  # the date input commits when it loses focus
    page.wait_for_function("() => location.search.includes('from=2024-09-01')", timeout=20_000)
    page.frame_locator(MAP_IFRAME).locator(TRIP).first.wait_for(state="attached")
    n = expected_markers("2024-09-01", "2024-12-31")
    assert 0 < n < expected_markers("2024-01-01", "2024-12-31")
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('{TRIP}').length === {n}"
    )
    summary = page.get_by_text("Between 2024-09-01").inner_text()
    shared = page.url
    page.close()
    again = open_view(browser, shared, failed)
    assert again.get_by_text("Between 2024-09-01").inner_text() == summary
    assert trip_count(again) == n
    assert failed == []
    again.close()


def test_a_bad_link_shows_a_notice_not_a_traceback(browser: Browser, server: str) -> None:
    """A garbage parameter gives a warning and the default view."""
    failed: list[str] = []
    page = open_view(browser, server + "/?from=not-a-date&leader=%3Cscript%3E", failed)
    assert page.get_by_text("is not a date").count() >= 1
    assert page.locator("text=Traceback").count() == 0
    page.close()


def test_screenshot_exists_for_review() -> None:
    """The screenshot of the first test was written (it is opened and looked at by hand)."""
    path = Path(SHOTS / "dashboard.png")
    if not path.exists():
        pytest.skip("browser tests did not run")
    assert path.stat().st_size > 10_000


def test_a_filter_change_keeps_the_readers_zoom_and_the_same_map(
    browser: Browser, server: str
) -> None:
    """Zoom in, change the range: the map is not remounted and the zoom stays."""
    failed: list[str] = []
    page = open_view(browser, server + VIEW, failed)
    page.evaluate(
        f"() => document.querySelector('{MAP_IFRAME}').setAttribute('data-mark', 'first')"
    )
    frame = page.frame_locator(MAP_IFRAME)
    page.wait_for_function(  # the outlines arrive from their static file after the first paths
        f"() => document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('{COUNTRY}').length > 200"
    )
    outlines = frame.locator(COUNTRY).count()
    frame.locator(".leaflet-control-zoom-in").click()
    zoom = f"() => document.querySelector('{MAP_IFRAME}').contentWindow.map_div.getZoom()"
    page.wait_for_function(f"() => ({zoom})() === 3")  # from 2
    page.get_by_role("spinbutton", name="month, From").click()
    page.keyboard.type("09")
    page.locator("h1").first.click()
    n = expected_markers("2024-09-01", "2024-12-31")
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('{TRIP}').length === {n}"
    )
    assert (
        page.evaluate(f"() => document.querySelector('{MAP_IFRAME}').getAttribute('data-mark')")
        == "first"
    )
    assert page.evaluate(zoom) == 3
    assert frame.locator(COUNTRY).count() == outlines > 200  # recoloured, not drawn again
    assert frame.locator(".mapview-legend").count() == 1
    page.close()


def test_opening_a_panel_sends_it_names_it_in_the_url_and_keeps_the_map(
    browser: Browser, server: str
) -> None:
    """The timeline is not on the first page; opening its tab draws it, writes tab=timeline to
    the URL, and leaves the map's frame in place; that URL opens on the same tab."""
    failed: list[str] = []
    page = open_view(browser, server + VIEW, failed)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    assert chart.count() == 0
    page.evaluate(f"() => document.querySelector('{MAP_IFRAME}').setAttribute('data-mark', 'kept')")
    page.get_by_role("tab", name="Timeline").click()
    page.wait_for_function("() => location.search.includes('tab=timeline')", timeout=20_000)
    chart.first.wait_for(state="visible", timeout=20_000)
    assert (
        page.evaluate(f"() => document.querySelector('{MAP_IFRAME}').getAttribute('data-mark')")
        == "kept"
    )
    shared = page.url
    page.close()
    again = open_view(browser, shared, failed)
    again.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
    assert again.get_by_role("tab", name="Timeline").get_attribute("aria-selected") == "true"
    assert failed == []
    again.close()


def test_a_new_colour_day_recolours_the_same_outlines(browser: Browser, server: str) -> None:
    """Moving the end of the range into 2025 recolours Ukraine (ratified, in force from
    2025-01-01) on the outlines already drawn: no outline is drawn again. (Two people and no
    lens, so the map shows each state's ICC status.)"""
    failed: list[str] = []
    page = open_view(browser, server + VIEW.replace("putin", "putin,benjamin-netanyahu"), failed)
    frame = page.frame_locator(MAP_IFRAME)
    green = f'{COUNTRY}[fill="{render.STATUS_COLOURS[Status.RATIFIED_NOT_IN_FORCE]}"]'
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('{COUNTRY}').length > 200"
    )
    before = frame.locator(green).count()
    assert before >= 1
    frame.locator(COUNTRY).evaluate_all("ps => ps.forEach(p => p.setAttribute('data-old', ''))")
    page.get_by_role("spinbutton", name="year, To").click()
    page.keyboard.type("2025")
    page.locator("h1").first.click()
    page.wait_for_function("() => location.search.includes('to=2025-12-31')", timeout=20_000)
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').contentDocument"
        f".querySelectorAll('{green}').length < {before}"
    )
    assert frame.locator(f"{COUNTRY}:not([data-old])").count() == 0
    assert failed == []
    page.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_map_starts_on_the_first_screen_under_a_one_line_title(
    browser: Browser, server: str, width: int, height: int
) -> None:
    """On a phone and a laptop the map's top edge lies in the first 60% of the screen; above it
    are only the title, on one line (the short form on a phone), and one headline sentence."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(server + VIEW)
    page.locator(MAP_IFRAME).wait_for(timeout=30_000)
    page.wait_for_function(
        f"() => document.querySelector('{MAP_IFRAME}').getBoundingClientRect().height > 0"
    )
    top = page.evaluate(f"() => document.querySelector('{MAP_IFRAME}').getBoundingClientRect().top")
    print(f"\ndashboard at {width}x{height}: map top at {top:.0f} px ({top / height:.0%})")
    assert top <= 0.6 * height
    title = page.locator("h1.mapview-title")
    assert title.evaluate(
        "h => h.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(h).lineHeight)"
        " && h.scrollWidth <= h.clientWidth"
    )
    assert title.locator(".short").is_visible() == (width < 640)
    lead = page.get_by_text("Between 2024-01-01 and 2024-12-31, Vladimir Putin made").bounding_box()
    assert lead is not None and lead["y"] + lead["height"] <= top
    ctx.close()


def test_a_dark_page_gets_a_dark_map_and_key_described_by_the_summary(
    browser: Browser, server: str
) -> None:
    """With the reader's system in dark mode, Streamlit turns dark and so do the map's sea, its
    never-joined countries and its key; the map is described by the summary."""
    dark = render.THEMES["dark"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(server + VIEW)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(COUNTRY).first.wait_for(state="attached", timeout=30_000)
    sea = frame.locator(".leaflet-container").evaluate("e => getComputedStyle(e).backgroundColor")
    assert sea == _rgb(dark.sea)
    key = frame.locator(".mapview-legend").evaluate("e => getComputedStyle(e).backgroundColor")
    assert key == _rgb(dark.key_background)
    fills = frame.locator(COUNTRY).evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert dark.none in fills and render.STATUS_COLOURS[Status.NON_PARTY] not in fills
    described = frame.locator(".leaflet-container").get_attribute("aria-describedby")
    text = frame.locator(f"#{described}").text_content() or ""
    assert text.startswith("Between 2024-01-01 and 2024-12-31, Vladimir Putin made")
    ctx.close()


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_share_panel_offers_the_view_as_svg(browser: Browser, server: str) -> None:
    """'Download map (SVG…)' gives a standalone SVG of the view, titled and described."""
    failed: list[str] = []
    page = open_view(browser, server + VIEW, failed)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download map (SVG, for print and graphics)").click()
    download = info.value
    assert download.suggested_filename == "mapview-2024-01-01-2024-12-31.svg"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "Between 2024-01-01 and 2024-12-31, Vladimir Putin made" in text
    page.close()
