"""The person lens, future days and the country panel in a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from mapview.domain import Obligation
from mapview.render import OBLIGATION_COLOURS

from .harness import MAP_IFRAME, require_chromium, streamlit_server
from .test_dashboard import open_view

pytestmark = pytest.mark.browser
BOTH = "/?leader=vladimir-putin,benjamin-netanyahu&from=2024-01-01&to=2024-12-31"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require_chromium()
    with streamlit_server() as url:
        yield url


def _fill(browser: Browser, url: str, iso: str) -> str:
    failed: list[str] = []
    page = open_view(browser, url, failed)
    path = page.frame_locator(MAP_IFRAME).locator(f'path[data-iso-a3="{iso}"]').first
    path.wait_for(state="attached", timeout=30_000)
    fill = str(path.get_attribute("fill")).upper()
    page.close()
    assert failed == []
    return fill


def test_ukraine_on_2024_12_31_differs_with_the_lens_on_putin_and_on_netanyahu(
    browser: Browser, server: str
) -> None:
    """Bound for Putin by its art. 12(3) declaration; for Netanyahu, ratified but not in force."""
    putin = _fill(browser, server + BOTH + "&lens=vladimir-putin", "UKR")
    netanyahu = _fill(browser, server + BOTH + "&lens=benjamin-netanyahu", "UKR")
    assert putin == OBLIGATION_COLOURS[Obligation.BOUND_DECLARATION].upper()
    assert netanyahu == OBLIGATION_COLOURS[Obligation.NOT_YET_IN_FORCE].upper()


def test_a_future_range_stays_in_the_url(browser: Browser, server: str) -> None:
    """A range that ends next year is kept in the address the page writes."""
    failed: list[str] = []
    page = open_view(
        browser, server + "/?leader=vladimir-putin&from=2026-06-01&to=2027-06-30", failed
    )
    page.wait_for_function("() => location.search.includes('to=2027-06-30')")
    assert "projection" in page.get_by_text("is in the future").first.inner_text()
    page.close()
    assert failed == []


def test_country_in_the_url_opens_hungarys_panel_and_a_click_opens_another(
    browser: Browser, server: str
) -> None:
    """country=HUN opens Hungary's panel; clicking Mongolia on the map opens Mongolia's."""
    failed: list[str] = []
    page = open_view(browser, server + BOTH + "&country=HUN", failed)
    page.get_by_role("heading", name="Hungary (HUN)").wait_for(timeout=30_000)
    iframe = page.locator(MAP_IFRAME)
    iframe.scroll_into_view_if_needed()
    frame = page.frame_locator(MAP_IFRAME)
    point = frame.locator("#map_div").evaluate(
        "el => { const p = window.map.latLngToContainerPoint([46.5, 103.0]);"
        " const r = el.getBoundingClientRect(); return [p.x + r.x, p.y + r.y]; }"
    )
    box = iframe.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])  # central Mongolia
    page.get_by_role("heading", name="Mongolia (MNG)").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('country=MNG')")
    page.close()
    assert failed == []
