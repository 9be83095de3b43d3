"""The summary: who travelled, merged places, occupied territory and announced trips apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview import narrative
from mapview.join import trips_view
from mapview.load import Dataset, load_dataset

START, END = dt.date(2023, 1, 1), dt.date(2026, 12, 31)
PUTIN = "Vladimir Putin"


def trip(**fields: Any) -> dict[str, Any]:
    """One row of a view, with the columns the summary reads."""
    row: dict[str, Any] = {
        "person": PUTIN,
        "host_name": "Mongolia",
        "city": "Ulaanbaatar",
        "start": "2024-09-02",
        "end": "2024-09-03",
        "status": "took_place",
        "verdict": "bound",
        "outcome": "not_arrested",
        "purpose": "State visit",
        "territory_note": "",
        "lat": 47.9,
        "lon": 106.9,
    }
    row.update(fields)
    return row


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """A view of ``rows`` with days as timestamps, in date order as views come."""
    columns = list(trip())
    out = pd.DataFrame(list(rows), columns=columns)
    for c in ("start", "end"):
        out[c] = pd.to_datetime(out[c])
    return out.sort_values("start", kind="stable").reset_index(drop=True)


def summarise(*rows: dict[str, Any], people: tuple[str, ...] = (PUTIN,)) -> narrative.Summary:
    return narrative.summarise(frame(*rows), people, START, END)


@pytest.mark.parametrize(
    ("people", "lead"),
    [
        ((PUTIN,), "Vladimir Putin made no foreign trips."),
        ((PUTIN, "Sergei Shoigu"), "Vladimir Putin and Sergei Shoigu made no foreign trips."),
        (tuple(f"P{k}" for k in range(26)), "none of the 26 people selected made a foreign trip."),
        ((), "no leader is selected."),
    ],
)
def test_a_view_without_trips_says_so(people: tuple[str, ...], lead: str) -> None:
    """No trips: the headline names the selection (or counts it) and nothing follows."""
    s = summarise(people=people)
    assert s.sentence == f"Between {START} and {END}, {lead}"
    assert s.details == () and s.numbers.trips == s.numbers.travellers == 0


def test_one_trip_to_a_bound_state_reads_in_the_singular() -> None:
    """One trip: 'it was to a state bound to arrest', the place named, 'No arrest was made.'"""
    s = summarise(trip())
    assert (
        s.lead
        == "Vladimir Putin made 1 foreign trip to 1 country; it was to a state bound to arrest."
    )
    assert s.details == (
        "To states bound to arrest on the day of the visit: Mongolia (2024-09-02).",
        "No arrest was made.",
    )


def test_the_people_counted_are_those_who_travelled_not_those_selected() -> None:
    """Five people selected, one travelled: the headline names the one."""
    s = summarise(trip(verdict="not_bound"), people=(PUTIN, "A", "B", "C", "D"))
    assert s.lead.startswith("Vladimir Putin made 1 foreign trip")
    assert s.numbers.travellers == 1
    many = summarise(*(trip(person=f"P{k}") for k in range(4)), people=("P0", "P1", "P2", "P3"))
    assert many.lead.startswith("4 people sought by the ICC made 4 foreign trips to 1 country")


def test_trips_to_one_country_on_one_day_are_merged_with_their_cities() -> None:
    """Two trips to Ukraine on one day are one place, with both cities; without cities, a count."""
    s = summarise(
        trip(host_name="Ukraine", city="Sevastopol", start="2023-03-18", end="2023-03-18"),
        trip(host_name="Ukraine", city="Mariupol", start="2023-03-18", end="2023-03-18"),
        trip(host_name="Ukraine", city="", start="2023-04-17", end="2023-04-17"),
        trip(host_name="Ukraine", city="", start="2023-04-17", end="2023-04-17"),
    )
    assert "Ukraine (2023-03-18: Sevastopol, Mariupol); Ukraine (2023-04-17, 2 trips)." in s.text
    assert s.text.count("Ukraine (2023-03-18") == 1


def test_several_travellers_are_named_in_the_places() -> None:
    """With more than one traveller, each place says who went."""
    s = summarise(
        trip(),
        trip(person="Sergei Shoigu", host_name="Chad", start="2024-10-01"),
        people=(PUTIN, "Sergei Shoigu"),
    )
    assert "Mongolia (2024-09-02, Vladimir Putin); Chad (2024-10-01, Sergei Shoigu)" in s.text


def test_occupied_territory_has_its_own_sentence_and_numbers() -> None:
    """A trip with a territory note is not a foreign trip: it is counted and told apart."""
    crimea = trip(
        host_name="Ukraine",
        city="Sevastopol",
        start="2023-03-18",
        territory_note="Russian-occupied territory of Ukraine (Crimea)",
    )
    s = summarise(crimea)
    assert (s.numbers.trips, s.numbers.occupied, s.numbers.occupied_bound) == (0, 1, 1)
    assert s.lead == "Vladimir Putin made no foreign trips, only 1 trip to occupied territory."
    assert s.details == (
        "1 trip was to occupied territory, which its de jure state did not control: "
        "Ukraine (2023-03-18).",
        "The de jure state was bound to arrest.",
    )
    both = summarise(trip(verdict="not_bound", host_name="China"), crimea)
    assert both.lead.startswith("Vladimir Putin made 1 foreign trip to 1 country; none was")
    assert "To states bound to arrest" not in both.text and "occupied territory" in both.text


def test_announced_trips_have_their_own_sentences_and_are_never_trips_made() -> None:
    """'Announced: G20, Miami, 14–15 Dec 2026. The United States would not be bound.'"""
    g20 = trip(
        host_name="United States",
        city="Miami",
        purpose="G20",
        start="2026-12-14",
        end="2026-12-15",
        status="announced",
        verdict=narrative.WOULD_NOT_BE_BOUND,
        outcome="",
    )
    visit = trip(
        host_name="Hungary",
        city="Budapest",
        purpose="Visit",
        start="2026-11-30",
        end="2026-12-02",
        status="unconfirmed",
        verdict=narrative.WOULD_BE_BOUND,
        outcome="",
    )
    s = summarise(g20, visit)
    assert s.lead == "Vladimir Putin made no foreign trips."
    assert s.details == (
        "Unconfirmed: Visit, Budapest, 30 Nov – 2 Dec 2026. Hungary would be bound to arrest.",
        "Announced: G20, Miami, 14–15 Dec 2026. The United States would not be bound.",
    )
    assert (s.numbers.trips, s.numbers.announced, s.numbers.not_travelled) == (0, 2, 0)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2026-12-14", "2026-12-14", "14 Dec 2026"),
        ("2026-12-14", "2026-12-15", "14–15 Dec 2026"),
        ("2026-11-30", "2026-12-02", "30 Nov – 2 Dec 2026"),
        ("2026-12-30", "2027-01-02", "30 Dec 2026 – 2 Jan 2027"),
    ],
)
def test_announced_dates_read_as_a_short_span(start: str, end: str, text: str) -> None:
    """Both days included, the month and year written once when shared."""
    assert narrative._span(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == text


def test_a_thousand_trips_keep_the_summary_short_and_the_numbers_readable() -> None:
    """1,000 trips to bound states: twelve places named, the rest counted, thousands separated."""
    days = pd.date_range("2023-01-01", periods=1000, freq="D").strftime("%Y-%m-%d")
    s = summarise(*(trip(start=d, end=d) for d in days))
    assert s.lead == (
        "Vladimir Putin made 1,000 foreign trips to 1 country; 1,000 were to states bound to arrest."
    )
    assert s.text.count("Mongolia (") == narrative.MAX_LISTED
    assert f"and {1000 - narrative.MAX_LISTED:,} more trips (see the trips table)" in s.text
    assert "No arrest was made on 1,000 of them." in s.text
    assert len(s.text) < 1000


STATUSES = st.sampled_from(
    [
        ("took_place", "bound"),
        ("took_place", "not_bound"),
        ("cancelled", "not_travelled"),
        ("attended_remotely", "not_travelled"),
        ("announced", narrative.WOULD_BE_BOUND),
        ("unconfirmed", narrative.WOULD_NOT_BE_BOUND),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(STATUSES, st.booleans(), st.integers(0, 30)), max_size=40))
def test_every_trip_is_counted_once(rows: list[tuple[tuple[str, str], bool, int]]) -> None:
    """Foreign trips, occupied territory, not travelled and announced add up to the view."""
    view = [
        trip(
            status=status,
            verdict=verdict,
            territory_note="occupied" if occupied else "",
            start=(START + dt.timedelta(days=k)).isoformat(),
        )
        for (status, verdict), occupied, k in rows
    ]
    h = summarise(*view).numbers
    assert h.trips + h.occupied + h.not_travelled + h.announced == len(rows)
    assert h.bound <= h.trips and h.occupied_bound <= h.occupied


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset()


def test_the_bundled_views_that_were_wrong_now_read_right(data: Dataset) -> None:
    """September 2024 names the two who travelled; the default view counts 5 travellers; the two
    trips to Ukraine on 2023-03-18 are one place with both cities."""
    people = data.people
    september = trips_view(data, dt.date(2024, 9, 1), dt.date(2024, 9, 30), people)
    s = narrative.summarise(september, people, dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    assert s.numbers.travellers < len(people) and "people sought" not in s.lead
    everything = trips_view(data, dt.date(2009, 3, 4), dt.date(2026, 11, 29), people)
    s = narrative.summarise(everything, people, dt.date(2009, 3, 4), dt.date(2026, 11, 29))
    assert s.lead.startswith(f"{s.numbers.travellers} people sought by the ICC made")
    assert (
        s.numbers.travellers
        == everything[everything["verdict"] != "not_travelled"]["person"].nunique()
    )
    assert "Ukraine (2023-03-18, Vladimir Putin: Sevastopol, Mariupol)" in s.text


def test_summaries_by_day_are_the_summaries_of_the_trips_begun_by_each_day(data: Dataset) -> None:
    """One summary per day the trips shown change, each the summary of those trips."""
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    view = trips_view(data, start, end, [PUTIN])
    found = narrative.summaries_by_day(view, [PUTIN], start, end)
    assert found[0].end == start
    days = [s.end for s in found]
    assert days == sorted(set(days))
    for s in found:
        shown = view[view["start"] <= pd.Timestamp(s.end)]
        assert s == narrative.summarise(shown, [PUTIN], start, s.end)


row_fields = st.fixed_dictionaries(
    {
        "person": st.sampled_from([PUTIN, "Sergei Shoigu", "Omar al-Bashir"]),
        "host_name": st.sampled_from(["Mongolia", "Ukraine", "Tajikistan", "South Africa"]),
        "city": st.sampled_from(["", "Ulaanbaatar", "Sevastopol"]),
        "start": st.dates(dt.date(2023, 1, 1), dt.date(2023, 1, 20)).map(str),
        "status": st.sampled_from(
            ["took_place", "took_place", "cancelled", "announced", "unconfirmed"]
        ),
        "verdict": st.sampled_from(
            [
                *["bound"] * 3,
                "not_bound",
                "not_travelled",
                "would_be_bound",
                "would_not_be_bound",
            ]
        ),
        "outcome": st.sampled_from(["", "not_arrested"]),
        "territory_note": st.sampled_from(["", " ", "held by Russia"]),
        "lat": st.sampled_from([47.9, None]),
    }
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 90).flatmap(lambda n: st.lists(row_fields, min_size=n, max_size=n)),
    st.sampled_from([(PUTIN,), (), ("Sergei Shoigu",)]),
)
def test_whole_column_summary_equals_the_summary_of_every_trip(
    rows: list[dict[str, Any]], people: tuple[str, ...]
) -> None:
    """Counted from whole columns, the summary is word for word what summarising one record per
    trip gives, for random views of up to 90 trips (more than the places a list names)."""
    view = frame(*(trip(**r, end=r["start"]) for r in rows))
    fast = narrative.summarise(view, people, START, END)
    assert fast == narrative.summarise_facts(narrative.facts(view), people, START, END)
