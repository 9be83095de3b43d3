"""`mapview check`: was a country bound to arrest a person on a day?"""

from __future__ import annotations

import datetime as dt
import json

import click

from mapview.cli.options import (
    DATE,
    data_dir_option,
    find_person,
    json_option,
    load_records,
    within_horizon,
)


@click.command("check")
@click.option("--person", required=True, help="Name or a unique part of it, e.g. putin.")
@click.option(
    "--date", "day", type=DATE, required=True, help="Day of the visit (up to two years ahead)."
)
@click.option("--country", required=True, help="ISO 3166-1 alpha-3 code of the host.")
@json_option
@data_dir_option
@click.pass_context
def command(ctx: click.Context, person: str, day: dt.date, country: str, as_json: bool) -> None:
    """Was COUNTRY bound to arrest PERSON on DATE?"""
    from mapview.domain import DateRange, assess

    day = within_horizon(day, "--date")
    data = load_records(ctx)
    name = find_person(data.people, person)
    iso = country.strip().upper()
    if iso not in data.country_names.keys() | data.members.keys():
        raise click.UsageError(
            f"unknown country code {country!r} (use ISO 3166-1 alpha-3, e.g. MNG)"
        )
    m = data.membership(iso)
    f = assess(m, data.warrants_for(name), DateRange(day, day))
    out = {
        "person": name,
        "date": day.isoformat(),
        "iso_a3": iso,
        "name": m.name,
        "obligation": f.obligation,
        "status": f.status.value,
        "bound": f.host_bound,
        "warrant_outstanding": f.warrant_outstanding,
        "reason": f.reason,
        "caveat": f.caveat,
    }
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        answer = "YES" if f.obligation else "NO"
        click.echo(f"{answer}: {m.name} bound to arrest {name} on {day}? {f.reason}")
        if f.caveat:
            click.echo(f"Caveat: {f.caveat}")
