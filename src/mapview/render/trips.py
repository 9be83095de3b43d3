"""The trip layer: one circle per trip (or per country and verdict in large views).

A marker carries its trip's fields (``t``); its tooltip and popup are written from them by
mapview-map.js, the same code as the reader page's. A group of trips carries its count as text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from mapview.domain import Verdict
from mapview.render.core import (
    MAX_MARKERS,
    THEMES,
    Theme,
    script_json,
    verdict_styles,
)


def trip_records(trips: pd.DataFrame, max_markers: int = MAX_MARKERS) -> list[dict[str, Any]]:
    """One marker per located trip; above ``max_markers`` trips, one per country and verdict."""
    located = trips[trips["lat"].notna() & trips["lon"].notna()]
    if len(located) <= max_markers:
        return [_trip_record(r) for r in _rows(located)]
    groups = located.groupby(["iso_a3", "host_name", "verdict"], observed=True)
    summary = groups.agg(la=("lat", "mean"), lo=("lon", "mean"), n=("lat", "size")).reset_index()
    return [
        {
            "la": round(r["la"], 4),
            "lo": round(r["lo"], 4),
            "v": r["verdict"],
            "r": min(18, 4 + 2 * math.log2(r["n"])),
            "tip": f"{r['n']:,} trips to {r['host_name']}: {Verdict(r['verdict']).label}",
        }
        for r in summary.to_dict("records")
    ]


_FIELDS = [
    "lat",
    "lon",
    "verdict",
    "person",
    "city",
    "host_name",
    "purpose",
    "status",
    "territory_note",
    "host_status_label",
    "verdict_label",
    "reason",
    "caveat",
    "outcome",
    "noncompliance",
    "source",
]


def _rows(trips: pd.DataFrame) -> list[dict[str, Any]]:
    """The fields a marker needs, one dict per trip, with days as ISO text.

    Column lists zipped together: several times faster than ``DataFrame.to_dict("records")``.
    """
    columns = [trips[name].tolist() for name in _FIELDS]
    days = [trips[name].dt.strftime("%Y-%m-%d").tolist() for name in ("start", "end")]
    names = [*_FIELDS, "start", "end"]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, *days, strict=True)]


_TEXT_FIELDS = [f for f in _FIELDS if f not in ("lat", "lon", "verdict")] + ["start", "end"]


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _trip_record(r: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "la": r["lat"],
        "lo": r["lon"],
        "v": r["verdict"],
        "r": 7,
        "t": {name: _text(r[name]) for name in _TEXT_FIELDS},
    }


def marker_texts(located: pd.DataFrame) -> list[str]:
    """One script-safe JSON text per trip of ``located`` (trips with a position), in order.

    Texts can be kept per trip and joined by :func:`trip_script_from`, so a view of trips
    seen before costs a join, not a conversion.
    """
    return [script_json(_trip_record(r)) for r in _rows(located)]


def trip_script_from(markers: Sequence[str], t: Theme = THEMES["light"]) -> str:
    """The JavaScript that draws the markers of :func:`marker_texts` (or of grouped records),
    ringed for theme ``t`` (``mapview.drawTrips`` draws)."""
    styles = {v.value: style for v, style in verdict_styles(t).items()}
    return (
        f"var trips = [{','.join(markers)}];\nvar styles = {script_json(styles)};\n"
        "mapview.drawTrips(parent, trips, styles);\n"
    )


def trip_script(
    trips: pd.DataFrame, max_markers: int = MAX_MARKERS, t: Theme = THEMES["light"]
) -> str:
    """The JavaScript that draws ``trips`` (cache it per view)."""
    return trip_script_from([script_json(r) for r in trip_records(trips, max_markers)], t)
