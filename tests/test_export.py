"""The reader page: self-contained, complete, small enough, and inert whatever the data says."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
import statistics
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview import airspace, export, render
from mapview.assets import VENDOR
from mapview.cli import main
from mapview.domain import Status, Verdict
from mapview.join import EXPORT_COLUMNS, trips_view
from mapview.load import Dataset, load_dataset

from .conftest import DATA

D = dt.date.fromisoformat
FIRST, LAST = D("2009-03-04"), D("2026-11-29")
LEAFLET = VENDOR / "leaflet"
URL = re.compile(r"https?://", re.IGNORECASE)
OUTLINE = re.compile(r'<path class="country" data-iso-a3="([^"]+)" d="([^"]*)"/>')


class Page(HTMLParser):
    """Every tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.blocks: list[tuple[str, dict[str, str], str]] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag in ("script", "style"):
            self._open = (tag, values)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None

    def meta(self, key: str) -> str | None:
        """The content of the meta tag whose property or name is ``key``."""
        for tag, attrs in self.tags:
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None

    def policy(self) -> str:
        """The Content-Security-Policy of the page."""
        (csp,) = [
            a["content"] for t, a in self.tags if a.get("http-equiv") == "Content-Security-Policy"
        ]
        return csp

    def payload(self) -> dict[str, Any]:
        """The data block, parsed as the page's script parses it."""
        (text,) = [t for tag, a, t in self.blocks if a.get("id") == "mapview-data"]
        data: dict[str, Any] = json.loads(text)
        return data


@pytest.fixture(scope="module")
def everyone(data: Dataset) -> str:
    """The page for all leaders over the whole range."""
    return export.build_reader_page(data, FIRST, LAST)


def strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, with the path of keys that leads to it."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, f"{path}[]")
    elif isinstance(value, str):
        yield path, value


def test_page_loads_nothing_from_the_network(everyone: str) -> None:
    """No script src, no stylesheet link, no src/href/CSS url() to http(s); addresses only in sources."""
    page = Page(everyone)
    for tag, attrs in page.tags:
        assert not (tag == "script" and "src" in attrs), attrs
        assert tag != "link", attrs
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            assert not URL.match(attrs.get(name, "").strip()), (tag, attrs)
    styles = [t for tag, _, t in page.blocks if tag == "style"]
    assert styles and not any(re.search(r"url\(\s*['\"]?\s*(https?:|//)", s) for s in styles)
    assert "url(images/" not in everyone  # Leaflet's images are inlined as data: URIs
    rest = everyone
    css = export.inline_css((LEAFLET / "leaflet.css").read_text(encoding="utf-8"), LEAFLET)
    for vendored in ((LEAFLET / "leaflet.js").read_text(encoding="utf-8"), css):
        assert vendored in everyone
        rest = rest.replace(vendored, "")
    rest = rest.replace(export.safe_json(page.payload()), "")
    assert "leaflet-container" in everyone and not URL.search(rest)
    with_address = {path for path, text in strings(page.payload()) if URL.search(text)}
    assert with_address == {".trips[].source", ".corrections[][]"}


def test_every_trip_of_the_view_is_bundled_with_its_verdict(data: Dataset, everyone: str) -> None:
    """Each trip id of the view is in the page, with the verdict and reason of the join."""
    view = trips_view(data, FIRST, LAST)
    trips = {t["trip_id"]: t for t in Page(everyone).payload()["trips"]}
    assert len(view) > 100 and set(trips) == set(view["trip_id"])
    for r in view.to_dict("records"):
        t = trips[r["trip_id"]]
        assert (t["verdict"], t["reason"], t["host_status"]) == (
            r["verdict"],
            r["reason"],
            r["host_status"],
        )
        assert f'"trip_id":"{r["trip_id"]}"' in everyone


def outline_lonlat(d: str) -> np.ndarray:
    """Every vertex of an outline's path data ("Mx yl dx dy …z" per ring), in degrees."""
    assert re.fullmatch(r"(M[-\d ]+(l[-\d ]+)?z)+", d), d[:80]
    rings = [
        [int(v) for v in ring.replace("-", " -").split()]
        for ring in re.findall(r"M([^z]+)z", d.replace("l", " "))
    ]
    units = np.concatenate([np.cumsum(np.reshape(r, (-1, 2)), axis=0) for r in rings])
    x, y = units[:, 0] / export.WORLD_UNITS, units[:, 1] / export.WORLD_UNITS
    return np.column_stack([x * 360 - 180, np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * y))))])


