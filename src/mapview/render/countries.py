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
from mapview.render.core import (
    ASSETS,
    CAVEAT_MARK,
    DISPLAY_TOLERANCE,
    OBLIGATION_COLOURS,
    SMALL_STATE_DEG2,
    STATUS_COLOURS,
    THEMES,
    Theme,
    map_script_links,
    script_json,
    verdict_styles,
)
from mapview.states import CountryStatus


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


def key_groups(t: Theme = THEMES["light"], title: str | None = None) -> list[dict[str, Any]]:
    """The map's key in theme ``t``, as groups of rows for ``mapview.fillKey``: the country
    colours (each state's ICC status, or, when ``title`` names a lens, whether it is bound to
    arrest that person), then the trip verdicts. A row has its colour, label, edge colour,
    whether it is round (a trip) or dashed, and a class naming its key (``status-…`` or
    ``verdict-…``) for pages that restyle it."""

    def row(
        colour: str, label: str, edge: str, cls: str, trip: Mapping[str, object] | None = None
    ) -> dict[str, Any]:
        return {
            "colour": colour,
            "label": label,
            "edge": edge,
            "round": trip is not None,
            "dashed": trip is not None and "dashArray" in trip,
            "cls": cls,
        }

    if title is None:  # each state's ICC status
        head = "Countries"
        kinds = [(STATUS_COLOURS[k], k.label, k.value, k is Status.NON_PARTY) for k in Status]
    else:  # the lens: whether it is bound to arrest that person
        head = title
        kinds = [
            (OBLIGATION_COLOURS[k], k.label, k.value, k is Obligation.NOT_BOUND) for k in Obligation
        ]
    rows = [  # the kind with no tie to the Statute follows the theme
        row(t.none if untied else colour, label, t.dot_edge, f"status-{value}")
        for colour, label, value, untied in kinds
    ]
    trips = [
        row(str(st["fillColor"]), v.label, str(st["color"]), f"verdict-{v.value}", st)
        for v, st in verdict_styles(t).items()
    ]
    return [{"title": head, "rows": rows}, {"title": "Trips", "rows": trips}]


def legend(t: Theme = THEMES["light"], lens: tuple[str, dt.date] | None = None) -> str:
    """The dashboard's key in theme ``t`` (:func:`key_groups`) as script-safe JSON; with a
    ``lens`` its heading names the person and the day."""
    title = None if lens is None else f"Bound to arrest {lens[0]} on {lens[1].isoformat()}?"
    return script_json(key_groups(t, title))


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
    (:func:`lens_info`). It needs topojson-client and the map's scripts (:data:`LAYER_JS`):
    ``mapview.drawCountries`` draws.
    """
    chosen = [[iso, lat, lon] for iso, (lat, lon) in sorted(dots.items())]
    return (
        f"var topo = {topo};\nvar info = {info};\nvar dots = {script_json(chosen)};\n"
        f"var legend = {legend(t, lens)};\nvar theme = {script_json(asdict(t))};\n"
        f"var none = {script_json(STATUS_COLOURS[Status.NON_PARTY])};\n"
        "mapview.drawCountries(parent, "
        "{topo: topo, info: info, dots: dots, legend: legend, theme: theme, none: none});\n"
    )


LAYER_JS = [("topojson", f"{ASSETS}/topojson/topojson-client.min.js"), *map_script_links()]


def small_states(countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Representative (lat, lon) of every country smaller than :data:`SMALL_STATE_DEG2`."""
    area = shapely.area(countries.geometry.to_numpy())  # degrees squared: a size threshold only
    tiny = countries[area < SMALL_STATE_DEG2]
    pts = tiny.geometry.representative_point()
    return {iso: (round(p.y, 4), round(p.x, 4)) for iso, p in zip(tiny["iso_a3"], pts, strict=True)}
