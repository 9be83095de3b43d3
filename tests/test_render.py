"""The map layers: colours by status on a day, script-safe data, and grouping of large views."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import streamlit_folium

from mapview import render
from mapview.domain import Status, Verdict
from mapview.join import trips_view
from mapview.load import Dataset
from mapview.states import statuses_on
from mapview.ui import figures, mapframe

D = dt.date.fromisoformat


def fill_of(data: Dataset, iso: str, day: str) -> str:
    info = json.loads(render.country_info(statuses_on(data, D(day)), {}))
    return str(info[iso]["c"])


@pytest.mark.parametrize(
    ("iso", "day", "status"),
    [
        ("ARM", "2024-01-31", Status.RATIFIED_NOT_IN_FORCE),
        ("ARM", "2024-02-01", Status.STATE_PARTY),
        ("UKR", "2024-12-31", Status.RATIFIED_NOT_IN_FORCE),
        ("UKR", "2025-01-01", Status.STATE_PARTY),
        ("BDI", "2017-10-26", Status.WITHDRAWAL_PENDING),
        ("BDI", "2017-10-27", Status.WITHDRAWN),
        ("HUN", "2026-06-01", Status.STATE_PARTY),
    ],
)
def test_country_colour_follows_status_on_the_day(
    data: Dataset, iso: str, day: str, status: Status
) -> None:
    """Armenia, Ukraine, Burundi and Hungary change colour exactly on the recorded days."""
    assert fill_of(data, iso, day) == render.STATUS_COLOURS[status]


def test_hungary_stays_a_party_after_2026_06_02_as_the_sources_say(data: Dataset) -> None:
    """The recorded revocation means the withdrawal never took effect."""
    assert data.membership("HUN").withdrawal_revoked is not None
    assert fill_of(data, "HUN", "2026-06-03") == render.STATUS_COLOURS[Status.STATE_PARTY]


def test_weaker_sources_are_flagged_in_the_country_tooltip(data: Dataset) -> None:
    """A state whose row is not high confidence says so in its history line."""
    info = json.loads(render.country_info(statuses_on(data, D("2026-06-03")), {"HUN": "medium"}))
    assert info["HUN"]["h"].endswith("(sources: medium confidence)")


HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "`${alert(1)}`",
    "\u2028",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_cannot_break_out_of_the_script_element(text: str) -> None:
    """Markup characters are escaped as \\u sequences and the value round-trips exactly."""
    encoded = render.script_json({"x": text})
    assert "<" not in encoded and ">" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"x": text}


def test_trip_script_carries_text_not_markup_and_keeps_every_source(data: Dataset) -> None:
    """Hostile fields travel as data for textContent; sources are kept for the http(s) filter."""
    view = trips_view(data, D("2024-09-01"), D("2024-09-30"), ["Vladimir Putin"]).head(1).copy()
    view["city"] = HOSTILE[1]
    view["source"] = "javascript:alert(1) https://example.org/a?b=1&c=<2>"
    (record,) = render.trip_records(view)
    assert record["t"]["city"] == HOSTILE[1] and record["t"]["source"] == view["source"].iloc[0]
    sent = render.layers_script([render.trip_script(view)])  # the text the map frame runs
    assert "<img" not in sent and "&c=<2>" not in sent
    trips = json.loads(sent.split("var trips = ", 1)[1].split(";\n", 1)[0])
    assert trips == [record]  # tests/js/test_map.js: set as text, only http(s) links


def test_large_views_are_grouped_by_country_and_verdict(data: Dataset) -> None:
    """Above the marker limit each country and verdict gets one sized marker with a count."""
    view = trips_view(data, D("2009-01-01"), D("2026-11-29"))
    located = view["lat"].notna().sum()
    grouped = render.trip_records(view, max_markers=10)
    assert (
        len(grouped) == view[view["lat"].notna()].groupby(["iso_a3", "verdict"]).ngroups < located
    )
    assert sum(int(r["tip"].split()[0].replace(",", "")) for r in grouped) == located
    assert len(render.trip_records(view)) == located


def test_small_members_get_a_point(data: Dataset) -> None:
    """Malta, Nauru and San Marino get a dot so they show at world zoom."""
    points = render.small_states(data.countries)
    assert {"MLT", "NRU", "SMR"} <= set(points)
    assert "RUS" not in points


def test_trips_without_a_location_are_not_drawn(data: Dataset) -> None:
    """A trip with no published coordinates is left off the map (it stays in the table)."""
    view = trips_view(data, D("2023-04-17"), D("2023-04-17"), ["Vladimir Putin"])
    assert len(view) >= 1 and view["lat"].isna().all()
    assert render.trip_records(view) == []
    table = figures.trip_table(view)
    assert list(table["trip_id"]) == list(view["trip_id"]) and table["lat"].isna().all()


def test_countries_topojson_keeps_every_country(data: Dataset) -> None:
    """The display TopoJSON has one geometry per polygon row, keyed by iso_a3."""
    topo = json.loads(render.countries_topojson(data.countries))
    codes = {g["properties"]["iso_a3"] for g in topo["objects"]["countries"]["geometries"]}
    assert codes == set(data.countries["iso_a3"])


def test_layer_scripts_are_what_streamlit_folium_builds_for_script_groups() -> None:
    """The feature-group text sent to the map frame matches streamlit-folium's own, so the frame
    adds, and on the next update removes, the same layers."""
    bodies = ["var a = 1;", 'var b = "x";']
    m = render.build_base_map()
    theirs = "".join(
        streamlit_folium._get_feature_group_string(render.script_group(f"g{k}", b), map=m, idx=k)
        for k, b in enumerate(bodies)
    )
    assert re.sub(r"\s+", "", render.layers_script(bodies)) == re.sub(r"\s+", "", theirs)


def test_map_frame_arguments_come_from_st_folium_with_local_assets() -> None:
    """The base map's arguments are those st_folium sends, with every asset served locally;
    only a click comes back (pan and zoom never rerun the app)."""
    args = mapframe.frame_args()
    assert {"script", "header", "html", "key", "js_links", "css_links", "height"} <= set(args)
    assert args["returned_objects"] == ["last_clicked"] and args["height"] == mapframe.HEIGHT
    links = args["js_links"] + args["css_links"]
    assert any(link.endswith("leaflet.js") for link in links)
    assert any(link.endswith("topojson-client.min.js") for link in links)
    assert all(link.startswith(("/app/static/vendor/", "/app/static/map/")) for link in links)
    assert [link.split("?")[0] for link in links if "/map/" in link] == [
        f"/app/static/map/{name}" for name in render.MAP_SCRIPTS
    ]
    assert "feature_group_feature_group" not in args["script"]  # the base map has no data


def test_country_script_draws_a_legend_with_every_status_and_verdict() -> None:
    """The legend inside the map names every status and verdict, with their colours."""
    legend = json.loads(render.LEGEND)
    assert [k["label"] for k in legend[0]["rows"]] == [s.label for s in Status]
    assert [k["colour"] for k in legend[0]["rows"]] == [render.STATUS_COLOURS[s] for s in Status]
    assert [k["label"] for k in legend[1]["rows"]] == [v.label for v in Verdict]
    assert [k["round"] for k in legend[1]["rows"]] == [True] * len(Verdict)
    script = render.country_script('"/x.json"', "{}", {})
    assert json.loads(script.split("var legend = ", 1)[1].split(";\n", 1)[0]) == legend


def test_the_dark_theme_colours_the_sea_outlines_key_and_trip_rings() -> None:
    """In the dark theme the country layer carries the dark palette (sea, outlines, countries
    that never joined, key) and the trip markers get light rings (an announced trip that would
    be bound keeps its vermillion one); anything unknown is light."""
    dark = render.THEMES["dark"]
    script = render.country_script('"/x.json"', "{}", {}, dark)
    theme = json.loads(script.split("var theme = ", 1)[1].split(";\n", 1)[0])
    assert theme["sea"] == dark.sea and theme["none"] == dark.none
    legend = json.loads(render.legend(dark))
    assert legend[0]["rows"][-1]["colour"] == dark.none  # never joined, in the key too
    rings = {k["label"]: k["edge"] for k in legend[1]["rows"]}
    would_be_bound = render.VERDICT_STYLES[Verdict.WOULD_BE_BOUND]["color"]
    assert rings.pop(Verdict.WOULD_BE_BOUND.label) == would_be_bound  # keeps its vermillion
    assert set(rings.values()) <= {dark.trip_edge, dark.not_travelled_edge}
    trips = render.trip_script_from([], dark)
    assert f'"color":"{dark.trip_edge}"' in trips
    routes = render.route_script([], dark)
    assert f'"color":"{dark.trip_edge}"' in routes and '"color":"#000000"' not in routes
    assert render.theme("dark") is dark and render.theme(None) is render.theme("sepia")


def test_the_map_is_described_by_the_summary_as_text() -> None:
    """The description script puts the summary in the frame, as text, and ties the map to it."""
    text = "Between <b>a</b> and b, </script>"
    script = render.description_script(text)
    assert "</script>" not in script and "<b>" not in script
    assert json.loads(script.split("var description = ", 1)[1].split(";\n", 1)[0]) == text
    assert "mapview.describeMap(parent, description)" in script


def test_map_frame_uses_the_component_kept_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """While one thread has the module's component swapped to read the base map's arguments,
    another thread's map still goes to the real component."""
    sent: list[dict[str, object]] = []

    def swapped(**kwargs: object) -> None:
        raise AssertionError("the swapped-in function was called")

    monkeypatch.setattr(streamlit_folium, "_component_func", swapped)
    monkeypatch.setattr(mapframe, "_COMPONENT", lambda **kwargs: sent.append(kwargs))
    mapframe.map_frame(["var drawn = 1;"])
    (args,) = sent
    assert "var drawn = 1;" in str(args["feature_group"])
    assert args["key"] == mapframe.frame_args()["key"]
