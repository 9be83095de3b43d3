"""The static reader page in a real browser, opened from file:// with no server and no network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page

from mapview import airspace, export, narrative, render, versions
from mapview.domain import Obligation, Status
from mapview.join import EXPORT_COLUMNS, trips_view
from mapview.load import Dataset, load_dataset

from .harness import ROOT, require_chromium

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests" / "e2e" / "artifacts"
FIRST, LAST = dt.date(2009, 3, 4), dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def page_file(data: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page for all leaders, 2009-03-04 to 2026-11-29."""
    path = tmp_path_factory.mktemp("reader") / export.PAGE_NAME
    path.write_text(export.build_reader_page(data, FIRST, LAST), encoding="utf-8")
    return path


class Opened:
    """A page with everything that went wrong while it was open."""

    def __init__(
        self, browser: Browser, url: str, clock: bool = False, has_touch: bool = False
    ) -> None:
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, has_touch=has_touch)
        self.page: Page = ctx.new_page()
        if clock:
            self.page.clock.install()  # timers advance only when the test says so
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        start = time.perf_counter()
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)
        self.seconds = time.perf_counter() - start

    def clean(self) -> bool:
        return not (self.failed or self.errors or self.dialogs)

    def close(self) -> None:
        self.page.context.close()


def set_slider(page: Page, day: str) -> None:
    """Move the range input to ``day`` as a drag does (value, input, then change on release)."""
    index = (dt.date.fromisoformat(day) - FIRST).days
    page.locator("#day").evaluate(
        "(el, v) => { el.value = String(v);"
        " el.dispatchEvent(new Event('input', {bubbles: true}));"
        " el.dispatchEvent(new Event('change', {bubbles: true})); }",
        index,
    )
    page.wait_for_function(f"() => document.getElementById('day-label').textContent === '{day}'")


def fill(page: Page, iso: str) -> str:
    return str(page.locator(f'path.country[data-iso-a3="{iso}"]').get_attribute("fill"))


def shown_until(data: Dataset, day: str) -> pd.DataFrame:
    view = trips_view(data, FIRST, LAST)
    return view[view["start"] <= pd.Timestamp(day)]


def test_page_draws_every_country_offline_and_is_quick(browser: Browser, page_file: Path) -> None:
    """All polygons and the trip markers are drawn from file:// with no failed request."""
    opened = Opened(browser, page_file.as_uri())
    page = opened.page
    in_page_ms = int(page.locator("html").get_attribute("data-ready") or 0)
    print(
        f"\nreader page: {page_file.stat().st_size:,} bytes; time to interactive "
        f"{opened.seconds:.2f} s (goto to ready), {in_page_ms} ms after navigation start"
    )
    assert page.locator("path.country").count() >= 240
    assert page.locator("path.trip").count() > 100
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "reader.png"))
    assert opened.clean(), (opened.failed, opened.errors, opened.dialogs)
    opened.close()


COUNTRY_AT = """([x, y]) => document.elementsFromPoint(x, y)
  .filter(e => e.matches('path.country')).map(e => e.getAttribute('data-iso-a3'))"""


