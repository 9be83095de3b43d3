"""The map, as folium objects. Only this module (and the UI) imports folium.

The base map carries no data, so it never changes: the country and trip layers travel as
feature groups that streamlit-folium swaps in place, which keeps the reader's zoom and position
(streamlit-folium issues #72 and #244). All assets are served by the app itself.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely
import topojson
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview.airspace import Survey
from mapview.domain import Status, Verdict
from mapview.join import CountryStatus

ASSETS = "/app/static/vendor"
STATUS_COLOURS = {  # Okabe-Ito based: distinguishable with the common colour-vision deficiencies
    Status.STATE_PARTY: "#0072B2",
    Status.WITHDRAWAL_PENDING: "#56B4E9",
    Status.RATIFIED_NOT_IN_FORCE: "#009E73",
    Status.DECLARATION_12_3: "#CC79A7",
    Status.SIGNATORY: "#F0E442",
    Status.SIGNATURE_WITHDRAWN: "#E69F00",
    Status.WITHDRAWN: "#8C510A",
    Status.NON_PARTY: "#E3E3E3",
}
VERDICT_STYLES = {
    Verdict.BOUND: {"fillColor": "#D55E00", "color": "#000000", "weight": 2, "fillOpacity": 1.0},
    Verdict.NOT_BOUND: {
        "fillColor": "#FFFFFF",
        "color": "#000000",
        "weight": 2,
        "fillOpacity": 1.0,
    },
    Verdict.NOT_TRAVELLED: {
        "fillColor": "#FFFFFF",
        "color": "#555555",
        "weight": 2,
        "fillOpacity": 0.2,
        "dashArray": "3 3",
    },
}
SMALL_STATE_DEG2 = 0.5  # polygons smaller than this vanish at world zoom: add a point
DISPLAY_TOLERANCE = 0.15  # degrees; the map is for world and regional zoom
MAX_MARKERS = 2000  # above this, trips are grouped by country and verdict


def escape(value: object) -> str:
    """Text made safe for HTML (also inside attributes, JS template literals and folium templates)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    escaped = html.escape(text, quote=True).replace("`", "&#96;").replace("$", "&#36;")
    # Braces too: folium parses rendered scripts as templates a second time.
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def safe_links(sources: str) -> str:
    """Source addresses as links; anything that is not http(s) is shown as plain text."""
    parts = []
    for token in str(sources).split():
        if token.lower().startswith(("http://", "https://")):
            url = escape(token)
            parts.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">{url}</a>')
        else:
            parts.append(escape(token))
    return "<br>".join(parts)


def use_local_assets() -> None:
    """Point folium at the Leaflet files the app serves (no CDN requests)."""
    folium.Map.default_js = [("leaflet", f"{ASSETS}/leaflet/leaflet.js")]
    folium.Map.default_css = [("leaflet_css", f"{ASSETS}/leaflet/leaflet.css")]


def build_base_map(tiles: str | None = None) -> folium.Map:
    """An empty world map; the data layers are added by the caller."""
    use_local_assets()
    return folium.Map(location=[25, 10], zoom_start=2, min_zoom=1, tiles=tiles, maxZoom=12)


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element and inside a folium template.

    '</script>' and friends cannot break out of the element, and Jinja delimiters are escaped:
    folium parses each element's rendered script as a template a second time, so a value such as
    '{{ 7*7 }}' would otherwise be evaluated on the server. Structural JSON never contains '{{',
    '{%' or '{#', so every such pair lies inside a string, where '\\u007b' means the same '{'.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return re.sub(r"\{(?=[{%#])", r"\\u007b", text)


def countries_topojson(countries: gpd.GeoDataFrame, tolerance: float = DISPLAY_TOLERANCE) -> str:
    """The polygons as quantised TopoJSON, simplified for display (shared borders stay shared).

    Compute once per data version: about 0.2 s.
    """
    shapes = countries[["iso_a3", "geometry"]].copy()
    if tolerance:
        shapes["geometry"] = shapely.coverage_simplify(shapes.geometry.to_numpy(), tolerance)
    topo = topojson.Topology(shapes, prequantize=1e5, object_name="countries")  # type: ignore[attr-defined]
    return script_json(json.loads(str(topo.to_json())))


class ScriptLayer(JSCSSMixin):
    """A layer drawn by a prepared piece of JavaScript, added to its parent feature group.

    Much cheaper to render than one folium element per feature: the body is a precomputed
    string, so a rerun only concatenates it.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (parent) {
{{ this.body }}
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, body: str, js: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ScriptLayer"
        self.body = body
        self.default_js = list(js)


_TIP_JS = """
function tip(lines) {
  var box = document.createElement("div");
  lines.forEach(function (text, k) {
    var line = document.createElement(k ? "div" : "b");
    line.textContent = text;
    box.appendChild(line);
  });
  return box;
}
"""

_COUNTRIES_JS = (
    _TIP_JS
    + """