def test_every_country_is_outlined_where_it_lies(data: Dataset, everyone: str) -> None:
    """One SVG path per country, each with a status history, in Web Mercator units of Leaflet's
    square world: read back, every outline spans its polygon (within the display simplification)."""
    paths = dict(OUTLINE.findall(everyone))
    assert len(OUTLINE.findall(everyone)) == len(paths) == len(data.countries)
    assert set(paths) == set(data.countries["iso_a3"]) == set(Page(everyone).payload()["states"])
    edge = export.MAX_LATITUDE
    assert f"MAX_LATITUDE:{edge}," in (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    misses = []
    for iso, polygon in zip(data.countries["iso_a3"], data.countries.geometry, strict=True):
        vertices = outline_lonlat(paths[iso])
        west, south, east, north = polygon.bounds
        drawn = (*vertices.min(axis=0), *vertices.max(axis=0))
        expected = (west, max(south, -edge), east, min(north, edge))
        misses.append(max(abs(a - b) for a, b in zip(drawn, expected, strict=True)))
    assert max(misses) < 0.5 and statistics.median(misses) < 0.01  # degrees


def test_page_for_all_leaders_fits_the_size_budget(everyone: str) -> None:
    """The whole file, Leaflet included, stays within 1.5 MB."""
    assert len(everyone.encode("utf-8")) <= 1_500_000


def test_people_filter_and_start_day(data: Dataset) -> None:
    """Only the chosen person's trips are bundled; the slider starts on asof."""
    page = Page(
        export.build_reader_page(
            data, D("2024-01-01"), D("2024-12-31"), ["Vladimir Putin"], asof=D("2024-09-03")
        )
    )
    payload = page.payload()
    assert {t["person"] for t in payload["trips"]} == {"Vladimir Putin"}
    assert payload["day"] == "2024-09-03"
    (slider,) = [a for tag, a in page.tags if a.get("id") == "day"]
    assert (slider["min"], slider["max"], slider["value"]) == ("0", "365", "246")


@pytest.fixture(scope="module")
def payload(data: Dataset) -> dict[str, Any]:
    """The page's data for all leaders over the whole range."""
    return export.build_payload(data, FIRST, LAST)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31)), pick=st.integers(0, 10_000))
def test_status_segments_give_the_status_of_every_day(
    data: Dataset, payload: dict[str, Any], day: dt.date, pick: int
) -> None:
    """Looking a day up in the bundled segments, as the page does, gives Membership.status_on."""
    states = payload["states"]
    iso = sorted(states)[pick % len(states)]
    status = states[iso]["segments"][0][1]
    for since, value in states[iso]["segments"][1:]:
        if since <= day.isoformat():
            status = value
    assert status == data.membership(iso).status_on(day).value


def test_colours_labels_and_csv_columns_are_the_dashboards(payload: dict[str, Any]) -> None:
    """Status colours and labels, verdict styles and CSV columns come from the dashboard's."""
    assert {s["key"]: s["colour"] for s in payload["statuses"]} == {
        s.value: c for s, c in render.STATUS_COLOURS.items()
    }
    assert [s["label"] for s in payload["statuses"]] == [s.label for s in Status]
    assert {v["key"]: v["style"] for v in payload["verdicts"]} == {
        v.value: s for v, s in render.VERDICT_STYLES.items()
    }
    assert payload["columns"] == list(EXPORT_COLUMNS)


