"""Trips joined with membership and warrants: whole tables at once.

The vectorised :func:`join_trips` gives the same answers as :func:`mapview.domain.assess`
(a property test checks it); :func:`explain` adds the one-sentence reasons for the rows a
reader will see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mapview.domain import (
    TRIP_START,
    DateRange,
    Finding,
    Membership,
    Status,
    TripStatus,
    Verdict,
    Warrant,
    assess,
    breakpoints,
)
from mapview.load import Dataset

EXPORT_COLUMNS = [  # the columns of a view that readers see and download
    "trip_id",
    "person",
    "start",
    "end",
    "iso_a3",
    "host_name",
    "city",
    "lat",
    "lon",
    "purpose",
    "status",
    "territory_note",
    "host_status",
    "warrant_outstanding",
    "obligation",
    "verdict",
    "reason",
    "caveat",
    "outcome",
    "noncompliance",
    "source",
    "confidence",
]
FAR_PAST = -(10**6)  # days since 1970-01-01: open ends of intervals
FAR_FUTURE = 10**6
STATUS_CODES = list(Status)


def _day(day: dt.date | None, default: int) -> int:
    return default if day is None else (day - dt.date(1970, 1, 1)).days


def _padded(rows: list[list[tuple[int, int, int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per key, a row of (start, end, situation) intervals, padded with empty ones."""
    width = max([len(r) for r in rows] + [1])
    start = np.full((len(rows), width), FAR_FUTURE, dtype=np.int32)
    end = np.full((len(rows), width), FAR_PAST, dtype=np.int32)
    sit = np.full((len(rows), width), -2, dtype=np.int16)  # -2: padding, matches nothing
    for i, row in enumerate(rows):
        for j, (a, b, c) in enumerate(row):
            start[i, j], end[i, j], sit[i, j] = a, b, c
    return start, end, sit


@dataclass(frozen=True)
class _Tables:
    """Membership and warrants as integer arrays, one row per state or person (last row: none)."""

    isos: dict[str, int]
    people: dict[str, int]
    bound: tuple[np.ndarray, np.ndarray, np.ndarray]  # situation -1 = any (State Party)
    warrants: tuple[np.ndarray, np.ndarray, np.ndarray]
    seg_keys: np.ndarray
    seg_status: np.ndarray


_ISO_SPAN = 1 << 22  # wider than the range of day numbers used


def _segment_key(iso_code: np.ndarray | int, day: np.ndarray | int) -> np.ndarray | int:
    """One sortable key per (state, day): states in blocks, days in order within a block."""
    return iso_code * _ISO_SPAN + day + _ISO_SPAN // 2


def _tables(members: Mapping[str, Membership], warrants: Iterable[Warrant]) -> _Tables:
    warrants = list(warrants)
    situations = {
        s: i
        for i, s in enumerate(
            sorted(
                {w.situation for w in warrants}
                | {d.situation for m in members.values() for d in m.declarations}
            )
        )
    }
    isos = {iso: i for i, iso in enumerate(sorted(members))}
    bound_rows: list[list[tuple[int, int, int]]] = []
    keys, codes = [], []
    for iso in isos:
        m = members[iso]
        party = m.party_range()
        row = [(_day(party.start, FAR_PAST), _day(party.end, FAR_FUTURE), -1)] if party else []
        row += [
            (_day(d.lodged, FAR_PAST), FAR_FUTURE, situations[d.situation]) for d in m.declarations
        ]
        bound_rows.append(row)
        for day in [dt.date(1900, 1, 1), *m.change_dates()]:
            keys.append(_segment_key(isos[iso], _day(day, 0)))
            codes.append(STATUS_CODES.index(m.status_on(day)))
    people = {p: i for i, p in enumerate(sorted({w.person for w in warrants}))}
    warrant_rows: list[list[tuple[int, int, int]]] = [[] for _ in people]
    for w in warrants:
        r = w.outstanding_range()
        warrant_rows[people[w.person]].append(
            (_day(r.start, FAR_PAST), _day(r.end, FAR_FUTURE), situations[w.situation])
        )
    order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
    return _Tables(
        isos,
        people,
        _padded([*bound_rows, []]),
        _padded([*warrant_rows, []]),
        np.array(keys, dtype=np.int64)[order],
        np.array(codes, dtype=np.int64)[order],
    )


def iso_days(values: pd.Series) -> pd.Series:
    """Days (datetime64) as ``YYYY-MM-DD`` text, as Python strings."""
    text = np.datetime_as_string(values.to_numpy().astype("datetime64[D]"), unit="D")
    return pd.Series(text.tolist(), index=values.index, dtype=object)


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy().astype("datetime64[D]").astype(np.int32)


