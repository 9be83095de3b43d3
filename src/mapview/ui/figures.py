"""What the page draws from a view besides the map: the timeline chart and the trips table."""

from __future__ import annotations

import altair as alt
import pandas as pd

from mapview import render
from mapview.domain import Verdict
from mapview.join import EXPORT_COLUMNS, StatusChange

MAX_POINTS = 1000  # above this the timeline groups trips by month
VERDICT_COLOURS = {v.label: str(render.VERDICT_STYLES[v]["fillColor"]) for v in Verdict}


def timeline(view: pd.DataFrame, max_points: int = MAX_POINTS) -> alt.Chart:
    """Trips over time, one row per person, coloured by verdict.

    Above ``max_points`` trips, one circle per person, month and verdict, sized by the number of
    trips, so the chart stays light whatever the view.
    """
    colour = alt.Color(
        "verdict:N",
        title="Verdict",
        scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values())),
    )
    y = alt.Y("person:N", title=None)
    height = max(120, 40 * view["person"].nunique())
    if len(view) > max_points:
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
        grouped: alt.Chart = (
            alt.Chart(frame)
            .mark_circle(stroke="#000", strokeWidth=1)
            .encode(
                x=alt.X("month:T", title="Month"),
                y=y,
                size=alt.Size("trips:Q", title="Trips"),
                color=colour,
                tooltip=["person", alt.Tooltip("month:T", format="%Y-%m"), "verdict", "trips"],
            )
            .properties(height=height)
        )
        return grouped
    frame = view.assign(verdict=view["verdict_label"], host=view["host_name"])[
        ["person", "start", "end", "host", "verdict", "reason"]
    ]
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_circle(size=90, stroke="#000", strokeWidth=1)
        .encode(
            x=alt.X("start:T", title="Date"),
            y=y,
            color=colour,
            tooltip=["person", "host", alt.Tooltip("start:T"), "verdict", "reason"],
        )
        .properties(height=height)
    )
    return chart


def trip_table(view: pd.DataFrame) -> pd.DataFrame:
    """The rows a reader sees and downloads: every column they need, with sources."""
    out = view[EXPORT_COLUMNS].copy()
    out["start"], out["end"] = out["start"].dt.date, out["end"].dt.date
    return out


def change_lines(view: pd.DataFrame, changes: list[StatusChange]) -> list[str]:
    """'What changed in this range': each status change, then each trip that spans one."""
    lines = [f"{c.day}: {c.name}: {c.before.label} → {c.after.label}" for c in changes]
    for r in view.to_dict("records"):
        first, last = r["start"].date(), r["end"].date()
        if any(c.iso_a3 == r["iso_a3"] and first < c.day <= last for c in changes):
            lines.append(
                f"Trip across a status change: {r['person']} in {r['host_name']}, {first} to {last}"
            )
    return lines
