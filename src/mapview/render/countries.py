"""The country layer: outlines as quantised TopoJSON, coloured by ICC status on a day."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import geopandas as gpd
import shapely

from mapview.domain import Obligation, Standing, Status
from mapview.join import CountryStatus
from mapview.render.core import (
    _TIP_JS,
    ASSETS,
    CAVEAT_MARK,
    DISPLAY_TOLERANCE,
    OBLIGATION_COLOURS,
    SMALL_STATE_DEG2,
    STATUS_COLOURS,
    THEMES,
    Theme,
    script_json,
    verdict_styles,
)


def display_shapes(countries: gpd.GeoDataFrame, tolerance: float = DISPLAY_TOLERANCE) -> Any:
    """The polygons simplified for display (shared borders stay shared), as an array of shapely
    geometries in the order of ``countries``: the outlines of the dashboard and of the reader
    page both come from here."""
    shapes = countries.geometry.to_numpy()
    return shapely.coverage_simplify(shapes, tolerance) if tolerance else shapes


def countries_topojson(countries: gpd.GeoDataFrame, tolerance: float = DISPLAY_TOLERANCE) -> str:
    """The polygons as quantised TopoJSON, simplified for display (shared borders stay shared).

    Compute once per data version: about 0.2 s (the topojson package, about 4 MB, is imported
    only then).
    """
    import topojson

    shapes = countries[["iso_a3", "geometry"]].copy()
    shapes["geometry"] = display_shapes(countries, tolerance)
    topo = topojson.Topology(shapes, prequantize=1e5, object_name="countries")  # type: ignore[attr-defined]
    return script_json(json.loads(str(topo.to_json())))


_COUNTRIES_JS = (
    _TIP_JS
    + """