def join_trips(
    trips: pd.DataFrame, members: Mapping[str, Membership], warrants: Iterable[Warrant]
) -> pd.DataFrame:
    """``trips`` plus ``host_status`` (on the first day), ``warrant_outstanding``, ``host_bound``,
    ``obligation`` and ``verdict``, computed for all rows at once with integer day arrays.

    ``trips`` needs ``person``, ``iso_a3``, ``start``, ``end`` (datetime64) and ``status``.
    """
    t = _tables(members, warrants)
    c = _codes(t.isos, trips["iso_a3"])
    p = _codes(t.people, trips["person"])
    s, e = _days(trips["start"])[:, None, None], _days(trips["end"])[:, None, None]
    w_start, w_end, w_sit = (a[p][:, :, None] for a in t.warrants)  # N x K x 1
    b_start, b_end, b_sit = (a[c][:, None, :] for a in t.bound)  # N x 1 x J
    ws, we = np.maximum(s, w_start), np.minimum(e, w_end)
    outstanding = ws <= we  # N x K x 1
    applies = (w_sit >= 0) & ((b_sit == -1) | (b_sit == w_sit))  # N x K x J
    all_three = outstanding & applies & (np.maximum(ws, b_start) <= np.minimum(we, b_end))

    out = trips.reset_index(drop=True).copy()
    out["host_status"] = _host_status(t, c, _days(trips["start"]))
    out["warrant_outstanding"] = outstanding.any(axis=(1, 2))
    hit = all_three.any(axis=(1, 2))
    out["host_bound"] = hit
    travelled = (out["status"] == TripStatus.TOOK_PLACE.value).to_numpy()
    planned = out["status"].isin([s.value for s in TripStatus if s.planned]).to_numpy()
    out["obligation"] = hit & travelled
    codes = np.select([travelled, planned], [hit, 3 + hit.astype(np.int8)], 2)
    out["verdict"] = pd.Categorical.from_codes(
        codes.astype(np.int8), dtype=pd.CategoricalDtype([v.value for v in VERDICT_ORDER])
    )
    return out


VERDICT_ORDER = (  # category codes of the verdict column
    Verdict.NOT_BOUND,
    Verdict.BOUND,
    Verdict.NOT_TRAVELLED,
    Verdict.WOULD_NOT_BE_BOUND,
    Verdict.WOULD_BE_BOUND,
)


def _codes(index: Mapping[str, int], values: pd.Series) -> np.ndarray:
    """Row numbers of ``values`` in ``index``; unknown values get the extra last row."""
    cat = values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")
    found = pd.Index(list(index)).get_indexer(cat.cat.categories)
    lookup = np.append(
        np.where(found < 0, len(index), found), len(index)
    )  # code -1 (missing) -> last
    return lookup[cat.cat.codes.to_numpy()]


