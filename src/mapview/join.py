"""Trips joined with membership and warrants: whole tables at once.

The vectorised :func:`join_trips` gives the same answers as :func:`mapview.domain.assess`
(a property test checks it); :func:`explain` adds the one-sentence reasons for the rows a
reader will see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mapview.domain import DateRange, Membership, Status, Verdict, Warrant, assess
from mapview.load import Dataset

FAR_FUTURE = pd.Timestamp("2200-01-01")
FAR_PAST = pd.Timestamp("1900-01-01")
ANY_SITUATION = "*"


def _ts(day: dt.date | None, default: pd.Timestamp) -> pd.Timestamp:
    return default if day is None else pd.Timestamp(day)


def bound_intervals(members: Iterable[Membership]) -> pd.DataFrame:
    """Days each state was bound: as a party (situation ``*``) or by art. 12(3) declaration."""
    rows = []
    for m in members:
        party = m.party_range()
        if party:
            rows.append(
                (m.iso_a3, ANY_SITUATION, _ts(party.start, FAR_PAST), _ts(party.end, FAR_FUTURE))
            )
        rows += [
            (m.iso_a3, d.situation, pd.Timestamp(d.lodged), FAR_FUTURE) for d in m.declarations
        ]
    return pd.DataFrame(rows, columns=["iso_a3", "situation", "b_start", "b_end"])


def warrant_intervals(warrants: Iterable[Warrant]) -> pd.DataFrame:
    """Days each warrant was outstanding."""
    rows = []
    for w in warrants:
        r = w.outstanding_range()
        rows.append((w.person, w.situation, pd.Timestamp(r.start), _ts(r.end, FAR_FUTURE)))
    return pd.DataFrame(rows, columns=["person", "situation", "w_start", "w_end"])


def status_segments(members: Iterable[Membership]) -> pd.DataFrame:
    """Each state's status from each recorded change date on, sorted for ``merge_asof``."""
    rows = []
    for m in members:
        rows.append((m.iso_a3, FAR_PAST, m.status_on(FAR_PAST.date()).value))
        rows += [(m.iso_a3, pd.Timestamp(d), m.status_on(d).value) for d in m.change_dates()]
    frame = pd.DataFrame(rows, columns=["iso_a3", "since", "host_status"])
    frame["since"] = frame["since"].astype("datetime64[ns]")
    return frame.sort_values("since", kind="stable")


def _any_by_trip(n: int, idx: np.ndarray, hit: np.ndarray) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[idx[hit]] = True
    return out


def join_trips(
    trips: pd.DataFrame, members: Mapping[str, Membership], warrants: Iterable[Warrant]
) -> pd.DataFrame:
    """``trips`` plus ``host_status`` (on the first day), ``warrant_outstanding``, ``host_bound``,
    ``obligation`` and ``verdict``, computed for all rows at once.

    ``trips`` needs ``person``, ``iso_a3``, ``start``, ``end`` (datetime64) and ``status``.
    """
    n = len(trips)
    base = pd.DataFrame(
        {
            "idx": np.arange(n),
            "person": trips["person"].to_numpy(),
            "iso_a3": trips["iso_a3"].to_numpy(),
            "start": trips["start"].to_numpy(),
            "end": trips["end"].to_numpy(),
        }
    )
    tw = base.merge(warrant_intervals(warrants), on="person")
    ws = np.maximum(tw["start"].to_numpy(), tw["w_start"].to_numpy())
    we = np.minimum(tw["end"].to_numpy(), tw["w_end"].to_numpy())
    tw["ws"], tw["we"], tw["outstanding"] = ws, we, ws <= we
    outstanding = _any_by_trip(n, tw["idx"].to_numpy(), tw["outstanding"].to_numpy())

    tb = tw.merge(bound_intervals(members.values()), on="iso_a3", suffixes=("", "_b"))
    tb = tb[(tb["situation_b"] == ANY_SITUATION) | (tb["situation_b"] == tb["situation"])]
    idx = tb["idx"].to_numpy()
    b_start, b_end = tb["b_start"].to_numpy(), tb["b_end"].to_numpy()
    on_trip = np.maximum(tb["start"].to_numpy(), b_start) <= np.minimum(tb["end"].to_numpy(), b_end)
    all_three = (
        np.maximum(tb["ws"].to_numpy(), b_start) <= np.minimum(tb["we"].to_numpy(), b_end)
    ) & tb["outstanding"].to_numpy()
    bound = _any_by_trip(n, idx, on_trip)
    hit = _any_by_trip(n, idx, all_three)

    out = trips.reset_index(drop=True).copy()
    out["host_status"] = host_status(out, members)
    out["warrant_outstanding"] = outstanding
    out["host_bound"] = bound
    travelled = (out["status"] == "took_place").to_numpy()
    out["obligation"] = hit & travelled
    out["verdict"] = np.where(
        ~travelled,
        Verdict.NOT_TRAVELLED.value,
        np.where(hit, Verdict.BOUND.value, Verdict.NOT_BOUND.value),
    )
    return out


