"""Hostile strings in every field reach the reader as literal text, and never run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from mapview import export
from mapview.load import load_dataset

from . import hostile
from .harness import ARGS, CHROMIUM, MAP_IFRAME, require_chromium, streamlit_server

pytestmark = pytest.mark.browser

PROBE = """() => {
  const found = {popups: [], tooltips: [], hrefs: []};
  const paths = [...document.querySelectorAll('path.leaflet-interactive')];
  for (const p of paths) {
    p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    document.querySelectorAll('.leaflet-tooltip').forEach(t => found.tooltips.push(t.innerText));
    p.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
    if (p.getAttribute('stroke-width') === '2') {
      p.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      const all = document.querySelectorAll('.leaflet-popup-content');  // closing ones may linger
      const c = all[all.length - 1];
      if (c) { found.popups.push(c.innerText); c.querySelectorAll('a').forEach(a => found.hrefs.push(a.href)); }
    }
  }
  found.pwned = window.__pwned || window.parent.__pwned || null;
  return found;
}"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.build(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture()
def page(data_dir: Path) -> Iterator[Page]:
    require_chromium()
    with streamlit_server(env={"MAPVIEW_DATA_DIR": str(data_dir)}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.goto(url + "/?from=2023-01-01&to=2025-12-31")
        page.frame_locator(MAP_IFRAME).locator(
            'path.leaflet-interactive[stroke-width="2"]'
        ).first.wait_for(state="attached", timeout=30_000)
        yield page
        browser.close()


def test_the_hostile_data_validates_so_every_payload_reaches_the_page(data_dir: Path) -> None:
    """The corpus has at least 30 payloads and none of its rows is set aside."""
    data = load_dataset(data_dir)
    assert len(hostile.PAYLOADS) >= 30
    assert [str(p) for p in data.problems] == []
    assert len(data.trips) == len(hostile.PAYLOADS)


def test_dashboard_shows_every_payload_literally_and_runs_none(page: Page) -> None:
    """Hover and click every marker and country: no dialog, no script, text shown as written."""
    title = page.title()
    found = page.frame_locator(MAP_IFRAME).locator("body").evaluate(PROBE)
    assert found["pwned"] is None and page.evaluate("() => window.__pwned || null") is None
    assert page.title() == title and page.dialogs == []  # type: ignore[attr-defined]
    popups = "\n".join(found["popups"])
    assert len(found["popups"]) == len(hostile.PAYLOADS)
    for payload in hostile.PAYLOADS:
        assert payload.strip() in popups, payload
    assert any(hostile.PAYLOADS[5] in t for t in found["tooltips"])  # a country name
    assert found["hrefs"] and all(h.startswith(("http://", "https://")) for h in found["hrefs"])
    summary = page.get_by_text("Between 2023-01-01").inner_text()
    assert hostile.PEOPLE[0] in summary or "people sought" in summary


READER_PROBE = """() => {
  const found = {popups: [], tooltips: [], hrefs: []};
  for (const p of document.querySelectorAll('path.country, path.trip')) {
    p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
    document.querySelectorAll('.leaflet-tooltip').forEach(t => found.tooltips.push(t.innerText));
    p.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
    if (p.classList.contains('trip')) {
      p.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      const all = document.querySelectorAll('.leaflet-popup-content');
      const c = all[all.length - 1];
      if (c) { found.popups.push(c.innerText); }
    }
  }
  document.querySelectorAll('a[href]').forEach(a => found.hrefs.push(a.getAttribute('href')));
  found.table = document.getElementById('trips').innerText;
  found.pwned = window.__pwned || null;
  return found;
}"""


def test_reader_page_shows_every_payload_literally_and_runs_none(
    data_dir: Path, tmp_path: Path
) -> None:
    """The static page, opened from disk: no dialog, no script, payloads shown as written."""
    require_chromium()
    data = load_dataset(data_dir)
    path = tmp_path / export.PAGE_NAME
    path.write_text(
        export.build_reader_page(
            data, dt.date(2023, 1, 1), dt.date(2025, 12, 31), title=hostile.PAYLOADS[0]
        ),
        encoding="utf-8",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)
        page.wait_for_selector("#trips tbody tr", state="attached")  # filled once the map is ready
        assert page.title() == hostile.PAYLOADS[0]  # the title is text, not markup
        found = page.evaluate(READER_PROBE)
        browser.close()
    assert found["pwned"] is None and dialogs == []
    assert len(found["popups"]) == len(hostile.PAYLOADS)
    popups = "\n".join(found["popups"])
    for payload in hostile.PAYLOADS:
        assert payload.strip() in popups, payload
        assert payload.strip() in found["table"], payload
    assert any(hostile.PAYLOADS[5] in t for t in found["tooltips"])
    assert all(
        h.startswith(("http://", "https://", "#", "blob:", "data:text/csv")) for h in found["hrefs"]
    )
