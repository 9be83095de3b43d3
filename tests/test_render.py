"""The map layers: colours by status on a day, script-safe data, and grouping of large views."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from mapview import render
from mapview.domain import Status
from mapview.join import statuses_on, trips_view
from mapview.load import Dataset

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


def test_trip_layer_carries_text_not_markup_and_keeps_every_source(data: Dataset) -> None:
    """Hostile fields travel as data for textContent; sources are kept for the http(s) filter."""
    view = trips_view(data, D("2024-09-01"), D("2024-09-30"), ["Vladimir Putin"]).head(1).copy()
    view["city"] = HOSTILE[1]
    view["source"] = "javascript:alert(1) https://example.org/a?b=1&c=<2>"
    (record,) = render.trip_records(view)
    assert HOSTILE[1] in record["tip"] and record["src"][0] == "javascript:alert(1)"
    (script,) = render.trip_layer(view)._children.values()
    body = script.body
    assert "<img" not in body and "&c=<2>" not in body
    assert "/^https?:\\/\\//i.test(u)" in render._TRIPS_JS


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
    assert isinstance(view, pd.DataFrame)


def test_countries_topojson_keeps_every_country(data: Dataset) -> None:
    """The display TopoJSON has one geometry per polygon row, keyed by iso_a3."""
    topo = json.loads(render.countries_topojson(data.countries))
    codes = {g["properties"]["iso_a3"] for g in topo["objects"]["countries"]["geometries"]}
    assert codes == set(data.countries["iso_a3"])
