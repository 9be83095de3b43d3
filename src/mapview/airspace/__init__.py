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

from mapview.airspace.geometry import (
    GEOD,
    NOT_MODELLED,
    SPACING_KM,
    Crossing,
    Detour,
    LatLon,
    Route,
    Survey,
    check_point,
    crossings,
    cut,
    detour,
    geodesic_points,
    great_circle,
    land_km,
    overlaps,
    survey,
    via,
)
from mapview.airspace.journeys import (
    DEPARTURES,
    ROUTES,
    Journey,
    Origin,
    departure_points,
    journeys,
    origin_for,
    plan_journey,
    reported_routes,
)

__all__ = [
    "DEPARTURES",
    "GEOD",
    "NOT_MODELLED",
    "ROUTES",
    "SPACING_KM",
    "Crossing",
    "Detour",
    "Journey",
    "LatLon",
    "Origin",
    "Route",
    "Survey",
    "check_point",
    "crossings",
    "cut",
    "departure_points",
    "detour",
    "geodesic_points",
    "great_circle",
    "journeys",
    "land_km",
    "origin_for",
    "overlaps",
    "plan_journey",
    "reported_routes",
    "survey",
    "via",
]
