"""Flight routes, and the countries (and States Parties) whose territory a journey crosses.

What is measured: a route is a geodesic on the WGS84 ellipsoid (``pyproj.Geod``), or a chain of
geodesics through reported waypoints, densified every ``spacing_km`` and cut where it crosses the
antimeridian or passes over a pole, so that every piece stays within longitudes [-180, 180]. The
pieces are intersected with the land polygons of ``countries.geojson``; each country's share is
the geodesic length of the pieces inside it, in km.

Not modelled: territorial waters (12 nautical miles off the coast) and Flight Information
Regions. Only land polygons are used, so a route over a strait or a coastal sea crosses no
country there, and islands lost to the polygons' 0.1° simplification do not count.

Departure rule: a trip's flight leaves from the destination of the same person's previous trip
when that trip took place and ended at most one day before this one starts (same day or the day
before); otherwise from the person's home departure point in ``departures.csv`` (an airport or a
capital). The flight is assessed on the trip's first day; only the outbound flight is modelled.

``bound`` means bound to arrest this traveller on that day (:func:`mapview.domain.assess`): a
State Party, or a state whose art. 12(3) declaration covers the warrant's situation, while a
warrant for the traveller is outstanding. With no warrant, no state is bound.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import LineString

from mapview.domain import DateRange, Membership, Status, Warrant, assess
from mapview.load import Dataset

GEOD = Geod(ellps="WGS84")
SPACING_KM = 20.0
DEPARTURES, ROUTES = "departures.csv", "routes.csv"
NOT_MODELLED = (
    "Territorial waters and Flight Information Regions are not modelled: "
    "only land polygons are used."
)
LatLon = tuple[float, float]
log = logging.getLogger(__name__)
_URL = re.compile(r"https?://[^\s<>\"']+")


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


@dataclass(frozen=True)
class Origin:
    """Where a flight leaves from, and which part of the departure rule chose it."""

    lat: float
    lon: float
    place: str
    rule: str


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
        if abs(abs(step) - 180) < 1e-9:
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


def _rows(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path.name}: missing column(s): {missing!r}")
        rows = [
            (n + 2, {k: (v or "").strip() for k, v in r.items() if k}) for n, r in enumerate(reader)
        ]
    for line, r in rows:
        bad = [t for t in r.get("source", "").split() if not _URL.fullmatch(t)]
        if bad or r.get("confidence") not in ("high", "medium", "low", "unsourced"):
            raise ValueError(f"{path.name}:{line}: bad source or confidence: {r!r}")
        if not r.get("source") and r["confidence"] != "unsourced":
            raise ValueError(f"{path.name}:{line}: no source; set confidence to unsourced: {r!r}")
    return rows


def _point(path: Path, line: int, r: Mapping[str, str]) -> LatLon:
    try:
        return check_point((float(r["lat"]), float(r["lon"])))
    except ValueError as exc:
        raise ValueError(f"{path.name}:{line}: {exc} ({r['lat']!r}, {r['lon']!r})") from None


def read_departures(path: Path) -> dict[str, Origin]:
    """Each person's home departure point from ``departures.csv``."""
    out: dict[str, Origin] = {}
    for line, r in _rows(path, ["person", "city", "lat", "lon", "source", "confidence"]):
        lat, lon = _point(path, line, r)
        if r["person"] in out:
            raise ValueError(f"{path.name}:{line}: person listed twice: {r['person']!r}")
        out[r["person"]] = Origin(lat, lon, r["city"], "home departure point (departures.csv)")
    return out


def read_routes(path: Path) -> dict[str, tuple[LatLon, ...]]:
    """Reported waypoints per trip from ``routes.csv``, in ``seq`` order; {} if there is no file."""
    if not path.exists():
        return {}
    legs: dict[str, dict[int, LatLon]] = {}
    for line, r in _rows(path, ["trip_id", "seq", "lat", "lon", "note", "source", "confidence"]):
        if not r["seq"].isdigit() or int(r["seq"]) in legs.get(r["trip_id"], {}):
            raise ValueError(f"{path.name}:{line}: seq must be a new whole number: {r['seq']!r}")
        legs.setdefault(r["trip_id"], {})[int(r["seq"])] = _point(path, line, r)
    return {trip: tuple(p for _, p in sorted(seq.items())) for trip, seq in legs.items()}


