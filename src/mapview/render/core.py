"""Shared pieces of the map: colours, escaping, the base map and the prepared-script layer."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview.domain import Obligation, Status, Verdict

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
OBLIGATION_COLOURS = {  # the person lens, in the same palette as the statuses they refine
    Obligation.BOUND_PARTY: STATUS_COLOURS[Status.STATE_PARTY],
    Obligation.BOUND_WITHDRAWAL_PENDING: STATUS_COLOURS[Status.WITHDRAWAL_PENDING],
    Obligation.BOUND_DECLARATION: STATUS_COLOURS[Status.DECLARATION_12_3],
    Obligation.NOT_YET_IN_FORCE: STATUS_COLOURS[Status.RATIFIED_NOT_IN_FORCE],
    Obligation.NOT_BOUND: STATUS_COLOURS[Status.NON_PARTY],
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
    Verdict.WOULD_BE_BOUND: {  # announced: hollow, dotted, in the colour of its verdict
        "fillColor": "#D55E00",
        "color": "#D55E00",
        "weight": 3,
        "fillOpacity": 0.25,
        "dashArray": "2 4",
    },
    Verdict.WOULD_NOT_BE_BOUND: {
        "fillColor": "#FFFFFF",
        "color": "#000000",
        "weight": 3,
        "fillOpacity": 0.25,
        "dashArray": "2 4",
    },
}
CAVEAT_MARK = "⚠"  # beside a verdict that carries a caveat
SMALL_STATE_DEG2 = 0.5  # polygons smaller than this vanish at world zoom: add a point
DISPLAY_TOLERANCE = 0.15  # degrees; the map is for world and regional zoom
MAX_MARKERS = 2000  # above this, trips are grouped by country and verdict


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


def script_group(name: str, body: str, js: Sequence[tuple[str, str]] = ()) -> folium.FeatureGroup:
    """A feature group drawn by a prepared script (see :class:`ScriptLayer`)."""
    group = folium.FeatureGroup(name=name)
    group.add_child(ScriptLayer(body, js))
    return group


def layers_script(bodies: Sequence[str]) -> str:
    """Prepared layer scripts as the feature groups streamlit-folium's frame evaluates: each body
    runs with ``parent``, a new Leaflet feature group that is added to the map (``map_div``) and
    registered in ``window.feature_group``, so that the frame removes it before the next update.

    The same text streamlit-folium builds from a :func:`script_group`, without rendering folium
    templates on every rerun (a test compares the two).
    """
    out = []
    for k, body in enumerate(bodies):
        name = f"feature_group_feature_group_{k}"
        out.append(
            f"var {name} = L.featureGroup({{}});\n(function (parent) {{\n{body}\n}})({name});\n"
            f"{name}.addTo(map_div);\nmap_div.addLayer({name});\n"
            "window.feature_group = window.feature_group || [];\n"
            f"window.feature_group.push({name});\n"
        )
    return "".join(out)


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
