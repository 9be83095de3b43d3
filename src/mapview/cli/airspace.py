"""`mapview airspace`: the countries, and the States Parties, that a flight crosses."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from mapview.cli.options import DATE, data_dir_option, find_person, json_option, load

if TYPE_CHECKING:
    from mapview import airspace as air

LatLon = tuple[float, float]


class LatLonParam(click.ParamType):  # type: ignore[type-arg]
    """A point as LAT,LON in decimal degrees."""

    name = "LAT,LON"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> LatLon:
        from mapview.airspace import check_point

        if isinstance(value, tuple):
            return check_point(value)
        try:
            lat, lon = (float(x) for x in str(value).split(","))
            return check_point((lat, lon))
        except ValueError as exc:
            detail = str(exc) if "must be within" in str(exc) else f"not LAT,LON: {value!r}"
            self.fail(detail, param, ctx)


LATLON = LatLonParam()


def crossing_items(survey: air.Survey) -> list[dict[str, Any]]:
    """The crossings as JSON-ready objects, in crossing order."""
    return [
        {
            "iso_a3": c.iso_a3,
            "name": c.name,
            "km": round(c.km, 1),
            "bound": c.bound,
            "status": c.status.value,
            "entry_km": round(c.entry_km, 1),
        }
        for c in survey.crossings
    ]


def survey_lines(survey: air.Survey) -> list[str]:
    """The crossings as a table, then the totals."""
    lines = [f"  {'entry km':>9} {'km':>7}  code  {'bound':<5}  {'status':<36} name"]
    for c in survey.crossings:
        bound = "BOUND" if c.bound else "-"
        lines.append(
            f"  {c.entry_km:>9,.0f} {c.km:>7,.0f}  {c.iso_a3}   {bound:<5}  "
            f"{c.status.label:<36} {c.name}"
        )
    sea = survey.total_km - survey.land_km
    parties = ", ".join(c.name for c in survey.parties()) or "none"
    lines.append(
        f"  total {survey.total_km:,.0f} km: {survey.land_km:,.0f} km over land, "
        f"{sea:,.0f} km over sea"
    )
    lines.append(f"  States Parties or bound states crossed: {parties}")
    return lines


@click.command("airspace")
@click.option("--origin", type=LATLON, default=None, help="Departure as LAT,LON.")
@click.option("--dest", type=LATLON, default=None, help="Destination as LAT,LON.")
@click.option("--date", "day", type=DATE, default=None, help="Day of the flight.")
@click.option("--person", default=None, help="Traveller: is each state bound to arrest them?")
@click.option(
    "--trip",
    "trip_id",
    default=None,
    help="A trip_id: departure by the departure rule, and the reported route if any.",
)
@json_option
@data_dir_option
@click.pass_context
def command(
    ctx: click.Context,
    origin: LatLon | None,
    dest: LatLon | None,
    day: dt.date | None,
    person: str | None,
    trip_id: str | None,
    as_json: bool,
) -> None:
    """Which countries a flight crosses, in order, with km over each and whether it was bound.

    Only land polygons are used: territorial waters and Flight Information Regions are not
    modelled. With --trip, the flight leaves from the previous trip's destination if that trip
    ended at most one day before, else from the person's home in departures.csv; a route
    reported in routes.csv replaces the great circle.
    """
    from mapview import airspace as air

    if trip_id is not None:
        if origin or dest or day or person:
            raise click.UsageError("--trip takes its places, date and person from the trip alone")
        data = load(ctx)
        try:
            homes, routes = air.departure_points(data), air.reported_routes(data)
            journey = air.plan_journey(data, trip_id, homes, routes)
        except (ValueError, OSError) as exc:
            raise click.UsageError(str(exc)) from exc
        if as_json:
            click.echo(json.dumps(crossing_items(journey.main), ensure_ascii=False, indent=2))
        else:
            _echo_journey(journey)
            click.echo(air.NOT_MODELLED)
        return
    if origin is None or dest is None or day is None:
        raise click.UsageError("give --trip TRIP_ID, or --origin, --dest and --date")
    data = load(ctx)
    name = find_person(data.people, person) if person else None
    warrants = data.warrants_for(name) if name else []
    try:
        route = air.great_circle(origin, dest)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    found = air.survey(route, data.countries, data.membership, day, warrants)
    if as_json:
        click.echo(json.dumps(crossing_items(found), ensure_ascii=False, indent=2))
        return
    who = f", for {name}" if name else " (no traveller given, so no state is bound)"
    click.echo(f"Great circle {origin[0]},{origin[1]} -> {dest[0]},{dest[1]} on {day}{who}")
    click.echo("\n".join(survey_lines(found)))
    click.echo(air.NOT_MODELLED)


def _echo_journey(journey: air.Journey) -> None:
    o = journey.origin
    click.echo(
        f"Trip {journey.trip_id}: {journey.person} to {journey.destination} "
        f"on {journey.direct.day.isoformat()}"
    )
    click.echo(f"Departs from {o.place} ({o.lat}, {o.lon}): {o.rule}")
    if journey.reported:
        click.echo("Reported route (waypoints in routes.csv; see their notes):")
        click.echo("\n".join(survey_lines(journey.reported)))
    click.echo("Great circle:")
    click.echo("\n".join(survey_lines(journey.direct)))
    detour = journey.detour()
    if detour:
        avoided = ", ".join(c.name for c in detour.avoided) or "none"
        click.echo(
            f"Detour: {detour.extra_km:+,.0f} km against the great circle; States Parties on "
            f"the great circle that the reported route avoided: {avoided}"
        )
