"""The vectorised join gives the same answers as the scalar rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview.domain import (
    TRIP_START,
    DateRange,
    Declaration,
    Membership,
    TripStatus,
    Warrant,
    WarrantStatus,
    assess,
    entry_into_force,
)
from mapview.join import _factorize, join_trips, reasons

days = st.dates(min_value=dt.date(1998, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def memberships(draw: st.DrawFn, iso: str) -> Membership:
    signed = draw(st.none() | days)
    deposited = draw(st.none() | days)
    in_force = entry_into_force(deposited) if deposited else None
    notified = (
        draw(st.none() | days.filter(lambda d: in_force is not None and d >= in_force))
        if in_force
        else None
    )
    revoked = draw(st.none() | st.just(notified + dt.timedelta(days=30))) if notified else None
    pulled = (  # an instrument withdrawn before it entered into force
        draw(st.none() | st.just(deposited + dt.timedelta(days=20)))
        if deposited and in_force and in_force > deposited + dt.timedelta(days=20) and not notified
        else None
    )
    decls = draw(st.lists(st.builds(Declaration, days, st.sampled_from(["a", "b"])), max_size=2))
    confidence = draw(st.sampled_from(["high", "high", "medium", "low"]))
    recorded = {"signed": signed, "deposited": deposited, "in_force": in_force}
    recorded |= {"withdrawal_notified": notified, "withdrawal_revoked": revoked}
    weak = (
        draw(st.sampled_from(["", *[k for k, v in recorded.items() if v is not None]]))
        if confidence != "high"
        else ""
    )
    return Membership(
        iso,
        iso,
        signed=signed,
        deposited=deposited,
        in_force=in_force,
        withdrawal_notified=notified,
        withdrawal_revoked=revoked,
        declarations=tuple(decls),
        instrument_withdrawn=pulled,
        confidence=confidence,
        weak_field=weak,
    )


@st.composite
def warrants(draw: st.DrawFn, person: str) -> Warrant:
    issued = draw(days)
    status = draw(st.sampled_from(list(WarrantStatus)))
    ended = (
        None
        if status is WarrantStatus.OUTSTANDING
        else issued + dt.timedelta(days=draw(st.integers(0, 3000)))
    )
    return Warrant(
        f"{person}-{issued}",
        person,
        draw(st.sampled_from(["a", "b"])),
        issued,
        status,
        ended,
        draw(st.sampled_from(["high", "low"])),
    )


Trip = tuple[str, str, dt.date, dt.date, str, str, str]


@st.composite
def trips(draw: st.DrawFn) -> Trip:
    start = draw(days)
    return (
        draw(st.sampled_from(["P", "Q"])),
        draw(st.sampled_from(["AAA", "BBB", "CCC"])),
        start,
        start + dt.timedelta(days=draw(st.integers(0, 40))),
        draw(st.sampled_from([*TripStatus, TripStatus.TOOK_PLACE]).map(str)),
        draw(st.sampled_from(["", "", "held by another state", f"zone {TRIP_START} east"])),
        draw(st.sampled_from(["high", "high", "medium", "unsourced"])),
    )


@settings(max_examples=300, deadline=None)
@given(
    memberships("AAA"),
    memberships("BBB"),
    st.lists(warrants("P"), max_size=2),
    st.lists(warrants("Q"), max_size=2),
    st.lists(trips(), min_size=1, max_size=25),
)
def test_vectorised_join_equals_scalar_rule(
    a: Membership,
    b: Membership,
    wp: list[Warrant],
    wq: list[Warrant],
    rows: list[Trip],
) -> None:
    """For random memberships (weak dates included), warrants and trips of every status, the
    vectorised verdict, host status, outstanding warrant and bound host, and the reason and
    caveat worded once per class of trips, all match assess() row by row."""
    members = {"AAA": a, "BBB": b}
    columns = ["person", "iso_a3", "start", "end", "status", "territory_note", "confidence"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["start"], frame["end"] = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    out = join_trips(frame, members, wp + wq)
    hosts = {iso: members.get(iso, Membership(iso, iso)) for iso in ("AAA", "BBB", "CCC")}
    wanted = {p: [w for w in wp + wq if w.person == p] for p in ("P", "Q")}
    worded = reasons(frame, hosts, wanted)
    for k, (person, iso, start, end, status, territory, confidence) in enumerate(rows):
        r = out.iloc[k]
        f = assess(
            hosts[iso],
            wanted[person],
            DateRange(start, end),
            TripStatus(status),
            territory,
            confidence,
        )
        assert (worded[0][k], worded[1][k]) == (f.reason, f.caveat)
        assert r["verdict"] == f.verdict.value
        assert r["host_status"] == f.status.value
        assert r["warrant_outstanding"] == f.warrant_outstanding
        assert r["host_bound"] == f.host_bound
        assert r["obligation"] == f.obligation


@settings(max_examples=200, deadline=None)
@given(memberships("AAA"), days)
def test_status_only_changes_on_recorded_dates(m: Membership, day: dt.date) -> None:
    """Between two recorded change dates the status is constant."""
    before = day - dt.timedelta(days=1)
    if m.status_on(before) is not m.status_on(day):
        assert day in m.change_dates()


@pytest.mark.parametrize("distinct", [3, 20_000])  # 20,000**5 would not fit one integer
def test_factorize_numbers_distinct_rows_in_order_of_first_appearance(distinct: int) -> None:
    """Rows of several columns get one code per distinct row, numbered as they first appear,
    with the position of each code's first row."""
    n = 40_000
    columns = [[(k * 7919 + j) % distinct for k in range(n)] for j in range(5)]
    codes, first = _factorize(columns)
    seen: dict[tuple[int, ...], int] = {}
    starts: list[int] = []
    expected = []
    for k, row in enumerate(zip(*columns, strict=True)):
        if row not in seen:
            seen[row] = len(seen)
            starts.append(k)
        expected.append(seen[row])
    assert codes.tolist() == expected
    assert first == starts
