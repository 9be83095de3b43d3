"""Shared pieces of the map: colours, escaping, the base map, the map's scripts and the
prepared-script layer."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from mapview.assets import MAP_JS, MAP_JS_URL
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


@dataclass(frozen=True)
class Theme:
    """The map's own colours in a light or a dark page (the status colours stay the same)."""

    name: str
    sea: str  # the map's background
    outline: str  # borders between countries
    none: str  # countries that never joined
    dot_edge: str  # the ring round a small state's dot
    key_background: str
    key_text: str
    trip_edge: str  # the ring of a trip marker
    not_travelled_edge: str  # the dashed ring of a cancelled trip


THEMES = {
    "light": Theme(
        name="light",
        sea="#AFCBDD",
        outline="#FFFFFF",
        none="#E3E3E3",
        dot_edge="#333333",
        key_background="#FFFFFF",
        key_text="#1A1A1A",
        trip_edge="#000000",
        not_travelled_edge="#555555",
    ),
    "dark": Theme(
        name="dark",
        sea="#0B1620",
        outline="#0E1117",
        none="#3B4250",
        dot_edge="#D0D0D0",
        key_background="#1F2530",
        key_text="#F0F0F0",
        trip_edge="#FFFFFF",
        not_travelled_edge="#BBBBBB",
    ),
}


def theme(name: str | None) -> Theme:
    """The theme called ``name`` ("light" or "dark"); anything else is light."""
    return THEMES.get(name or "", THEMES["light"])


def verdict_styles(t: Theme) -> Mapping[Verdict, Mapping[str, object]]:
    """:data:`VERDICT_STYLES` with the rings coloured for ``t`` (fills stay the same)."""
    if t.name == "light":
        return VERDICT_STYLES
    rings = {  # an announced trip that would be bound keeps its vermillion ring
        Verdict.NOT_TRAVELLED: t.not_travelled_edge,
        Verdict.WOULD_BE_BOUND: str(VERDICT_STYLES[Verdict.WOULD_BE_BOUND]["color"]),
    }
    return {v: {**style, "color": rings.get(v, t.trip_edge)} for v, style in VERDICT_STYLES.items()}


SMALL_STATE_DEG2 = 0.5  # polygons smaller than this vanish at world zoom: add a point
DISPLAY_TOLERANCE = 0.15  # degrees; the map is for world and regional zoom
MAX_MARKERS = 2000  # above this, trips are grouped by country and verdict


MAP_SCRIPTS = ("mapview-map.js", "mapview-layers.js")  # in static/map/, loaded in this order


@functools.cache
def map_script(name: str) -> str:
    """The text of one of the map's scripts (:data:`MAP_SCRIPTS`): mapview-map.js draws for
    the dashboard and the reader page alike, mapview-layers.js only in the dashboard's frame."""
    if name not in MAP_SCRIPTS:
        raise ValueError(f"not one of the map's scripts: {name!r}")
    return (MAP_JS / name).read_text(encoding="utf-8")


def map_script_links() -> list[tuple[str, str]]:
    """The map's scripts as folium script links (name, address). Each address carries a hash
    of the file, so a browser never runs a cached old copy with a new version's layer data."""
    links = []
    for name in MAP_SCRIPTS:
        digest = hashlib.sha256(map_script(name).encode("utf-8")).hexdigest()[:12]
        links.append((name.removesuffix(".js"), f"{MAP_JS_URL}/{name}?v={digest}"))
    return links


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


def description_script(text: str) -> str:
    """The script that gives the map ``text`` (the view's summary) as its description, in the
    map's own frame (``mapview.describeMap`` in mapview-layers.js)."""
    return f"var description = {script_json(text)};\nmapview.describeMap(parent, description);\n"
