"""Journeys: where a trip's flight leaves from, and its route (great circle or reported)."""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mapview.airspace.geometry import (
    Detour,
    LatLon,
    Survey,
    check_point,
    detour,
    great_circle,
    survey,
    via,
)
from mapview.load import Dataset

DEPARTURES, ROUTES = "departures.csv", "routes.csv"
log = logging.getLogger(__name__)
_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Origin:
    """Where a flight leaves from, and which part of the departure rule chose it."""

    lat: float
    lon: float
    place: str
    rule: str


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
