"""`mapview trips`: the trips of a view with the verdict and its reason."""

from __future__ import annotations

import datetime as dt
import json

import click

from mapview.cli.options import (
    EARLIEST,
    data_dir_option,
    find_people,
    json_option,
    load,
    view_options,
)


@click.command("trips")
@view_options(asof=False)
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@data_dir_option
@click.pass_context
def command(
    ctx: click.Context,
    person: tuple[str, ...],
    start: dt.date | None,
    end: dt.date | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The trips in a date range (default: from 2002-07-01 to today) with verdict and reason."""
    from mapview.join import EXPORT_COLUMNS, iso_days, trips_view
    from mapview.tables import csv_text

    data = load(ctx)
    start = start or EARLIEST
    end = end or dt.date.today()
    if end < start:
        raise click.UsageError(f"--to {end} is before --from {start}")
    people = find_people(data.people, person)
    view = trips_view(data, start, end, people, dt.date.today())[EXPORT_COLUMNS]
    view = view.assign(start=iso_days(view["start"]), end=iso_days(view["end"]))
    if as_csv:
        click.echo(csv_text(view), nl=False)
    elif as_json:
        click.echo(json.dumps(view.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        for r in view.itertuples():
            click.echo(f"{r.start}  {r.person:<20} {r.host_name:<22} {r.verdict:<13} {r.reason}")