// The outlines stay on the map across reruns: a new view only recolours them (cheap), so a
// filter change redraws the trips alone. The state lives on the map object, so a new map
// (a new frame) starts afresh.
function look(i) {
  var fill = !i || i.c === "%(none)s" ? theme.none : i.c;  // "never joined" follows the theme
  return {fillColor: fill, fillOpacity: 0.85, color: theme.outline, weight: 0.5};
}
function countryTip(S, iso) {
  var i = S.info[iso];
  return i ? tip([i.n, i.s, i.h]) : tip([iso]);
}
function addLegend(map, S) {
  var box = L.control({position: "bottomleft"});
  box.onAdd = function () {
    var div = L.DomUtil.create("details", "mapview-legend");
    div.style.cssText = "background:" + theme.key_background + ";padding:4px 8px;" +
      "font:11px/1.45 sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);" +
      "color:" + theme.key_text;
    div.open = map.getSize().x >= 600;  // folded on small screens; a tap opens it
    var title = document.createElement("summary");
    title.textContent = "Key";
    title.style.cursor = "pointer";
    div.appendChild(title);
    legend.forEach(function (group) {
      var head = document.createElement("b");
      head.textContent = group[0];
      div.appendChild(head);
      group[1].forEach(function (k) {
        var row = document.createElement("div");
        var key = document.createElement("span");
        key.style.cssText = "display:inline-block;width:10px;height:10px;margin-right:5px;" +
          "vertical-align:-1px;border:1px solid " + k[2] + ";background:" + k[0] +
          ";border-radius:" + (k[3] ? "50%%" : "2px");
        row.appendChild(key);
        row.appendChild(document.createTextNode(k[1]));
        div.appendChild(row);
      });
    });
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  box.addTo(map);
  S.legend = box;
}
function drawDots(S, map) {
  S.dots.clearLayers();
  dots.forEach(function (d) {
    var i = S.info[d[0]];
    if (!i || i.c === "%(none)s") { return; }  // only states with a tie to the Statute
    L.circleMarker([d[1], d[2]], {radius: 4, fillColor: i.c, fillOpacity: 1, color: theme.dot_edge,
      weight: 1, pane: "mapviewDots"}).bindTooltip(function () { return countryTip(S, d[0]); })
      .addTo(S.dots);
  });
  S.dots.addTo(map);
}
function build(S, map, data) {
  if (S.layer) { map.removeLayer(S.layer); }
  S.layer = L.geoJSON(topojson.feature(data, data.objects.countries), {
    style: function (f) { return look(S.info[f.properties.iso_a3]); },
    onEachFeature: function (f, layer) {
      var iso = f.properties.iso_a3;
      layer.bindTooltip(function () { return countryTip(S, iso); }, {sticky: true});
      layer.on("mouseover", function () { layer.setStyle({weight: 2, color: theme.key_text}); });
      layer.on("mouseout", function () { layer.setStyle(look(S.info[iso])); });
    }
  }).addTo(map);
  S.layer.eachLayer(function (layer) {  // each country's path names its code, as in the reader page
    var el = layer.getElement && layer.getElement();
    if (el) { el.setAttribute("data-iso-a3", layer.feature.properties.iso_a3); }
  });
}
function attach(map) {
  var S = map.mapviewCountries;
  if (!S) {
    S = map.mapviewCountries = {source: null, layer: null, info: null, text: null, theme: null,
      legend: null, dots: L.layerGroup()};
    map.createPane("mapviewDots").style.zIndex = 450;  // above countries, below trips
  }
  map.getContainer().style.background = theme.sea;
  var key = JSON.stringify(legend) + theme.name;
  if (S.key !== key) {  // the key names the lens and is drawn in the theme's colours
    var open = S.legend ? S.legend.getContainer().open : null;
    if (S.legend) { S.legend.remove(); }
    addLegend(map, S);
    if (open !== null) { S.legend.getContainer().open = open; }
    S.key = key;
  }
  var text = JSON.stringify(info) + theme.name;
  var recolour = text !== S.text;
  S.info = info;
  S.text = text;
  var source = typeof topo === "string" ? topo : "inline";  // an address, or the outlines sent inline
  if (source !== S.source) {
    S.source = source;
    if (typeof topo === "string") {
      fetch(topo).then(function (r) { return r.json(); }).then(function (data) {
        if (S.source === source) { build(S, map, data); }
      });
    } else {
      build(S, map, topo);
    }
  } else if (recolour && S.layer) {
    S.layer.eachLayer(function (layer) { layer.setStyle(look(S.info[layer.feature.properties.iso_a3])); });
  }
  if (recolour) { drawDots(S, map); }
  S.theme = theme.name;
}
if (parent._map) { attach(parent._map); } else { parent.once("add", function () { attach(parent._map); }); }
"""
)


def legend(t: Theme = THEMES["light"], lens: tuple[str, dt.date] | None = None) -> str:
    """The map's key in theme ``t`` as [colour, label, border, round] rows: the country colours
    (each state's ICC status, or with a ``lens`` whether it is bound to arrest that person on
    that day, and then the heading names them), then the trip verdicts."""
    edge = t.dot_edge
    if lens is None:
        head = "Countries"
        rows = [
            [t.none if s is Status.NON_PARTY else STATUS_COLOURS[s], s.label, edge, 0]
            for s in Status
        ]
    else:
        head = f"Bound to arrest {lens[0]} on {lens[1].isoformat()}?"
        rows = [
            [t.none if o is Obligation.NOT_BOUND else OBLIGATION_COLOURS[o], o.label, edge, 0]
            for o in Obligation
        ]
    trips = [
        [str(st["fillColor"]), v.label, str(st["color"]), 1] for v, st in verdict_styles(t).items()
    ]
    return script_json([[head, rows], ["Trips", trips]])


LEGEND = legend()


def lens_info(standings: Sequence[Standing]) -> str:
    """Colour, name, obligation and its reason (and caveat) per country, as script-safe JSON:
    the same shape as :func:`country_info`, for a map coloured by one person's lens (a weak
    fact is named in the caveat)."""
    info = {}
    for s in standings:
        why = s.reason + (f" {CAVEAT_MARK} {s.caveat}" if s.caveat else "")
        info[s.iso_a3] = {
            "c": OBLIGATION_COLOURS[s.obligation],
            "n": s.name,
            "s": s.obligation.label,
            "h": why,
        }
    return script_json(info)


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


def country_script(
    topo: str,
    info: str,
    dots: Mapping[str, tuple[float, float]],
    t: Theme = THEMES["light"],
    lens: tuple[str, dt.date] | None = None,
) -> str:
    """The JavaScript that draws (or, on the same map, recolours) the countries: a colour by
    status, a tooltip with their ICC history, a dot for small states, and the map's legend.

    ``topo`` is the TopoJSON text from :func:`countries_topojson`, or the script-safe JSON string
    of an address the browser fetches it from (cacheable, and kept out of every rerun's payload);
    ``info`` comes from :func:`country_info`; ``dots`` are the small states' points
    (:func:`small_states`); ``t`` colours the sea, the outlines, the countries that never
    joined and the key; ``lens`` (person, day) titles the key when ``info`` is a lens
    (:func:`lens_info`). It needs topojson-client (:data:`LAYER_JS`).
    """
    chosen = [[iso, lat, lon] for iso, (lat, lon) in sorted(dots.items())]
    return (
        f"var topo = {topo};\nvar info = {info};\nvar dots = {script_json(chosen)};\n"
        f"var legend = {legend(t, lens)};\nvar theme = {script_json(asdict(t))};\n"
        + _COUNTRIES_JS
        % {"none": STATUS_COLOURS[Status.NON_PARTY]}
    )


LAYER_JS = [("topojson", f"{ASSETS}/topojson/topojson-client.min.js")]


def small_states(countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Representative (lat, lon) of every country smaller than :data:`SMALL_STATE_DEG2`."""
    area = shapely.area(countries.geometry.to_numpy())  # degrees squared: a size threshold only
    tiny = countries[area < SMALL_STATE_DEG2]
    pts = tiny.geometry.representative_point()
    return {iso: (round(p.y, 4), round(p.x, 4)) for iso, p in zip(tiny["iso_a3"], pts, strict=True)}
