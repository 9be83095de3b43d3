"""The dashboard's person lens, future days, country panel, data version and corrections (AppTest)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from mapview.domain import Obligation
from mapview.load import Dataset
from mapview.render import OBLIGATION_COLOURS
from mapview.ui import cache
from mapview.urlstate import ViewState

from .test_app import map_args, open_app

BOTH = "vladimir-putin,benjamin-netanyahu"


def _country_info(at: object) -> dict[str, dict[str, str]]:
    """The per-country colours and texts sent to the map's country layer."""
    script = map_args(at)["feature_group"]  # type: ignore[arg-type]
    found = re.search(r"var info = (\{.*?\});\n", script)
    assert found is not None
    info: dict[str, dict[str, str]] = json.loads(found.group(1))
    return info


@pytest.mark.parametrize(
    ("lens", "colour"),
    [
        ("vladimir-putin", OBLIGATION_COLOURS[Obligation.BOUND_DECLARATION]),
        ("benjamin-netanyahu", OBLIGATION_COLOURS[Obligation.NOT_YET_IN_FORCE]),
    ],
)
def test_the_lens_colours_ukraine_by_whether_it_must_arrest_that_person(
    lens: str, colour: str
) -> None:
    """On 2024-12-31 Ukraine was bound for Putin (art. 12(3)), not yet for Netanyahu."""
    at = open_app(leader=BOTH, lens=lens, **{"from": "2024-01-01", "to": "2024-12-31"})
    assert not at.exception
    assert _country_info(at)["UKR"]["c"] == colour
    assert at.query_params["lens"] == lens
    name = "Vladimir Putin" if lens == "vladimir-putin" else "Benjamin Netanyahu"
    caption = " ".join(c.value for c in at.caption)
    assert f"bound to arrest {name} on 2024\\-12\\-31" in caption


def test_without_a_lens_several_people_keep_the_status_colours() -> None:
    """Two people and no lens: the map shows each state's general ICC status."""
    at = open_app(leader=BOTH, **{"from": "2024-01-01", "to": "2024-12-31"})
    assert "coloured by their ICC status" in " ".join(c.value for c in at.caption)
    assert "lens" not in at.query_params


def test_a_future_range_stays_in_the_url_and_is_called_a_projection() -> None:
    """to= may lie ahead (up to the horizon); the page says the colours are a projection."""
    at = open_app(leader="vladimir-putin", **{"from": "2026-06-01", "to": "2027-06-30"})
    assert not at.exception and not at.warning
    assert at.query_params["to"] == "2027-06-30"
    assert "projection" in " ".join(c.value for c in at.caption)


def test_a_day_beyond_the_horizon_gets_a_notice_and_a_fallback() -> None:
    """A day more than two years ahead is clamped with a notice, never an error."""
    at = open_app(leader="vladimir-putin", to="2099-01-01")
    assert not at.exception
    assert any("outside" in w.value for w in at.warning)
    assert at.query_params["to"] < "2099-01-01"


def test_country_in_the_url_opens_its_panel() -> None:
    """country=HUN shows Hungary's history, visits and obligation for each person in view."""
    at = open_app(
        leader="benjamin-netanyahu", country="HUN", **{"from": "2025-01-01", "to": "2026-12-31"}
    )
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Hungary (HUN)"]
    text = " ".join(m.value for m in at.markdown)
    assert "withdrawal revoked 2026\\-05\\-29" in text
    assert "Benjamin Netanyahu" in text and "Weak fact" in text  # the revocation's caveat
    assert at.query_params["country"] == "HUN"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"lens": "nobody"}, "'lens'"),
        ({"country": "ZZZ"}, "'country'"),
        ({"v": "<script>"}, "'v'"),
        ({"asof": "2030-01-01"}, "'asof'"),
    ],
)
def test_bad_new_keys_get_a_notice_and_a_fallback(params: dict[str, str], fragment: str) -> None:
    """An unknown lens, country code, data version or out-of-range day: a notice, no traceback."""
    at = open_app(leader="vladimir-putin", **{"from": "2024-01-01", "to": "2024-12-31"}, **params)
    assert not at.exception
    assert any(fragment in w.value for w in at.warning)


def test_an_old_link_lists_the_corrections_that_touch_its_view() -> None:
    """v= of an older version: a notice listing the corrections since, and the URL moves on."""
    at = open_app(
        leader="omar-al-bashir", v="2026-11-29.abcdef", **{"from": "2009-01-01", "to": "2009-12-31"}
    )
    assert not at.exception
    (info,) = at.info
    assert "the data has changed since" in info.value
    assert "al\\-bashir\\-2009\\-07\\-01\\-uga" in info.value
    assert "putin" not in info.value
    assert "](?leader=omar-al-bashir&" in info.value and "tab=corrections" in info.value
    assert at.query_params["v"] != "2026-11-29.abcdef"


def test_where_can_they_go_says_it_in_words_with_a_table() -> None:
    """The 'where' panel names the count and the art. 12(3) state, and offers the list as CSV."""
    at = open_app(
        leader="vladimir-putin", tab="where", **{"from": "2024-01-01", "to": "2024-12-31"}
    )
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert (
        "On 2024\\-12\\-31, 125 states were bound to arrest Vladimir Putin: 124 States Parties and Ukraine \\(art\\. 12\\(3\\) declaration\\)"
        in text
    )
    (table,) = at.dataframe
    assert (table.value["label"] == "bound: State Party").sum() == 124


def test_the_corrections_panel_lists_the_log_and_the_share_panel_cites_the_version() -> None:
    """The full log is one tab; the share panel gives the data version and a citation."""
    at = open_app(leader="vladimir-putin", tab="corrections")
    (log,) = at.dataframe
    assert len(log.value) >= 30 and set(log.value.columns) >= {"date", "file", "row_id", "reason"}
    at = open_app(leader="vladimir-putin")
    codes = [c.value for c in at.code]
    assert any("mapview, data version 2026-" in c for c in codes)


def test_view_caches_are_keyed_by_the_data_version_and_the_selection(data: Dataset) -> None:
    """Two datasets of one version share a cache entry; another version or selection does not."""
    sel = ViewState(("Vladimir Putin",), dt.date(2024, 1, 1), dt.date(2024, 12, 31)).selection
    first = cache.trip_table(data, sel)
    emptied = dataclasses.replace(data, trips=data.trips.iloc[0:0])  # same version, no trips
    assert len(first) > 0 and cache.trip_table(emptied, sel).equals(first)
    renamed = dataclasses.replace(emptied, version=data.version + "+other")
    assert len(cache.trip_table(renamed, sel)) == 0
    later = dataclasses.replace(sel, start=dt.date(2024, 9, 1))
    assert 0 < len(cache.trip_table(data, later)) < len(first)
