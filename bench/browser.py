"""Benchmark in a real browser: time to map, filter change, payload, server memory, reader page.

Run with `make bench` (after bench/run.py). Serves the dashboard on loopback with synthetic
trip sets of 100 to 100,000 trips (seeded, written to a temporary data directory, never
committed) and an empty Streamlit page served the same way as the floor, drives Debian's
headless chromium with Playwright, and rewrites the "browser" section of bench/RESULTS.md.

Every wait polls a condition (Playwright's ``wait_for_function``, or a short poll loop);
times are ``performance.now()`` in the page, so they start at the navigation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from run import (  # bench/run.py (this folder)
    ROOT,
    describe_machine,
    keep_valid_references,
    write_section,
)
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from mapview import export, join, render, urlstate
from mapview.assets import BUNDLED_DATA, DASHBOARD, OUTLINES
from mapview.export import CHROMIUM_ARGS
from mapview.load import Dataset, load_dataset
from mapview.records import TRIPS
from mapview.schema import TripRow, columns

sys.path.insert(0, str(ROOT))  # the server harness is shared with the browser tests
from tests.e2e.harness import Server, serve

CHROMIUM = "/usr/bin/chromium"
SIZES = (100, 1_000, 10_000, 100_000)
RUNS = 5  # page loads per size (after one untimed warm-up load)
RUNS_LARGEST = 3  # 100,000 trips: each load takes long
CHANGES = 10  # filter changes per size (5 for the largest set)
SESSIONS = 20
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 240_000
BENCH_DAY = dt.date(2026, 6, 30)  # trips end before this day; people wanted on it travel
FIRST_TRIP = dt.date(2009, 3, 4)
EMPTY_TEXT = "Empty page"

MAP_READY_JS = """([countries, trips, fresh, text]) => {
  if (document.querySelector('[data-testid="stException"]')) return 'exception';
  if (text && ![...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
      .some(e => e.textContent.includes(text))) return false;
  const frame = [...document.querySelectorAll('iframe')]
    .find(f => f.title === 'streamlit_folium.st_folium');
  if (!frame || frame.getBoundingClientRect().height <= 0 || !frame.contentDocument) return false;
  const paths = [...frame.contentDocument.querySelectorAll('path.leaflet-interactive')];
  if (fresh && paths.some(p => p.hasAttribute('data-bench-old'))) return false;
  const width = w => paths.filter(p => p.getAttribute('stroke-width') === w);
  const drawn = width('0.5').length;
  const markers = width('2').filter(p => p.getAttribute('fill') !== 'none').length;  // not routes
  return drawn >= countries && markers === trips ? performance.now() : false;
}"""
# Marks the trip markers now drawn, so that the wait after a filter change sees only new ones
# (the country outlines stay on the map and are only recoloured).
MARK_OLD_JS = """() => {
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  frame.contentDocument.querySelectorAll('path.leaflet-interactive[stroke-width="2"]')
    .forEach(m => m.setAttribute('data-bench-old', ''));
}"""
# Records when the title, the map's frame and the first country show (break-down of the time to map).
MILESTONES_JS = """(() => {
  window.__bench = {};
  const seen = (name, test) => { if (!(name in window.__bench) && test())
    window.__bench[name] = performance.now(); };
  const tick = () => {
    seen('title', () => !!document.querySelector('h1'));
    seen('iframe', () => !!document.querySelector('iframe[title="streamlit_folium.st_folium"]'));
    seen('countries', () => { const f = document.querySelector(
        'iframe[title="streamlit_folium.st_folium"]');
      return !!(f && f.contentDocument && f.contentDocument.querySelector(
        'path.leaflet-interactive[stroke-width="0.5"]')); });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();"""
# Streamlit marks its root with the state of the script run: "notRunning" once the run that
# drew the page has sent everything.
IDLE_JS = """() => document.querySelector('[data-testid="stApp"]')
  ?.getAttribute('data-test-script-state') === 'notRunning'"""
EMPTY_READY_JS = f"""() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
  .some(e => e.textContent.includes('{EMPTY_TEXT}')) ? performance.now() : false"""


@dataclass(frozen=True)
class View:
    """Whose trips and which days a page shows, as the app wrote them to the URL."""

    people: tuple[str, ...]
    start: dt.date
    end: dt.date

    def records(self, data: Dataset) -> list[dict[str, object]]:
        """The trip markers this view draws (grouped above render.MAX_MARKERS)."""
        return render.trip_records(join.trips_view(data, self.start, self.end, self.people))


def view_of(params: Mapping[str, str], data: Dataset) -> View:
    """The view named by the app's own (normalised) query parameters."""
    by_slug = {urlstate.slug(p): p for p in data.people}
    people = tuple(by_slug[s] for s in params["leader"].split(","))
    return View(people, dt.date.fromisoformat(params["from"]), dt.date.fromisoformat(params["to"]))


@contextlib.contextmanager
def data_dir_env(folder: Path | None) -> Iterator[None]:
    """Point the app at ``folder`` (or the bundled data) for the in-process AppTest runs."""
    old = os.environ.pop("MAPVIEW_DATA_DIR", None)
    if folder is not None:
        os.environ["MAPVIEW_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        os.environ.pop("MAPVIEW_DATA_DIR", None)
        if old is not None:
            os.environ["MAPVIEW_DATA_DIR"] = old


def app_test(query: Mapping[str, str | list[str]] | None = None) -> AppTest:
    """The app run once in process (AppTest) for ``query``."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=600)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def change_from(at: AppTest, day: dt.date) -> AppTest:
    """Type ``day`` into the From date of an AppTest run, as a reader does, and rerun."""
    return at.date_input(key="d_from").set_value(day).run()


@dataclass(frozen=True)
class TripSet:
    """A synthetic data directory, its default view, and its in-process figures."""

    size: int
    data_dir: Path
    data: Dataset
    countries: int  # country polygons drawn
    view: View  # the default view: every synthetic trip is in it
    markers: int  # trip markers the default view draws
    payload: int  # bytes sent to st_folium for the default view
    script: list[float]  # ms of one script run after a change of the From date

    @property
    def env(self) -> dict[str, str]:
        """The server's environment: this data."""
        return {"MAPVIEW_DATA_DIR": str(self.data_dir)}

    def from_year(self, year: int) -> View:
        """The default view with its start moved to ``year``."""
        return replace(self.view, start=self.view.start.replace(year=year))


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM (peak RSS) and RssAnon in MB, summed over ``pid`` and its children."""
    total = {"VmRSS": 0.0, "VmHWM": 0.0, "RssAnon": 0.0}
    for p in process_tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in total:
                    total[key] += int(value.split()[0]) / 1024
    return total


def active_sessions(server: Server) -> int:
    """Streamlit's own count of connected sessions (its /_stcore/metrics endpoint)."""
    text = urllib.request.urlopen(server.url + "/_stcore/metrics", timeout=10).read().decode()
    for line in text.splitlines():
        if line.startswith("active_sessions "):
            return int(float(line.split()[1]))
    raise ValueError(f"no active_sessions in the metrics: {text[:200]!r}")


def synthetic_rows(n: int, data: Dataset, seed: int = 7) -> pd.DataFrame:
    """``n`` valid trips.csv rows: people wanted on BENCH_DAY, every country, 2009 to mid-2026.

    Coordinates are each country's representative point plus up to 0.05° of jitter, so they
    pass the "far outside the country" check; the rows cite a placeholder source.
    """
    rng = np.random.default_rng(seed)
    people = np.array(
        sorted({w.person for w in data.warrants if w.outstanding_on(BENCH_DAY)}), dtype=object
    )
    points = data.countries.geometry.representative_point()
    isos = data.countries["iso_a3"].to_numpy()
    pick = rng.integers(0, len(isos), n)
    days = (BENCH_DAY - FIRST_TRIP).days - 7
    start = pd.Timestamp(FIRST_TRIP) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    end = start + pd.to_timedelta(rng.integers(0, 4, n), unit="D")
    frame = pd.DataFrame(
        {
            "trip_id": [f"bench-{i:06d}" for i in range(n)],
            "person": people[rng.integers(0, len(people), n)],
            "start": start.strftime("%Y-%m-%d"),
            "end": end.strftime("%Y-%m-%d"),
            "iso_a3": isos[pick],
            "lat": np.clip(points.y.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n), -90, 90),
            "lon": np.clip(points.x.to_numpy()[pick] + rng.uniform(-0.05, 0.05, n), -180, 180),
            "status": "took_place",
            "source": "https://example.org/x",
            "confidence": "high",
            "last_verified": BENCH_DAY.isoformat(),
        }
    )
    frame["lat"], frame["lon"] = frame["lat"].round(4), frame["lon"].round(4)
    return frame.reindex(columns=columns(TripRow), fill_value="")


def fail_on_exception(at: AppTest, where: str) -> None:
    """Raise with the app's own error if its last run (in process) failed."""
    if at.exception:
        error = at.exception[0]
        raise RuntimeError(f"the app fails at {where}: {error.proto.type}: {error.message!r}")


def make_trip_set(n: int, folder: Path, changes: int) -> TripSet:
    """Copy the bundled data to ``folder`` with ``n`` synthetic trips (every row must
    validate), then ask the app in process (AppTest) for its default view, the bytes it sends
    to st_folium, and the milliseconds of one script run after each of ``changes`` changes
    of the From date (new views: their caches are cold). Raises if the app fails."""
    bundled = load_dataset(BUNDLED_DATA)
    shutil.copytree(BUNDLED_DATA, folder)
    synthetic_rows(n, bundled).to_csv(folder / TRIPS, index=False)
    keep_valid_references(folder)
    data = load_dataset(folder)
    if data.problems or len(data.trips) != n:
        raise RuntimeError(f"synthetic trips do not validate: {data.problems[:3]!r}")
    st_config.set_option("client.showErrorDetails", "full")  # in process only: name errors
    with data_dir_env(folder):
        at = app_test()
        fail_on_exception(at, f"{n:,} trips")
        view = view_of(at.query_params, data)
        (el,) = [
            e for e in at.get("component_instance") if e.proto.component_name.endswith("folium")
        ]
        times = []
        for year in change_years(changes):
            t0 = time.perf_counter()
            change_from(at, view.start.replace(year=year))
            times.append((time.perf_counter() - t0) * 1000)
            fail_on_exception(at, f"{n:,} trips, From year {year}")
    if len(data.trips) != len(join.trips_view(data, view.start, view.end, view.people)):
        raise RuntimeError(f"the default view {view!r} does not show every synthetic trip")
    payload = len(el.proto.json_args.encode())
    markers = len(view.records(data))
    return TripSet(n, folder, data, len(data.countries), view, markers, payload, times)


class AppFailed(RuntimeError):
    """The page shows Streamlit's exception element instead of the map."""

    def __init__(self, message: str, page: Page) -> None:
        super().__init__(message)
        self.page = page


def new_page(browser: Browser, errors: list[str], context: BrowserContext | None = None) -> Page:
    """A page that records failures into ``errors``: in ``context``, or in a fresh context
    (with an empty HTTP cache, as for a first visit)."""
    page = (context or browser.new_context(viewport=VIEWPORT)).new_page()  # type: ignore[arg-type]
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"requestfailed: {r.url}"))
    return page


def open_map(
    browser: Browser,
    url: str,
    trips: TripSet,
    errors: list[str],
    context: BrowserContext | None = None,
    received: list[int] | None = None,
) -> tuple[Page, float]:
    """Open ``url``; return the page and the milliseconds from navigation to a drawn map
    (countries and all expected trip markers in the DOM, and the map frame has a height).
    Returns once the script run is over, so the page is complete and the server idle; the
    sizes of the websocket messages the page received are appended to ``received``."""
    page = new_page(browser, errors, context)
    if received is not None:
        page.on("websocket", lambda ws: ws.on("framereceived", lambda m: received.append(len(m))))
    page.add_init_script(MILESTONES_JS)
    page.goto(url, wait_until="commit")
    done = page.wait_for_function(
        MAP_READY_JS,
        arg=[trips.countries, trips.markers, False, None],
        polling="raf",
        timeout=TIMEOUT_MS,
    ).json_value()
    if done == "exception":
        raise AppFailed(f"the page shows an exception instead of the map at {url}", page)
    page.wait_for_function(IDLE_JS, polling=50, timeout=TIMEOUT_MS)  # the rest of the page
    return page, float(done)


def time_empty_page(browser: Browser, url: str, context: BrowserContext | None = None) -> float:
    """Milliseconds from navigation to the empty page's one line of text."""
    errors: list[str] = []
    page = new_page(browser, errors, context)
    page.goto(url, wait_until="commit")
    done = page.wait_for_function(EMPTY_READY_JS, polling="raf", timeout=TIMEOUT_MS)
    ms = float(done.json_value())
    if context:
        page.close()
    else:
        page.context.close()
    if errors:
        raise RuntimeError(f"the empty page failed: {errors!r}")
    return ms


def change_start_year(
    page: Page, trips: TripSet, shown: list[dict[str, object]], year: int
) -> tuple[float, list[dict[str, object]]]:
    """With the markers ``shown`` on screen, type ``year`` into the From date and blur. Return
    the milliseconds from the blur until the page shows the new range and the map its markers
    (redrawn, unless the new view draws exactly the same markers), and those markers."""
    new = trips.from_year(year)
    expected = new.records(trips.data)
    page.evaluate(MARK_OLD_JS)
    page.get_by_role("spinbutton", name="year, From").click()
    page.keyboard.type(str(year))
    t0 = float(page.evaluate("performance.now()"))
    page.locator("h1").first.click()  # the date input commits when it loses focus
    done = page.wait_for_function(
        MAP_READY_JS,
        arg=[
            trips.countries,
            len(expected),
            expected != shown,
            f"Between {new.start.isoformat()} and {new.end.isoformat()}",
        ],
        polling="raf",
        timeout=TIMEOUT_MS,
    )
    if f"from={new.start.isoformat()}" not in page.url:
        raise RuntimeError(f"the URL did not follow the change to {new.start}: {page.url!r}")
    value = done.json_value()
    if value == "exception":
        raise AppFailed(f"the page shows an exception after the change to {new.start}", page)
    page.wait_for_function(IDLE_JS, polling=50, timeout=TIMEOUT_MS)
    return float(value) - t0, expected


def change_years(count: int) -> list[int]:
    """``count`` distinct From years for successive filter changes (2012 to 2022)."""
    return [2012 + (k * 3) % 11 for k in range(count)]


def countries_file_bytes() -> int:
    """Size of the country outlines the map fetches once (a cacheable static file)."""
    files = sorted(OUTLINES.glob("countries-*.json"), key=os.path.getmtime)
    return files[-1].stat().st_size if files else 0


@dataclass(frozen=True)
class SizeResult:
    """The browser figures for one trip set."""

    trips: TripSet
    cold: list[float]  # time to map, fresh context each load
    warm: list[float]  # time to map, same context (HTTP cache warm)
    title: list[float]  # cold loads: title shown
    frame: list[float]  # cold loads: the map's frame created
    first_country: list[float]  # cold loads: first country polygon drawn
    ws_bytes: list[int]  # cold loads: bytes received over the websocket for the whole page
    changes: list[float]
    errors: list[str]


def bench_size(browser: Browser, trips: TripSet) -> tuple[SizeResult, dict[str, float] | None]:
    """Time to map (cold and warm browser cache) and filter changes for one trip set; at
    10,000 trips also the server's memory afterwards."""
    runs = RUNS if trips.size < 100_000 else RUNS_LARGEST
    changes = CHANGES if trips.size < 100_000 else CHANGES // 2
    errors: list[str] = []
    cold, warm, title, frame, first_country = [], [], [], [], []
    ws_bytes: list[int] = []
    with serve(DASHBOARD, trips.env) as server:
        page, _ = open_map(browser, server.url, trips, errors)  # warm-up: fills server caches
        page.context.close()
        for _ in range(runs):
            received: list[int] = []
            page, ms = open_map(browser, server.url, trips, errors, received=received)
            marks = page.evaluate("window.__bench")
            ws_bytes.append(sum(received))
            cold.append(ms)
            title.append(float(marks.get("title", ms)))
            frame.append(float(marks.get("iframe", ms)))
            first_country.append(float(marks.get("countries", ms)))
            page.context.close()
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        for k in range(runs + 1):  # the first load fills the HTTP cache
            page, ms = open_map(browser, server.url, trips, errors, context)
            warm += [ms] if k else []
            page.close()
        context.close()
        page, _ = open_map(browser, server.url, trips, errors)
        shown, times = trips.view.records(trips.data), []
        for year in change_years(changes):
            ms, shown = change_start_year(page, trips, shown, year)
            times.append(ms)
        page.context.close()
        memory = memory_mb(server.pid) if trips.size == 10_000 else None
    result = SizeResult(
        trips, cold, warm, title, frame, first_country, ws_bytes, times, sorted(set(errors))
    )
    return result, memory


def bench_empty(browser: Browser, folder: Path) -> tuple[list[float], list[float], float]:
    """The floor: an empty Streamlit page served the same way. Milliseconds to its text with
    a cold and with a warm HTTP cache, and the server's resident memory (MB) afterwards."""
    script = folder / "empty.py"
    script.write_text(f"import streamlit as st\n\nst.write({EMPTY_TEXT!r})\n", encoding="utf-8")
    with serve(script) as server:
        time_empty_page(browser, server.url)  # warm-up
        cold = [time_empty_page(browser, server.url) for _ in range(RUNS)]
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        warm = [time_empty_page(browser, server.url, context) for _ in range(RUNS + 1)][1:]
        context.close()
        rss = memory_mb(server.pid)["VmRSS"]
    return cold, warm, rss


def bench_sessions(browser: Browser, trips: TripSet) -> dict[str, float]:
    """RSS growth of a fresh server when SESSIONS more readers keep the default view open."""
    errors: list[str] = []
    with serve(DASHBOARD, trips.env) as server:
        first, _ = open_map(browser, server.url, trips, errors)
        before = memory_mb(server.pid)["VmRSS"]
        pages = [open_map(browser, server.url, trips, errors)[0] for _ in range(SESSIONS)]
        sessions = active_sessions(server)
        after = memory_mb(server.pid)["VmRSS"]
        for page in [first, *pages]:
            page.context.close()
    if errors:
        raise RuntimeError(f"errors while opening sessions: {errors[:3]!r}")
    return {"before": before, "after": after, "sessions": sessions}


def bench_reader(browser: Browser, folder: Path) -> tuple[int, int, list[float]]:
    """Size (raw, gzip) of the reader page for every bundled leader, and its milliseconds
    to interactive from file:// (the page's own ``data-ready`` stamp)."""
    html = export.build_reader_page(load_dataset(), dt.date(2009, 3, 4), dt.date(2026, 11, 29))
    path = folder / export.PAGE_NAME
    path.write_text(html, encoding="utf-8")
    raw = path.read_bytes()
    times = []
    for _ in range(RUNS):
        errors: list[str] = []
        page = new_page(browser, errors)
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_selector("html[data-ready]", state="attached", timeout=TIMEOUT_MS)
        if page.locator("path[data-iso-a3]").count() < 200 or errors:
            raise RuntimeError(f"the reader page did not draw: {errors[:3]!r}")
        times.append(float(page.locator("html").get_attribute("data-ready") or "nan"))
        page.context.close()
    return len(raw), len(gzip.compress(raw)), times


def ms(values: Sequence[float]) -> str:
    """Median in milliseconds, with the range."""
    return f"{statistics.median(values):,.0f} ms ({min(values):,.0f}–{max(values):,.0f})"


def label(r: SizeResult) -> str:
    """The trip-set size."""
    return f"{r.trips.size:,} trips"


def budget(ok: bool, applies: bool) -> str:
    """The budget column's mark, or nothing where the budget does not apply."""
    return ("within" if ok else "**missed**") if applies else ""


def time_rows(
    sizes: Sequence[SizeResult], empty: tuple[list[float], list[float], float]
) -> list[str]:
    """Rows: the floor, time to map (first and return visit), filter changes."""
    cold_floor, warm_floor = statistics.median(empty[0]), statistics.median(empty[1])
    rows = [
        f"| empty Streamlit page: first content | floor, first visit | {ms(empty[0])} | | |",
        f"| empty Streamlit page: first content | floor, return visit | {ms(empty[1])} | | |",
    ]
    for visit, floor in (("first", cold_floor), ("return", warm_floor)):
        for r in sizes:
            times = r.cold if visit == "first" else r.warm
            ratio = statistics.median(times) / floor
            rows.append(
                f"| time to map, {visit} visit | {label(r)}, {r.trips.markers:,} markers | "
                f"{ms(times)}: **{ratio:.2f}×** the floor | ≤ 1.15× up to 10,000 | "
                f"{budget(ratio <= 1.15, r.trips.size <= 10_000)} |"
            )
    for r in sizes:
        rows.append(
            f"| of which (first visit): title shown / map frame created / first country drawn | "
            f"{label(r)} | {statistics.median(r.title):,.0f} / {statistics.median(r.frame):,.0f} / "
            f"{statistics.median(r.first_country):,.0f} ms | | |"
        )
    for r in sizes:
        med = statistics.median(r.changes)
        rows.append(
            f"| filter change → map updated | {label(r)}, {len(r.changes)} changes | "
            f"{ms(r.changes)} | ≤ 300 ms up to 10,000 | {budget(med <= 300, r.trips.size <= 10_000)} |"
        )
    for r in sizes:
        rows.append(
            f"| of which: one script run after the change (AppTest, in process) | {label(r)}, "
            f"{len(r.trips.script)} changes | {ms(r.trips.script)} | | |"
        )
    return rows


def size_rows(
    sizes: Sequence[SizeResult],
    empty_rss: float,
    memory: dict[str, float],
    sessions: dict[str, float],
    reader: tuple[int, int, list[float]],
) -> list[str]:
    """Rows: map payload, server memory, memory per session, the reader page."""
    rows = [
        f"| map payload (default view) | {label(r)} | {r.trips.payload:,} B | ≤ 1 MB at 10,000 | "
        f"{budget(r.trips.payload <= 1_000_000, r.trips.size == 10_000)} |"
        for r in sizes
    ]
    rows += [
        f"| whole page over the websocket, first load | {label(r)} | "
        f"{statistics.median(r.ws_bytes):,.0f} B | | |"
        for r in sizes
    ]
    ten_k = next(r for r in sizes if r.trips.size == 10_000)
    per = (sessions["after"] - sessions["before"]) / SESSIONS
    size, packed, times = reader
    rows += [
        f"| country outlines (static file, fetched once and cached) | all sizes | "
        f"{countries_file_bytes():,} B | | |",
        f"| server peak RSS (VmHWM) | {label(ten_k)}, after {2 * RUNS + 3} loads and {CHANGES} "
        f"changes | {memory['VmHWM']:.0f} MB (at the end {memory['VmRSS']:.0f} MB, of which "
        f"anonymous {memory['RssAnon']:.0f} MB) | ≤ 200 MB | {budget(memory['VmHWM'] <= 200, True)} |",
        f"| server RSS of the empty page, for comparison | floor, after {2 * RUNS + 2} loads | "
        f"{empty_rss:.0f} MB | | |",
        f"| memory per extra session | {label(ten_k)}, {SESSIONS} more open pages "
        f"({sessions['sessions']:.0f} active) | {max(per, 0):.2f} MB ({sessions['before']:.0f} → "
        f"{sessions['after']:.0f} MB) | ≤ 5 MB | {budget(per <= 5, True)} |",
        f"| reader page size | all bundled leaders, 2009-03-04 to 2026-11-29 | {size:,} B "
        f"({packed:,} B gzip) | ≤ 1.5 MB | {budget(size <= 1_500_000, True)} |",
        f"| reader page time to interactive | file://, its `data-ready` stamp | {ms(times)} | "
        f"≤ 300 ms | {budget(statistics.median(times) <= 300, True)} |",
    ]
    return rows


def report(
    machine: str,
    version: str,
    empty: tuple[list[float], list[float], float],
    sizes: list[SizeResult],
    memory: dict[str, float],
    sessions: dict[str, float],
    reader: tuple[int, int, list[float]],
) -> str:
    """The "browser" section of RESULTS.md."""
    errors = sorted({e for r in sizes for e in r.errors})
    return "\n".join(
        [
            "## In a real browser (bench/browser.py)",
            "",
            f"Measured {machine}; headless {version} through Playwright. The server's caches are",
            "warmed by one untimed load. A first visit is a fresh browser context (empty HTTP cache);",
            f"a return visit reuses one context. Medians (and ranges) of {RUNS} loads "
            f"({RUNS_LARGEST} at 100,000",
            f"trips) and of {CHANGES} filter changes ({CHANGES // 2} at 100,000), each typing a new",
            "From year, then blur. Times run from navigation start (or the blur) until the country",
            "polygons and every expected trip marker are in the map's DOM and its frame has a",
            "height (after a change: also the new range in the summary, and no old marker left);",
            "above 2,000 located trips the markers are the grouped ones. Synthetic trips: seeded,",
            "every country, the people with a warrant outstanding on 2026-06-30, 2009-03-04 to",
            "mid-2026, all in the default view. Browser and server share the machine.",
            "",
            "| figure | setting | result (median, range) | budget | |",
            "|---|---|---|---|---|",
            *time_rows(sizes, empty),
            *size_rows(sizes, empty[2], memory, sessions, reader),
            "",
            f"Errors seen in the browser: {len(errors)}"
            + ("" if not errors else ": " + "; ".join(errors[:5])),
        ]
    )


def main() -> None:
    """Run every browser benchmark and rewrite the "browser" section of bench/RESULTS.md."""
    machine = describe_machine()
    with tempfile.TemporaryDirectory(prefix="mapview-bench-") as tmp, sync_playwright() as p:
        folder = Path(tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        empty = bench_empty(browser, folder)
        print(f"empty page: cold {ms(empty[0])}, warm {ms(empty[1])}", flush=True)
        sizes, memory = [], None
        for n in SIZES:
            trips = make_trip_set(n, folder / f"data-{n}", CHANGES // 2)
            result, mem = bench_size(browser, trips)
            sizes.append(result)
            memory = memory or mem
            print(
                f"{n:,} trips: map {ms(result.cold)} (warm {ms(result.warm)}), "
                f"change {ms(result.changes)}, payload {result.trips.payload:,} B",
                flush=True,
            )
        ten_k = next(r.trips for r in sizes if r.trips.size == 10_000)
        sessions = bench_sessions(browser, ten_k)
        reader = bench_reader(browser, folder)
        version = f"Chromium {browser.version}"
        browser.close()
    if memory is None:
        raise RuntimeError("the 10,000-trip set was not measured")
    text = report(machine, version, empty, sizes, memory, sessions, reader)
    write_section("browser", text)
    print(text)


if __name__ == "__main__":
    main()
