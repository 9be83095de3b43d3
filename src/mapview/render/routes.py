"""The routes layer: flight routes as lines, with the States Parties they cross."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mapview.airspace import Survey
from mapview.render.core import THEMES, Theme, script_json

ROUTE_STYLES = {  # the great circle is a reference, dashed; a reported route is drawn solid
    False: {"color": "#333333", "weight": 2, "opacity": 0.8, "dashArray": "8 6"},
    True: {"color": "#000000", "weight": 3, "opacity": 0.9},
}


def route_records(surveys: Sequence[Survey]) -> list[dict[str, Any]]:
    """One line per route: its pieces as [lon, lat] (already cut at the antimeridian, so no line
    crosses the whole map), its style key (1 = reported, solid; 0 = great circle, dashed) and
    its tooltip: length, and the States Parties crossed, marking those bound to arrest."""
    return [
        {
            "c": [
                [[round(lon, 4), round(lat, 4)] for lat, lon in piece] for piece in s.route.pieces
            ],
            "k": int(s.route.reported),
            "t": s.describe(),
        }
        for s in surveys
    ]


def route_script(surveys: Sequence[Survey], t: Theme = THEMES["light"]) -> str:
    """The JavaScript that draws the routes in theme ``t`` (light lines on a dark map) with
    ``mapview.drawRoutes``; all text goes in as text, not markup."""
    styles = [ROUTE_STYLES[False], ROUTE_STYLES[True]]
    if t.name != "light":
        styles = [{**styles[0], "color": t.not_travelled_edge}, {**styles[1], "color": t.trip_edge}]
    return (
        f"var routes = {script_json(route_records(surveys))};\n"
        f"var styles = {script_json(styles)};\nmapview.drawRoutes(parent, routes, styles);\n"
    )
