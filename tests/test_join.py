"""The vectorised join gives the same answers as the scalar rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mapview.domain import (
    DateRange,
    Declaration,
    Membership,
    TripStatus,
    Warrant,
    WarrantStatus,
    assess,
    entry_into_force,
)
from mapview.join import join_trips

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
        f"{person}-{issued}", person, draw(st.sampled_from(["a", "b"])), issued, status, ended
    )


@st.composite
def trips(draw: st.DrawFn) -> tuple[str, str, dt.date, dt.date, str]:
    start = draw(days)
    return (
        draw(st.sampled_from(["P", "Q"])),
        draw(st.sampled_from(["AAA", "BBB", "CCC"])),
        start,
        start + dt.timedelta(days=draw(st.integers(0, 40))),
        draw(st.sampled_from([*TripStatus, TripStatus.TOOK_PLACE]).map(str)),
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
    rows: list[tuple[str, str, dt.date, dt.date, str]],
) -> None:
    """For random memberships, warrants and trips of every status, the vectorised verdict,
    host status, outstanding warrant and bound host all match assess()."""
    members = {"AAA": a, "BBB": b}
    frame = pd.DataFrame(rows, columns=["person", "iso_a3", "start", "end", "status"])
    frame["start"], frame["end"] = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    out = join_trips(frame, members, wp + wq)
    for r, (person, iso, start, end, status) in zip(out.to_dict("records"), rows, strict=True):
        member = members.get(iso, Membership(iso, iso))
        f = assess(
            member,
            [w for w in wp + wq if w.person == person],
            DateRange(start, end),
            TripStatus(status),
        )
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
