"""The folium objects: colours by status on a day, and escaped text."""

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
    layer = render.country_layer(
        render.countries_geojson(data.countries), statuses_on(data, D(day)), {}
    )
    (geojson,) = [c for c in layer._children.values() if c.get_name().startswith("geo_json")]
    feature = next(f for f in geojson.data["features"] if f["properties"]["iso_a3"] == iso)
    return str(feature["properties"]["fill"])


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


def test_trip_popups_escape_text_and_link_only_http_sources(data: Dataset) -> None:
    """Markup in any field is shown as text; a javascript: source is not a link."""
    view = trips_view(data, D("2024-09-01"), D("2024-09-30"), ["Vladimir Putin"]).head(1).copy()
    view["city"] = "<img src=x onerror=alert(1)>"
    view["purpose"] = "`${alert(1)}` </script>"
    view["source"] = "javascript:alert(1) https://example.org/a?b=1&c=<2>"
    layer = render.trip_layer(view)
    html = json.dumps([c.data for c in layer._children.values()])
    assert "<img" not in html and "</script>" not in html and "${" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert (
        'href=\\"javascript' not in html
        and 'href=\\"https://example.org/a?b=1&amp;c=&lt;2&gt;\\"' in html
    )


def test_small_members_get_a_point(data: Dataset) -> None:
    """Malta, Nauru and San Marino get a dot so they show at world zoom."""
    points = render.small_states(data.countries)
    assert {"MLT", "NRU", "SMR"} <= set(points)
    assert "RUS" not in points


def test_trip_layer_skips_trips_without_a_location(data: Dataset) -> None:
    """A trip with no published coordinates is not drawn (it stays in the table)."""
    view = trips_view(data, D("2023-04-17"), D("2023-04-17"), ["Vladimir Putin"])
    assert len(view) >= 1 and view["lat"].isna().all()
    layer = render.trip_layer(view)
    assert not [c for c in layer._children.values() if isinstance(getattr(c, "data", None), dict)]
    assert isinstance(view, pd.DataFrame)
