"""The dashboard through Streamlit's AppTest: URL -> controls, text, and what the map is sent."""

from __future__ import annotations

import datetime as dt
import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from mapview import join, render, states
from mapview.assets import DASHBOARD, STATIC
from mapview.join import trips_view
from mapview.load import Dataset
from mapview.ui import cache, figures

APP = str(DASHBOARD)


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_a_surname_in_the_url_is_accepted_and_the_address_rewritten_to_the_slug() -> None:
    """?leader=putin shows Putin and the address then says vladimir-putin; 'ar' gets a notice."""
    at = open_app(leader="putin")
    assert not at.warning and at.multiselect(key="leaders").value == ["Vladimir Putin"]
    assert at.query_params["leader"] == "vladimir-putin"
    ambiguous = open_app(leader="ar")
    assert any("is ambiguous: it matches" in w.value for w in ambiguous.warning)


def map_args(at: AppTest) -> dict[str, Any]:
    (el,) = [
        e for e in at.get("component_instance") if e.proto.component_name.endswith("st_folium")
    ]
    args: dict[str, Any] = json.loads(el.proto.json_args)
    return args


def test_url_sets_every_control() -> None:
    """leader, from, to and asof in the URL set the widgets and stay in the URL."""
    at = open_app(
        leader="omar-al-bashir", **{"from": "2009-03-04", "to": "2019-04-11", "asof": "2015-06-14"}
    )
    assert not at.exception
    assert at.multiselect(key="leaders").value == ["Omar al-Bashir"]
    assert at.slider(key="range").value == (dt.date(2009, 3, 4), dt.date(2019, 4, 11))
    assert at.checkbox(key="asof_pin").value is True
    assert at.date_input(key="asof").value == dt.date(2015, 6, 14)
    assert at.query_params["asof"] == "2015-06-14"
    caption = " ".join(c.value for c in at.caption)  # one person: the map shows their lens
    assert "bound to arrest Omar al\\-Bashir on 2015\\-06\\-14" in caption


def test_summary_numbers_and_table_for_putin_2024() -> None:
    """Putin in 2024: Mongolia is the one trip to a bound state."""
    at = open_app(
        leader="vladimir-putin", tab="trips", **{"from": "2024-01-01", "to": "2024-12-31"}
    )
    lead, details = (m.value.replace("\\", "") for m in at.markdown[:2])
    assert "Vladimir Putin made 11 foreign trips" in lead and "Mongolia (2024-09-02)" in details
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["To states bound to arrest"] == "1"
    table = at.dataframe[0].value
    assert set(table["iso_a3"]) >= {"MNG", "KAZ", "PRK"}
    assert (table["verdict"] == "bound").sum() == 1
    assert table["source"].str.startswith("http").all()


def test_changing_the_slider_updates_the_url_and_the_view() -> None:
    """Moving the range writes it to the URL and changes the trips sent to the map."""
    at = open_app(leader="vladimir-putin", **{"from": "2024-01-01", "to": "2024-12-31"})
    before = map_args(at)["feature_group"].count('"la":')
    at.slider(key="range").set_value((dt.date(2024, 9, 1), dt.date(2024, 9, 30))).run()
    assert at.query_params["from"] == "2024-09-01" and at.query_params["to"] == "2024-09-30"
    assert map_args(at)["feature_group"].count('"la":') == 1 < before


@pytest.mark.parametrize(
    "params",
    [
        {"from": "garbage"},
        {"leader": "<script>alert(1)</script>"},
        {"from": "2025-01-01", "to": "2024-01-01"},
        {"asof": "9999-99-99"},
        {"to": "2024-02-30"},
    ],
)
def test_garbage_parameters_give_a_notice_and_no_exception(params: dict[str, str]) -> None:
    """A bad link shows a short warning and falls back; no traceback."""
    at = open_app(**params)
    assert not at.exception
    assert at.warning and all("<script>" not in w.value for w in at.warning)


def test_map_uses_only_local_assets_and_carries_countries_and_trips() -> None:
    """No CDN link; the polygons come from a local file; each located trip has a marker."""
    at = open_app(
        leader="vladimir-putin", tab="trips", **{"from": "2024-01-01", "to": "2024-12-31"}
    )
    args = map_args(at)
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("/app/static/") for link in links)
    payload = args["feature_group"]
    (url,) = re.findall(r'var topo = "(/app/static/generated/countries-[0-9a-f]+\.json)"', payload)
    topo = json.loads((STATIC / url.removeprefix("/app/static/")).read_text(encoding="utf-8"))
    assert len(topo["objects"]["countries"]["geometries"]) >= 240
    assert payload.count('"c":"#') >= 240  # a colour for every country
    went = at.dataframe[0].value
    assert payload.count('"la":') == went["lat"].notna().sum() > 0


@settings(max_examples=20, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["leader", "from", "to", "asof", "tab", "embed"]),
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80),
        max_size=4,
    )
)
def test_arbitrary_query_strings_never_break_the_page(params: dict[str, str]) -> None:
    """Through the whole page: no exception for any query string, and the map is still sent."""
    at = open_app(**params)
    assert not at.exception
    assert map_args(at)["feature_group"]