def host_status(trips: pd.DataFrame, members: Mapping[str, Membership]) -> np.ndarray:
    """Each host's status on the trip's first day, for all rows at once."""
    left = pd.DataFrame(
        {
            "idx": np.arange(len(trips)),
            "iso_a3": trips["iso_a3"].to_numpy(),
            "since": trips["start"].to_numpy().astype("datetime64[ns]"),
        }
    )
    left = left.sort_values("since", kind="stable")
    merged = pd.merge_asof(left, status_segments(members.values()), on="since", by="iso_a3")
    merged = merged.sort_values("idx")
    return merged["host_status"].fillna(Status.NON_PARTY.value).to_numpy(dtype=object)


def explain(joined: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """``joined`` plus ``host_name``, ``host_status_label``, ``verdict_label`` and ``reason``."""
    out = joined.copy()
    findings = [
        assess(
            data.membership(iso),
            data.warrants_for(person),
            DateRange(start.date(), end.date()),
            travelled=status == "took_place",
        )
        for person, iso, start, end, status in zip(
            out["person"], out["iso_a3"], out["start"], out["end"], out["status"], strict=True
        )
    ]
    out["host_name"] = [data.membership(iso).name for iso in out["iso_a3"]]
    out["host_status_label"] = [Status(s).label for s in out["host_status"]]
    out["verdict_label"] = [Verdict(v).label for v in out["verdict"]]
    out["reason"] = [f.reason for f in findings]
    return out


def trips_view(
    data: Dataset, start: dt.date, end: dt.date, people: Iterable[str] | None = None
) -> pd.DataFrame:
    """The trips that overlap ``start``..``end`` (inclusive) by ``people``, joined and explained."""
    trips = data.trips
    mask = (trips["end"] >= pd.Timestamp(start)) & (trips["start"] <= pd.Timestamp(end))
    if people is not None:
        mask &= trips["person"].isin(list(people))
    chosen = trips[mask].sort_values(["start", "person", "iso_a3"]).reset_index(drop=True)
    return explain(join_trips(chosen, data.members, data.warrants), data)


@dataclass(frozen=True)
class CountryStatus:
    """One country's status on one day."""

    iso_a3: str
    name: str
    status: Status
    bound: bool
    history: str


def statuses_on(data: Dataset, day: dt.date) -> list[CountryStatus]:
    """Every country's status on ``day`` (countries with polygons, plus any member without one)."""
    codes = sorted(set(data.countries["iso_a3"]) | set(data.members))
    out = []
    for iso in codes:
        m = data.membership(iso)
        status = m.status_on(day)
        out.append(CountryStatus(iso, m.name, status, status.bound, m.history()))
    return out


@dataclass(frozen=True)
class StatusChange:
    """A country whose status changed on ``day``."""

    day: dt.date
    iso_a3: str
    name: str
    before: Status
    after: Status


def status_changes(data: Dataset, start: dt.date, end: dt.date) -> list[StatusChange]:
    """Every status change from ``start`` to ``end`` (both included), in date order."""
    out = []
    for m in data.members.values():
        for day in m.change_dates():
            if start <= day <= end:
                before, after = m.status_on(day - dt.timedelta(days=1)), m.status_on(day)
                if before is not after:
                    out.append(StatusChange(day, m.iso_a3, m.name, before, after))
    return sorted(out, key=lambda c: (c.day, c.name))