def origin_for(trip_id: str, trips: pd.DataFrame, homes: Mapping[str, Origin]) -> Origin:
    """Where the flight of ``trip_id`` leaves from, by the departure rule (module docstring)."""
    trip = _trip(trips, trip_id)
    same = trips[
        (trips["person"] == trip["person"])
        & (trips["status"] == "took_place")
        & trips["lat"].notna()
        & (trips["trip_id"] != trip_id)
    ]
    gap = (trip["start"] - same["end"]).dt.days
    before = same[(same["start"] <= trip["start"]) & gap.between(0, 1)]
    if not before.empty:
        p = before.sort_values(["end", "start"]).iloc[-1]
        place = ", ".join(str(x) for x in (p["city"], p["iso_a3"]) if x)
        rule = f"previous trip {p['trip_id']} ended {p['end'].date().isoformat()}"
        return Origin(float(p["lat"]), float(p["lon"]), place, rule)
    if trip["person"] not in homes:
        raise ValueError(f"no departure point for {trip['person']!r} in {DEPARTURES}")
    return homes[trip["person"]]


def _trip(trips: pd.DataFrame, trip_id: str) -> pd.Series:
    rows = trips[trips["trip_id"] == trip_id]
    if rows.empty:
        raise ValueError(f"unknown trip_id: {trip_id!r}")
    return rows.iloc[0]


@dataclass(frozen=True)
class Journey:
    """A trip's outbound flight: where from, the great circle, and the reported route if any."""

    trip_id: str
    person: str
    destination: str
    origin: Origin
    direct: Survey
    reported: Survey | None

    @property
    def main(self) -> Survey:
        """The reported route when there is one, else the great circle."""
        return self.reported or self.direct

    def detour(self) -> Detour | None:
        """The reported route against the great circle, if a route was reported."""
        return detour(self.reported, self.direct) if self.reported else None


def plan_journey(
    data: Dataset, trip_id: str, homes: Mapping[str, Origin], routes: Mapping[str, Sequence[LatLon]]
) -> Journey:
    """The outbound flight of ``trip_id``: departure rule, great circle and reported route."""
    trip = _trip(data.trips, trip_id)
    if pd.isna(trip["lat"]):
        raise ValueError(f"trip {trip_id!r} has no coordinates")
    origin = origin_for(trip_id, data.trips, homes)
    start, end = (origin.lat, origin.lon), (float(trip["lat"]), float(trip["lon"]))
    day, person = trip["start"].date(), str(trip["person"])
    warrants = data.warrants_for(person)
    direct = survey(great_circle(start, end), data.countries, data.membership, day, warrants)
    reported = None
    if trip_id in routes:
        path = via([start, *routes[trip_id], end], label="reported route", reported=True)
        reported = survey(path, data.countries, data.membership, day, warrants)
    place = ", ".join(str(x) for x in (trip["city"], trip["iso_a3"]) if x)
    return Journey(trip_id, person, place, origin, direct, reported)


def journeys(
    data: Dataset,
    trips: pd.DataFrame,
    homes: Mapping[str, Origin],
    routes: Mapping[str, Sequence[LatLon]],
    limit: int = 100,
) -> tuple[list[Journey], int]:
    """The outbound flights of the first ``limit`` trips of ``trips`` that took place and have a
    location, and how many such trips there are. Trips with no departure point are skipped."""
    flown = trips[(trips["status"] == "took_place") & trips["lat"].notna()]
    found = []
    for trip_id in flown["trip_id"].head(limit):
        try:
            found.append(plan_journey(data, str(trip_id), homes, routes))
        except ValueError as exc:
            log.info("no route for %s: %s", trip_id, exc)
    return found, len(flown)