def test_hostile_text_in_the_data_stays_inert(data: Dataset, tmp_path: Path) -> None:
    """Markup in city, purpose and source is escaped in the page and kept intact in the data."""
    shutil.copytree(DATA, tmp_path / "d")
    trips = tmp_path / "d" / "trips.csv"
    text = trips.read_text(encoding="utf-8")
    text = text.replace(",Ulaanbaatar,", ',"<img src=x onerror=alert(1)>",', 1)
    trips.write_text(text, encoding="utf-8")
    hostile = load_dataset(tmp_path / "d")
    assert not hostile.problems
    mongolia = hostile.trips["trip_id"] == "putin-2024-09-02-mng"
    frame = hostile.trips.copy()
    frame.loc[mongolia, "purpose"] = "</script><script>alert(1)</script>"
    frame.loc[mongolia, "source"] = "javascript:alert(1) https://example.org/?a=1&b=<2>"
    hostile = dataclasses.replace(hostile, trips=frame)
    html = export.build_reader_page(
        hostile, D("2024-01-01"), D("2024-12-31"), title='"><script>alert(1)</script>'
    )
    assert "<img src=x" not in html and "<script>alert(1)" not in html
    # data, Leaflet, the shared map script and the page's own
    assert html.lower().count("</script") == 4
    page = Page(html)
    (trip,) = [t for t in page.payload()["trips"] if t["trip_id"] == "putin-2024-09-02-mng"]
    assert trip["city"] == "<img src=x onerror=alert(1)>"
    assert trip["purpose"] == "</script><script>alert(1)</script>"
    assert trip["source"].startswith("javascript:alert(1)")
    assert page.meta("og:title") == '"><script>alert(1)</script>'
    assert not [a for tag, a in page.tags if "onerror" in a]


def test_meta_tags_carry_title_description_and_image(data: Dataset) -> None:
    """Open Graph and Twitter tags are filled; the image only when given; text is escaped."""
    plain = Page(export.build_reader_page(data, D("2024-01-01"), D("2024-12-31"), title="T & U"))
    assert plain.meta("og:title") == plain.meta("twitter:title") == "T & U"
    description = plain.meta("og:description") or ""
    assert description.startswith("Between 2024-01-01 and 2024-12-31, ")
    assert plain.meta("og:image") is None and plain.meta("twitter:card") == "summary"
    image = "https://example.org/map.png?a=1&b=2"
    shared = Page(
        export.build_reader_page(
            data, D("2024-01-01"), D("2024-12-31"), description="<b>x</b>", image_url=image
        )
    )
    assert shared.meta("og:image") == shared.meta("twitter:image") == image
    assert shared.meta("og:description") == "<b>x</b>"
    assert shared.meta("twitter:card") == "summary_large_image"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"image_url": "javascript:alert(1)"}, "'javascript:alert(1)'"),
        ({"tiles": "file:///etc/{z}/{x}/{y}.png"}, "'file:///etc/{z}/{x}/{y}.png'"),
        ({"asof": D("2023-12-31")}, "'2023-12-31'"),
    ],
)
def test_bad_arguments_raise_with_the_value(
    data: Dataset, kwargs: dict[str, Any], message: str
) -> None:
    """A non-http(s) image or tile address, or a start day outside the range, is refused."""
    with pytest.raises(ValueError, match=re.escape(message)):
        export.build_reader_page(data, D("2024-01-01"), D("2024-12-31"), **kwargs)


def test_tiles_are_off_unless_asked_for(data: Dataset) -> None:
    """Without tiles no image may load from anywhere; with them the policy allows http(s)."""
    off = Page(export.build_reader_page(data, D("2024-01-01"), D("2024-12-31")))
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    on = Page(export.build_reader_page(data, D("2024-01-01"), D("2024-12-31"), tiles=tiles))
    assert off.payload()["tiles"] is None and on.payload()["tiles"]["url"] == tiles
    assert "img-src data:;" in off.policy() + ";"
    assert "img-src data: https:" in on.policy()


def test_policy_allows_exactly_the_inline_scripts(everyone: str) -> None:
    """Each executable inline script's hash is in the policy; nothing else may run."""
    page = Page(everyone)
    csp = page.policy()
    scripts = [text for tag, a, text in page.blocks if tag == "script" and "type" not in a]
    assert len(scripts) == 3  # Leaflet, mapview-map.js, reader.js
    assert scripts[1] == render.map_script("mapview-map.js")
    for text in scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_safe_json_cannot_close_a_script_and_round_trips(value: object) -> None:
    """safe_json output has no '<', '>', '&' or line separators, and parses back to the value."""
    text = export.safe_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_writes_the_page_into_a_directory(tmp_path: Path) -> None:
    """`export --out DIR/` writes DIR/mapview-reader.html for the chosen person and range."""
    code, out = run(
        "export",
        *("--out", f"{tmp_path}/site/", "--person", "putin"),
        *("--from", "2024-01-01", "--to", "2024-12-31", "--title", "Putin in 2024"),
    )
    page = tmp_path / "site" / "mapview-reader.html"
    assert code == 0 and str(page) in out
    parsed = Page(page.read_text(encoding="utf-8"))
    assert parsed.meta("og:title") == "Putin in 2024"
    assert {t["person"] for t in parsed.payload()["trips"]} == {"Vladimir Putin"}


