"""The trip layer: one circle per trip (or per country and verdict in large views)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from mapview.domain import Verdict
from mapview.render.core import (
    _TIP_JS,
    CAVEAT_MARK,
    MAX_MARKERS,
    THEMES,
    Theme,
    script_json,
    verdict_styles,
)

_TRIPS_JS = (
    _TIP_JS
    + """
function popup(t) {
  var table = document.createElement("table");
  t.rows.forEach(function (r) {
    var tr = table.insertRow();
    var th = document.createElement("th");
    th.textContent = r[0];
    tr.appendChild(th);
    tr.insertCell().textContent = r[1];
  });
  if (t.src.length) {
    var tr = table.insertRow();
    var th = document.createElement("th");
    th.textContent = "Source";
    tr.appendChild(th);
    var td = tr.insertCell();
    t.src.forEach(function (u) {
      var line = document.createElement("div");
      if (/^https?:\\/\\//i.test(u)) {
        var a = document.createElement("a");
        a.href = u; a.textContent = u; a.target = "_blank"; a.rel = "noopener noreferrer";
        line.appendChild(a);
      } else { line.textContent = u; }
      td.appendChild(line);
    });
  }
  return table;
}
trips.forEach(function (t) {
  // The marker pane keeps trips above the countries, which may arrive later.
  var marker = L.circleMarker([t.la, t.lo], Object.assign({radius: t.r, pane: "markerPane"}, styles[t.v]));
  marker.bindTooltip(tip([t.tip]));
  if (t.rows) { marker.bindPopup(function () { return popup(t); }, {maxWidth: 360}); }
  marker.addTo(parent);
});
"""
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


def _trip_record(r: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "la": r["lat"],
        "lo": r["lon"],
        "v": r["verdict"],
        "r": 7,
        "tip": _trip_tooltip(r),
        "rows": _popup_rows(r),
        "src": str(r["source"]).split(),
    }


def marker_texts(located: pd.DataFrame) -> list[str]:
    """One script-safe JSON text per trip of ``located`` (trips with a position), in order.

    Texts can be kept per trip and joined by :func:`trip_script_from`, so a view of trips
    seen before costs a join, not a conversion.
    """
    return [script_json(_trip_record(r)) for r in _rows(located)]


def trip_script_from(markers: Sequence[str], t: Theme = THEMES["light"]) -> str:
    """The JavaScript that draws the markers of :func:`marker_texts` (or of grouped records),
    ringed for theme ``t``."""
    styles = {v.value: style for v, style in verdict_styles(t).items()}
    return f"var trips = [{','.join(markers)}];\nvar styles = {script_json(styles)};\n{_TRIPS_JS}"


def trip_script(
    trips: pd.DataFrame, max_markers: int = MAX_MARKERS, t: Theme = THEMES["light"]
) -> str:
    """The JavaScript that draws ``trips`` (cache it per view)."""
    return trip_script_from([script_json(r) for r in trip_records(trips, max_markers)], t)


def _dates(r: Mapping[Any, Any]) -> str:
    start, end = r["start"], r["end"]
    return start if start == end else f"{start} to {end}"


def _trip_tooltip(r: Mapping[Any, Any]) -> str:
    place = ", ".join(p for p in (str(r["city"] or ""), str(r["host_name"])) if p)
    mark = f" {CAVEAT_MARK} caveat" if r["caveat"] else ""
    return f"{r['person']}: {place}, {_dates(r)}. {r['verdict_label']}{mark}"


def _popup_rows(r: Mapping[Any, Any]) -> list[tuple[str, str]]:
    rows = [
        ("Who", r["person"]),
        ("When", _dates(r)),
        ("Where", f"{r['city']}, {r['host_name']}".strip(", ")),
        ("Purpose", r["purpose"]),
        ("Trip", str(r["status"]).replace("_", " ")),
        ("Territory", r["territory_note"]),
        ("Host that day", r["host_status_label"]),
        ("Verdict", r["verdict_label"]),
        ("Why", r["reason"]),
        (f"{CAVEAT_MARK} Caveat", r["caveat"]),
        ("Outcome", str(r["outcome"]).replace("_", " ")),
        ("ICC finding", r["noncompliance"]),
    ]
    return [(k, str(v)) for k, v in rows if v]
