"""What the page draws from a view besides the map: the timeline chart and the trips table."""

from __future__ import annotations

import copy
import functools
from typing import Any

import pandas as pd

from mapview import render
from mapview.domain import Verdict
from mapview.join import EXPORT_COLUMNS
from mapview.states import StatusChange

MAX_CHANGE_TRIPS = 100  # trips across a status change listed one by one
MAX_POINTS = 1000  # above this the timeline groups trips by month
VERDICT_COLOURS = {v.label: str(render.VERDICT_STYLES[v]["fillColor"]) for v in Verdict}


ROWS = "trips"  # the chart's named data set


@functools.cache
def _template(grouped: bool) -> dict[str, Any]:
    """The timeline without its rows, built and validated by Altair once per shape.

    Building and validating an Altair chart costs tens of milliseconds; a view only adds its rows.
    Altair is imported here, when a reader first opens the timeline (it holds about 25 MB).
    """
    import altair as alt

    colour = alt.Color(
        "verdict:N",
        title="Verdict",
        scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values())),
    )
    y = alt.Y("person:N", title=None)
    base = alt.Chart(alt.NamedData(name=ROWS))
    if grouped:
        chart = base.mark_circle(stroke="#000", strokeWidth=1).encode(
            x=alt.X("month:T", title="Month"),
            y=y,
            size=alt.Size("trips:Q", title="Trips"),
            color=colour,
            tooltip=["person:N", alt.Tooltip("month:T", format="%Y-%m"), "verdict:N", "trips:Q"],
        )
    else:
        chart = base.mark_circle(size=90, stroke="#000", strokeWidth=1).encode(
            x=alt.X("start:T", title="Date"),
            y=y,
            color=colour,
            tooltip=["person:N", "host:N", alt.Tooltip("start:T"), "verdict:N", "reason:N"],
        )
    spec: dict[str, Any] = chart.to_dict()
    return spec


def _day(days: pd.Series) -> list[str]:
    return list(days.dt.strftime("%Y-%m-%dT00:00:00"))


def timeline(view: pd.DataFrame, max_points: int = MAX_POINTS) -> dict[str, Any]:
    """Trips over time, one row per person, coloured by verdict, as a Vega-Lite spec.

    Above ``max_points`` trips, one circle per person, month and verdict, sized by the number of
    trips, so the chart stays light whatever the view.
    """
    grouped = len(view) > max_points
    if grouped:
        frame = (
            view.assign(
                month=view["start"].dt.to_period("M").dt.to_timestamp(),
                verdict=view["verdict_label"],
            )
            .groupby(["person", "month", "verdict"], observed=True)
            .size()
            .rename("trips")
            .reset_index()
        )
        columns = {
            "person": list(frame["person"]),
            "month": _day(frame["month"]),
            "verdict": list(frame["verdict"]),
            "trips": [int(n) for n in frame["trips"]],
        }
    else:
        columns = {
            "person": list(view["person"]),
            "start": _day(view["start"]),
            "host": list(view["host_name"]),
            "verdict": list(view["verdict_label"]),
            "reason": list(view["reason"]),
        }
    rows = [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]
    return {
        **copy.deepcopy(_template(grouped)),
        "height": max(120, 40 * view["person"].nunique()),
        "datasets": {ROWS: rows},
    }


def trip_table(view: pd.DataFrame) -> pd.DataFrame:
    """The rows a reader sees and downloads: every column they need, with sources."""
    out = view[EXPORT_COLUMNS].copy()
    out["start"], out["end"] = out["start"].dt.date, out["end"].dt.date
    return out


def change_lines(view: pd.DataFrame, changes: list[StatusChange]) -> list[str]:
    """'What changed in this range': each status change, then each trip that spans one."""
    lines = [f"{c.day}: {c.name}: {c.before.label} → {c.after.label}" for c in changes]
    changed = view[view["iso_a3"].isin({c.iso_a3 for c in changes})]
    across = 0
    for r in changed.to_dict("records"):
        first, last = r["start"].date(), r["end"].date()
        if any(c.iso_a3 == r["iso_a3"] and first < c.day <= last for c in changes):
            across += 1
            if across <= MAX_CHANGE_TRIPS:
                lines.append(
                    f"Trip across a status change: {r['person']} in {r['host_name']}, "
                    f"{first} to {last}"
                )
    if across > MAX_CHANGE_TRIPS:
        lines.append(f"… and {across - MAX_CHANGE_TRIPS:,} more trips across a status change.")
    return lines