function look(i) {
  return {fillColor: i ? i.c : "%(none)s", fillOpacity: 0.85, color: "#FFFFFF", weight: 0.5};
}
function draw(topo) {
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: function (f) { return look(info[f.properties.iso_a3]); },
    onEachFeature: function (f, layer) {
      var i = info[f.properties.iso_a3];
      if (!i) { return; }
      layer.bindTooltip(tip([i.n, i.s, i.h]), {sticky: true});
      layer.on("mouseover", function () { layer.setStyle({weight: 2, color: "#000000"}); });
      layer.on("mouseout", function () { layer.setStyle(look(i)); });
    }
  }).addTo(parent);
  var map = parent._map;
  if (map && !map.getPane("mapviewDots")) {
    map.createPane("mapviewDots").style.zIndex = 450;  // above countries, below trips
  }
  dots.forEach(function (d) {
    var i = info[d[0]];
    if (!i || i.c === "%(none)s") { return; }  // only states with a tie to the Statute
    L.circleMarker([d[1], d[2]], {radius: 4, fillColor: i.c, fillOpacity: 1, color: "#333333",
      weight: 1, pane: map ? "mapviewDots" : "overlayPane"}).bindTooltip(tip([i.n, i.s, i.h])).addTo(parent);
  });
}
if (typeof topo === "string") {
  fetch(topo).then(function (r) { return r.json(); }).then(draw);
} else {
  draw(topo);
}
"""
)


def country_info(statuses: Sequence[CountryStatus], confidence: Mapping[str, str]) -> str:
    """Colour, name, status and one-line history per country, as script-safe JSON."""
    info = {}
    for s in statuses:
        history = s.history
        if confidence.get(s.iso_a3, "high") != "high":
            history += f" (sources: {confidence[s.iso_a3]} confidence)"
        info[s.iso_a3] = {
            "c": STATUS_COLOURS[s.status],
            "n": s.name,
            "s": s.status.label,
            "h": history,
        }
    return script_json(info)


def country_layer(
    topo: str, info: str, dots: Mapping[str, tuple[float, float]], drawn: Sequence[str] = ()
) -> folium.FeatureGroup:
    """Countries coloured by status, a tooltip with their ICC history, and a dot for small states.

    ``topo`` is the TopoJSON text from :func:`countries_topojson`, or the script-safe JSON string
    of an address the browser fetches it from (cacheable, and kept out of every rerun's payload);
    ``info`` comes from :func:`country_info`; ``drawn`` lists the small states that get a dot (by
    default every small state).
    """
    chosen = [
        [iso, lat, lon] for iso, (lat, lon) in sorted(dots.items()) if not drawn or iso in drawn
    ]
    body = (
        f"var topo = {topo};\nvar info = {info};\nvar dots = {script_json(chosen)};\n"
        + _COUNTRIES_JS % {"none": STATUS_COLOURS[Status.NON_PARTY]}
    )
    return script_group(
        "countries", body, [("topojson", f"{ASSETS}/topojson/topojson-client.min.js")]
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
        return [_trip_record(r) for r in located.to_dict("records")]
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


def trip_script(trips: pd.DataFrame, max_markers: int = MAX_MARKERS) -> str:
    """The JavaScript that draws ``trips`` (cache it per view)."""
    styles = {v.value: VERDICT_STYLES[v] for v in Verdict}
    return (
        f"var trips = {script_json(trip_records(trips, max_markers))};\n"
        f"var styles = {script_json(styles)};\n{_TRIPS_JS}"
    )


def script_group(name: str, body: str, js: Sequence[tuple[str, str]] = ()) -> folium.FeatureGroup:
    """A feature group drawn by a prepared script (see :class:`ScriptLayer`)."""
    group = folium.FeatureGroup(name=name)
    group.add_child(ScriptLayer(body, js))
    return group


def trip_layer(trips: pd.DataFrame, max_markers: int = MAX_MARKERS) -> folium.FeatureGroup:
    """Trips as circles styled by verdict, with a tooltip and a popup (sources as links).

    Above ``max_markers`` located trips the markers are grouped by country and verdict.
    """
    return script_group("trips", trip_script(trips, max_markers))


def _dates(r: Mapping[Any, Any]) -> str:
    start, end = r["start"].date().isoformat(), r["end"].date().isoformat()
    return start if start == end else f"{start} to {end}"


def _trip_tooltip(r: Mapping[Any, Any]) -> str:
    place = ", ".join(p for p in (str(r["city"] or ""), str(r["host_name"])) if p)
    return f"{r['person']}: {place}, {_dates(r)}. {r['verdict_label']}"


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
        ("Outcome", str(r["outcome"]).replace("_", " ")),
        ("ICC finding", r["noncompliance"]),
    ]
    return [(k, str(v)) for k, v in rows if v]


def small_states(countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Representative (lat, lon) of every country smaller than :data:`SMALL_STATE_DEG2`."""
    area = shapely.area(countries.geometry.to_numpy())  # degrees squared: a size threshold only
    tiny = countries[area < SMALL_STATE_DEG2]
    pts = tiny.geometry.representative_point()
    return {iso: (round(p.y, 4), round(p.x, 4)) for iso, p in zip(tiny["iso_a3"], pts, strict=True)}


ROUTE_STYLES = {  # the great circle is a reference, dashed; a reported route is drawn solid
    False: {"color": "#333333", "weight": 2, "opacity": 0.8, "dashArray": "8 6"},
    True: {"color": "#000000", "weight": 3, "opacity": 0.9},
}


def route_layer(surveys: Sequence[Survey], name: str = "routes") -> folium.FeatureGroup:
    """Flight routes as lines: great circles dashed, reported routes solid.

    Each route's tooltip gives its length and lists the States Parties it crosses (and any
    other state bound that day), marking those bound to arrest the traveller; all text is
    escaped. Pieces are already cut at the antimeridian, so no line crosses the whole map.
    """
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [
                    [[round(lon, 4), round(lat, 4)] for lat, lon in piece]
                    for piece in s.route.pieces
                ],
            },
            "properties": {"reported": s.route.reported, "tip": _route_tooltip(s)},
        }
        for s in surveys
    ]
    group = folium.FeatureGroup(name=name)
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            style_function=lambda f: ROUTE_STYLES[bool(f["properties"]["reported"])],
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
            name=name,
        ).add_to(group)
    return group


def _route_tooltip(s: Survey) -> str:
    return escape(s.describe())