def test_cli_png_without_chromium_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without chromium, --png is refused before anything is written."""
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    code, out = run("export", "--out", str(tmp_path / "p.html"), "--png", str(tmp_path / "p.png"))
    assert code == 2 and out.strip().count("\n") == 0 and "chromium is needed" in out
    assert not (tmp_path / "p.html").exists()


def test_cli_asof_outside_the_range_gets_the_urls_notice_and_falls_back(tmp_path: Path) -> None:
    """An --asof outside the range goes through the same check as a URL's asof: a notice that
    names it, and the page starts on the last day of the range."""
    out_file = tmp_path / "p.html"
    result = CliRunner().invoke(
        main,
        [
            *("export", "--out", str(out_file), "--from", "2024-01-01", "--to", "2024-02-01"),
            *("--asof", "2025-01-01"),
        ],
    )
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert (
        "notice: --asof 2025-01-01 is outside the range 2024-01-01 to 2024-02-01" in result.output
    )
    assert 'aria-valuetext="2024-02-01"' in out_file.read_text(encoding="utf-8")


def test_a_view_without_trips_still_makes_a_page(data: Dataset) -> None:
    """A range with no trips gives an empty trip list and a summary that says so."""
    html = export.build_reader_page(data, D("2024-01-01"), D("2024-01-05"), ["Vladimir Putin"])
    page = Page(html)
    assert page.payload()["trips"] == []
    assert "Vladimir Putin made no foreign trips." in html


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 5, "short"),
        ("one two three four", 10, "one two…"),
        ("alpha, beta; gamma", 14, "alpha, beta…"),
    ],
)
def test_link_preview_text_is_cut_at_a_word(text: str, limit: int, expected: str) -> None:
    """Long descriptions are cut at a word boundary, without trailing punctuation, with '…'."""
    assert export.shorten(text, limit) == expected
    assert len(export.shorten(text, limit)) <= limit


def test_routes_layer_is_included_only_when_asked_and_carries_text_tooltips(data: Dataset) -> None:
    """With journeys the page gets a routes toggle and one route per journey; without, neither."""
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    view = trips_view(data, start, end, ["Benjamin Netanyahu"])
    found, flown = airspace.journeys(
        data,
        view,
        airspace.departure_points(data),
        airspace.reported_routes(data),
    )
    assert 0 < len(found) == flown
    with_routes = export.build_reader_page(data, start, end, ["Benjamin Netanyahu"], routes=found)
    without = export.build_reader_page(data, start, end, ["Benjamin Netanyahu"])
    assert 'id="routes-toggle"' in with_routes and 'id="routes-toggle"' not in without
    assert with_routes.count('"pieces":') == len(found)
    assert "Territorial waters and Flight Information Regions are not modelled" in with_routes


def _luminance(colour: str) -> float:
    channels = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two #RRGGBB colours (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_both_themes_have_readable_text_and_visible_markers(name: str) -> None:
    """WCAG 2: text at least 4.5:1 on its background, the map's markers and the countries that
    never joined at least 3:1 (trip rings) or visibly apart (land from sea) on the sea."""
    c = export.theme_colours(name)
    for text in ("fg", "muted", "link", "bound-text"):
        assert contrast(c[text], c["bg"]) >= 4.5, text
    assert contrast(c["key-text"], c["key-background"]) >= 4.5
    assert contrast(c["focus"], c["bg"]) >= 3
    assert contrast(c["not-travelled-edge"], c["sea"]) >= 3
    bound = str(render.VERDICT_STYLES[Verdict.BOUND]["fillColor"])
    assert max(contrast(bound, c["sea"]), contrast(c["trip-edge"], c["sea"])) >= 3
    assert contrast(c["none"], c["sea"]) >= 1.25


def test_the_page_follows_the_readers_colour_scheme(data: Dataset) -> None:
    """The page sets both themes' colours as CSS variables, the dark ones under
    prefers-color-scheme: dark."""
    html = export.build_reader_page(data, D("2024-01-01"), D("2024-12-31"), ["Vladimir Putin"])
    light, dark = export.theme_colours("light"), export.theme_colours("dark")
    assert f"--sea:{light['sea']};" in html
    assert "@media (prefers-color-scheme:dark){:root{ " + f"--bg:{dark['bg']};" in html