def _host_status(t: _Tables, codes: np.ndarray, starts: np.ndarray) -> pd.Categorical:
    """Each host's status on the trip's first day (a state with no row never joined)."""
    keys = _segment_key(codes.astype(np.int64), starts.astype(np.int64))
    idx = np.searchsorted(t.seg_keys, keys, side="right") - 1
    found = (idx >= 0) & ((t.seg_keys[np.maximum(idx, 0)] // _ISO_SPAN) == codes)
    status = np.where(found, t.seg_status[np.maximum(idx, 0)], STATUS_CODES.index(Status.NON_PARTY))
    values = [s.value for s in STATUS_CODES]
    return pd.Categorical.from_codes(  # type: ignore[return-value]  # stubs type it by the codes
        status.astype(np.int8), dtype=pd.CategoricalDtype(values)
    )


def explain(joined: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """``joined`` plus ``host_name``, ``host_status_label``, ``verdict_label``, ``reason`` and
    ``caveat`` (from :func:`reasons`)."""
    out = joined.copy()
    hosts = {iso: data.membership(iso) for iso in set(out["iso_a3"])}
    wanted = {p: data.warrants_for(p) for p in set(out["person"])}
    out["host_name"] = out["iso_a3"].map({iso: m.name for iso, m in hosts.items()}).astype(str)
    out["host_status_label"] = (
        out["host_status"].map({s.value: s.label for s in Status}).astype(str)
    )
    out["verdict_label"] = out["verdict"].map({v.value: v.label for v in Verdict}).astype(str)
    reason, caveat = reasons(out, hosts, wanted)  # as Python strings: converting costs more
    out["reason"] = pd.Series(reason, index=out.index, dtype=object)
    out["caveat"] = pd.Series(caveat, index=out.index, dtype=object)
    return out


def reasons(
    trips: pd.DataFrame,
    hosts: Mapping[str, Membership],
    wanted: Mapping[str, Sequence[Warrant]],
) -> tuple[list[str], list[str]]:
    """The reason and caveat :func:`mapview.domain.assess` gives each row of ``trips``.

    The rule runs once per class of trips it words alike (``assess(..., pattern=True)``):
    same host, person, status, territory note and confidence, with first days between the same
    two :func:`~mapview.domain.breakpoints` and last days too. Each row then gets its class's
    pattern with its own first day filled in (a class whose texts hold the pattern's marker is
    assessed row by row). ``trips`` needs ``iso_a3``, ``person``, ``start``, ``end``,
    ``status``, ``territory_note`` and ``confidence``.
    """
    if trips.empty:
        return [], []
    iso, person, status, territory, confidence = (
        trips[c].tolist() for c in ("iso_a3", "person", "status", "territory_note", "confidence")
    )
    pair, pair_first = _factorize([trips["iso_a3"], trips["person"]])
    edges = [
        _segment_key(code, _day(day, 0))
        for code, r in enumerate(pair_first)
        for day in breakpoints(hosts[iso[r]], wanted[person[r]])
    ]
    keys = np.sort(np.array(edges, dtype=np.int64))
    code = pair.astype(np.int64)
    start, end = (_days(trips[c]).astype(np.int64) for c in ("start", "end"))
    cls, first = _factorize(
        [
            code,
            np.searchsorted(keys, _segment_key(code, start), side="right"),
            np.searchsorted(keys, _segment_key(code, end), side="right"),
            *(trips[c] for c in ("status", "territory_note", "confidence")),
        ]
    )
    days = iso_days(trips["start"]).tolist()

    def finding(r: int, pattern: bool) -> Finding:
        trip = DateRange(trips["start"].iloc[r].date(), trips["end"].iloc[r].date())
        host, note = hosts[iso[r]], territory[r]
        args = (host, wanted[person[r]], trip, TripStatus(status[r]), note, confidence[r])
        return assess(*args, pattern=pattern)

    # a class whose own texts hold the marker cannot be filled in safely: row by row instead
    safe = [TRIP_START[0] not in hosts[iso[r]].name + territory[r] for r in first]
    patterns = [finding(r, pattern=True) if ok else None for r, ok in zip(first, safe, strict=True)]
    reason, caveat = [], []
    for r, c in enumerate(cls.tolist()):
        found = patterns[c]
        if found is None:
            exact = finding(r, pattern=False)
            reason.append(exact.reason)
            caveat.append(exact.caveat)
        else:
            reason.append(found.reason.replace(TRIP_START, days[r]))
            caveat.append(found.caveat.replace(TRIP_START, days[r]))
    return reason, caveat


def _factorize(columns: Sequence[Any]) -> tuple[np.ndarray, list[int]]:
    """Codes of the distinct rows of ``columns``, numbered in order of first appearance, and
    the position of each code's first row. The columns are coded one at a time, each step
    combining the codes so far with the next column's and numbering the pairs afresh."""
    rows = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, values = pd.factorize(pd.Series(column), use_na_sentinel=False)
        rows = pd.factorize(rows * (len(values) + 1) + codes.astype(np.int64))[0]
    _, first = np.unique(rows, return_index=True)
    return rows, first.tolist()


def as_of(trips: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """``trips`` with every announced trip whose last day is before ``today`` shown as
    unconfirmed (until someone records what happened)."""
    stale = (trips["status"] == TripStatus.ANNOUNCED.value) & (trips["end"] < pd.Timestamp(today))
    if not stale.any():
        return trips
    out = trips.copy()
    out.loc[stale, "status"] = TripStatus.UNCONFIRMED.value
    return out


def explained_trips(data: Dataset, today: dt.date) -> pd.DataFrame:
    """Every trip of ``data`` as of ``today``, joined and explained, in date order (compute once
    per data version and day)."""
    trips = as_of(data.trips, today)
    ordered = trips.sort_values(["start", "person", "iso_a3"]).reset_index(drop=True)
    return explain(join_trips(ordered, data.members, data.warrants), data)


def select(
    explained: pd.DataFrame, start: dt.date, end: dt.date, people: Iterable[str] | None = None
) -> pd.DataFrame:
    """The rows of ``explained`` that overlap ``start``..``end`` (inclusive), by ``people``."""
    return explained.iloc[rows(explained, start, end, people)].reset_index(drop=True)


def rows(
    explained: pd.DataFrame, start: dt.date, end: dt.date, people: Iterable[str] | None = None
) -> np.ndarray:
    """The positions in ``explained`` of the rows :func:`select` returns, in the same order."""
    return np.flatnonzero(_overlapping(explained, start, end, people).to_numpy())


def _overlapping(
    trips: pd.DataFrame, start: dt.date, end: dt.date, people: Iterable[str] | None
) -> pd.Series:
    mask = (trips["end"] >= pd.Timestamp(start)) & (trips["start"] <= pd.Timestamp(end))
    if people is not None:
        mask &= trips["person"].isin(list(people))
    return mask


def trips_view(
    data: Dataset,
    start: dt.date,
    end: dt.date,
    people: Iterable[str] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The trips that overlap ``start``..``end`` (inclusive) by ``people``, joined and explained
    (as of ``today``, if given: announced trips whose days passed are shown as unconfirmed)."""
    trips = as_of(data.trips, today) if today else data.trips
    chosen = trips[_overlapping(trips, start, end, people)]
    chosen = chosen.sort_values(["start", "person", "iso_a3"]).reset_index(drop=True)
    return explain(join_trips(chosen, data.members, data.warrants), data)
