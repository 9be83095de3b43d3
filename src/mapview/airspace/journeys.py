"""Journeys: where a trip's flight leaves from, and its route (great circle or reported)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from mapview.airspace.geometry import (
    Detour,
    LatLon,
    Survey,
    detour,
    great_circle,
    survey,
    via,
)
from mapview.load import Dataset

DEPARTURES, ROUTES = "departures.csv", "routes.csv"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """Where a flight leaves from, and which part of the departure rule chose it."""

    lat: float
    lon: float
    place: str
    rule: str


def departure_points(data: Dataset) -> dict[str, Origin]:
    """Each person's home departure point, from the validated ``departures.csv`` rows."""
    return {
        r.person: Origin(r.lat, r.lon, r.city, "home departure point (departures.csv)")
        for r in data.departures
    }


def reported_routes(data: Dataset) -> dict[str, tuple[LatLon, ...]]:
    """Reported waypoints per trip, in ``seq`` order, from the validated ``routes.csv`` rows."""
    legs: dict[str, dict[int, LatLon]] = {}
    for r in data.routes:
        legs.setdefault(r.trip_id, {})[r.seq] = (r.lat, r.lon)
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
