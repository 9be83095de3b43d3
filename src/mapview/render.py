"""The map, as folium objects. Only this module (and the UI) imports folium.

The base map carries no data, so it never changes: the country and trip layers travel as
feature groups that streamlit-folium swaps in place, which keeps the reader's zoom and position
(streamlit-folium issues #72 and #244). All assets are served by the app itself.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely

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


def escape(value: object) -> str:
    """Text made safe for HTML (also inside attributes and JS template literals)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return html.escape(text, quote=True).replace("`", "&#96;").replace("$", "&#36;")


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
    """Point folium at the Leaflet and jQuery files the app serves (no CDN requests)."""
    folium.Map.default_js = [
        ("leaflet", f"{ASSETS}/leaflet/leaflet.js"),
        ("jquery", f"{ASSETS}/jquery/jquery.min.js"),
    ]
    folium.Map.default_css = [("leaflet_css", f"{ASSETS}/leaflet/leaflet.css")]


def build_base_map(tiles: str | None = None) -> folium.Map:
    """An empty world map; the data layers are added by the caller."""
    use_local_assets()
    m = folium.Map(
        location=[25, 10],
        zoom_start=2,
        min_zoom=1,
        tiles=tiles,
        maxZoom=12,
        world_copy_jump=False,
        prefer_canvas=False,
        control_scale=False,
    )
    return m


@lru_cache(maxsize=4)
def _geometry_features(countries_json: str) -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(countries_json)["features"])


def countries_geojson(countries: gpd.GeoDataFrame) -> str:
    """The polygons as compact GeoJSON text (cache it per data version)."""
    return str(countries[["iso_a3", "geometry"]].to_json(drop_id=True))


def country_layer(
    countries_json: str, statuses: Sequence[CountryStatus], dots: dict[str, tuple[float, float]]
) -> folium.FeatureGroup:
    """Countries coloured by status, with a tooltip of their ICC history; small states get a dot."""
    by_iso = {s.iso_a3: s for s in statuses}
    features = []
    for f in _geometry_features(countries_json):
        s = by_iso[f["properties"]["iso_a3"]]
        features.append(
            {"type": "Feature", "geometry": f["geometry"], "properties": _country_props(s)}
        )
    group = folium.FeatureGroup(name="countries")
    fields, aliases = ["name", "status_label", "history"], ["", "Status", "History"]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=_country_style,
        highlight_function=lambda f: {"weight": 2, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, labels=True, sticky=True),
        name="countries",
    ).add_to(group)
    points = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": _country_props(by_iso[iso]),
        }
        for iso, (lat, lon) in sorted(dots.items())
        if iso in by_iso and by_iso[iso].status is not Status.NON_PARTY
    ]
    if points:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": points},
            marker=folium.CircleMarker(radius=4, fill=True),
            style_function=lambda f: {**_country_style(f), "weight": 1, "color": "#333333"},
            tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases, labels=True),
            name="small states",
        ).add_to(group)
    return group


def _country_props(s: CountryStatus) -> dict[str, str]:
    return {
        "iso_a3": s.iso_a3,
        "name": escape(s.name),
        "status": s.status.value,
        "status_label": escape(s.status.label),
        "history": escape(s.history),
        "fill": STATUS_COLOURS[s.status],
    }


def _country_style(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "fillColor": feature["properties"]["fill"],
        "fillOpacity": 0.85,
        "color": "#FFFFFF",
        "weight": 0.5,
    }


def trip_layer(trips: pd.DataFrame) -> folium.FeatureGroup:
    """One circle per trip, styled by verdict, with a tooltip and a popup (sources as links)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {
                "verdict": r["verdict"],
                "tip": _trip_tooltip(r),
                "popup": _trip_popup(r),
            },
        }
        for r in trips.to_dict("records")
        if pd.notna(r["lat"]) and pd.notna(r["lon"])
    ]
    group = folium.FeatureGroup(name="trips")
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            marker=folium.CircleMarker(radius=7, fill=True),
            style_function=lambda f: VERDICT_STYLES[Verdict(f["properties"]["verdict"])],
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
            popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=360),
            name="trips",
        ).add_to(group)
    return group


def _dates(r: Mapping[Any, Any]) -> str:
    start, end = r["start"].date().isoformat(), r["end"].date().isoformat()
    return start if start == end else f"{start} to {end}"


def _trip_tooltip(r: Mapping[Any, Any]) -> str:
    place = ", ".join(p for p in (str(r["city"] or ""), str(r["host_name"])) if p)
    return escape(f"{r['person']}: {place}, {_dates(r)}. {r['verdict_label']}")


def _trip_popup(r: Mapping[Any, Any]) -> str:
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
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows if v)
    return f"<table>{body}<tr><th>Source</th><td>{safe_links(r['source'])}</td></tr></table>"


def small_states(countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Representative (lat, lon) of every country smaller than :data:`SMALL_STATE_DEG2`."""
    area = shapely.area(countries.geometry.to_numpy())  # degrees squared: a size threshold only
    tiny = countries[area < SMALL_STATE_DEG2]
    pts = tiny.geometry.representative_point()
    return {iso: (round(p.y, 4), round(p.x, 4)) for iso, p in zip(tiny["iso_a3"], pts, strict=True)}
