"""The country layer: outlines as quantised TopoJSON, coloured by ICC status on a day."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import folium
import geopandas as gpd
import shapely
import topojson

from mapview.domain import Status
from mapview.join import CountryStatus
from mapview.render.core import (
    _TIP_JS,
    ASSETS,
    DISPLAY_TOLERANCE,
    SMALL_STATE_DEG2,
    STATUS_COLOURS,
    script_group,
    script_json,
)


def countries_topojson(countries: gpd.GeoDataFrame, tolerance: float = DISPLAY_TOLERANCE) -> str:
    """The polygons as quantised TopoJSON, simplified for display (shared borders stay shared).

    Compute once per data version: about 0.2 s.
    """
    shapes = countries[["iso_a3", "geometry"]].copy()
    if tolerance:
        shapes["geometry"] = shapely.coverage_simplify(shapes.geometry.to_numpy(), tolerance)
    topo = topojson.Topology(shapes, prequantize=1e5, object_name="countries")  # type: ignore[attr-defined]
    return script_json(json.loads(str(topo.to_json())))


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


def small_states(countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Representative (lat, lon) of every country smaller than :data:`SMALL_STATE_DEG2`."""
    area = shapely.area(countries.geometry.to_numpy())  # degrees squared: a size threshold only
    tiny = countries[area < SMALL_STATE_DEG2]
    pts = tiny.geometry.representative_point()
    return {iso: (round(p.y, 4), round(p.x, 4)) for iso, p in zip(tiny["iso_a3"], pts, strict=True)}