def test_only_the_open_panel_is_computed_and_the_url_names_it() -> None:
    """By default the share panel is open and neither table nor chart is sent; tab= in a link
    opens another panel and stays in the URL; a bad value gives a notice."""
    view = {"leader": "vladimir-putin", "from": "2024-01-01", "to": "2024-12-31"}
    at = open_app(**view)
    assert not at.exception and "tab" not in at.query_params
    assert len(at.dataframe) == 0 and len(at.get("vega_lite_chart")) == 0
    assert any("leader=vladimir-putin&from=2024-01-01" in m.value for m in at.markdown)
    at = open_app(tab="timeline", **view)
    assert at.query_params["tab"] == "timeline" and len(at.dataframe) == 0
    (chart,) = at.get("vega_lite_chart")
    (rows,) = chart.proto.datasets
    hosts = set(pa.ipc.open_stream(rows.data.data).read_pandas()["host"])
    assert hosts >= {"Mongolia", "Kazakhstan"}
    at = open_app(tab="changes", **{**view, "leader": "omar-al-bashir", "from": "2016-01-01"})
    assert any("Burundi" in m.value for m in at.markdown)
    at = open_app(tab="<b>", **view)
    assert any("'tab' should be one of" in w.value for w in at.warning)
    assert "tab" not in at.query_params


def test_routes_switch_is_bound_to_the_url_and_draws_routes() -> None:
    """routes=1 turns the routes layer on, keeps the switch in the URL, and says what is modelled."""
    at = open_app(
        leader="benjamin-netanyahu", **{"from": "2025-02-01", "to": "2025-02-28", "routes": "1"}
    )
    assert not at.exception and at.checkbox(key="routes").value is True
    assert at.query_params["routes"] == "1"
    drawn = map_args(at)["feature_group"]
    assert "mapview.drawRoutes(parent, routes, styles)" in drawn and '"k":1' in drawn
    assert any("territorial waters" in c.value for c in at.caption)
    at.checkbox(key="routes").uncheck().run()
    assert "routes" not in at.query_params
    assert "mapview.drawRoutes" not in map_args(at)["feature_group"]


def test_figures_stay_light_for_large_views(data: Dataset) -> None:
    """Above the point limit the timeline groups trips by month; the chart spec stays small."""
    view = trips_view(data, dt.date(2009, 1, 1), dt.date(2026, 11, 29))
    big = pd.concat([view] * 80, ignore_index=True)  # more rows than altair accepts by default
    spec = figures.timeline(big)
    alt.Chart.from_dict(spec)  # a valid Vega-Lite spec (raises otherwise)
    (rows,) = spec["datasets"].values()
    assert len(rows) < len(view) < len(big)
    assert sum(r["trips"] for r in rows) == len(big)


def test_kept_marker_texts_give_the_same_script_as_a_fresh_build(data: Dataset) -> None:
    """Views that share trips reuse their marker texts; each script equals one built afresh."""
    version = f"test-{id(data)}"
    explained = join.explained_trips(data, dt.date(2026, 12, 1))
    for start, end in [
        ("2023-01-01", "2024-12-31"),
        ("2024-06-01", "2025-06-30"),
        ("2009-01-01", "2026-11-29"),
    ]:
        day0, day1 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        rows = join.rows(explained, day0, day1)
        view = explained.iloc[rows].reset_index(drop=True)
        assert cache.trip_script(version, rows, view) == render.trip_script(view)
    assert 0 < len(cache._markers(version).texts) <= len(explained)


def test_sessions_sharing_the_marker_memo_never_read_it_half_cleared(
    data: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight sessions drawing different views at once, with a memo small enough to be cleared
    on many calls, each get the script a fresh build gives."""
    monkeypatch.setattr(cache, "MAX_KEPT_MARKERS", 40)
    version = f"threads-{id(data)}"
    explained = join.explained_trips(data, dt.date(2026, 12, 1))
    views = []
    for year in range(2015, 2023):
        rows = join.rows(explained, dt.date(year, 1, 1), dt.date(year + 3, 12, 31))
        view = explained.iloc[rows].reset_index(drop=True)
        views.append((rows, view, render.trip_script(view)))

    def draw(k: int) -> bool:
        rows, view, expected = views[k % len(views)]
        return all(cache.trip_script(version, rows, view) == expected for _ in range(20))

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(draw, range(16)))


def test_what_changed_lists_a_bounded_number_of_trips(data: Dataset) -> None:
    """Trips across a status change are listed up to a limit, then counted."""
    view = trips_view(data, dt.date(2016, 1, 1), dt.date(2018, 12, 31), ["Omar al-Bashir"])
    changes = states.status_changes(data, dt.date(2016, 1, 1), dt.date(2018, 12, 31))
    changed = {c.iso_a3 for c in changes}
    hosts = view[view["iso_a3"].isin(changed)].head(1)
    assert len(hosts) == 1
    change = next(c for c in changes if c.iso_a3 == hosts["iso_a3"].iloc[0])
    across = hosts.assign(
        start=pd.Timestamp(change.day) - pd.Timedelta(days=1), end=pd.Timestamp(change.day)
    )
    lines = figures.change_lines(pd.concat([across] * 150, ignore_index=True), changes)
    trips = [line for line in lines if line.startswith("Trip across")]
    assert len(trips) == figures.MAX_CHANGE_TRIPS
    assert (
        lines[-1] == f"… and {150 - figures.MAX_CHANGE_TRIPS:,} more trips across a status change."
    )