def centre(page: Page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def on_outlines(page: Page, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) falls on the drawn outlines: their SVG spans Leaflet's Web Mercator square."""
    box = page.locator("svg.countries").bounding_box()
    assert box is not None
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
    return box["x"] + box["width"] * (lon + 180) / 360, box["y"] + box["height"] * y


def test_outlines_and_markers_share_one_projection_when_zooming(
    browser: Browser, page_file: Path, data: Dataset
) -> None:
    """A trip's marker sits where the outlines put its place, on its host country, at the first
    view and after zooming in on it with the wheel."""
    trip = data.trips.set_index("trip_id").loc["putin-2024-09-02-mng"]
    marker = 'path.trip[data-trip-id="putin-2024-09-02-mng"]'
    opened = Opened(browser, page_file.as_uri())
    page = opened.page

    def marker_on_its_place() -> None:
        x, y = centre(page, marker)
        expected = on_outlines(page, trip["lat"], trip["lon"])
        assert abs(x - expected[0]) < 1.5 and abs(y - expected[1]) < 1.5, (x, y, expected)
        assert page.evaluate(COUNTRY_AT, [x, y]) == ["MNG"]

    marker_on_its_place()
    width = (page.locator("svg.countries").bounding_box() or {"width": 0})["width"]
    x, y = centre(page, marker)
    page.mouse.move(x + 30, y)
    page.mouse.wheel(0, -600)
    page.wait_for_function(
        "w => !document.querySelector('.leaflet-zoom-anim') && "
        "document.querySelector('svg.countries').getBoundingClientRect().width > 3 * w",
        arg=width,
    )
    marker_on_its_place()
    assert opened.clean()
    opened.close()


@pytest.mark.parametrize(
    ("iso", "before", "after"),
    [
        ("ARM", "2024-01-31", "2024-02-01"),
        ("UKR", "2024-12-31", "2025-01-01"),
        ("BDI", "2017-10-26", "2017-10-27"),
    ],
)
def test_moving_the_slider_recolours_a_country_on_the_day_its_status_changes(
    browser: Browser, page_file: Path, data: Dataset, iso: str, before: str, after: str
) -> None:
    """Armenia, Ukraine and Burundi take their new status colour exactly on the recorded day."""
    opened = Opened(browser, page_file.as_uri())
    colours = []
    for day in (before, after):
        set_slider(opened.page, day)
        status = data.membership(iso).status_on(dt.date.fromisoformat(day))
        assert fill(opened.page, iso).upper() == render.STATUS_COLOURS[status].upper()
        colours.append(fill(opened.page, iso))
    assert colours[0] != colours[1]
    assert opened.page.url.endswith("#" + after)
    assert opened.clean()
    opened.close()


def test_counts_markers_table_and_summary_follow_the_slider(
    browser: Browser, page_file: Path, data: Dataset
) -> None:
    """Trips that began by the day are counted, drawn and listed; the text is narrative.summarise's."""
    opened = Opened(browser, page_file.as_uri())
    page = opened.page
    seen = set()
    for day in ("2010-01-01", "2016-06-30", "2024-09-03", LAST.isoformat()):
        set_slider(page, day)
        shown = shown_until(data, day)
        expected = narrative.summarise(shown, data.people, FIRST, dt.date.fromisoformat(day))
        h = expected.numbers
        assert page.locator("#count-trips").inner_text() == str(h.trips)
        assert page.locator("#count-bound").inner_text() == str(h.bound)
        assert page.locator("#count-occupied").inner_text() == str(h.occupied)
        assert page.locator("#count-occupied").is_visible() == (h.occupied > 0)
        assert page.locator("#trips tbody tr").count() == len(shown)
        assert page.locator("path.trip").count() == int(shown["lat"].notna().sum())
        assert page.locator("#lead").inner_text() == expected.sentence
        assert page.locator("#summary").inner_text() == " ".join(expected.details)
        seen.add(h.trips)
    assert len(seen) == 4
    assert opened.clean()
    opened.close()


def test_pointing_at_or_tapping_a_country_shows_its_status_that_day(
    browser: Browser, page_file: Path
) -> None:
    """The hovered country is outlined and its tooltip gives its status on the slider's day; the
    tooltip follows to the next country. On a touch screen a tap shows it."""

    def point_in(page: Page, iso: str) -> tuple[float, float]:
        box = page.locator(f'path.country[data-iso-a3="{iso}"]').bounding_box()
        assert box is not None
        return box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.4

    opened = Opened(browser, page_file.as_uri() + "#2017-10-26")
    page = opened.page
    tooltip = page.locator(".leaflet-tooltip")
    page.mouse.move(*point_in(page, "BRA"))
    assert "Brazil" in tooltip.inner_text() and "Status on 2017-10-26: State Party" in (
        tooltip.inner_text()
    )
    assert page.locator('path.country[data-iso-a3="BRA"]').get_attribute("stroke-width") == "2"
    page.mouse.move(*point_in(page, "BOL"), steps=4)
    assert "Bolivia" in tooltip.inner_text() and "Status on 2017-10-26: State Party" in (
        tooltip.inner_text()
    )
    assert page.locator('path.country[data-iso-a3="BRA"]').get_attribute("stroke-width") is None
    assert opened.clean()
    opened.close()
    touch = Opened(browser, page_file.as_uri() + "#2017-10-26", has_touch=True)
    touch.page.touchscreen.tap(*point_in(touch.page, "BRA"))
    assert "Brazil" in touch.page.locator(".leaflet-tooltip").inner_text()
    assert touch.clean()
    touch.close()


def test_the_fragment_sets_the_day_and_arrow_keys_move_it(
    browser: Browser, page_file: Path
) -> None:
    """#2017-10-26 on load opens that day; ArrowRight moves one day and rewrites the fragment."""
    opened = Opened(browser, page_file.as_uri() + "#2017-10-26")
    page = opened.page
    assert page.locator("#day-label").inner_text() == "2017-10-26"
    assert fill(page, "BDI").upper() == render.STATUS_COLOURS[Status.WITHDRAWAL_PENDING].upper()
    page.locator("#day").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.hash === '#2017-10-27'")
    assert fill(page, "BDI").upper() == render.STATUS_COLOURS[Status.WITHDRAWN].upper()
    page.evaluate("() => { location.hash = '#2024-02-01'; }")
    page.wait_for_function(
        "() => document.getElementById('day-label').textContent === '2024-02-01'"
    )
    assert opened.clean()
    opened.close()


def test_play_moves_the_day_and_pause_stops_it(browser: Browser, page_file: Path) -> None:
    """Play advances the slider from the start; Pause stops it (on a controlled clock)."""
    opened = Opened(browser, page_file.as_uri() + "#2009-03-04", clock=True)
    page = opened.page
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(1000)
    assert page.locator("#day-label").inner_text() > "2009-03-04"
    page.get_by_role("button", name="Pause").click()
    stopped = page.locator("#day-label").inner_text()
    assert page.url.endswith("#" + stopped)  # written once, on pause
    page.clock.run_for(5000)
    assert page.locator("#day-label").inner_text() == stopped
    assert page.get_by_role("button", name="Play").get_attribute("aria-pressed") == "false"
    assert opened.clean()
    opened.close()


def test_a_tap_on_the_slider_moves_the_day(browser: Browser, page_file: Path) -> None:
    """On a touch screen, tapping the track sets the day (the native range input)."""
    opened = Opened(browser, page_file.as_uri() + "#2009-03-04", has_touch=True)
    page = opened.page
    box = page.locator("#day").bounding_box()
    assert box is not None
    page.touchscreen.tap(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.getElementById('day-label').textContent > '2018-01-01'")
    assert opened.clean()
    opened.close()


def test_download_gives_the_dashboards_csv_of_the_rows_shown(
    browser: Browser, page_file: Path, data: Dataset
) -> None:
    """The CSV link gives the displayed rows with sources, as the dashboard's download does."""
    opened = Opened(browser, page_file.as_uri() + "#2016-06-30")
    page = opened.page
    with page.expect_download() as info:
        page.get_by_role("link", name="Download these trips (CSV, with sources)").click()
    download = info.value
    assert download.suggested_filename == "mapview-trips-2009-03-04-2016-06-30.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    shown = shown_until(data, "2016-06-30")[EXPORT_COLUMNS].copy()
    shown["start"], shown["end"] = shown["start"].dt.date, shown["end"].dt.date
    assert text == shown.to_csv(index=False)
    opened.close()


def test_hostile_data_is_shown_as_text_and_never_runs(
    browser: Browser, data: Dataset, tmp_path: Path
) -> None:
    """Markup in a trip shows literally in table and popup; a javascript: source is not a link."""
    frame = data.trips.copy()
    mongolia = frame["trip_id"] == "putin-2024-09-02-mng"
    frame.loc[mongolia, "city"] = "<img src=x onerror=alert(1)>"
    frame.loc[mongolia, "purpose"] = "</script><script>alert(2)</script>"
    frame.loc[mongolia, "source"] = "javascript:alert(3) https://example.org/a?b=1&c=2"
    hostile = dataclasses.replace(data, trips=frame)
    path = tmp_path / export.PAGE_NAME
    path.write_text(
        export.build_reader_page(hostile, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        encoding="utf-8",
    )
    opened = Opened(browser, path.as_uri())
    page = opened.page
    row = page.locator('#trips tr[data-trip-id="putin-2024-09-02-mng"]')
    assert "<img src=x onerror=alert(1)>, Mongolia" in row.inner_text()
    links = row.locator("a")
    assert (
        links.count() == 1 and links.first.get_attribute("href") == "https://example.org/a?b=1&c=2"
    )
    assert links.first.get_attribute("rel") == "noopener noreferrer"
    page.locator('path.trip[data-trip-id="putin-2024-09-02-mng"]').click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "</script><script>alert(2)</script>" in popup.inner_text()
    assert "javascript:alert(3)" in popup.inner_text()
    assert popup.locator("a").count() == 1 and page.locator("img[src=x]").count() == 0
    assert opened.clean(), (opened.failed, opened.errors, opened.dialogs)
    opened.close()


def test_export_command_writes_page_and_png(tmp_path: Path) -> None:
    """`mapview export --png` writes the page and a 1200x630 PNG (opened and looked at by hand)."""
    require_chromium()
    png = tmp_path / "view.png"
    view = [
        "--person",
        "putin",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--asof",
        "2024-09-03",
    ]
    out = ["--title", "Putin's trips in 2024", "--out", str(tmp_path), "--png", str(png)]
    subprocess.run(
        [sys.executable, "-m", "mapview.cli", "export", *view, *out],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / export.PAGE_NAME).stat().st_size > 100_000
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) == (1200, 630)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "reader-card.png").write_bytes(png.read_bytes())


def test_flight_routes_appear_when_switched_on(
    browser: Browser, data: Dataset, tmp_path: Path
) -> None:
    """The routes layer is off until the reader ticks it, then draws one line per route."""
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    found, _ = airspace.journeys(
        data,
        trips_view(data, start, end, ["Benjamin Netanyahu"]),
        airspace.departure_points(data),
        airspace.reported_routes(data),
    )
    path = tmp_path / export.PAGE_NAME
    path.write_text(
        export.build_reader_page(data, start, end, ["Benjamin Netanyahu"], routes=found),
        encoding="utf-8",
    )
    opened = Opened(browser, path.as_uri())
    page = opened.page
    assert page.locator("path.route").count() == 0
    page.locator("#routes-toggle").check()
    page.wait_for_function(f"() => document.querySelectorAll('path.route').length === {len(found)}")
    assert opened.clean(), (opened.failed, opened.errors, opened.dialogs)
    opened.close()


TOP_OF_MAP = "() => document.getElementById('map').getBoundingClientRect().top"


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_map_starts_on_the_first_screen_under_a_one_line_title(
    browser: Browser, page_file: Path, width: int, height: int
) -> None:
    """On a phone and a laptop the map's top edge lies in the first 60% of the screen; above it
    are only the title, on one line (the short form on a phone), and one headline sentence."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)
    top = page.evaluate(TOP_OF_MAP)
    print(f"\nreader page at {width}x{height}: map top at {top:.0f} px ({top / height:.0%})")
    assert top <= 0.6 * height
    title = page.locator("h1")
    one_line = title.evaluate(
        "h => h.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(h).lineHeight)"
    )
    assert one_line and title.evaluate("h => h.scrollWidth <= h.clientWidth")
    short = width < 600
    assert page.locator("h1 .short").is_visible() == short
    assert page.locator("h1 .long").is_visible() == (not short)
    lead = page.locator("#lead").bounding_box()
    assert lead is not None and lead["y"] + lead["height"] <= top
    assert page.locator("#lead").inner_text().startswith(f"Between {FIRST} and {LAST}, ")
    ctx.close()


def test_slider_key_and_trip_markers_are_reachable_by_keyboard(
    browser: Browser, page_file: Path
) -> None:
    """Tab reaches a trip marker (its tooltip shows, Enter opens its popup), the slider moves by
    arrow keys, and the key folds with Enter; the map is described by the summary."""
    opened = Opened(browser, page_file.as_uri())
    page = opened.page
    assert page.locator("#map").get_attribute("aria-describedby") == "lead summary"
    page.locator("body").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('path.trip')"):
            break
    marker = page.locator("path.trip:focus")
    assert marker.count() == 1
    label = str(marker.get_attribute("aria-label"))
    page.locator(".leaflet-tooltip").filter(has_text=label).wait_for()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup .popup").wait_for()
    page.locator("#day").focus()
    before = page.locator("#day-label").inner_text()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => document.getElementById('day-label').textContent !== '{before}'")
    page.locator("#legend summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#legend").evaluate("d => d.open") is False
    assert opened.clean(), (opened.failed, opened.errors, opened.dialogs)
    opened.close()


def test_a_dark_system_gets_a_dark_page_and_map(browser: Browser, page_file: Path) -> None:
    """prefers-color-scheme: dark darkens the page, the sea, the outlines and the countries that
    never joined; the status colours stay."""
    dark = export.theme_colours("dark")
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)

    def css(selector: str, prop: str) -> str:
        return str(page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}"))

    def rgb(colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(colour[k : k + 2], 16) for k in (1, 3, 5)))

    assert css("body", "backgroundColor") == rgb(dark["bg"])
    assert css("#map", "backgroundColor") == rgb(dark["sea"])
    assert css('path.country[data-iso-a3="CHN"]', "fill") == rgb(dark["none"])
    assert css('path.country[data-iso-a3="CHN"]', "stroke") == rgb(dark["outline"])
    party = render.STATUS_COLOURS[Status.STATE_PARTY]
    assert css('path.country[data-iso-a3="FRA"]', "fill") == rgb(party)
    assert css("path.trip.verdict-bound", "stroke") == rgb(dark["trip-edge"])
    ctx.close()


@pytest.mark.parametrize(
    ("lens", "colour"),
    [
        ("Vladimir Putin", render.OBLIGATION_COLOURS[Obligation.BOUND_DECLARATION]),
        ("Benjamin Netanyahu", render.OBLIGATION_COLOURS[Obligation.NOT_YET_IN_FORCE]),
    ],
)
def test_the_reader_page_lens_colours_ukraine_for_that_person_and_moves_with_the_day(
    browser: Browser, data: Dataset, tmp_path: Path, lens: str, colour: str
) -> None:
    """On 2024-12-31 Ukraine is bound for Putin, not yet for Netanyahu; on 2025-01-01 for both.
    The key names the person; the data section gives the version and the corrections, with
    their sources as links; the slider runs past today."""
    people = ["Vladimir Putin", "Benjamin Netanyahu"]
    start, end = dt.date(2024, 6, 1), dt.date(2026, 12, 15)
    path = tmp_path / export.PAGE_NAME
    html = export.build_reader_page(data, start, end, people, dt.date(2024, 12, 31), lens=lens)
    path.write_text(html, encoding="utf-8")
    opened = Opened(browser, path.as_uri())
    page = opened.page
    ukraine = page.locator('svg.countries path[data-iso-a3="UKR"]')
    assert str(ukraine.get_attribute("fill")).upper() == colour.upper()
    assert f"Bound to arrest {lens} on the day shown?" in page.locator("#legend").inner_text()
    assert page.locator("#data-version").inner_text() == data.version
    touching = versions.touching(data, people, start, end)
    assert page.locator("#corrections-list li").count() == len(touching) > 0
    assert page.locator("#corrections-list li a").first.get_attribute("href") == touching[0].source
    index = (dt.date(2025, 1, 1) - start).days
    page.locator("#day").evaluate(
        "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }",
        index,
    )
    page.wait_for_function(
        "() => document.getElementById('day-label').textContent === '2025-01-01'"
    )
    bound = render.OBLIGATION_COLOURS[Obligation.BOUND_PARTY].upper()
    assert str(ukraine.get_attribute("fill")).upper() == bound
    assert page.locator("#day").get_attribute("max") == str((end - start).days)  # past today
    assert opened.clean(), (opened.failed, opened.errors)
    opened.close()
