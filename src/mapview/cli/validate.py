"""`mapview validate`: every problem in the data files."""

from __future__ import annotations

import sys

import click

from mapview.cli.options import data_dir_option, load


@click.command("validate")
@data_dir_option
@click.pass_context
def command(ctx: click.Context) -> None:
    """Check the data files; print every problem as file:line: column: message (value).

    Exits 1 if there is any problem. Warnings (an announced trip whose days have passed, as of
    today) are printed too but do not fail the check.
    """
    import datetime as dt

    from mapview.validate import stale_announcements

    data = load(ctx)
    for p in data.problems:
        click.echo(str(p))
    for w in stale_announcements("trips.csv", data.trips, dt.date.today()):
        click.echo(str(w))
    if data.problems:
        click.echo(f"{len(data.problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(
        f"ok: {len(data.members)} states, {len(data.warrants)} warrants, {len(data.trips)} trips"
    )
