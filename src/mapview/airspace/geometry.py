"""Great circles and reported routes, and the land they cross, in km per country."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString

from mapview.domain import DateRange, Membership, Status, Warrant, assess

GEOD = Geod(ellps="WGS84")
SPACING_KM = 20.0
NOT_MODELLED = (
    "Territorial waters and Flight Information Regions are not modelled: "
    "only land polygons are used."
)
LatLon = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """A path as pieces of (lat, lon) points, each piece within longitudes [-180, 180]."""

    pieces: tuple[tuple[LatLon, ...], ...]
    label: str = "great circle"
    reported: bool = False

    def lines(self) -> list[LineString]:
        """The pieces as shapely lines, (lon, lat) order."""
        return [LineString([(lon, lat) for lat, lon in piece]) for piece in self.pieces]

    @property
    def km(self) -> float:
        """Geodesic length in km."""
        return sum(float(GEOD.geometry_length(line)) for line in self.lines()) / 1000


@dataclass(frozen=True)
class Crossing:
    """One country on a route: ``km`` over its land, first entered ``entry_km`` after departure."""

    iso_a3: str
    name: str
    km: float
    bound: bool
    status: Status
    entry_km: float = 0.0


@dataclass(frozen=True)
class Survey:
    """A route, the countries it crosses in order, its length and its length over land (km)."""

    route: Route
    day: dt.date
    crossings: tuple[Crossing, ...]
    total_km: float
    land_km: float

    def parties(self) -> tuple[Crossing, ...]:
        """Crossings of States Parties, and of any other state bound to arrest that day."""
        return tuple(c for c in self.crossings if c.status.bound or c.bound)

    def describe(self) -> str:
        """One plain-text sentence: length, land, and the States Parties crossed (for tooltips)."""
        parties = [
            f"{c.name} ({'bound to arrest' if c.bound else 'not bound'})" for c in self.parties()
        ]
        return (
            f"{self.route.label.capitalize()}, {self.day.isoformat()}: {self.total_km:,.0f} km, "
            f"{self.land_km:,.0f} km over land. States Parties crossed: "
            f"{', '.join(parties) or 'none'}. {NOT_MODELLED}"
        )


@dataclass(frozen=True)
class Detour:
    """A reported route against the great circle: extra km and the States Parties it avoided."""

    extra_km: float
    avoided: tuple[Crossing, ...]


def check_point(point: LatLon) -> LatLon:
    """``point`` as floats, or ValueError if latitude or longitude is out of range."""
    lat, lon = float(point[0]), float(point[1])
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude must be within [-90, 90]: {point[0]!r}")
    if not -180 <= lon <= 180:
        raise ValueError(f"longitude must be within [-180, 180]: {point[1]!r}")
    return lat, lon


def geodesic_points(
    start: LatLon, end: LatLon, spacing_km: float = SPACING_KM, n: int | None = None
) -> list[LatLon]:
    """``start``, ``n`` points along the geodesic (default: one every ``spacing_km``), ``end``."""
    (lat1, lon1), (lat2, lon2) = check_point(start), check_point(end)
    if n is None:
        if not spacing_km > 0:
            raise ValueError(f"spacing_km must be positive: {spacing_km!r}")
        metres = GEOD.inv(lon1, lat1, lon2, lat2)[2]
        n = max(0, math.ceil(metres / 1000 / spacing_km) - 1)
    inner = GEOD.npts(lon1, lat1, lon2, lat2, n) if n > 0 else []
    ends = [(lon1, lat1), *inner, (lon2, lat2)]
    return [(lat, (lon + 180) % 360 - 180) for lon, lat in ends]


POLE_TOLERANCE = 1e-6  # degrees of longitude


def cut(points: Sequence[LatLon]) -> tuple[tuple[LatLon, ...], ...]:
    """Split a path so that no step jumps across the map.

    A step whose longitudes differ by more than 180° crosses the antimeridian: the crossing
    latitude is interpolated linearly (steps are short) and the next piece starts at the other
    edge. A step between opposite meridians (exactly 180° apart) passes over a pole: the piece
    ends at the pole on one meridian and the next starts there on the other.
    """
    pieces: list[list[LatLon]] = [[points[0]]]
    for (lat0, lon0), (lat1, lon1) in pairwise(points):
        step = lon1 - lon0
        if abs(abs(step) - 180) < POLE_TOLERANCE:
            pole = math.copysign(90.0, lat0 + lat1)
            pieces[-1].append((pole, lon0))
            pieces.append([(pole, lon1)])
        elif abs(step) > 180:
            edge = 180.0 if step < 0 else -180.0
            far = lon1 + 360 if step < 0 else lon1 - 360
            lat = lat0 if far == lon0 else lat0 + (lat1 - lat0) * (edge - lon0) / (far - lon0)
            pieces[-1].append((lat, edge))
            pieces.append([(lat, -edge)])
        pieces[-1].append((lat1, lon1))
    deduped = [[p for i, p in enumerate(piece) if i == 0 or p != piece[i - 1]] for piece in pieces]
    return tuple(tuple(piece) for piece in deduped if len(piece) > 1)


def great_circle(
    start: LatLon, end: LatLon, spacing_km: float = SPACING_KM, n: int | None = None
) -> Route:
    """The shortest path on the WGS84 ellipsoid, densified and cut at the antimeridian."""
    return via([start, end], spacing_km, n=n)


def via(
    waypoints: Sequence[LatLon],
    spacing_km: float = SPACING_KM,
    label: str = "great circle",
    reported: bool = False,
    n: int | None = None,
) -> Route:
    """A chain of geodesics through ``waypoints`` (at least two distinct points)."""
    points: list[LatLon] = []
    for a, b in pairwise(waypoints):
        leg = geodesic_points(a, b, spacing_km, n)
        points += leg[1:] if points else leg
    pieces = cut(points) if len(points) > 1 else ()
    if not pieces:
        raise ValueError(f"a route needs two distinct points: {list(waypoints)!r}")
    return Route(pieces, label, reported)


def _lines(geom: shapely.Geometry) -> list[LineString]:
    return [g for g in shapely.get_parts(geom) if g.geom_type == "LineString" and not g.is_empty]


def _km(geom: shapely.Geometry) -> float:
    return sum(float(GEOD.geometry_length(g)) for g in _lines(geom)) / 1000


def _along(line: LineString) -> Callable[[float], float]:
    """Planar position along ``line`` (degrees) to geodesic km from its start."""
    xy = np.asarray(line.coords)
    planar = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
    metres = np.asarray(GEOD.line_lengths(xy[:, 0], xy[:, 1]), dtype=float)
    geodesic = np.concatenate([[0.0], np.cumsum(metres)]) / 1000
    return lambda d: float(np.interp(d, planar, geodesic))


def overlaps(route: Route, countries: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Per country code: (km over its land, km from departure to the first point inside)."""
    geoms, codes = countries.geometry.to_numpy(), countries["iso_a3"].to_numpy()
    found: dict[str, tuple[float, float]] = {}
    offset = 0.0
    for line in route.lines():
        along = _along(line)
        for j in countries.sindex.query(line, predicate="intersects"):
            inside = shapely.intersection(line, geoms[j])
            km = _km(inside)
            if km <= 0:
                continue
            coords = shapely.get_coordinates(_lines(inside))
            first = offset + along(
                float(shapely.line_locate_point(line, shapely.points(coords)).min())
            )
            old_km, old_first = found.get(str(codes[j]), (0.0, math.inf))
            found[str(codes[j])] = (old_km + km, min(old_first, first))
        offset += _km(line)
    return found


