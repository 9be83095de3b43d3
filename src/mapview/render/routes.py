"""The routes layer: flight routes as lines, with the States Parties they cross."""

from __future__ import annotations

from collections.abc import Sequence

import folium

from mapview.airspace import Survey
from mapview.render.core import escape

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
