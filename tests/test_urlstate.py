"""URL state: readable keys, round trips, and never an exception on what a reader types."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview.urlstate import TABS, ViewState, find_leaders, parse, slug, to_params, validated

D = dt.date.fromisoformat
PEOPLE = ["Vladimir Putin", "Omar al-Bashir", "Benjamin Netanyahu", "Charles Blé Goudé"]
DEFAULT = ViewState(("Vladimir Putin",), D("2023-03-17"), D("2026-11-29"))
LO, HI = D("2002-07-01"), D("2026-11-29")


def test_slug_is_readable() -> None:
    """Names become short lowercase slugs."""
    assert slug("Omar al-Bashir") == "omar-al-bashir"
    assert slug("Charles Blé Goudé") == "charles-ble-goude"


@pytest.mark.parametrize(
    ("key", "people"),
    [
        ("vladimir-putin", ("Vladimir Putin",)),
        ("putin", ("Vladimir Putin",)),
        ("PUTIN", ("Vladimir Putin",)),
        ("Omar al-Bashir", ("Omar al-Bashir",)),
        ("bash", ("Omar al-Bashir",)),
        ("goudé", ("Charles Blé Goudé",)),
        ("netanyahu,putin,netanyahu", ("Benjamin Netanyahu", "Vladimir Putin")),
    ],
)
def test_a_surname_or_a_unique_part_of_a_name_is_a_leader(
    key: str, people: tuple[str, ...]
) -> None:
    """Like the CLI's --person: any unique part of a name, in any case; written back as slugs."""
    state, notices = parse({"leader": [key]}, PEOPLE, DEFAULT, LO, HI)
    assert (state.people, notices) == (people, [])
    assert to_params(state)["leader"] == ",".join(slug(p) for p in people)


def test_an_ambiguous_leader_key_lists_the_matches() -> None:
    """'ar' is in two names: the notice names both and the view falls back to the default."""
    state, notices = parse({"leader": ["ar"]}, PEOPLE, DEFAULT, LO, HI)
    assert state.people == DEFAULT.people
    assert notices == [
        "Leader 'ar' is ambiguous: it matches Omar al-Bashir, Charles Blé Goudé. "
        "Give more of the name."
    ]


def test_round_trip_reproduces_the_view() -> None:
    """Parsing the params of a view gives the same view back, with no notice."""
    view = ViewState(
        ("Omar al-Bashir", "Vladimir Putin"), D("2009-03-04"), D("2019-04-11"), D("2015-06-14")
    )
    for tab in TABS:
        shown = replace(view, tab=tab)
        params = {k: [v] for k, v in to_params(shown).items()}
        assert ("tab" in params) == (tab != TABS[0])  # the default panel keeps links short
        assert parse(params, PEOPLE, DEFAULT, LO, HI) == (shown, [])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"leader": ["nobody"]}, "Unknown leader"),
        ({"from": ["2024-02-30"]}, "not a date"),
        ({"from": ["yesterday"]}, "not a date"),
        ({"from": ["1990-01-01"]}, "outside"),
        ({"from": ["2025-01-01"], "to": ["2024-01-01"]}, "reversed"),
        ({"to": ["x" * 5000]}, "too long"),
        ({"from": ["2024-01-01", "2025-01-01"]}, "given 2 times"),
        ({"routes": ["maybe"]}, "should be 1 or 0"),
        ({"tab": ["<script>"]}, "'tab' should be one of"),
    ],
)
def test_bad_parameters_give_a_notice_and_a_usable_view(
    params: dict[str, list[str]], fragment: str
) -> None:
    """Each unusable part is named in a notice; the view stays valid."""
    state, notices = parse(params, PEOPLE, DEFAULT, LO, HI)
    assert any(fragment in n for n in notices)
    assert LO <= state.start <= state.end <= HI and state.people


@settings(max_examples=2000, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["leader", "from", "to", "asof", "tab", "x", ""]),
        st.lists(st.text(max_size=60), max_size=3),
        max_size=6,
    )
)
def test_any_query_string_parses_to_a_valid_view(params: dict[str, list[str]]) -> None:
    """2,000 arbitrary query strings: no exception, a valid view, a notice when input is unusable."""
    state, notices = parse(params, PEOPLE, DEFAULT, LO, HI)
    assert LO <= state.start <= state.end <= HI
    for key in ("from", "to", "asof"):
        values = params.get(key, [])
        if values and not _usable_date(values[0]):
            assert any(f"'{key}'" in n for n in notices), (key, values, notices)
    for value in params.get("leader", [])[:1]:
        if len(value) <= 300 and any(
            part.strip() and len(find_leaders(part, PEOPLE)) != 1 for part in value.split(",")
        ):
            assert any("leader" in n.lower() for n in notices)


def _usable_date(value: str) -> bool:
    try:
        return len(value) <= 300 and LO <= D(value.strip()) <= HI and len(value.strip()) == 10
    except ValueError:
        return False


@pytest.mark.parametrize(
    ("view", "expected", "fragment"),
    [
        (
            ViewState(("P",), D("2025-01-01"), D("2024-01-01")),
            (D("2024-01-01"), D("2025-01-01"), None),
            "reversed",
        ),
        (
            ViewState(("P",), D("2024-01-01"), D("2024-02-01"), D("2025-01-01")),
            (D("2024-01-01"), D("2024-02-01"), None),
            "--asof 2025-01-01 is outside the range",
        ),
        (
            ViewState(("P",), D("1990-01-01"), D("2024-02-01")),
            (LO, D("2024-02-01"), None),
            "--from 1990-01-01 is outside",
        ),
        (
            ViewState(("P",), D("2024-01-01"), D("2099-01-01")),
            (D("2024-01-01"), HI, None),
            "--to 2099-01-01 is outside",
        ),
    ],
)
def test_one_check_for_views_from_the_url_and_the_command_line(
    view: ViewState, expected: tuple[dt.date, dt.date, dt.date | None], fragment: str
) -> None:
    """validated() swaps, clamps and drops exactly as parse() does, naming the options given."""
    names = {"start": "--from", "end": "--to", "asof": "--asof", "lens": "--lens"}
    checked, notices = validated(view, LO, HI, names)
    assert (checked.start, checked.end, checked.asof) == expected
    assert len(notices) == 1 and fragment in notices[0]
    url = {k: [v] for k, v in to_params(view).items()}
    assert parse(url, ["P"], DEFAULT, LO, HI)[0].selection == checked.selection


def test_a_lens_must_be_one_of_the_people() -> None:
    """A lens on someone not in view is dropped with a notice."""
    checked, notices = validated(ViewState(("P",), LO, HI, lens="Q"), LO, HI)
    assert checked.lens is None and "'lens'" in notices[0]