def land_km(route: Route, countries: gpd.GeoDataFrame) -> float:
    """Km of the route over land, measured on the union of the polygons it touches."""
    geoms = countries.geometry.to_numpy()
    total = 0.0
    for line in route.lines():
        hits = countries.sindex.query(line, predicate="intersects")
        if len(hits):
            total += _km(shapely.intersection(line, shapely.union_all(geoms[hits])))
    return total


def crossings(
    route: Route,
    countries: gpd.GeoDataFrame,
    membership: Callable[[str], Membership],
    day: dt.date,
    warrants: Sequence[Warrant] = (),
) -> list[Crossing]:
    """The countries ``route`` crosses on ``day``, in the order it first enters them.

    ``membership`` gives a state's record (e.g. ``Dataset.membership``); ``warrants`` are the
    traveller's. Only land polygons count (see the module docstring).
    """
    out = []
    for iso, (km, first) in overlaps(route, countries).items():
        m = membership(iso)
        bound = bool(warrants) and assess(m, warrants, DateRange(day, day)).obligation
        out.append(Crossing(iso, m.name, km, bound, m.status_on(day), first))
    return sorted(out, key=lambda c: (c.entry_km, c.iso_a3))


def survey(
    route: Route,
    countries: gpd.GeoDataFrame,
    membership: Callable[[str], Membership],
    day: dt.date,
    warrants: Sequence[Warrant] = (),
) -> Survey:
    """:func:`crossings` with the route's total length and its length over land."""
    found = crossings(route, countries, membership, day, warrants)
    return Survey(route, day, tuple(found), route.km, land_km(route, countries))


def detour(reported: Survey, direct: Survey) -> Detour:
    """Extra km of ``reported`` over ``direct``, and the States Parties only ``direct`` crosses."""
    kept = {c.iso_a3 for c in reported.crossings}
    avoided = tuple(c for c in direct.parties() if c.iso_a3 not in kept)
    return Detour(reported.total_km - direct.total_km, avoided)
