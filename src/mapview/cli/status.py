"""`mapview status`: every country's ICC status on a day."""

from __future__ import annotations

import datetime as dt
import json

import click

from mapview.cli.options import DATE, data_dir_option, json_option, load


@click.command("status")
@click.option("--on", "day", type=DATE, required=True, help="The day.")
@json_option
@data_dir_option
@click.pass_context
def command(ctx: click.Context, day: dt.date, as_json: bool) -> None:
    """Every country's ICC status on a day."""
    from mapview.join import statuses_on

    rows = statuses_on(load(ctx), day)
    if as_json:
        items = [
            {"iso_a3": r.iso_a3, "name": r.name, "status": r.status.value, "bound": r.bound}
            for r in rows
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.iso_a3}\t{r.status.value}\t{'bound' if r.bound else '-'}\t{r.name}")
    click.echo(f"{sum(r.bound for r in rows)} states bound on {day}")
