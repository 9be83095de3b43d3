"""The reader page: one self-contained HTML file for readers who arrive by the thousand, and its PNG.

The page needs no server: Leaflet, its stylesheet, the country outlines, every country's status
history and the trips of the view are inlined, and a small script recolours the map for any day
of the range in the browser. Tooltips, popups, the key and the marker and route styles are
drawn by mapview-map.js, the same script as the dashboard's map, from the styles and labels in
the payload. Nothing is requested from the network unless a tile layer is asked
for. Data travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped, and the page's script writes text with ``textContent`` only.

The outlines arrive already drawn: one SVG path per country in Web Mercator units, which Leaflet
places and scales as an overlay. Turning 24,000 vertices into 240 Leaflet polygons took most of
the page's start-up time; the browser parses the paths with the HTML instead.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import pandas as pd
import shapely
from markupsafe import Markup

from mapview import narrative, render, versions
from mapview.airspace import Journey
from mapview.assets import VENDOR
from mapview.domain import Obligation, Status, Verdict, standing_on
from mapview.join import EXPORT_COLUMNS, trips_view
from mapview.load import Dataset
from mapview.urlstate import ViewState

PAGE_NAME = "mapview-reader.html"
TITLE = narrative.TITLE
CSV_COLUMNS = tuple(EXPORT_COLUMNS)  # the dashboard's download columns
TRIP_FIELDS = (*CSV_COLUMNS, "host_status_label", "verdict_label")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PNG_SIZE = (1200, 630)  # the size social networks show for og:image
WORLD_UNITS = 100_000  # SVG units across the Web Mercator square: 1 unit is 0.0036° of longitude
MAX_LATITUDE = 85.0511287798  # Leaflet's Web Mercator stops here (a square world)
PREVIEW_CHARS = 300  # link previews cut longer descriptions anyway
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


PAGE_COLOURS = {  # the page around the map; the map's own colours are render.THEMES
    "light": {
        "bg": "#FFFFFF",
        "fg": "#1A1A1A",
        "muted": "#444444",
        "rule": "#DDDDDD",
        "button": "#F4F4F4",
        "edge": "#333333",
        "focus": "#0072B2",
        "link": "#0B57A4",
        "bound-text": "#9A3B00",
    },
    "dark": {
        "bg": "#0E1117",
        "fg": "#E8E8E8",
        "muted": "#B4B4B4",
        "rule": "#353B45",
        "button": "#262B35",
        "edge": "#AAAAAA",
        "focus": "#56B4E9",
        "link": "#8CC8FF",
        "bound-text": "#FF9E5E",
    },
}


def theme_colours(name: str) -> dict[str, str]:
    """Every colour of the page in theme ``name`` ("light" or "dark"), by CSS variable name:
    the page's own and the map's (:data:`mapview.render.THEMES`)."""
    t = dataclasses.asdict(render.THEMES[name])
    del t["name"]
    return {**PAGE_COLOURS[name], **{k.replace("_", "-"): v for k, v in t.items()}}


class ChromiumMissing(RuntimeError):
    """Raised when a PNG is asked for but no chromium (or Playwright) is installed."""


def safe_json(value: object) -> str:
    """Compact JSON that cannot close the ``<script>`` element it is placed in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def inline_css(css: str, base: Path) -> str:
    """``css`` with its ``url(images/…png)`` references replaced by data: URIs read from ``base``."""

    def data_uri(match: re.Match[str]) -> str:
        png = base64.b64encode((base / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{png})"

    return _CSS_IMAGE.sub(data_uri, css)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _trip_record(r: Mapping[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TRIP_FIELDS:
        value = r[key]
        if key in ("start", "end"):
            out[key] = value.date().isoformat()
        elif key in ("lat", "lon"):
            out[key] = None if pd.isna(value) else float(value)
        elif key in ("warrant_outstanding", "obligation"):
            out[key] = bool(value)
        else:
            out[key] = _text(value)
    return out


def _state_records(data: Dataset, codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Per state: name, one-line history, and ``[since, status]`` for each change of status."""
    states = {}
    for iso in sorted(codes):
        m = data.membership(iso)
        segments: list[list[str]] = [["", m.status_on(dt.date.min).value]]
        for day in m.change_dates():
            status = m.status_on(day).value
            if status != segments[-1][1]:
                segments.append([day.isoformat(), status])
        states[iso] = {"name": m.name, "history": m.history(), "segments": segments}
    return states


def _lens_records(
    data: Dataset, person: str, codes: Iterable[str], start: dt.date, end: dt.date
) -> dict[str, dict[str, Any]]:
    """Per state: name, history, and ``[since, obligation, why]`` for each day in the range on
    which its obligation to arrest ``person`` (or the reason for it) changes: the page only
    looks the day up, the rule stays in :func:`mapview.domain.standing_on`."""
    warrants = data.warrants_for(person)
    warrant_days = {d for w in warrants for d in (w.issued, w.status_date) if d is not None}
    states = {}
    for iso in sorted(codes):
        m = data.membership(iso)
        days = sorted({start} | {d for d in {*m.change_dates(), *warrant_days} if start < d <= end})
        segments: list[list[str]] = []
        for day in days:
            s = standing_on(m, warrants, day)
            why = s.reason + (f" {render.CAVEAT_MARK} {s.caveat}" if s.caveat else "")
            if not segments or segments[-1][1:] != [s.obligation.value, why]:
                segments.append(["" if not segments else day.isoformat(), s.obligation.value, why])
        states[iso] = {"name": m.name, "history": m.history(), "segments": segments}
    return states


def mercator(lonlat: np.ndarray) -> np.ndarray:
    """(lon, lat) degrees to Web Mercator in whole units, 0..WORLD_UNITS from the north-west
    corner of Leaflet's world (EPSG:3857, latitudes clamped as Leaflet clamps them)."""
    lat = np.radians(np.clip(lonlat[:, 1], -MAX_LATITUDE, MAX_LATITUDE))
    x = (lonlat[:, 0] + 180.0) / 360.0
    y = (1.0 - np.log(np.tan(np.pi / 4 + lat / 2)) / np.pi) / 2.0
    units: np.ndarray = np.rint(np.column_stack([x, y]) * WORLD_UNITS).astype(np.int64)
    return units


def _ring_path(points: np.ndarray) -> str:
    """One closed ring as SVG path data: a move, then relative steps (repeats dropped)."""
    steps = np.diff(points, axis=0)
    steps = steps[np.any(steps != 0, axis=1)]
    if len(steps) and not steps.sum(axis=0).any():
        steps = steps[:-1]  # the step back to the start: "z" closes the ring
    numbers = " ".join(map(str, steps.ravel().tolist())).replace(" -", "-")
    x, y = points[0].tolist()
    return f"M{x} {y}" + (f"l{numbers}" if numbers else "") + "z"


def country_paths(data: Dataset) -> list[dict[str, str]]:
    """Every country as SVG path data (``iso``, ``d``) in Web Mercator units, simplified as the
    dashboard simplifies its outlines (``render.DISPLAY_TOLERANCE``, shared borders kept)."""
    shapes = render.display_shapes(data.countries)
    polygons, country = shapely.get_parts(shapes, return_index=True)
    rings, polygon = shapely.get_rings(polygons, return_index=True)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    ends = np.cumsum(np.bincount(ring, minlength=len(rings)))
    points = np.split(mercator(coords), ends[:-1])
    d = [""] * len(shapes)
    for k, owner in enumerate(country[polygon].tolist()):
        if len(points[k]):
            d[owner] += _ring_path(points[k])
    return [
        {"iso": str(iso), "d": path} for iso, path in zip(data.countries["iso_a3"], d, strict=True)
    ]


def _check_url(value: str | None, what: str) -> None:
    if value is not None and not re.fullmatch(r"https?://[^\s<>\"']+", value, re.IGNORECASE):
        raise ValueError(f"{what} must be an http(s) address, got {value!r}")


def build_payload(
    data: Dataset,
    start: dt.date,
    end: dt.date,
    people: Sequence[str] | None = None,
    asof: dt.date | None = None,
    tiles: str | None = None,
    tiles_attribution: str = "",
    lens: str | None = None,
) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready values (the outlines travel in the
    HTML, see :func:`country_paths`).

    ``start``..``end`` (both included) is the slider's range; ``asof`` (default ``end``) is the
    day it starts on. ``people=None`` means everyone with a warrant. ``tiles`` is an optional
    http(s) tile URL template, off by default.
    """
    chosen, view = _checked_view(data, start, end, people, asof, tiles)
    lens = pick_lens(chosen, lens)
    return _payload(data, view, chosen, start, end, asof, tiles, tiles_attribution, lens)


def pick_lens(people: Sequence[str], lens: str | None) -> str | None:
    """Whose obligations colour the map: ``lens`` (one of ``people``), or the only person."""
    if lens is not None and lens not in people:
        raise ValueError(f"the lens {lens!r} is not one of the people shown")
    return lens or (people[0] if len(people) == 1 else None)


def _checked_view(
    data: Dataset,
    start: dt.date,
    end: dt.date,
    people: Sequence[str] | None,
    asof: dt.date | None,
    tiles: str | None,
) -> tuple[list[str], pd.DataFrame]:
    if end < start:
        raise ValueError(f"the range ends before it starts: {start} > {end}")
    if asof is not None and not start <= asof <= end:
        raise ValueError(f"asof {asof.isoformat()!r} is outside the range {start}..{end}")
    _check_url(tiles, "the tile URL template")
    chosen = list(people) if people is not None else data.people
    return chosen, trips_view(data, start, end, chosen, dt.date.today())


def _payload(
    data: Dataset,
    view: pd.DataFrame,
    people: list[str],
    start: dt.date,
    end: dt.date,
    asof: dt.date | None,
    tiles: str | None,
    tiles_attribution: str,
    lens: str | None = None,
) -> dict[str, Any]:
    dots = render.small_states(data.countries)
    codes = data.countries["iso_a3"]
    if lens is None:
        statuses = [
            {"key": s.value, "label": s.label, "colour": render.STATUS_COLOURS[s]} for s in Status
        ]
        states, nothing = _state_records(data, codes), Status.NON_PARTY.value
    else:
        statuses = [
            {"key": o.value, "label": o.label, "colour": render.OBLIGATION_COLOURS[o]}
            for o in Obligation
        ]
        states, nothing = _lens_records(data, lens, codes, start, end), Obligation.NOT_BOUND.value
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "day": (asof or end).isoformat(),
        "people": people,
        "lens": lens,
        "nothing": nothing,  # the colour class of states with no tie (no dot is drawn for them)
        "statuses": statuses,
        "verdicts": [
            {"key": v.value, "label": v.label, "style": render.VERDICT_STYLES[v]} for v in Verdict
        ],
        "key": render.key_groups(
            render.THEMES["light"],  # the page's stylesheet recolours it for a dark system
            None if lens is None else f"Bound to arrest {lens} on the day shown?",
        ),
        "route_styles": [render.ROUTE_STYLES[False], render.ROUTE_STYLES[True]],
        "states": states,
        "dots": {iso: [lat, lon] for iso, (lat, lon) in sorted(dots.items())},
        "trips": [_trip_record(r) for r in view.to_dict("records")],
        "columns": list(CSV_COLUMNS),
        **_summaries(view, people, start, end),
        "tiles": {"url": tiles, "attribution": tiles_attribution} if tiles else None,
    }


def _counts(h: narrative.Headline) -> dict[str, int]:
    """The numbers the page shows, by the ids of their elements (``count-…``)."""
    return {
        "trips": h.trips,
        "bound": h.bound,
        "not-arrested": h.not_arrested,
        "occupied": h.occupied,
        "not-travelled": h.not_travelled,
        "announced": h.announced,
    }


def _summaries(
    view: pd.DataFrame, people: Sequence[str], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The summary and numbers for every day the slider can show, written by
    :func:`mapview.narrative.summaries_by_day` (the page's script only picks the one in force
    and puts the day in). Sentences that repeat from one day to the next travel once, in
    ``texts``; each summary lists its sentences by their place there."""
    texts: dict[str, int] = {}

    def ref(text: str) -> int:
        return texts.setdefault(text, len(texts))

    summaries = [
        {
            "day": s.end.isoformat(),
            "lead": ref(s.lead),
            "details": [ref(d) for d in s.details],
            "counts": _counts(s.numbers),
        }
        for s in narrative.summaries_by_day(view, people, start, end)
    ]
    return {"texts": list(texts), "summaries": summaries}


def _route_record(j: Journey) -> dict[str, Any]:
    """A route for the page: its trip, whether it was reported, its pieces and a text tooltip."""
    s = j.main
    return {
        "trip_id": j.trip_id,
        "reported": s.route.reported,
        "pieces": [
            [[round(lat, 4), round(lon, 4)] for lat, lon in piece] for piece in s.route.pieces
        ],
        "tip": s.describe(),
    }


def shorten(text: str, limit: int = PREVIEW_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with '…' if cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _script_hash(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _content_policy(scripts: Iterable[str], tiles: bool) -> str:
    """Only the page's own inline scripts run; nothing is fetched except tiles, if asked for."""
    hashes = " ".join(_script_hash(s) for s in scripts)
    images = "data: https: http:" if tiles else "data:"
    return (
        "default-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'; "
        f"script-src {hashes}; style-src 'unsafe-inline'; img-src {images}"
    )


def build_reader_page(
    data: Dataset,
    start: dt.date,
    end: dt.date,
    people: Sequence[str] | None = None,
    asof: dt.date | None = None,
    title: str = TITLE,
    description: str | None = None,
    image_url: str | None = None,
    tiles: str | None = None,
    tiles_attribution: str = "",
    vendor: Path = VENDOR,
    routes: Sequence[Journey] = (),
    lens: str | None = None,
) -> str:
    """One self-contained HTML page of the view, with a day slider, a table and a CSV download.

    ``routes`` (from :func:`mapview.airspace.journeys`) adds a "Flight routes" layer, off until
    the reader turns it on; each route appears with its trip. With ``lens`` (one of the people;
    by default the only one) countries are coloured by whether they are bound to arrest that
    person on the day the slider shows.

    It opens from ``file://`` with no network. The summary, counts and description are written
    for the first day shown (``asof``, default ``end``); ``description`` overrides the summary in
    the meta tags, and ``image_url`` (http(s), e.g. the PNG's public address) fills og:image.
    """
    _check_url(image_url, "the image URL")
    chosen, view = _checked_view(data, start, end, people, asof, tiles)
    lens = pick_lens(chosen, lens)
    payload = _payload(data, view, chosen, start, end, asof, tiles, tiles_attribution, lens)
    payload["routes"] = [_route_record(r) for r in routes]
    touching = versions.touching(data, chosen, start, end)
    payload["corrections"] = [
        [c.date.isoformat(), c.file, c.row_id, c.field, c.old, c.new, c.reason, c.source]
        for c in touching
    ]
    day = asof or end
    shown = view[view["start"] <= pd.Timestamp(day)]
    leaflet_js = (vendor / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = inline_css(
        (vendor / "leaflet" / "leaflet.css").read_text(encoding="utf-8"), vendor / "leaflet"
    )
    if "</script" in leaflet_js.lower() or "</style" in leaflet_css.lower():
        raise ValueError(f"the Leaflet files in {str(vendor)!r} cannot be inlined safely")
    map_js = render.map_script("mapview-map.js")  # the dashboard's drawing code
    app_js = (resources.files("mapview") / "templates" / "reader.js").read_text(encoding="utf-8")
    if any("</script" in js.lower() for js in (map_js, app_js)):
        raise ValueError("the page's scripts cannot be inlined safely")
    summary = narrative.summarise(shown, chosen, start, day)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mapview", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("reader.html.j2").render(
        title=title,
        short_title=narrative.SHORT_TITLE if title == narrative.TITLE else None,
        description=description or shorten(summary.text),
        image_url=image_url,
        png_size=PNG_SIZE,
        summary=summary,
        routes=bool(routes),
        counts=_counts(summary.numbers),
        start=start.isoformat(),
        end=end.isoformat(),
        day=day.isoformat(),
        day_index=(day - start).days,
        last_index=(end - start).days,
        csp=_content_policy([leaflet_js, map_js, app_js], tiles is not None),
        leaflet_css=Markup(leaflet_css),
        leaflet_js=Markup(leaflet_js),
        map_js=Markup(map_js),
        app_js=Markup(app_js),
        data_json=Markup(safe_json(payload)),
        world_units=WORLD_UNITS,
        none_colour=render.STATUS_COLOURS[Status.NON_PARTY],
        light=theme_colours("light"),
        dark=theme_colours("dark"),
        countries=country_paths(data),
        lens=lens,
        version=data.version,
        updated=data.updated.isoformat() if data.updated else "unknown",
        citation=versions.citation(
            title, data.version, data.updated, dt.date.today(), "(this page's address)"
        ),
        coverage=versions.coverage_lines(data.coverage, chosen, start, end),
        corrections=touching,
    )


def page_for(data: Dataset, view: ViewState, **options: Any) -> str:
    """The reader page of ``view`` (its people, range, first day and lens); ``options`` are
    those of :func:`build_reader_page`: the dashboard's download and ``mapview export`` both
    come through here."""
    return build_reader_page(
        data,
        view.start,
        view.end,
        list(view.people),
        view.asof,
        lens=view.lens_person,
        **options,
    )


def find_chromium() -> str | None:
    """The chromium executable on PATH (Debian's package installs ``chromium``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_png(page: str, out: Path, size: tuple[int, int] = PNG_SIZE) -> None:
    """Render ``page`` (from :func:`build_reader_page`) as a PNG of map, title and legend.

    ``size`` is (width, height) in CSS pixels. Raises :class:`ChromiumMissing` without chromium.
    """
    chromium = find_chromium()
    if chromium is None:
        raise ChromiumMissing("chromium is needed for a PNG (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ChromiumMissing("Playwright is needed for a PNG (pip install playwright)") from exc
    with tempfile.TemporaryDirectory() as tmp:
        html_file = Path(tmp) / PAGE_NAME
        html_file.write_text(page, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            try:
                tab = browser.new_page(viewport={"width": size[0], "height": size[1]})
                tab.goto(html_file.as_uri() + "?view=snapshot")
                tab.wait_for_selector("html[data-ready]", state="attached", timeout=30_000)
                tab.screenshot(path=str(out))
            finally:
                browser.close()
